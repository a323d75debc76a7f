// Zero-knowledge proofs of docs/protocol.md §5 (strong Fiat–Shamir, commitment form).
// Range proof: prove and verify. Schnorr and Chaum–Pedersen (DLEQ): verify only.
import {
  Point, G, q, modq, decodePoint, decodeScalar, pointToHex, scalarToHex,
  DecodeError, hexToBytes, mulSecret,
} from './encoding.js';
import { Hq } from './hash.js';
import { randomScalar } from './random.js';

/** @typedef {import('./encoding.js').Point} Pt */
/**
 * Range-proof statement: (alpha, beta) encrypts some m in {0..L} under K,
 * bound to the context hash Q, the token hash tau and the position label.
 * @typedef {{Q: Uint8Array, tau: Uint8Array, label: string, K: Pt,
 *            alpha: Pt, beta: Pt, L?: number}} RangeStatement
 */
/** @typedef {{a: Pt[], b: Pt[], c: bigint[], v: bigint[]}} RangeProof */
/** @typedef {{a: string[], b: string[], c: string[], v: string[]}} RangeProofJson */
/**
 * Fixed nonces (tests only): u for the real branch, c[j] and v[j] for the
 * simulated branches j ≠ m (the entries at m are ignored; null by convention).
 * @typedef {{u: bigint|string, c: (bigint|string|null)[], v: (bigint|string|null)[]}} RangeNonces
 */

export const TAG_RANGE = 'cvote/v1/range';
export const TAG_SCHNORR = 'cvote/v1/schnorr';
export const TAG_DLEQ = 'cvote/v1/dleq';

/** @param {unknown} x @param {string} what */
function hash32(x, what) {
  const b = typeof x === 'string' ? hexToBytes(x, what, 32) : x;
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new TypeError(`${what} must be 32 bytes`);
  return b;
}

/** @param {number|undefined} L */
function checkL(L) {
  if (!Number.isInteger(L) || /** @type {number} */ (L) < 1 || /** @type {number} */ (L) > 1000) {
    throw new RangeError('L must be an integer in [1, 1000]');
  }
  return /** @type {number} */ (L);
}

/** @param {RangeStatement} st */
function checkStatement(st) {
  const L = checkL(st.L ?? 1);
  const Q = hash32(st.Q, 'Q');
  const tau = hash32(st.tau, 'tau');
  if (typeof st.label !== 'string' || st.label.length === 0) throw new TypeError('label must be a non-empty string');
  for (const k of /** @type {const} */ (['K', 'alpha', 'beta'])) {
    if (!(st[k] instanceof Point) || st[k].is0()) throw new TypeError(`${k} must be a non-identity point`);
  }
  return { L, Q, tau };
}

/** j·G as a list for j = 0..L (index 0 is the identity). @param {number} L */
function multiplesOfG(L) {
  const out = [Point.ZERO];
  for (let j = 1; j <= L; j++) out.push(out[j - 1].add(G));
  return out;
}

/**
 * The range-proof challenge c = Hq("cvote/v1/range", Q, τ, λ, α, β, a_0, b_0, …, a_L, b_L).
 * @param {Uint8Array} Q @param {Uint8Array} tau @param {string} label
 * @param {Pt} alpha @param {Pt} beta @param {Pt[]} a @param {Pt[]} b
 * @returns {bigint}
 */
export function rangeChallenge(Q, tau, label, alpha, beta, a, b) {
  /** @type {import('./hash.js').HashInput[]} */
  const inputs = [{ hash: Q }, { hash: tau }, { string: label }, { point: alpha }, { point: beta }];
  for (let j = 0; j < a.length; j++) inputs.push({ point: a[j] }, { point: b[j] });
  return Hq(TAG_RANGE, ...inputs);
}

/** @param {bigint|string|null|undefined} x @param {string} what */
function nonceScalar(x, what) {
  const s = typeof x === 'string' ? decodeScalar(x, what) : x;
  if (typeof s !== 'bigint' || s < 0n || s >= q) throw new RangeError(`${what} must be a scalar`);
  return s;
}

