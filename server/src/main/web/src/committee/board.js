// Verification of a closed board by a member before it decrypts (docs/protocol.md §9.2): indices 1..N, every
// ballot's shape, B_k and the chain from T_0, token uniqueness, token format and RSASSA-PSS signature (when the
// token key is given), every range and row proof — batched (§5.5): the group equations of many proofs are
// weighted by independent random 128-bit scalars and checked in one multi-scalar multiplication (noble's
// bucket method, msm below); a batch that fails falls back to single verification, which names each failing ballot and label.
//
// The work is split in chunks of ballots: `verifyChunk` is pure (given its random weights) and runs in a Web Worker
// (board-worker.js) or in place; `verifyBoard` runs the chunks through any runner, checks the chain sequentially and
// sums the chunks' aggregates. The ballot format is chosen by the manifest's `ballotVersion` (absent: 1) through FORMATS,
// so a second encoding adds one entry without touching the rest.
import { Point, G, modq, bytesToHex, hexToBytes, pointToHex, encodePoint, decodePoint, DecodeError } from '../protocol/encoding.js';
import { randomBytes } from '../protocol/random.js';
import { verifyRange, TAG_RANGE } from '../protocol/proofs.js';
import { parseBallot, chain0, chainStep, optionLabel, rowLabel, TAG_BALLOT } from '../protocol/ballot.js';
import { tokenHash, isPreparedMessageFor, verifyToken, SIGNATURE_BYTES } from '../protocol/token.js';
import {
  parseBallotV2, rowLabelV2, branchValues, verifyRowV2, checkBase, TAG_ROW_V2, TAG_BALLOT_V2,
} from '../protocol/ballot-v2.js';
import { H, Hq, sha256Bytes } from '../protocol/hash.js';

/** @typedef {import('../protocol/encoding.js').Point} Pt */
/** @typedef {{ index: number, field: string, message: string }} Problem */
/**
 * @typedef {{ Q: string, K: string, pollId: string, subjects: number, version?: number, base?: number,
 *             tokenSpki?: string|null, first: number, lines: any[], batch?: number }} ChunkTask
 *   base: the manifest's B (ballot version 2); first: the 1-based board index of lines[0]; batch: ballots per multi-scalar multiplication (default: ~30,000 points)
 * @typedef {{ first: number, count: number, problems: Problem[], hashes: (string|null)[], tokens: (string|null)[],
 *             sums: (string|null)[][] }} ChunkResult
 *   hashes: recomputed B_k (null when unparseable); tokens: SHA-256 of each token message (uniqueness);
 *   sums: per ciphertext label of the format, [Σα, Σβ] over the chunk's ballots (null for the identity)
 */

/** A uniform 128-bit weight, never 0. */
function weight() {
  for (;;) {
    let x = 0n;
    for (const b of randomBytes(16)) x = (x << 8n) | BigInt(b);
    if (x !== 0n) return x;
  }
}

/**
 * Accumulates the equations of many range proofs as one MSM. Branch j of a proof states a_j = v_j·G + c_j·α and
 * b_j = v_j·K + c_j·(β − m_j·G); weighted by independent z, z' and summed, with the G and K coefficients collected:
 *   Σ z·a_j + z'·b_j − z·c_j·α − z'·c_j·β  =  (Σ z·v_j − z'·c_j·m_j)·G + (Σ z'·v_j)·K.
 * Statement points may be given as sums of parts (a row's three options) so no sum is materialised.
 */
class Batch {
  constructor(K) {
    this.K = K;
    /** @type {Pt[]} */ this.points = [];
    /** @type {bigint[]} */ this.scalars = [];
    this.g = 0n;
    this.k = 0n;
  }

