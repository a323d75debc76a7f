#!/usr/bin/env python3
"""Independent cross-check of a published record against PROTOCOL.md (a second implementation, Python only).

Checks what needs no zero-knowledge maths: strict hex, manifest hash M, ceremony id γ, commit hashes,
K = Σ K_i0 and the public shares (P-256 affine arithmetic), Q, token key hash, τ, every ballot hash B_k,
the tracking chain T_k, ballot line fields and index, the aggregate (Σ α, Σ β), tally arithmetic
(percentages half-up, flags, attendance), and record.sig (Ed25519 via `cryptography`).
Usage: crosscheck_record.py RECORD_DIR   (exit 0 when everything holds)
"""
import hashlib, json, re, struct, sys
from pathlib import Path

P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
A = P - 3
N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
HEX = re.compile(r'^(?:[0-9a-f]{2})*$')


def hx(s):
    assert isinstance(s, str) and HEX.match(s), f"not strict lowercase hex: {s!r}"
    return bytes.fromhex(s)


def H(tag, *xs):
    t = tag.encode()
    m = struct.pack('>H', len(t)) + t
    for x in xs:
        m += struct.pack('>I', len(x)) + x
    return hashlib.sha256(m).digest()


def i4(x):
    return struct.pack('>I', x)


def pt(b):
    assert len(b) == 65 and b[0] == 4
    x, y = int.from_bytes(b[1:33], 'big'), int.from_bytes(b[33:], 'big')
    assert x < P and y < P and (y * y - (x ** 3 + A * x + 7 * 0 + 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b)) % P == 0
    return (x, y)


def add(p1, p2):
    if p1 is None: return p2
    if p2 is None: return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2 and (y1 + y2) % P == 0: return None
    if p1 == p2:
        l = (3 * x1 * x1 + A) * pow(2 * y1, -1, P) % P
    else:
        l = (y2 - y1) * pow(x2 - x1, -1, P) % P
    x3 = (l * l - x1 - x2) % P
    return (x3, (l * (x1 - x3) - y1) % P)


def mul(k, p):
    r = None
    while k:
        if k & 1: r = add(r, p)
        p = add(p, p)
        k >>= 1
    return r


def enc(p):
    return b'\x04' + p[0].to_bytes(32, 'big') + p[1].to_bytes(32, 'big')


def percent(c, coll):
    if coll == 0: return "0.00"
    num = c * 10000
    h, rem = divmod(num, coll)
    if 2 * rem >= coll: h += 1
    return f"{h // 100}.{h % 100:02d}"


def flag(low, coll):
    if coll == 0: return "NONE"
    if 3 * low >= 2 * coll: return "TWO_THIRDS_LOW"
    if 2 * low > coll: return "OVER_HALF_LOW"
    return "NONE"


