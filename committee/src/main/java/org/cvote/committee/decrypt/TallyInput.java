package org.cvote.committee.decrypt;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;

/**
 * What a member downloads before decrypting: the manifest, the context (Q and its inputs), the
 * token key (SPKI DER, may be null when the server does not publish it: token signatures are then
 * not checked), the whole board in chain order, the record key (raw Ed25519, bound to Q by the
 * context's signingKeyHash) and the closing statement the server signed with it at the close
 * (docs/protocol.md §9.5). A member decrypts nothing without a closing statement.
 */
public record TallyInput(
    Manifest manifest,
    ContextFile context,
    byte[] tokenSpki,
    List<RecordedBallot> board,
    byte[] signingKey,
    ClosingStatement closing) {
  public TallyInput {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(context, "context");
    board = List.copyOf(Objects.requireNonNull(board, "board"));
  }

  /**
   * Without record key and closing statement (a member refuses it; the server's own aggregate needs
   * neither).
   */
  public TallyInput(
      Manifest manifest, ContextFile context, byte[] tokenSpki, List<RecordedBallot> board) {
    this(manifest, context, tokenSpki, board, null, null);
  }

  /** The same input with another board (tests build subset boards this way). */
  public TallyInput withBoard(List<RecordedBallot> other) {
    return new TallyInput(manifest, context, tokenSpki, other, signingKey, closing);
  }

  public TallyInput withClosing(byte[] key, ClosingStatement statement) {
    return new TallyInput(manifest, context, tokenSpki, board, key, statement);
  }
}
