// A committee member's identity (docs/protocol.md §8.1): an X25519 key pair for the HPKE shares and an
// Ed25519 signing key, the fingerprint read aloud at the conference, the Tink JSON public keysets a
// registration carries, and the HPKE suite of the ceremony. Primitives: @noble/curves and @hpke/core
// with @hpke/dhkem-x25519 (nothing hand-written but the 20-byte protobuf framing of the Tink keysets).
//
// An identity is plain JSON (hex strings), so the page can seal and store it:
//   { name, hpkePrivateKey, hpkePublicKey, signingPrivateKey, signingPublicKey, fingerprint }
// signingPrivateKey is the 32-byte RFC 8032 seed (what Tink's Ed25519PrivateKey holds);
// hpkePrivateKey the 32-byte X25519 scalar (what Tink's HpkePrivateKey holds).
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CipherSuite, HkdfSha256, Aes256Gcm } from '@hpke/core';
import { DhkemX25519HkdfSha256 } from '@hpke/dhkem-x25519';
import { bytesToHex, hexToBytes, concatBytes, DecodeError } from '../protocol/encoding.js';
import { randomBytes } from '../protocol/random.js';

export const KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
/** RFC 9180 enc (32) ‖ AES-256-GCM ciphertext of a 32-byte share with its 16-byte tag. */
export const SHARE_CIPHERTEXT_BYTES = 80;

/**
 * @typedef {{ name: string, hpkePrivateKey: string, hpkePublicKey: string,
 *             signingPrivateKey: string, signingPublicKey: string, fingerprint: string }} Identity
 */

/**
 * The fingerprint: SHA-256(X25519 key ‖ Ed25519 key), first 16 bytes, 8 groups of 4 lowercase hex digits
 * joined by '-' (as PublicKeys.fingerprint).
 * @param {Uint8Array|string} hpkePublicKey @param {Uint8Array|string} signingPublicKey
 * @returns {string}
 */
export function fingerprint(hpkePublicKey, signingPublicKey) {
  const hex = bytesToHex(sha256(concatBytes(key32(hpkePublicKey, 'hpkePublicKey'), key32(signingPublicKey, 'signingPublicKey'))).subarray(0, 16));
  return /** @type {string[]} */ (hex.match(/.{4}/g)).join('-');
}

/** @param {unknown} k @param {string} field @returns {Uint8Array} */
function key32(k, field) {
  const b = typeof k === 'string' ? hexToBytes(k, field, KEY_BYTES) : k;
  if (!(b instanceof Uint8Array) || b.length !== KEY_BYTES) throw new DecodeError(field, 'expected 32 bytes');
  return b;
}

/**
 * A fresh identity from crypto.getRandomValues.
 * @param {string} name the member's own spelling of its name (signed in the join post)
 * @returns {Identity}
 */
export function generateIdentity(name) {
  return identityFromSecrets({ name, hpkePrivateKey: x25519.utils.randomSecretKey(), signingPrivateKey: randomBytes(32) });
}

/**
 * The identity of given secret keys (a restored backup, or test vectors): public keys and fingerprint recomputed.
 * @param {{ name: string, hpkePrivateKey: Uint8Array|string, signingPrivateKey: Uint8Array|string }} s
 * @returns {Identity}
 */
export function identityFromSecrets(s) {
  if (typeof s.name !== 'string' || s.name.trim() === '') throw new DecodeError('name', 'expected a non-empty name');
  const hsk = key32(s.hpkePrivateKey, 'hpkePrivateKey');
  const ssk = key32(s.signingPrivateKey, 'signingPrivateKey');
  const hpk = x25519.getPublicKey(hsk);
  const spk = ed25519.getPublicKey(ssk);
  return {
    name: s.name,
    hpkePrivateKey: bytesToHex(hsk),
    hpkePublicKey: bytesToHex(hpk),
    signingPrivateKey: bytesToHex(ssk),
    signingPublicKey: bytesToHex(spk),
    fingerprint: fingerprint(hpk, spk),
  };
}

/**
 * Checks a stored identity: the public keys and the fingerprint are those of its secret keys.
 * @param {Identity} id @returns {Identity} the same, re-derived
 */
export function checkIdentity(id) {
  const re = identityFromSecrets(id);
  for (const k of /** @type {const} */ (['hpkePublicKey', 'signingPublicKey', 'fingerprint'])) {
    if (id[k] !== undefined && id[k] !== re[k]) throw new DecodeError(k, 'does not match the secret keys');
  }
  return re;
}

/**
 * Plain RFC 8032 Ed25519 signature (64 bytes) of a message (a 32-byte post hash).
 * @param {Identity} id @param {Uint8Array} message @returns {Uint8Array}
 */
export function sign(id, message) {
  return ed25519.sign(message, hexToBytes(id.signingPrivateKey, 'signingPrivateKey', 32));
}

/**
 * Strict RFC 8032 verification (no ZIP-215 leniency, as Tink); false on any defect.
 * @param {Uint8Array|string} publicKey @param {Uint8Array} message @param {Uint8Array|string} signature
 * @returns {boolean}
 */
