// The ballot of docs/protocol.md §7: encryption of a voter's choices with range and
// row proofs, the ballot hash, the tracking chain and code, and cast-or-audit.
import {
  Point, modq, hexToBytes, bytesToHex, decodePoint, pointToHex, scalarToHex,
  decodeScalar, base32, DecodeError,
} from './encoding.js';
import { H } from './hash.js';
import { encrypt, add } from './elgamal.js';
import { proveRange, verifyRange, rangeProofToJson, rangeProofFromJson, strictObject } from './proofs.js';
import { tokenHash, isPreparedMessageFor, SIGNATURE_BYTES } from './token.js';
import { randomScalar } from './random.js';

/** @typedef {import('./encoding.js').Point} Pt */
/** The three options of every subject, in order (j = 0, 1, 2). */
export const LEVELS = Object.freeze(['HIGH', 'MID', 'LOW']);
export const TAG_BALLOT = 'cvote/v1/ballot';
export const TAG_CHAIN0 = 'cvote/v1/chain0';
export const TAG_CHAIN = 'cvote/v1/chain';

/**
 * A voter's choice for one subject: a level name, its index 0..2, or
 * null / "BLANK" for a deliberate blank (row sum 0).
 * @typedef {'HIGH'|'MID'|'LOW'|'BLANK'|0|1|2|null} Choice
 */
/**
 * @typedef {{ alpha: string, beta: string, proof: import('./proofs.js').RangeProofJson }} OptionJson
 * @typedef {{ subject: number, options: OptionJson[], rowProof: import('./proofs.js').RangeProofJson }} RowJson
 * @typedef {{ poll: string, token: { msg: string, sig: string }, rows: RowJson[] }} BallotJson
 */
/**
 * The result of encryptBallot. `secrets` reveal the vote: keep them only for a
 * cast-or-audit challenge and drop them once the ballot is cast.
 * @typedef {{ ballot: BallotJson, Q: Uint8Array, K: Pt, tau: Uint8Array, hash: Uint8Array,
 *   secrets: { choices: (0|1)[][], randomness: bigint[][] }, spoiled: boolean }} EncryptedBallot
 */

/** @param {unknown} x @param {string} what @returns {Uint8Array} */
export function asHash(x, what) {
  const b = typeof x === 'string' ? hexToBytes(x, what, 32) : x;
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new TypeError(`${what} must be 32 bytes`);
  return b;
}
/** @param {unknown} x @param {string} what @returns {Pt} */
export function asPoint(x, what) {
  if (x instanceof Point) {
    if (x.is0()) throw new TypeError(`${what} must not be the identity`);
    return x;
  }
  return decodePoint(/** @type {string} */ (x), what);
}

/**
 * The 0/1 vector of one subject's choice.
 * @param {Choice} choice
 * @param {number} i 1-based subject index (for errors)
 * @returns {(0|1)[]}
 */
export function choiceVector(choice, i = 0) {
  if (choice === null || choice === 'BLANK') return [0, 0, 0];
  const j = typeof choice === 'number' ? choice : LEVELS.indexOf(/** @type {string} */ (choice));
  if (!Number.isInteger(j) || j < 0 || j > 2) throw new RangeError(`subject ${i}: bad choice ${String(choice)}`);
  return /** @type {(0|1)[]} */ ([0, 1, 2].map((k) => (k === j ? 1 : 0)));
}

/** @param {number} i @param {number} j */
export const optionLabel = (i, j) => `s${i}/o${j}`;
/** @param {number} i */
export const rowLabel = (i) => `s${i}/row`;

/**
 * Encrypts one choice per subject (manifest order, subject i = index + 1), with a
 * range proof 0/1 per option (label s<i>/o<j>) and a row proof that the row
 * sums to 0 or 1 (label s<i>/row, witness Σ r mod q).
 * @param {{ pollId: string, Q: Uint8Array|string, K: Pt|string,
 *           token: { msg: string, sig: string }, choices: Choice[] }} input
 * @param {{ randomScalar?: () => bigint, subjects?: number }} [opts]
 *   randomScalar: source of r and proof nonces (default crypto.getRandomValues);
 *   subjects: expected number of subjects (checked against choices.length).
 * @returns {EncryptedBallot}
 */
