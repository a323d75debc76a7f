// Shared by the committee tests: the cross-language committee vectors and a small combination (docs/protocol.md §9.3)
// to check decrypted counts end to end.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { G, Point, q, modq, decodePoint } from '../src/protocol/index.js';

export const COMMITTEE_VECTOR_FILE = fileURLToPath(
  new URL('../../../../../crypto/src/test/resources/vectors/committee-v1.json', import.meta.url));

export function loadCommitteeVectors() {
  if (!existsSync(COMMITTEE_VECTOR_FILE)) throw new Error(`missing ${COMMITTEE_VECTOR_FILE}`);
  return JSON.parse(readFileSync(COMMITTEE_VECTOR_FILE, 'utf8'));
}

/** x^-1 mod q (Fermat). */
function inv(x) {
  let r = 1n;
  let b = modq(x);
  let e = q - 2n;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % q;
    b = (b * b) % q;
    e >>= 1n;
  }
  return r;
}

/**
 * Counts per label from the aggregate β and partial decryptions of a set U of members:
 * m·G = β − Σ w_ℓ·M_ℓ, w_ℓ = Π_{k≠ℓ} k/(k − ℓ); m found by search in [0, N].
 */
export function combine(aggregate, partials, N) {
  const U = partials.map((p) => p.member);
  const w = U.map((l) => U.filter((k) => k !== l).reduce((acc, k) => modq(acc * BigInt(k) * inv(BigInt(k - l))), 1n));
  return aggregate.map((ag, idx) => {
    let X = decodePoint(ag.beta);
    partials.forEach((p, u) => { X = X.subtract(decodePoint(p.shares[idx].M).multiply(w[u])); });
    let P = Point.ZERO;
    for (let m = 0; m <= N; m++) {
      if (P.equals(X)) return m;
      P = P.add(G);
    }
    throw new Error(`label ${ag.label}: no count in [0, ${N}]`);
  });
}
