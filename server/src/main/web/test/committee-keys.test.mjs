// The member's identity (src/committee/keys.js): fingerprint against an independent SHA-256, HPKE round trip and its
// bindings, strict Ed25519, Tink keysets, and a stored identity whose public part was altered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../src/protocol/index.js';
import {
  generateIdentity, identityFromSecrets, checkIdentity, fingerprint, sign, verify, hpkeSeal, hpkeOpen, publicKeysets,
  keyOfKeyset, registration, joinPost, SHARE_CIPHERTEXT_BYTES,
} from '../src/committee/index.js';

test('fingerprint: first 16 bytes of SHA-256(X25519 ‖ Ed25519), 8 groups of 4 lowercase hex digits', () => {
  const id = generateIdentity('Nguyễn Thị A');
  const h = createHash('sha256').update(Buffer.concat([Buffer.from(id.hpkePublicKey, 'hex'), Buffer.from(id.signingPublicKey, 'hex')]))
    .digest('hex').slice(0, 32);
  assert.equal(id.fingerprint, h.match(/.{4}/g).join('-'));
  assert.match(id.fingerprint, /^[0-9a-f]{4}(-[0-9a-f]{4}){7}$/);
  assert.notEqual(fingerprint(id.signingPublicKey, id.hpkePublicKey), id.fingerprint, 'the order of the keys matters');
});

test('a stored identity is re-derived from its secrets; an altered public key or fingerprint is refused', () => {
  const id = generateIdentity('B');
  assert.deepEqual(identityFromSecrets(JSON.parse(JSON.stringify(id))), id);
  const other = generateIdentity('C');
  assert.throws(() => checkIdentity({ ...id, signingPublicKey: other.signingPublicKey }), /signingPublicKey/);
  assert.throws(() => checkIdentity({ ...id, fingerprint: other.fingerprint }), /fingerprint/);
  assert.throws(() => identityFromSecrets({ ...id, hpkePrivateKey: 'abcd' }), /hpkePrivateKey/);
});

test('HPKE: 80-byte enc ‖ ct; opens only with the recipient key and the same info', async () => {
  const a = generateIdentity('A');
  const b = generateIdentity('B');
  const info = new Uint8Array([1, 2, 3]);
  const pt = hexToBytes('11'.repeat(32));
  const ct = await hpkeSeal(a.hpkePublicKey, pt, info);
  assert.equal(ct.length, SHARE_CIPHERTEXT_BYTES);
  assert.equal(bytesToHex(await hpkeOpen(a, ct, info)), '11'.repeat(32));
  await assert.rejects(hpkeOpen(b, ct, info));
  await assert.rejects(hpkeOpen(a, ct, new Uint8Array([1, 2, 4])));
  const flipped = ct.slice();
  flipped[40] ^= 1;
  await assert.rejects(hpkeOpen(a, flipped, info));
  assert.notEqual(bytesToHex(await hpkeSeal(a.hpkePublicKey, pt, info)), bytesToHex(ct), 'randomised');
});

test('Ed25519: strict verification; another message, key or a flipped bit fails', () => {
  const id = generateIdentity('A');
  const msg = new Uint8Array(32).fill(7);
  const sig = sign(id, msg);
  assert.ok(verify(id.signingPublicKey, msg, sig));
  assert.ok(!verify(generateIdentity('B').signingPublicKey, msg, sig));
  assert.ok(!verify(id.signingPublicKey, new Uint8Array(32).fill(8), sig));
  const bad = sig.slice();
  bad[63] ^= 0x80;
  assert.ok(!verify(id.signingPublicKey, msg, bad));
  assert.ok(!verify(id.signingPublicKey, msg, sig.slice(0, 63)));
});

test('registration: self-signed over the join hash, with keysets that hold the raw keys; the code is not signed', () => {
  const id = generateIdentity('Trần Văn D');
  const r = registration('poll-1', id, 'ABCD-EFGH').body;
  assert.equal(r.invitation, 'ABCD-EFGH');
  assert.ok(verify(id.signingPublicKey, joinPost('poll-1', id.name, id.hpkePublicKey, id.signingPublicKey), r.signature));
  assert.ok(!verify(id.signingPublicKey, joinPost('poll-2', id.name, id.hpkePublicKey, id.signingPublicKey), r.signature));
  assert.equal(bytesToHex(keyOfKeyset(r.hpkeKeyset, 'hpke')), id.hpkePublicKey);
  assert.equal(bytesToHex(keyOfKeyset(r.signingKeyset, 'signing')), id.signingPublicKey);
  assert.deepEqual(registration('poll-1', id, 'OTHER').body.signature, r.signature);
  const ks = publicKeysets(id.hpkePublicKey, id.signingPublicKey);
  assert.equal(ks.hpkeKeyset.primaryKeyId, ks.hpkeKeyset.key[0].keyId);
});
