package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.CommitteeHashes;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.crypto.record.TokenKeyFile;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V1 (parameters and keys of the small files), V2 (manifest hash and Q) and V3 (committee). Produces the
 * values that feed every later proof: the recomputed Q, K and public shares (§13 "Which values feed the proofs").
 */
public final class Setup {
    /**
     * What later checks use, immutable; a value is null (a count −1) when the part it comes from is broken.
     * {@code publicShares} is indexed 1..n (entry 0 unused).
     */
    public record Values(String pollId, int subjects, int n, int t, Digest q, Point jointKey, List<Point> publicShares,
                         TokenCheck tokens, byte[] signingKey, byte[] signature,
                         org.cvote.crypto.context.EncodingV2 encoding, boolean versionKnown) {
        // encoding: ballot version 2's base B (docs/protocol.md §16), null for version 1 or when broken;
        // versionKnown: false when the manifest's ballot version has no reading (V1), so no ballot can be checked
        public Values {
            publicShares = publicShares == null ? null : Collections.unmodifiableList(new ArrayList<>(publicShares));
            signingKey = signingKey == null ? null : signingKey.clone();
            signature = signature == null ? null : signature.clone();
        }

        @Override
        public byte[] signingKey() {
            return signingKey == null ? null : signingKey.clone();
        }

        @Override
        public byte[] signature() {
            return signature == null ? null : signature.clone();
        }
    }

    /** The values while V1–V3 gather them. */
    private static final class Builder {
        String pollId;
        int subjects = -1;
        int n = -1;
        int t = -1;
        Digest q;
        Point jointKey;
        Point[] publicShares; // 1..n
        TokenCheck tokens;
        byte[] signingKey;
        byte[] signature;
        org.cvote.crypto.context.EncodingV2 encoding;
        boolean versionKnown = true;

        Values build() {
            return new Values(pollId, subjects, n, t, q, jointKey, publicShares == null ? null : Arrays.asList(publicShares),
                    tokens, signingKey, signature, encoding, versionKnown);
        }
    }

    private Setup() {}

    public static Values run(ParsedRecord r, Report rep) {
        Builder v = new Builder();
        parameters(r, rep, v);
        committee(r, rep, v);
        context(r, rep, v);
        return v.build();
    }

