#!/usr/bin/env python3
"""A second, independent verifier of a published cvote record, written from the specification alone (docs/protocol.md).

It shares no code with the Java verifier (nor with the browser library): its own SHA-256 framing of H and
Hq, its own P-256 arithmetic (Python integers, Jacobian coordinates), its own strict decoding. Only RSA-PSS
and Ed25519 come from the `cryptography` package. It runs every check of docs/protocol.md §11, V1–V11 (and V12 of
docs/protocol.md §9.5 on a version 2 record), including
the zero-knowledge proofs (range, row, Schnorr, Chaum–Pedersen; the 4-branch row proof of ballot version 2, §16), the token signatures and the decrypted
counts, one proof at a time: it is meant for the small records of tests, not for speed.

Usage: crosscheck_record.py RECORD   (a record directory or zip)
Prints one line per check (PASS/FAIL with counts, then each failure with its place) and exits
0 when every check passes, 1 when one fails, 2 when the record cannot be read (§13).
"""
import hashlib
import io
import json
import re
import struct
import sys
import unicodedata
import zipfile
from pathlib import Path

# ---------------------------------------------------------------- P-256 (§1)
P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551  # q, the group order
B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296
GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5

INF = None  # the identity; points are Jacobian triples (X, Y, Z), affine x = X/Z², y = Y/Z³


def on_curve(x, y):
    return (y * y - (x * x * x - 3 * x + B)) % P == 0


def jac(x, y):
    return (x, y, 1)


def dbl(p):
    if p is INF:
        return INF
    x, y, z = p
    if y == 0:
        return INF
    delta = z * z % P  # dbl-2001-b, a = −3
    gamma = y * y % P
    beta = x * gamma % P
    alpha = 3 * (x - delta) * (x + delta) % P
    x3 = (alpha * alpha - 8 * beta) % P
    z3 = ((y + z) * (y + z) - gamma - delta) % P
    y3 = (alpha * (4 * beta - x3) - 8 * gamma * gamma) % P
    return (x3, y3, z3)


def add(p, q):
    if p is INF:
        return q
    if q is INF:
        return p
    x1, y1, z1 = p
    x2, y2, z2 = q
    z1z1, z2z2 = z1 * z1 % P, z2 * z2 % P
    u1, u2 = x1 * z2z2 % P, x2 * z1z1 % P
    s1, s2 = y1 * z2 * z2z2 % P, y2 * z1 * z1z1 % P
    if u1 == u2:
        return dbl(p) if s1 == s2 else INF
    h = u2 - u1
    i = 4 * h * h % P
    j = h * i % P
    r = 2 * (s2 - s1) % P
    v = u1 * i % P
    x3 = (r * r - j - 2 * v) % P
    y3 = (r * (v - x3) - 2 * s1 * j) % P
    z3 = ((z1 + z2) * (z1 + z2) - z1z1 - z2z2) * h % P
    return (x3, y3, z3)


def neg(p):
    return INF if p is INF else (p[0], (-p[1]) % P, p[2])


def mul2(a, p1, b=0, p2=INF):
    """a·p1 + b·p2 (Shamir's trick)."""
    a, b = a % N, b % N
    both = add(p1, p2)
    r = INF
    for i in range(max(a.bit_length(), b.bit_length()) - 1, -1, -1):
        r = dbl(r)
        bit = ((a >> i) & 1, (b >> i) & 1)
        if bit == (1, 1):
            r = add(r, both)
        elif bit == (1, 0):
            r = add(r, p1)
        elif bit == (0, 1):
            r = add(r, p2)
    return r


def affine(p):
    if p is INF:
        return INF
    x, y, z = p
    zi = pow(z, -1, P)
    return (x * zi * zi % P, y * zi * zi * zi % P)


def same(p, q):
    return affine(p) == affine(q)


def enc(p):
    """SEC1 uncompressed; the identity has no encoding (None)."""
    a = affine(p)
    return None if a is INF else b'\x04' + a[0].to_bytes(32, 'big') + a[1].to_bytes(32, 'big')


G = jac(GX, GY)

# ---------------------------------------------------------------- encodings and hashing (§1, §2)
HEX = re.compile(r'(?:[0-9a-f]{2})*')


class Bad(Exception):
    """A V1 defect: the value at `where` does not decode."""


def hx(s, where, length=None):
    if not isinstance(s, str) or not HEX.fullmatch(s):
        raise Bad(f"{where}: not lowercase hex of whole bytes")
    b = bytes.fromhex(s)
    if length is not None and len(b) != length:
        raise Bad(f"{where}: expected {length} bytes, got {len(b)}")
    return b


def point(s, where):
    b = hx(s, where, 65)
    if b[0] != 4:
        raise Bad(f"{where}: point must start with 0x04")
    x, y = int.from_bytes(b[1:33], 'big'), int.from_bytes(b[33:], 'big')
    if x >= P or y >= P or not on_curve(x, y):
        raise Bad(f"{where}: not a point of P-256")
    return jac(x, y)


def scalar(s, where):
    k = int.from_bytes(hx(s, where, 32), 'big')
    if k >= N:
        raise Bad(f"{where}: scalar ≥ q")
    return k


def integer(v, where, lo=0):
    if not isinstance(v, int) or isinstance(v, bool) or v < lo:
        raise Bad(f"{where}: expected an integer ≥ {lo}")
    return v


def text(v, where):
    """A string as hashed: its UTF-8 bytes; the server stores every name in NFC (§13), so other forms are a defect."""
    if not isinstance(v, str):
        raise Bad(f"{where}: expected a string")
    if unicodedata.normalize('NFC', v) != v:
        raise Bad(f"{where}: not in Unicode NFC")
    return v.encode('utf-8')


def frame(tag, xs):
    t = tag.encode('ascii')
    out = [struct.pack('>H', len(t)), t]
    for x in xs:
        out += [struct.pack('>I', len(x)), x]
    return b''.join(out)


