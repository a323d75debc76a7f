import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  G, randomScalar, randomBytes, bytesToHex, encryptBallot, verifyBallot, parseBallot, ballotHash,
  chain0, chainStep, trackingCode, ballotFingerprint, challenge, checkChallenge, ballotForCasting, H,
  proveRange, rangeProofToJson, encrypt, add, pointToHex, scalarToHex, base32, DecodeError, modq,
} from '../src/protocol/index.js';
import { hex } from './helpers.mjs';

const k = randomScalar();
const K = G.multiply(k);
const Q = randomBytes(32);
const pollId = 'p1';
const token = { msg: bytesToHex(randomBytes(32)) + hex(Buffer.from('cvote/v1/token')) + '0002' + hex(Buffer.from(pollId)) + bytesToHex(randomBytes(32)), sig: bytesToHex(randomBytes(384)) };
const choices = ['HIGH', null, 'LOW', 'BLANK', 'MID'];
const eb = encryptBallot({ pollId, Q, K, token, choices });

test('a 5-subject ballot with blank rows builds and verifies', () => {
  const res = verifyBallot(eb.ballot, { Q, K, subjects: 5, pollId });
  assert.deepEqual(res.failures, []);
  assert.ok(res.ok);
  assert.equal(hex(res.tau), hex(eb.tau));
  assert.equal(hex(res.hash), hex(eb.hash));
  assert.equal(hex(eb.tau), hex(H('cvote/v1/token', { bytes: token.msg })));
  // decrypting with k gives the choices back
  const want = [[1, 0, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0], [0, 1, 0]];
  eb.ballot.rows.forEach((row, i) => {
    row.options.forEach((o, j) => {
      const d = parseBallot(eb.ballot).rows[i].options[j];
      const m = d.beta.subtract(d.alpha.multiply(k));
      assert.equal(m.is0() ? 0 : m.equals(G) ? 1 : -1, want[i][j], `s${i + 1}/o${j}`);
    });
  });
  assert.deepEqual(eb.secrets.choices, want);
});

test('the ballot JSON has exactly the §7 shape', () => {
  const b = eb.ballot;
  assert.deepEqual(Object.keys(b), ['poll', 'token', 'rows']);
  assert.deepEqual(Object.keys(b.token), ['msg', 'sig']);
  assert.equal(b.rows.length, 5);
  b.rows.forEach((row, i) => {
    assert.deepEqual(Object.keys(row), ['subject', 'options', 'rowProof']);
    assert.equal(row.subject, i + 1);
    assert.equal(row.options.length, 3);
    for (const o of row.options) {
      assert.deepEqual(Object.keys(o), ['alpha', 'beta', 'proof']);
      assert.match(o.alpha, /^04[0-9a-f]{128}$/);
      assert.deepEqual(Object.keys(o.proof), ['a', 'b', 'c', 'v']);
      assert.equal(o.proof.c.length, 2);
      assert.match(o.proof.v[1], /^[0-9a-f]{64}$/);
    }
  });
  // survives JSON
  assert.ok(verifyBallot(JSON.parse(JSON.stringify(b)), { Q, K }).ok);
});

