// The member's side of the key ceremony (docs/protocol.md §8; the Java reference is committee's
// ceremony.MemberCeremony) as a resumable state machine over plain JSON:
//
//   const r = await ceremonyStep(state, view, { identity, pollId, confirmedList });
//   // r = { state, posts, progress, confirm? }
//
// `view` is the server's ceremony (GET /api/polls/{id}/committee/ceremony, parsed JSON). `state` is the member's own
// state (null at first), in exactly the JSON shape of the CLI's MemberState, so a state moves between the page and
// `cvote-committee`. It holds secrets (the polynomial, the secret share): the caller seals it.
//
// The caller MUST save r.state (sealed) BEFORE sending r.posts (POST /api/polls/{id}/<post.path> with post.body):
// HPKE is randomised, and a member that crashed after posting must resend the very same shares.
// Then it fetches the view again and steps, until progress.finished (or progress.failed, or a thrown CeremonyError).
//
// Before anything of an attempt is posted, the approved list must be confirmed against the one announced in the
// hall (§8.7): when r.confirm is set, show r.confirm (n, t, every member's index, name and fingerprint, own entry
// marked) and call ceremonyStep again with confirmedList = { t, fingerprints, ceremonyId } as the member confirmed it
// (ceremonyId from r.confirm: a list confirmed for one attempt does not count for a restart's new γ, which asks again).
import { G, q, decodeScalar, pointToHex, scalarToHex, bytesToHex, hexToBytes, DecodeError } from '../protocol/encoding.js';
import { verifySchnorr, schnorrProofFromJson } from '../protocol/proofs.js';
import { randomScalar } from '../protocol/random.js';
import { fingerprint, sign, verify, hpkeSeal, hpkeOpen } from './keys.js';
import * as P from './posts.js';
import { proveSchnorr, evaluate, shareValid, jointKey, publicShare, pts } from './math.js';

/** A refusal that stops the ceremony for this member; `code` as the CLI's (bad_board, not_a_member, member_list_refused). */
export class CeremonyError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'CeremonyError';
    this.code = code;
  }
}

/**
 * @typedef {{ pollId: string, ceremonyId: string, index: number, n: number, t: number,
 *   coefficients: string[], commitments: string[], commitHash: string, proofs: {h: string, c: string, v: string}[],
 *   shares?: {from: number, to: number, ciphertext: string, signature: string}[],
 *   complaint?: {member: number, accused: number, reason: string, signature: string},
 *   allCommitments?: string[][], secretShare?: string, jointKey?: string, publicShares?: string[], transcript?: string,
 *   done: boolean, decryptedCount?: number, decryptedHead?: string, confirmedT: number, confirmedFingerprints?: string[] }} MemberState
 * @typedef {{ kind: 'commit'|'reveal'|'shares'|'complaint'|'answer'|'confirm', path: string, body: object }} Post
 * @typedef {{ phase: string, attempt: number, message: string, finished: boolean, failed: boolean }} Progress
 * @typedef {{ ceremonyId: string, t: number, n: number, attempt: number,
 *   members: { index: number, name: string, fingerprint: string, me: boolean }[] }} ListToConfirm
 * @typedef {{ state: MemberState|null, posts: Post[], progress: Progress, confirm?: ListToConfirm }} StepResult
 */

const PATHS = {
  commit: 'committee/ceremony/commit',
  reveal: 'committee/ceremony/reveal',
  shares: 'committee/ceremony/shares',
  complaint: 'committee/ceremony/complaints',
  answer: 'committee/ceremony/answers',
  confirm: 'committee/ceremony/confirm',
};

/** @param {any} v @param {string} message @returns {Progress} */
const waiting = (v, message) => ({ phase: v.phase, attempt: v.attempt, message, finished: false, failed: false });

/**
 * The approved list as served, for the member to confirm (§8.7): t and the fingerprints in index order.
 * @param {any} view @returns {{t: number, fingerprints: string[]}}
 */