  /**
   * @param {Pt[]} alphas parts of α @param {Pt[]} betas parts of β
   * @param {{a: Pt[], b: Pt[], c: bigint[], v: bigint[]}} proof
   * @param {bigint[]} [values] branch j's plaintext m_j (default j: the 0/1 proofs of version 1)
   */
  addRange(alphas, betas, proof, values) {
    let ca = 0n;
    let cb = 0n;
    for (let j = 0; j < proof.a.length; j++) {
      const z = weight();
      const z2 = weight();
      this.points.push(proof.a[j], proof.b[j]);
      this.scalars.push(z, z2);
      ca += z * proof.c[j];
      cb += z2 * proof.c[j];
      this.g += z * proof.v[j] - z2 * proof.c[j] * (values ? values[j] : BigInt(j));
      this.k += z2 * proof.v[j];
    }
    const na = modq(-ca);
    const nb = modq(-cb);
    for (const A of alphas) { this.points.push(A); this.scalars.push(na); }
    for (const B of betas) { this.points.push(B); this.scalars.push(nb); }
  }

  /** True when Σ (weighted equations) is the identity. */
  holds() {
    const pts = [...this.points, G, this.K];
    const sc = [...this.scalars.map((s) => modq(s)), modq(-this.g), modq(-this.k)];
    return msm(pts, sc).is0();
  }
}

/**
 * Σ s_i·P_i by the bucket method (as noble's `pippenger`, whose result it equals: see committee-board.test.mjs), but
 * skipping zero digits and running the 128-bit weights of the proofs' commitments over the low windows only: half the
 * point additions of a batch. Public inputs only (not constant-time).
 * @param {Pt[]} points @param {bigint[]} scalars in [0, q)
 * @returns {Pt}
 */
export function msm(points, scalars) {
  const n = points.length;
  if (n === 0) return Point.ZERO;
  const bits = Math.max(1, Math.floor(Math.log2(n)));
  const c = bits > 12 ? bits - 3 : bits > 4 ? bits - 2 : 2;
  const mask = (1n << BigInt(c)) - 1n;
  const short = [];
  const long = [];
  for (let i = 0; i < n; i++) {
    if (scalars[i] === 0n) continue;
    (scalars[i] >> 128n === 0n ? short : long).push(i);
  }
  const windows = Math.ceil(256 / c);
  const shortWindows = Math.ceil(128 / c);
  /** @type {(Pt|null)[]} */
  const buckets = new Array(1 << c);
  let sum = Point.ZERO;
  for (let w = windows - 1; w >= 0; w--) {
    if (!sum.is0()) for (let k = 0; k < c; k++) sum = sum.double();
    buckets.fill(null);
    const shift = BigInt(w * c);
    const add = (/** @type {number} */ i) => {
      const d = Number((scalars[i] >> shift) & mask);
      if (d !== 0) buckets[d] = buckets[d] === null ? points[i] : /** @type {Pt} */ (buckets[d]).add(points[i]);
    };
    for (const i of long) add(i);
    if (w < shortWindows) for (const i of short) add(i);
    let running = null;
    let acc = null;
    for (let d = buckets.length - 1; d > 0; d--) {
      const b = buckets[d];
      if (b !== null) running = running === null ? b : running.add(b);
      if (running !== null) acc = acc === null ? running : acc.add(running);
    }
    if (acc !== null) sum = sum.add(acc);
  }
  return sum;
}

// ---------------------------------------------------------------- ballot formats

/**
 * A ballot format: its labels (what is aggregated and decrypted), the strict parse, the proofs' challenges and batch
 * equations, a single check naming failing labels, and the ciphertexts to aggregate (in label order).
 * @typedef {{ labels: (subjects: number) => string[],
 *   parse: (line: any, subjects: number, pollId: string) => any,
 *   hash: (Q: Uint8Array, tau: Uint8Array, b: any) => Uint8Array,
 *   addToBatch: (b: any, ctx: {Q: Uint8Array, K: Pt, tau: Uint8Array}, batch: Batch) => boolean,
 *   single: (b: any, ctx: {Q: Uint8Array, K: Pt, tau: Uint8Array}) => string[],
 *   ciphertexts: (b: any) => {alpha: Pt, beta: Pt}[] }} BallotFormat
 */

