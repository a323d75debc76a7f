// Java ↔ JS interoperability of the committee member's library, over crypto/src/test/resources/vectors/committee-v1.json:
// the section "java" (made by the Java member code: identities, a whole ceremony, a closed poll with real RSA-PSS
// tokens, member 1's partial) is checked here; the section "js" (made by committee-vectors-gen.mjs) is checked here
// for consistency and by the Java suite (committee CommitteeVectorsTest) for interop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesToHex, hexToBytes, decodePoint, decodeScalar, verifyDleq, dleqProofFromJson } from '../src/protocol/index.js';
import {
  identityFromSecrets, publicKeysets, keyOfKeyset, registration, ceremonyId, commitHash, commitPost, revealPost, sharePost,
  confirmPost, verify, ceremonyStep, checkClosing, decryptBoard, partialPayload, hpkeOpen, shareInfo, BoardRejected,
} from '../src/committee/index.js';
import { loadCommitteeVectors, combine } from './committee-helpers.mjs';

const V = loadCommitteeVectors();
const J = V.java;
const ids = J.members.map((m) => identityFromSecrets(m));
const announcedOf = (cs) => ({ ballots: cs.count, head: cs.head.slice(0, 16) });

test('identities: public keys, fingerprints, Tink keysets and join signatures equal the Java ones', () => {
  J.members.forEach((m, i) => {
    const id = ids[i];
    assert.equal(id.hpkePublicKey, m.hpkePublicKey);
    assert.equal(id.signingPublicKey, m.signingPublicKey);
    assert.equal(id.fingerprint, m.fingerprint);
    assert.equal(id.fingerprint, m.registration.fingerprint);
    const r = m.registration;
    const ks = publicKeysets(id.hpkePublicKey, id.signingPublicKey,
      ((ids2) => () => ids2.shift())([r.hpkeKeyset.primaryKeyId, r.signingKeyset.primaryKeyId]));
    assert.deepEqual(ks.hpkeKeyset, r.hpkeKeyset, 'byte-for-byte the keyset Tink writes');
    assert.deepEqual(ks.signingKeyset, r.signingKeyset);
    assert.equal(bytesToHex(keyOfKeyset(r.hpkeKeyset, 'hpke')), m.hpkePublicKey);
    assert.equal(bytesToHex(keyOfKeyset(r.signingKeyset, 'signing')), m.signingPublicKey);
    // Ed25519 is deterministic: the JS registration carries the very signature Java made
    assert.equal(registration(J.pollId, id).body.signature, r.signature);
  });
});

test('keysets: a keyset of another suite, prefix or key count is refused', () => {
  const r = J.members[0].registration;
  const bad = structuredClone(r.hpkeKeyset);
  bad.key[0].outputPrefixType = 'TINK';
  assert.throws(() => keyOfKeyset(bad, 'hpke'), /hpkeKeyset/);
  assert.throws(() => keyOfKeyset(r.signingKeyset, 'hpke'), /hpkeKeyset/);
  const two = structuredClone(r.signingKeyset);
  two.key.push(two.key[0]);
  assert.throws(() => keyOfKeyset(two, 'signing'), /signingKeyset/);
  const aes128 = structuredClone(r.hpkeKeyset); // aead = AES_128_GCM (1) instead of AES_256_GCM (2)
  const v = Buffer.from(aes128.key[0].keyData.value, 'base64');
  v[7] = 1;
  aes128.key[0].keyData.value = v.toString('base64');
  assert.throws(() => keyOfKeyset(aes128, 'hpke'), /suite/);
});

test('ceremony: γ, commit hashes and every signed post of the Java ceremony check in JS', () => {
  const c = J.ceremony;
  assert.equal(c.phase, 'DONE');
  assert.equal(bytesToHex(ceremonyId(J.pollId, c.t, c.members)), c.ceremonyId);
  for (const m of c.members) {
    const cm = c.commits.find((x) => x.member === m.index);
    const rv = c.reveals.find((x) => x.member === m.index);
    assert.equal(bytesToHex(commitHash(c.ceremonyId, m.index, rv.commitments)), cm.commitHash);
    assert.ok(verify(m.signingPublicKey, commitPost(c.ceremonyId, m.index, cm.commitHash), cm.signature));
    assert.ok(verify(m.signingPublicKey, revealPost(c.ceremonyId, m.index, rv.commitments, rv.proofs), rv.signature));
    const cf = c.confirmations.find((x) => x.member === m.index);
    assert.ok(verify(m.signingPublicKey, confirmPost(c.ceremonyId, m.index, cf.transcript), cf.signature));
    assert.ok(!verify(m.signingPublicKey, confirmPost(c.ceremonyId, m.index === 1 ? 2 : 1, cf.transcript), cf.signature),
      'a signature does not carry over to another member index');
  }
  for (const s of c.shares) {
    assert.ok(verify(c.members[s.from - 1].signingPublicKey, sharePost(c.ceremonyId, s.from, s.to, s.ciphertext), s.signature));
  }
});