export function servedList(view) {
  return { t: view.t, fingerprints: view.members.map((m) => fingerprint(m.hpkePublicKey, m.signingPublicKey)) };
}

/**
 * What differs between the served list and the announced one, Vietnamese first (empty when equal), as the CLI's
 * MemberList.differences: unexpected members (index, name, fingerprint), missing ones, the order, t.
 * @param {any} view @param {{t: number, fingerprints: string[]}} announced @returns {string[]}
 */
export function listDifferences(view, announced) {
  const served = servedList(view);
  const want = announced.fingerprints.map((f) => f.trim().toLowerCase());
  /** @type {string[]} */ const out = [];
  served.fingerprints.forEach((fp, i) => {
    if (!want.includes(fp)) out.push(`thành viên ngoài danh sách / unexpected member ${i + 1} (${view.members[i].name}): ${fp}`);
  });
  for (const fp of want) if (!served.fingerprints.includes(fp)) out.push(`thiếu thành viên / missing member: ${fp}`);
  if (out.length === 0 && served.fingerprints.join(',') !== want.join(',')) {
    out.push(`thứ tự khác / the order differs: served ${served.fingerprints.join(',')}; announced ${want.join(',')}`);
  }
  if (served.t !== announced.t) out.push(`ngưỡng t khác / t differs: served ${served.t}, announced ${announced.t}`);
  return out;
}

/**
 * One round of the member's work (see the module comment). Pure but for randomness: the same state and view give
 * the same posts, except that a fresh state draws a fresh polynomial and fresh shares are freshly encrypted.
 * @param {MemberState|null} state the member's saved state for this poll (null: none yet)
 * @param {any} view the server's ceremony state (JSON)
 * @param {{ identity: import('./keys.js').Identity, pollId: string,
 *           confirmedList?: {t: number, fingerprints: string[], ceremonyId?: string}, randomScalar?: () => bigint }} ctx
 * @returns {Promise<StepResult>}
 */