def H(tag, *xs):
    return hashlib.sha256(frame(tag, xs)).digest()


def Hq(tag, *xs):
    return int.from_bytes(hashlib.sha512(frame(tag, xs)).digest(), 'big') % N


def i4(x):
    return struct.pack('>I', x)


def sha256(b):
    return hashlib.sha256(b).digest()


# ---------------------------------------------------------------- proofs (§5)
def range_ok(Q, tau, label, alpha, beta, K, proof, where):
    """The range proof for m ∈ {0, 1}: raises Bad on an encoding defect, returns whether it verifies."""
    if not isinstance(proof, dict) or set(proof) != {'a', 'b', 'c', 'v'}:
        raise Bad(f"{where}: a range proof has exactly the fields a, b, c, v")
    for f in 'abcv':
        if not isinstance(proof[f], list) or len(proof[f]) != 2:
            raise Bad(f"{where}.{f}: expected 2 entries (L = 1)")
    a = [point(x, f"{where}.a[{j}]") for j, x in enumerate(proof['a'])]
    b = [point(x, f"{where}.b[{j}]") for j, x in enumerate(proof['b'])]
    c = [scalar(x, f"{where}.c[{j}]") for j, x in enumerate(proof['c'])]
    v = [scalar(x, f"{where}.v[{j}]") for j, x in enumerate(proof['v'])]
    ea, eb = enc(alpha), enc(beta)
    if ea is None or eb is None:
        return False  # a statement with no encoding (the identity) has no valid proof
    challenge = Hq('cvote/v1/range', Q, tau, label.encode(), ea, eb,
                   *[e for j in range(2) for e in (enc(a[j]), enc(b[j]))])
    if sum(c) % N != challenge:
        return False
    for j in range(2):
        if not same(a[j], mul2(v[j], G, c[j], alpha)):
            return False
        shifted = beta if j == 0 else add(beta, neg(mul2(j, G)))
        if not same(b[j], mul2(v[j], K, c[j], shifted)):
            return False
    return True


MAX_BASE = 10001  # ballot version 2: B in 2..10001 (docs/protocol.md §16.1)


def row_v2_ok(Q, tau, label, base, alpha, beta, K, proof, where):
    """The ballot version 2 row proof (§16.3): (α, β) encrypts one of 0, 1, B, B²; raises Bad on an encoding defect."""
    if not isinstance(proof, dict) or set(proof) != {'a', 'b', 'c', 'v'}:
        raise Bad(f"{where}: a row proof has exactly the fields a, b, c, v")
    for f in 'abcv':
        if not isinstance(proof[f], list) or len(proof[f]) != 4:
            raise Bad(f"{where}.{f}: expected 4 entries (blank, HIGH, MID, LOW)")
    a = [point(x, f"{where}.a[{j}]") for j, x in enumerate(proof['a'])]
    b = [point(x, f"{where}.b[{j}]") for j, x in enumerate(proof['b'])]
    c = [scalar(x, f"{where}.c[{j}]") for j, x in enumerate(proof['c'])]
    v = [scalar(x, f"{where}.v[{j}]") for j, x in enumerate(proof['v'])]
    challenge = Hq('cvote/v2/row', Q, tau, label.encode(), i4(base), enc(alpha), enc(beta),
                   *[e for j in range(4) for e in (enc(a[j]), enc(b[j]))])
    if sum(c) % N != challenge:
        return False
    for j, m in enumerate((0, 1, base, base * base)):
        if not same(a[j], mul2(v[j], G, c[j], alpha)):
            return False
        shifted = beta if m == 0 else add(beta, neg(mul2(m, G)))
        if not same(b[j], mul2(v[j], K, c[j], shifted)):
            return False
    return True


def schnorr_ok(gamma, i, j, A, proof, where):
    if not isinstance(proof, dict) or set(proof) != {'h', 'c', 'v'}:
        raise Bad(f"{where}: a Schnorr proof has exactly the fields h, c, v")
    h = point(proof['h'], f"{where}.h")
    c = scalar(proof['c'], f"{where}.c")
    v = scalar(proof['v'], f"{where}.v")
    return (c == Hq('cvote/v1/schnorr', gamma, i4(i), i4(j), enc(A), enc(h))
            and same(h, mul2(v, G, c, A)))


def dleq_ok(Q, i, label, S, alpha, M, proof, where):
    if not isinstance(proof, dict) or set(proof) != {'a', 'b', 'c', 'v'}:
        raise Bad(f"{where}: a decryption proof has exactly the fields a, b, c, v")
    a = point(proof['a'], f"{where}.a")
    b = point(proof['b'], f"{where}.b")
    c = scalar(proof['c'], f"{where}.c")
    v = scalar(proof['v'], f"{where}.v")
    return (c == Hq('cvote/v1/dleq', Q, i4(i), label.encode(), enc(S), enc(alpha), enc(M), enc(a), enc(b))
            and same(a, mul2(v, G, c, S)) and same(b, mul2(v, alpha, c, M)))


# ---------------------------------------------------------------- keys (§6, §8, §13)
def protobuf_fields(b):
    """field number → bytes (length-delimited) or int (varint): enough for Tink's public key messages."""
    out, i = {}, 0

    def varint():
        nonlocal i
        v = shift = 0
        while True:
            x = b[i]
            i += 1
            v |= (x & 0x7f) << shift
            shift += 7
            if x < 0x80:
                return v

    while i < len(b):
        key = varint()
        if key & 7 == 0:
            out[key >> 3] = varint()
        elif key & 7 == 2:
            n = varint()
            out[key >> 3] = b[i:i + n]
            i += n
        else:
            raise ValueError("unexpected protobuf wire type")
    return out


