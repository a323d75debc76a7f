#!/usr/bin/env python3
"""The second verifier's own check of the ballot version 2 test vectors (crypto/src/test/resources/vectors/protocol-v2.json).

The Java core and the browser library read the same file; this script holds the Python verifier
(crosscheck_record.py: its own hashing, P-256 arithmetic and row-proof check) to it as well, so the three
implementations agree on every byte of docs/protocol.md §16: M (§16.1), the row proof (§16.3, valid and each
invalid case), B_k and the chain (§16.5), and the split of a decrypted value (§16.6).

Usage: crosscheck_vectors_v2.py VECTORS_JSON   — exits 0 when every vector holds, 1 otherwise.
"""
import json
import sys

import crosscheck_record as cr

BRANCH_VALUES = lambda base: (0, 1, base, base * base)  # noqa: E731 — blank, HIGH, MID, LOW (§16.2)


def manifest_hash(man):
    """M of §16.1 for a version 2 manifest (and §3's for the same manifest read as version 1)."""
    base = cr.ballot_base(man)
    xs = [man["pollId"].encode(), man["title"].encode(), cr.i4(len(man["subjects"]))]
    v1 = list(xs)
    xs.append(cr.i4(base))
    for i, s in enumerate(man["subjects"], 1):
        item = [cr.i4(i), s["name"].encode(), s["position"].encode(), s["unit"].encode()]
        xs += item
        v1 += item
    return cr.H("cvote/v2/manifest", *xs), cr.H("cvote/v1/manifest", *v1)


def row_ok(v, label=None):
    K = cr.point(v["K"], "K")
    return cr.row_v2_ok(bytes.fromhex(v["Q"]), bytes.fromhex(v["tau"]), label or v["label"], v["B"],
                        cr.point(v["alpha"], "alpha"), cr.point(v["beta"], "beta"), K, v["proof"], "proof")


def split(value, base, n):
    """§16.6: digits (n_H, n_M, n_L) of value, or None when no N honest rows can give it."""
    if n >= base or value < 0 or value > n * base * base:
        return None
    h, m, low = value % base, (value // base) % base, value // (base * base)
    return [h, m, low] if h + m + low <= n else None


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        vec = json.load(f)
    failures, checked = [], 0

    def expect(ok, what):
        nonlocal checked
        checked += 1
        if not ok:
            failures.append(what)

    m2, m1 = manifest_hash(vec["manifest"]["manifest"])
    expect(m2.hex() == vec["manifest"]["hash"], "manifest: M (cvote/v2/manifest) differs")
    expect(m1.hex() == vec["manifest"]["v1Hash"], "manifest: the version 1 reading of M differs")
    expect(m1 != m2, "manifest: the v1 and v2 hashes of one manifest must differ")

    for i, v in enumerate(vec["rowProofs"]):
        expect(row_ok(v), f"rowProofs[{i}] (branch {v['branch']}) does not verify")
        base = v["B"]
        # the ciphertext opens to the branch's value with the recorded randomness (§16.2)
        r, K = int(v["r"], 16), cr.point(v["K"], "K")
        m = BRANCH_VALUES(base)[v["branch"]]
        expect(cr.same(cr.point(v["alpha"], "alpha"), cr.mul2(r, cr.G)) and cr.same(
            cr.point(v["beta"], "beta"), cr.mul2(m, cr.G, r, K)) and m == v["m"],
               f"rowProofs[{i}]: (alpha, beta) is not (r·G, m·G + r·K)")
    for i, v in enumerate(vec["invalidRowProofs"]):
        try:
            ok = row_ok(v)
        except cr.Bad:
            ok = False
        expect(not ok, f"invalidRowProofs[{i}] ({v['why']}) verifies")

    for i, b in enumerate(vec["ballots"]):
        Q, tau, K, base = bytes.fromhex(b["Q"]), bytes.fromhex(b["tau"]), cr.point(b["K"], "K"), b["B"]
        rows = b["ballot"]["rows"]
        cts = []
        for s, row in enumerate(rows, 1):
            alpha, beta = cr.point(row["alpha"], "alpha"), cr.point(row["beta"], "beta")
            cts.append((alpha, beta))
            expect(row["subject"] == s, f"ballots[{i}] row {s}: subject {row['subject']}")
            expect(cr.row_v2_ok(Q, tau, f"s{s}", base, alpha, beta, K, row["proof"], "proof"),
                   f"ballots[{i}] rows[{s - 1}].proof does not verify")
            choice = b["choices"][s - 1]  # -1 blank, 0 HIGH, 1 MID, 2 LOW: branch choice + 1 (§16.2)
            r, m = int(b["randomness"][s - 1], 16), BRANCH_VALUES(base)[choice + 1]
            expect(cr.same(alpha, cr.mul2(r, cr.G)) and cr.same(beta, cr.mul2(m, cr.G, r, K)),
                   f"ballots[{i}] rows[{s - 1}] does not open to choice {b['choices'][s - 1]}")
        fp = cr.sha256(cr.enc(K)).hex()[:16].upper()
        expect(" ".join(fp[j:j + 4] for j in range(0, 16, 4)) == b["keyFingerprint"],
               f"ballots[{i}]: the key fingerprint (§8.9) differs")
        B_k = cr.H("cvote/v2/ballot", Q, tau, *[cr.enc(p) for ct in cts for p in ct])
        expect(B_k.hex() == b["hash"], f"ballots[{i}]: B_k (cvote/v2/ballot) differs")
        chain0 = cr.H("cvote/v1/chain0", Q)
        expect(chain0.hex() == b["chain0"], f"ballots[{i}]: T_0 differs")
        expect(cr.H("cvote/v1/chain", chain0, B_k).hex() == b["chain"], f"ballots[{i}]: T_1 differs")
        # a relabelled row (s1 checked as s2) must fail
        if len(rows) > 1:
            expect(not cr.row_v2_ok(Q, tau, "s2", base, cts[0][0], cts[0][1], K, rows[0]["proof"], "proof"),
                   f"ballots[{i}]: row 1's proof verifies as row s2")

    for i, s in enumerate(vec["split"]):
        expect(split(s["value"], s["B"], s["N"]) == s["counts"], f"split[{i}]: {s['value']} does not split to {s['counts']}")
        h, m, low = s["counts"]
        expect(h + m * s["B"] + low * s["B"] ** 2 == s["value"], f"split[{i}]: the counts do not pack to the value")
    for i, s in enumerate(vec["badSplit"]):
        expect(split(s["value"], s["B"], s["N"]) is None, f"badSplit[{i}] ({s['why']}) is accepted")

    for f in failures:
        print("FAIL", f)
    if failures:
        print(f"vectors v2 FAILED: {len(failures)} of {checked}")
        return 1
    print(f"vectors v2 OK: {checked} checks")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
