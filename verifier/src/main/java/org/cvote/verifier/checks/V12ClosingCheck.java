package org.cvote.verifier.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingRecord;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.crypto.record.RecordJson;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.report.Report;

/**
 * V12 (docs/protocol.md §9.5), for a record of version 2 (aggregate.json "version": 2): the closing
 * statement is the record key's signature over (pollId, Q, N, T_N); its N and T_N are the published
 * board's count and last chain value; and every member of U signed its partial decryption of that
 * same (N, T_N) with its key from committee.json. A record without "version" is version 1 (made
 * before the closing statement): V12 does not apply and the report says so; version 2 fields
 * without the version, or an unknown version, are a V1 failure.
 */
public final class V12ClosingCheck {
  private V12ClosingCheck() {}

  public static void run(ParsedRecord r, Setup.Values v, BallotChecks.Summary s, Report rep) {
    JsonNode agg = tree(r, RecordFiles.AGGREGATE);
    JsonNode dec = tree(r, RecordFiles.DECRYPTION);
    if (agg == null || dec == null) {
      rep.fail(
          CheckId.V12,
          "aggregate.json, decryption.json",
          "cannot check: not JSON objects (see V1)");
      return;
    }
    JsonNode version = agg.get(ClosingRecord.VERSION_FIELD);
    rep.count(CheckId.V1, 1);
    if (version == null && v.encoding() != null) {
      rep.fail(
          CheckId.V1,
          "aggregate.json version",
          "a ballot version 2 record must be record version 2 (docs/protocol.md §16.7)");
    }
    if (version == null) {
      if (agg.has(ClosingRecord.CLOSING_FIELD) || dec.has(ClosingRecord.PARTIALS_FIELD)) {
        rep.fail(
            CheckId.V1,
            "aggregate.json version",
            "a closing statement or partial signatures without \"version\": 2");
        rep.fail(
            CheckId.V12,
            "aggregate.json",
            "cannot check: the record's version is missing (see V1)");
      } else {
        rep.note(CheckId.V12, "record version 1 (before the closing statement): not applicable");
      }
      return;
    }
    if (!version.isInt() || version.intValue() != ClosingRecord.VERSION) {
      rep.fail(
          CheckId.V1,
          "aggregate.json version",
          "unknown record version " + version + "; this verifier knows 1 (no field) and 2");
      rep.fail(CheckId.V12, "aggregate.json", "cannot check: unknown record version (see V1)");
      return;
    }
    rep.note(CheckId.V12, "record version 2");
    ClosingStatement cs =
        decode(
            agg.get(ClosingRecord.CLOSING_FIELD),
            ClosingStatement.class,
            "aggregate.json closing",
            rep);
    PartialSignature[] partials =
        decode(
            dec.get(ClosingRecord.PARTIALS_FIELD),
            PartialSignature[].class,
            "decryption.json partials",
            rep);
    if (cs == null) {
      rep.fail(
          CheckId.V12, "aggregate.json closing", "cannot check: missing or malformed (see V1)");
      return;
    }
    statement(cs, v, s, rep);
    if (partials == null) {
      rep.fail(
          CheckId.V12, "decryption.json partials", "cannot check: missing or malformed (see V1)");
      return;
    }
    partials(r, v, cs, List.of(partials), rep);
  }

