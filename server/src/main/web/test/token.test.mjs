import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, privateDecrypt, verify as nodeVerify, createPublicKey, KeyObject, generateKeyPairSync } from 'node:crypto';
import {
  blindToken, finalizeToken, verifyToken, importTokenKey, tokenHash, tokenMessage,
  isPreparedMessageFor, checkBlindingState, H, DecodeError, hexToBytes,
} from '../src/protocol/index.js';
import { hex, unhex } from './helpers.mjs';

const subtle = globalThis.crypto.subtle;

async function rsaKey(bits = 3072, e = [1, 0, 1]) {
  const kp = await subtle.generateKey(
    { name: 'RSA-PSS', modulusLength: bits, publicExponent: new Uint8Array(e), hash: 'SHA-384' }, true, ['sign', 'verify']);
  const spki = hex(new Uint8Array(await subtle.exportKey('spki', kp.publicKey)));
  return { kp, spki };
}

/** The server's side: raw RSA on the blinded message (RSASP1), here via OpenSSL. */
async function blindSign(privateKey, blindedMsgHex) {
  const key = KeyObject.from(privateKey);
  return hex(privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(blindedMsgHex, 'hex')));
}

const keyP = rsaKey();

test('blind RSA round trip with a fresh RSA-3072 key', async () => {
  const { kp, spki } = await keyP;
  // the token key as the server publishes it: rsaEncryption SPKI
  assert.equal(createPublicKey({ key: Buffer.from(spki, 'hex'), format: 'der', type: 'spki' }).asymmetricKeyType, 'rsa');
  const pollId = 'poll-2026-11 Đại hội';
  const state = await blindToken(pollId, spki);
  // the state survives localStorage (JSON) as is
  const reloaded = JSON.parse(JSON.stringify(state));
  assert.deepEqual(checkBlindingState(reloaded), state);
  assert.equal(state.blindedMsg.length, 768);
  const msg = unhex(state.msg);
  assert.ok(isPreparedMessageFor(pollId, msg));
  assert.ok(!isPreparedMessageFor('other', msg));
  const id = Buffer.from(pollId, 'utf8');
  assert.equal(msg.length, 32 + 14 + 2 + id.length + 32);
  assert.equal(Buffer.from(msg.subarray(32, 46)).toString('ascii'), 'cvote/v1/token');
  assert.equal(Buffer.from(msg.subarray(46, 48)).readUInt16BE(), id.length);

  const blindSig = await blindSign(kp.privateKey, reloaded.blindedMsg);
  const token = await finalizeToken(reloaded, blindSig);
  assert.equal(token.msg, state.msg);
  assert.equal(token.sig.length, 768);
  assert.ok(await verifyToken(spki, token));
  // standard RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48), checked by OpenSSL
  assert.ok(nodeVerify('sha384', msg, {
    key: createPublicKey({ key: Buffer.from(spki, 'hex'), format: 'der', type: 'spki' }),
    padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48,
  }, Buffer.from(token.sig, 'hex')));
  // τ
  assert.equal(hex(tokenHash(token.msg)), hex(H('cvote/v1/token', { bytes: msg })));
  // a signature over another message does not verify
  const other = await blindToken(pollId, spki);
  assert.ok(!(await verifyToken(spki, { msg: other.msg, sig: token.sig })));
});

test('finalize refuses a blind signature that does not unblind to a valid signature', async () => {
  const { kp, spki } = await keyP;
  const s1 = await blindToken('p', spki);
  const s2 = await blindToken('p', spki);
  const sigFor2 = await blindSign(kp.privateKey, s2.blindedMsg);
  await assert.rejects(finalizeToken(s1, sigFor2));
  await assert.rejects(finalizeToken(s1, '00'.repeat(384)));
  await assert.rejects(finalizeToken(s1, '00'.repeat(383)), DecodeError);
  await assert.rejects(finalizeToken({ ...s1, pollId: 'q' }, sigFor2), DecodeError);
});

test('each blinding is fresh (unlinkable)', async () => {
  const { spki } = await keyP;
  const a = await blindToken('p', spki);
  const b = await blindToken('p', spki);
  assert.notEqual(a.msg, b.msg);
  assert.notEqual(a.blindedMsg, b.blindedMsg);
});

test('token key checks: RSA-3072, e = 65537, strict hex', async () => {
  const { spki } = await keyP;
  const key = await importTokenKey(spki);
  assert.equal(key.algorithm.name, 'RSA-PSS');
  assert.equal(key.extractable, true);
  const small = await rsaKey(2048);
  await assert.rejects(importTokenKey(small.spki), /3072/);
  const e3 = await rsaKey(3072, [3]);
  await assert.rejects(importTokenKey(e3.spki), /65537/);
  await assert.rejects(importTokenKey(spki.toUpperCase()), DecodeError);
  await assert.rejects(importTokenKey('3000'), DecodeError);
  // the same key under the id-RSASSA-PSS OID is not the published form
  await assert.rejects(importTokenKey(spki.replace('2a864886f70d010101', '2a864886f70d01010a')), /rsaEncryption/);
  // a key made by OpenSSL (as the Java server's JCA "RSA" keys) imports
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
  const der = hex(publicKey.export({ format: 'der', type: 'spki' }));
  assert.equal(der.slice(8, 38), '300d06092a864886f70d0101010500');
  assert.equal((await importTokenKey(der)).algorithm.modulusLength, 3072);
});

test('token message layout', () => {
  const nonce = new Uint8Array(32).fill(7);
  const m = tokenMessage('ab', nonce);
  assert.equal(hex(m), hex(Buffer.from('cvote/v1/token')) + '0002' + '6162' + '07'.repeat(32));
  assert.throws(() => tokenMessage('', nonce));
  assert.throws(() => tokenMessage('ab', new Uint8Array(31)));
  assert.deepEqual(hexToBytes(hex(m)), m);
});