def main(d):
    d = Path(d)
    raw = {f: (d / f).read_bytes() for f in ["manifest.json", "context.json", "committee.json", "token-key.json",
                                             "ballots.ndjson", "aggregate.json", "decryption.json", "tally.json"]}
    man, ctx, com, tok = (json.loads(raw[f]) for f in ["manifest.json", "context.json", "committee.json", "token-key.json"])
    agg, dec, tal = (json.loads(raw[f]) for f in ["aggregate.json", "decryption.json", "tally.json"])
    sk = json.loads((d / "signing-key.json").read_bytes())
    # M, γ, commit hashes, K, public shares, Q
    xs = [man["pollId"].encode(), man["title"].encode(), i4(len(man["subjects"]))]
    for i, s in enumerate(man["subjects"], 1):
        assert s["index"] == i
        xs += [i4(i), s["name"].encode(), s["position"].encode(), s["unit"].encode()]
    assert man["options"] == ["HIGH", "MID", "LOW"]
    M = H("cvote/v1/manifest", *xs)
    assert hx(ctx["manifestHash"]) == M, "manifest hash"
    n, t = ctx["n"], ctx["t"]
    members = com["members"]
    assert [m["index"] for m in members] == list(range(1, n + 1))
    g = [man["pollId"].encode(), i4(n), i4(t)]
    for m in members:
        g += [i4(m["index"]), hx(m["hpkePublicKey"]), hx(m["signingPublicKey"])]
    gamma = H("cvote/v1/ceremony", *g)
    assert hx(com["ceremonyId"]) == gamma, "ceremony id"
    K = None
    allc = []
    for m in members:
        cs = [hx(c) for c in m["commitments"]]
        assert len(cs) == t
        assert hx(m["commitHash"]) == H("cvote/v1/commit", gamma, i4(m["index"]), *cs), "commit hash"
        allc.append([pt(c) for c in cs])
        K = add(K, pt(cs[0]))
    assert enc(K) == hx(ctx["jointKey"]), "K"
    for m in members:
        l = m["index"]
        S = None
        for ci in allc:
            for j, c in enumerate(ci):
                S = add(S, mul(pow(l, j, N), c))
        assert enc(S) == hx(m["publicShare"]), f"public share {l}"
    spki = hx(tok["spki"])
    assert tok["scheme"] == "RSABSSA-SHA384-PSS-Randomized"
    assert hx(ctx["tokenKeyHash"]) == hashlib.sha256(spki).digest()
    ed = hx(sk["ed25519"])
    assert hx(ctx["signingKeyHash"]) == hashlib.sha256(ed).digest()
    qs = [M, i4(n), i4(t)] + [c for m in members for c in map(hx, m["commitments"])] + [enc(K), hashlib.sha256(spki).digest(),
                                                                                        hashlib.sha256(ed).digest()]
    Q = H("cvote/v1/context", *qs)
    assert hx(ctx["Q"]) == Q, "Q"
    # ballots: fields, τ, B_k, chain, aggregate sums
    text = raw["ballots.ndjson"].decode()
    lines = text.split("\n")
    if lines and lines[-1] == "": lines.pop()
    T = H("cvote/v1/chain0", Q)
    S = len(man["subjects"])
    sums = [[[None, None] for _ in range(3)] for _ in range(S)]
    for k, line in enumerate(lines, 1):
        b = json.loads(line)
        assert set(b) == {"poll", "token", "rows", "index", "hash", "chain"}, set(b)
        assert b["index"] == k and b["poll"] == man["pollId"]
        msg = hx(b["token"]["msg"])
        pid = man["pollId"].encode()
        assert len(msg) == 32 + 14 + 2 + len(pid) + 32 and msg[32:46] == b"cvote/v1/token" and msg[48:48 + len(pid)] == pid
        assert len(hx(b["token"]["sig"])) == 384
        tau = H("cvote/v1/token", msg)
        parts = [Q, tau]
        assert [r["subject"] for r in b["rows"]] == list(range(1, S + 1))
        for r in b["rows"]:
            for j, o in enumerate(r["options"]):
                a_, b_ = hx(o["alpha"]), hx(o["beta"])
                parts += [a_, b_]
                sums[r["subject"] - 1][j][0] = add(sums[r["subject"] - 1][j][0], pt(a_))
                sums[r["subject"] - 1][j][1] = add(sums[r["subject"] - 1][j][1], pt(b_))
        B = H("cvote/v1/ballot", *parts)
        assert hx(b["hash"]) == B, f"B_{k}"
        T = H("cvote/v1/chain", T, B)
        assert hx(b["chain"]) == T, f"T_{k}"
    C = len(lines)
    assert agg["count"] == C
    if C == 0:
        assert agg["rows"] == [] and dec["members"] == [] and dec["shares"] == []
    else:
        for r in agg["rows"]:
            for j, o in enumerate(r["options"]):
                assert hx(o["alpha"]) == enc(sums[r["subject"] - 1][j][0]) and hx(o["beta"]) == enc(sums[r["subject"] - 1][j][1])
        assert len(set(dec["members"])) == len(dec["members"]) >= t
        labels = [f"s{s}/o{j}" for s in range(1, S + 1) for j in range(3)]
        for m in dec["members"]:
            assert sorted(x["label"] for x in dec["shares"] if x["member"] == m) == sorted(labels)
    # tally arithmetic
    assert tal["present"] + tal["absentFromStart"] == tal["summoned"]
    assert tal["presentAtVoting"] <= tal["present"] and tal["presentAtVoting"] >= tal["issued"] >= tal["collected"] == C
    assert 3 * tal["present"] >= 2 * tal["summoned"]
    for i, r in enumerate(tal["results"], 1):
        assert r["subject"] == i and sum(r["counts"]) == r["valid"] <= C
        assert r["percent"] == [percent(c, C) for c in r["counts"]], r
        assert r["flag"] == flag(r["counts"][2], C)
    # record.sig
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    sig = (d / "record.sig").read_text()
    assert re.match(r'^[0-9a-f]{128}\n?$', sig)
    digest = H("cvote/v1/record", *[hashlib.sha256(raw[f]).digest() for f in raw])
    Ed25519PublicKey.from_public_bytes(ed).verify(bytes.fromhex(sig.strip()), digest)
    print(f"cross-check OK: {C} ballots, n={n}, t={t}, U={dec['members']}")


if __name__ == "__main__":
    main(sys.argv[1])
