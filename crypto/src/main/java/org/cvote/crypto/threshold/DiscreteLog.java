package org.cvote.crypto.threshold;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;

/**
 * Finds m in [0, bound] with m·G = target by baby-step giant-step: O(√bound) group operations. The
 * bound is explicit (ballots collected, docs/protocol.md §9.3); a target outside it is a clear
 * error, never a silent wrong answer.
 */
public final class DiscreteLog {
  private DiscreteLog() {}

  public static final class OutOfBoundException extends Exception {
    private static final long serialVersionUID = 1L;

    OutOfBoundException(long bound) {
      super(
          "no m in [0, "
              + bound
              + "] with m·G equal to the target: the decryption does not match the count bound");
    }
  }

  public static long solve(Point target, long bound) throws OutOfBoundException {
    Objects.requireNonNull(target, "target");
    if (bound < 0 || bound > (1L << 40)) {
      throw new IllegalArgumentException("bound must be in [0, 2^40], got " + bound);
    }
    if (target.isIdentity()) {
      return 0;
    }
    long step = (long) Math.ceil(Math.sqrt(bound + 1.0));
    // baby steps: j·G for j in [1, step]
    Map<Point, Long> baby = new HashMap<>((int) Math.min(step * 2, Integer.MAX_VALUE));
    Point p = Point.IDENTITY;
    for (long j = 1; j <= step; j++) {
      p = p.add(Point.G);
      baby.putIfAbsent(p, j);
    }
    Point giant = Point.baseMul(Scalar.of(step)).negate();
    Point cur = target;
    for (long i = 0; i <= step; i++) {
      if (cur.isIdentity()) {
        long m = i * step;
        if (m <= bound) {
          return m;
        }
        break;
      }
      Long j = baby.get(cur);
      if (j != null) {
        long m = i * step + j;
        if (m <= bound) {
          return m;
        }
        break;
      }
      cur = cur.add(giant);
    }
    throw new OutOfBoundException(bound);
  }
}
