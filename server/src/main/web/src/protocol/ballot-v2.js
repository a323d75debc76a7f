// Ballot version 2 of docs/protocol.md §16: one exponential-ElGamal ciphertext per row,
// encrypting 0 (blank), 1 (HIGH), B (MID) or B² (LOW), with B = summoned + 1 fixed in
// the manifest; one 4-branch disjunctive Chaum–Pedersen proof (CDS) per row.
import {
  Point, G, q, modq, hexToBytes, bytesToHex, decodePoint, pointToHex, scalarToHex, decodeScalar,
  DecodeError, mulSecret,
} from './encoding.js';
import { H, Hq } from './hash.js';
import { encrypt, messagePoint } from './elgamal.js';
import { rangeProofToJson, rangeProofFromJson, strictObject } from './proofs.js';
import { tokenHash, isPreparedMessageFor, SIGNATURE_BYTES } from './token.js';
import { randomScalar } from './random.js';
import { LEVELS, asHash, asPoint } from './ballot.js';

/** @typedef {import('./encoding.js').Point} Pt */
/** @typedef {import('./proofs.js').RangeProof} RowProofV2 four branches: a, b, c, v of 4 entries */

export const BALLOT_VERSION_2 = 2;
export const TAG_MANIFEST_V2 = 'cvote/v2/manifest';
export const TAG_ROW_V2 = 'cvote/v2/row';
export const TAG_BALLOT_V2 = 'cvote/v2/ballot';
/** B in [2, 10001] (1..10000 summoned): the largest aggregate N·B² stays within a BSGS search of ~10^6 steps. */
export const MIN_BASE = 2;
export const MAX_BASE = 10001;
const BRANCHES = 4;

/** @param {unknown} B @returns {number} */
export function checkBase(B) {
  if (!Number.isInteger(B) || /** @type {number} */ (B) < MIN_BASE || /** @type {number} */ (B) > MAX_BASE) {
    throw new RangeError(`B must be an integer in [${MIN_BASE}, ${MAX_BASE}]`);
  }
  return /** @type {number} */ (B);
}

/** The branch values 0, 1, B, B² (blank, HIGH, MID, LOW). @param {number} B @returns {bigint[]} */
export function branchValues(B) {
  const b = BigInt(checkBase(B));
  return [0n, 1n, b, b * b];
}

/**
 * The branch of one choice: null / 'BLANK' → 0, HIGH (0) → 1, MID (1) → 2, LOW (2) → 3.
 * @param {import('./ballot.js').Choice} choice @param {number} i 1-based subject (for errors)
 */
export function choiceBranch(choice, i = 0) {
  if (choice === null || choice === 'BLANK') return 0;
  const j = typeof choice === 'number' ? choice : LEVELS.indexOf(/** @type {string} */ (choice));
  if (!Number.isInteger(j) || j < 0 || j > 2) throw new RangeError(`subject ${i}: bad choice ${String(choice)}`);
  return j + 1;
}

/** The row label λ = s<i> (the row proof and the subject's decryption). @param {number} i */
export const rowLabelV2 = (i) => `s${i}`;

/** @param {unknown} s @param {string} field */
function nfcString(s, field) {
  if (typeof s !== 'string') throw new DecodeError(field, 'expected a string');
  if (s.normalize('NFC') !== s) throw new DecodeError(field, 'must be in Unicode NFC');
  return s;
}

/**
 * M = H("cvote/v2/manifest", pollId, title, I2OSP(S,4), I2OSP(B,4), per subject: I2OSP(index,4),
 * name, position, unit) for a manifest with "ballotVersion": 2 and "base": B.
 * @param {{ pollId: string, title: string, subjects: {index: number, name: string, position: string, unit: string}[],
 *           options?: string[], ballotVersion: number, base: number }} manifest
 * @returns {Uint8Array}
 */
export function manifestHashV2(manifest) {
  if (!manifest || typeof manifest !== 'object') throw new DecodeError('manifest', 'expected an object');
  if (manifest.ballotVersion !== BALLOT_VERSION_2) throw new DecodeError('manifest.ballotVersion', 'expected 2');
  let B;
  try {
    B = checkBase(manifest.base);
  } catch {
    throw new DecodeError('manifest.base', `expected an integer in [${MIN_BASE}, ${MAX_BASE}]`);
  }
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
    { int: B },
  ];
  subjects.forEach((s, i) => {
    const f = `manifest.subjects[${i}]`;
    if (!s || s.index !== i + 1) throw new DecodeError(`${f}.index`, `expected ${i + 1}`);
    inputs.push({ int: s.index }, { string: nfcString(s.name, `${f}.name`) },
      { string: nfcString(s.position, `${f}.position`) }, { string: nfcString(s.unit, `${f}.unit`) });
  });
  return H(TAG_MANIFEST_V2, ...inputs);
}

