// The only source of randomness: crypto.getRandomValues (WebCrypto).
import { q, os2ip } from './encoding.js';

/** @param {number} n @returns {Uint8Array} n fresh random bytes */
export function randomBytes(n) {
  const c = globalThis.crypto;
  if (!c || typeof c.getRandomValues !== 'function') {
    throw new Error('crypto.getRandomValues is not available');
  }
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65536 bytes per call
  for (let o = 0; o < n; o += 65536) c.getRandomValues(out.subarray(o, Math.min(n, o + 65536)));
  return out;
}

/**
 * A uniform scalar in [1, q−1], by rejection sampling of 32-byte strings
 * (q is within 2^-32 of 2^256, so a retry is rare).
 * @returns {bigint}
 */
export function randomScalar() {
  for (;;) {
    const x = os2ip(randomBytes(32));
    if (x > 0n && x < q) return x;
  }
}
