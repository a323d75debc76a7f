// A member's decryption (docs/protocol.md §9.2, §9.5; the Java reference is committee's decrypt.MemberDecryptor):
//
//   const closing = checkClosing(state, input);            // cheap checks; throws BoardRejected naming the field
//   show closing.count and closing.fingerprint; the member confirms them against the hall's figures, then
//   const r = await decryptBoard(identity, state, input, { announced: { ballots, head }, runChunk, onProgress });
//   // save r.state (sealed: it now names the decrypted board), then POST r.post.path with r.post.body
//
// `input` is GET /api/polls/{id}/committee/tally-input (parsed JSON): { manifest, context, tokenSpki, board, signingKey,
// closing }. There is no function that decrypts anything but the aggregate of a verified, closed board.
import { G, bytesToHex, hexToBytes, decodePoint, decodeScalar, pointToHex, mulSecret } from '../protocol/encoding.js';
import { H, sha256Bytes } from '../protocol/hash.js';
import { manifestHash } from '../protocol/context.js';
import { manifestHashV2 } from '../protocol/ballot-v2.js';
import { chain0 } from '../protocol/ballot.js';
import { sign, verify } from './keys.js';
import { closingHash, headFingerprint, matchesHeadFingerprint, partialPayload } from './posts.js';
import { proveDleq } from './math.js';
import { verifyBoard, formatVersion } from './board.js';

/** A refused board: every problem names the ballot index (0 for the board as a whole), the field and the reason. */
export class BoardRejected extends Error {
  /** @param {{index: number, field: string, message: string}[]} problems */
  constructor(problems) {
    super(problems.map((p) => (p.index > 0 ? `ballot ${p.index}: ` : '') + `${p.field}: ${p.message}`).join('; '));
    this.name = 'BoardRejected';
    this.problems = problems;
  }
}

/** @param {string} field @param {string} message */
const rejected = (field, message) => new BoardRejected([{ index: 0, field, message }]);

/**
 * Q = H("cvote/v1/context", M, I2OSP(n,4), I2OSP(t,4), every K_ij, K, tokenKeyHash, signingKeyHash), recomputed
 * from the member's own ceremony (docs/protocol.md §3).
 */
function contextFromState(st, M, tokenKeyHash, signingKeyHash) {
  const inputs = [{ hash: M }, { int: st.n }, { int: st.t }];
  for (const row of st.allCommitments) for (const P of row) inputs.push({ point: P });
  inputs.push({ point: st.jointKey }, { hash: tokenKeyHash }, { hash: signingKeyHash });
  return H('cvote/v1/context', ...inputs);
}

/**
 * The cheap checks, before anything is shown to the member: its finished ceremony, Q recomputed, the record key bound
 * to Q, the closing statement's poll, Q and signature, the board holding exactly N ballots and ending at T_N, and no
 * other board decrypted before for this poll. Returns the statement with its head fingerprint.
 * @param {import('./ceremony.js').MemberState} st @param {any} input
 * @returns {{ poll: string, Q: string, count: number, head: string, signature: string, fingerprint: string }}
 */
export function checkClosing(st, input) {
  if (!st || !st.done || !st.secretShare) throw rejected('state', 'this member has no finished ceremony for this poll');
  const m = input.manifest;
  if (!m || st.pollId !== m.pollId) throw rejected('manifest', `the manifest is for poll ${m?.pollId}`);
  const c = input.context;
  const M = formatVersion(m) === 2 ? manifestHashV2(m) : manifestHash(m);
  // §9.2: every token's RSASSA-PSS signature is checked, so a withheld token key is refused, not skipped
  if (!input.tokenSpki) {
    throw rejected('tokenSpki', 'máy chủ không gửi khoá mã thông báo — the server sent no token key, so the tokens\' signatures cannot be checked');
  }
  if (bytesToHex(sha256Bytes(hexToBytes(input.tokenSpki, 'tokenSpki'))) !== c.tokenKeyHash) {
    throw rejected('tokenKeyHash', 'token key does not match its hash in the context');
  }
  const Q = bytesToHex(contextFromState(st, M, hexToBytes(c.tokenKeyHash, 'context.tokenKeyHash', 32),
    hexToBytes(c.signingKeyHash, 'context.signingKeyHash', 32)));
  if (Q !== c.Q || st.jointKey !== c.jointKey || c.n !== st.n || c.t !== st.t || bytesToHex(M) !== c.manifestHash) {
    throw rejected('Q', "the server's context (Q, K, n, t or manifest hash) differs from the one recomputed from this member's ceremony");
  }
  const cs = input.closing;
  if (!cs) throw rejected('closing', 'máy chủ không gửi biên bản khoá sổ đã ký — the server sent no signed closing statement');
  if (!input.signingKey || bytesToHex(sha256Bytes(hexToBytes(input.signingKey, 'signingKey', 32))) !== c.signingKeyHash) {
    throw rejected('closing', 'khoá ký biên bản không phải khoá gắn với Q — the record key is not the one bound to Q (signingKeyHash)');
  }
  if (cs.poll !== st.pollId || cs.Q !== Q) {
    throw rejected('closing', 'biên bản khoá sổ thuộc cuộc bỏ phiếu khác — the closing statement is for another poll or Q');
  }
  if (!Number.isInteger(cs.count) || cs.count < 0 || !verify(input.signingKey, closingHash(cs.poll, cs.Q, cs.count, cs.head), cs.signature)) {
    throw rejected('closing', 'chữ ký biên bản khoá sổ không hợp lệ — the closing statement\'s signature does not verify under the record key');
  }
  const fp = headFingerprint(cs.head);
  const problems = [];
  const board = input.board ?? [];
  if (board.length !== cs.count) {
    problems.push({ index: 0, field: 'ballots', message: `bảng tin có ${board.length} phiếu, biên bản khoá sổ ghi ${cs.count} — `
      + `the board holds ${board.length} ballots; the closing statement says ${cs.count}` });
  }
  const last = board.length === 0 ? bytesToHex(chain0(Q)) : board[board.length - 1].chain;
  if (last !== cs.head) {
    const lf = typeof last === 'string' && /^[0-9a-f]{16}/.test(last) ? headFingerprint(last) : String(last);
    problems.push({ index: 0, field: 'head', message: `bảng tin kết thúc ở ${lf}, biên bản khoá sổ ghi ${fp} — the board ends at ${lf}; `
      + `the closing statement says ${fp}` });
  }
  if (problems.length > 0) throw new BoardRejected(problems);
  if (st.decryptedHead != null && (st.decryptedHead !== cs.head || st.decryptedCount !== cs.count)) {
    const old = headFingerprint(st.decryptedHead);
    throw rejected('closing', `thành viên này đã giải mã một bảng khác của cuộc bỏ phiếu này (${st.decryptedCount} phiếu, ${old}); `
      + `từ chối bảng ${cs.count} phiếu, ${fp} — this member already decrypted another board of this poll (${st.decryptedCount} `
      + `ballots, ${old}); refusing ${cs.count} ballots, ${fp}`);
  }
  return { poll: cs.poll, Q: cs.Q, count: cs.count, head: cs.head, signature: cs.signature, fingerprint: fp };
}

