// Ballot version 2 (docs/protocol.md §16): the shared vectors (protocol-v2.json, written by the Java
// side) and the tamper cases of issue 24 against this library.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  G, DecodeError, decodePoint, decodeScalar, pointToHex, bytesToHex, encrypt, randomScalar, randomBytes, utf8,
  chain0, chainStep, trackingCode, manifestHashV2, proveRowV2, verifyRowV2, rowProofV2FromJson, rowProofV2ToJson,
  encryptBallotV2, verifyBallotV2, parseBallotV2, splitV2, challengeV2, checkChallengeV2, branchValues, rowLabelV2,
  tokenHash, H, keyFingerprint,
} from '../src/protocol/index.js';
import { sha256, unhex } from './helpers.mjs';

const FILE = fileURLToPath(new URL('../../../../../crypto/src/test/resources/vectors/protocol-v2.json', import.meta.url));
const V = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : null;

const hash = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
function statement(x) {
  return { Q: hash(x.Q), tau: hash(x.tau), label: x.label, B: x.B, K: decodePoint(x.K, 'K'),
    alpha: decodePoint(x.alpha, 'alpha'), beta: decodePoint(x.beta, 'beta') };
}

describe('ballot v2 vectors (protocol-v2.json)', { skip: V ? false : `not found: ${FILE}` }, () => {
  test('manifest hash binds B', () => {
    assert.equal(bytesToHex(manifestHashV2(V.manifest.manifest)), V.manifest.hash);
    assert.notEqual(bytesToHex(manifestHashV2({ ...V.manifest.manifest, base: V.manifest.manifest.base + 1 })), V.manifest.hash);
    assert.throws(() => manifestHashV2({ ...V.manifest.manifest, ballotVersion: 1 }), DecodeError);
    assert.throws(() => manifestHashV2({ ...V.manifest.manifest, base: 1 }), DecodeError);
    assert.throws(() => manifestHashV2({ ...V.manifest.manifest, base: '41' }), DecodeError);
  });

  test('row proofs are reproduced from their nonces and verify', () => {
    assert.equal(V.rowProofs.length, 8);
    for (const x of V.rowProofs) {
      const st = statement(x);
      const ct = encrypt(st.K, BigInt(x.m), decodeScalar(x.r));
      assert.equal(pointToHex(ct.alpha), x.alpha);
      assert.equal(pointToHex(ct.beta), x.beta);
      assert.equal(branchValues(x.B)[x.branch], BigInt(x.m));
      const proof = proveRowV2({ ...st, branch: x.branch, r: decodeScalar(x.r) }, { nonces: x.nonces });
      assert.deepEqual(rowProofV2ToJson(proof), x.proof, `${x.label} B=${x.B}: reproduced`);
      assert.ok(verifyRowV2(st, rowProofV2FromJson(x.proof)), `${x.label}: verifies`);
    }
  });

  test('every invalid row proof is rejected', () => {
    assert.ok(V.invalidRowProofs.length >= 9);
    for (const x of V.invalidRowProofs) assert.equal(verifyRowV2(statement(x), rowProofV2FromJson(x.proof)), false, x.why);
  });

  test('the ballot verifies, hashes, chains and re-encrypts from its audit data', () => {
    const b = V.ballots[0];
    const res = verifyBallotV2(b.ballot, { Q: b.Q, K: b.K, B: b.B, pollId: b.pollId, subjects: 3 });
    assert.deepEqual(res.failures, []);
    assert.equal(bytesToHex(res.tau), b.tau);
    assert.equal(bytesToHex(res.hash), b.hash);
    const T0 = chain0(b.Q);
    assert.equal(bytesToHex(T0), b.chain0);
    assert.equal(bytesToHex(chainStep(T0, res.hash)), b.chain);
    assert.equal(trackingCode(hash(b.chain)), b.trackingCode);
    assert.equal(keyFingerprint(b.K), b.keyFingerprint, 'the key fingerprint read aloud (§8.9)');
    assert.notEqual(keyFingerprint(G), b.keyFingerprint);
    const values = b.choices.map((c) => Number(branchValues(b.B)[c + 1]));
    const audit = { poll: b.pollId, Q: b.Q, K: b.K, B: b.B, ballot: b.ballot, values, randomness: b.randomness };
    assert.deepEqual(checkChallengeV2(audit, { Q: b.Q, K: b.K, B: b.B, hash: b.hash }), { ok: true, failures: [], hash: b.hash });
    assert.deepEqual(verifyBallotV2(b.ballot, { Q: b.Q, K: b.K, B: b.B + 1 }).failures, ['s1', 's2', 's3'], 'another B');
  });

  test('splits and refusals', () => {
    for (const s of V.split) assert.deepEqual(splitV2(BigInt(s.value), s.B, s.N), s.counts);
    for (const s of V.badSplit) assert.throws(() => splitV2(BigInt(s.value), s.B, s.N), RangeError, s.why);
  });
});

