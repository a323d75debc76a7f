package org.cvote.server.ballot;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.server.poll.Poll;

/**
 * A voter's proof of taking part in a poll: their signed receipt (docs/protocol.md §7), sent as
 * {@code k.B_k.T_k.signature} (decimal, then lowercase hex) in the header {@code X-Cvote-Receipt}
 * or the query parameter {@code receipt}.
 *
 * <p>k, B_k and T_k are printed on the public board, so they prove nothing; the server's Ed25519
 * signature over {@code H("cvote/v1/receipt", Q, k, B_k, T_k)} is not: it is returned only to the
 * caster, and neither stored nor published (the board and the record carry no receipt signature).
 * It is checked under the server's key and this poll's Q, so a receipt of another poll, or a board
 * line with a made-up signature, proves nothing. A voter who shares their receipt shares their
 * access to the results, as with their access code.
 */
public final class ReceiptProof {
  public static final String HEADER = "X-Cvote-Receipt";
  public static final String QUERY = "receipt";
  private static final int MAX_LENGTH = 10 + 1 + 64 + 1 + 64 + 1 + 128;
  private final byte[] signingKey;

  /** {@code signingKey}: the server's raw Ed25519 public key, which signs every receipt. */
  public ReceiptProof(byte[] signingKey) {
    if (signingKey == null || signingKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    this.signingKey = signingKey.clone();
  }

  /** The receipt as the voter holds it. */
  public record Signed(int index, Digest ballotHash, Digest chain, byte[] signature) {
    /** The wire form: {@code k.B_k.T_k.signature}. */
    public String wire() {
      return index + "." + ballotHash.toHex() + "." + chain.toHex() + "." + Hex.encode(signature);
    }
  }

  /** Whether the request carries a receipt of {@code p} signed by this server. */
  public boolean proves(ServerRequest req, Poll p) {
    String value =
        req.headers()
            .first(HeaderNames.create(HEADER))
            .orElseGet(() -> req.query().contains(QUERY) ? req.query().get(QUERY) : null);
    return value != null && parse(value).filter(r -> valid(r, p)).isPresent();
  }

  /**
   * Whether {@code r} is this server's signature on a receipt of {@code p} (a poll without Q has no
   * receipts).
   */
  public boolean valid(Signed r, Poll p) {
    if (p.q() == null) {
      return false;
    }
    Digest q = Digest.fromHex(p.q());
    return RecordSignature.verify(
        signingKey, BallotHashes.receipt(q, r.index(), r.ballotHash(), r.chain()), r.signature());
  }

  /**
   * The wire form parsed, or empty when it is not exactly {@code k.B_k.T_k.signature} (a bare
   * ballot hash is not).
   */
  public static Optional<Signed> parse(String wire) {
    if (wire.length() > MAX_LENGTH
        || !wire.matches("(0|[1-9][0-9]{0,9})\\.[0-9a-f]{64}\\.[0-9a-f]{64}\\.[0-9a-f]{128}")) {
      return Optional.empty();
    }
    String[] part = wire.split("\\.");
    long k = Long.parseLong(part[0]);
    if (k > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(
        new Signed(
            (int) k, Digest.fromHex(part[1]), Digest.fromHex(part[2]), Hex.decodeOrNull(part[3])));
  }
}
