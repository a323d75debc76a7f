package org.cvote.crypto.ballot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.proof.RangeProof;

/** The encrypted ballot of docs/protocol.md §7 (a strict JSON object). */
@JsonPropertyOrder({"poll", "token", "rows"})
public record Ballot(String poll, Token token, List<Row> rows) {
  public Ballot {
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(rows, "rows");
    rows = List.copyOf(rows);
  }

  /** The finalized RFC 9474 token: the prepared message and the RSA-PSS signature. */
  @JsonPropertyOrder({"msg", "sig"})
  public record Token(byte[] msg, byte[] sig) {
    public Token {
      Objects.requireNonNull(msg, "msg");
      Objects.requireNonNull(sig, "sig");
      msg = msg.clone();
      sig = sig.clone();
    }

    @Override
    public byte[] msg() {
      return msg.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Token t
          && java.util.Arrays.equals(t.msg, msg)
          && java.util.Arrays.equals(t.sig, sig);
    }

    @Override
    public int hashCode() {
      return 31 * java.util.Arrays.hashCode(msg) + java.util.Arrays.hashCode(sig);
    }

    @Override
    public String toString() {
      return "Token[msg " + msg.length + " bytes, sig " + sig.length + " bytes]";
    }
  }

  /**
   * One subject's row: three option ciphertexts (HIGH, MID, LOW) and the proof that their sum is 0
   * or 1.
   */
  @JsonPropertyOrder({"subject", "options", "rowProof"})
  public record Row(int subject, List<Option> options, RangeProof rowProof) {
    public Row {
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(rowProof, "rowProof");
      options = List.copyOf(options);
    }
  }

  @JsonPropertyOrder({"alpha", "beta", "proof"})
  public record Option(Point alpha, Point beta, RangeProof proof) {
    public Option {
      Objects.requireNonNull(alpha, "alpha");
      Objects.requireNonNull(beta, "beta");
      Objects.requireNonNull(proof, "proof");
    }
  }
}