    // ---------------- V1 ----------------
    private static void parameters(ParsedRecord r, Report rep, Builder v) {
        if (r.encoding() == null) {
            v.versionKnown = false;
        } else {
            v.encoding = r.encoding().orElse(null);
            if (v.encoding != null) {
                rep.note(CheckId.V5, "ballot version 2: one ciphertext per row, B = " + v.encoding.base() + " (docs/protocol.md §16)");
            }
        }
        if (r.manifest() != null) {
            v.pollId = r.manifest().pollId();
            v.subjects = r.manifest().subjects().size();
            rep.setPoll(r.manifest().pollId(), r.manifest().title());
            if (v.subjects < 1) {
                rep.fail(CheckId.V1, "manifest.json subjects", "a poll has at least one subject");
            }
        }
        if (r.context() != null) {
            rep.count(CheckId.V1, 1);
            if (r.context().t() < 1 || r.context().n() < r.context().t()) {
                rep.fail(CheckId.V1, "context.json n, t", "need 1 ≤ t ≤ n, got n=" + r.context().n() + " t=" + r.context().t());
            } else {
                v.n = r.context().n();
                v.t = r.context().t();
            }
        }
        if (r.committee() != null && v.n > 0) {
            List<CommitteeFile.Member> ms = r.committee().members();
            if (ms.size() != v.n) {
                rep.fail(CheckId.V1, "committee.json members", "expected " + v.n + " members (context.json n), got " + ms.size());
                v.n = -1;
            } else {
                for (int i = 0; i < ms.size(); i++) {
                    CommitteeFile.Member m = ms.get(i);
                    String at = "committee.json members[" + i + "]";
                    rep.count(CheckId.V1, 1);
                    if (m.index() != i + 1) {
                        rep.fail(CheckId.V1, at + ".index", "members are indexed 1..n in order; expected " + (i + 1) + ", got " + m.index());
                        v.n = -1;
                    }
                    if (m.commitments().size() != v.t) {
                        rep.fail(CheckId.V1, at + ".commitments", "expected t = " + v.t + " commitments, got " + m.commitments().size());
                        v.n = -1;
                    }
                    if (m.proofs().size() != m.commitments().size()) {
                        rep.fail(CheckId.V1, at + ".proofs", "one Schnorr proof per commitment expected, got " + m.proofs().size());
                        v.n = -1;
                    }
                    if (m.hpkePublicKey().length != 32) {
                        rep.fail(CheckId.V1, at + ".hpkePublicKey", "must be a raw 32-byte X25519 key");
                    } else {
                        try {
                            Keysets.checkHpkeX25519(m.hpkeKeyset(), m.hpkePublicKey());
                        } catch (GeneralSecurityException | RuntimeException e) {
                            rep.fail(CheckId.V1, at + ".hpkeKeyset", e.getMessage());
                        }
                    }
                    if (m.signingPublicKey().length != 32) {
                        rep.fail(CheckId.V1, at + ".signingPublicKey", "must be a raw 32-byte Ed25519 key");
                    } else {
                        try {
                            Keysets.checkEd25519(m.signingKeyset(), m.signingPublicKey(), false);
                        } catch (GeneralSecurityException | RuntimeException e) {
                            rep.fail(CheckId.V1, at + ".signingKeyset", e.getMessage());
                        }
                    }
                }
            }
        }
        if (r.tokenKey() != null) {
            rep.count(CheckId.V1, 1);
            if (!TokenKeyFile.SCHEME.equals(r.tokenKey().scheme())) {
                rep.fail(CheckId.V1, "token-key.json scheme", "must be " + TokenKeyFile.SCHEME + ", got " + r.tokenKey().scheme());
            }
            if (v.pollId != null) {
                try {
                    v.tokens = CryptoTokenCheck.create(r.tokenKey().spki(), v.pollId);
                } catch (GeneralSecurityException | RuntimeException e) {
                    rep.fail(CheckId.V1, "token-key.json spki", e.getMessage());
                }
            }
        }
        if (r.signingKey() != null) {
            rep.count(CheckId.V1, 1);
            byte[] pk = r.signingKey().ed25519();
            if (pk.length != RecordSignature.PUBLIC_KEY_BYTES) {
                rep.fail(CheckId.V1, "signing-key.json ed25519", "must be a raw 32-byte Ed25519 key, got " + pk.length + " bytes");
            } else {
                v.signingKey = pk;
                try {
                    Keysets.checkEd25519(r.signingKey().keyset(), pk, true);
                } catch (GeneralSecurityException | RuntimeException e) {
                    rep.fail(CheckId.V1, "signing-key.json keyset", e.getMessage());
                }
            }
        }
        rep.count(CheckId.V1, 1);
        try {
            v.signature = RecordSignature.parse(r.recordSig());
        } catch (IllegalArgumentException e) {
            rep.fail(CheckId.V1, "record.sig", e.getMessage());
        }
    }

