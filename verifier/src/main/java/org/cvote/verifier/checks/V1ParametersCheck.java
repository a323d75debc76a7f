package org.cvote.verifier.checks;

import java.security.GeneralSecurityException;
import java.util.List;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.crypto.record.TokenKeyFile;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V1 (docs/protocol.md §11): parameters and encodings of the small files: n, t, the members' keys
 * and keysets, the token key, the record-signing key and record.sig. Gathers n, t, the token check
 * and the keys.
 */
final class V1ParametersCheck {
  private V1ParametersCheck() {}

  static void run(ParsedRecord r, Report rep, Setup.Builder v) {
    if (r.encoding() == null) {
      v.versionKnown = false;
    } else {
      v.encoding = r.encoding().orElse(null);
      if (v.encoding != null) {
        rep.note(
            CheckId.V5,
            "ballot version 2: one ciphertext per row, B = "
                + v.encoding.base()
                + " (docs/protocol.md §16)");
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
        rep.fail(
            CheckId.V1,
            "context.json n, t",
            "need 1 ≤ t ≤ n, got n=" + r.context().n() + " t=" + r.context().t());
      } else {
        v.n = r.context().n();
        v.t = r.context().t();
      }
    }
    if (r.committee() != null && v.n > 0) {
      List<CommitteeFile.Member> ms = r.committee().members();
      if (ms.size() != v.n) {
        rep.fail(
            CheckId.V1,
            "committee.json members",
            "expected " + v.n + " members (context.json n), got " + ms.size());
        v.n = -1;
      } else {
        for (int i = 0; i < ms.size(); i++) {
          CommitteeFile.Member m = ms.get(i);
          String at = "committee.json members[" + i + "]";
          rep.count(CheckId.V1, 1);
          if (m.index() != i + 1) {
            rep.fail(
                CheckId.V1,
                at + ".index",
                "members are indexed 1..n in order; expected " + (i + 1) + ", got " + m.index());
            v.n = -1;
          }
          if (m.commitments().size() != v.t) {
            rep.fail(
                CheckId.V1,
                at + ".commitments",
                "expected t = " + v.t + " commitments, got " + m.commitments().size());
            v.n = -1;
          }
          if (m.proofs().size() != m.commitments().size()) {
            rep.fail(
                CheckId.V1,
                at + ".proofs",
                "one Schnorr proof per commitment expected, got " + m.proofs().size());
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
        rep.fail(
            CheckId.V1,
            "token-key.json scheme",
            "must be " + TokenKeyFile.SCHEME + ", got " + r.tokenKey().scheme());
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
        rep.fail(
            CheckId.V1,
            "signing-key.json ed25519",
            "must be a raw 32-byte Ed25519 key, got " + pk.length + " bytes");
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
}