export function verify(publicKey, message, signature) {
  try {
    const pk = typeof publicKey === 'string' ? hexToBytes(publicKey, 'key', 32) : publicKey;
    const sig = typeof signature === 'string' ? hexToBytes(signature, 'signature', 64) : signature;
    if (pk.length !== KEY_BYTES || sig.length !== SIGNATURE_BYTES) return false;
    return ed25519.verify(sig, message, pk, { zip215: false });
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- HPKE

let cachedSuite;
/** RFC 9180 DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM: Tink's suite of docs/protocol.md §8.1. */
export function hpkeSuite() {
  cachedSuite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  return cachedSuite;
}

/**
 * HPKE base-mode single-shot seal to a raw X25519 key, empty AAD; returns enc ‖ ct (Tink's RAW variant).
 * @param {Uint8Array|string} recipientPublicKey @param {Uint8Array} plaintext @param {Uint8Array} info
 * @returns {Promise<Uint8Array>}
 */
export async function hpkeSeal(recipientPublicKey, plaintext, info) {
  const suite = hpkeSuite();
  const pk = await suite.kem.deserializePublicKey(key32(recipientPublicKey, 'hpkePublicKey'));
  const ctx = await suite.createSenderContext({ recipientPublicKey: pk, info });
  const ct = new Uint8Array(await ctx.seal(plaintext));
  return concatBytes(new Uint8Array(ctx.enc), ct);
}

/**
 * HPKE open of enc ‖ ct with the member's X25519 private key; throws on any failure.
 * @param {Identity} id @param {Uint8Array} ciphertext @param {Uint8Array} info
 * @returns {Promise<Uint8Array>}
 */
export async function hpkeOpen(id, ciphertext, info) {
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < 32 + 16) throw new DecodeError('ciphertext', 'too short');
  const suite = hpkeSuite();
  const sk = await suite.kem.importKey('raw', hexToBytes(id.hpkePrivateKey, 'hpkePrivateKey', 32), false);
  const ctx = await suite.createRecipientContext({ recipientKey: sk, enc: ciphertext.slice(0, 32), info });
  return new Uint8Array(await ctx.open(ciphertext.slice(32)));
}

// ---------------------------------------------------------------- Tink public keysets

const HPKE_PUBLIC_TYPE = 'type.googleapis.com/google.crypto.tink.HpkePublicKey';
const ED25519_PUBLIC_TYPE = 'type.googleapis.com/google.crypto.tink.Ed25519PublicKey';

/**
 * The Tink JSON public keysets a registration carries (docs/protocol.md §8.1, §13 "Keys"): one ENABLED RAW key each,
 * whose key material is the raw key. The protobuf values are fixed framings around the 32 key bytes:
 * HpkePublicKey { params { kem = DHKEM_X25519_HKDF_SHA256 (1), kdf = HKDF_SHA256 (1), aead = AES_256_GCM (2) },
 * public_key } = 12 06 08 01 10 01 18 02 1a 20 ‖ key, and Ed25519PublicKey { key_value } = 12 20 ‖ key.
 * @param {Uint8Array|string} hpkePublicKey @param {Uint8Array|string} signingPublicKey
 * @param {() => number} [keyId] Tink key id source (default random uint32; tests fix it)
 * @returns {{ hpkeKeyset: object, signingKeyset: object }}
 */
export function publicKeysets(hpkePublicKey, signingPublicKey, keyId = randomKeyId) {
  const hv = concatBytes(Uint8Array.of(0x12, 0x06, 0x08, 0x01, 0x10, 0x01, 0x18, 0x02, 0x1a, 0x20), key32(hpkePublicKey, 'hpkePublicKey'));
  const sv = concatBytes(Uint8Array.of(0x12, 0x20), key32(signingPublicKey, 'signingPublicKey'));
  return { hpkeKeyset: keyset(HPKE_PUBLIC_TYPE, hv, keyId()), signingKeyset: keyset(ED25519_PUBLIC_TYPE, sv, keyId()) };
}

/** @param {string} typeUrl @param {Uint8Array} value @param {number} id */
function keyset(typeUrl, value, id) {
  return {
    primaryKeyId: id,
    key: [{
      keyData: { typeUrl, value: base64(value), keyMaterialType: 'ASYMMETRIC_PUBLIC' },
      status: 'ENABLED',
      keyId: id,
      outputPrefixType: 'RAW',
    }],
  };
}

function randomKeyId() {
  const b = randomBytes(4);
  return (((b[0] & 0x7f) << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) || 1;
}

/**
 * The raw key inside a Tink public keyset made by {@link publicKeysets} or by Tink (Java): exactly one key, ENABLED,
 * RAW, of the expected type and framing. Throws DecodeError naming the field otherwise.
 * @param {any} ks @param {'hpke'|'signing'} kind
 * @returns {Uint8Array}
 */
export function keyOfKeyset(ks, kind) {
  const field = `${kind}Keyset`;
  if (!ks || !Array.isArray(ks.key) || ks.key.length !== 1) throw new DecodeError(field, 'expected exactly one key');
  const k = ks.key[0];
  if (k.status !== 'ENABLED' || k.outputPrefixType !== 'RAW' || k.keyId !== ks.primaryKeyId || !k.keyData
    || k.keyData.keyMaterialType !== 'ASYMMETRIC_PUBLIC') {
    throw new DecodeError(field, 'expected one enabled RAW public key');
  }
  const v = unbase64(k.keyData.value, field);
  const [type, prefix] = kind === 'hpke'
    ? [HPKE_PUBLIC_TYPE, Uint8Array.of(0x12, 0x06, 0x08, 0x01, 0x10, 0x01, 0x18, 0x02, 0x1a, 0x20)]
    : [ED25519_PUBLIC_TYPE, Uint8Array.of(0x12, 0x20)];
  if (k.keyData.typeUrl !== type || v.length !== prefix.length + 32 || !prefix.every((x, i) => v[i] === x)) {
    throw new DecodeError(field, 'not a key of the ceremony suite');
  }
  return v.slice(prefix.length);
}

/** @param {Uint8Array} b */
function base64(b) {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}
/** @param {unknown} s @param {string} field */
function unbase64(s, field) {
  if (typeof s !== 'string') throw new DecodeError(field, 'expected base64');
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    throw new DecodeError(field, 'expected base64');
  }
}
