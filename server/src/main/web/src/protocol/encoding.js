// Strict encodings of docs/protocol.md §1: lowercase hex, I2OSP, P-256 points (SEC1
// uncompressed, 65 bytes) and scalars (32 bytes, < q). Every decoder validates;
// every failure is a DecodeError naming the field.
import { p256 } from '@noble/curves/nist.js';

/** @typedef {InstanceType<typeof p256.Point>} Point */

/** The P-256 point class (projective points, constant-time `multiply`). */
export const Point = p256.Point;
/** Base point G. */
export const G = Point.BASE;
/** Group order q. */
export const q = Point.Fn.ORDER;
/** Field prime p. */
export const p = Point.Fp.ORDER;

export const POINT_BYTES = 65;
export const SCALAR_BYTES = 32;

/** A value that does not decode; `field` names the JSON path or parameter. */
export class DecodeError extends Error {
  /** @param {string} field @param {string} message */
  constructor(field, message) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'DecodeError';
    this.field = field;
  }
}

const HEX_RE = /^(?:[0-9a-f]{2})*$/;
const HEX_CHARS = '0123456789abcdef';

/**
 * Decodes strict hex: lowercase, even length, no prefix, no whitespace.
 * @param {unknown} hex
 * @param {string} [field]
 * @param {number} [length] expected byte length, if fixed
 * @returns {Uint8Array}
 */
export function hexToBytes(hex, field = 'hex', length) {
  if (typeof hex !== 'string') throw new DecodeError(field, 'expected a hex string');
  if (!HEX_RE.test(hex)) throw new DecodeError(field, 'not lowercase hex of even length');
  const n = hex.length / 2;
  if (length !== undefined && n !== length) {
    throw new DecodeError(field, `expected ${length} bytes, got ${n}`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = parseInt(hex.substr(2 * i, 2), 16);
  return out;
}

/** @param {Uint8Array} bytes @returns {string} lowercase hex */
export function bytesToHex(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('expected Uint8Array');
  let s = '';
  for (const b of bytes) s += HEX_CHARS[b >> 4] + HEX_CHARS[b & 15];
  return s;
}

/** @param {...Uint8Array} parts @returns {Uint8Array} */
export function concatBytes(...parts) {
  let n = 0;
  for (const x of parts) {
    if (!(x instanceof Uint8Array)) throw new TypeError('expected Uint8Array');
    n += x.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const x of parts) { out.set(x, o); o += x.length; }
  return out;
}

/** @param {Uint8Array} a @param {Uint8Array} b @returns {boolean} */
export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/**
 * I2OSP(x, n): x as n bytes big-endian; throws if x < 0 or x ≥ 256^n.
 * @param {number|bigint} x
 * @param {number} n
 * @returns {Uint8Array}
 */
export function i2osp(x, n) {
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x)) throw new RangeError('I2OSP: not a safe integer');
    x = BigInt(x);
  }
  if (typeof x !== 'bigint') throw new TypeError('I2OSP: expected an integer');
  if (!Number.isInteger(n) || n < 0) throw new RangeError('I2OSP: bad length');
  if (x < 0n || x >> BigInt(8 * n) !== 0n) throw new RangeError(`I2OSP: integer too large for ${n} bytes`);
  const out = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) { out[i] = Number(x & 0xffn); x >>= 8n; }
  return out;
}

/** OS2IP: big-endian bytes to a non-negative bigint. @param {Uint8Array} bytes */
export function os2ip(bytes) {
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return x;
}

const ENC = new TextEncoder();
const DEC = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 bytes of a string (lone surrogates are rejected). @param {string} s */
export function utf8(s) {
  if (typeof s !== 'string') throw new TypeError('expected a string');
  const b = ENC.encode(s); // a lone surrogate becomes U+FFFD: detect by round trip
  if (DEC.decode(b) !== s) throw new TypeError('string is not well-formed Unicode');
  return b;
}