export async function ceremonyStep(state, view, ctx) {
  const { identity: id, pollId } = ctx;
  const rnd = ctx.randomScalar ?? randomScalar;
  const v = view;
  if (v.phase === 'REGISTRATION') {
    return { state, posts: [], progress: waiting(v, `waiting for the secretariat to start the ceremony (${(v.registrations ?? []).length} joined)`) };
  }
  const me = (v.members ?? []).find((m) => m.signingPublicKey === id.signingPublicKey);
  if (!me) {
    throw new CeremonyError('not_a_member', `this identity (${id.fingerprint}) is not on the approved committee of attempt ${v.attempt}`);
  }
  if (me.hpkePublicKey !== id.hpkePublicKey) {
    // the other members would seal this member's shares to a key the server chose: refused, whatever the member confirmed
    throw new CeremonyError('not_a_member', `danh sách ghi khoá HPKE khác cho thành viên này — the approved list gives this member `
      + `another HPKE key (fingerprint ${fingerprint(me.hpkePublicKey, me.signingPublicKey)}, this identity ${id.fingerprint})`);
  }
  let st = state && state.pollId === pollId && state.ceremonyId === v.ceremonyId ? structuredClone(state) : null;
  if (v.phase === 'FAILED') {
    return { state, posts: [], progress: { phase: v.phase, attempt: v.attempt,
      message: `ceremony attempt ${v.attempt} failed: ${v.failure?.reason ?? '?'}`, finished: false, failed: true } };
  }
  // γ binds the served list (§8.2): recompute it, so the list the member confirms is the one it signs for below
  if (v.members.length !== v.n || !v.ceremonyId || v.ceremonyId !== bytesToHex(P.ceremonyId(pollId, v.t, v.members))) {
    throw new CeremonyError('bad_board', "the server's ceremony id γ does not match the approved member list it serves");
  }
  const served = servedList(v);
  if (!st || st.confirmedFingerprints == null || st.confirmedT !== v.t
      || st.confirmedFingerprints.join(',') !== served.fingerprints.join(',')) {
    // a list confirmed for another attempt (a restart has a new γ) does not count: ask again
    const confirmed = ctx.confirmedList && (ctx.confirmedList.ceremonyId === undefined
      || ctx.confirmedList.ceremonyId === v.ceremonyId) ? ctx.confirmedList : null;
    if (!confirmed) {
      return {
        state, posts: [], progress: waiting(v, 'confirm the approved member list against the one announced in the hall'),
        confirm: { ceremonyId: v.ceremonyId, t: v.t, n: v.n, attempt: v.attempt, members: v.members.map((m, i) => ({
          index: m.index, name: m.name, fingerprint: served.fingerprints[i], me: m.signingPublicKey === id.signingPublicKey })) },
      };
    }
    const d = listDifferences(v, confirmed);
    if (d.length > 0) {
      throw new CeremonyError('member_list_refused', 'danh sách thành viên không khớp danh sách công bố; không gửi gì / the approved '
        + `member list does not match the announced one; nothing posted: ${d.join('; ')}`);
    }
    st ??= fresh(v, pollId, me.index, rnd);
    st.confirmedT = v.t;
    st.confirmedFingerprints = served.fingerprints;
  }
  if (st.done) return { state: st, posts: [], progress: finished(v, st) };
  const s = st;
  const gamma = hexToBytes(s.ceremonyId, 'ceremonyId', 32);
  /** @param {Post['kind']} kind @param {object} body @param {string} message */
  const post = (kind, body, message) => ({ state: s, posts: [{ kind, path: PATHS[kind], body }], progress: waiting(v, message) });
  const find = (/** @type {any[]} */ list, /** @type {(x: any) => boolean} */ f) => (list ?? []).find(f);

  // step 0
  if (!find(v.commits, (c) => c.member === s.index)) {
    return post('commit', { member: s.index, commitHash: s.commitHash,
      signature: bytesToHex(sign(id, P.commitPost(gamma, s.index, s.commitHash))) }, 'commitment posted');
  }
  if (v.phase === 'COMMIT') return { state: s, posts: [], progress: waiting(v, `waiting for commitments: ${v.commits.length}/${v.n}`) };
  // step 1
  if (!find(v.reveals, (r) => r.member === s.index)) {
    return post('reveal', { member: s.index, commitments: s.commitments, proofs: s.proofs,
      signature: bytesToHex(sign(id, P.revealPost(gamma, s.index, s.commitments, s.proofs))) }, 'commitments and proofs revealed');
  }
  if (v.phase === 'REVEAL') return { state: s, posts: [], progress: waiting(v, `waiting for reveals: ${v.reveals.length}/${v.n}`) };
  // step 2: check every reveal, then encrypt and sign the shares; saved before they are posted
  if (!s.shares) {
    const problem = checkAllReveals(v, gamma);
    if (problem) throw new CeremonyError('bad_board', problem);
    s.allCommitments = v.members.map((m) => find(v.reveals, (r) => r.member === m.index).commitments);
    s.shares = await encryptShares(v, s, id, gamma);
  }
  if (!(v.shares ?? []).some((x) => x.from === s.index)) {
    return post('shares', { member: s.index, shares: s.shares }, 'encrypted shares posted');
  }
  // step 3, the accused's side (§8.8): answer every complaint against this member by publishing the share
  for (const c of v.complaints ?? []) {
    if (c.accused === s.index && !find(v.answers, (a) => a.member === s.index && a.complainant === c.member)) {
      const complainer = v.members[c.member - 1];
      if (!complainer || !verify(complainer.signingPublicKey, P.complaintPost(gamma, c.member, s.index, c.reason), c.signature)) {
        continue; // not a complaint of this ceremony's member: nothing to answer
      }
      const share = scalarToHex(evaluate(coeffs(s), c.member));
      return post('answer', { member: s.index, complainant: c.member, share,
        signature: bytesToHex(sign(id, P.answerPost(gamma, s.index, c.member, share))) },
      `answered member ${c.member}'s complaint by publishing its share`);
    }
  }
  if (v.phase === 'SHARES') {
    return { state: s, posts: [], progress: waiting(v, `waiting for shares: ${(v.shares ?? []).length}/${v.n * (v.n - 1)}`) };
  }
  // steps 3 and 4, the recipient's side
  if (!s.secretShare) {
    const c = await receiveShares(v, s, id, gamma);
    if (c) {
      s.complaint = c;
      if (!(v.complaints ?? []).some((x) => x.member === s.index && x.accused === c.accused)) {
        return post('complaint', c, `complaint posted against member ${c.accused}: ${c.reason}; waiting for its answer`);
      }
      return { state: s, posts: [], progress: waiting(v, `waiting for member ${c.accused} to answer the complaint (${c.reason})`) };
    }
  }
  // step 5
  if (!find(v.confirmations, (c) => c.member === s.index)) {
    return post('confirm', { member: s.index, transcript: s.transcript,
      signature: bytesToHex(sign(id, P.confirmPost(gamma, s.index, s.transcript))) }, 'transcript confirmed');
  }
  if (v.phase === 'DONE') {
    if (s.jointKey !== v.jointKey || JSON.stringify(s.publicShares) !== JSON.stringify(v.publicShares)) {
      throw new CeremonyError('bad_board', "the server's joint key or public shares differ from this member's own computation");
    }
    s.done = true;
    return { state: s, posts: [], progress: finished(v, s) };
  }
  return { state: s, posts: [], progress: waiting(v, `waiting for confirmations: ${(v.confirmations ?? []).length}/${v.n}`) };
}