test('HPKE: every share the Java members encrypted to member 2 opens in JS and equals P_i(2)', async () => {
  const c = J.ceremony;
  for (const s of c.shares.filter((x) => x.to === 2)) {
    const plain = await hpkeOpen(ids[1], hexToBytes(s.ciphertext), shareInfo(c.ceremonyId, s.from, 2));
    assert.equal(plain.length, 32);
    decodeScalar(plain);
    await assert.rejects(hpkeOpen(ids[1], hexToBytes(s.ciphertext), shareInfo(c.ceremonyId, s.from, 3)), 'info binds the recipient');
    await assert.rejects(hpkeOpen(ids[2], hexToBytes(s.ciphertext), shareInfo(c.ceremonyId, s.from, 2)), 'another key cannot open it');
  }
});

test('ceremony state machine on the Java board: member 2 derives exactly the Java MemberState and signs the same confirmation', async () => {
  const c = J.ceremony;
  const javaState = J.memberStates[1];
  const rewound = structuredClone(javaState);
  for (const k of ['secretShare', 'jointKey', 'publicShares', 'transcript']) delete rewound[k];
  rewound.done = false;
  // the board before member 2 confirmed
  const view = structuredClone(c);
  view.phase = 'CONFIRM';
  view.confirmations = view.confirmations.filter((x) => x.member !== 2);
  const r1 = await ceremonyStep(rewound, view, { identity: ids[1], pollId: J.pollId });
  assert.equal(r1.posts.length, 1);
  assert.equal(r1.posts[0].kind, 'confirm');
  assert.deepEqual(r1.posts[0].body, c.confirmations.find((x) => x.member === 2), 'the very post the Java member made');
  const r2 = await ceremonyStep(r1.state, c, { identity: ids[1], pollId: J.pollId });
  assert.ok(r2.progress.finished);
  assert.deepEqual(r2.state, javaState, 'the JS state is the Java MemberState, field for field');
});

test('decryption: member 2 verifies the Java board (real RSA-PSS tokens), its partial combines with Java member 1\'s to the true counts', async () => {
  const input = J.tallyInput;
  const st = J.memberStates[1];
  const cs = checkClosing(st, input);
  assert.equal(cs.fingerprint, cs.head.slice(0, 16).toUpperCase().match(/.{4}/g).join(' '));
  const progress = [];
  const r = await decryptBoard(ids[1], st, input, { announced: announcedOf(cs), chunk: 2, onProgress: (d, n) => progress.push([d, n]) });
  assert.deepEqual(progress.at(-1), [input.board.length, input.board.length]);
  assert.equal(r.state.decryptedCount, cs.count);
  assert.equal(r.state.decryptedHead, cs.head);
  const p = r.post.body;
  assert.ok(verify(ids[1].signingPublicKey, partialPayload(cs.Q, 2, p.count, p.head, p.shares), p.signature));
  const S = decodePoint(st.publicShares[1]);
  r.aggregate.forEach((ag, l) => {
    const sh = p.shares[l];
    assert.equal(sh.label, ag.label);
    assert.ok(verifyDleq({ Q: cs.Q, member: 2, label: sh.label, S, alpha: decodePoint(ag.alpha), M: decodePoint(sh.M), proof: dleqProofFromJson(sh.proof) }));
  });
  // Java member 1's partial is of the same aggregate: its signature verifies under the JS hash
  const jp = J.partial;
  assert.ok(verify(ids[0].signingPublicKey, partialPayload(cs.Q, 1, jp.count, jp.head, jp.shares), jp.signature));
  const counts = combine(r.aggregate, [jp, p], cs.count);
  assert.deepEqual(counts, J.truth.flat(), 'the true counts');
});

test('decryption refusals: a withheld token key, another N or head, an announced figure that differs, a second board, a forged proof', async () => {
  const input = J.tallyInput;
  const st = J.memberStates[1];
  const cs = checkClosing(st, input);
  const fieldsOf = async (f) => {
    try { await f(); } catch (e) { if (e instanceof BoardRejected) return e.problems.map((x) => `${x.index}:${x.field}`); throw e; }
    assert.fail('accepted');
  };
  // a prefix of the board under the true statement
  assert.deepEqual(await fieldsOf(() => checkClosing(st, { ...input, board: input.board.slice(0, -1) })), ['0:ballots', '0:head']);
  // a withheld token key: §9.2 checks every token's signature, so it is refused, not skipped
  assert.deepEqual(await fieldsOf(() => checkClosing(st, { ...input, tokenSpki: null })), ['0:tokenSpki']);
  assert.deepEqual(await fieldsOf(() => checkClosing(st, { ...input, tokenSpki: undefined })), ['0:tokenSpki']);
  // a statement whose count was changed no longer verifies
  assert.deepEqual(await fieldsOf(() => checkClosing(st, { ...input, closing: { ...input.closing, count: cs.count - 1 } })), ['0:closing']);
  // the hall announced other figures
  assert.deepEqual(await fieldsOf(() => decryptBoard(ids[1], st, input, { announced: { ballots: cs.count + 1, head: cs.head.slice(0, 16) } })), ['0:ballots']);
  assert.deepEqual(await fieldsOf(() => decryptBoard(ids[1], st, input, { announced: { ballots: cs.count, head: '0000 0000 0000 0000' } })), ['0:head']);
  // after decrypting this board, another board of the poll is refused
  const other = { ...st, decryptedCount: cs.count, decryptedHead: '00'.repeat(32) };
  assert.deepEqual(await fieldsOf(() => checkClosing(other, input)), ['0:closing']);
  // a ballot whose proof was altered (and its hash and chain left as they are): named by index and label
  const board = structuredClone(input.board);
  board[2].rows[1].options[0].proof.v[1] = board[2].rows[1].options[0].proof.v[0];
  const forged = { ...input, board };
  assert.deepEqual(await fieldsOf(() => decryptBoard(ids[1], st, forged, { announced: announcedOf(cs) })), ['3:s2/o0']);
});

