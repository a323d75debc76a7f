// The self-signed registration (docs/protocol.md §8.5, §8.6): POST /api/polls/{id}/committee/members.
import { bytesToHex } from '../protocol/encoding.js';
import { sign, publicKeysets } from './keys.js';
import { joinPost } from './posts.js';

/**
 * The Registration a member's page sends with its invitation code (the code is not signed, §8.6).
 * @param {string} pollId @param {import('./keys.js').Identity} id @param {string} [invitation]
 * @param {{ keyId?: () => number }} [opts] Tink key ids (tests fix them)
 * @returns {{ path: string, body: object }}
 */
export function registration(pollId, id, invitation, opts = {}) {
  const { hpkeKeyset, signingKeyset } = publicKeysets(id.hpkePublicKey, id.signingPublicKey, opts.keyId);
  const body = {
    pollId, name: id.name, hpkePublicKey: id.hpkePublicKey, signingPublicKey: id.signingPublicKey, hpkeKeyset, signingKeyset,
    fingerprint: id.fingerprint, signature: bytesToHex(sign(id, joinPost(pollId, id.name, id.hpkePublicKey, id.signingPublicKey))),
  };
  if (invitation !== undefined) body.invitation = invitation;
  return { path: 'committee/members', body };
}
