#!/usr/bin/env python3
"""Proves that the independent verifier (crosscheck_record.py) can fail: single changes to a valid record,
each of which must be caught by the check docs/protocol.md §11 assigns to it (V11 fails too for most of them, as the
signature covers every file; the deeper check must fail as well).

Usage: crosscheck_tamper.py RECORD_DIR   (a valid record; exit 0 when every change is caught by its check)
"""
import json
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.dont_write_bytecode = True  # run from the source tree by the tests: leave no __pycache__ in it
sys.path.insert(0, str(Path(__file__).resolve().parent))
import crosscheck_record as cc  # noqa: E402

Q_HEX = format(cc.N, '064x')


def ballots(raw):
    return [json.loads(x) for x in raw["ballots.ndjson"].decode().split("\n") if x]


def put_ballots(raw, bs):
    raw["ballots.ndjson"] = ("\n".join(json.dumps(b, separators=(',', ':'), ensure_ascii=False) for b in bs) + "\n").encode()


def edit_json(name, fn):
    def change(raw):
        d = json.loads(raw[name])
        fn(d)
        raw[name] = json.dumps(d, separators=(',', ':'), ensure_ascii=False).encode()
    return change


def edit_ballot(fn):
    def change(raw):
        bs = ballots(raw)
        fn(bs)
        put_ballots(raw, bs)
    return change


def flip_hex(s, at):
    return s[:at] + ('1' if s[at] != '1' else '2') + s[at + 1:]


def off_curve(p):
    return p[:-1] + ('0' if p[-1] != '0' else '1')  # y changed in its last digit: no longer on the curve


def swap_v(b):
    pr = b[0]["rows"][0]["options"][1]["proof"]
    pr["v"].reverse()


def count_up(t):
    t["results"][0]["counts"][0] += 1


def other_share(c):
    c["members"][0]["publicShare"] = c["members"][1]["publicShare"]


def other_m(d):
    d["shares"][0]["M"] = d["shares"][1]["M"]


