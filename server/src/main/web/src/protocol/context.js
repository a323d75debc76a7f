// The poll context of docs/protocol.md §3 (manifest hash M and context hash Q), so the
// booth can recompute Q from what GET /api/polls/{id} publishes instead of
// trusting it, and the receipt of §7/§10 with its Ed25519 signature.
import { ed25519 } from '@noble/curves/ed25519.js';
import { Point, hexToBytes, decodePoint, bytesEqual, DecodeError } from './encoding.js';
import { H, sha256Bytes } from './hash.js';
import { LEVELS, trackingCode } from './ballot.js';
import { manifestHashV2 } from './ballot-v2.js';

export const TAG_MANIFEST = 'cvote/v1/manifest';
export const TAG_CONTEXT = 'cvote/v1/context';
export const TAG_RECEIPT = 'cvote/v1/receipt';

/**
 * @typedef {{ index: number, name: string, position: string, unit: string }} Subject
 * @typedef {{ pollId: string, title: string, subjects: Subject[], options?: string[] }} Manifest
 */

/** @param {unknown} s @param {string} field @returns {string} */
function nfcString(s, field) {
  if (typeof s !== 'string') throw new DecodeError(field, 'expected a string');
  if (s.normalize('NFC') !== s) throw new DecodeError(field, 'must be in Unicode NFC');
  return s;
}

/**
 * M = H("cvote/v1/manifest", pollId, title, I2OSP(#subjects,4), then per subject:
 * I2OSP(index,4), name, position, unit). Subjects must be indexed 1..S in order
 * and the options, if given, exactly HIGH, MID, LOW.
 * @param {Manifest} manifest
 * @returns {Uint8Array}
 */
export function manifestHash(manifest) {
  if (!manifest || typeof manifest !== 'object') throw new DecodeError('manifest', 'expected an object');
  const { subjects, options } = manifest;
  if (options !== undefined && (!Array.isArray(options) || options.join(',') !== LEVELS.join(','))) {
    throw new DecodeError('manifest.options', 'must be exactly ["HIGH","MID","LOW"]');
  }
  if (!Array.isArray(subjects)) throw new DecodeError('manifest.subjects', 'expected an array');
  /** @type {import('./hash.js').HashInput[]} */
  const inputs = [
    { string: nfcString(manifest.pollId, 'manifest.pollId') },
    { string: nfcString(manifest.title, 'manifest.title') },
    { int: subjects.length },
  ];
  subjects.forEach((s, i) => {
    const f = `manifest.subjects[${i}]`;
    if (!s || s.index !== i + 1) throw new DecodeError(`${f}.index`, `expected ${i + 1}`);
    inputs.push({ int: s.index }, { string: nfcString(s.name, `${f}.name`) },
      { string: nfcString(s.position, `${f}.position`) }, { string: nfcString(s.unit, `${f}.unit`) });
  });
  return H(TAG_MANIFEST, ...inputs);
}

/**
 * Q = H("cvote/v1/context", M, I2OSP(n,4), I2OSP(t,4), every K_ij (i = 1..n,
 * j = 0..t−1), K, SHA-256(token SPKI DER), SHA-256(32-byte Ed25519 key)).
 * @param {{ manifest: Manifest, n: number, t: number,
 *           commitments: (string|import('./encoding.js').Point)[][], jointKey: string|import('./encoding.js').Point,
 *           tokenSpki: string, signingKey: string }} ctx
 * @returns {Uint8Array}
 */
export function contextHash(ctx) {
  const { n, t, commitments } = ctx;
  if (!Number.isInteger(n) || !Number.isInteger(t) || t < 1 || n < t) throw new DecodeError('n/t', 'need 1 ≤ t ≤ n');
  if (!Array.isArray(commitments) || commitments.length !== n) throw new DecodeError('commitments', `expected ${n} members`);
  /** @type {import('./hash.js').HashInput[]} */
  // a manifest with "ballotVersion" is ballot version 2 (docs/protocol.md §16.1): its M binds the base B
  const M = ctx.manifest && ctx.manifest.ballotVersion !== undefined ? manifestHashV2(ctx.manifest) : manifestHash(ctx.manifest);
  const inputs = [{ hash: M }, { int: n }, { int: t }];
  commitments.forEach((ki, i) => {
    if (!Array.isArray(ki) || ki.length !== t) throw new DecodeError(`commitments[${i}]`, `expected ${t} points`);
    ki.forEach((P, j) => inputs.push({ point: P instanceof Point ? P : decodePoint(P, `commitments[${i}][${j}]`) }));
  });
  const K = ctx.jointKey instanceof Point ? ctx.jointKey : decodePoint(ctx.jointKey, 'jointKey');
  inputs.push({ point: K },
    { hash: sha256Bytes(hexToBytes(ctx.tokenSpki, 'tokenSpki')) },
    { hash: sha256Bytes(hexToBytes(ctx.signingKey, 'signingKey', 32)) });
  return H(TAG_CONTEXT, ...inputs);
}

