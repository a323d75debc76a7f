package org.cvote.verifier;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordSignature;

/**
 * A voter's receipt (docs/protocol.md §7, §12): {index, ballotHash, chain, signature, poll}
 * (trackingCode optional). Confirmed when the record holds that ballot at that place of the chain,
 * the ballot passed every check (so it is counted), and the signature is the server's over
 * H("cvote/v1/receipt", Q, k, B_k, T_k).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Receipt(
    int index,
    Digest ballotHash,
    Digest chain,
    byte[] signature,
    String poll,
    String trackingCode) {

  public record Line(String what, boolean ok, String detail) {}

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      org.cvote.crypto.record.RecordJson.lenient()
          .copy()
          .disable(
              com.fasterxml.jackson.databind.DeserializationFeature
                  .FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .disable(
              com.fasterxml.jackson.databind.DeserializationFeature
                  .FAIL_ON_NULL_CREATOR_PROPERTIES);

  /** Parses a receipt; poll and trackingCode are optional, the rest required. */
  public static Receipt read(byte[] json) throws java.io.IOException {
    Receipt r = MAPPER.readValue(json, Receipt.class);
    if (r.index() < 1 || r.ballotHash() == null || r.chain() == null || r.signature() == null) {
      throw new IllegalArgumentException(
          "a receipt needs index (≥ 1), ballotHash, chain and signature");
    }
    return r;
  }

  public List<Line> check(RecordVerifier.Outcome o) {
    List<Line> out = new ArrayList<>();
    var s = o.ballots();
    var v = o.values();
    boolean pollOk = poll == null || poll.equals(v.pollId());
    out.add(
        new Line(
            "poll",
            pollOk,
            pollOk
                ? "receipt is for poll " + v.pollId()
                : "receipt is for poll " + poll + ", record is " + v.pollId()));
    boolean inChain =
        index >= 1
            && index <= s.ballots()
            && ballotHash.equals(s.receiptHash())
            && chain.equals(s.receiptChain());
    out.add(
        new Line(
            "in chain",
            inChain,
            inChain
                ? "ballot " + index + " with B_k and T_k as on the receipt"
                : index < 1 || index > s.ballots()
                    ? "the record has no ballot " + index + " (it has " + s.ballots() + ")"
                    : "ballot " + index + " of the record has other B_k/T_k than the receipt"));
    boolean counted =
        inChain
            && s.receiptBallotOk()
            && o.report().check(CheckId.V7).passed()
            && o.report().check(CheckId.V9).passed();
    out.add(
        new Line(
            "counted",
            counted,
            counted
                ? "the ballot is valid and in the verified aggregate and tally"
                : "the ballot or the tally did not verify (see the checks above)"));
    if (trackingCode != null) {
      boolean tc = trackingCode.equals(BallotHashes.trackingCode(chain));
      out.add(
          new Line(
              "tracking code",
              tc,
              tc ? trackingCode : "does not match T_k (" + BallotHashes.trackingCode(chain) + ")"));
    }
    boolean sig =
        v.q() != null
            && v.signingKey() != null
            && index >= 1
            && RecordSignature.verify(
                v.signingKey(), BallotHashes.receipt(v.q(), index, ballotHash, chain), signature);
    out.add(
        new Line(
            "signature",
            sig,
            sig
                ? "signed by the record's signing key"
                : "not the server's signature over (Q, k, B_k, T_k)"));
    return out;
  }
}
