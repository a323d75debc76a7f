package org.cvote.committee.decrypt;

import java.util.List;
import java.util.Map;

/**
 * The combination's outcome: counts per subject [HIGH, MID, LOW] (subject i at index i−1), the
 * decryption.json content, and the partial decryptions that were rejected with the reason.
 */
public record TallyResult(int collected, List<long[]> counts, DecryptionRecord decryption, Map<Integer, String> rejected) {
    public TallyResult {
        counts = List.copyOf(counts);
        rejected = Map.copyOf(rejected);
    }

    /** Σ levels of a subject (ballots valid for it). */
    public long valid(int subject) {
        long[] c = counts.get(subject - 1);
        return c[0] + c[1] + c[2];
    }
}