export function encryptBallot(input, opts = {}) {
  const Q = asHash(input.Q, 'Q');
  const K = asPoint(input.K, 'K');
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

  /** @type {RowJson[]} */ const rows = [];
  /** @type {(0|1)[][]} */ const secretChoices = [];
  /** @type {bigint[][]} */ const secretR = [];
  choices.forEach((choice, idx) => {
    const i = idx + 1;
    const vec = choiceVector(choice, i);
    /** @type {OptionJson[]} */ const options = [];
    const cts = [];
    const rs = [];
    for (let j = 0; j < 3; j++) {
      const ct = encrypt(K, vec[j], rnd());
      const proof = proveRange({ Q, tau, label: optionLabel(i, j), K, alpha: ct.alpha, beta: ct.beta, L: 1, m: vec[j], r: ct.r }, { randomScalar: rnd });
      options.push({ alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta), proof: rangeProofToJson(proof) });
      cts.push(ct);
      rs.push(ct.r);
    }
    const sum = add(...cts);
    const rSum = modq(rs[0] + rs[1] + rs[2]);
    const mSum = vec[0] + vec[1] + vec[2];
    const rowProof = proveRange({ Q, tau, label: rowLabel(i), K, alpha: sum.alpha, beta: sum.beta, L: 1, m: mSum, r: rSum }, { randomScalar: rnd });
    rows.push({ subject: i, options, rowProof: rangeProofToJson(rowProof) });
    secretChoices.push(vec);
    secretR.push(rs);
  });
  /** @type {BallotJson} */
  const ballot = { poll: pollId, token: { msg: token.msg, sig: token.sig }, rows };
  return {
    ballot, Q, K, tau, hash: ballotHash(Q, tau, ballot),
    secrets: { choices: secretChoices, randomness: secretR }, spoiled: false,
  };
}

/**
 * B = H("cvote/v1/ballot", Q, τ, then α, β of every option of every row in order).
 * @param {Uint8Array|string} Q
 * @param {Uint8Array|string} tau
 * @param {BallotJson} ballot
 * @returns {Uint8Array}
 */
export function ballotHash(Q, tau, ballot) {
  /** @type {import('./hash.js').HashInput[]} */
  const inputs = [{ hash: asHash(Q, 'Q') }, { hash: asHash(tau, 'tau') }];
  for (const row of ballot.rows) {
    for (const o of row.options) inputs.push({ point: o.alpha }, { point: o.beta });
  }
  return H(TAG_BALLOT, ...inputs);
}

/** T_0 = H("cvote/v1/chain0", Q). @param {Uint8Array|string} Q */
export function chain0(Q) {
  return H(TAG_CHAIN0, { hash: asHash(Q, 'Q') });
}

/**
 * T_k = H("cvote/v1/chain", T_{k−1}, B_k).
 * @param {Uint8Array|string} prev
 * @param {Uint8Array|string} B
 */
export function chainStep(prev, B) {
  return H(TAG_CHAIN, { hash: asHash(prev, 'prev') }, { hash: asHash(B, 'B') });
}

/**
 * The tracking code: first 10 bytes of T_k in base32 (RFC 4648, no padding),
 * in groups of 4 joined by '-', e.g. "ABCD-EFGH-IJKL-MNOP".
 * @param {Uint8Array|string} T
 * @returns {string}
 */
export function trackingCode(T) {
  const s = base32(asHash(T, 'T').subarray(0, 10));
  return /** @type {string[]} */ (s.match(/.{1,4}/g)).join('-');
}

/**
 * The ballot hash's fingerprint, shown with B before the voter casts or
 * challenges (docs/protocol.md §7.6): the first 10 bytes of B in
 * base32, in groups of 4 — the tracking code's form. cvote-verify --challenged
 * prints it and takes it with --expect-hash.
 * @param {Uint8Array|string} B
 * @returns {string}
 */
export function ballotFingerprint(B) {
  const s = base32(asHash(B, 'B').subarray(0, 10));
  return /** @type {string[]} */ (s.match(/.{1,4}/g)).join('-');
}

/**
 * Strictly decodes a ballot (exact fields, subject numbering, every point and
 * scalar validated). Throws DecodeError naming the field.
 * @param {unknown} json
 * @param {{ subjects?: number, pollId?: string, boardLine?: boolean }} [opts]
 *   boardLine: also allow/require the board fields index, hash, chain.
 */
export function parseBallot(json, opts = {}) {
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
    const r = strictObject(rj, ['subject', 'options', 'rowProof'], f);
    if (r.subject !== idx + 1) throw new DecodeError(`${f}.subject`, `expected ${idx + 1}`);
    if (!Array.isArray(r.options) || r.options.length !== 3) throw new DecodeError(`${f}.options`, 'expected 3 options');
    const options = r.options.map((oj, j) => {
      const g = `${f}.options[${j}]`;
      const op = strictObject(oj, ['alpha', 'beta', 'proof'], g);
      return {
        alpha: decodePoint(op.alpha, `${g}.alpha`),
        beta: decodePoint(op.beta, `${g}.beta`),
        proof: rangeProofFromJson(op.proof, 1, `${g}.proof`),
      };
    });
    return { subject: idx + 1, options, rowProof: rangeProofFromJson(r.rowProof, 1, `${f}.rowProof`) };
  });
  return { poll: o.poll, token: { msg, sig: tok.sig }, rows };
}

/**
 * Verifies every option and row proof of a ballot and recomputes τ and B.
 * Structural defects throw DecodeError; proof failures are listed by label.
 * @param {unknown} json the ballot
 * @param {{ Q: Uint8Array|string, K: Pt|string, subjects?: number, pollId?: string, boardLine?: boolean }} ctx
 * @returns {{ ok: boolean, failures: string[], tau: Uint8Array, hash: Uint8Array }}
 */