/**
 * c = Hq("cvote/v2/row", Q, τ, λ, I2OSP(B,4), α, β, a_0, b_0, a_1, b_1, a_2, b_2, a_3, b_3).
 * @param {Uint8Array} Q @param {Uint8Array} tau @param {string} label @param {number} B
 * @param {Pt} alpha @param {Pt} beta @param {Pt[]} a @param {Pt[]} b
 */
export function rowChallengeV2(Q, tau, label, B, alpha, beta, a, b) {
  /** @type {import('./hash.js').HashInput[]} */
  const inputs = [{ hash: Q }, { hash: tau }, { string: label }, { int: B }, { point: alpha }, { point: beta }];
  for (let j = 0; j < a.length; j++) inputs.push({ point: a[j] }, { point: b[j] });
  return Hq(TAG_ROW_V2, ...inputs);
}

/** @param {bigint|string|null|undefined} x @param {string} what */
function nonceScalar(x, what) {
  const s = typeof x === 'string' ? decodeScalar(x, what) : x;
  if (typeof s !== 'bigint' || s < 0n || s >= q) throw new RangeError(`${what} must be a scalar`);
  return s;
}

/**
 * @typedef {{ Q: Uint8Array|string, tau: Uint8Array|string, label: string, B: number, K: Pt,
 *             alpha: Pt, beta: Pt }} RowStatementV2
 */
/** @param {RowStatementV2} st */
function checkStatement(st) {
  const Q = asHash(st.Q, 'Q');
  const tau = asHash(st.tau, 'tau');
  const B = checkBase(st.B);
  if (typeof st.label !== 'string' || st.label.length === 0) throw new TypeError('label must be a non-empty string');
  for (const k of /** @type {const} */ (['K', 'alpha', 'beta'])) {
    if (!(st[k] instanceof Point) || st[k].is0()) throw new TypeError(`${k} must be a non-identity point`);
  }
  return { Q, tau, B };
}

/** β − m_j·G for the four branches (may be the identity; never encoded). @param {Pt} beta @param {number} B */
function shifted(beta, B) {
  return branchValues(B).map((m) => (m === 0n ? beta : beta.subtract(messagePoint(m))));
}

/**
 * Proves that (alpha, beta) = Enc(m_branch; r) under K, m_branch ∈ {0, 1, B, B²}.
 * @param {RowStatementV2 & { branch: number, r: bigint }} st
 * @param {{ nonces?: import('./proofs.js').RangeNonces, randomScalar?: () => bigint }} [opts]
 * @returns {RowProofV2}
 */
export function proveRowV2(st, opts = {}) {
  const { Q, tau, B } = checkStatement(st);
  const { branch, r, K, alpha, beta, label } = st;
  if (!Number.isInteger(branch) || branch < 0 || branch >= BRANCHES) throw new RangeError('branch must be 0..3');
  if (typeof r !== 'bigint' || r <= 0n || r >= q) throw new RangeError('r must be in [1, q−1]');
  const fixed = opts.nonces;
  const rnd = opts.randomScalar ?? randomScalar;
  const sh = shifted(beta, B);
  const u = fixed ? nonceScalar(fixed.u, 'nonces.u') : rnd();
  if (u === 0n) throw new RangeError('nonce u must not be 0');
  /** @type {Pt[]} */ const a = new Array(BRANCHES);
  /** @type {Pt[]} */ const b = new Array(BRANCHES);
  /** @type {bigint[]} */ const c = new Array(BRANCHES);
  /** @type {bigint[]} */ const v = new Array(BRANCHES);
  let sumOthers = 0n;
  for (let j = 0; j < BRANCHES; j++) {
    if (j === branch) continue;
    c[j] = fixed ? nonceScalar(fixed.c[j], `nonces.c[${j}]`) : rnd();
    v[j] = fixed ? nonceScalar(fixed.v[j], `nonces.v[${j}]`) : rnd();
    // simulated branch: c_j and v_j are published, so variable time is fine
    a[j] = G.mulAddUnsafe(v[j], alpha, c[j]);
    b[j] = K.mulAddUnsafe(v[j], sh[j], c[j]);
    sumOthers += c[j];
  }
  // real branch: u and r are secret, constant-time multiplications
  a[branch] = G.multiply(u);
  b[branch] = mulSecret(K, u);
  const ch = rowChallengeV2(Q, tau, label, B, alpha, beta, a, b);
  c[branch] = modq(ch - sumOthers);
  v[branch] = modq(u - c[branch] * r);
  return { a, b, c, v };
}

