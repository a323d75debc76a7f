import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  G, q, modq, randomScalar, randomBytes, encrypt, add, messagePoint, proveRange, verifyRange,
  rangeProofToJson, rangeProofFromJson, verifySchnorr, verifyDleq, schnorrProofFromJson,
  dleqProofFromJson, pointToHex, scalarToHex, DecodeError,
} from '../src/protocol/index.js';
import { proveSchnorr, proveDleq } from './helpers.mjs';

const k = randomScalar();
const K = G.multiply(k);
const Q = randomBytes(32);
const tau = randomBytes(32);

test('ElGamal: Enc(m; r) = (rG, mG + rK), decrypts with k, adds homomorphically', () => {
  const r = randomScalar();
  const ct = encrypt(K, 1, r);
  assert.ok(ct.alpha.equals(G.multiply(r)));
  assert.ok(ct.beta.equals(G.add(K.multiply(r))));
  assert.ok(ct.beta.subtract(ct.alpha.multiply(k)).equals(G));
  const zero = encrypt(K, 0);
  assert.ok(zero.beta.subtract(zero.alpha.multiply(k)).is0());
  const sum = add(encrypt(K, 1), encrypt(K, 1), encrypt(K, 3), zero);
  assert.ok(sum.beta.subtract(sum.alpha.multiply(k)).equals(messagePoint(5)));
  assert.throws(() => encrypt(K, 1, 0n), RangeError);
  assert.throws(() => encrypt(K, 1, q), RangeError);
});

function statement(m, L = 1, r = randomScalar()) {
  const ct = encrypt(K, m, r);
  return { Q, tau, label: 's1/o0', K, alpha: ct.alpha, beta: ct.beta, L, m, r };
}

test('range proof round trip, L = 1, m ∈ {0, 1}', () => {
  for (const m of [0, 1]) {
    for (let i = 0; i < 3; i++) {
      const st = statement(m);
      const proof = proveRange(st);
      assert.ok(verifyRange(st, proof), `m=${m}`);
      const json = rangeProofToJson(proof);
      assert.equal(json.a.length, 2);
      assert.ok(verifyRange(st, rangeProofFromJson(json, 1)));
    }
  }
});

test('range proof round trip, L = 3, m ∈ {0..3}', () => {
  for (const m of [0, 1, 2, 3]) {
    const st = statement(m, 3);
    const proof = proveRange(st);
    assert.equal(proof.a.length, 4);
    assert.ok(verifyRange(st, proof), `m=${m}`);
    assert.ok(verifyRange(st, rangeProofFromJson(rangeProofToJson(proof), 3)));
    assert.ok(!verifyRange({ ...st, L: 1 }, proof), 'the proof is for L=3 only');
  }
});

test('m = 2 under L = 1 yields no verifying proof', () => {
  const r = randomScalar();
  const ct = encrypt(K, 2, r);
  const base = { Q, tau, label: 's1/row', K, alpha: ct.alpha, beta: ct.beta, L: 1, r };
  assert.throws(() => proveRange({ ...base, m: 2 }), RangeError);
  // a cheating prover claiming either branch with the true r
  for (const m of [0, 1]) assert.ok(!verifyRange(base, proveRange({ ...base, m })), `claimed ${m}`);
  // the honest proof for L = 2 exists, but does not verify as L = 1
  const p2 = proveRange({ ...base, L: 2, m: 2 });
  assert.ok(verifyRange({ ...base, L: 2 }, p2));
  assert.ok(!verifyRange(base, { a: p2.a.slice(0, 2), b: p2.b.slice(0, 2), c: p2.c.slice(0, 2), v: p2.v.slice(0, 2) }));
});

test('a proof does not move to another label, τ, Q, K or ciphertext', () => {
  const st = statement(1);
  const proof = proveRange(st);
  assert.ok(verifyRange(st, proof));
  const other = encrypt(K, 1);
  for (const [why, changed] of Object.entries({
    label: { ...st, label: 's1/o1' },
    labelRow: { ...st, label: 's1/row' },
    tau: { ...st, tau: randomBytes(32) },
    Q: { ...st, Q: randomBytes(32) },
    K: { ...st, K: G.multiply(randomScalar()) },
    alpha: { ...st, alpha: other.alpha },
    ciphertext: { ...st, alpha: other.alpha, beta: other.beta },
  })) {
    assert.ok(!verifyRange(changed, proof), why);
  }
});

