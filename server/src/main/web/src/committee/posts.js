// The hashes of the committee's side of docs/protocol.md §8–§9: γ, the commit hash, the HPKE share info,
// the transcript, every signed post's hash (§8.5, §8.8; committee/API.md §3), the partial decryption's P_i and
// the closing statement's C (§9.5). Each is exactly the Java reference's (ceremony.CeremonyMath, ceremony.Posts,
// record.PartialSignature, record.ClosingStatement); the cross-language vectors pin them.
import { H } from '../protocol/hash.js';
import { concatBytes, i2osp, hexToBytes, bytesToHex, DecodeError } from '../protocol/encoding.js';

/** @typedef {import('../protocol/hash.js').HashInput} HashInput */
/** @typedef {Uint8Array|string} Bytes32 32 bytes or 64 hex digits */

const enc = new TextEncoder();
/** Raw UTF-8 bytes (not NFC-checked, as §8.5 says for posts). @param {string} s */
const raw = (s) => ({ bytes: enc.encode(s) });
/** @param {Bytes32} x @returns {HashInput} */
const hash = (x) => ({ hash: typeof x === 'string' ? hexToBytes(x, 'hash', 32) : x });

/**
 * γ = H("cvote/v1/ceremony", pollId, I2OSP(n,4), I2OSP(t,4), per member: I2OSP(i,4), X25519 key, Ed25519 key).
 * @param {string} pollId @param {number} t
 * @param {{index: number, hpkePublicKey: string, signingPublicKey: string}[]} members in index order 1..n
 */
export function ceremonyId(pollId, t, members) {
  /** @type {HashInput[]} */
  const inputs = [{ string: pollId }, { int: members.length }, { int: t }];
  members.forEach((m, i) => {
    if (m.index !== i + 1) throw new DecodeError(`members[${i}].index`, 'members must be indexed 1..n in order');
    inputs.push({ int: m.index }, { bytes: hexToBytes(m.hpkePublicKey, `members[${i}].hpkePublicKey`, 32) },
      { bytes: hexToBytes(m.signingPublicKey, `members[${i}].signingPublicKey`, 32) });
  });
  return H('cvote/v1/ceremony', ...inputs);
}

/** H("cvote/v1/commit", γ, I2OSP(i,4), K_i0 … K_i,t−1). @param {Bytes32} gamma @param {number} i @param {string[]} commitments */
export function commitHash(gamma, i, commitments) {
  return H('cvote/v1/commit', hash(gamma), { int: i }, ...commitments.map((P) => ({ point: P })));
}

/** HPKE info "cvote/v1/share" ‖ γ ‖ I2OSP(i,4) ‖ I2OSP(ℓ,4), raw concatenation. @param {Bytes32} gamma @param {number} from @param {number} to */
export function shareInfo(gamma, from, to) {
  return concatBytes(enc.encode('cvote/v1/share'), hash(gamma).hash, i2osp(from, 4), i2osp(to, 4));
}

/**
 * H("cvote/v1/transcript", γ, commitHash_1..n, every K_ij (i, j order), every share ciphertext sorted by (from, to), K).
 * @param {Bytes32} gamma @param {string[]} commitHashes @param {string[][]} commitments
 * @param {{from: number, to: number, ciphertext: string}[]} shares @param {string} jointKey
 */
export function transcript(gamma, commitHashes, commitments, shares, jointKey) {
  /** @type {HashInput[]} */
  const inputs = [hash(gamma), ...commitHashes.map(hash)];
  for (const row of commitments) for (const P of row) inputs.push({ point: P });
  const sorted = [...shares].sort((a, b) => a.from - b.from || a.to - b.to);
  for (const s of sorted) inputs.push({ bytes: hexToBytes(s.ciphertext, 'ciphertext') });
  inputs.push({ point: jointKey });
  return H('cvote/v1/transcript', ...inputs);
}

// ---------------------------------------------------------------- signed posts (§8.5)

