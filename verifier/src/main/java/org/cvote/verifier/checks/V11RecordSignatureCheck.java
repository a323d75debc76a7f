package org.cvote.verifier.checks;

import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V11: record.sig is the Ed25519 signature of signing-key.json's key over H("cvote/v1/record", the
 * eight files' SHA-256).
 */
public final class V11RecordSignatureCheck {
  private V11RecordSignatureCheck() {}

  public static void run(ParsedRecord r, Setup.Values v, Digest ballotsHash, Report rep) {
    rep.count(CheckId.V11, 1);
    if (v.signingKey() == null || v.signature() == null) {
      rep.fail(
          CheckId.V11,
          "record.sig",
          "cannot check: signing-key.json or record.sig is broken (see V1)");
      return;
    }
    List<Digest> hashes = new ArrayList<>();
    for (String f : RecordFiles.SIGNED) {
      hashes.add(f.equals(RecordFiles.BALLOTS) ? ballotsHash : Digest.sha256(r.bytes().get(f)));
    }
    if (!RecordSignature.verify(v.signingKey(), RecordSignature.digest(hashes), v.signature())) {
      rep.fail(
          CheckId.V11,
          "record.sig",
          "not a valid Ed25519 signature of the eight files under signing-key.json's key");
    }
  }
}
