// Writes the section "js" of crypto/src/test/resources/vectors/committee-v1.json from its section "java" (run after the
// Java generator, committee's CommitteeVectorGenerator): what the Java suite (CommitteeVectorsTest) checks of this
// library: a JS-made registration (Tink keysets, join signature), a share HPKE-encrypted by JS to Java member 1,
// member 2's ceremony state as the JS state machine derives it, and member 2's partial decryption of the Java board.
//   node test/committee-vectors-gen.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { bytesToHex, scalarToHex, randomScalar } from '../src/protocol/index.js';
import { identityFromSecrets, registration, hpkeSeal, shareInfo, ceremonyStep, checkClosing, decryptBoard } from '../src/committee/index.js';
import { COMMITTEE_VECTOR_FILE } from './committee-helpers.mjs';

const V = JSON.parse(readFileSync(COMMITTEE_VECTOR_FILE, 'utf8'));
const J = V.java;
const seed = (kind) => bytesToHex(createHash('sha256').update(`cvote committee vectors js ${kind}`).digest());
const identity = { name: 'Thành viên JS', hpkePrivateKey: seed('x25519'), signingPrivateKey: seed('ed25519') };
const id = identityFromSecrets(identity);
const ids = J.members.map((m) => identityFromSecrets(m));
const keyIds = [1234567, 7654321];
const reg = registration(J.pollId, id, undefined, { keyId: () => keyIds.shift() }).body;

const plaintext = scalarToHex(randomScalar());
const ciphertext = bytesToHex(await hpkeSeal(ids[0].hpkePublicKey, Buffer.from(plaintext, 'hex'), shareInfo(J.ceremony.ceremonyId, 2, 1)));

// member 2 derives its state from the Java board (before its own confirmation), then sees DONE
const rewound = structuredClone(J.memberStates[1]);
for (const k of ['secretShare', 'jointKey', 'publicShares', 'transcript']) delete rewound[k];
rewound.done = false;
const view = structuredClone(J.ceremony);
view.phase = 'CONFIRM';
view.confirmations = view.confirmations.filter((x) => x.member !== 2);
const s1 = await ceremonyStep(rewound, view, { identity: ids[1], pollId: J.pollId });
const s2 = await ceremonyStep(s1.state, J.ceremony, { identity: ids[1], pollId: J.pollId });
if (!s2.progress.finished) throw new Error('member 2 did not finish');

const cs = checkClosing(s2.state, J.tallyInput);
const dec = await decryptBoard(ids[1], s2.state, J.tallyInput, { announced: { ballots: cs.count, head: cs.fingerprint } });

V.js = {
  identity: { ...identity, hpkePublicKey: id.hpkePublicKey, signingPublicKey: id.signingPublicKey, fingerprint: id.fingerprint },
  registration: reg,
  share: { from: 2, to: 1, plaintext, ciphertext },
  memberState: dec.state,
  partial: dec.post.body,
};
writeFileSync(COMMITTEE_VECTOR_FILE, `${JSON.stringify(V, null, 2)}\n`);
console.log(`wrote the js section of ${COMMITTEE_VECTOR_FILE}`);