/**
 * Verifies a decoded row proof: for every j, a_j = v_j·G + c_j·α and b_j = v_j·K + c_j·(β − m_j·G),
 * and Σ c_j = Hq("cvote/v2/row", …) mod q.
 * @param {RowStatementV2} st @param {RowProofV2} proof @returns {boolean}
 */
export function verifyRowV2(st, proof) {
  const { Q, tau, B } = checkStatement(st);
  const { K, alpha, beta, label } = st;
  const { a, b, c, v } = proof;
  for (const arr of [a, b, c, v]) if (!Array.isArray(arr) || arr.length !== BRANCHES) return false;
  const sh = shifted(beta, B);
  let sum = 0n;
  for (let j = 0; j < BRANCHES; j++) {
    if (typeof c[j] !== 'bigint' || typeof v[j] !== 'bigint') return false;
    if (c[j] < 0n || c[j] >= q || v[j] < 0n || v[j] >= q) return false;
    if (!(a[j] instanceof Point) || !(b[j] instanceof Point) || a[j].is0() || b[j].is0()) return false;
    if (!G.mulAddUnsafe(v[j], alpha, c[j]).equals(a[j])) return false;
    if (!K.mulAddUnsafe(v[j], sh[j], c[j]).equals(b[j])) return false;
    sum += c[j];
  }
  return modq(sum) === rowChallengeV2(Q, tau, label, B, alpha, beta, a, b);
}

/** Strict decoding of a row proof: exactly a, b, c, v, each of 4 entries. @param {unknown} json @param {string} [field] */
export function rowProofV2FromJson(json, field = 'proof') {
  return rangeProofFromJson(json, BRANCHES - 1, field);
}
export const rowProofV2ToJson = rangeProofToJson;

/**
 * @typedef {{ subject: number, alpha: string, beta: string, proof: import('./proofs.js').RangeProofJson }} RowV2Json
 * @typedef {{ poll: string, token: { msg: string, sig: string }, rows: RowV2Json[] }} BallotV2Json
 * @typedef {{ ballot: BallotV2Json, Q: Uint8Array, K: Pt, B: number, tau: Uint8Array, hash: Uint8Array,
 *   secrets: { values: bigint[], randomness: bigint[] }, spoiled: boolean, version: 2 }} EncryptedBallotV2
 */

/**
 * Encrypts one choice per subject (subject i = index + 1) as one ciphertext of 0, 1, B or B², each row
 * with its proof (label s<i>).
 * @param {{ pollId: string, Q: Uint8Array|string, K: Pt|string, B: number,
 *           token: { msg: string, sig: string }, choices: import('./ballot.js').Choice[] }} input
 * @param {{ randomScalar?: () => bigint, subjects?: number }} [opts]
 * @returns {EncryptedBallotV2}
 */
