// cvote browser-side protocol library (docs/protocol.md, version 1): the public API of the bundle.
export {
  Point, G, q, p, modq, mulSecret, DecodeError, hexToBytes, bytesToHex, concatBytes, i2osp, os2ip, utf8,
  decodePoint, encodePoint, pointToHex, decodeScalar, encodeScalar, scalarToHex, base32,
} from './encoding.js';
export { randomBytes, randomScalar } from './random.js';
export { H, Hq, encodeHashInput } from './hash.js';
export { encrypt, add, messagePoint, ciphertextToJson, ciphertextFromJson } from './elgamal.js';
export {
  proveRange, verifyRange, rangeChallenge, rangeProofToJson, rangeProofFromJson,
  verifySchnorr, schnorrProofFromJson, verifyDleq, dleqProofFromJson,
} from './proofs.js';
export {
  LEVELS, choiceVector, optionLabel, rowLabel, encryptBallot, ballotHash, chain0, chainStep,
  trackingCode, ballotFingerprint, parseBallot, verifyBallot, challenge, checkChallenge, ballotForCasting,
} from './ballot.js';
export {
  TOKEN_SCHEME, importTokenKey, tokenMessage, isPreparedMessageFor, tokenHash, blindToken,
  checkBlindingState, finalizeToken, verifyToken,
} from './token.js';
export { manifestHash, contextHash, jointKeyMatches, keyFingerprint, receiptHash, checkReceipt } from './context.js';
export {
  BALLOT_VERSION_2, MIN_BASE, MAX_BASE, checkBase, branchValues, choiceBranch, rowLabelV2, manifestHashV2,
  rowChallengeV2, proveRowV2, verifyRowV2, rowProofV2FromJson, rowProofV2ToJson, encryptBallotV2, ballotHashV2,
  parseBallotV2, verifyBallotV2, splitV2, challengeV2, checkChallengeV2,
} from './ballot-v2.js';