describe('ballot v2 in this library', () => {
  const K = G.multiply(randomScalar());
  const Q = randomBytes(32);
  const B = 31;
  const pollId = 'p-v2';
  const token = () => ({
    msg: bytesToHex(randomBytes(32)) + bytesToHex(utf8('cvote/v1/token')) + '0004' + bytesToHex(utf8(pollId)) + bytesToHex(randomBytes(32)),
    sig: bytesToHex(randomBytes(384)),
  });
  const ctx = { Q, K, B, pollId, subjects: 4 };

  /** Row idx replaced by an encryption of m with a proof claiming `branch`. */
  function withRow(ballot, idx, m, branch) {
    const ct = encrypt(K, m);
    const tau = tokenHash(hash(ballot.token.msg));
    const proof = proveRowV2({ Q, tau, label: rowLabelV2(idx + 1), B, K, alpha: ct.alpha, beta: ct.beta, branch, r: ct.r });
    const rows = ballot.rows.slice();
    rows[idx] = { subject: idx + 1, alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta), proof: rowProofV2ToJson(proof) };
    return { ...ballot, rows };
  }

  test('an honest ballot with a blank row verifies; its JSON has the documented shape', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: ['HIGH', 'MID', 'LOW', null] });
    const res = verifyBallotV2(eb.ballot, ctx);
    assert.deepEqual(res.failures, []);
    assert.deepEqual(res.hash, eb.hash);
    assert.deepEqual(Object.keys(eb.ballot.rows[0]), ['subject', 'alpha', 'beta', 'proof']);
    assert.equal(eb.ballot.rows[0].proof.a.length, 4);
    assert.deepEqual(eb.secrets.values, [1n, 31n, 961n, 0n]);
  });

  test('a row encrypting 2 or B+1 is refused whatever branch it claims', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: [0, 1, 2, 0] });
    for (const m of [2n, BigInt(B + 1)]) {
      for (let branch = 0; branch < 4; branch++) {
        assert.deepEqual(verifyBallotV2(withRow(eb.ballot, 1, m, branch), ctx).failures, ['s2'], `m=${m} branch ${branch}`);
      }
    }
  });

  test('a wrong branch is refused', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: [0, 1, 2, 0] });
    assert.deepEqual(verifyBallotV2(withRow(eb.ballot, 2, BigInt(B * B), 2), ctx).failures, ['s3']);
    assert.deepEqual(verifyBallotV2(withRow(eb.ballot, 2, BigInt(B * B), 3), ctx).failures, []);
  });

  test('a relabelled row is refused', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: [0, 2, null, 1] });
    const [r1, r2] = eb.ballot.rows;
    const swapped = { ...eb.ballot, rows: [{ ...r2, subject: 1 }, { ...r1, subject: 2 }, ...eb.ballot.rows.slice(2)] };
    assert.deepEqual(verifyBallotV2(swapped, ctx).failures, ['s1', 's2']);
    const unnumbered = { ...eb.ballot, rows: [r2, r1, ...eb.ballot.rows.slice(2)] };
    assert.throws(() => verifyBallotV2(unnumbered, ctx), (e) => e instanceof DecodeError && e.field === 'rows[0].subject');
  });

  test('a ballot made for another B is refused under the manifest B', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B: B + 1, token: token(), choices: [0, null, 1, 2] });
    assert.deepEqual(verifyBallotV2(eb.ballot, { ...ctx, B: B + 1 }).failures, []);
    assert.deepEqual(verifyBallotV2(eb.ballot, ctx).failures, ['s1', 's2', 's3', 's4']);
  });

  test('strict decoding names the field', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: [0, 1, 2, 0] });
    const clone = () => JSON.parse(JSON.stringify(eb.ballot));
    const extra = clone();
    extra.rows[0].options = [];
    assert.throws(() => parseBallotV2(extra), (e) => e instanceof DecodeError && e.field === 'rows[0].options');
    const short = clone();
    short.rows[1].proof.c.pop();
    assert.throws(() => parseBallotV2(short), (e) => e instanceof DecodeError && e.field === 'rows[1].proof.c');
    const offCurve = clone();
    offCurve.rows[2].beta = '04' + '11'.repeat(64);
    assert.throws(() => parseBallotV2(offCurve), (e) => e instanceof DecodeError && e.field === 'rows[2].beta');
  });

  test('cast-or-audit: the honest audit passes, a changed value or a fresh encryption fails', () => {
    const eb = encryptBallotV2({ pollId, Q, K, B, token: token(), choices: ['LOW', null, 'HIGH', 'MID'] });
    const shown = eb.hash;
    const audit = challengeV2(eb);
    assert.equal(eb.spoiled, true);
    assert.equal(checkChallengeV2(audit, { Q, K: pointToHex(K), B, hash: shown }).ok, true);
    assert.deepEqual(checkChallengeV2({ ...audit, values: [B * B, 0, 1, 2] }).failures, ['s4']);
    assert.deepEqual(checkChallengeV2({ ...audit, B: B + 1 }, { B }).failures, ['B']);
    const fresh = encryptBallotV2({ pollId, Q, K, B, token: audit.ballot.token, choices: ['LOW', null, 'HIGH', 'MID'] });
    assert.deepEqual(checkChallengeV2(challengeV2(fresh), { Q, hash: shown }).failures, ['hash']);
  });
});