def keyset_key(ks, type_url, where):
    import base64
    if not isinstance(ks, dict) or not isinstance(ks.get('key'), list) or len(ks['key']) != 1:
        raise Bad(f"{where}: a keyset of exactly one key")
    k = ks['key'][0]
    data = k.get('keyData', {})
    if data.get('typeUrl') != 'type.googleapis.com/google.crypto.tink.' + type_url or k.get('status') != 'ENABLED':
        raise Bad(f"{where}: not an enabled {type_url}")
    if ks.get('primaryKeyId') != k.get('keyId'):
        raise Bad(f"{where}: the primary key is not the keyset's key")
    try:
        return k, protobuf_fields(base64.b64decode(data.get('value', ''), validate=True))
    except (ValueError, IndexError) as e:
        raise Bad(f"{where}: key value does not decode ({e})")


def check_ed25519_keyset(ks, raw, where, require_raw):
    k, f = keyset_key(ks, 'Ed25519PublicKey', where)
    if f.get(2) != raw:
        raise Bad(f"{where}: key material differs from the raw key")
    if require_raw and k.get('outputPrefixType') != 'RAW':
        raise Bad(f"{where}: output prefix must be RAW")


def check_hpke_keyset(ks, raw, where):
    _, f = keyset_key(ks, 'HpkePublicKey', where)
    params = protobuf_fields(f.get(2, b''))
    if (params.get(1), params.get(2), params.get(3)) != (1, 1, 2):  # Tink's enums: DHKEM_X25519_HKDF_SHA256, HKDF_SHA256, AES_256_GCM
        raise Bad(f"{where}: HPKE must be DHKEM-X25519, HKDF-SHA256, AES-256-GCM (§8)")
    if f.get(3) != raw:
        raise Bad(f"{where}: key material differs from the raw key")


def rsa_token_key(spki):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = serialization.load_der_public_key(spki)
    if not isinstance(key, rsa.RSAPublicKey):
        raise Bad("token-key.json spki: not an RSA key")
    if key.key_size != 3072 or key.public_numbers().e != 65537:
        raise Bad("token-key.json spki: must be RSA-3072 with e = 65537")
    canonical = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if canonical != spki:
        raise Bad("token-key.json spki: not the canonical rsaEncryption SubjectPublicKeyInfo DER")
    return key


def pss_ok(key, msg, sig):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    try:
        key.verify(sig, msg, padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48), hashes.SHA384())
        return True
    except InvalidSignature:
        return False


# ---------------------------------------------------------------- the domain's arithmetic (docs/domain.md §5, §6; docs/protocol.md §13)
def percent(count, collected):
    if collected == 0:
        return "0.00"
    h, rem = divmod(count * 10000, collected)
    if 2 * rem >= collected:
        h += 1
    return f"{h // 100}.{h % 100:02d}"


def flag(low, collected):
    if collected == 0:
        return "NONE"
    if 3 * low >= 2 * collected:
        return "TWO_THIRDS_LOW"
    if 2 * low > collected:
        return "OVER_HALF_LOW"
    return "NONE"


# ---------------------------------------------------------------- reading (§10, §13)
FILES = ["manifest.json", "context.json", "committee.json", "token-key.json",
         "ballots.ndjson", "aggregate.json", "decryption.json", "tally.json"]


class Unreadable(Exception):
    pass


def no_duplicates(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError(f"duplicate key {k!r}")
        d[k] = v
    return d


def parse(raw, name):
    try:
        return json.loads(raw.decode('utf-8'), object_pairs_hook=no_duplicates)
    except UnicodeDecodeError:
        raise Unreadable(f"{name} is not UTF-8")
    except ValueError as e:
        if 'duplicate key' in str(e):
            return Bad(f"{name}: {e}")  # a V1 defect, not an unreadable file
        raise Unreadable(f"{name} is not JSON: {e}")


def read_record(path):
    path = Path(path)
    names = FILES + ["signing-key.json", "record.sig"]
    raw = {}
    if path.is_dir():
        for f in names:
            if not (path / f).is_file():
                raise Unreadable(f"{f} is missing")
            raw[f] = (path / f).read_bytes()
    elif path.is_file():
        try:
            with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as z:
                listed = set(z.namelist())
                for f in names:
                    if f not in listed:
                        raise Unreadable(f"{f} is missing from the zip")
                    raw[f] = z.read(f)
        except zipfile.BadZipFile as e:
            raise Unreadable(f"not a zip: {e}")
    else:
        raise Unreadable(f"{path} is neither a directory nor a zip")
    return raw


# ---------------------------------------------------------------- the checks (§11)
TITLES = {
    'V1': 'parameters and encodings', 'V2': 'manifest hash and Q recomputed', 'V3': 'committee',
    'V4': 'token signatures valid and tokens unique', 'V5': 'range and row proofs', 'V6': 'ballot hashes and chain',
    'V7': 'aggregate = Σ ballots', 'V8': 'decryption proofs and U', 'V9': 'decrypted counts',
    'V10': 'report arithmetic and attendance', 'V11': 'record signature',
    'V12': 'closing statement and board binding',
}


class Report:
    def __init__(self):
        self.counts = {c: 0 for c in TITLES}
        self.fails = {c: [] for c in TITLES}

    def count(self, cid, n=1):
        self.counts[cid] += n

    def fail(self, cid, where, msg):
        self.fails[cid].append(f"{where}: {msg}")

    def ok(self):
        return not any(self.fails.values())


def ballot_base(man):
    """The manifest's ballot version (§16.1): None for version 1, B for version 2; raises Bad on a defect."""
    if "ballotVersion" not in man:
        if "base" in man:
            raise Bad("manifest.json base: a base without \"ballotVersion\": 2")
        return None
    version = man["ballotVersion"]
    if not isinstance(version, int) or isinstance(version, bool) or version != 2:
        raise Bad(f"manifest.json ballotVersion: unknown ballot version {version!r}")
    base = man.get("base")
    if not isinstance(base, int) or isinstance(base, bool) or not 2 <= base <= MAX_BASE:
        raise Bad(f"manifest.json base: expected an integer in 2..{MAX_BASE}")
    return base


def manifest_checks(r, man):
    """V1 for manifest.json; returns (pollId bytes, M, number of subjects, B or None for ballot version 1), None where broken."""
    M = subjects = poll = base = None
    try:
        base = ballot_base(man)
        poll = text(man["pollId"], "manifest.json pollId")
        xs = [poll, text(man["title"], "manifest.json title"), i4(len(man["subjects"]))]
        if base is not None:
            xs.append(i4(base))
        for i, s in enumerate(man["subjects"], 1):
            if s.get("index") != i:
                raise Bad(f"manifest.json subjects[{i - 1}].index: expected {i}")
            at = f"manifest.json subjects[{i - 1}]"
            xs += [i4(i), text(s["name"], at + ".name"), text(s["position"], at + ".position"), text(s["unit"], at + ".unit")]
        if man["options"] != ["HIGH", "MID", "LOW"] or not man["subjects"]:
            raise Bad("manifest.json: options must be HIGH, MID, LOW and there must be a subject")
        M, subjects = H("cvote/v1/manifest" if base is None else "cvote/v2/manifest", *xs), len(man["subjects"])
        r.count('V1')
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "manifest.json", str(e))
    return poll, M, subjects, base