/** @param {any} v @param {MemberState} s @returns {Progress} */
function finished(v, s) {
  return { phase: v.phase, attempt: v.attempt, message: `key fixed; K = ${s.jointKey.slice(0, 16)}…`, finished: true, failed: false };
}

/** @param {MemberState} s */
const coeffs = (s) => s.coefficients.map((a, j) => decodeScalar(a, `coefficients[${j}]`));

/** A fresh polynomial of degree t−1, its commitments, commit hash and Schnorr proofs. @returns {MemberState} */
function fresh(v, pollId, index, rnd) {
  const gamma = hexToBytes(v.ceremonyId, 'ceremonyId', 32);
  const a = [];
  for (let j = 0; j < v.t; j++) a.push(rnd());
  const commitments = a.map((x) => pointToHex(G.multiply(x)));
  return {
    pollId, ceremonyId: v.ceremonyId, index, n: v.n, t: v.t,
    coefficients: a.map(scalarToHex),
    commitments,
    commitHash: bytesToHex(P.commitHash(gamma, index, commitments)),
    proofs: a.map((x, j) => proveSchnorr(gamma, index, j, x, rnd)),
    done: false,
    confirmedT: 0,
  };
}

/** Everything checked before sending shares: every member's commit and reveal, signed, matching, with valid proofs. */
function checkAllReveals(v, gamma) {
  for (const m of v.members) {
    const c = (v.commits ?? []).find((x) => x.member === m.index);
    const r = (v.reveals ?? []).find((x) => x.member === m.index);
    if (!c || !r) return `member ${m.index}'s commitment or reveal is missing from the board`;
    try {
      if (!verify(m.signingPublicKey, P.commitPost(gamma, m.index, c.commitHash), c.signature)
        || !verify(m.signingPublicKey, P.revealPost(gamma, m.index, r.commitments, r.proofs), r.signature)) {
        return `member ${m.index}'s commitment or reveal is not signed by its key`;
      }
      if (!Array.isArray(r.commitments) || r.commitments.length !== v.t || !Array.isArray(r.proofs) || r.proofs.length !== v.t) {
        return `member ${m.index}: needs exactly t = ${v.t} commitments and proofs`;
      }
      const K = pts(r.commitments, `reveals[${m.index}].commitments`);
      if (bytesToHex(P.commitHash(gamma, m.index, r.commitments)) !== c.commitHash) {
        return `member ${m.index}: commitments do not match the step-0 commit hash`;
      }
      for (let j = 0; j < v.t; j++) {
        const proof = schnorrProofFromJson(r.proofs[j], `reveals[${m.index}].proofs[${j}]`);
        if (!verifySchnorr({ ceremonyId: gamma, member: m.index, coefficient: j, A: K[j], proof })) {
          return `member ${m.index}: Schnorr proof of coefficient ${j} does not verify`;
        }
      }
    } catch (e) {
      if (e instanceof DecodeError) return `member ${m.index}: ${e.message}`;
      throw e;
    }
  }
  return null;
}

