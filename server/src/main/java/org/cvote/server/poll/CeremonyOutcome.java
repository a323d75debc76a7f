package org.cvote.server.poll;

import java.util.List;

/**
 * What a completed key ceremony fixes (PROTOCOL.md §8): n, t, every commitment K_ij
 * (i = 1..n, j = 0..t−1, in that order), the joint key K, and the committee.json document.
 */
public record CeremonyOutcome(int n, int t, List<byte[]> commitments, byte[] jointKey, String committeeJson) {}