def key_checks(r, tok, skf):
    """V1 for the token key and the record-signing key; returns (SPKI, RSA key, Ed25519 key), None where broken."""
    tokkey = spki = ed = None
    try:
        if tok.get("scheme") != "RSABSSA-SHA384-PSS-Randomized":
            raise Bad("token-key.json scheme: must be RSABSSA-SHA384-PSS-Randomized")
        spki = hx(tok["spki"], "token-key.json spki")
        tokkey = rsa_token_key(spki)
        r.count('V1')
    except (Bad, KeyError, TypeError, AttributeError, ValueError) as e:
        r.fail('V1', "token-key.json", str(e))
    try:
        ed = hx(skf["ed25519"], "signing-key.json ed25519", 32)
        check_ed25519_keyset(skf["keyset"], ed, "signing-key.json keyset", True)
        r.count('V1')
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "signing-key.json", str(e))
        ed = None
    return spki, tokkey, ed


def committee_checks(r, ctx, com, poll):
    """V1 and V3 (§8): γ, commit hashes, Schnorr proofs, K = Σ K_i0, public shares; returns (n, t, commitments, K, shares)."""
    n = t = gamma = K = None
    commitments, shares = [], {}
    try:
        n, t = integer(ctx["n"], "context.json n", 1), integer(ctx["t"], "context.json t", 1)
        members = com["members"]
        if t > n or len(members) != n:
            raise Bad(f"need 1 ≤ t ≤ n and n members, got n={n} t={t} and {len(members)} members")
        g = [poll, i4(n), i4(t)]
        for i, m in enumerate(members, 1):
            at = f"committee.json members[{i - 1}]"
            if m.get("index") != i:
                raise Bad(f"{at}.index: expected {i}")
            hp = hx(m["hpkePublicKey"], at + ".hpkePublicKey", 32)
            sp = hx(m["signingPublicKey"], at + ".signingPublicKey", 32)
            check_hpke_keyset(m["hpkeKeyset"], hp, at + ".hpkeKeyset")
            check_ed25519_keyset(m["signingKeyset"], sp, at + ".signingKeyset", False)
            if len(m["commitments"]) != t or len(m["proofs"]) != t:
                raise Bad(f"{at}: expected t = {t} commitments and proofs")
            commitments.append([point(c, f"{at}.commitments[{j}]") for j, c in enumerate(m["commitments"])])
            g += [i4(i), hp, sp]
        r.count('V1')
        gamma = H("cvote/v1/ceremony", *g)
        r.count('V3')
        if hx(com["ceremonyId"], "committee.json ceremonyId", 32) != gamma:
            r.fail('V3', "committee.json ceremonyId", "differs from γ recomputed")
        for i, m in enumerate(members, 1):
            at = f"committee.json members[{i - 1}]"
            r.count('V3')
            if hx(m["commitHash"], at + ".commitHash", 32) != H("cvote/v1/commit", gamma, i4(i), *map(enc, commitments[i - 1])):
                r.fail('V3', at + ".commitHash", "does not match the commitments")
            for j, (A, pr) in enumerate(zip(commitments[i - 1], m["proofs"])):
                r.count('V3')
                if not schnorr_ok(gamma, i, j, A, pr, f"{at}.proofs[{j}]"):
                    r.fail('V3', f"{at}.proofs[{j}]", "Schnorr proof does not verify")
        for cs in commitments:
            K = add(K, cs[0])
        r.count('V3')
        if K is INF or enc(K) != hx(ctx["jointKey"], "context.json jointKey", 65):
            r.fail('V3', "context.json jointKey", "differs from K = Σ K_i0")
        for l in range(1, n + 1):
            S = INF
            for cs in commitments:
                for j, c in enumerate(cs):
                    S = add(S, mul2(pow(l, j, N), c))
            shares[l] = S
            r.count('V3')
            if enc(S) != hx(members[l - 1]["publicShare"], f"committee.json members[{l - 1}].publicShare", 65):
                r.fail('V3', f"committee.json members[{l - 1}].publicShare", f"differs from S_{l}")
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "committee.json / context.json", str(e))
        K = None
    return n, t, commitments, K, shares


