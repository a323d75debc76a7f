import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH } from 'node:crypto';
import {
  Point, G, q, p, DecodeError, hexToBytes, bytesToHex, i2osp, os2ip, decodePoint, encodePoint,
  pointToHex, decodeScalar, scalarToHex, base32, randomScalar, utf8,
} from '../src/protocol/index.js';
import { hex } from './helpers.mjs';

const GHEX = '046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'
  + '4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5';

test('hex is strict: lowercase, even length, no prefix or space', () => {
  assert.deepEqual(hexToBytes('00ff10'), Uint8Array.of(0, 255, 16));
  assert.deepEqual(hexToBytes(''), new Uint8Array(0));
  for (const bad of ['0A', 'aB', 'abc', '0x00', ' 00', '00 ', '0 0', 'zz', '00\n', '\u0660\u0661']) {
    assert.throws(() => hexToBytes(bad), DecodeError, JSON.stringify(bad));
  }
  for (const bad of [null, undefined, 12, ['00'], { x: 1 }]) assert.throws(() => hexToBytes(bad), DecodeError);
  assert.throws(() => hexToBytes('0000', 'f', 3), /expected 3 bytes/);
  assert.equal(bytesToHex(Uint8Array.of(0, 1, 171, 255)), '0001abff');
});

test('I2OSP / OS2IP', () => {
  assert.deepEqual(i2osp(258, 2), Uint8Array.of(1, 2));
  assert.deepEqual(i2osp(0, 4), Uint8Array.of(0, 0, 0, 0));
  assert.deepEqual(i2osp(0xffffffff, 4), Uint8Array.of(255, 255, 255, 255));
  assert.throws(() => i2osp(65536, 2), RangeError);
  assert.throws(() => i2osp(-1, 2), RangeError);
  assert.throws(() => i2osp(1.5, 2), RangeError);
  assert.equal(os2ip(Uint8Array.of(1, 0, 0)), 65536n);
});

test('base point encodes to the standard SEC1 uncompressed form', () => {
  assert.equal(pointToHex(G), GHEX);
  assert.ok(decodePoint(GHEX).equals(G));
});

test('scalar multiples agree with node:crypto ECDH (OpenSSL)', () => {
  const ks = [1n, 2n, 3n, q - 1n, q - 2n, 2n ** 255n, randomScalar(), randomScalar(), randomScalar()];
  for (const k of ks) {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(scalarToHex(k), 'hex'));
    const ref = hex(ecdh.getPublicKey(null, 'uncompressed'));
    assert.equal(pointToHex(G.multiply(k)), ref, `k=${k}`);
    assert.ok(decodePoint(ref).equals(G.multiply(k)));
  }
});

test('bad points are rejected', () => {
  const Fp = Point.Fp;
  const sqrtB = Fp.sqrt(Point.CURVE().b); // b is a square mod p for P-256
  const g = hexToBytes(GHEX);
  const x = g.subarray(1, 33);
  const y = g.subarray(33);
  const P = bytesToHex(i2osp(p, 32));
  const bad = {
    empty: '',
    short: GHEX.slice(0, 128),
    long: GHEX + '00',
    compressed: (os2ip(y) % 2n === 0n ? '02' : '03') + bytesToHex(x),
    prefix02: '02' + GHEX.slice(2),
    prefix00: '00' + GHEX.slice(2),
    prefix06hybrid: '06' + GHEX.slice(2),
    prefix07hybrid: '07' + GHEX.slice(2),
    identity: '04' + '00'.repeat(64),
    infinity1: '00',
    offCurve: '04' + bytesToHex(x) + bytesToHex(i2osp(os2ip(y) + 1n, 32)),
    xEqP: '04' + P + bytesToHex(y),
    yEqP: '04' + bytesToHex(x) + P,
    // (p, sqrt(b)) reduces mod p to the curve point (0, sqrt(b)): only the range check stops it
    xEqPResidueOnCurve: '04' + P + bytesToHex(i2osp(sqrtB, 32)),
    // (0, sqrt(b) + p) likewise for y, when it fits in 32 bytes
    ...(sqrtB + p < 2n ** 256n ? { yPlusP: '04' + '00'.repeat(32) + bytesToHex(i2osp(sqrtB + p, 32)) } : {}),
    yTooBig: '04' + bytesToHex(x) + 'ff'.repeat(32),
    upper: GHEX.toUpperCase(),
    prefixed: '0x' + GHEX,
  };
  for (const [why, h] of Object.entries(bad)) {
    assert.throws(() => decodePoint(h, 'pt'), DecodeError, why);
  }
  assert.throws(() => decodePoint(new Uint8Array(65)), DecodeError);
  // sanity: the residue (0, sqrt(b)) itself is a valid point
  assert.ok(decodePoint('04' + '00'.repeat(32) + bytesToHex(i2osp(sqrtB, 32))));
});

test('encodePoint refuses the identity', () => {
  assert.throws(() => encodePoint(G.subtract(G)), RangeError);
});

test('scalars: 32 bytes, < q', () => {
  assert.equal(decodeScalar('00'.repeat(32)), 0n);
  assert.equal(decodeScalar(scalarToHex(q - 1n)), q - 1n);
  for (const [why, h] of Object.entries({
    q: scalarToHexUnchecked(q), qPlus1: scalarToHexUnchecked(q + 1n), max: 'ff'.repeat(32),
    short: '00'.repeat(31), long: '00'.repeat(33), upper: scalarToHex(q - 1n).toUpperCase(),
  })) {
    assert.throws(() => decodeScalar(h), DecodeError, why);
  }
  assert.throws(() => scalarToHex(q), RangeError);
  assert.throws(() => scalarToHex(-1n), RangeError);
});

function scalarToHexUnchecked(x) {
  return bytesToHex(i2osp(x, 32));
}

test('base32 matches RFC 4648 test vectors (no padding)', () => {
  const v = { '': '', f: 'MY', fo: 'MZXQ', foo: 'MZXW6', foob: 'MZXW6YQ', fooba: 'MZXW6YTB', foobar: 'MZXW6YTBOI' };
  for (const [k, want] of Object.entries(v)) assert.equal(base32(utf8(k)), want);
});

test('utf8 rejects lone surrogates', () => {
  assert.throws(() => utf8('a\ud800b'), TypeError);
  assert.deepEqual(utf8('Việt'), Uint8Array.of(0x56, 0x69, 0xe1, 0xbb, 0x87, 0x74));
});
