// The checks run against a vector file of the cross-language schema
// (crypto/src/test/resources/vectors/protocol-v1.json), and a generator of the
// same schema from this library, used to check the harness itself.
import assert from 'node:assert/strict';
import {
  G, q, DecodeError, decodePoint, decodeScalar, pointToHex, scalarToHex, bytesToHex, H, Hq, encrypt,
  proveRange, verifyRange, rangeProofToJson, rangeProofFromJson, verifySchnorr, schnorrProofFromJson,
  verifyDleq, dleqProofFromJson, verifyBallot, encryptBallot, chain0, chainStep, trackingCode,
  randomScalar, randomBytes, tokenHash, modq, manifestHash, receiptHash,
} from '../src/protocol/index.js';
import { proveSchnorr, proveDleq } from './helpers.mjs';

/** {kind, value} of the vector file → the library's typed input. */
export function typedInput({ kind, value }) {
  return { [kind]: value };
}

const checks = {
  G(v) {
    assert.equal(pointToHex(G), v.G ?? v.generator);
    if (v.q !== undefined) assert.equal(decodeScalarUnchecked(v.q), q);
  },
  points(v) {
    for (const { k, kG } of v.points) {
      const s = decodeScalar(k, 'k');
      assert.equal(pointToHex(G.multiply(s)), kG, `k=${k}`);
      assert.ok(decodePoint(kG).equals(G.multiply(s)));
      assert.equal(pointToHex(decodePoint(kG)), kG, 're-encoding is identical');
    }
  },
  badPoints(v) {
    for (const { hex, why } of v.badPoints) assert.throws(() => decodePoint(hex), DecodeError, `${why}: ${hex}`);
  },
  badScalars(v) {
    for (const { hex, why } of v.badScalars) assert.throws(() => decodeScalar(hex), DecodeError, `${why}: ${hex}`);
  },
  hashes(v) {
    for (const h of v.hashes) {
      const inputs = h.inputs.map(typedInput);
      assert.equal(bytesToHex(H(h.tag, ...inputs)), h.H, `H ${h.tag}`);
      assert.equal(scalarToHex(Hq(h.tag, ...inputs)), h.Hq, `Hq ${h.tag}`);
    }
  },
  elgamal(v) {
    for (const e of v.elgamal) {
      const ct = encrypt(decodePoint(e.K), BigInt(e.m), decodeScalar(e.r));
      assert.equal(pointToHex(ct.alpha), e.alpha);
      assert.equal(pointToHex(ct.beta), e.beta);
    }
  },
  rangeProofs(v) {
    for (const rp of v.rangeProofs) {
      const st = rangeStatement(rp);
      const ct = encrypt(st.K, rp.m, decodeScalar(rp.r));
      assert.equal(pointToHex(ct.alpha), rp.alpha, `${rp.label}: alpha`);
      assert.equal(pointToHex(ct.beta), rp.beta, `${rp.label}: beta`);
      const proof = proveRange({ ...st, m: rp.m, r: decodeScalar(rp.r) }, { nonces: rp.nonces });
      assert.deepEqual(rangeProofToJson(proof), rp.proof, `${rp.label}: proof reproduced from nonces`);
      assert.ok(verifyRange(st, rangeProofFromJson(rp.proof, st.L)), `${rp.label}: verifies`);
    }
  },
  schnorrProofs(v) {
    for (const s of v.schnorrProofs) {
      const st = schnorrStatement(s);
      assert.ok(verifySchnorr(st), `schnorr ${s.member}/${s.coefficient}`);
      if (s.a !== undefined && s.u !== undefined) { // secrets given: reproduce the proof exactly
        const re = proveSchnorr(st.ceremonyId, s.member, s.coefficient, decodeScalar(s.a), decodeScalar(s.u));
        assert.equal(pointToHex(re.A), s.A);
        assert.deepEqual({ h: pointToHex(re.proof.h), c: scalarToHex(re.proof.c), v: scalarToHex(re.proof.v) }, s.proof);
      }
    }
  },
  dleqProofs(v) {
    for (const d of v.dleqProofs) {
      const st = dleqStatement(d);
      assert.ok(verifyDleq(st), `dleq ${d.member} ${d.label}`);
      if (d.s !== undefined && d.u !== undefined) {
        const re = proveDleq(st.Q, d.member, d.label, decodeScalar(d.s), st.alpha, decodeScalar(d.u));
        assert.equal(pointToHex(re.S), d.S);
        assert.equal(pointToHex(re.M), d.M);
        assert.deepEqual({ a: pointToHex(re.proof.a), b: pointToHex(re.proof.b), c: scalarToHex(re.proof.c),
          v: scalarToHex(re.proof.v) }, d.proof);
      }
    }
  },
  manifest(v) {
    assert.equal(bytesToHex(manifestHash(v.manifest.manifest)), v.manifest.hash);
  },
  invalidProofs(v) {
    for (const x of v.invalidProofs) {
      let ok;
      try {
        if (x.type === 'range') {
          const st = rangeStatement(x);
          ok = verifyRange(st, rangeProofFromJson(x.proof, st.L));
        } else if (x.type === 'schnorr') {
          ok = verifySchnorr(schnorrStatement(x));
        } else if (x.type === 'dleq') {
          ok = verifyDleq(dleqStatement(x));
        } else {
          assert.fail(`unknown invalid proof type ${x.type}`);
        }
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
        ok = false;
      }
      assert.equal(ok, false, `${x.type} accepted: ${x.why}`);
    }
  },
  ballots(v) {
    for (const b of v.ballots) {
      const res = verifyBallot(b.ballot, { Q: b.Q, K: b.K, pollId: b.pollId });
      assert.deepEqual(res.failures, [], 'every proof verifies');
      assert.equal(bytesToHex(res.tau), b.tau, 'tau');
      assert.equal(bytesToHex(res.hash), b.hash, 'ballot hash');
      const T0 = chain0(b.Q);
      assert.equal(bytesToHex(T0), b.chain0, 'T0');
      const T1 = chainStep(T0, res.hash);
      assert.equal(bytesToHex(T1), b.chain, 'T1');
      assert.equal(trackingCode(T1), b.trackingCode, 'tracking code');
      if (b.receiptHash !== undefined) assert.equal(bytesToHex(receiptHash(b.Q, 1, res.hash, T1)), b.receiptHash, 'receipt hash');
    }
  },
};
export const SECTIONS = Object.keys(checks);