def context_checks(r, ctx, M, spki, ed, n, t, commitments, K):
    """V2 (§3): M, the keys' hashes and Q recomputed; returns Q, None when it cannot be recomputed."""
    Q = None
    try:
        r.count('V2', 4)
        if M is None or hx(ctx["manifestHash"], "context.json manifestHash", 32) != M:
            r.fail('V2', "context.json manifestHash", "differs from M recomputed from manifest.json")
        if spki is None or hx(ctx["tokenKeyHash"], "context.json tokenKeyHash", 32) != sha256(spki):
            r.fail('V2', "context.json tokenKeyHash", "differs from SHA-256 of the token key")
        if ed is None or hx(ctx["signingKeyHash"], "context.json signingKeyHash", 32) != sha256(ed):
            r.fail('V2', "context.json signingKeyHash", "differs from SHA-256 of the signing key")
        if None in (M, spki, ed, K):
            r.fail('V2', "context.json Q", "cannot recompute Q (see V1, V3)")
        else:
            Q = H("cvote/v1/context", M, i4(n), i4(t), *[enc(c) for cs in commitments for c in cs], enc(K),
                  sha256(spki), sha256(ed))
            if hx(ctx["Q"], "context.json Q", 32) != Q:
                r.fail('V2', "context.json Q", "differs from Q recomputed")
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "context.json", str(e))
    return Q


def ballot_checks(r, ndjson, poll, subjects, Q, K, tokkey, base=None):
    """V1, V4, V5 and V6 (§6, §7; §16 for ballot version 2, base = B), one line at a time;
    returns (ballots, Σ ciphertexts per subject and option — per subject in version 2 —, complete, last chain)."""
    try:
        lines = ndjson.decode('utf-8').split('\n')
    except UnicodeDecodeError:
        raise Unreadable("ballots.ndjson is not UTF-8")
    if lines[-1] == '':
        lines.pop()
    spent = {}
    chain = H("cvote/v1/chain0", Q) if Q is not None else None
    sums = [[[INF, INF] for _ in range(3 if base is None else 1)] for _ in range(subjects or 0)]
    sums_ok = subjects is not None
    ballot_fields = {"poll", "token", "rows", "index", "hash", "chain"}
    for k, line in enumerate(lines, 1):
        at = f"ballots.ndjson line {k}"
        if line == '':
            raise Unreadable(f"{at} is blank")
        b = parse(line.encode('utf-8'), at)
        if not isinstance(b, dict):
            if isinstance(b, Bad):
                r.fail('V1', at, str(b))
                sums_ok, chain = False, None
                continue
            raise Unreadable(f"{at} is not a JSON object")
        try:
            r.count('V1')
            if set(b) != ballot_fields:
                raise Bad(f"{at}: fields must be exactly {sorted(ballot_fields)}, got {sorted(b)}")
            if set(b["token"]) != {"msg", "sig"}:
                raise Bad(f"{at} token: fields must be msg, sig")
            msg = hx(b["token"]["msg"], at + " token.msg")
            sig = hx(b["token"]["sig"], at + " token.sig")
            index = integer(b["index"], at + " index", 1)
            declared_hash = hx(b["hash"], at + " hash", 32)
            declared_chain = hx(b["chain"], at + " chain", 32)
            rows = b["rows"]
            if not isinstance(rows, list) or len(rows) != subjects:
                raise Bad(f"{at} rows: expected {subjects} rows")
            cts = []
            for i, row in enumerate(rows, 1):
                if base is not None:  # version 2: one ciphertext per row (§16.2)
                    # type(...) is int: JSON true and 1.0 compare equal to 1 in Python; the strict reader refuses both
                    if set(row) != {"subject", "alpha", "beta", "proof"} or type(row["subject"]) is not int or row["subject"] != i:
                        raise Bad(f"{at} rows[{i - 1}]: expected exactly subject {i}, alpha, beta, proof")
                    cts.append([(point(row["alpha"], f"{at} rows[{i - 1}].alpha"), point(row["beta"], f"{at} rows[{i - 1}].beta"))])
                    continue
                if set(row) != {"subject", "options", "rowProof"} or row["subject"] != i or len(row["options"]) != 3:
                    raise Bad(f"{at} rows[{i - 1}]: expected subject {i}, 3 options and a rowProof, nothing else")
                for j, o in enumerate(row["options"]):
                    if set(o) != {"alpha", "beta", "proof"}:
                        raise Bad(f"{at} rows[{i - 1}].options[{j}]: fields must be alpha, beta, proof")
                cts.append([(point(o["alpha"], f"{at} rows[{i - 1}].options[{j}].alpha"),
                             point(o["beta"], f"{at} rows[{i - 1}].options[{j}].beta"))
                            for j, o in enumerate(row["options"])])
        except (Bad, KeyError, TypeError, AttributeError) as e:
            r.fail('V1', at, str(e))
            sums_ok, chain = False, None
            continue
        # V4: the token (§6, §13)
        r.count('V4')
        pid = poll or b''
        if not isinstance(b["poll"], str) or b["poll"].encode('utf-8') != pid:
            r.fail('V4', at + " poll", "ballot is for another poll")
        if (len(msg) != 32 + 14 + 2 + len(pid) + 32 or msg[32:46] != b"cvote/v1/token"
                or msg[46:48] != struct.pack('>H', len(pid)) or msg[48:48 + len(pid)] != pid):
            r.fail('V4', at + " token.msg", "not a prepared token message of this poll")
        elif len(sig) != 384 or tokkey is None or not pss_ok(tokkey, msg, sig):
            r.fail('V4', at + " token.sig", "not a valid RSA-PSS signature of the token key")
        key = sha256(msg)
        if key in spent:
            r.fail('V4', at + " token", f"token already spent by the ballot on line {spent[key]}")
        spent.setdefault(key, k)
        tau = H("cvote/v1/token", msg)
        # V5: every option proof and row proof
        if Q is None or K is None:
            r.fail('V5', at, "cannot check the proofs: Q or K is broken (see V2, V3)")
        else:
            try:
                for i, row in enumerate(rows, 1):
                    if base is not None:
                        alpha, beta = cts[i - 1][0]
                        r.count('V5')
                        if not row_v2_ok(Q, tau, f"s{i}", base, alpha, beta, K, row["proof"], f"{at} rows[{i - 1}].proof"):
                            r.fail('V5', f"{at} rows[{i - 1}].proof", "row proof does not verify")
                        continue
                    sa = sb = INF
                    for j, o in enumerate(row["options"]):
                        alpha, beta = cts[i - 1][j]
                        sa, sb = add(sa, alpha), add(sb, beta)
                        r.count('V5')
                        if not range_ok(Q, tau, f"s{i}/o{j}", alpha, beta, K, o["proof"], f"{at} rows[{i - 1}].options[{j}].proof"):
                            r.fail('V5', f"{at} rows[{i - 1}].options[{j}].proof", "proof does not verify")
                    r.count('V5')
                    if not range_ok(Q, tau, f"s{i}/row", sa, sb, K, row["rowProof"], f"{at} rows[{i - 1}].rowProof"):
                        r.fail('V5', f"{at} rows[{i - 1}].rowProof", "proof does not verify")
            except (Bad, KeyError, TypeError, AttributeError) as e:
                r.fail('V1', at, str(e))
        # V6: B_k and T_k
        r.count('V6')
        if index != k:
            r.fail('V6', at + " index", f"index {index} differs from the line number {k}")
        if Q is None:
            r.fail('V6', at, "cannot recompute B: Q is broken (see V2)")
        else:
            B_k = H("cvote/v1/ballot" if base is None else "cvote/v2/ballot", Q, tau,
                    *[enc(p) for row in cts for ct in row for p in ct])
            if B_k != declared_hash:
                r.fail('V6', at + " hash", f"B_{k} differs from the hash of the ballot's contents")
            if chain is not None and H("cvote/v1/chain", chain, B_k) != declared_chain:
                r.fail('V6', at + " chain", f"T_{k} ≠ H(T_{k - 1}, B_{k})")
        chain = declared_chain  # go on from the published link: one break is reported once
        for i in range(len(cts)):
            for j in range(len(cts[i])):
                sums[i][j][0] = add(sums[i][j][0], cts[i][j][0])
                sums[i][j][1] = add(sums[i][j][1], cts[i][j][1])
    return len(lines), sums, sums_ok, chain


