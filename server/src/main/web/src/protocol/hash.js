// H and Hq of docs/protocol.md §2. Callers pass typed inputs; this module alone
// turns them into bytes, so no caller concatenates by hand.
//
//   H(tag, x1..xk)  = SHA-256( I2OSP(len(tag),2) ‖ tag ‖ Σ ( I2OSP(len(xi),4) ‖ xi ) )
//   Hq(tag, x1..xk) = SHA-512(same bytes) read big-endian, mod q
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import {
  Point, q, i2osp, os2ip, utf8, hexToBytes, encodePoint, encodeScalar,
  decodePoint, decodeScalar,
} from './encoding.js';

/**
 * One hash input. Points and scalars may be given decoded or as hex (then they
 * are decoded strictly); hashes and bytes as Uint8Array or hex.
 * @typedef {{point: import('./encoding.js').Point|string}
 *   | {scalar: bigint|string}
 *   | {int: number|bigint}
 *   | {string: string}
 *   | {hash: Uint8Array|string}
 *   | {bytes: Uint8Array|string}} HashInput
 */

// version 1 tags, and the ballot version 2 tags of docs/protocol.md §16
const TAG_RE = /^cvote\/v[12]\/[\x21-\x7e]+$/;
const KINDS = ['point', 'scalar', 'int', 'string', 'hash', 'bytes'];

/**
 * The byte string xi of one typed input.
 * @param {HashInput} input
 * @returns {Uint8Array}
 */
export function inputBytes(input) {
  if (input === null || typeof input !== 'object') throw new TypeError('hash input must be a typed object');
  const keys = Object.keys(input);
  if (keys.length !== 1 || !KINDS.includes(keys[0])) {
    throw new TypeError(`hash input must have exactly one of ${KINDS.join('|')}`);
  }
  const kind = keys[0];
  const v = /** @type {any} */ (input)[kind];
  switch (kind) {
    case 'point':
      return encodePoint(v instanceof Point ? v : decodePoint(v, 'hash input point'));
    case 'scalar':
      return encodeScalar(typeof v === 'bigint' ? v : decodeScalar(v, 'hash input scalar'));
    case 'int': {
      const x = typeof v === 'bigint' ? v : BigInt(v);
      if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new RangeError('int input must be an integer');
      if (x < 0n || x > 0xffffffffn) throw new RangeError('int input must be in [0, 2^32)');
      return i2osp(x, 4);
    }
    case 'string':
      return utf8(v);
    case 'hash': {
      const b = typeof v === 'string' ? hexToBytes(v, 'hash input', 32) : v;
      if (!(b instanceof Uint8Array) || b.length !== 32) throw new TypeError('hash input must be 32 bytes');
      return b;
    }
    case 'bytes': {
      const b = typeof v === 'string' ? hexToBytes(v, 'bytes input') : v;
      if (!(b instanceof Uint8Array)) throw new TypeError('bytes input must be a Uint8Array or hex');
      return b;
    }
  }
  throw new TypeError('unreachable');
}

/**
 * The encoded hash preimage: I2OSP(len(tag),2) ‖ tag ‖ Σ (I2OSP(len(xi),4) ‖ xi).
 * @param {string} tag ASCII, starts with "cvote/v1/"
 * @param {HashInput[]} inputs
 * @returns {Uint8Array}
 */
export function encodeHashInput(tag, inputs) {
  if (typeof tag !== 'string' || !TAG_RE.test(tag)) throw new TypeError(`bad hash tag: ${tag}`);
  const parts = [i2osp(tag.length, 2), utf8(tag)];
  let n = parts[0].length + parts[1].length;
  for (const input of inputs) {
    const x = inputBytes(input);
    const len = i2osp(x.length, 4);
    parts.push(len, x);
    n += 4 + x.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const x of parts) { out.set(x, o); o += x.length; }
  return out;
}

/**
 * H(tag, ...inputs): 32-byte SHA-256 digest.
 * @param {string} tag
 * @param {...HashInput} inputs
 * @returns {Uint8Array}
 */
export function H(tag, ...inputs) {
  return sha256(encodeHashInput(tag, inputs));
}

/**
 * Hq(tag, ...inputs): SHA-512 digest read big-endian, reduced mod q.
 * @param {string} tag
 * @param {...HashInput} inputs
 * @returns {bigint}
 */
export function Hq(tag, ...inputs) {
  return os2ip(sha512(encodeHashInput(tag, inputs))) % q;
}

/** Plain SHA-256 of bytes (for the token key hash and the like). @param {Uint8Array} b */
export function sha256Bytes(b) {
  return sha256(b);
}