describe('ballot v2 context', () => {
  test('contextHash takes M from the version 2 formula when the manifest has ballotVersion', async () => {
    const { contextHash, manifestHash } = await import('../src/protocol/index.js');
    const K = G.multiply(randomScalar());
    const v1 = { pollId: 'p', title: 'T', subjects: [{ index: 1, name: 'A', position: 'B', unit: 'C' }], options: ['HIGH', 'MID', 'LOW'] };
    const v2 = { ...v1, ballotVersion: 2, base: 11 };
    const ctx = (manifest) => ({ manifest, n: 1, t: 1, commitments: [[K]], jointKey: K, tokenSpki: '3000', signingKey: '00'.repeat(32) });
    const expected = (M) => H('cvote/v1/context', { hash: M }, { int: 1 }, { int: 1 }, { point: K }, { point: K },
      { hash: sha256(unhex('3000')) }, { hash: sha256(new Uint8Array(32)) });
    assert.deepEqual(contextHash(ctx(v1)), expected(manifestHash(v1)));
    assert.deepEqual(contextHash(ctx(v2)), expected(manifestHashV2(v2)));
    assert.notDeepEqual(contextHash(ctx(v2)), contextHash(ctx({ ...v2, base: 12 })));
    assert.throws(() => contextHash(ctx({ ...v2, ballotVersion: 3 })), DecodeError);
  });
});