def aggregate_checks(r, agg, C, subjects, sums, sums_ok, base=None):
    """V7 (§9.1): aggregate.json = Σ ballots; returns {label: (α, β)} when it holds."""
    aggregate = {}
    try:
        r.count('V7')
        if agg["count"] != C:
            r.fail('V7', "aggregate.json count", f"says {agg['count']}; ballots.ndjson has {C}")
        if C == 0:
            if agg["rows"] != []:
                r.fail('V7', "aggregate.json rows", "must be [] when there is no ballot")
        elif not sums_ok:
            r.fail('V7', "aggregate.json", "cannot check: a ballot did not decode (see V1)")
        else:
            if [row["subject"] for row in agg["rows"]] != list(range(1, subjects + 1)):
                raise Bad("aggregate.json rows: one row per subject, in order")
            for i, row in enumerate(agg["rows"], 1):
                if base is not None:  # version 2 (§16.6): one ciphertext per subject, label s<i>
                    where = f"aggregate.json rows[{i - 1}]"
                    # extra fields are allowed here as in every record file but the ballot lines (§13)
                    if not {"subject", "alpha", "beta"} <= set(row) or type(row["subject"]) is not int:
                        raise Bad(where + ": fields subject, alpha, beta are required")
                    alpha, beta = point(row["alpha"], where + ".alpha"), point(row["beta"], where + ".beta")
                    r.count('V7')
                    if not (same(alpha, sums[i - 1][0][0]) and same(beta, sums[i - 1][0][1])):
                        r.fail('V7', where, "differs from the sum of the ballots' rows")
                    aggregate[f"s{i}"] = (sums[i - 1][0][0], sums[i - 1][0][1])
                    continue
                for j, o in enumerate(row["options"]):
                    where = f"aggregate.json rows[{i - 1}].options[{j}]"
                    alpha, beta = point(o["alpha"], where + ".alpha"), point(o["beta"], where + ".beta")
                    r.count('V7')
                    if not (same(alpha, sums[i - 1][j][0]) and same(beta, sums[i - 1][j][1])):
                        r.fail('V7', where, "differs from the sum of the ballots' ciphertexts")
                    aggregate[f"s{i}/o{j}"] = (sums[i - 1][j][0], sums[i - 1][j][1])
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "aggregate.json", str(e))
    return aggregate


def decryption_checks(r, dec, tal, C, Q, n, t, shares, aggregate, base=None):
    """V8 and V9 (§9.2–9.3): the shares' proofs, U, and each count m with m·G = β − Σ w_ℓ·M_ℓ; in ballot version 2
    (§16.6–§16.7) one value per subject, n_H + n_M·B + n_L·B² with n_H + n_M + n_L ≤ N."""
    counts = {}
    try:
        results = tal["results"]
        for i, res in enumerate(results, 1):
            cs = [integer(res["counts"][j], f"tally.json results[{i - 1}].counts[{j}]") for j in range(3)]
            if base is None:
                for j in range(3):
                    counts[f"s{i}/o{j}"] = cs[j]
            elif sum(cs) <= C:
                counts[f"s{i}"] = cs[0] + cs[1] * base + cs[2] * base * base
            else:
                counts[f"s{i}"] = None  # more marks than ballots: no honest tally, V9 fails
    except (Bad, KeyError, TypeError, AttributeError, IndexError) as e:
        r.fail('V1', "tally.json", str(e))
    try:
        U = dec["members"]
        r.count('V8')
        if C == 0:
            if U != [] or dec["shares"] != []:
                r.fail('V8', "decryption.json", "with no ballot, members and shares must be []")
        elif Q is None or not shares or not aggregate:
            r.fail('V8', "decryption.json", "cannot check (see V1–V3, V7)")
            r.fail('V9', "decryption.json", "cannot check (see V1–V3, V7)")
        else:
            if len(set(U)) != len(U) or any(not isinstance(m, int) or not 1 <= m <= n for m in U) or len(U) < t:
                r.fail('V8', "decryption.json members", f"U must be ≥ t = {t} distinct members of 1..{n}")
            got = {}
            for x, sh in enumerate(dec["shares"]):
                where = f"decryption.json shares[{x}]"
                m, label = sh["member"], sh["label"]
                if m not in U or label not in aggregate or (m, label) in got:
                    r.fail('V8', where, "a share from outside U, for no label, or a second one")
                    continue
                Mi = point(sh["M"], where + ".M")
                got[(m, label)] = Mi
                r.count('V8')
                if not dleq_ok(Q, m, label, shares[m], aggregate[label][0], Mi, sh["proof"], where + ".proof"):
                    r.fail('V8', where + ".proof", "decryption proof does not verify")
            missing = [(m, lab) for m in U for lab in aggregate if (m, lab) not in got]
            if missing:
                r.fail('V8', "decryption.json shares", f"no share for {missing[:3]}")
            else:
                w = {}
                for l in U:
                    num = den = 1
                    for k_ in U:
                        if k_ != l:
                            num, den = num * k_ % N, den * (k_ - l) % N
                    w[l] = num * pow(den, -1, N) % N
                for label, (_, beta) in aggregate.items():
                    r.count('V9')
                    mG = beta
                    for l in U:
                        mG = add(mG, neg(mul2(w[l], got[(l, label)])))
                    m = counts.get(label)
                    if m is None or (base is None and m > C) or not same(mG, mul2(m, G)):
                        r.fail('V9', f"tally.json {label}", "the count is not what the shares decrypt")
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "decryption.json", str(e))