/** Version 1 (docs/protocol.md §7.1): three 0/1 options per subject, each with a range proof, and a row proof. */
const V1 = {
  labels(subjects) {
    const out = [];
    for (let i = 1; i <= subjects; i++) for (let j = 0; j < 3; j++) out.push(optionLabel(i, j));
    return out;
  },
  parse(line, subjects, pollId) {
    return parseBallot(line, { subjects, pollId, boardLine: true });
  },
  /** B from the line's own point bytes (checked canonical by the parse): no re-encoding of 6·S points. */
  hash(Q, tau, b, line) {
    const inputs = [{ hash: Q }, { hash: tau }];
    for (const row of line.rows) for (const o of row.options) inputs.push({ bytes: hexToBytes(o.alpha) }, { bytes: hexToBytes(o.beta) });
    return H(TAG_BALLOT, ...inputs);
  },
  /** Exact hash checks now, group equations into the batch; false if a hash or a shape check already fails. */
  addToBatch(b, { Q, tau }, batch, line) {
    /** c = Hq("cvote/v1/range", Q, τ, λ, α, β, a_0, b_0, a_1, b_1) over the line's own point bytes */
    const challenge = (label, alpha, beta, proof) => Hq(TAG_RANGE, { hash: Q }, { hash: tau }, { string: label },
      { bytes: alpha }, { bytes: beta }, { bytes: hexToBytes(proof.a[0]) }, { bytes: hexToBytes(proof.b[0]) },
      { bytes: hexToBytes(proof.a[1]) }, { bytes: hexToBytes(proof.b[1]) });
    for (let r = 0; r < b.rows.length; r++) {
      const row = b.rows[r];
      const raw = line.rows[r];
      const i = row.subject;
      const alphas = row.options.map((o) => o.alpha);
      const betas = row.options.map((o) => o.beta);
      for (let j = 0; j < 3; j++) {
        const o = row.options[j];
        const ro = raw.options[j];
        if (modq(o.proof.c[0] + o.proof.c[1]) !== challenge(optionLabel(i, j), hexToBytes(ro.alpha), hexToBytes(ro.beta), ro.proof)) return false;
        batch.addRange([o.alpha], [o.beta], o.proof);
      }
      const sa = alphas[0].add(alphas[1]).add(alphas[2]);
      const sb = betas[0].add(betas[1]).add(betas[2]);
      if (sa.is0() || sb.is0()) return false;
      const rp = row.rowProof;
      if (modq(rp.c[0] + rp.c[1]) !== challenge(rowLabel(i), encodePoint(sa), encodePoint(sb), raw.rowProof)) return false;
      batch.addRange(alphas, betas, rp);
    }
    return true;
  },
  single(b, { Q, K, tau }) {
    const failures = [];
    for (const row of b.rows) {
      const i = row.subject;
      row.options.forEach((o, j) => {
        if (!verifyRange({ Q, tau, label: optionLabel(i, j), K, alpha: o.alpha, beta: o.beta, L: 1 }, o.proof)) failures.push(optionLabel(i, j));
      });
      const sa = row.options[0].alpha.add(row.options[1].alpha).add(row.options[2].alpha);
      const sb = row.options[0].beta.add(row.options[1].beta).add(row.options[2].beta);
      if (sa.is0() || sb.is0() || !verifyRange({ Q, tau, label: rowLabel(i), K, alpha: sa, beta: sb, L: 1 }, row.rowProof)) {
        failures.push(rowLabel(i));
      }
    }
    return failures;
  },
  ciphertexts(b) {
    return b.rows.flatMap((row) => row.options.map((o) => ({ alpha: o.alpha, beta: o.beta })));
  },
};

/** @type {Record<number, BallotFormat>} */
export const FORMATS = { 1: V1 };

/**
 * Version 2 (docs/protocol.md §16): one ciphertext per subject encrypting 0, 1, B or B² (blank, HIGH, MID, LOW) with
 * one 4-branch proof, challenge Hq("cvote/v2/row", Q, τ, λ = s<i>, I2OSP(B,4), α, β, a_0, b_0, …, a_3, b_3); the
 * aggregate and the decryption are per subject (label s<i>).
 * @type {BallotFormat}
 */
