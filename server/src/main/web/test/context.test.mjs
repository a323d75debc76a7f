import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import {
  G, randomScalar, randomBytes, bytesToHex, pointToHex, H, manifestHash, contextHash, jointKeyMatches,
  receiptHash, checkReceipt, trackingCode, DecodeError,
} from '../src/protocol/index.js';
import { sha256, hex } from './helpers.mjs';

const manifest = {
  pollId: 'p-1', title: 'Lấy phiếu tín nhiệm',
  subjects: [{ index: 1, name: 'Nguyễn Văn An', position: 'Chủ tịch', unit: 'UBND' }, { index: 2, name: 'B', position: 'C', unit: 'D' }],
  options: ['HIGH', 'MID', 'LOW'],
};

test('manifest hash follows §3 and is strict', () => {
  const want = H('cvote/v1/manifest', { string: 'p-1' }, { string: 'Lấy phiếu tín nhiệm' }, { int: 2 },
    { int: 1 }, { string: 'Nguyễn Văn An' }, { string: 'Chủ tịch' }, { string: 'UBND' },
    { int: 2 }, { string: 'B' }, { string: 'C' }, { string: 'D' });
  assert.equal(hex(manifestHash(manifest)), hex(want));
  const { options, ...noOptions } = manifest;
  assert.equal(hex(manifestHash(noOptions)), hex(want));
  assert.throws(() => manifestHash({ ...manifest, options: ['HIGH', 'LOW', 'MID'] }), DecodeError);
  assert.throws(() => manifestHash({ ...manifest, subjects: [manifest.subjects[1], manifest.subjects[0]] }), /subjects\[0\]\.index/);
  assert.throws(() => manifestHash({ ...manifest, title: 'Le\u0301' }), /NFC/); // decomposed é
});

test('context hash Q follows §3', () => {
  const n = 3;
  const t = 2;
  const commitments = Array.from({ length: n }, () => Array.from({ length: t }, () => G.multiply(randomScalar())));
  const K = commitments.reduce((s, ki) => s.add(ki[0]), G.subtract(G));
  const spki = bytesToHex(randomBytes(420));
  const ed = bytesToHex(randomBytes(32));
  const inputs = [{ hash: manifestHash(manifest) }, { int: n }, { int: t }];
  for (const ki of commitments) for (const P of ki) inputs.push({ point: P });
  inputs.push({ point: K }, { hash: sha256(Buffer.from(spki, 'hex')) }, { hash: sha256(Buffer.from(ed, 'hex')) });
  const ctx = { manifest, n, t, commitments: commitments.map((ki) => ki.map(pointToHex)), jointKey: pointToHex(K), tokenSpki: spki, signingKey: ed };
  assert.equal(hex(contextHash(ctx)), hex(H('cvote/v1/context', ...inputs)));
  assert.ok(jointKeyMatches(ctx.commitments, ctx.jointKey));
  assert.ok(!jointKeyMatches(ctx.commitments, pointToHex(K.add(G))));
  assert.throws(() => contextHash({ ...ctx, t: 3 }), DecodeError);
  assert.throws(() => contextHash({ ...ctx, signingKey: ed + '00' }), DecodeError);
  assert.notEqual(hex(contextHash({ ...ctx, tokenSpki: spki.slice(2) })), hex(contextHash(ctx)));
});

test('receipt: hash, tracking code and Ed25519 signature (checked against OpenSSL-made signatures)', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const Q = randomBytes(32);
  const B = randomBytes(32);
  const T = randomBytes(32);
  const rh = receiptHash(Q, 7, B, T);
  assert.equal(hex(rh), hex(H('cvote/v1/receipt', { hash: Q }, { int: 7 }, { hash: B }, { hash: T })));
  const receipt = { index: 7, ballotHash: bytesToHex(B), trackingCode: trackingCode(T), chain: bytesToHex(T),
    signature: hex(sign(null, rh, privateKey)) };
  const expected = { Q, signingKey: hex(pub), ballotHash: B };
  assert.deepEqual(checkReceipt(receipt, expected), { ok: true, problems: [] });
  assert.deepEqual(checkReceipt({ ...receipt, index: 8 }, expected).problems, ['signature']);
  assert.deepEqual(checkReceipt({ ...receipt, trackingCode: 'AAAA-AAAA-AAAA-AAAA' }, expected).problems, ['trackingCode']);
  assert.deepEqual(checkReceipt(receipt, { ...expected, ballotHash: randomBytes(32) }).problems, ['ballotHash']);
  assert.deepEqual(checkReceipt(receipt, { ...expected, Q: randomBytes(32) }).problems, ['signature']);
  assert.deepEqual(checkReceipt({ ...receipt, signature: receipt.signature.toUpperCase() }, expected).problems, ['signature']);
  assert.deepEqual(checkReceipt({ ...receipt, chain: 'zz' }, expected).problems, ['chain']);
});
