package org.cvote.crypto.ballot;

import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * The hashes of docs/protocol.md §6, §7 and §10 that tie ballots, the chain, receipts and the
 * record together.
 */
public final class BallotHashes {
  private BallotHashes() {}

  /** τ = H("cvote/v1/token", prepared message). */
  public static Digest tokenHash(byte[] preparedMessage) {
    return Transcript.of(Tag.TOKEN).bytes(preparedMessage).digest();
  }

  /** B = H("cvote/v1/ballot", Q, τ, then α, β of every option of every row in order). */
  public static Digest ballotHash(Digest context, Digest tokenHash, List<Ballot.Row> rows) {
    Transcript t = Transcript.of(Tag.BALLOT).hash(context).hash(tokenHash);
    for (Ballot.Row r : rows) {
      for (Ballot.Option o : r.options()) {
        t.point(o.alpha()).point(o.beta());
      }
    }
    return t.digest();
  }

  public static Digest ballotHash(Digest context, Ballot b) {
    return ballotHash(context, tokenHash(b.token().msg()), b.rows());
  }

  /** T_0 = H("cvote/v1/chain0", Q). */
  public static Digest chainStart(Digest context) {
    return Transcript.of(Tag.CHAIN0).hash(context).digest();
  }

  /** T_k = H("cvote/v1/chain", T_{k−1}, B_k). */
  public static Digest chainNext(Digest previous, Digest ballotHash) {
    return Transcript.of(Tag.CHAIN).hash(previous).hash(ballotHash).digest();
  }

  /** What a receipt's signature covers: H("cvote/v1/receipt", Q, I2OSP(k,4), B_k, T_k). */
  public static Digest receipt(Digest context, int index, Digest ballotHash, Digest chain) {
    return Transcript.of(Tag.RECEIPT)
        .hash(context)
        .integer(index)
        .hash(ballotHash)
        .hash(chain)
        .digest();
  }

  /** What record.sig covers: H("cvote/v1/record", SHA-256 of each of the eight files in order). */
  public static Digest record(List<Digest> fileHashes) {
    Objects.requireNonNull(fileHashes, "file hashes");
    if (fileHashes.size() != 8) {
      throw new IllegalArgumentException(
          "the record signature covers exactly 8 files, got " + fileHashes.size());
    }
    Transcript t = Transcript.of(Tag.RECORD);
    fileHashes.forEach(t::hash);
    return t.digest();
  }

  /**
   * The tracking code: the first 10 bytes of T_k in base32 (RFC 4648, no padding), in groups of 4.
   */
  public static String trackingCode(Digest chain) {
    byte[] b = java.util.Arrays.copyOf(chain.bytes(), 10);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    StringBuilder out = new StringBuilder();
    long buffer = 0;
    int bits = 0;
    for (byte x : b) {
      buffer = (buffer << 8) | (x & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(alphabet.charAt((int) ((buffer >> (bits - 5)) & 31)));
        bits -= 5;
      }
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < out.length(); i++) {
      if (i > 0 && i % 4 == 0) {
        grouped.append('-');
      }
      grouped.append(out.charAt(i));
    }
    return grouped.toString();
  }
}