const V2 = {
  labels(subjects) {
    const out = [];
    for (let i = 1; i <= subjects; i++) out.push(rowLabelV2(i));
    return out;
  },
  parse(line, subjects, pollId) {
    return parseBallotV2(line, { subjects, pollId, boardLine: true });
  },
  hash(Q, tau, b, line) {
    const inputs = [{ hash: Q }, { hash: tau }];
    for (const row of line.rows) inputs.push({ bytes: hexToBytes(row.alpha) }, { bytes: hexToBytes(row.beta) });
    return H(TAG_BALLOT_V2, ...inputs);
  },
  addToBatch(b, { Q, tau, base }, batch, line) {
    const values = branchValues(/** @type {number} */ (base));
    for (let r = 0; r < b.rows.length; r++) {
      const row = b.rows[r];
      const raw = line.rows[r];
      const inputs = [{ hash: Q }, { hash: tau }, { string: rowLabelV2(row.subject) }, { int: /** @type {number} */ (base) },
        { bytes: hexToBytes(raw.alpha) }, { bytes: hexToBytes(raw.beta) }];
      for (let j = 0; j < 4; j++) inputs.push({ bytes: hexToBytes(raw.proof.a[j]) }, { bytes: hexToBytes(raw.proof.b[j]) });
      if (modq(row.proof.c.reduce((x, y) => x + y, 0n)) !== Hq(TAG_ROW_V2, ...inputs)) return false;
      batch.addRange([row.alpha], [row.beta], row.proof, values);
    }
    return true;
  },
  single(b, { Q, K, tau, base }) {
    const failures = [];
    for (const row of b.rows) {
      const label = rowLabelV2(row.subject);
      if (!verifyRowV2({ Q, tau, label, B: /** @type {number} */ (base), K, alpha: row.alpha, beta: row.beta }, row.proof)) failures.push(label);
    }
    return failures;
  },
  ciphertexts(b) {
    return b.rows.map((row) => ({ alpha: row.alpha, beta: row.beta }));
  },
};
FORMATS[2] = V2;

/**
 * The ballot format of a manifest: `ballotVersion` (absent = 1, docs/protocol.md §16.9); an unknown one is refused.
 * @param {any} manifest
 */
export function formatVersion(manifest) {
  // docs/protocol.md §16.1: no ballotVersion is version 1 (and then no base); an explicit 1 is refused
  const has = manifest != null && Object.prototype.hasOwnProperty.call(manifest, 'ballotVersion');
  if (!has && manifest != null && Object.prototype.hasOwnProperty.call(manifest, 'base')) {
    throw new DecodeError('manifest.base', 'a base without ballotVersion');
  }
  const v = has ? manifest.ballotVersion : 1;
  if (has && v !== 2) throw new DecodeError('manifest.ballotVersion', `unknown ballot format ${v}`);
  if (!FORMATS[v]) throw new DecodeError('manifest.ballotVersion', `unknown ballot format ${v}`);
  if (v === 2) {
    try {
      checkBase(manifest.base);
    } catch (e) {
      throw new DecodeError('manifest.base', /** @type {Error} */ (e).message);
    }
  }
  return v;
}

// ---------------------------------------------------------------- one chunk (pure; a worker's job)

/**
 * Verifies a chunk of board lines: shape, token (format, and signature when tokenSpki is given), proofs batched with
 * fallback to single checks; recomputes each B_k and the chunk's partial aggregate.
 * @param {ChunkTask} task
 * @returns {Promise<ChunkResult>}
 */
