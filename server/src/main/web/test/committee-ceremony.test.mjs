// The member's ceremony state machine (src/committee/ceremony.js) against a small in-test relay that plays the server's
// board (phases, lists of posts, K and the public shares once all have confirmed). The relay trusts nothing it is
// not told to: the members' own checks are what these tests exercise. Interop with the Java member and server code
// is in committee-vectors.test.mjs (the same state machine reproduces a Java member's state field for field).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { G, modq, bytesToHex, hexToBytes, decodePoint, decodeScalar, pointToHex, scalarToHex, randomScalar } from '../src/protocol/index.js';
import {
  generateIdentity, ceremonyId, ceremonyStep, CeremonyError, hpkeSeal, shareInfo, sign, sharePost, revealPost,
} from '../src/committee/index.js';
import { jointKey, publicShare } from '../src/committee/math.js';

class Relay {
  constructor(pollId, t, ids) {
    this.pollId = pollId;
    const members = ids.map((id, i) => ({ index: i + 1, name: id.name, hpkePublicKey: id.hpkePublicKey, signingPublicKey: id.signingPublicKey }));
    this.v = { pollId, version: 1, attempt: 1, phase: 'COMMIT', t, n: ids.length, ceremonyId: bytesToHex(ceremonyId(pollId, t, members)),
      members, commits: [], reveals: [], shares: [], complaints: [], answers: [], confirmations: [], history: [], registrations: [] };
  }

  view() { return structuredClone(this.v); }

  post(p) {
    const v = this.v;
    const b = structuredClone(p.body);
    const n = v.n;
    switch (p.kind) {
      case 'commit': if (!v.commits.some((x) => x.member === b.member)) v.commits.push(b); if (v.commits.length === n) v.phase = 'REVEAL'; break;
      case 'reveal': if (!v.reveals.some((x) => x.member === b.member)) v.reveals.push(b); if (v.reveals.length === n) v.phase = 'SHARES'; break;
      case 'shares':
        if (!v.shares.some((x) => x.from === b.member)) v.shares.push(...b.shares);
        if (v.shares.length === n * (n - 1)) v.phase = 'CONFIRM';
        break;
      case 'complaint': v.complaints.push(b); break;
      case 'answer': v.answers.push(b); break;
      case 'confirm':
        if (!v.confirmations.some((x) => x.member === b.member)) v.confirmations.push(b);
        if (v.confirmations.length === n) {
          assert.equal(new Set(v.confirmations.map((c) => c.transcript)).size, 1, 'every member confirmed the same transcript');
          const all = v.members.map((m) => v.reveals.find((r) => r.member === m.index).commitments.map((P) => decodePoint(P)));
          v.jointKey = pointToHex(jointKey(all));
          v.publicShares = v.members.map((m) => pointToHex(publicShare(all, m.index)));
          v.transcript = v.confirmations[0].transcript;
          v.phase = 'DONE';
        }
        break;
      default: assert.fail(`unknown post ${p.kind}`);
    }
    v.version++;
  }
}

const list = (ids, t) => ({ t, fingerprints: ids.map((id) => id.fingerprint) });
const reload = (s) => (s === null ? null : JSON.parse(JSON.stringify(s)));

/** Runs every member round-robin; each step starts from the saved JSON (a reload between every step). */
async function run(relay, ids, states, { rounds = 12, tamper } = {}) {
  for (let round = 0; round < rounds; round++) {
    let all = true;
    for (let i = 0; i < ids.length; i++) {
      const r = await ceremonyStep(reload(states[i]), relay.view(), { identity: ids[i], pollId: relay.pollId, confirmedList: list(ids, relay.v.t) });
      states[i] = reload(r.state);
      for (const p of r.posts) relay.post(tamper ? tamper(p, i + 1) : p);
      all &&= r.progress.finished;
    }
    if (all) return;
  }
  assert.fail(`did not finish: phase ${relay.v.phase}`);
}

