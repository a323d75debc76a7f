// Ballot version 2 boards (docs/protocol.md §16) in the committee member's library: the Java-made vector ballot of
// protocol-v2.json verifies in the batch path, a forged row is named by its label s<i>, and a one-member committee
// decrypts a v2 board end to end (one share per subject, split into the true counts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, sign, constants } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ed25519 } from '@noble/curves/ed25519.js';
import {
  G, randomScalar, randomBytes, bytesToHex, pointToHex, scalarToHex, decodePoint, concatBytes, tokenMessage, encryptBallotV2,
  manifestHashV2, chain0, chainStep, H, splitV2, verifyDleq, dleqProofFromJson, hexToBytes,
} from '../src/protocol/index.js';
import { sha256Bytes } from '../src/protocol/hash.js';
import { verifyBoard, formatVersion, decryptBoard, checkClosing, closingHash, partialPayload, verify, generateIdentity } from '../src/committee/index.js';

const V2 = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../../crypto/src/test/resources/vectors/protocol-v2.json', import.meta.url)), 'utf8'));

// A token as the voter's client finalises it: a standard RSASSA-PSS signature (SHA-384, MGF1-SHA-384, salt 48) on the
// prepared message, here made directly with the private key (the blinding round trip is token.test.mjs's subject).
const tokenKey = generateKeyPairSync('rsa', { modulusLength: 3072 });
function pssToken(pollId) {
  const msg = concatBytes(randomBytes(32), tokenMessage(pollId));
  const sig = sign('sha384', msg, { key: tokenKey.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 48 });
  return { msg: bytesToHex(msg), sig: bytesToHex(new Uint8Array(sig)) };
}
const fields = (res) => res.problems.map((p) => `${p.index}:${p.field}`);

test('v2: the Java vector ballot verifies on a board; a forged row proof is named s<i>', async () => {
  const b = V2.ballots[0];
  const line = { ...b.ballot, index: 1, hash: b.hash, chain: b.chain };
  const input = { board: [line], Q: b.Q, K: b.K, pollId: b.pollId, subjects: b.ballot.rows.length, version: 2, base: b.B };
  const res = await verifyBoard(input);
  // the vector's token message is synthetic (not a prepared message of the poll): the only problem, and named
  assert.deepEqual(fields(res), ['1:token']);
  const proofs = (r) => fields(r).filter((f) => f !== '1:token');
  assert.deepEqual(res.labels, b.ballot.rows.map((r) => `s${r.subject}`));
  res.aggregate.forEach((ag, i) => assert.equal(pointToHex(ag.alpha), b.ballot.rows[i].alpha));
  const forged = structuredClone(line);
  forged.rows[1].proof.v[2] = forged.rows[1].proof.v[3];
  assert.deepEqual(proofs(await verifyBoard({ ...input, board: [forged] })), ['1:s2']);
  // the same ballot under another B fails every row
  assert.deepEqual(proofs(await verifyBoard({ ...input, base: b.B + 1 })), ['1:s1', '1:s2', '1:s3']);
  // a v1 reader refuses the v2 line by its shape
  assert.deepEqual(fields(await verifyBoard({ ...input, version: 1 })), ['1:rows[0].alpha']);
});

test('v2: the manifest\'s ballotVersion and base select and check the format', () => {
  assert.equal(formatVersion(V2.manifest.manifest), 2);
  assert.throws(() => formatVersion({ ballotVersion: 2, base: 1 }), /manifest.base/);
});