/** Runs the checks of one section. @param {string} section @param {any} v */
export function checkSection(section, v) {
  checks[section](v);
}

function decodeScalarUnchecked(h) {
  assert.match(h, /^[0-9a-f]{64}$/);
  return BigInt('0x' + h);
}

function rangeStatement(x) {
  return {
    Q: decodeHash(x.Q), tau: decodeHash(x.tau), label: x.label, K: decodePoint(x.K, 'K'),
    alpha: decodePoint(x.alpha, 'alpha'), beta: decodePoint(x.beta, 'beta'), L: x.L ?? 1,
  };
}
function schnorrStatement(x) {
  return {
    ceremonyId: decodeHash(x.ceremonyId), member: x.member, coefficient: x.coefficient,
    A: decodePoint(x.A, 'A'), proof: schnorrProofFromJson(x.proof),
  };
}
function dleqStatement(x) {
  return {
    Q: decodeHash(x.Q), member: x.member, label: x.label, S: decodePoint(x.S, 'S'),
    alpha: decodePoint(x.alpha, 'alpha'), M: decodePoint(x.M, 'M'), proof: dleqProofFromJson(x.proof),
  };
}
function decodeHash(h) {
  if (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h)) throw new DecodeError('hash', 'expected 32 bytes of hex');
  return Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
}

// ------------------------------------------------------------------ generator