test('three members reach the same K; each secret share matches its public share; a state survives JSON and a reload', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`Thành viên ${i}`));
  const relay = new Relay('poll-js', 2, ids);
  const states = [null, null, null];
  await run(relay, ids, states);
  assert.equal(relay.v.phase, 'DONE');
  states.forEach((s, i) => {
    assert.equal(s.done, true);
    assert.equal(s.jointKey, relay.v.jointKey);
    assert.deepEqual(s.publicShares, relay.v.publicShares);
    assert.ok(G.multiply(decodeScalar(s.secretShare)).equals(decodePoint(relay.v.publicShares[i])));
    assert.deepEqual(s.confirmedFingerprints, ids.map((id) => id.fingerprint));
  });
  // any t shares reconstruct the joint secret: Σ w_ℓ s_ℓ · G = K
  const w = { 1: 2n, 2: -1n }; // Lagrange weights at 0 for {1, 2}
  const s = modq(decodeScalar(states[0].secretShare) * w[1] + decodeScalar(states[1].secretShare) * w[2]);
  assert.ok(G.multiply(s).equals(decodePoint(relay.v.jointKey)));
});

test('resume: the shares are saved before they are posted, and a member that crashed resends exactly the same ones', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const relay = new Relay('poll-resume', 2, ids);
  const states = [null, null, null];
  const ctx = (i) => ({ identity: ids[i], pollId: relay.pollId, confirmedList: list(ids, 2) });
  // commits and reveals
  for (let k = 0; k < 2; k++) {
    for (let i = 0; i < 3; i++) {
      const r = await ceremonyStep(states[i], relay.view(), ctx(i));
      states[i] = reload(r.state);
      r.posts.forEach((p) => relay.post(p));
    }
  }
  assert.equal(relay.v.phase, 'SHARES');
  const first = await ceremonyStep(states[1], relay.view(), ctx(1));
  assert.equal(first.posts[0].kind, 'shares');
  const saved = reload(first.state); // saved; the post is lost (crash or lost connection)
  const again = await ceremonyStep(saved, relay.view(), ctx(1));
  assert.deepEqual(again.posts, first.posts, 'identical ciphertexts and signatures');
  states[1] = saved;
  again.posts.forEach((p) => relay.post(p));
  await run(relay, ids, states);
  assert.equal(relay.v.phase, 'DONE');
});

test('the approved list: confirmed before anything is posted; another list, another t, a stranger, a forged γ are refused', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const relay = new Relay('poll-list', 2, ids);
  const r = await ceremonyStep(null, relay.view(), { identity: ids[0], pollId: relay.pollId });
  assert.equal(r.posts.length, 0);
  assert.equal(r.state, null, 'nothing kept before the list is confirmed');
  assert.deepEqual(r.confirm.members.map((m) => [m.index, m.fingerprint, m.me]), ids.map((id, i) => [i + 1, id.fingerprint, i === 0]));
  const refusal = async (confirmedList, view = relay.view(), identity = ids[0]) => {
    const e = await ceremonyStep(null, view, { identity, pollId: relay.pollId, confirmedList }).then(() => null, (x) => x);
    assert.ok(e instanceof CeremonyError, `refused: ${e}`);
    return e;
  };
  const other = generateIdentity('Người lạ');
  let e = await refusal(list([ids[0], ids[1], other], 2));
  assert.equal(e.code, 'member_list_refused');
  assert.match(e.message, new RegExp(`unexpected member 3 \\(M3\\): ${ids[2].fingerprint}`));
  assert.match(e.message, new RegExp(`missing member: ${other.fingerprint}`));
  assert.match((await refusal(list([ids[1], ids[0], ids[2]], 2))).message, /order differs/);
  assert.match((await refusal(list(ids, 3))).message, /t differs: served 2, announced 3/);
  assert.equal((await refusal(list(ids, 2), relay.view(), other)).code, 'not_a_member');
  // a server that swaps member 3's key for its own and keeps γ
  const forged = relay.view();
  forged.members[2] = { ...forged.members[2], hpkePublicKey: other.hpkePublicKey, signingPublicKey: other.signingPublicKey };
  assert.equal((await refusal(list(ids, 2), forged)).code, 'bad_board');
  // the correct list proceeds: a commitment, and the confirmed list is kept
  const ok = await ceremonyStep(null, relay.view(), { identity: ids[0], pollId: relay.pollId, confirmedList: list(ids, 2) });
  assert.equal(ok.posts[0].kind, 'commit');
  assert.deepEqual(ok.state.confirmedFingerprints, ids.map((id) => id.fingerprint));
});

