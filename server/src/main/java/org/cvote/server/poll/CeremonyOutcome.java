package org.cvote.server.poll;

import java.util.List;
import org.cvote.crypto.group.Point;

/**
 * What a completed key ceremony fixes (docs/protocol.md §8): n, t, the commitments K_ij of each
 * member i = 1..n (j = 0..t−1), and the joint key K.
 */
public record CeremonyOutcome(int n, int t, List<List<Point>> commitments, Point jointKey) {}
