package org.cvote.verifier.checks;

import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V2 (docs/protocol.md §11): the manifest hash M (of the manifest's ballot version) and Q
 * recomputed from their inputs. Runs after V3, whose K it uses. Gathers Q.
 */
final class V2ContextCheck {
  private V2ContextCheck() {}

  static void run(ParsedRecord r, Report rep, Setup.Builder v) {
    if (r.manifest() == null || r.context() == null) {
      rep.fail(
          CheckId.V2,
          "context.json",
          "cannot check: manifest.json or context.json did not decode (see V1)");
      return;
    }
    if (!v.versionKnown) {
      rep.fail(
          CheckId.V2,
          "context.json manifestHash",
          "cannot recompute M: the manifest's ballot version is broken (see V1)");
      return;
    }
    // M of the manifest's ballot version: §3, or §16.1 with the base B
    Digest m = v.encoding == null ? r.manifest().hash() : v.encoding.manifestHash(r.manifest());
    rep.count(CheckId.V2, 1);
    if (!m.equals(r.context().manifestHash())) {
      rep.fail(
          CheckId.V2,
          "context.json manifestHash",
          "differs from M recomputed from manifest.json (" + m.toHex() + ")");
    }
    Digest tokenKeyHash = r.tokenKey() == null ? null : Digest.sha256(r.tokenKey().spki());
    Digest signingKeyHash = r.signingKey() == null ? null : Digest.sha256(r.signingKey().ed25519());
    rep.count(CheckId.V2, 2);
    if (tokenKeyHash != null && !tokenKeyHash.equals(r.context().tokenKeyHash())) {
      rep.fail(
          CheckId.V2, "context.json tokenKeyHash", "differs from SHA-256 of token-key.json spki");
    }
    if (signingKeyHash != null && !signingKeyHash.equals(r.context().signingKeyHash())) {
      rep.fail(
          CheckId.V2,
          "context.json signingKeyHash",
          "differs from SHA-256 of signing-key.json ed25519");
    }
    if (tokenKeyHash == null || signingKeyHash == null || v.jointKey == null || v.n < 1) {
      rep.fail(
          CheckId.V2,
          "context.json Q",
          "cannot recompute Q: token key, signing key or committee broken (see V1, V3)");
      return;
    }
    List<List<Point>> all = new ArrayList<>();
    for (CommitteeFile.Member mm : r.committee().members()) {
      all.add(mm.commitments());
    }
    Digest q = new Context(m, v.n, v.t, all, v.jointKey, tokenKeyHash, signingKeyHash).hash();
    rep.count(CheckId.V2, 1);
    if (!q.equals(r.context().q())) {
      rep.fail(
          CheckId.V2,
          "context.json Q",
          "differs from Q recomputed from its inputs (" + q.toHex() + ")");
    }
    v.q = q;
  }
}