test('§8.8: a dealer that sends a bad share is accused, answers with the true share, and the attempt completes', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const relay = new Relay('poll-complaint', 2, ids);
  const states = [null, null, null];
  const gamma = relay.v.ceremonyId;
  // member 3's share to member 1 is replaced by an encryption of another value, validly signed by member 3
  const bad = async (p) => {
    const s = p.body.shares.find((x) => x.to === 1);
    const ct = await hpkeSeal(ids[0].hpkePublicKey, hexToBytes(scalarToHex(randomScalar())), shareInfo(gamma, 3, 1));
    s.ciphertext = bytesToHex(ct);
    s.signature = bytesToHex(sign(ids[2], sharePost(gamma, 3, 1, ct)));
    return p;
  };
  let complained = false;
  for (let round = 0; round < 12 && relay.v.phase !== 'DONE'; round++) {
    for (let i = 0; i < 3; i++) {
      const r = await ceremonyStep(states[i], relay.view(), { identity: ids[i], pollId: relay.pollId, confirmedList: list(ids, 2) });
      states[i] = reload(r.state);
      for (const p of r.posts) {
        if (p.kind === 'complaint') {
          complained = true;
          assert.deepEqual([p.body.member, p.body.accused], [1, 3]);
          assert.match(p.body.reason, /Feldman/);
        }
        relay.post(p.kind === 'shares' && i === 2 ? await bad(structuredClone(p)) : p);
      }
    }
  }
  assert.ok(complained, 'member 1 complained');
  assert.equal(relay.v.answers.length, 1);
  assert.deepEqual([relay.v.answers[0].member, relay.v.answers[0].complainant], [3, 1]);
  for (let i = 0; i < 3; i++) await ceremonyStep(states[i], relay.view(), { identity: ids[i], pollId: relay.pollId }).then((r) => { states[i] = r.state; });
  assert.equal(relay.v.phase, 'DONE');
  assert.ok(states.every((s) => s.done && s.jointKey === relay.v.jointKey));
  assert.ok(G.multiply(decodeScalar(states[0].secretShare)).equals(decodePoint(relay.v.publicShares[0])), 'member 1 used the published share');
});

test('a served reveal whose Schnorr proof fails (though signed by its member) stops the member before it sends shares', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const relay = new Relay('poll-reveal', 2, ids);
  const states = [null, null, null];
  for (let k = 0; k < 2; k++) {
    for (let i = 0; i < 3; i++) {
      const r = await ceremonyStep(states[i], relay.view(), { identity: ids[i], pollId: relay.pollId, confirmedList: list(ids, 2) });
      states[i] = r.state;
      r.posts.forEach((p) => relay.post(p));
    }
  }
  const view = relay.view();
  const rv = view.reveals.find((x) => x.member === 2);
  rv.proofs[1] = { ...rv.proofs[1], v: rv.proofs[0].v };
  rv.signature = bytesToHex(sign(ids[1], revealPost(view.ceremonyId, 2, rv.commitments, rv.proofs)));
  const e = await ceremonyStep(states[0], view, { identity: ids[0], pollId: relay.pollId }).then(() => null, (x) => x);
  assert.ok(e instanceof CeremonyError);
  assert.equal(e.code, 'bad_board');
  assert.match(e.message, /member 2: Schnorr proof of coefficient 1/);
});