/**
 * Proves that (alpha, beta) = Enc(m; r) under K with m in {0..L}.
 * @param {RangeStatement & {m: number, r: bigint}} st
 * @param {{nonces?: RangeNonces, randomScalar?: () => bigint}} [opts]
 *   nonces: fixed nonces (reproducing test vectors); randomScalar: nonce source
 *   (default: uniform in [1, q−1] from crypto.getRandomValues).
 * @returns {RangeProof}
 */
export function proveRange(st, opts = {}) {
  const { L, Q, tau } = checkStatement(st);
  const { m, r, K, alpha, beta, label } = st;
  if (!Number.isInteger(m) || m < 0 || m > L) throw new RangeError(`m must be in {0..${L}}`);
  if (typeof r !== 'bigint' || r <= 0n || r >= q) throw new RangeError('r must be in [1, q−1]');
  const fixed = opts.nonces;
  const rnd = opts.randomScalar ?? randomScalar;
  const jG = multiplesOfG(L);

  const u = fixed ? nonceScalar(fixed.u, 'nonces.u') : rnd();
  if (u === 0n) throw new RangeError('nonce u must not be 0');
  /** @type {Pt[]} */ const a = new Array(L + 1);
  /** @type {Pt[]} */ const b = new Array(L + 1);
  /** @type {bigint[]} */ const c = new Array(L + 1);
  /** @type {bigint[]} */ const v = new Array(L + 1);
  let sumOthers = 0n;
  for (let j = 0; j <= L; j++) {
    if (j === m) continue;
    c[j] = fixed ? nonceScalar(fixed.c[j], `nonces.c[${j}]`) : rnd();
    v[j] = fixed ? nonceScalar(fixed.v[j], `nonces.v[${j}]`) : rnd();
    // simulated branch: c_j and v_j are published, so variable-time is fine here
    a[j] = G.mulAddUnsafe(v[j], alpha, c[j]);
    b[j] = K.mulAddUnsafe(v[j], beta.subtract(jG[j]), c[j]);
    sumOthers += c[j];
  }
  // real branch: u and r are secret, constant-time multiplication
  a[m] = G.multiply(u);
  b[m] = mulSecret(K, u);
  const ch = rangeChallenge(Q, tau, label, alpha, beta, a, b);
  c[m] = modq(ch - sumOthers);
  v[m] = modq(u - c[m] * r);
  return { a, b, c, v };
}

/**
 * Verifies a decoded range proof: every a_j = v_j·G + c_j·α,
 * b_j = v_j·K + c_j·(β − j·G), and Σ c_j = Hq(…) mod q.
 * @param {RangeStatement} st
 * @param {RangeProof} proof
 * @returns {boolean}
 */
export function verifyRange(st, proof) {
  const { L, Q, tau } = checkStatement(st);
  const { K, alpha, beta, label } = st;
  const { a, b, c, v } = proof;
  for (const arr of [a, b, c, v]) if (!Array.isArray(arr) || arr.length !== L + 1) return false;
  const jG = multiplesOfG(L);
  let sum = 0n;
  for (let j = 0; j <= L; j++) {
    if (typeof c[j] !== 'bigint' || typeof v[j] !== 'bigint') return false;
    if (c[j] < 0n || c[j] >= q || v[j] < 0n || v[j] >= q) return false;
    if (!(a[j] instanceof Point) || !(b[j] instanceof Point) || a[j].is0() || b[j].is0()) return false;
    if (!G.mulAddUnsafe(v[j], alpha, c[j]).equals(a[j])) return false;
    if (!K.mulAddUnsafe(v[j], beta.subtract(jG[j]), c[j]).equals(b[j])) return false;
    sum += c[j];
  }
  return modq(sum) === rangeChallenge(Q, tau, label, alpha, beta, a, b);
}

/** @param {RangeProof} proof @returns {RangeProofJson} */
export function rangeProofToJson(proof) {
  return {
    a: proof.a.map(pointToHex),
    b: proof.b.map(pointToHex),
    c: proof.c.map(scalarToHex),
    v: proof.v.map(scalarToHex),
  };
}

/**
 * Strictly decodes a range proof: exactly the fields a, b, c, v, each an
 * array of L+1 points/scalars.
 * @param {unknown} json
 * @param {number} [L]
 * @param {string} [field] JSON path prefix for errors
 * @returns {RangeProof}
 */