export function encryptBallotV2(input, opts = {}) {
  const Q = asHash(input.Q, 'Q');
  const K = asPoint(input.K, 'K');
  const B = checkBase(input.B);
  const { pollId, token, choices } = input;
  if (typeof pollId !== 'string' || pollId.length === 0) throw new TypeError('pollId must be a non-empty string');
  if (!token || typeof token.msg !== 'string' || typeof token.sig !== 'string') throw new TypeError('token must be { msg, sig } hex');
  hexToBytes(token.sig, 'token.sig', SIGNATURE_BYTES);
  const msg = hexToBytes(token.msg, 'token.msg');
  if (!isPreparedMessageFor(pollId, msg)) throw new DecodeError('token.msg', 'not a prepared token message for this poll');
  if (!Array.isArray(choices) || choices.length === 0) throw new TypeError('choices must be a non-empty array');
  if (opts.subjects !== undefined && opts.subjects !== choices.length) {
    throw new RangeError(`expected ${opts.subjects} choices, got ${choices.length}`);
  }
  const rnd = opts.randomScalar ?? randomScalar;
  const tau = tokenHash(msg);
  const values = branchValues(B);
  /** @type {RowV2Json[]} */ const rows = [];
  /** @type {bigint[]} */ const secretValues = [];
  /** @type {bigint[]} */ const secretR = [];
  choices.forEach((choice, idx) => {
    const i = idx + 1;
    const branch = choiceBranch(choice, i);
    const ct = encrypt(K, values[branch], rnd());
    const proof = proveRowV2({ Q, tau, label: rowLabelV2(i), B, K, alpha: ct.alpha, beta: ct.beta, branch, r: ct.r }, { randomScalar: rnd });
    rows.push({ subject: i, alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta), proof: rangeProofToJson(proof) });
    secretValues.push(values[branch]);
    secretR.push(ct.r);
  });
  /** @type {BallotV2Json} */
  const ballot = { poll: pollId, token: { msg: token.msg, sig: token.sig }, rows };
  return {
    ballot, Q, K, B, tau, hash: ballotHashV2(Q, tau, ballot),
    secrets: { values: secretValues, randomness: secretR }, spoiled: false, version: 2,
  };
}

/**
 * B = H("cvote/v2/ballot", Q, τ, α_1, β_1, …, α_S, β_S).
 * @param {Uint8Array|string} Q @param {Uint8Array|string} tau @param {{ rows: { alpha: Pt|string, beta: Pt|string }[] }} ballot
 */
export function ballotHashV2(Q, tau, ballot) {
  /** @type {import('./hash.js').HashInput[]} */
  const inputs = [{ hash: asHash(Q, 'Q') }, { hash: asHash(tau, 'tau') }];
  for (const row of ballot.rows) inputs.push({ point: row.alpha }, { point: row.beta });
  return H(TAG_BALLOT_V2, ...inputs);
}

/**
 * Strictly decodes a version 2 ballot (exact fields, subject numbering, every point and scalar).
 * @param {unknown} json
 * @param {{ subjects?: number, pollId?: string, boardLine?: boolean }} [opts]
 */
export function parseBallotV2(json, opts = {}) {
  const keys = opts.boardLine ? ['poll', 'token', 'rows', 'index', 'hash', 'chain'] : ['poll', 'token', 'rows'];
  const o = strictObject(json, keys, 'ballot');
  if (typeof o.poll !== 'string') throw new DecodeError('poll', 'expected a string');
  if (opts.pollId !== undefined && o.poll !== opts.pollId) throw new DecodeError('poll', 'wrong poll');
  const tok = strictObject(o.token, ['msg', 'sig'], 'token');
  const msg = hexToBytes(tok.msg, 'token.msg');
  hexToBytes(tok.sig, 'token.sig');
  if (!Array.isArray(o.rows) || o.rows.length === 0) throw new DecodeError('rows', 'expected a non-empty array');
  if (opts.subjects !== undefined && o.rows.length !== opts.subjects) throw new DecodeError('rows', `expected ${opts.subjects} rows`);
  const rows = o.rows.map((rj, idx) => {
    const f = `rows[${idx}]`;
    const r = strictObject(rj, ['subject', 'alpha', 'beta', 'proof'], f);
    if (r.subject !== idx + 1) throw new DecodeError(`${f}.subject`, `expected ${idx + 1}`);
    return {
      subject: idx + 1,
      alpha: decodePoint(r.alpha, `${f}.alpha`),
      beta: decodePoint(r.beta, `${f}.beta`),
      proof: rowProofV2FromJson(r.proof, `${f}.proof`),
    };
  });
  return { poll: o.poll, token: { msg, sig: tok.sig }, rows };
}

/**
 * Verifies every row proof of a version 2 ballot under the manifest's B and recomputes τ and B_k.
 * Structural defects throw DecodeError; failing rows are listed by label (s<i>).
 * @param {unknown} json
 * @param {{ Q: Uint8Array|string, K: Pt|string, B: number, subjects?: number, pollId?: string, boardLine?: boolean }} ctx
 * @returns {{ ok: boolean, failures: string[], tau: Uint8Array, hash: Uint8Array }}
 */
