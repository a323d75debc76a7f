// Eligibility tokens of docs/protocol.md §6: RSABSSA-SHA384-PSS-Randomized (RFC 9474)
// with @cloudflare/blindrsa-ts on WebCrypto.
//
// Flow in the booth:
//   const state = await blindToken(pollId, spkiHex);   // save to localStorage NOW
//   POST /api/polls/{id}/tokens { accessCode, blindedMsg: state.blindedMsg } → { blindSig }
//   const token = await finalizeToken(state, blindSig); // { msg, sig } for the ballot
import { RSABSSA } from '@cloudflare/blindrsa-ts';
import { bytesToHex, hexToBytes, i2osp, utf8, concatBytes, bytesEqual, DecodeError } from './encoding.js';
import { H } from './hash.js';
import { randomBytes } from './random.js';

export const TOKEN_SCHEME = 'RSABSSA-SHA384-PSS-Randomized';
export const TOKEN_TAG = 'cvote/v1/token';
export const MODULUS_BITS = 3072;
export const SIGNATURE_BYTES = MODULUS_BITS / 8;
const RSA_PSS_SHA384 = /** @type {const} */ ({ name: 'RSA-PSS', hash: 'SHA-384' });
const STATE_VERSION = 1;
/** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL } in DER */
const RSA_ENCRYPTION_ALG = '300d06092a864886f70d0101010500';

/**
 * The blinding state: everything needed to finalize (or resend the same
 * blinded message after a crash). Plain strings only: JSON-serialisable.
 * It links the voter to their token, so it must stay on the voter's device.
 * @typedef {{ v: 1, scheme: string, pollId: string, spki: string,
 *             msg: string, blindedMsg: string, inv: string }} BlindingState
 */
/** @typedef {{ msg: string, sig: string }} Token */

function suite() {
  return RSABSSA.SHA384.PSS.Randomized();
}

function subtle() {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available: the booth needs https or localhost');
  return s;
}

/**
 * Imports the poll's token key (SPKI DER, hex, rsaEncryption) as an extractable
 * RSA-PSS/SHA-384 public key, checking it is RSA-3072 with e = 65537.
 * @param {string} spkiHex
 * @returns {Promise<CryptoKey>}
 */
export async function importTokenKey(spkiHex) {
  const der = hexToBytes(spkiHex, 'tokenKey');
  // §13: canonical DER, algorithm rsaEncryption with NULL parameters (not id-RSASSA-PSS)
  if (der.length < 19 || der[0] !== 0x30 || der[1] !== 0x82 || bytesToHex(der.subarray(4, 19)) !== RSA_ENCRYPTION_ALG) {
    throw new DecodeError('tokenKey', 'not a SubjectPublicKeyInfo with algorithm rsaEncryption');
  }
  /** @type {CryptoKey} */
  let key;
  try {
    key = await subtle().importKey('spki', der, RSA_PSS_SHA384, true, ['verify']);
  } catch (e) {
    throw new DecodeError('tokenKey', `not an RSA SubjectPublicKeyInfo (${/** @type {Error} */ (e).message})`);
  }
  const alg = /** @type {RsaHashedKeyAlgorithm} */ (key.algorithm);
  if (alg.modulusLength !== MODULUS_BITS) throw new DecodeError('tokenKey', `modulus must be ${MODULUS_BITS} bits, got ${alg.modulusLength}`);
  const e = alg.publicExponent;
  if (!(e.length === 3 && e[0] === 1 && e[1] === 0 && e[2] === 1) && !(e.length === 4 && e[0] === 0 && e[1] === 1 && e[2] === 0 && e[3] === 1)) {
    throw new DecodeError('tokenKey', 'public exponent must be 65537');
  }
  return key;
}

/**
 * msg = "cvote/v1/token" ‖ I2OSP(len(pollId),2) ‖ pollId ‖ 32 random bytes
 * (before Prepare, which adds 32 more random bytes in front).
 * @param {string} pollId
 * @param {Uint8Array} [nonce] 32 bytes (fresh if omitted)
 * @returns {Uint8Array}
 */