CHANGES = [
    # (name, expected check, change)
    ("uppercase hex in a ballot's alpha", 'V1', edit_ballot(lambda b: b[0]["rows"][0]["options"][0].update(
        alpha=b[0]["rows"][0]["options"][0]["alpha"].upper()))),
    ("commitment off the curve", 'V1', edit_ballot(lambda b: b[1]["rows"][0]["options"][0]["proof"]["a"].__setitem__(
        0, off_curve(b[1]["rows"][0]["options"][0]["proof"]["a"][0])))),
    ("response scalar = q", 'V1', edit_ballot(lambda b: b[0]["rows"][1]["rowProof"]["v"].__setitem__(0, Q_HEX))),
    ("unknown field in a ballot", 'V1', edit_ballot(lambda b: b[2].update(extra=1))),
    ("member keyset of another member", 'V1', edit_json("committee.json", lambda c: c["members"][0].update(
        signingKeyset=c["members"][1]["signingKeyset"]))),
    ("a subject's name in NFD", 'V1', edit_json("manifest.json", lambda m: m["subjects"][0].update(
        name=unicodedata.normalize('NFD', m["subjects"][0]["name"])))),
    ("manifest title changed", 'V2', edit_json("manifest.json", lambda m: m.update(title=m["title"] + "."))),
    ("token key hash changed", 'V2', edit_json("context.json", lambda c: c.update(
        tokenKeyHash=flip_hex(c["tokenKeyHash"], 5)))),
    ("Schnorr response swapped with its challenge", 'V3', edit_json("committee.json", lambda c: c["members"][1]["proofs"][0].update(
        v=c["members"][1]["proofs"][0]["c"]))),
    ("public share of another member", 'V3', edit_json("committee.json", other_share)),
    ("token signature bit flipped", 'V4', edit_ballot(lambda b: b[0]["token"].update(sig=flip_hex(b[0]["token"]["sig"], 200)))),
    ("a token spent twice", 'V4', edit_ballot(lambda b: b[1].update(token=b[0]["token"]))),
    ("range proof responses swapped", 'V5', edit_ballot(lambda b: swap_v(b))),
    ("two options' proofs swapped", 'V5', edit_ballot(lambda b: b[0]["rows"][1]["options"].__setitem__(
        0, dict(b[0]["rows"][1]["options"][0], proof=b[0]["rows"][1]["options"][2]["proof"])))),
    ("row proof of another ballot", 'V5', edit_ballot(lambda b: b[3]["rows"][0].update(rowProof=b[4]["rows"][0]["rowProof"]))),
    ("chain link changed", 'V6', edit_ballot(lambda b: b[2].update(chain=flip_hex(b[2]["chain"], 0)))),
    ("ballot hash changed", 'V6', edit_ballot(lambda b: b[5].update(hash=flip_hex(b[5]["hash"], 9)))),
    ("two ballot lines swapped", 'V6', edit_ballot(lambda b: b.__setitem__(slice(0, 2), [b[1], b[0]]))),
    ("aggregate alpha of another option", 'V7', edit_json("aggregate.json", lambda a: a["rows"][0]["options"][0].update(
        alpha=a["rows"][0]["options"][1]["alpha"]))),
    ("aggregate count changed", 'V7', edit_json("aggregate.json", lambda a: a.update(count=a["count"] + 1))),
    ("decryption share of another label", 'V8', edit_json("decryption.json", other_m)),
    ("a member dropped from U", 'V8', edit_json("decryption.json", lambda d: d.update(members=d["members"][1:]))),
    ("a count raised", 'V9', edit_json("tally.json", count_up)),
    ("a percentage without its second decimal", 'V10', edit_json("tally.json", lambda t: t["results"][0]["percent"].__setitem__(
        0, t["results"][0]["percent"][0][:-1]))),
    ("a flag changed", 'V10', edit_json("tally.json", lambda t: t["results"][0].update(
        flag="TWO_THIRDS_LOW" if t["results"][0]["flag"] != "TWO_THIRDS_LOW" else "NONE"))),
    ("collected changed", 'V10', edit_json("tally.json", lambda t: t.update(collected=t["collected"] - 1))),
    ("below quorum", 'V10', edit_json("tally.json", lambda t: t.update(present=t["summoned"] // 2,
                                                                        absentFromStart=t["summoned"] - t["summoned"] // 2))),
    ("record signature bit flipped", 'V11', lambda raw: raw.update({"record.sig": flip_hex(raw["record.sig"].decode(), 3).encode()})),
]


def flip_sig(d, key):
    d[key] = flip_hex(d[key], 7)


def previous_head(raw):
    """The closing statement moved back one ballot: the head of the board without its last ballot."""
    bs = ballots(raw)
    edit_json("aggregate.json", lambda a: a["closing"].update(head=bs[-2]["chain"], count=len(bs) - 1))(raw)


# V12 (docs/protocol.md §9.5): only a version 2 record has these fields
CHANGES_V2 = [
    ("partials sign another head", 'V12', edit_json("decryption.json", lambda d: [p.update(head=flip_hex(p["head"], 0))
                                                                                   for p in d["partials"]])),
    ("a partial signature bit flipped", 'V12', edit_json("decryption.json", lambda d: flip_sig(d["partials"][0], "signature"))),
    ("a partial signature dropped", 'V12', edit_json("decryption.json", lambda d: d["partials"].pop())),
    ("closing count raised", 'V12', edit_json("aggregate.json", lambda a: a["closing"].update(count=a["closing"]["count"] + 1))),
    ("closing statement of the board without its last ballot", 'V12', previous_head),
    ("closing signature bit flipped", 'V12', edit_json("aggregate.json", lambda a: flip_sig(a["closing"], "signature"))),
    ("record version removed, closing kept", 'V1', edit_json("aggregate.json", lambda a: a.pop("version"))),
]


# Changes written against ballot version 1's row shape (options, rowProof); a version 2 record gets CHANGES_BALLOT_V2
V1_ONLY = {"uppercase hex in a ballot's alpha", "commitment off the curve", "response scalar = q",
           "range proof responses swapped", "two options' proofs swapped", "row proof of another ballot",
           "aggregate alpha of another option"}


def hexp(P):
    return cc.enc(P).hex()


def prove_row_v2(Q, tau, label, base, K, m, r, branch):
    """An honest-looking 4-branch row proof (docs/protocol.md §16.3) for Enc(m; r) claiming `branch`: it verifies only
    when m is that branch's value under this base."""
    import secrets
    alpha, beta = cc.mul2(r, cc.G), cc.add(cc.mul2(m, cc.G), cc.mul2(r, K))
    values = (0, 1, base, base * base)
    a, b, c, v = [None] * 4, [None] * 4, [0] * 4, [0] * 4
    for j in range(4):
        if j != branch:
            c[j], v[j] = secrets.randbelow(cc.N), secrets.randbelow(cc.N)
            a[j] = cc.mul2(v[j], cc.G, c[j], alpha)
            shifted = beta if values[j] == 0 else cc.add(beta, cc.neg(cc.mul2(values[j], cc.G)))
            b[j] = cc.mul2(v[j], K, c[j], shifted)
    u = secrets.randbelow(cc.N - 1) + 1
    a[branch], b[branch] = cc.mul2(u, cc.G), cc.mul2(u, K)
    ch = cc.Hq('cvote/v2/row', Q, tau, label.encode(), cc.i4(base), cc.enc(alpha), cc.enc(beta),
               *[e for j in range(4) for e in (cc.enc(a[j]), cc.enc(b[j]))])
    c[branch] = (ch - sum(c[j] for j in range(4) if j != branch)) % cc.N
    v[branch] = (u - c[branch] * r) % cc.N
    return {"subject": None, "alpha": hexp(alpha), "beta": hexp(beta),
            "proof": {"a": [hexp(x) for x in a], "b": [hexp(x) for x in b], "c": [format(x, '064x') for x in c],
                      "v": [format(x, '064x') for x in v]}}


def forged_row(line, row, m_of_base, branch, base_of_proof=None):
    """Replaces row `row` of ballot `line` by a fresh encryption of m_of_base(B) with a proof claiming `branch`
    (made under base_of_proof(B), default B), bound to the ballot's real Q and τ."""
    import secrets

    def change(raw):
        ctx = json.loads(raw["context.json"])
        base = json.loads(raw["manifest.json"])["base"]
        bs = ballots(raw)
        Q, K = bytes.fromhex(ctx["Q"]), cc.point(ctx["jointKey"], "K")
        tau = cc.H("cvote/v1/token", bytes.fromhex(bs[line]["token"]["msg"]))
        pb = base if base_of_proof is None else base_of_proof(base)
        new = prove_row_v2(Q, tau, f"s{row + 1}", pb, K, m_of_base(base), secrets.randbelow(cc.N - 1) + 1, branch)
        new["subject"] = row + 1
        bs[line]["rows"][row] = new
        put_ballots(raw, bs)
    return change


def relabel(b):
    r0, r1 = b[0]["rows"][0], b[0]["rows"][1]
    b[0]["rows"][0], b[0]["rows"][1] = dict(r1, subject=1), dict(r0, subject=2)


def raise_summoned(t):
    t["summoned"] += 1
    t["absentFromStart"] += 1


# Ballot version 2 (docs/protocol.md §16): the tamper cases of issue 24 and the v2 forms of the shape changes
CHANGES_BALLOT_V2 = [
    ("uppercase hex in a row's alpha", 'V1', edit_ballot(lambda b: b[0]["rows"][0].update(alpha=b[0]["rows"][0]["alpha"].upper()))),
    ("row commitment off the curve", 'V1', edit_ballot(lambda b: b[1]["rows"][0]["proof"]["a"].__setitem__(
        0, off_curve(b[1]["rows"][0]["proof"]["a"][0])))),
    ("row response scalar = q", 'V1', edit_ballot(lambda b: b[0]["rows"][1]["proof"]["v"].__setitem__(0, Q_HEX))),
    ("row proof of 3 branches", 'V1', edit_ballot(lambda b: [b[0]["rows"][0]["proof"][f].pop() for f in "abcv"])),
    ("a version 1 row in a version 2 ballot", 'V1', edit_ballot(lambda b: b[0]["rows"][0].update(options=[]))),
    ("ballotVersion removed (base kept)", 'V1', edit_json("manifest.json", lambda m: m.pop("ballotVersion"))),
    ("ballotVersion 3", 'V1', edit_json("manifest.json", lambda m: m.update(ballotVersion=3))),
    ("base 1", 'V1', edit_json("manifest.json", lambda m: m.update(base=1))),
    ("base changed in the manifest", 'V2', edit_json("manifest.json", lambda m: m.update(base=m["base"] + 1))),
    ("summoned changed: B no longer summoned + 1", 'V10', edit_json("tally.json", raise_summoned)),
    ("a row encrypting 2", 'V5', forged_row(0, 1, lambda B: 2, 1)),
    ("a row encrypting B + 1", 'V5', forged_row(1, 0, lambda B: B + 1, 2)),
    ("a wrong branch: B² proved as B", 'V5', forged_row(2, 2, lambda B: B * B, 2)),
    ("a B that differs from the manifest (row proved under B + 1)", 'V5', forged_row(3, 1, lambda B: B + 1, 2, lambda B: B + 1)),
    ("a relabelled row (rows 1 and 2 swapped, renumbered)", 'V5', edit_ballot(relabel)),
    ("row of another ballot", 'V5', edit_ballot(lambda b: b[3]["rows"].__setitem__(0, b[4]["rows"][0]))),
    ("row responses swapped", 'V5', edit_ballot(lambda b: b[0]["rows"][2]["proof"]["v"].reverse())),
    ("aggregate alpha of another subject", 'V7', edit_json("aggregate.json", lambda a: a["rows"][0].update(
        alpha=a["rows"][1]["alpha"]))),
    ("a MID count moved to LOW", 'V9', edit_json("tally.json", lambda t: t["results"][1]["counts"].__setitem__(
        slice(1, 3), [t["results"][1]["counts"][1] - 1, t["results"][1]["counts"][2] + 1]) if t["results"][1]["counts"][1] > 0
        else t["results"][1]["counts"].__setitem__(slice(0, 2), [t["results"][1]["counts"][0] - 1, t["results"][1]["counts"][1] + 1]))),
]


def main(argv):
    raw = cc.read_record(argv[1])
    r, *_ = cc.verify(raw)
    if not r.ok():
        print("the untouched record does not pass: cannot test changes to it")
        return 1
    if len(ballots(raw)) < 6:
        print("need a record of at least 6 ballots")
        return 1
    missed = []
    if "ballotVersion" in json.loads(raw["manifest.json"]):
        changes = [c for c in CHANGES if c[0] not in V1_ONLY] + CHANGES_BALLOT_V2
    else:
        changes = list(CHANGES)
    changes += CHANGES_V2 if "version" in json.loads(raw["aggregate.json"]) else []
    for name, cid, change in changes:
        copy = dict(raw)
        change(copy)
        try:
            rep, *_ = cc.verify(copy)
            failed = [c for c, f in rep.fails.items() if f]
        except cc.Unreadable as e:
            failed = [f"unreadable: {e}"]
        ok = cid in failed
        print(f"{'caught' if ok else 'MISSED'}  {cid:<4} {name}  (failed: {', '.join(failed) or 'none'})")
        if not ok:
            missed.append(name)
    with tempfile.TemporaryDirectory() as tmp:  # a missing file makes the record unreadable (exit 2), not failed
        for f, b in raw.items():
            if f != "tally.json":
                (Path(tmp) / f).write_bytes(b)
        try:
            cc.read_record(tmp)
            missed.append("missing tally.json")
        except cc.Unreadable:
            print("unreadable  missing tally.json")
    if missed:
        print(f"tamper suite FAILED: {len(missed)} change(s) not caught: {missed}")
        return 1
    print(f"tamper suite OK: {len(changes)} changes, each caught by its check")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