  private static void statement(
      ClosingStatement cs, Setup.Values v, BallotChecks.Summary s, Report rep) {
    String at = "aggregate.json closing";
    rep.count(CheckId.V12, 1);
    if (v.signingKey() == null) {
      rep.fail(CheckId.V12, at + ".signature", "cannot check: signing-key.json is broken (see V1)");
    } else if (!cs.verify(v.signingKey())) {
      rep.fail(
          CheckId.V12,
          at + ".signature",
          "not the record key's Ed25519 signature of H(\"cvote/v1/closing\", pollId, Q, N, T_N)");
    }
    rep.count(CheckId.V12, 1);
    if (v.pollId() != null && !cs.poll().equals(v.pollId())) {
      rep.fail(
          CheckId.V12, at + ".poll", "is " + cs.poll() + "; the manifest's poll is " + v.pollId());
    }
    rep.count(CheckId.V12, 1);
    if (v.q() == null) {
      rep.fail(CheckId.V12, at + ".Q", "cannot check: Q is broken (see V2)");
    } else if (!cs.q().equals(v.q())) {
      rep.fail(CheckId.V12, at + ".Q", "differs from Q recomputed from its inputs");
    }
    rep.count(CheckId.V12, 1);
    if (cs.count() != s.ballots()) {
      rep.fail(
          CheckId.V12,
          at + ".count",
          "the closing statement names "
              + cs.count()
              + " ballots; ballots.ndjson has "
              + s.ballots());
    }
    rep.count(CheckId.V12, 1);
    if (s.lastChain() == null) {
      rep.fail(
          CheckId.V12,
          at + ".head",
          "cannot check: the board's last chain value is unknown (see V1, V2, V6)");
    } else if (!cs.head().equals(s.lastChain())) {
      rep.fail(
          CheckId.V12,
          at + ".head",
          "the closing statement's head "
              + cs.headFingerprint()
              + " is not the board's last chain value "
              + ClosingStatement.fingerprint(s.lastChain()));
    }
  }

  private static void partials(
      ParsedRecord r,
      Setup.Values v,
      ClosingStatement cs,
      List<PartialSignature> partials,
      Report rep) {
    if (r.decryption() == null || r.committee() == null) {
      rep.fail(
          CheckId.V12,
          "decryption.json partials",
          "cannot check: decryption.json or committee.json did not decode (see V1)");
      return;
    }
    List<Integer> u = r.decryption().members();
    List<CommitteeFile.Member> members = r.committee().members();
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < partials.size(); k++) {
      PartialSignature p = partials.get(k);
      String at = "decryption.json partials[" + k + "]";
      rep.count(CheckId.V12, 1);
      int i = p.member();
      if (!u.contains(i) || !seen.add(i) || i > members.size() || members.get(i - 1).index() != i) {
        rep.fail(
            CheckId.V12,
            at + ".member",
            "member " + i + " is not in U, not on the committee, or listed twice");
        continue;
      }
      if (p.count() != cs.count() || !p.head().equals(cs.head())) {
        rep.fail(
            CheckId.V12,
            at,
            "member "
                + i
                + " signed a partial decryption of another board ("
                + p.count()
                + " ballots, head "
                + ClosingStatement.fingerprint(p.head())
                + "); the closing statement names "
                + cs.count()
                + " ballots, head "
                + cs.headFingerprint());
      }
      if (v.q() == null) {
        rep.fail(CheckId.V12, at + ".signature", "cannot check: Q is broken (see V2)");
        continue;
      }
      List<DecryptionFile.Share> own = new ArrayList<>();
      for (DecryptionFile.Share sh : r.decryption().shares()) {
        if (sh.member() == i) {
          own.add(sh);
        }
      }
      Digest payload = PartialSignature.payload(v.q(), i, p.count(), p.head(), own);
      if (!org.cvote.crypto.record.RecordSignature.verify(
          members.get(i - 1).signingPublicKey(), payload, p.signature())) {
        rep.fail(
            CheckId.V12,
            at + ".signature",
            "not member "
                + i
                + "'s Ed25519 signature (committee.json) over its shares of "
                + "decryption.json with (Q, "
                + i
                + ", N, T_N)");
      }
    }
    for (int i : u) {
      if (!seen.contains(i)) {
        rep.count(CheckId.V12, 1);
        rep.fail(CheckId.V12, "decryption.json partials", "no signature of member " + i + " of U");
      }
    }
  }

  private static JsonNode tree(ParsedRecord r, String file) {
    try {
      JsonNode n = RecordJson.lenient().readTree(r.bytes().get(file));
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static <T> T decode(JsonNode n, Class<T> type, String at, Report rep) {
    rep.count(CheckId.V1, 1);
    if (n == null || n.isNull()) {
      rep.fail(CheckId.V1, at, "missing in a version 2 record");
      return null;
    }
    try {
      return RecordJson.strict().treeToValue(n, type);
    } catch (IOException | IllegalArgumentException e) {
      rep.fail(
          CheckId.V1,
          at,
          e.getMessage() == null
              ? "malformed"
              : e.getMessage().lines().findFirst().orElse("malformed"));
      return null;
    }
  }
}
