package org.cvote.committee.decrypt;

import java.util.List;
import java.util.Map;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;

/**
 * The combination's outcome: counts per subject [HIGH, MID, LOW] (subject i at index i−1), the
 * decryption.json content, the signatures of the decryption set's members over their partial
 * decryptions (closing.json's {@code partials}), and the partial decryptions that were rejected
 * with the reason.
 */
public record TallyResult(
    long collected,
    List<long[]> counts,
    DecryptionFile decryption,
    List<PartialSignature> partials,
    Map<Integer, String> rejected) {
  public TallyResult {
    counts = List.copyOf(counts);
    partials = List.copyOf(partials);
    rejected = Map.copyOf(rejected);
  }

  /** Σ levels of a subject (ballots valid for it). */
  public long valid(int subject) {
    long[] c = counts.get(subject - 1);
    return c[0] + c[1] + c[2];
  }
}