export function verifyBallotV2(json, ctx) {
  const Q = asHash(ctx.Q, 'Q');
  const K = asPoint(ctx.K, 'K');
  const B = checkBase(ctx.B);
  const b = parseBallotV2(json, ctx);
  const tau = tokenHash(b.token.msg);
  /** @type {string[]} */ const failures = [];
  for (const row of b.rows) {
    const label = rowLabelV2(row.subject);
    if (!verifyRowV2({ Q, tau, label, B, K, alpha: row.alpha, beta: row.beta }, row.proof)) failures.push(label);
  }
  return { ok: failures.length === 0, failures, tau, hash: ballotHashV2(Q, tau, b) };
}

/**
 * Splits a subject's decrypted aggregate n_H + n_M·B + n_L·B² over N ballots into [n_H, n_M, n_L];
 * refuses (RangeError) a value no N honest rows give.
 * @param {bigint|number} value @param {number} B @param {number} N
 * @returns {number[]}
 */
export function splitV2(value, B, N) {
  checkBase(B);
  if (!Number.isInteger(N) || N < 0 || N >= B) throw new RangeError(`N must be in [0, ${B - 1}]`);
  const v = BigInt(value);
  const b = BigInt(B);
  if (v < 0n || v > BigInt(N) * b * b) throw new RangeError('decrypted value outside 0..N·B²');
  const h = v % b;
  const m = (v / b) % b;
  const l = v / (b * b);
  if (h + m + l > BigInt(N)) throw new RangeError('decrypted value splits into more marks than ballots');
  return [Number(h), Number(m), Number(l)];
}

/**
 * Cast-or-audit of a version 2 ballot: reveals each row's plaintext (0, 1, B or B²) and r, and marks the
 * encryption spoiled (it must never be cast).
 * @param {EncryptedBallotV2} eb
 */
export function challengeV2(eb) {
  eb.spoiled = true;
  return {
    poll: eb.ballot.poll, Q: bytesToHex(eb.Q), K: pointToHex(eb.K), B: eb.B, ballot: eb.ballot,
    values: eb.secrets.values.map((m) => Number(m)), randomness: eb.secrets.randomness.map(scalarToHex),
  };
}

/**
 * Checks a version 2 challenge: every value is one of 0, 1, B, B² and re-encrypts with its r to the row.
 * With `published` (the poll's Q, K and B, and the hash shown before the challenge) they come from there.
 * @param {ReturnType<typeof challengeV2>} audit
 * @param {{ Q?: Uint8Array|string, K?: string, B?: number, hash?: Uint8Array|string }} [published]
 * @returns {{ ok: boolean, failures: string[], hash?: string }}
 */
export function checkChallengeV2(audit, published = {}) {
  if (published.Q !== undefined && audit.Q !== bytesToHex(asHash(published.Q, 'Q'))) return { ok: false, failures: ['Q'] };
  if (published.K !== undefined && audit.K !== pointToHex(asPoint(published.K, 'K'))) return { ok: false, failures: ['K'] };
  if (published.B !== undefined && audit.B !== published.B) return { ok: false, failures: ['B'] };
  const K = decodePoint(audit.K, 'K');
  const allowed = branchValues(audit.B);
  const rows = audit.ballot.rows;
  /** @type {string[]} */ const failures = [];
  if (!Array.isArray(audit.values) || audit.values.length !== rows.length
    || !Array.isArray(audit.randomness) || audit.randomness.length !== rows.length) {
    return { ok: false, failures: ['shape'] };
  }
  rows.forEach((row, idx) => {
    const m = audit.values[idx];
    const r = decodeScalar(audit.randomness[idx], `randomness[${idx}]`);
    if (!Number.isSafeInteger(m) || !allowed.includes(BigInt(m)) || r === 0n) {
      failures.push(rowLabelV2(idx + 1));
      return;
    }
    const ct = encrypt(K, BigInt(m), r);
    if (pointToHex(ct.alpha) !== row.alpha || pointToHex(ct.beta) !== row.beta) failures.push(rowLabelV2(idx + 1));
  });
  if (published.Q === undefined) return { ok: failures.length === 0, failures };
  const b = parseBallotV2(audit.ballot, { subjects: rows.length });
  const hash = bytesToHex(ballotHashV2(asHash(published.Q, 'Q'), tokenHash(b.token.msg), b));
  if (published.hash !== undefined && hash !== bytesToHex(asHash(published.hash, 'hash'))) failures.push('hash');
  return { ok: failures.length === 0, failures, hash };
}
