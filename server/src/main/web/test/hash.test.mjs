import { test } from 'node:test';
import assert from 'node:assert/strict';
import { G, q, H, Hq, pointToHex, scalarToHex, randomScalar, os2ip } from '../src/protocol/index.js';
import { sha256, sha512, hex, unhex } from './helpers.mjs';

// Reference encoding written independently with Buffers (docs/protocol.md §2).
function refPreimage(tag, xs) {
  const parts = [];
  const t = Buffer.from(tag, 'ascii');
  const l2 = Buffer.alloc(2); l2.writeUInt16BE(t.length);
  parts.push(l2, t);
  for (const x of xs) {
    const l4 = Buffer.alloc(4); l4.writeUInt32BE(x.length);
    parts.push(l4, Buffer.from(x));
  }
  return Buffer.concat(parts);
}
const int4 = (n) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };

test('H and Hq with every input kind match an independent encoding', () => {
  const P = G.multiply(randomScalar());
  const s = randomScalar();
  const h32 = sha256(Buffer.from('x'));
  const raw = Uint8Array.of(1, 2, 3);
  const tag = 'cvote/v1/test';
  const inputs = [{ point: P }, { scalar: s }, { int: 7 }, { string: 'Chủ tịch' }, { hash: h32 }, { bytes: raw }, { bytes: new Uint8Array(0) }];
  const xs = [unhex(pointToHex(P)), unhex(scalarToHex(s)), int4(7), Buffer.from('Chủ tịch', 'utf8'), h32, raw, new Uint8Array(0)];
  const pre = refPreimage(tag, xs);
  assert.equal(hex(H(tag, ...inputs)), hex(sha256(pre)));
  assert.equal(Hq(tag, ...inputs), os2ip(sha512(pre)) % q);
  // hex forms of the same inputs hash the same
  const hexInputs = [{ point: pointToHex(P) }, { scalar: scalarToHex(s) }, { int: 7n }, { string: 'Chủ tịch' },
    { hash: hex(h32) }, { bytes: '010203' }, { bytes: '' }];
  assert.equal(hex(H(tag, ...hexInputs)), hex(sha256(pre)));
});

test('H with no inputs hashes only the tag', () => {
  assert.equal(hex(H('cvote/v1/chain0')), hex(sha256(refPreimage('cvote/v1/chain0', []))));
});

test('Hq is SHA-512 mod q and lands in [0, q)', () => {
  for (let i = 0; i < 20; i++) {
    const v = Hq('cvote/v1/test', { int: i });
    assert.ok(v >= 0n && v < q);
    assert.equal(v, os2ip(sha512(refPreimage('cvote/v1/test', [int4(i)]))) % q);
  }
});

test('bad typed inputs and tags are refused', () => {
  const t = 'cvote/v1/test';
  for (const bad of [{ int: -1 }, { int: 2 ** 32 }, { int: 1.5 }, { hash: new Uint8Array(31) }, { hash: 'AB'.repeat(32) },
    { point: '04' }, { scalar: 'ff'.repeat(32) }, { scalar: q }, { string: 5 }, { bytes: 'abc' },
    { int: 1, string: 'x' }, {}, { blob: '00' }, null, '00', new Uint8Array(2)]) {
    assert.throws(() => H(t, /** @type {any} */ (bad)), JSON.stringify(bad, (k, v) => (typeof v === 'bigint' ? String(v) : v)));
  }
  for (const tag of ['', 'cvote/v3/x', 'cvote/v2/', 'other/v1/x', 'cvote/v1/', 'cvote/v1/é', 'cvote/v1/a b']) {
    assert.throws(() => H(tag), TypeError, tag);
  }
});

test('one input is not confusable with two (length prefixes)', () => {
  const t = 'cvote/v1/test';
  assert.notEqual(hex(H(t, { bytes: '0102' })), hex(H(t, { bytes: '01' }, { bytes: '02' })));
  assert.notEqual(hex(H(t, { string: 'ab' })), hex(H(t, { string: 'a' }, { string: 'b' })));
});