test('the js section (made by committee-vectors-gen.mjs) is consistent with this library', async () => {
  const js = V.js;
  assert.ok(js, 'run node test/committee-vectors-gen.mjs after the Java generator');
  const id = identityFromSecrets(js.identity);
  assert.equal(js.registration.fingerprint, id.fingerprint);
  assert.ok(verify(id.signingPublicKey, (await import('../src/committee/posts.js')).joinPost(J.pollId, id.name, id.hpkePublicKey, id.signingPublicKey),
    js.registration.signature));
  const plain = await hpkeOpen(ids[0], hexToBytes(js.share.ciphertext), shareInfo(J.ceremony.ceremonyId, js.share.from, js.share.to));
  assert.equal(bytesToHex(plain), js.share.plaintext);
  assert.equal(js.partial.member, 2);
});

test('a server that signs a closing statement for a board of its choosing: a prefix is refused on the hall\'s figures; an empty board has nothing to decrypt', async () => {
  const { ed25519 } = await import('@noble/curves/ed25519.js');
  const { createHash } = await import('node:crypto');
  const { closingHash, headFingerprint } = await import('../src/committee/index.js');
  const { chain0 } = await import('../src/protocol/index.js');
  const input = J.tallyInput;
  const st = J.memberStates[1];
  // the record key of the vectors: the Ed25519 seed SHA-256("cvote committee vectors record 0")
  const seed = createHash('sha256').update('cvote committee vectors record 0').digest();
  assert.equal(bytesToHex(ed25519.getPublicKey(seed)), input.signingKey);
  const signed = (board) => {
    const head = board.length === 0 ? bytesToHex(chain0(input.context.Q)) : board.at(-1).chain;
    const closing = { poll: J.pollId, Q: input.context.Q, count: board.length, head,
      signature: bytesToHex(ed25519.sign(closingHash(J.pollId, input.context.Q, board.length, head), seed)) };
    return { ...input, board, closing };
  };
  const truth = checkClosing(st, input);
  const prefix = signed(input.board.slice(0, 3));
  const cs = checkClosing(st, prefix); // the statement itself is valid: only the hall's figures expose it
  assert.equal(cs.count, 3);
  const e = await decryptBoard(ids[1], st, prefix, { announced: announcedOf(truth) }).then(() => null, (x) => x);
  assert.ok(e instanceof BoardRejected);
  assert.deepEqual(e.problems.map((p) => p.field), ['ballots', 'head']);

  const empty = signed([]);
  const ec = checkClosing(st, empty);
  assert.equal(ec.fingerprint, headFingerprint(chain0(input.context.Q)));
  const r = await decryptBoard(ids[1], st, empty, { announced: { ballots: 0, head: ec.fingerprint } });
  assert.deepEqual(r.post.body.shares, []);
  assert.ok(verify(ids[1].signingPublicKey, partialPayload(ec.Q, 2, 0, ec.head, []), r.post.body.signature));
});

test('decryption with the board verified in worker threads (RSA-PSS tokens checked there) gives the same partial statement', async () => {
  const { Worker } = await import('node:worker_threads');
  const { workerPool } = await import('../src/committee/index.js');
  const pool = workerPool(() => new Worker(new URL('./committee-node-worker.mjs', import.meta.url)), 2);
  try {
    const input = J.tallyInput;
    const st = J.memberStates[1];
    const cs = checkClosing(st, input);
    const r = await decryptBoard(ids[1], st, input, { announced: announcedOf(cs), runChunk: pool.runChunk, chunk: 1 });
    assert.equal(r.post.body.shares.length, input.manifest.subjects.length * 3);
    const board = structuredClone(input.board);
    board[0].token.sig = board[1].token.sig; // a signature of another message
    const e = await decryptBoard(ids[1], st, { ...input, board }, { announced: announcedOf(cs), runChunk: pool.runChunk, chunk: 1 })
      .then(() => null, (x) => x);
    assert.ok(e instanceof BoardRejected);
    assert.deepEqual(e.problems.map((p) => `${p.index}:${p.field}`), ['1:token']);
  } finally {
    pool.close();
  }
});