test('a share the server substituted (not signed by its sender) is a complaint, never a silent failure', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const relay = new Relay('poll-subst', 2, ids);
  const states = [null, null, null];
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < 3; i++) {
      const r = await ceremonyStep(states[i], relay.view(), { identity: ids[i], pollId: relay.pollId, confirmedList: list(ids, 2) });
      states[i] = r.state;
      r.posts.forEach((p) => relay.post(p));
    }
  }
  assert.equal(relay.v.phase, 'CONFIRM');
  const view = relay.view();
  const s = view.shares.find((x) => x.from === 2 && x.to === 3);
  const other = view.shares.find((x) => x.from === 1 && x.to === 3);
  s.ciphertext = other.ciphertext; // a valid ciphertext to member 3, but of member 1's polynomial
  const fresh = structuredClone(states[2]);
  delete fresh.secretShare; delete fresh.transcript; delete fresh.jointKey; delete fresh.publicShares;
  const r = await ceremonyStep(fresh, view, { identity: ids[2], pollId: relay.pollId });
  assert.equal(r.posts[0].kind, 'complaint');
  assert.equal(r.posts[0].body.accused, 2);
  assert.equal(r.posts[0].body.reason, 'share is not signed by the sender');
  assert.equal(r.state.secretShare, undefined, 'no secret share from a refused board');
});

test('a list confirmed for one attempt does not carry over to a restart with a new γ: the member is asked again', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const first = new Relay('poll-restart', 2, ids);
  const r = await ceremonyStep(null, first.view(), { identity: ids[0], pollId: first.pollId });
  const confirmed = { t: r.confirm.t, fingerprints: r.confirm.members.map((m) => m.fingerprint), ceremonyId: r.confirm.ceremonyId };
  const ok = await ceremonyStep(null, first.view(), { identity: ids[0], pollId: first.pollId, confirmedList: confirmed });
  assert.equal(ok.posts[0].kind, 'commit');
  // the restart without member 3: new numbering, new γ
  const second = new Relay('poll-restart', 2, ids.slice(0, 2));
  const again = await ceremonyStep(ok.state, second.view(), { identity: ids[0], pollId: second.pollId, confirmedList: confirmed });
  assert.equal(again.posts.length, 0);
  assert.equal(again.confirm.ceremonyId, second.v.ceremonyId);
  assert.deepEqual(again.confirm.members.map((m) => m.fingerprint), [ids[0].fingerprint, ids[1].fingerprint]);
});

test('a served list that gives this member another HPKE key (its signing key kept, γ recomputed) is refused even when confirmed', async () => {
  const ids = [1, 2, 3].map((i) => generateIdentity(`M${i}`));
  const server = generateIdentity('operator');
  const relay = new Relay('poll-swap', 2, ids);
  // the operator's own X25519 key for member 1: the others' shares to member 1 would be sealed to the operator
  relay.v.members[0] = { ...relay.v.members[0], hpkePublicKey: server.hpkePublicKey };
  relay.v.ceremonyId = bytesToHex(ceremonyId(relay.pollId, 2, relay.v.members));
  const servedFingerprints = relay.v.members.map((m, i) => (i === 0 ? null : ids[i].fingerprint));
  const { fingerprint } = await import('../src/committee/keys.js');
  servedFingerprints[0] = fingerprint(server.hpkePublicKey, ids[0].signingPublicKey);
  const e = await ceremonyStep(null, relay.view(), { identity: ids[0], pollId: relay.pollId,
    confirmedList: { t: 2, fingerprints: servedFingerprints } }).then(() => null, (x) => x);
  assert.ok(e instanceof CeremonyError, `refused: ${e}`);
  assert.equal(e.code, 'not_a_member');
  assert.match(e.message, /HPKE|khoá/);
});
