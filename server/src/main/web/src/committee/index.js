// cvote committee-member library (docs/protocol.md §8–§9; committee/API.md): identity, key ceremony, decryption.
// Bundled as committee.js for the committee page; the board worker is bundled separately (committee-worker.js).
export {
  generateIdentity, identityFromSecrets, checkIdentity, fingerprint, sign, verify, hpkeSeal, hpkeOpen, hpkeSuite,
  publicKeysets, keyOfKeyset, KEY_BYTES, SIGNATURE_BYTES, SHARE_CIPHERTEXT_BYTES,
} from './keys.js';
export {
  ceremonyId, commitHash, shareInfo, transcript, joinPost, commitPost, revealPost, sharePost, complaintPost, answerPost,
  confirmPost, partialPayload, closingHash, headFingerprint, matchesHeadFingerprint,
} from './posts.js';
export { registration } from './join.js';
export { ceremonyStep, servedList, listDifferences, CeremonyError } from './ceremony.js';
export { checkClosing, compareAnnounced, decryptBoard, BoardRejected } from './decrypt.js';
export { verifyBoard, verifyChunk, formatVersion, FORMATS } from './board.js';
export { workerPool } from './pool.js';
