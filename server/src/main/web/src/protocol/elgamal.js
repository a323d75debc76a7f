// Exponential ElGamal of docs/protocol.md §4: Enc(m; r) = (r·G, m·G + r·K).
import { Point, G, q, decodePoint, pointToHex, mulSecret } from './encoding.js';
import { randomScalar } from './random.js';

/** @typedef {import('./encoding.js').Point} Pt */
/** @typedef {{alpha: Pt, beta: Pt}} Ciphertext */

/**
 * m·G for a small public message m (0 gives the identity).
 * @param {bigint|number} m
 * @returns {Pt}
 */
export function messagePoint(m) {
  const x = BigInt(m);
  if (x < 0n || x >= q) throw new RangeError('message out of range');
  // small messages (all a ballot uses) come from a table, so 0 and 1 cost the same
  if (x < BigInt(SMALL.length)) return SMALL[Number(x)];
  return G.multiply(x);
}
/** 0·G … 15·G */
const SMALL = (() => {
  const t = [Point.ZERO];
  for (let i = 1; i < 16; i++) t.push(t[i - 1].add(G));
  return Object.freeze(t);
})();

/**
 * Enc(m; r) = (r·G, m·G + r·K), r in [1, q−1] (fresh if omitted).
 * @param {Pt} K joint public key
 * @param {bigint|number} m
 * @param {bigint} [r]
 * @returns {Ciphertext & {r: bigint}}
 */
export function encrypt(K, m, r = randomScalar()) {
  if (!(K instanceof Point) || K.is0()) throw new TypeError('K must be a non-identity point');
  if (typeof r !== 'bigint' || r <= 0n || r >= q) throw new RangeError('r must be in [1, q−1]');
  const alpha = G.multiply(r);
  const beta = messagePoint(m).add(mulSecret(K, r));
  return { alpha, beta, r };
}

/**
 * Component-wise sum; encrypts the sum of the messages.
 * @param {...Ciphertext} cts
 * @returns {Ciphertext}
 */
export function add(...cts) {
  if (cts.length === 0) throw new RangeError('nothing to add');
  let alpha = cts[0].alpha;
  let beta = cts[0].beta;
  for (let i = 1; i < cts.length; i++) {
    alpha = alpha.add(cts[i].alpha);
    beta = beta.add(cts[i].beta);
  }
  return { alpha, beta };
}

/** @param {Ciphertext} ct @returns {{alpha: string, beta: string}} */
export function ciphertextToJson(ct) {
  return { alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) };
}

/**
 * @param {{alpha: unknown, beta: unknown}} json
 * @param {string} [field]
 * @returns {Ciphertext}
 */
export function ciphertextFromJson(json, field = '') {
  return {
    alpha: decodePoint(/** @type {string} */ (json.alpha), `${field}alpha`),
    beta: decodePoint(/** @type {string} */ (json.beta), `${field}beta`),
  };
}