test('ballot hash, chain and tracking code', () => {
  const inputs = [{ hash: Q }, { hash: eb.tau }];
  for (const row of eb.ballot.rows) for (const o of row.options) inputs.push({ point: o.alpha }, { point: o.beta });
  assert.equal(hex(eb.hash), hex(H('cvote/v1/ballot', ...inputs)));
  assert.equal(hex(ballotHash(bytesToHex(Q), bytesToHex(eb.tau), eb.ballot)), hex(eb.hash));
  const T0 = chain0(Q);
  assert.equal(hex(T0), hex(H('cvote/v1/chain0', { hash: Q })));
  const T1 = chainStep(T0, eb.hash);
  assert.equal(hex(T1), hex(H('cvote/v1/chain', { hash: T0 }, { hash: eb.hash })));
  const code = trackingCode(T1);
  assert.match(code, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
  assert.equal(code.replaceAll('-', ''), base32(T1.subarray(0, 10)));
  assert.equal(trackingCode('00'.repeat(32)), 'AAAA-AAAA-AAAA-AAAA');
  assert.equal(trackingCode('ff'.repeat(32)), '7777-7777-7777-7777');
});

test('proofs are bound to the ballot: moved, swapped or re-labelled parts fail', () => {
  const copy = () => JSON.parse(JSON.stringify(eb.ballot));
  // swap two options' ciphertexts and proofs within a row
  let b = copy();
  [b.rows[0].options[0], b.rows[0].options[1]] = [b.rows[0].options[1], b.rows[0].options[0]];
  assert.deepEqual(verifyBallot(b, { Q, K }).failures, ['s1/o0', 's1/o1']);
  // swap two rows (subject numbers kept in order)
  b = copy();
  [b.rows[0].options, b.rows[1].options] = [b.rows[1].options, b.rows[0].options];
  [b.rows[0].rowProof, b.rows[1].rowProof] = [b.rows[1].rowProof, b.rows[0].rowProof];
  assert.equal(verifyBallot(b, { Q, K }).failures.length, 8);
  // another token (τ)
  b = copy();
  b.token.msg = bytesToHex(randomBytes(32)) + b.token.msg.slice(64);
  assert.equal(verifyBallot(b, { Q, K }).failures.length, 20);
  // another poll context
  assert.equal(verifyBallot(eb.ballot, { Q: randomBytes(32), K }).failures.length, 20);
});

test('a row with two choices cannot carry a verifying row proof', () => {
  const tau = eb.tau;
  const rs = [randomScalar(), randomScalar(), randomScalar()];
  const vec = [1, 1, 0];
  const cts = vec.map((m, j) => encrypt(K, m, rs[j]));
  const options = cts.map((ct, j) => ({
    alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta),
    proof: rangeProofToJson(proveRange({ Q, tau, label: `s1/o${j}`, K, alpha: ct.alpha, beta: ct.beta, m: vec[j], r: ct.r })),
  }));
  const sum = add(...cts);
  const rSum = modq(rs[0] + rs[1] + rs[2]);
  for (const claim of [0, 1]) {
    const rowProof = rangeProofToJson(proveRange({ Q, tau, label: 's1/row', K, alpha: sum.alpha, beta: sum.beta, m: claim, r: rSum }));
    const b = { poll: pollId, token, rows: [{ subject: 1, options, rowProof }] };
    assert.deepEqual(verifyBallot(b, { Q, K }).failures, ['s1/row']);
  }
});

test('strict parsing names the field', () => {
  const copy = () => JSON.parse(JSON.stringify(eb.ballot));
  const cases = [
    [(b) => { b.extra = 1; }, /ballot\.extra: unknown field/],
    [(b) => { delete b.token; }, /ballot\.token: missing field/],
    [(b) => { b.token.x = ''; }, /token\.x/],
    [(b) => { b.rows[2].subject = 4; }, /rows\[2\]\.subject/],
    [(b) => { b.rows[1].options.pop(); }, /rows\[1\]\.options/],
    [(b) => { b.rows[1].options[2].alpha = b.rows[1].options[2].alpha.toUpperCase(); }, /rows\[1\]\.options\[2\]\.alpha/],
    [(b) => { b.rows[0].options[1].note = 'x'; }, /rows\[0\]\.options\[1\]\.note/],
    [(b) => { b.rows[4].rowProof.c[1] = 'ff'.repeat(32); }, /rows\[4\]\.rowProof\.c\[1\]/],
    [(b) => { b.rows[3].options[0].beta = '04' + '00'.repeat(64); }, /rows\[3\]\.options\[0\]\.beta/],
    [(b) => { b.token.sig = 'abc'; }, /token\.sig/],
  ];
  for (const [mutate, re] of cases) {
    const b = copy();
    mutate(b);
    assert.throws(() => verifyBallot(b, { Q, K }), (e) => e instanceof DecodeError && re.test(e.message), String(re));
  }
  assert.throws(() => parseBallot(eb.ballot, { subjects: 4 }), DecodeError);
  assert.throws(() => parseBallot(eb.ballot, { pollId: 'other' }), DecodeError);
  const line = { ...copy(), index: 1, hash: bytesToHex(eb.hash), chain: bytesToHex(randomBytes(32)) };
  assert.throws(() => parseBallot(line), DecodeError);
  assert.ok(parseBallot(line, { boardLine: true }));
});