export async function verifyChunk(task) {
  const fmt = FORMATS[task.version ?? 1];
  if (!fmt) throw new DecodeError('manifest.ballotVersion', `unknown ballot format ${task.version}`);
  const Q = hexToBytes(task.Q, 'Q', 32);
  const K = decodePoint(task.K, 'K');
  const labels = fmt.labels(task.subjects);
  /** @type {Problem[]} */ const problems = [];
  /** @type {(string|null)[]} */ const hashes = [];
  /** @type {(string|null)[]} */ const tokens = [];
  /** @type {Pt[][]} */ const sums = labels.map(() => [Point.ZERO, Point.ZERO]);
  const parsed = [];
  for (let x = 0; x < task.lines.length; x++) {
    const idx = task.first + x;
    const line = task.lines[x];
    let b;
    try {
      b = fmt.parse(line, task.subjects, task.pollId);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      problems.push({ index: idx, field: e.field || 'ballot', message: e.message });
      hashes.push(null);
      tokens.push(tokenDigest(line));
      continue;
    }
    const tau = tokenHash(b.token.msg);
    hashes.push(bytesToHex(fmt.hash(Q, tau, b, line)));
    tokens.push(bytesToHex(sha256Bytes(b.token.msg)));
    const tokenProblem = await checkToken(task, b, line);
    if (tokenProblem) problems.push({ index: idx, field: 'token', message: tokenProblem });
    fmt.ciphertexts(b).forEach((ct, l) => {
      sums[l][0] = sums[l][0].add(ct.alpha);
      sums[l][1] = sums[l][1].add(ct.beta);
    });
    parsed.push({ idx, b, tau, line });
  }
  // proofs: batches of `batch` ballots; a failing batch is checked ballot by ballot, label by label
  // about 30,000 points per multi-scalar multiplication (22 per subject): Pippenger's cost per point falls with size
  const per = task.batch ?? Math.max(1, Math.ceil(30000 / (22 * task.subjects)));
  for (let s = 0; s < parsed.length; s += per) {
    const group = parsed.slice(s, s + per);
    const batch = new Batch(K);
    let exact = true;
    for (const { b, tau, line } of group) exact = fmt.addToBatch(b, { Q, K, tau, base: task.base }, batch, line) && exact;
    if (exact && batch.holds()) continue;
    for (const { idx, b, tau } of group) {
      for (const label of fmt.single(b, { Q, K, tau, base: task.base })) problems.push({ index: idx, field: label, message: 'proof does not verify' });
    }
  }
  return {
    first: task.first, count: task.lines.length, problems, hashes, tokens,
    sums: sums.map(([a, b]) => [a.is0() ? null : pointToHex(a), b.is0() ? null : pointToHex(b)]),
  };
}

/** SHA-256 of a line's token message when it is at least hex (for uniqueness of an otherwise malformed ballot). */
function tokenDigest(line) {
  try {
    return bytesToHex(sha256Bytes(hexToBytes(line.token.msg, 'token.msg')));
  } catch {
    return null;
  }
}

/** docs/protocol.md §13 token rules: a prepared message for this poll and, with the key, a valid 384-byte signature. */
async function checkToken(task, b, line) {
  if (!isPreparedMessageFor(task.pollId, b.token.msg)) return 'token rejected: not a prepared token message for this poll';
  if (!task.tokenSpki) return null;
  if (hexToBytes(line.token.sig, 'token.sig').length !== SIGNATURE_BYTES) return 'token rejected: the signature is not 384 bytes';
  let ok = false;
  try {
    ok = await verifyToken(task.tokenSpki, { msg: line.token.msg, sig: line.token.sig });
  } catch (e) {
    return `token rejected: ${/** @type {Error} */ (e).message}`;
  }
  return ok ? null : 'token rejected: the RSASSA-PSS signature does not verify';
}

// ---------------------------------------------------------------- the whole board

/**
 * Verifies a whole board: chunks through `runChunk` (in place by default; a worker pool's runner in the page), then,
 * in board order, indices 1..N, B_k, the chain from T_0 and token uniqueness. Returns the problems (empty: the board
 * verifies) and the aggregate (per label of the format: the sums of all N ballots' ciphertexts).
 * @param {{ board: any[], Q: string, K: string, pollId: string, subjects: number, version?: number, base?: number,
 *           tokenSpki?: string|null }} input
 * @param {{ runChunk?: (t: ChunkTask) => Promise<ChunkResult>, chunk?: number, batch?: number,
 *           onProgress?: (done: number, total: number) => void }} [opts]
 * @returns {Promise<{ ok: boolean, problems: Problem[], labels: string[], aggregate: {alpha: Pt, beta: Pt}[], count: number }>}
 */