def report_checks(r, tal, C, subjects, base=None):
    """V10 (docs/domain.md §4, docs/protocol.md §13): report arithmetic and attendance."""
    try:
        f = {k_: integer(tal[k_], "tally.json " + k_) for k_ in
             ["summoned", "present", "absentFromStart", "presentAtVoting", "issued", "collected"]}
        r.count('V10')
        if f["present"] + f["absentFromStart"] != f["summoned"]:
            r.fail('V10', "tally.json", "present + absentFromStart ≠ summoned")
        if not f["presentAtVoting"] <= f["present"] or not f["presentAtVoting"] >= f["issued"] >= f["collected"]:
            r.fail('V10', "tally.json", "need presentAtVoting ≤ present and presentAtVoting ≥ issued ≥ collected")
        if f["collected"] != C:
            r.fail('V10', "tally.json collected", f"says {f['collected']}; ballots.ndjson has {C}")
        if base is not None and base != f["summoned"] + 1:
            r.fail('V10', "manifest.json base", f"B = {base} must be summoned + 1 = {f['summoned'] + 1} (§16.1)")
        if 3 * f["present"] < 2 * f["summoned"]:
            r.fail('V10', "tally.json present", "below the quorum of 2/3 of those summoned")
        if [res["subject"] for res in tal["results"]] != list(range(1, (subjects or 0) + 1)):
            r.fail('V10', "tally.json results", "one result per subject, in order")
        for i, res in enumerate(tal["results"], 1):
            where = f"tally.json results[{i - 1}]"
            cs = [integer(c, where + ".counts") for c in res["counts"]]
            r.count('V10')
            if len(cs) != 3 or sum(cs) != res["valid"] or res["valid"] > C:
                r.fail('V10', where + ".valid", "valid must be Σ counts and ≤ collected")
            if res["percent"] != [percent(c, C) for c in cs]:
                r.fail('V10', where + ".percent", f"expected {[percent(c, C) for c in cs]}")
            if res["flag"] != flag(cs[2], C):
                r.fail('V10', where + ".flag", f"expected {flag(cs[2], C)}")
    except (Bad, KeyError, TypeError, AttributeError, IndexError) as e:
        r.fail('V1', "tally.json", str(e))