// ---------------------------------------------------------------- points

/**
 * Decodes a point: exactly 65 bytes, prefix 0x04, x < p, y < p, on the curve,
 * never the identity.
 * @param {string|Uint8Array} enc hex or bytes
 * @param {string} [field]
 * @returns {Point}
 */
export function decodePoint(enc, field = 'point') {
  const b = typeof enc === 'string' ? hexToBytes(enc, field) : enc;
  if (!(b instanceof Uint8Array)) throw new DecodeError(field, 'expected a point');
  if (b.length !== POINT_BYTES) throw new DecodeError(field, `point must be ${POINT_BYTES} bytes, got ${b.length}`);
  if (b[0] !== 0x04) throw new DecodeError(field, 'point must be SEC1 uncompressed (prefix 04)');
  const x = os2ip(b.subarray(1, 33));
  const y = os2ip(b.subarray(33, 65));
  if (x >= p) throw new DecodeError(field, 'point x ≥ p');
  if (y >= p) throw new DecodeError(field, 'point y ≥ p');
  let P;
  try {
    P = Point.fromAffine({ x, y });
    P.assertValidity(); // on the curve; rejects the identity
  } catch {
    throw new DecodeError(field, 'point is not on the curve');
  }
  if (P.is0()) throw new DecodeError(field, 'point is the identity');
  return P;
}

/**
 * SEC1 uncompressed encoding; the identity has no encoding.
 * @param {Point} P
 * @returns {Uint8Array}
 */
export function encodePoint(P) {
  if (!(P instanceof Point)) throw new TypeError('expected a P-256 point');
  if (P.is0()) throw new RangeError('the identity point has no encoding');
  return P.toBytes(false);
}

/** @param {Point} P @returns {string} */
export function pointToHex(P) {
  return bytesToHex(encodePoint(P));
}

// ---------------------------------------------------------------- scalars

/**
 * Decodes a scalar: exactly 32 bytes big-endian, value < q.
 * @param {string|Uint8Array} enc hex or bytes
 * @param {string} [field]
 * @returns {bigint}
 */
export function decodeScalar(enc, field = 'scalar') {
  const b = typeof enc === 'string' ? hexToBytes(enc, field) : enc;
  if (!(b instanceof Uint8Array)) throw new DecodeError(field, 'expected a scalar');
  if (b.length !== SCALAR_BYTES) throw new DecodeError(field, `scalar must be ${SCALAR_BYTES} bytes, got ${b.length}`);
  const s = os2ip(b);
  if (s >= q) throw new DecodeError(field, 'scalar ≥ q');
  return s;
}

/** @param {bigint} s in [0, q) @returns {Uint8Array} */
export function encodeScalar(s) {
  if (typeof s !== 'bigint' || s < 0n || s >= q) throw new RangeError('scalar out of range [0, q)');
  return i2osp(s, SCALAR_BYTES);
}

/** @param {bigint} s @returns {string} */
export function scalarToHex(s) {
  return bytesToHex(encodeScalar(s));
}

const tables = new WeakMap();
/**
 * Constant-time s·P for a secret scalar s in [1, q−1]. Points used for many
 * secret multiplications (the joint key K) get a cached precomputed copy, so
 * the caller's point object is left as it is.
 * @param {Point} P
 * @param {bigint} s
 * @returns {Point}
 */
export function mulSecret(P, s) {
  if (P.equals(G)) return G.multiply(s);
  let T = tables.get(P);
  if (!T) {
    T = Point.fromAffine(P.toAffine()).precompute(8, true);
    tables.set(P, T);
  }
  return T.multiply(s);
}

/** x mod q in [0, q). @param {bigint} x */
export function modq(x) {
  const r = x % q;
  return r < 0n ? r + q : r;
}

// ---------------------------------------------------------------- base32

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/**
 * RFC 4648 base32 (standard alphabet), no padding.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base32(bytes) {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += B32[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out;
}