/**
 * Joint key check: K = Σ_i K_i0 (the constant terms of the members' commitments).
 * @param {(string|import('./encoding.js').Point)[][]} commitments
 * @param {string|import('./encoding.js').Point} jointKey
 * @returns {boolean}
 */
export function jointKeyMatches(commitments, jointKey) {
  let sum = Point.ZERO;
  commitments.forEach((ki, i) => {
    sum = sum.add(ki[0] instanceof Point ? ki[0] : decodePoint(ki[0], `commitments[${i}][0]`));
  });
  const K = jointKey instanceof Point ? jointKey : decodePoint(jointKey, 'jointKey');
  return sum.equals(K);
}

/**
 * The election key's fingerprint read aloud after the key ceremony (docs/protocol.md §8.9): the first 16 hex digits
 * of SHA-256(K's 65-byte encoding), upper case, in groups of 4. The same K gives the same figure in every member's
 * tool, on the console and in the booth.
 * @param {string|import('./encoding.js').Point} jointKey
 * @returns {string}
 */
export function keyFingerprint(jointKey) {
  const K = jointKey instanceof Point ? jointKey : decodePoint(jointKey, 'jointKey');
  const hex = Array.from(sha256Bytes(K.toBytes(false)).subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
  return /** @type {string[]} */ (hex.toUpperCase().match(/.{4}/g)).join(' ');
}

/**
 * What a receipt's signature covers: H("cvote/v1/receipt", Q, I2OSP(k,4), B_k, T_k).
 * @param {Uint8Array|string} Q @param {number} k 1-based ballot index
 * @param {Uint8Array|string} B @param {Uint8Array|string} T
 * @returns {Uint8Array}
 */
export function receiptHash(Q, k, B, T) {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be ≥ 1');
  return H(TAG_RECEIPT, { hash: Q }, { int: k }, { hash: B }, { hash: T });
}

/**
 * Checks the server's answer to a cast (POST /api/polls/{id}/ballots):
 * { index, ballotHash, trackingCode, chain, signature } against the ballot hash
 * the booth computed, the tracking code of the chain value, and the Ed25519
 * signature (RFC 8032, strict) by the poll's record-signing key over the receipt hash.
 * @param {{ index: number, ballotHash: string, trackingCode: string, chain: string, signature: string }} receipt
 * @param {{ Q: Uint8Array|string, signingKey: string, ballotHash: Uint8Array|string }} expected
 * @returns {{ ok: boolean, problems: string[] }}
 */
export function checkReceipt(receipt, expected) {
  /** @type {string[]} */ const problems = [];
  try {
    const B = hexToBytes(receipt.ballotHash, 'ballotHash', 32);
    const want = typeof expected.ballotHash === 'string' ? hexToBytes(expected.ballotHash, 'expected.ballotHash', 32) : expected.ballotHash;
    if (!bytesEqual(B, want)) problems.push('ballotHash');
    const T = hexToBytes(receipt.chain, 'chain', 32);
    if (trackingCode(T) !== receipt.trackingCode) problems.push('trackingCode');
    if (!Number.isInteger(receipt.index) || receipt.index < 1) {
      problems.push('index');
    } else {
      const sig = hexToBytes(receipt.signature, 'signature', 64);
      const pub = hexToBytes(expected.signingKey, 'signingKey', 32);
      const msg = receiptHash(expected.Q, receipt.index, B, T);
      let good = false;
      try { good = ed25519.verify(sig, msg, pub, { zip215: false }); } catch { good = false; }
      if (!good) problems.push('signature');
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    problems.push(e.field || 'receipt');
  }
  return { ok: problems.length === 0, problems };
}
