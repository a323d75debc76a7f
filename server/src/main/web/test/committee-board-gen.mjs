// Synthetic boards for the committee tests and benchmark: v1 ballots (docs/protocol.md §7.1) with valid proofs, a
// valid chain and distinct token messages (random 384-byte "signatures": verify them without the token key).
// Test-only fast prover: knowing r, every branch's commitments are fixed-base multiplications —
//   simulated branch j: a_j = (v_j + c_j·r)·G, b_j = (v_j + c_j·r)·K + c_j·(m − j)·G — with the same proof bytes as
//   proveRange would give for those nonces, so the library's verifier sees ordinary proofs.
import {
  G, modq, randomScalar, randomBytes, bytesToHex, concatBytes, tokenMessage, tokenHash, pointToHex,
  scalarToHex, rangeChallenge, optionLabel, rowLabel, ballotHash, chain0, chainStep, hexToBytes,
} from '../src/protocol/index.js';

// public-speed multiplications: the secrets of a synthetic board protect nothing
const g = (/** @type {bigint} */ x) => G.multiplyUnsafe(x);
let kTable = null;
const kMul = (K, x) => {
  if (!kTable || !kTable.K.equals(K)) kTable = { K, T: K.constructor.fromAffine(K.toAffine()).precompute(8, true) };
  return kTable.T.multiplyUnsafe(x);
};

function fastRange(Q, tau, label, K, alpha, beta, m, r) {
  const a = [];
  const b = [];
  const c = [];
  const v = [];
  const j = 1 - m; // L = 1: the simulated branch
  c[j] = randomScalar();
  v[j] = randomScalar();
  const w = modq(v[j] + c[j] * r);
  a[j] = g(w);
  const d = modq(c[j] * BigInt(m - j));
  b[j] = d === 0n ? kMul(K, w) : kMul(K, w).add(g(d));
  const u = randomScalar();
  a[m] = g(u);
  b[m] = kMul(K, u);
  const ch = rangeChallenge(Q, tau, label, alpha, beta, a, b);
  c[m] = modq(ch - c[j]);
  v[m] = modq(u - c[m] * r);
  return { a: a.map(pointToHex), b: b.map(pointToHex), c: c.map(scalarToHex), v: v.map(scalarToHex) };
}

/**
 * A board of `ballots` ballots × `subjects` subjects under K and Q, as GET …/tally-input's "board" lines, and the true
 * counts per label.
 */
export function syntheticBoard({ pollId, Q, K, ballots, subjects }) {
  const board = [];
  const truth = new Array(subjects * 3).fill(0);
  let chain = chain0(Q);
  for (let k = 1; k <= ballots; k++) {
    const msg = concatBytes(randomBytes(32), tokenMessage(pollId));
    const tau = tokenHash(msg);
    const rows = [];
    for (let i = 1; i <= subjects; i++) {
      const choice = randomBytes(1)[0] % 4; // 3 = blank
      const options = [];
      let rSum = 0n;
      for (let j = 0; j < 3; j++) {
        const m = choice === j ? 1 : 0;
        const r = randomScalar();
        rSum += r;
        const alpha = g(r);
        const beta = m ? kMul(K, r).add(G) : kMul(K, r);
        options.push({ alpha: pointToHex(alpha), beta: pointToHex(beta), proof: fastRange(Q, tau, optionLabel(i, j), K, alpha, beta, m, r) });
        truth[(i - 1) * 3 + j] += m;
      }
      rSum = modq(rSum);
      const mSum = choice === 3 ? 0 : 1;
      const sa = g(rSum);
      const sb = mSum ? kMul(K, rSum).add(G) : kMul(K, rSum);
      rows.push({ subject: i, options, rowProof: fastRange(Q, tau, rowLabel(i), K, sa, sb, mSum, rSum) });
    }
    const ballot = { poll: pollId, token: { msg: bytesToHex(msg), sig: bytesToHex(randomBytes(384)) }, rows };
    const B = ballotHash(Q, tau, ballot);
    chain = chainStep(chain, B);
    board.push({ ...ballot, index: k, hash: bytesToHex(B), chain: bytesToHex(chain) });
  }
  return { board, truth, head: bytesToHex(chain) };
}

export { hexToBytes };