def signature_check(r, raw, ed):
    """V11 (§10): record.sig is the signing key's Ed25519 signature of the eight files' hashes."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    r.count('V11')
    sig_text = raw["record.sig"].decode('ascii', 'replace')
    if not re.fullmatch(r'[0-9a-f]{128}\n?', sig_text):
        r.fail('V1', "record.sig", "must be 128 lowercase hex characters")
    elif ed is None:
        r.fail('V11', "record.sig", "cannot check: signing-key.json is broken (see V1)")
    else:
        digest = H("cvote/v1/record", *[sha256(raw[f]) for f in FILES])
        try:
            Ed25519PublicKey.from_public_bytes(ed).verify(bytes.fromhex(sig_text.strip()), digest)
        except InvalidSignature:
            r.fail('V11', "record.sig", "not the signing key's Ed25519 signature of the eight files")


def ed25519_ok(key, sig, digest):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    try:
        Ed25519PublicKey.from_public_bytes(key).verify(sig, digest)
        return True
    except (InvalidSignature, ValueError):
        return False


def closing_checks(r, agg, dec, com, poll, Q, C, last, ed, base=None):
    """V12 (docs/protocol.md §9.5), record version 2 only: the closing statement is the record key's
    signature over H("cvote/v1/closing", pollId, Q, I2OSP(N,4), T_N), names the published board's N and last chain value,
    and every member of U signed H("cvote/v1/partial", Q, I2OSP(i,4), I2OSP(N,4), T_N, its shares) for that same (N, T_N).
    A record without "version" is version 1: V12 does not apply."""
    if not isinstance(agg, dict) or not isinstance(dec, dict):
        r.fail('V12', "aggregate.json, decryption.json", "cannot check (see V1)")
        return
    if "version" not in agg:
        if base is not None:
            r.fail('V1', "aggregate.json version", "a ballot version 2 record must be record version 2 (§16.7)")
        if "closing" in agg or "partials" in dec:
            r.fail('V1', "aggregate.json version", "a closing statement or partial signatures without \"version\": 2")
        return  # version 1
    if agg["version"] != 2 or isinstance(agg["version"], bool):
        r.fail('V1', "aggregate.json version", f"unknown record version {agg['version']!r}")
        return
    try:
        cl = agg["closing"]
        if set(cl) != {"poll", "Q", "count", "head", "signature"}:
            raise Bad("aggregate.json closing: fields must be poll, Q, count, head, signature")
        cpoll = text(cl["poll"], "aggregate.json closing.poll")
        cq = hx(cl["Q"], "aggregate.json closing.Q", 32)
        cn = integer(cl["count"], "aggregate.json closing.count")
        chead = hx(cl["head"], "aggregate.json closing.head", 32)
        csig = hx(cl["signature"], "aggregate.json closing.signature", 64)
        partials = dec["partials"]
        if not isinstance(partials, list):
            raise Bad("decryption.json partials: expected a list")
    except (Bad, KeyError, TypeError, AttributeError) as e:
        r.fail('V1', "aggregate.json closing / decryption.json partials", str(e))
        r.fail('V12', "aggregate.json closing", "cannot check (see V1)")
        return
    r.count('V12', 5)
    if ed is None or not ed25519_ok(ed, csig, H("cvote/v1/closing", cpoll, cq, i4(cn), chead)):
        r.fail('V12', "aggregate.json closing.signature", "not the record key's signature of the closing statement")
    if poll is not None and cpoll != poll:
        r.fail('V12', "aggregate.json closing.poll", "not the manifest's poll")
    if Q is None or cq != Q:
        r.fail('V12', "aggregate.json closing.Q", "differs from Q recomputed (or Q is broken)")
    if cn != C:
        r.fail('V12', "aggregate.json closing.count", f"names {cn} ballots; ballots.ndjson has {C}")
    if last is None or chead != last:
        r.fail('V12', "aggregate.json closing.head", "is not the board's last chain value")
    U = dec.get("members") if isinstance(dec.get("members"), list) else []
    seen = set()
    for x, p in enumerate(partials):
        where = f"decryption.json partials[{x}]"
        r.count('V12')
        try:
            if set(p) != {"member", "count", "head", "signature"}:
                raise Bad(f"{where}: fields must be member, count, head, signature")
            m = integer(p["member"], where + ".member", 1)
            pn = integer(p["count"], where + ".count")
            phead = hx(p["head"], where + ".head", 32)
            psig = hx(p["signature"], where + ".signature")
            if m not in U or m in seen or m > len(com["members"]):
                r.fail('V12', where + ".member", f"member {m} is not in U or is listed twice")
                continue
            seen.add(m)
            if pn != cn or phead != chead:
                r.fail('V12', where, f"member {m} signed a partial decryption of another board")
            key = hx(com["members"][m - 1]["signingPublicKey"], f"committee.json members[{m - 1}].signingPublicKey", 32)
            xs = [Q or b'', i4(m), i4(pn), phead]
            for sh in dec["shares"]:
                if sh["member"] == m:
                    pr = sh["proof"]
                    xs += [text(sh["label"], where), bytes.fromhex(sh["M"]), bytes.fromhex(pr["a"]), bytes.fromhex(pr["b"]),
                           bytes.fromhex(pr["c"]), bytes.fromhex(pr["v"])]
            if Q is None or not ed25519_ok(key, psig, H("cvote/v1/partial", *xs)):
                r.fail('V12', where + ".signature", f"not member {m}'s signature over its shares with (Q, {m}, N, T_N)")
        except (Bad, KeyError, TypeError, AttributeError, ValueError, IndexError) as e:
            r.fail('V1', where, str(e))
    for m in U:
        if m not in seen:
            r.fail('V12', "decryption.json partials", f"no signature of member {m} of U")


def verify(raw):
    """Every check of §11 over the record's raw files; returns (report, ballots, n, t, U)."""
    r = Report()
    docs = {f: parse(raw[f], f) for f in FILES if f != "ballots.ndjson"}
    docs["signing-key.json"] = parse(raw["signing-key.json"], "signing-key.json")
    for f, d in docs.items():
        if isinstance(d, Bad):
            r.fail('V1', f, str(d))
    man, ctx, com = docs["manifest.json"], docs["context.json"], docs["committee.json"]
    tok, agg, dec, tal, skf = (docs[f] for f in ["token-key.json", "aggregate.json", "decryption.json",
                                                  "tally.json", "signing-key.json"])
    poll, M, subjects, base = manifest_checks(r, man)
    spki, tokkey, ed = key_checks(r, tok, skf)
    n, t, commitments, K, shares = committee_checks(r, ctx, com, poll)
    Q = context_checks(r, ctx, M, spki, ed, n, t, commitments, K)
    C, sums, sums_ok, last = ballot_checks(r, raw["ballots.ndjson"], poll, subjects, Q, K, tokkey, base)
    aggregate = aggregate_checks(r, agg, C, subjects, sums, sums_ok, base)
    decryption_checks(r, dec, tal, C, Q, n, t, shares, aggregate, base)
    report_checks(r, tal, C, subjects, base)
    signature_check(r, raw, ed)
    closing_checks(r, agg, dec, com, poll, Q, C, last, ed, base)
    return r, C, n, t, (dec.get("members") if isinstance(dec, dict) else None)


def main(argv):
    if len(argv) != 2:
        print("usage: crosscheck_record.py RECORD", file=sys.stderr)
        return 2
    try:
        raw = read_record(argv[1])
        r, C, n, t, U = verify(raw)
    except Unreadable as e:
        print(f"unreadable record: {e}")
        return 2
    for cid, title in TITLES.items():
        status = "FAIL" if r.fails[cid] else "PASS"
        print(f"{cid:<4} {status}  {title} ({r.counts[cid]} checked)")
        for f in r.fails[cid]:
            print(f"     {cid} {f}")
    if r.ok():
        print(f"cross-check OK: {C} ballots, n={n}, t={t}, U={U}")
        return 0
    print("cross-check FAILED")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