export async function verifyBoard(input, opts = {}) {
  const run = opts.runChunk ?? verifyChunk;
  // by default one batch per chunk: ~30,000 points per multi-scalar multiplication (22 per subject)
  const size = opts.chunk ?? Math.max(1, Math.ceil(30000 / (22 * input.subjects)));
  const version = input.version ?? 1;
  const fmt = FORMATS[version];
  if (!fmt) throw new DecodeError('manifest.ballotVersion', `unknown ballot format ${version}`);
  const N = input.board.length;
  /** @type {Problem[]} */ const early = [];
  if (version === 2 && N >= /** @type {number} */ (input.base)) {
    // docs/protocol.md §16.6: the counts split uniquely only for N < B (N ≤ summoned = B − 1); more ballots than
    // voters could carry HIGH marks into MID (B of them pack like one MID): refuse before any share is made
    early.push({ index: 0, field: 'ballots', message: `bảng tin có ${N} phiếu, nhiều hơn B − 1 = ${Number(input.base) - 1} người được triệu tập — `
      + `the board holds ${N} ballots; B = ${input.base} admits at most ${Number(input.base) - 1}` });
  }
  let done = 0;
  const tasks = [];
  for (let first = 1; first <= N; first += size) {
    const task = { Q: input.Q, K: input.K, pollId: input.pollId, subjects: input.subjects, version, base: input.base,
      tokenSpki: input.tokenSpki ?? null, first, lines: input.board.slice(first - 1, first - 1 + size), batch: opts.batch };
    tasks.push(run(task).then((r) => {
      done += r.count;
      opts.onProgress?.(done, N);
      return r;
    }));
  }
  const results = (await Promise.all(tasks)).sort((a, b) => a.first - b.first);
  /** @type {Problem[]} */ const problems = [...early, ...results.flatMap((r) => r.problems)];
  const labels = fmt.labels(input.subjects);
  const agg = labels.map(() => ({ alpha: Point.ZERO, beta: Point.ZERO }));
  const spent = new Set();
  let chain = chain0(input.Q);
  for (const r of results) {
    r.sums.forEach(([a, b], l) => {
      if (a) agg[l].alpha = agg[l].alpha.add(decodePoint(a, 'sum'));
      if (b) agg[l].beta = agg[l].beta.add(decodePoint(b, 'sum'));
    });
    for (let x = 0; x < r.count; x++) {
      const idx = r.first + x;
      const line = input.board[idx - 1];
      if (line?.index !== idx) problems.push({ index: idx, field: 'index', message: `expected index ${idx}, got ${line?.index}` });
      const tok = r.tokens[x];
      if (tok !== null) {
        if (spent.has(tok)) problems.push({ index: idx, field: 'token', message: 'token already used by an earlier ballot' });
        spent.add(tok);
      }
      const B = r.hashes[x];
      if (B === null) { // unparseable: reported by the chunk; the chain goes on from the line's own value
        try { chain = hexToBytes(line.chain, 'chain', 32); } catch { /* reported */ }
        continue;
      }
      if (B !== line.hash) problems.push({ index: idx, field: 'hash', message: 'ballot hash B_k does not match the ballot' });
      chain = chainStep(chain, hexToBytes(B, 'hash', 32));
      if (bytesToHex(chain) !== line.chain) {
        problems.push({ index: idx, field: 'chain', message: 'tracking chain T_k does not follow T_{k-1}' });
        try { chain = hexToBytes(line.chain, 'chain', 32); } catch { /* reported */ } // report each break once
      }
    }
  }
  problems.sort((a, b) => a.index - b.index);
  return { ok: problems.length === 0, problems, labels, aggregate: agg, count: N };
}

export { Batch };
