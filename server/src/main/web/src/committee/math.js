// The member's group arithmetic of docs/protocol.md §5.2, §5.3 and §8.3: Schnorr and Chaum–Pedersen provers
// (the booth library only verifies them), the secret polynomial, Feldman checks, K and the public shares.
// Secret scalars are multiplied in constant time (mulSecret / G.multiply); public ones may use the unsafe paths.
import { Point, G, q, modq, mulSecret, decodePoint, pointToHex, scalarToHex, decodeScalar } from '../protocol/encoding.js';
import { Hq } from '../protocol/hash.js';
import { randomScalar } from '../protocol/random.js';

/** @typedef {import('../protocol/encoding.js').Point} Pt */

/**
 * Schnorr proof of a for A = a·G, coefficient j of member i in ceremony γ (§5.2):
 * h = u·G, c = Hq("cvote/v1/schnorr", γ, I2OSP(i,4), I2OSP(j,4), A, h), v = u − c·a.
 * @param {Uint8Array} gamma @param {number} i @param {number} j @param {bigint} a @param {() => bigint} [rnd]
 * @returns {{h: string, c: string, v: string}}
 */
export function proveSchnorr(gamma, i, j, a, rnd = randomScalar) {
  const A = G.multiply(a);
  const u = rnd();
  const h = G.multiply(u);
  const c = Hq('cvote/v1/schnorr', { hash: gamma }, { int: i }, { int: j }, { point: A }, { point: h });
  return { h: pointToHex(h), c: scalarToHex(c), v: scalarToHex(modq(u - c * a)) };
}

/**
 * Chaum–Pedersen proof that M = s·α uses the s of S = s·G (§5.3):
 * a = u·G, b = u·α, c = Hq("cvote/v1/dleq", Q, I2OSP(i,4), λ, S, α, M, a, b), v = u − c·s.
 * @param {Uint8Array} Q @param {number} i @param {string} label @param {bigint} s @param {Pt} S @param {Pt} alpha @param {Pt} M
 * @param {() => bigint} [rnd]
 * @returns {{a: string, b: string, c: string, v: string}}
 */
export function proveDleq(Q, i, label, s, S, alpha, M, rnd = randomScalar) {
  const u = rnd();
  const a = G.multiply(u);
  const b = mulSecret(alpha, u);
  const c = Hq('cvote/v1/dleq', { hash: Q }, { int: i }, { string: label },
    { point: S }, { point: alpha }, { point: M }, { point: a }, { point: b });
  return { a: pointToHex(a), b: pointToHex(b), c: scalarToHex(c), v: scalarToHex(modq(u - c * s)) };
}

/** P(x) = Σ a_j·x^j mod q (Horner). @param {bigint[]} coefficients @param {number|bigint} x */
export function evaluate(coefficients, x) {
  const X = BigInt(x);
  let acc = 0n;
  for (let j = coefficients.length - 1; j >= 0; j--) acc = modq(acc * X + coefficients[j]);
  return acc;
}

/** Σ_j (ℓ^j mod q)·K_j, public. @param {Pt[]} commitments @param {number} l */
export function feldmanPoint(commitments, l) {
  const L = BigInt(l);
  let acc = Point.ZERO;
  let pow = 1n;
  for (const K of commitments) {
    acc = acc.add(pow === 1n ? K : K.multiplyUnsafe(pow));
    pow = modq(pow * L);
  }
  return acc;
}

/** Feldman check of step 3: s·G = Σ_j ℓ^j·K_ij. @param {Pt[]} commitments @param {number} l @param {bigint} s */
export function shareValid(commitments, l, s) {
  if (s <= 0n || s >= q) return false;
  return G.multiply(s).equals(feldmanPoint(commitments, l));
}

/** K = Σ_i K_i0; throws if it is the identity (§8.3 step 4). @param {Pt[][]} all */
export function jointKey(all) {
  let K = Point.ZERO;
  for (const row of all) K = K.add(row[0]);
  if (K.is0()) throw new RangeError('the joint key is the identity');
  return K;
}

/** S_ℓ = Σ_i Σ_j ℓ^j·K_ij. @param {Pt[][]} all @param {number} l */
export function publicShare(all, l) {
  let S = Point.ZERO;
  for (const row of all) S = S.add(feldmanPoint(row, l));
  return S;
}

export const pts = (/** @type {string[]} */ a, /** @type {string} */ f) => a.map((x, i) => decodePoint(x, `${f}[${i}]`));
export const scalar = (/** @type {string} */ x, /** @type {string} */ f) => decodeScalar(x, f);