/** HPKE_ℓ(I2OSP(P_i(ℓ), 32)) to every other member, each signed. */
async function encryptShares(v, s, id, gamma) {
  const a = coeffs(s);
  const out = [];
  for (const m of v.members) {
    if (m.index === s.index) continue;
    const plain = hexToBytes(scalarToHex(evaluate(a, m.index)), 'share', 32);
    const ct = await hpkeSeal(m.hpkePublicKey, plain, P.shareInfo(gamma, s.index, m.index));
    plain.fill(0);
    out.push({ from: s.index, to: m.index, ciphertext: bytesToHex(ct), signature: bytesToHex(sign(id, P.sharePost(gamma, s.index, m.index, ct))) });
  }
  return out;
}

/**
 * Steps 3–4: decrypt and check every share addressed to this member; a signed complaint on the first bad one. A share
 * its sender published in answer to this member's complaint (§8.8) is used instead, once signed and Feldman-valid.
 * On success sets secretShare, jointKey, publicShares and transcript.
 */
async function receiveShares(v, s, id, gamma) {
  const all = s.allCommitments.map((row, i) => pts(row, `allCommitments[${i}]`));
  let sum = evaluate(coeffs(s), s.index);
  for (const m of v.members) {
    if (m.index === s.index) continue;
    const answer = (v.answers ?? []).find((a) => a.member === m.index && a.complainant === s.index);
    if (answer) {
      let good = false;
      try {
        const share = decodeScalar(answer.share, 'answer.share');
        good = verify(m.signingPublicKey, P.answerPost(gamma, m.index, s.index, answer.share), answer.signature)
          && shareValid(all[m.index - 1], s.index, share);
        if (good) {
          sum = (sum + share) % q;
          continue;
        }
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    const e = (v.shares ?? []).find((x) => x.from === m.index && x.to === s.index);
    let reason = null;
    let share = null;
    if (!e) {
      reason = 'no share addressed to me';
    } else if (!verify(m.signingPublicKey, P.sharePost(gamma, e.from, e.to, e.ciphertext), e.signature)) {
      reason = 'share is not signed by the sender';
    } else {
      try {
        const plain = await hpkeOpen(id, hexToBytes(e.ciphertext, 'ciphertext'), P.shareInfo(gamma, m.index, s.index));
        share = decodeScalar(plain, 'share');
        plain.fill(0);
      } catch {
        reason = 'share does not decrypt';
      }
      if (share !== null && !shareValid(all[m.index - 1], s.index, share)) {
        reason = 'share fails the Feldman check P_i(l)·G = Σ l^j·K_ij';
        share = null;
      }
    }
    if (reason !== null) {
      return { member: s.index, accused: m.index, reason,
        signature: bytesToHex(sign(id, P.complaintPost(gamma, s.index, m.index, reason))) };
    }
    sum = (sum + /** @type {bigint} */ (share)) % q;
  }
  const K = jointKey(all);
  const publicShares = [];
  for (let l = 1; l <= s.n; l++) publicShares.push(publicShare(all, l));
  if (!G.multiply(sum).equals(publicShares[s.index - 1])) throw new Error('own secret share does not match its public share (bug)');
  s.secretShare = scalarToHex(sum);
  s.jointKey = pointToHex(K);
  s.publicShares = publicShares.map(pointToHex);
  const commitHashes = v.members.map((m) => v.commits.find((c) => c.member === m.index).commitHash);
  s.transcript = bytesToHex(P.transcript(gamma, commitHashes, s.allCommitments, v.shares, s.jointKey));
  return null;
}