test('tampered proofs fail', () => {
  const st = statement(0);
  const proof = proveRange(st);
  const bump = (arr, j, f) => arr.map((x, i) => (i === j ? f(x) : x));
  for (let j = 0; j < 2; j++) {
    assert.ok(!verifyRange(st, { ...proof, c: bump(proof.c, j, (x) => modq(x + 1n)) }), `c${j}`);
    assert.ok(!verifyRange(st, { ...proof, v: bump(proof.v, j, (x) => modq(x + 1n)) }), `v${j}`);
    assert.ok(!verifyRange(st, { ...proof, a: bump(proof.a, j, (x) => x.add(G)) }), `a${j}`);
    assert.ok(!verifyRange(st, { ...proof, b: bump(proof.b, j, (x) => x.add(G)) }), `b${j}`);
  }
  // consistent forgery attempt: adjust c_0 and c_1 in opposite directions
  assert.ok(!verifyRange(st, { ...proof, c: [modq(proof.c[0] + 1n), modq(proof.c[1] - 1n)] }));
  // swapped branches
  assert.ok(!verifyRange(st, { a: [...proof.a].reverse(), b: [...proof.b].reverse(), c: [...proof.c].reverse(), v: [...proof.v].reverse() }));
  // wrong shapes
  assert.ok(!verifyRange(st, { ...proof, c: proof.c.slice(0, 1) }));
  assert.ok(!verifyRange(st, { ...proof, v: [...proof.v, 1n] }));
  assert.ok(!verifyRange(st, { ...proof, c: [q, proof.c[1]] }));
});

test('strict JSON decoding of proofs', () => {
  const st = statement(1);
  const json = rangeProofToJson(proveRange(st));
  assert.throws(() => rangeProofFromJson({ ...json, extra: [] }, 1), DecodeError);
  assert.throws(() => rangeProofFromJson({ a: json.a, b: json.b, c: json.c }, 1), DecodeError);
  assert.throws(() => rangeProofFromJson({ ...json, a: [json.a[0]] }, 1), DecodeError);
  assert.throws(() => rangeProofFromJson({ ...json, c: [json.c[0].toUpperCase(), json.c[1]] }, 1), /proof\.c\[0\]/);
  assert.throws(() => rangeProofFromJson({ ...json, a: [json.a[0], '04' + '00'.repeat(64)] }, 1), /proof\.a\[1\]/);
  assert.throws(() => rangeProofFromJson({ ...json, v: [json.v[0], 'ff'.repeat(32)] }, 1), /proof\.v\[1\]/);
});

test('fixed nonces reproduce the same proof', () => {
  const st = statement(1);
  const nonces = { u: scalarToHex(randomScalar()), c: [scalarToHex(randomScalar()), null], v: [randomScalar(), null] };
  const p1 = rangeProofToJson(proveRange(st, { nonces }));
  const p2 = rangeProofToJson(proveRange(st, { nonces }));
  assert.deepEqual(p1, p2);
  assert.ok(verifyRange(st, rangeProofFromJson(p1)));
  assert.equal(p1.a[1], pointToHex(G.multiply(BigInt('0x' + nonces.u))), 'a_m = u·G');
  assert.equal(p1.c[0], nonces.c[0]);
});

test('Schnorr verify', () => {
  const gamma = randomBytes(32);
  const a = randomScalar();
  const { A, proof } = proveSchnorr(gamma, 2, 1, a);
  assert.ok(verifySchnorr({ ceremonyId: gamma, member: 2, coefficient: 1, A, proof }));
  assert.ok(!verifySchnorr({ ceremonyId: gamma, member: 3, coefficient: 1, A, proof }));
  assert.ok(!verifySchnorr({ ceremonyId: gamma, member: 2, coefficient: 0, A, proof }));
  assert.ok(!verifySchnorr({ ceremonyId: randomBytes(32), member: 2, coefficient: 1, A, proof }));
  assert.ok(!verifySchnorr({ ceremonyId: gamma, member: 2, coefficient: 1, A: A.add(G), proof }));
  assert.ok(!verifySchnorr({ ceremonyId: gamma, member: 2, coefficient: 1, A, proof: { ...proof, v: modq(proof.v + 1n) } }));
  const json = { h: pointToHex(proof.h), c: scalarToHex(proof.c), v: scalarToHex(proof.v) };
  assert.ok(verifySchnorr({ ceremonyId: gamma, member: 2, coefficient: 1, A, proof: schnorrProofFromJson(json) }));
  assert.throws(() => schnorrProofFromJson({ ...json, x: 1 }), DecodeError);
});

test('DLEQ verify', () => {
  const s = randomScalar();
  const alpha = G.multiply(randomScalar());
  const { S, M, proof } = proveDleq(Q, 1, 's2/o1', s, alpha);
  const st = { Q, member: 1, label: 's2/o1', S, alpha, M, proof };
  assert.ok(verifyDleq(st));
  assert.ok(!verifyDleq({ ...st, label: 's2/o2' }));
  assert.ok(!verifyDleq({ ...st, member: 2 }));
  assert.ok(!verifyDleq({ ...st, Q: randomBytes(32) }));
  assert.ok(!verifyDleq({ ...st, M: M.add(G) }));
  assert.ok(!verifyDleq({ ...st, proof: { ...proof, c: modq(proof.c + 1n) } }));
  const json = { a: pointToHex(proof.a), b: pointToHex(proof.b), c: scalarToHex(proof.c), v: scalarToHex(proof.v) };
  assert.ok(verifyDleq({ ...st, proof: dleqProofFromJson(json) }));
});
