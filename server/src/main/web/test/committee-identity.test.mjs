// The v2 identity file (committee/API.md §5.1) against the cross-language vector the Java suite reads too
// (crypto/src/test/resources/vectors/committee-identity-v2.json, PortableIdentityTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  sealIdentity, openIdentity, deriveKey, plaintextOf, fromHex, toHex, publicKeys, readPublic, IdentityFileError, importKdf, PAGE_KDF,
} from '../src/ui/committee-identity.js';

const v = JSON.parse(readFileSync(new URL('../../../../../crypto/src/test/resources/vectors/committee-identity-v2.json', import.meta.url), 'utf8'));

test('the Argon2id key, the public keys and the fingerprint equal the vector', async () => {
  assert.equal(toHex(await deriveKey(v.passphrase, v.file.kdf)), v.key);
  assert.equal(toHex(await deriveKey(v.passphraseNfd, v.file.kdf)), v.key, 'the NFD spelling gives the same key');
  const pub = publicKeys(fromHex(v.x25519PrivateKey), fromHex(v.ed25519Seed));
  assert.equal(toHex(pub.hpkePublicKey), v.hpkePublicKey);
  assert.equal(toHex(pub.signingPublicKey), v.signingPublicKey);
  assert.equal(pub.fingerprint, v.fingerprint);
});

test('the file sealed by Java opens here, and sealing here gives the same file byte for byte', async () => {
  const id = await openIdentity(JSON.stringify(v.file), v.passphrase);
  assert.equal(id.name, v.name);
  assert.equal(toHex(id.x25519PrivateKey), v.x25519PrivateKey);
  assert.equal(toHex(id.ed25519Seed), v.ed25519Seed);
  assert.equal(id.polls.length, 1);
  assert.equal(id.polls[0].state.secretShare, '0000000000000000000000000000000000000000000000000000000000067932');
  assert.equal(new TextDecoder().decode(plaintextOf(id)), v.plaintext, 'the plaintext in the CLI field order');
  const again = await sealIdentity(id, v.passphrase, { kdf: v.file.kdf, nonce: fromHex(v.file.nonce) });
  assert.deepEqual(again, v.file);
});

test('a wrong passphrase, a flipped bit, swapped public keys and a foreign format are refused', async () => {
  await assert.rejects(openIdentity(v.file, 'mật khẩu của Hoa 2027'), (e) => e instanceof IdentityFileError && e.reason === 'passphrase');
  const s = v.file.sealed;
  const flipped = { ...v.file, sealed: s.slice(0, 10) + (s[10] === '0' ? '1' : '0') + s.slice(11) };
  await assert.rejects(openIdentity(flipped, v.passphrase), (e) => e.reason === 'passphrase');
  const other = publicKeys(fromHex('11'.repeat(32)), fromHex('22'.repeat(32)));
  const swapped = { ...v.file, signingPublicKey: toHex(other.signingPublicKey) };
  await assert.rejects(openIdentity(swapped, v.passphrase), (e) => e.reason === 'tampered');
  await assert.rejects(openIdentity({ ...v.file, name: 'Người khác' }, v.passphrase), (e) => e.reason === 'tampered');
  assert.throws(() => readPublic({ ...v.file, format: 'cvote-committee-identity/1' }), (e) => e.reason === 'format');
  assert.throws(() => readPublic({ ...v.file, kdf: { ...v.file.kdf, memoryKiB: 1 << 22 } }), (e) => e.reason === 'format');
  await assert.rejects(sealIdentity({ name: 'A', x25519PrivateKey: new Uint8Array(32), ed25519Seed: new Uint8Array(32) }, 'short'),
    (e) => e.reason === 'passphrase');
});

test('a fresh file round-trips with a random salt and nonce', async () => {
  const id = { name: 'Đỗ Minh', x25519PrivateKey: crypto.getRandomValues(new Uint8Array(32)), ed25519Seed: crypto.getRandomValues(new Uint8Array(32)),
    polls: [{ pollId: 'p-1', server: 'http://localhost:1', state: null, browser: { phase: 'joined' } }] };
  const f = await sealIdentity(id, 'một mật khẩu dài', { kdf: { memoryKiB: 64, iterations: 1 } });
  assert.equal(f.kdf.salt.length, 32);
  assert.ok(!JSON.stringify(f).includes(toHex(id.x25519PrivateKey)));
  const o = await openIdentity(JSON.stringify(f), 'một mật khẩu dài');
  assert.equal(o.fingerprint, f.fingerprint);
  assert.deepEqual(o.polls, [{ pollId: 'p-1', server: 'http://localhost:1', state: null, browser: { phase: 'joined' } }]);
});

test('readPublic refuses a clear fingerprint that is not the public keys\' (a tampered stored file shows no false fingerprint)', () => {
  const f = { ...v.file, fingerprint: '0000-0000-0000-0000-0000-0000-0000-0000' };
  assert.throws(() => readPublic(f), (e) => e instanceof IdentityFileError && e.reason === 'tampered');
  assert.equal(readPublic(v.file).fingerprint, v.fingerprint);
});

test('a file asking for a huge Argon2id cost is refused before any derivation (no frozen page)', async () => {
  for (const kdf of [{ memoryKiB: 1 << 20, iterations: 1 }, { memoryKiB: 65536, iterations: 64 }]) {
    const f = { ...v.file, kdf: { ...v.file.kdf, ...kdf } };
    assert.throws(() => readPublic(f), (e) => e instanceof IdentityFileError && e.reason === 'format');
    await assert.rejects(openIdentity(f, v.passphrase), (e) => e instanceof IdentityFileError && e.reason === 'format');
  }
  readPublic({ ...v.file, kdf: { ...v.file.kdf, memoryKiB: 65536, iterations: 3 } }); // the CLI's cost still opens
});

test('an imported file with a weak Argon2id cost is re-sealed at the page\'s cost with a fresh salt', () => {
  const weak = importKdf(v.file.kdf);
  assert.ok(weak, 'the vector\'s 256 KiB cost is below the page\'s');
  assert.equal(weak.memoryKiB, PAGE_KDF.memoryKiB);
  assert.equal(weak.iterations, PAGE_KDF.iterations);
  assert.notEqual(weak.salt, v.file.kdf.salt);
  assert.ok(importKdf({ ...v.file.kdf, memoryKiB: 262144, iterations: 3 }), 'a cost far above the page\'s would slow every unlock');
  assert.equal(importKdf({ ...v.file.kdf, memoryKiB: 65536, iterations: 3 }), null, 'the CLI\'s cost (stronger) is kept');
  assert.equal(importKdf({ ...v.file.kdf, ...PAGE_KDF }), null, 'the page\'s own cost is kept');
  assert.ok(importKdf({ ...v.file.kdf, memoryKiB: PAGE_KDF.memoryKiB, iterations: 1 }), 'fewer passes than the page\'s');
});
