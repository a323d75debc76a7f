package org.cvote.committee.decrypt;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Manifest;

/**
 * What a member downloads before decrypting: the manifest, the context (Q and its inputs), the token
 * key (SPKI DER, may be null when the server does not publish it: token signatures are then not checked)
 * and the whole board in chain order.
 */
public record TallyInput(Manifest manifest, ContextInfo context, byte[] tokenSpki, List<RecordedBallot> board) {
    public TallyInput {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(context, "context");
        board = List.copyOf(Objects.requireNonNull(board, "board"));
    }
}