export function tokenMessage(pollId, nonce = randomBytes(32)) {
  const id = utf8(pollId);
  if (id.length === 0 || id.length > 0xffff) throw new RangeError('bad poll id');
  if (!(nonce instanceof Uint8Array) || nonce.length !== 32) throw new RangeError('nonce must be 32 bytes');
  return concatBytes(utf8(TOKEN_TAG), i2osp(id.length, 2), id, nonce);
}

/**
 * Checks the shape of a prepared message (§13): 32 random bytes ‖ "cvote/v1/token"
 * ‖ I2OSP(len(pollId),2) ‖ pollId ‖ 32 random bytes.
 * @param {string} pollId
 * @param {Uint8Array} prepared
 * @returns {boolean}
 */
export function isPreparedMessageFor(pollId, prepared) {
  const id = utf8(pollId);
  const head = concatBytes(utf8(TOKEN_TAG), i2osp(id.length, 2), id);
  if (prepared.length !== 32 + head.length + 32) return false;
  return bytesEqual(prepared.subarray(32, 32 + head.length), head);
}

/**
 * τ = H("cvote/v1/token", prepared message).
 * @param {Uint8Array|string} prepared bytes or hex
 * @returns {Uint8Array}
 */
export function tokenHash(prepared) {
  return H(TOKEN_TAG, { bytes: prepared });
}

/**
 * Prepares and blinds a fresh token message for pollId. Persist the returned
 * state before sending state.blindedMsg to the server.
 * @param {string} pollId
 * @param {string} spkiHex the poll's token key
 * @returns {Promise<BlindingState>}
 */
export async function blindToken(pollId, spkiHex) {
  const key = await importTokenKey(spkiHex);
  const s = suite();
  const prepared = s.prepare(tokenMessage(pollId));
  const { blindedMsg, inv } = await s.blind(key, prepared);
  return {
    v: STATE_VERSION,
    scheme: TOKEN_SCHEME,
    pollId,
    spki: spkiHex,
    msg: bytesToHex(prepared),
    blindedMsg: bytesToHex(blindedMsg),
    inv: bytesToHex(inv),
  };
}

/**
 * Checks a (possibly reloaded) blinding state.
 * @param {unknown} state
 * @returns {BlindingState}
 */
export function checkBlindingState(state) {
  const s = /** @type {any} */ (state);
  if (!s || typeof s !== 'object' || s.v !== STATE_VERSION || s.scheme !== TOKEN_SCHEME || typeof s.pollId !== 'string') {
    throw new DecodeError('state', 'not a cvote blinding state');
  }
  const msg = hexToBytes(s.msg, 'state.msg');
  if (!isPreparedMessageFor(s.pollId, msg)) throw new DecodeError('state.msg', 'not a prepared token message for this poll');
  hexToBytes(s.blindedMsg, 'state.blindedMsg', SIGNATURE_BYTES);
  hexToBytes(s.inv, 'state.inv', SIGNATURE_BYTES);
  hexToBytes(s.spki, 'state.spki');
  return s;
}

/**
 * Unblinds the server's blind signature and verifies the result as standard
 * RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48) over the prepared message.
 * @param {BlindingState} state
 * @param {string} blindSigHex
 * @returns {Promise<Token>}
 */
export async function finalizeToken(state, blindSigHex) {
  const st = checkBlindingState(state);
  const key = await importTokenKey(st.spki);
  const blindSig = hexToBytes(blindSigHex, 'blindSig', SIGNATURE_BYTES);
  const msg = hexToBytes(st.msg, 'state.msg');
  const sig = await suite().finalize(key, msg, blindSig, hexToBytes(st.inv, 'state.inv'));
  return { msg: st.msg, sig: bytesToHex(sig) };
}

/**
 * Verifies a finalized token against the poll's key (what the server does at casting).
 * @param {string} spkiHex
 * @param {Token} token
 * @returns {Promise<boolean>}
 */
export async function verifyToken(spkiHex, token) {
  const key = await importTokenKey(spkiHex);
  const sig = hexToBytes(token.sig, 'token.sig');
  if (sig.length !== SIGNATURE_BYTES) return false;
  return subtle().verify({ name: 'RSA-PSS', saltLength: 48 }, key, sig, hexToBytes(token.msg, 'token.msg'));
}