    // ---------------- V3 ----------------
    private static void committee(ParsedRecord r, Report rep, Builder v) {
        if (r.committee() == null || r.manifest() == null || v.n < 1) {
            rep.fail(CheckId.V3, "committee.json", "cannot check: committee.json, manifest.json or context.json did not decode (see V1)");
            return;
        }
        List<CommitteeFile.Member> ms = r.committee().members();
        List<CommitteeHashes.MemberKeys> keys = new ArrayList<>();
        for (CommitteeFile.Member m : ms) {
            keys.add(new CommitteeHashes.MemberKeys(m.hpkePublicKey(), m.signingPublicKey()));
        }
        Digest gamma = CommitteeHashes.ceremonyId(v.pollId, v.t, keys);
        rep.count(CheckId.V3, 1);
        if (!gamma.equals(r.committee().ceremonyId())) {
            rep.fail(CheckId.V3, "committee.json ceremonyId", "γ recomputed from pollId, n, t and the members' keys is " + gamma.toHex());
        }
        List<List<Point>> all = new ArrayList<>();
        org.cvote.crypto.proof.BatchVerifier<String> batch = new org.cvote.crypto.proof.BatchVerifier<>(new java.security.SecureRandom());
        for (int i = 0; i < ms.size(); i++) {
            CommitteeFile.Member m = ms.get(i);
            all.add(m.commitments());
            rep.count(CheckId.V3, 1);
            if (!CommitteeHashes.commitHash(gamma, i + 1, m.commitments()).equals(m.commitHash())) {
                rep.fail(CheckId.V3, "committee.json members[" + i + "].commitHash", "does not match member " + (i + 1) + "'s commitments");
            }
            for (int j = 0; j < m.commitments().size(); j++) {
                batch.addSchnorr("committee.json members[" + i + "].proofs[" + j + "]", gamma, i + 1, j, m.commitments().get(j),
                        m.proofs().get(j));
            }
        }
        rep.count(CheckId.V3, batch.size());
        for (String f : batch.failures()) {
            rep.fail(CheckId.V3, f, "Schnorr proof does not verify");
        }
        Point k = Feldman.jointKey(all);
        rep.count(CheckId.V3, 1);
        if (k.isIdentity()) {
            rep.fail(CheckId.V3, "committee.json", "K = Σ K_i0 is the identity");
            return;
        }
        v.jointKey = k;
        if (r.context() != null && !k.equals(r.context().jointKey())) {
            rep.fail(CheckId.V3, "context.json jointKey", "differs from K = Σ K_i0 of committee.json");
        }
        v.publicShares = new Point[ms.size() + 1];
        for (int i = 0; i < ms.size(); i++) {
            Point s = Feldman.publicShare(all, i + 1);
            v.publicShares[i + 1] = s;
            rep.count(CheckId.V3, 1);
            if (!s.equals(ms.get(i).publicShare())) {
                rep.fail(CheckId.V3, "committee.json members[" + i + "].publicShare", "differs from S_" + (i + 1) + " = Σ_i Σ_j "
                        + (i + 1) + "^j·K_ij");
            }
        }
    }

    // ---------------- V2 ----------------
    private static void context(ParsedRecord r, Report rep, Builder v) {
        if (r.manifest() == null || r.context() == null) {
            rep.fail(CheckId.V2, "context.json", "cannot check: manifest.json or context.json did not decode (see V1)");
            return;
        }
        if (!v.versionKnown) {
            rep.fail(CheckId.V2, "context.json manifestHash", "cannot recompute M: the manifest's ballot version is broken (see V1)");
            return;
        }
        // M of the manifest's ballot version: §3, or §16.1 with the base B
        Digest m = v.encoding == null ? r.manifest().hash() : v.encoding.manifestHash(r.manifest());
        rep.count(CheckId.V2, 1);
        if (!m.equals(r.context().manifestHash())) {
            rep.fail(CheckId.V2, "context.json manifestHash", "differs from M recomputed from manifest.json (" + m.toHex() + ")");
        }
        Digest tokenKeyHash = r.tokenKey() == null ? null : Digest.sha256(r.tokenKey().spki());
        Digest signingKeyHash = r.signingKey() == null ? null : Digest.sha256(r.signingKey().ed25519());
        rep.count(CheckId.V2, 2);
        if (tokenKeyHash != null && !tokenKeyHash.equals(r.context().tokenKeyHash())) {
            rep.fail(CheckId.V2, "context.json tokenKeyHash", "differs from SHA-256 of token-key.json spki");
        }
        if (signingKeyHash != null && !signingKeyHash.equals(r.context().signingKeyHash())) {
            rep.fail(CheckId.V2, "context.json signingKeyHash", "differs from SHA-256 of signing-key.json ed25519");
        }
        if (tokenKeyHash == null || signingKeyHash == null || v.jointKey == null || v.n < 1) {
            rep.fail(CheckId.V2, "context.json Q", "cannot recompute Q: token key, signing key or committee broken (see V1, V3)");
            return;
        }
        List<List<Point>> all = new ArrayList<>();
        for (CommitteeFile.Member mm : r.committee().members()) {
            all.add(mm.commitments());
        }
        Digest q = new Context(m, v.n, v.t, all, v.jointKey, tokenKeyHash, signingKeyHash).hash();
        rep.count(CheckId.V2, 1);
        if (!q.equals(r.context().q())) {
            rep.fail(CheckId.V2, "context.json Q", "differs from Q recomputed from its inputs (" + q.toHex() + ")");
        }
        v.q = q;
    }
}