test('v2: a one-member committee decrypts a v2 board: one share per subject, split into the true counts', async () => {
  const pollId = 'poll-v2-decrypt';
  const B = 11;
  const manifest = { pollId, title: 'Lấy phiếu v2', ballotVersion: 2, base: B, options: ['HIGH', 'MID', 'LOW'],
    subjects: [1, 2].map((i) => ({ index: i, name: `Ứng viên ${i}`, position: 'P', unit: 'U' })) };
  const x = randomScalar();
  const K = G.multiply(x);
  const recordSeed = randomBytes(32);
  const recordKey = bytesToHex(ed25519.getPublicKey(recordSeed));
  // a real token key: the member checks every token's RSASSA-PSS signature (§9.2), so it is never withheld
  const tokenSpki = bytesToHex(new Uint8Array(tokenKey.publicKey.export({ format: 'der', type: 'spki' })));
  const tokenKeyHash = bytesToHex(sha256Bytes(hexToBytes(tokenSpki)));
  const signingKeyHash = bytesToHex(sha256Bytes(ed25519.getPublicKey(recordSeed)));
  const M = manifestHashV2(manifest);
  const Q = H('cvote/v1/context', { hash: M }, { int: 1 }, { int: 1 }, { point: K }, { point: K }, { hash: tokenKeyHash }, { hash: signingKeyHash });
  const choices = [['HIGH', 'LOW'], ['MID', null], ['HIGH', 'HIGH'], [null, 'LOW']];
  const board = [];
  let chain = chain0(Q);
  for (const [k, c] of choices.entries()) {
    const token = pssToken(pollId);
    const eb = encryptBallotV2({ pollId, Q, K, B, token, choices: c });
    chain = chainStep(chain, eb.hash);
    board.push({ ...eb.ballot, index: k + 1, hash: bytesToHex(eb.hash), chain: bytesToHex(chain) });
  }
  const head = bytesToHex(chain);
  const closing = { poll: pollId, Q: bytesToHex(Q), count: board.length, head,
    signature: bytesToHex(ed25519.sign(closingHash(pollId, Q, board.length, head), recordSeed)) };
  const input = { manifest, board, signingKey: recordKey, closing, tokenSpki,
    context: { manifestHash: bytesToHex(M), n: 1, t: 1, jointKey: pointToHex(K), tokenKeyHash, signingKeyHash, Q: bytesToHex(Q) } };
  const state = { pollId, ceremonyId: '00'.repeat(32), index: 1, n: 1, t: 1, allCommitments: [[pointToHex(K)]], secretShare: scalarToHex(x),
    jointKey: pointToHex(K), publicShares: [pointToHex(K)], done: true, confirmedT: 1 };
  const id = generateIdentity('Một mình');
  const cs = checkClosing(state, input);
  const r = await decryptBoard(id, state, input, { announced: { ballots: cs.count, head: cs.fingerprint } });
  const p = r.post.body;
  assert.deepEqual(p.shares.map((s) => s.label), ['s1', 's2']);
  assert.ok(verify(id.signingPublicKey, partialPayload(Q, 1, p.count, p.head, p.shares), p.signature));
  const counts = r.aggregate.map((ag, i) => {
    assert.ok(verifyDleq({ Q, member: 1, label: ag.label, S: K, alpha: decodePoint(ag.alpha), M: decodePoint(p.shares[i].M),
      proof: dleqProofFromJson(p.shares[i].proof) }));
    const V = decodePoint(ag.beta).subtract(decodePoint(p.shares[i].M));
    let m = 0;
    for (let P = G.multiply(0n + 1n).subtract(G); !P.equals(V); P = P.add(G)) m++;
    return splitV2(m, B, board.length);
  });
  assert.deepEqual(counts, [[2, 1, 0], [1, 0, 2]]);
});

test('v2: a board of B or more ballots is refused before decryption (docs/protocol.md §16.6: N < B)', async () => {
  // B = 3 (2 summoned): three HIGH marks pack to 3 = 1·B, the value of one MID; an operator who mints tokens could post them
  const pollId = 'poll-v2-stuffed';
  const B = 3;
  const K = G.multiply(randomScalar());
  const Q = randomBytes(32);
  const board = [];
  let chain = chain0(Q);
  for (let k = 0; k < 3; k++) {
    const token = { msg: bytesToHex(concatBytes(randomBytes(32), tokenMessage(pollId))), sig: bytesToHex(randomBytes(384)) };
    const eb = encryptBallotV2({ pollId, Q, K, B, token, choices: ['HIGH'] });
    chain = chainStep(chain, eb.hash);
    board.push({ ...eb.ballot, index: k + 1, hash: bytesToHex(eb.hash), chain: bytesToHex(chain) });
  }
  const input = { Q: bytesToHex(Q), K: pointToHex(K), pollId, subjects: 1, version: 2, base: B };
  assert.deepEqual(fields(await verifyBoard({ ...input, board: board.slice(0, 2) })), []);
  assert.deepEqual(fields(await verifyBoard({ ...input, board })), ['0:ballots']);
});