/** H("cvote/v1/post/join", pollId, name (UTF-8), X25519 key, Ed25519 key). */
export function joinPost(pollId, name, hpkePublicKey, signingPublicKey) {
  return H('cvote/v1/post/join', raw(pollId), raw(name), { bytes: hexToBytes(hpkePublicKey, 'hpkePublicKey', 32) },
    { bytes: hexToBytes(signingPublicKey, 'signingPublicKey', 32) });
}
/** H("cvote/v1/post/commit", γ, I2OSP(i,4), commitHash). */
export function commitPost(gamma, i, commitHashHex) {
  return H('cvote/v1/post/commit', hash(gamma), { int: i }, hash(commitHashHex));
}
/** H("cvote/v1/post/reveal", γ, I2OSP(i,4), K_i0 … K_i,t−1, then h, c, v of each proof). @param {{h: string, c: string, v: string}[]} proofs */
export function revealPost(gamma, i, commitments, proofs) {
  /** @type {HashInput[]} */
  const inputs = [hash(gamma), { int: i }, ...commitments.map((P) => ({ point: P }))];
  for (const p of proofs) inputs.push({ point: p.h }, { scalar: p.c }, { scalar: p.v });
  return H('cvote/v1/post/reveal', ...inputs);
}
/** H("cvote/v1/post/share", γ, I2OSP(i,4), I2OSP(ℓ,4), ciphertext). */
export function sharePost(gamma, from, to, ciphertext) {
  return H('cvote/v1/post/share', hash(gamma), { int: from }, { int: to },
    { bytes: typeof ciphertext === 'string' ? hexToBytes(ciphertext, 'ciphertext') : ciphertext });
}
/** H("cvote/v1/post/complaint", γ, I2OSP(i,4), I2OSP(accused,4), reason (UTF-8)). */
export function complaintPost(gamma, member, accused, reason) {
  return H('cvote/v1/post/complaint', hash(gamma), { int: member }, { int: accused }, raw(reason));
}
/** H("cvote/v1/post/answer", γ, I2OSP(i,4), I2OSP(ℓ,4), I2OSP(P_i(ℓ),32)) (§8.8). */
export function answerPost(gamma, member, complainant, share) {
  return H('cvote/v1/post/answer', hash(gamma), { int: member }, { int: complainant }, { scalar: share });
}
/** H("cvote/v1/post/confirm", γ, I2OSP(i,4), transcript). */
export function confirmPost(gamma, member, transcriptHex) {
  return H('cvote/v1/post/confirm', hash(gamma), { int: member }, hash(transcriptHex));
}

// ---------------------------------------------------------------- tally (§9.5)

/**
 * P_i = H("cvote/v1/partial", Q, I2OSP(i,4), I2OSP(N,4), T_N, per share in label order: label, M, a, b, c, v).
 * @param {Bytes32} Q @param {number} member @param {number} count @param {Bytes32} head
 * @param {{label: string, M: string, proof: {a: string, b: string, c: string, v: string}}[]} shares
 */
export function partialPayload(Q, member, count, head, shares) {
  /** @type {HashInput[]} */
  const inputs = [hash(Q), { int: member }, { int: count }, hash(head)];
  for (const s of shares) {
    inputs.push({ string: s.label }, { point: s.M }, { point: s.proof.a }, { point: s.proof.b },
      { scalar: s.proof.c }, { scalar: s.proof.v });
  }
  return H('cvote/v1/partial', ...inputs);
}

/** C = H("cvote/v1/closing", pollId, Q, I2OSP(N,4), T_N): what the record key signs at the close. */
export function closingHash(pollId, Q, count, head) {
  if (pollId.normalize('NFC') !== pollId) throw new DecodeError('closing.poll', 'must be in Unicode NFC');
  return H('cvote/v1/closing', { string: pollId }, hash(Q), { int: count }, hash(head));
}

/** The head fingerprint read aloud: T_N's first 16 hex digits, upper case, in groups of 4 ("1A2B 3C4D 5E6F 7081"). */
export function headFingerprint(head) {
  const hex = (typeof head === 'string' ? head : bytesToHex(head)).slice(0, 16).toUpperCase();
  return /** @type {string[]} */ (hex.match(/.{4}/g)).join(' ');
}

/**
 * True when typed names this head: at least its 16 fingerprint digits (up to all 64), case, spaces and dashes ignored.
 * @param {Bytes32} head @param {string} typed
 */
export function matchesHeadFingerprint(head, typed) {
  if (typeof typed !== 'string') return false;
  const t = typed.replace(/[\s-]/g, '').toLowerCase();
  const h = typeof head === 'string' ? head.toLowerCase() : bytesToHex(head);
  return t.length >= 16 && t.length <= 64 && h.startsWith(t);
}