export function rangeProofFromJson(json, L = 1, field = 'proof') {
  const o = strictObject(json, ['a', 'b', 'c', 'v'], field);
  /** @param {string} k @param {(x: string, f: string) => any} dec */
  const arr = (k, dec) => {
    const x = o[k];
    if (!Array.isArray(x) || x.length !== L + 1) throw new DecodeError(`${field}.${k}`, `expected an array of ${L + 1}`);
    return x.map((e, j) => dec(e, `${field}.${k}[${j}]`));
  };
  return { a: arr('a', decodePoint), b: arr('b', decodePoint), c: arr('c', decodeScalar), v: arr('v', decodeScalar) };
}

/**
 * Checks that json is a plain object with exactly the given keys.
 * @param {unknown} json @param {string[]} keys @param {string} field
 * @returns {Record<string, any>}
 */
export function strictObject(json, keys, field) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new DecodeError(field, 'expected an object');
  const have = Object.keys(json);
  for (const k of have) if (!keys.includes(k)) throw new DecodeError(`${field}.${k}`, 'unknown field');
  for (const k of keys) if (!(k in json)) throw new DecodeError(`${field}.${k}`, 'missing field');
  return /** @type {Record<string, any>} */ (json);
}

// ---------------------------------------------------------------- Schnorr

/**
 * Verifies a key-ceremony Schnorr proof of a for A = a·G:
 * h = v·G + c·A and c = Hq("cvote/v1/schnorr", γ, I2OSP(i,4), I2OSP(j,4), A, h).
 * @param {{ceremonyId: Uint8Array|string, member: number, coefficient: number, A: Pt,
 *          proof: {h: Pt, c: bigint, v: bigint}}} st
 * @returns {boolean}
 */
export function verifySchnorr(st) {
  const gamma = hash32(st.ceremonyId, 'ceremonyId');
  const { A, proof: { h, c, v } } = st;
  if (!(A instanceof Point) || A.is0() || !(h instanceof Point) || h.is0()) return false;
  if (!validScalar(c) || !validScalar(v)) return false;
  if (!G.mulAddUnsafe(v, A, c).equals(h)) return false;
  return c === Hq(TAG_SCHNORR, { hash: gamma }, { int: st.member }, { int: st.coefficient }, { point: A }, { point: h });
}

/** @param {unknown} json @param {string} [field] */
export function schnorrProofFromJson(json, field = 'proof') {
  const o = strictObject(json, ['h', 'c', 'v'], field);
  return {
    h: decodePoint(o.h, `${field}.h`),
    c: decodeScalar(o.c, `${field}.c`),
    v: decodeScalar(o.v, `${field}.v`),
  };
}

// ---------------------------------------------------------------- DLEQ

/**
 * Verifies a decryption proof that M = s·α for S = s·G:
 * a = v·G + c·S, b = v·α + c·M and c = Hq("cvote/v1/dleq", Q, I2OSP(i,4), λ, S, α, M, a, b).
 * @param {{Q: Uint8Array|string, member: number, label: string, S: Pt, alpha: Pt, M: Pt,
 *          proof: {a: Pt, b: Pt, c: bigint, v: bigint}}} st
 * @returns {boolean}
 */
export function verifyDleq(st) {
  const Q = hash32(st.Q, 'Q');
  const { S, alpha, M, label, proof: { a, b, c, v } } = st;
  for (const P of [S, alpha, M, a, b]) if (!(P instanceof Point) || P.is0()) return false;
  if (!validScalar(c) || !validScalar(v)) return false;
  if (!G.mulAddUnsafe(v, S, c).equals(a)) return false;
  if (!alpha.mulAddUnsafe(v, M, c).equals(b)) return false;
  return c === Hq(TAG_DLEQ, { hash: Q }, { int: st.member }, { string: label },
    { point: S }, { point: alpha }, { point: M }, { point: a }, { point: b });
}

/** @param {unknown} json @param {string} [field] */
export function dleqProofFromJson(json, field = 'proof') {
  const o = strictObject(json, ['a', 'b', 'c', 'v'], field);
  return {
    a: decodePoint(o.a, `${field}.a`),
    b: decodePoint(o.b, `${field}.b`),
    c: decodeScalar(o.c, `${field}.c`),
    v: decodeScalar(o.v, `${field}.v`),
  };
}

/** @param {unknown} s */
function validScalar(s) {
  return typeof s === 'bigint' && s >= 0n && s < q;
}