export function verifyBallot(json, ctx) {
  const Q = asHash(ctx.Q, 'Q');
  const K = asPoint(ctx.K, 'K');
  const b = parseBallot(json, ctx);
  const tau = tokenHash(b.token.msg);
  /** @type {string[]} */ const failures = [];
  for (const row of b.rows) {
    const i = row.subject;
    row.options.forEach((o, j) => {
      if (!verifyRange({ Q, tau, label: optionLabel(i, j), K, alpha: o.alpha, beta: o.beta, L: 1 }, o.proof)) {
        failures.push(optionLabel(i, j));
      }
    });
    const sum = add(...row.options);
    if (sum.alpha.is0() || sum.beta.is0()
      || !verifyRange({ Q, tau, label: rowLabel(i), K, alpha: sum.alpha, beta: sum.beta, L: 1 }, row.rowProof)) {
      failures.push(rowLabel(i));
    }
  }
  const hash = ballotHash(Q, tau, /** @type {any} */ (b));
  return { ok: failures.length === 0, failures, tau, hash };
}

/**
 * Cast-or-audit challenge: reveals the choices and every r of an encrypted
 * ballot and marks it spoiled (it must never be cast; encrypt afresh).
 * @param {EncryptedBallot} eb
 * @returns {{ poll: string, Q: string, K: string, ballot: BallotJson,
 *            choices: (0|1)[][], randomness: string[][] }}
 */
export function challenge(eb) {
  eb.spoiled = true;
  return {
    poll: eb.ballot.poll,
    Q: bytesToHex(eb.Q),
    K: pointToHex(eb.K),
    ballot: eb.ballot,
    choices: eb.secrets.choices.map((row) => row.slice()),
    randomness: eb.secrets.randomness.map((row) => row.map(scalarToHex)),
  };
}

/**
 * The ballot to send to the server; refuses a challenged (spoiled) encryption.
 * @param {EncryptedBallot} eb
 * @returns {BallotJson}
 */
export function ballotForCasting(eb) {
  if (eb.spoiled) throw new Error('this encryption was audited and must not be cast: encrypt the ballot again');
  return eb.ballot;
}

/**
 * Checks a challenge the way an auditor does: the choices are 0/1 with row sums
 * ≤ 1, and re-encrypting every choice with its r gives the ballot's α and β.
 * With `published` (the poll's Q and K as published, and the ballot hash shown
 * before the challenge), Q and K come from there, not from the file: a file of
 * another Q or K fails ('Q', 'K'), and a ballot whose recomputed hash is not the
 * one shown fails ('hash') — a booth that answers a challenge with a fresh,
 * honest encryption is caught by it.
 * @param {ReturnType<typeof challenge>} audit
 * @param {{ Q?: Uint8Array|string, K?: string, hash?: Uint8Array|string }} [published]
 * @returns {{ ok: boolean, failures: string[], hash?: string }}
 */
export function checkChallenge(audit, published = {}) {
  if (published.Q !== undefined) {
    const Qhex = bytesToHex(asHash(published.Q, 'Q'));
    if (audit.Q !== Qhex) return { ok: false, failures: ['Q'] };
  }
  if (published.K !== undefined && audit.K !== pointToHex(asPoint(published.K, 'K'))) return { ok: false, failures: ['K'] };
  const result = checkReEncryption(audit);
  if (published.Q === undefined) return result;
  const b = parseBallot(audit.ballot, { subjects: audit.ballot.rows.length });
  const hash = bytesToHex(ballotHash(asHash(published.Q, 'Q'), tokenHash(b.token.msg), /** @type {any} */ (b)));
  if (published.hash !== undefined && hash !== bytesToHex(asHash(published.hash, 'hash'))) result.failures.push('hash');
  return { ok: result.failures.length === 0, failures: result.failures, hash };
}

/**
 * @param {ReturnType<typeof challenge>} audit
 * @returns {{ ok: boolean, failures: string[] }}
 */
function checkReEncryption(audit) {
  const K = decodePoint(audit.K, 'K');
  /** @type {string[]} */ const failures = [];
  const rows = audit.ballot.rows;
  if (!Array.isArray(audit.choices) || audit.choices.length !== rows.length
    || !Array.isArray(audit.randomness) || audit.randomness.length !== rows.length) {
    return { ok: false, failures: ['shape'] };
  }
  rows.forEach((row, idx) => {
    const i = idx + 1;
    const ch = audit.choices[idx];
    const rr = audit.randomness[idx];
    if (!Array.isArray(ch) || ch.length !== 3 || !Array.isArray(rr) || rr.length !== 3
      || !ch.every((x) => x === 0 || x === 1) || ch[0] + ch[1] + ch[2] > 1) {
      failures.push(rowLabel(i));
      return;
    }
    for (let j = 0; j < 3; j++) {
      const r = decodeScalar(rr[j], `randomness[${idx}][${j}]`);
      const ok = r !== 0n && (() => {
        const ct = encrypt(K, ch[j], r);
        return pointToHex(ct.alpha) === row.options[j].alpha && pointToHex(ct.beta) === row.options[j].beta;
      })();
      if (!ok) failures.push(optionLabel(i, j));
    }
  });
  return { ok: failures.length === 0, failures };
}

