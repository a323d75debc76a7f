package org.cvote.server.ceremony;

import java.util.function.Supplier;
import org.cvote.committee.CommitteeException;
import org.cvote.server.refusal.Refusal;

/**
 * The committee library's refusals, said as the server's {@link Refusal} (same code, message and
 * field).
 */
public final class CommitteeRefusals {
  private CommitteeRefusals() {}

  /**
   * Runs a coordinator call, turning a {@link CommitteeException} into a {@link Refusal} of the
   * matching kind.
   */
  public static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (CommitteeException e) {
      throw of(e);
    }
  }

  static Refusal of(CommitteeException e) {
    Refusal.Kind kind =
        switch (e.kind()) {
          case BAD_REQUEST -> Refusal.Kind.BAD_INPUT;
          case FORBIDDEN -> Refusal.Kind.FORBIDDEN;
          case NOT_FOUND -> Refusal.Kind.NOT_FOUND;
          case CONFLICT -> Refusal.Kind.CONFLICT;
          case UNAVAILABLE -> Refusal.Kind.UNAVAILABLE;
        };
    return new Refusal(kind, e.code(), e.getMessage(), e.field());
  }
}