/**
 * Which announced figures differ from the statement's (fields "ballots" and/or "head"); empty when both agree.
 * @param {{count: number, head: string}} cs @param {{ballots: number, head: string}} announced
 */
export function compareAnnounced(cs, announced) {
  const out = [];
  if (cs.count !== announced.ballots) {
    out.push({ index: 0, field: 'ballots', message: `số phiếu đã thu khác với số công bố tại hội nghị: bảng tin ${cs.count}, công bố `
      + `${announced.ballots} — the number of ballots differs from the one announced: board ${cs.count}, announced ${announced.ballots}` });
  }
  if (!matchesHeadFingerprint(cs.head, announced.head)) {
    out.push({ index: 0, field: 'head', message: `dấu vân tay bảng tin khác với dấu vân tay công bố: bảng tin ${headFingerprint(cs.head)}, `
      + `công bố ${announced.head} — the head fingerprint differs from the one announced: board ${headFingerprint(cs.head)}, announced ${announced.head}` });
  }
  return out;
}

/**
 * Checks, compares with the announced figures, verifies the whole board, recomputes the aggregate and makes the
 * signed partial decryption M = s·α with a DLEQ proof per label. Returns the new state (naming the decrypted board:
 * save it before posting), the post, the aggregate and the statement. Throws BoardRejected naming what is wrong.
 * @param {import('./keys.js').Identity} id @param {import('./ceremony.js').MemberState} state @param {any} input
 * @param {{ announced: {ballots: number, head: string}, runChunk?: any, chunk?: number, batch?: number,
 *           onProgress?: (done: number, total: number) => void, randomScalar?: () => bigint }} opts
 */
export async function decryptBoard(id, state, input, opts) {
  if (!opts || !opts.announced) throw new TypeError('the figures announced in the hall are required');
  const cs = checkClosing(state, input);
  const differ = compareAnnounced(cs, opts.announced);
  if (differ.length > 0) throw new BoardRejected(differ);
  const subjects = input.manifest.subjects.length;
  const version = formatVersion(input.manifest);
  const res = await verifyBoard({ board: input.board, Q: cs.Q, K: state.jointKey, pollId: state.pollId, subjects, version, base: input.manifest.base,
    tokenSpki: input.tokenSpki ?? null }, { runChunk: opts.runChunk, chunk: opts.chunk, batch: opts.batch, onProgress: opts.onProgress });
  if (!res.ok) throw new BoardRejected(res.problems);
  const s = decodeScalar(state.secretShare, 'secretShare');
  const S = decodePoint(state.publicShares[state.index - 1], 'publicShare');
  if (!G.multiply(s).equals(S)) throw rejected('state', 'the secret share does not match this member\'s public share');
  const Q = hexToBytes(cs.Q, 'Q', 32);
  const shares = [];
  if (cs.count > 0) {
    res.labels.forEach((label, l) => {
      const alpha = res.aggregate[l].alpha;
      if (alpha.is0()) throw rejected(label, 'the aggregate α is the identity');
      const M = mulSecret(alpha, s);
      shares.push({ member: state.index, label, M: pointToHex(M), proof: proveDleq(Q, state.index, label, s, S, alpha, M, opts.randomScalar) });
    });
  }
  const signature = bytesToHex(sign(id, partialPayload(Q, state.index, cs.count, cs.head, shares)));
  const next = structuredClone(state);
  next.decryptedCount = cs.count;
  next.decryptedHead = cs.head;
  return {
    state: next,
    post: { kind: 'decryption', path: 'committee/decryption', body: { member: state.index, count: cs.count, head: cs.head, shares, signature } },
    aggregate: res.labels.map((label, l) => ({ label,
      alpha: res.aggregate[l].alpha.is0() ? null : pointToHex(res.aggregate[l].alpha),
      beta: res.aggregate[l].beta.is0() ? null : pointToHex(res.aggregate[l].beta) })),
    closing: cs,
  };
}