/** A vector file of the same schema, made by this library (harness self-check). */
export function generateVectors() {
  const sc = () => scalarToHex(randomScalar());
  const hx = (n) => bytesToHex(randomBytes(n));
  const pt = () => pointToHex(G.multiply(randomScalar()));
  const K = G.multiply(randomScalar());
  const Q = randomBytes(32);
  const tau = randomBytes(32);
  const v = { G: pointToHex(G), q: q.toString(16), points: [], badPoints: [], badScalars: [], hashes: [], elgamal: [],
    rangeProofs: [], schnorrProofs: [], dleqProofs: [], invalidProofs: [], ballots: [] };
  for (const k of [1n, 2n, q - 1n, randomScalar()]) v.points.push({ k: scalarToHex(k), kG: pointToHex(G.multiply(k)) });
  v.badPoints.push({ hex: '04' + '00'.repeat(64), why: 'identity/off curve' }, { hex: pt().slice(0, -2), why: 'short' },
    { hex: '02' + pt().slice(2, 66), why: 'compressed' });
  v.badScalars.push({ hex: scalarToHex(q - 1n).replace(/.$/, (c) => (parseInt(c, 16) + 1).toString(16)), why: 'q' },
    { hex: '00'.repeat(31), why: 'short' });
  const inputs = [{ kind: 'point', value: pt() }, { kind: 'scalar', value: sc() }, { kind: 'int', value: 42 },
    { kind: 'string', value: 'Phó chủ tịch' }, { kind: 'hash', value: hx(32) }, { kind: 'bytes', value: hx(5) }];
  v.hashes.push({ tag: 'cvote/v1/test', inputs, H: bytesToHex(H('cvote/v1/test', ...inputs.map(typedInput))),
    Hq: scalarToHex(Hq('cvote/v1/test', ...inputs.map(typedInput))) });
  const r = randomScalar();
  const ct = encrypt(K, 1, r);
  v.elgamal.push({ K: pointToHex(K), m: 1, r: scalarToHex(r), alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) });
  for (const [L, m] of [[1, 0], [1, 1], [3, 2]]) {
    const r2 = randomScalar();
    const c2 = encrypt(K, m, r2);
    const nonces = { u: sc(), c: [], v: [] };
    for (let j = 0; j <= L; j++) { nonces.c.push(j === m ? null : sc()); nonces.v.push(j === m ? null : sc()); }
    const st = { Q, tau, label: `s1/o${m}`, K, alpha: c2.alpha, beta: c2.beta, L };
    const proof = rangeProofToJson(proveRange({ ...st, m, r: r2 }, { nonces }));
    v.rangeProofs.push({ Q: bytesToHex(Q), tau: bytesToHex(tau), label: st.label, K: pointToHex(K), L, m,
      r: scalarToHex(r2), alpha: pointToHex(c2.alpha), beta: pointToHex(c2.beta), nonces, proof });
  }
  const gamma = randomBytes(32);
  const sa = randomScalar();
  const su = randomScalar();
  const s = proveSchnorr(gamma, 1, 0, sa, su);
  const schnorr = { a: scalarToHex(sa), u: scalarToHex(su), ceremonyId: bytesToHex(gamma), member: 1, coefficient: 0, A: pointToHex(s.A),
    proof: { h: pointToHex(s.proof.h), c: scalarToHex(s.proof.c), v: scalarToHex(s.proof.v) } };
  v.schnorrProofs.push(schnorr);
  const alpha = G.multiply(randomScalar());
  const ds = randomScalar();
  const du = randomScalar();
  const d = proveDleq(Q, 2, 's1/o1', ds, alpha, du);
  const dleq = { s: scalarToHex(ds), u: scalarToHex(du), Q: bytesToHex(Q), member: 2, label: 's1/o1', S: pointToHex(d.S), alpha: pointToHex(alpha),
    M: pointToHex(d.M), proof: { a: pointToHex(d.proof.a), b: pointToHex(d.proof.b), c: scalarToHex(d.proof.c), v: scalarToHex(d.proof.v) } };
  v.dleqProofs.push(dleq);
  const rp0 = v.rangeProofs[0];
  v.invalidProofs.push(
    { type: 'range', why: 'other label', ...rp0, label: 's9/o9' },
    { type: 'range', why: 'tampered v', ...rp0, proof: { ...rp0.proof, v: [rp0.proof.v[1], rp0.proof.v[0]] } },
    { type: 'range', why: 'point off curve', ...rp0, proof: { ...rp0.proof, a: ['04' + '11'.repeat(64), rp0.proof.a[1]] } },
    { type: 'schnorr', why: 'other member', ...schnorr, member: 2 },
    { type: 'dleq', why: 'other label', ...dleq, label: 's1/o2' },
    { type: 'dleq', why: 'c+1', ...dleq, proof: { ...dleq.proof, c: scalarToHex(modq(decodeScalar(dleq.proof.c) + 1n)) } },
  );
  const pollId = 'vec';
  const token = { msg: hx(32) + bytesToHex(new TextEncoder().encode('cvote/v1/token')) + '0003' + bytesToHex(new TextEncoder().encode(pollId)) + hx(32), sig: hx(384) };
  const eb = encryptBallot({ pollId, Q, K, token, choices: ['LOW', null] });
  const T0 = chain0(Q);
  const T1 = chainStep(T0, eb.hash);
  v.ballots.push({ Q: bytesToHex(Q), K: pointToHex(K), pollId, tau: bytesToHex(tokenHash(token.msg)), ballot: eb.ballot,
    hash: bytesToHex(eb.hash), chain0: bytesToHex(T0), chain: bytesToHex(T1), trackingCode: trackingCode(T1),
    receiptHash: bytesToHex(receiptHash(Q, 1, eb.hash, T1)) });
  const manifest = { pollId, title: 'T', subjects: [{ index: 1, name: 'A', position: 'B', unit: 'C' }], options: ['HIGH', 'MID', 'LOW'] };
  v.manifest = { manifest, hash: bytesToHex(manifestHash(manifest)) };
  return v;
}