test('cast-or-audit: the challenge re-encrypts, and the audited encryption cannot be cast', () => {
  const fresh = encryptBallot({ pollId, Q: bytesToHex(Q), K: pointToHex(K), token, choices });
  assert.equal(ballotForCasting(fresh), fresh.ballot);
  const audit = JSON.parse(JSON.stringify(challenge(fresh)));
  assert.deepEqual(Object.keys(audit), ['poll', 'Q', 'K', 'ballot', 'choices', 'randomness']);
  assert.equal(audit.poll, pollId);
  assert.equal(audit.Q, bytesToHex(Q));
  assert.equal(audit.K, pointToHex(K));
  assert.deepEqual(audit.choices, [[1, 0, 0], [0, 0, 0], [0, 0, 1], [0, 0, 0], [0, 1, 0]]);
  assert.equal(audit.randomness.length, 5);
  assert.match(audit.randomness[2][1], /^[0-9a-f]{64}$/);
  assert.deepEqual(checkChallenge(audit), { ok: true, failures: [] });
  assert.throws(() => ballotForCasting(fresh), /must not be cast/);
  // a lying booth is caught
  const lie = JSON.parse(JSON.stringify(audit));
  lie.choices[0] = [0, 1, 0];
  assert.deepEqual(checkChallenge(lie).failures, ['s1/o0', 's1/o1']);
  const badR = JSON.parse(JSON.stringify(audit));
  badR.randomness[4][2] = scalarToHex(randomScalar());
  assert.deepEqual(checkChallenge(badR).failures, ['s5/o2']);
  const two = JSON.parse(JSON.stringify(audit));
  two.choices[1] = [1, 1, 0];
  assert.deepEqual(checkChallenge(two).failures, ['s2/row']);
});

test('the ballot fingerprint is the first 10 bytes of B in base32, as cvote-verify prints it', () => {
  // the same value is asserted by the Java verifier's ChallengedTest (Challenged.fingerprint)
  assert.equal(ballotFingerprint('0123456789abcdef0123' + '00'.repeat(22)), 'AERU-KZ4J-VPG6-6AJD');
  assert.equal(ballotFingerprint(eb.hash), trackingCode(eb.hash));
  assert.throws(() => ballotFingerprint('00'), DecodeError);
});

test('a challenge is checked against the published Q and K and the hash shown before it', () => {
  const shown = encryptBallot({ pollId, Q, K, token, choices });
  const shownHash = bytesToHex(shown.hash);
  const published = { Q, K: pointToHex(K), hash: shownHash };
  // the honest answer: the very encryption that was shown
  const honest = JSON.parse(JSON.stringify(challenge(shown)));
  assert.deepEqual(checkChallenge(honest, published), { ok: true, failures: [], hash: shownHash });
  // a dishonest booth answers with a fresh, honest encryption of the same choices: only the hash betrays it
  const fresh = JSON.parse(JSON.stringify(challenge(encryptBallot({ pollId, Q, K, token, choices }))));
  assert.deepEqual(checkChallenge(fresh).failures, [], 'on its own, the fresh encryption checks out');
  assert.deepEqual(checkChallenge(fresh, published).failures, ['hash']);
  // a file made for another poll's Q (or K) is refused, however consistent in itself
  const otherQ = randomBytes(32);
  const other = JSON.parse(JSON.stringify(challenge(encryptBallot({ pollId, Q: otherQ, K, token, choices }))));
  assert.deepEqual(checkChallenge(other).failures, []);
  assert.deepEqual(checkChallenge(other, published).failures, ['Q']);
  const otherK = JSON.parse(JSON.stringify(challenge(encryptBallot({ pollId, Q, K: G.multiply(randomScalar()), token, choices }))));
  assert.deepEqual(checkChallenge(otherK, published).failures, ['K']);
});

test('bad inputs to encryptBallot', () => {
  assert.throws(() => encryptBallot({ pollId, Q, K, token, choices: ['TOP'] }), RangeError);
  assert.throws(() => encryptBallot({ pollId, Q, K, token, choices: [3] }), RangeError);
  assert.throws(() => encryptBallot({ pollId, Q, K, token, choices: [] }), TypeError);
  assert.throws(() => encryptBallot({ pollId, Q, K, token, choices }, { subjects: 4 }), RangeError);
  assert.throws(() => encryptBallot({ pollId, Q: 'AB'.repeat(32), K, token, choices }), DecodeError);
  assert.throws(() => encryptBallot({ pollId, Q, K: '04' + '00'.repeat(64), token, choices }), DecodeError);
  assert.throws(() => encryptBallot({ pollId, Q, K, token: { msg: 'zz', sig: token.sig }, choices }), DecodeError);
  assert.throws(() => encryptBallot({ pollId, Q, K, token: { msg: token.msg, sig: '00' }, choices }), /token\.sig/);
  assert.throws(() => encryptBallot({ pollId: 'p2', Q, K, token, choices }), /token\.msg: not a prepared token message/);
});
