package org.cvote.committee.decrypt;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.ballot.RecordedLine;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;

/**
 * What a member downloads before decrypting: the manifest with its ballot version ({@code
 * encoding}: null for version 1, the base B for version 2, docs/protocol.md §16.1), the context (Q
 * and its inputs), the token key (SPKI DER; null only while parsing: a member refuses an input
 * without it, since §9.2 checks every token's signature), the whole board in chain order (lines of
 * the manifest's version: {@link RecordedBallot} or {@link RecordedBallotV2}), the record key (raw
 * Ed25519, bound to Q by the context's signingKeyHash) and the closing statement the server signed
 * with it at the close (docs/protocol.md §9.5). A member decrypts nothing without a closing
 * statement.
 *
 * <p>JSON ({@code GET …/committee/tally-input}): {@code {"manifest", "context", "tokenSpki",
 * "board", "signingKey", "closing"}}, the manifest carrying {@code "ballotVersion": 2} and {@code
 * "base"} for version 2 ({@link TallyInputJson}).
 */
@JsonSerialize(using = TallyInputJson.Writer.class)
@JsonDeserialize(using = TallyInputJson.Reader.class)
public record TallyInput(
    Manifest manifest,
    EncodingV2 encoding,
    ContextFile context,
    byte[] tokenSpki,
    List<? extends RecordedLine> lines,
    byte[] signingKey,
    ClosingStatement closing) {
  public TallyInput {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(context, "context");
    lines = List.copyOf(Objects.requireNonNull(lines, "board"));
    Class<? extends RecordedLine> type =
        encoding == null ? RecordedBallot.class : RecordedBallotV2.class;
    for (int k = 0; k < lines.size(); k++) {
      RecordedLine line = lines.get(k);
      if (!type.isInstance(line)) {
        // one poll, one ballot version (§16.9): a line of the other version is never decrypted
        throw new IllegalArgumentException(
            "board["
                + k
                + "]: a "
                + (line instanceof RecordedBallotV2 ? "version 2" : "version 1")
                + " ballot line in the tally input of a ballot version "
                + (encoding == null ? 1 : EncodingV2.VERSION)
                + " poll");
      }
    }
  }

  /** A ballot version 1 input. */
  public TallyInput(
      Manifest manifest,
      ContextFile context,
      byte[] tokenSpki,
      List<RecordedBallot> board,
      byte[] signingKey,
      ClosingStatement closing) {
    this(manifest, null, context, tokenSpki, board, signingKey, closing);
  }

  /**
   * Without record key and closing statement (a member refuses it; the server's own aggregate needs
   * neither).
   */
  public TallyInput(
      Manifest manifest, ContextFile context, byte[] tokenSpki, List<RecordedBallot> board) {
    this(manifest, context, tokenSpki, board, null, null);
  }

  /** A ballot version 2 input (docs/protocol.md §16). */
  public static TallyInput v2(
      Manifest manifest,
      EncodingV2 encoding,
      ContextFile context,
      byte[] tokenSpki,
      List<RecordedBallotV2> board,
      byte[] signingKey,
      ClosingStatement closing) {
    return new TallyInput(
        manifest,
        Objects.requireNonNull(encoding, "encoding"),
        context,
        tokenSpki,
        board,
        signingKey,
        closing);
  }

  /** The ballot version: 1, or {@link EncodingV2#VERSION}. */
  public int version() {
    return encoding == null ? 1 : EncodingV2.VERSION;
  }

  public boolean isV2() {
    return encoding != null;
  }

  /** M of the manifest's version (§3, or §16.1 with B). */
  public Digest manifestHash() {
    return BallotVersion.manifestHash(manifest, Optional.ofNullable(encoding));
  }

  /** The board of a version 1 input. */
  @SuppressWarnings("unchecked") // every line was checked to be a RecordedBallot
  public List<RecordedBallot> board() {
    if (encoding != null) {
      throw new IllegalStateException("the tally input is ballot version 2: use boardV2()");
    }
    return (List<RecordedBallot>) lines;
  }

  /** The board of a version 2 input. */
  @SuppressWarnings("unchecked") // every line was checked to be a RecordedBallotV2
  public List<RecordedBallotV2> boardV2() {
    if (encoding == null) {
      throw new IllegalStateException("the tally input is ballot version 1: use board()");
    }
    return (List<RecordedBallotV2>) lines;
  }

  /** The same input with another board (tests build subset boards this way). */
  public TallyInput withBoard(List<? extends RecordedLine> other) {
    return new TallyInput(manifest, encoding, context, tokenSpki, other, signingKey, closing);
  }

  public TallyInput withClosing(byte[] key, ClosingStatement statement) {
    return new TallyInput(manifest, encoding, context, tokenSpki, lines, key, statement);
  }
}
