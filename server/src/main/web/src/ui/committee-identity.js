// The committee member's identity-and-state file, format cvote-committee-identity/2 (committee/API.md §5.1),
// the same file the CLI writes and reads (`cvote-committee export` / `import`): the raw keys and the per-poll
// member state in one JSON plaintext, sealed with AES-256-GCM (WebCrypto) under an Argon2id key (@noble/hashes,
// plain JavaScript: the page's Content-Security-Policy allows no WebAssembly) derived from the NFC passphrase.
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { x25519, ed25519 } from '@noble/curves/ed25519.js';

export const FORMAT = 'cvote-committee-identity/2';
export const CIPHER = 'aes-256-gcm';
/** The page's Argon2id cost: OWASP's 19 MiB, 2 passes (a phone derives it in about a second). The CLI's is 64 MiB, 3. */
export const PAGE_KDF = Object.freeze({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
/**
 * Largest cost a file may ask for (a phone must open it; a hostile file must not freeze the page): 256 MiB, and at most
 * 1 GiB of memory passes in all (the CLI's 64 MiB × 3 is well inside; 1 GiB × 64 would take a phone hours).
 */
const MAX_MEMORY_KIB = 1 << 18;
const MAX_ITERATIONS = 16;
const MAX_COST_KIB = 1 << 20;

const enc = new TextEncoder();
const AD = enc.encode(FORMAT);

export class IdentityFileError extends Error {
  /** @param {'passphrase'|'format'|'tampered'} reason */
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(s, field, length) {
  if (typeof s !== 'string' || !/^([0-9a-f]{2})*$/.test(s) || (length !== undefined && s.length !== 2 * length)) {
    throw new IdentityFileError('format', `${field}: ${length ? length + ' bytes of ' : ''}lowercase hex expected`);
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The fingerprint read aloud (docs/protocol.md §8.6): SHA-256(X25519 key ‖ Ed25519 key), 16 bytes, 8 groups of 4 hex. */
export function fingerprint(hpkePublicKey, signingPublicKey) {
  const d = sha256(new Uint8Array([...hpkePublicKey, ...signingPublicKey]));
  return toHex(d.slice(0, 16)).match(/.{4}/g).join('-');
}

/** The public keys and fingerprint of raw private keys. */
export function publicKeys(x25519PrivateKey, ed25519Seed) {
  const hpkePublicKey = x25519.getPublicKey(x25519PrivateKey);
  const signingPublicKey = ed25519.getPublicKey(ed25519Seed);
  return { hpkePublicKey, signingPublicKey, fingerprint: fingerprint(hpkePublicKey, signingPublicKey) };
}

function checkKdf(kdf) {
  if (!kdf || kdf.algorithm !== 'argon2id') throw new IdentityFileError('format', 'kdf.algorithm: only argon2id is supported');
  const { memoryKiB, iterations, parallelism } = kdf;
  if (![memoryKiB, iterations, parallelism].every(Number.isSafeInteger) || memoryKiB < 8 || memoryKiB > MAX_MEMORY_KIB
      || iterations < 1 || iterations > MAX_ITERATIONS || memoryKiB * iterations > MAX_COST_KIB
      || parallelism < 1 || parallelism > 16 || memoryKiB < 8 * parallelism) {
    throw new IdentityFileError('format', 'kdf: Argon2id parameters out of range');
  }
  if (fromHex(kdf.salt, 'kdf.salt').length < 16) throw new IdentityFileError('format', 'kdf.salt: at least 16 bytes');
}

/**
 * The cost an imported file is re-sealed at, or null to keep its own: a file below the page's cost (a hostile or old file
 * with 8 KiB, 1 pass would leave the stored keys open to a cheap guess) or far above it (over 4× its memory would slow
 * every unlock on a phone; the CLI's 64 MiB, 3 passes is kept) gets the page's cost and a fresh salt.
 */
export function importKdf(kdf) {
  const weak = kdf.memoryKiB < PAGE_KDF.memoryKiB || kdf.iterations < PAGE_KDF.iterations;
  const heavy = kdf.memoryKiB > PAGE_KDF.memoryKiB * 4;
  return weak || heavy ? { algorithm: 'argon2id', ...PAGE_KDF, salt: toHex(crypto.getRandomValues(new Uint8Array(16))) } : null;
}

/** Argon2id (version 0x13) of the NFC passphrase: the 32-byte AES-256-GCM key. */
export async function deriveKey(passphrase, kdf, onProgress) {
  checkKdf(kdf);
  return argon2idAsync(enc.encode(passphrase.normalize('NFC')), fromHex(kdf.salt, 'kdf.salt'), {
    t: kdf.iterations, m: kdf.memoryKiB, p: kdf.parallelism, dkLen: 32, version: 0x13,
    asyncTick: 20, onProgress: onProgress ?? undefined,
  });
}

async function gcm(mode, key, nonce, data) {
  const k = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, false, [mode]);
  const params = { name: 'AES-GCM', iv: nonce, additionalData: AD, tagLength: 128 };
  return new Uint8Array(mode === 'encrypt' ? await crypto.subtle.encrypt(params, k, data) : await crypto.subtle.decrypt(params, k, data));
}

/**
 * The plaintext JSON, in the CLI's field order: {name, x25519PrivateKey, ed25519Seed, polls: [{pollId, server?, state?, browser?}]}.
 * `state` is the member state as the CLI keeps it (MemberState's JSON); `browser` holds what only the page uses (the CLI drops it).
 */
export function plaintextOf(identity) {
  const polls = (identity.polls ?? []).map((p) => {
    const e = { pollId: p.pollId };
    if (p.server != null) e.server = p.server;
    if (p.state != null) e.state = p.state;
    if (p.browser != null) e.browser = p.browser;
    return e;
  });
  return enc.encode(JSON.stringify({
    name: identity.name, x25519PrivateKey: toHex(identity.x25519PrivateKey), ed25519Seed: toHex(identity.ed25519Seed), polls,
  }));
}

/**
 * Seals an identity {name, x25519PrivateKey, ed25519Seed, polls} into the v2 file (an object; JSON.stringify it to save).
 * `opts.kdf` (cost, and a salt for the test vector) and `opts.nonce` default to the page's cost and fresh random bytes;
 * `opts.key` is the key already derived for `opts.kdf` (a re-seal after each ceremony step: same salt, fresh nonce).
 */
export async function sealIdentity(identity, passphrase, opts = {}) {
  if (!opts.key && (typeof passphrase !== 'string' || [...passphrase].length < 8)) {
    throw new IdentityFileError('passphrase', 'the passphrase must have at least 8 characters');
  }
  const kdf = {
    algorithm: 'argon2id',
    memoryKiB: opts.kdf?.memoryKiB ?? PAGE_KDF.memoryKiB,
    iterations: opts.kdf?.iterations ?? PAGE_KDF.iterations,
    parallelism: opts.kdf?.parallelism ?? PAGE_KDF.parallelism,
    salt: opts.kdf?.salt ?? toHex(crypto.getRandomValues(new Uint8Array(16))),
  };
  const nonce = opts.nonce ?? crypto.getRandomValues(new Uint8Array(12));
  const key = opts.key ?? await deriveKey(passphrase, kdf, opts.onProgress);
  const plain = opts.plaintext ?? plaintextOf(identity);
  const sealed = await gcm('encrypt', key, nonce, plain);
  const pub = publicKeys(identity.x25519PrivateKey, identity.ed25519Seed);
  return {
    format: FORMAT, name: identity.name, hpkePublicKey: toHex(pub.hpkePublicKey), signingPublicKey: toHex(pub.signingPublicKey),
    fingerprint: pub.fingerprint, kdf, cipher: CIPHER, nonce: toHex(nonce), sealed: toHex(sealed),
  };
}

/** The clear part of a v2 file (no passphrase): name, public keys, fingerprint. Throws on anything else. */
export function readPublic(file) {
  const f = typeof file === 'string' ? parseJson(file) : file;
  if (!f || f.format !== FORMAT) {
    throw new IdentityFileError('format', `not a ${FORMAT} file` + (f?.format ? ` (format ${f.format}: open it with the CLI and export it)` : ''));
  }
  if (f.cipher !== CIPHER) throw new IdentityFileError('format', `cipher: only ${CIPHER}`);
  checkKdf(f.kdf);
  const hpkePublicKey = fromHex(f.hpkePublicKey, 'hpkePublicKey', 32);
  const signingPublicKey = fromHex(f.signingPublicKey, 'signingPublicKey', 32);
  // the fingerprint shown before unlocking is recomputed, never the file's word for it
  const fp = fingerprint(hpkePublicKey, signingPublicKey);
  if (f.fingerprint !== fp) throw new IdentityFileError('tampered', 'fingerprint: not that of the public keys in clear');
  return { name: String(f.name), hpkePublicKey, signingPublicKey, fingerprint: fp };
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new IdentityFileError('format', 'not a JSON file');
  }
}

/**
 * Opens a v2 file (object or JSON text): {name, x25519PrivateKey, ed25519Seed, hpkePublicKey, signingPublicKey, fingerprint,
 * polls, kdf, key}. A wrong passphrase or any change to the sealed part: IdentityFileError('passphrase'); public keys or
 * name in clear that are not the sealed ones: IdentityFileError('tampered').
 */
export async function openIdentity(file, passphrase, onProgress) {
  const f = typeof file === 'string' ? parseJson(file) : file;
  const pub = readPublic(f);
  const nonce = fromHex(f.nonce, 'nonce', 12);
  const key = await deriveKey(passphrase, f.kdf, onProgress);
  let plain;
  try {
    plain = await gcm('decrypt', key, nonce, fromHex(f.sealed, 'sealed'));
  } catch {
    throw new IdentityFileError('passphrase', 'wrong passphrase, or the file was altered');
  }
  const p = JSON.parse(new TextDecoder().decode(plain));
  const x25519PrivateKey = fromHex(p.x25519PrivateKey, 'x25519PrivateKey', 32);
  const ed25519Seed = fromHex(p.ed25519Seed, 'ed25519Seed', 32);
  const derived = publicKeys(x25519PrivateKey, ed25519Seed);
  if (toHex(derived.hpkePublicKey) !== toHex(pub.hpkePublicKey) || toHex(derived.signingPublicKey) !== toHex(pub.signingPublicKey)
      || p.name !== pub.name) {
    throw new IdentityFileError('tampered', 'the public keys or the name in clear do not match the sealed identity');
  }
  if (p.polls !== undefined && !Array.isArray(p.polls)) throw new IdentityFileError('format', 'polls: an array expected');
  const polls = (p.polls ?? []).map((e) => {
    if (typeof e?.pollId !== 'string' || !e.pollId) throw new IdentityFileError('format', 'polls[].pollId is missing');
    return { pollId: e.pollId, server: e.server ?? null, state: e.state ?? null, browser: e.browser ?? null };
  });
  return { name: p.name, x25519PrivateKey, ed25519Seed, ...derived, polls, kdf: f.kdf, key };
}
