package org.cvote.server.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.record.RecordJson;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.server.poll.Poll;
import org.cvote.server.poll.Subject;

/** Builds the crypto module's Manifest and Context (docs/protocol.md §3) from the server's rows. */
public final class Contexts {
  private Contexts() {}

  public static Manifest manifest(Poll p, List<Subject> subjects) {
    return new Manifest(
        p.id(),
        p.title(),
        subjects.stream()
            .map(s -> new Manifest.Subject(s.index(), s.name(), s.position(), s.unit()))
            .toList());
  }

  public static Context context(
      Manifest manifest, CeremonyOutcome o, byte[] tokenSpki, byte[] signingKey) {
    return Context.of(manifest, o.n(), o.t(), o.commitments(), o.jointKey(), tokenSpki, signingKey);
  }

  /**
   * The poll's stored context JSON (served as is): context.json's fields, then the commitments
   * K_ij.
   */
  public static String json(Context context) {
    return new String(RecordJson.write(context), StandardCharsets.UTF_8);
  }

  /** Reads a poll's stored context; its Q is recomputed and must match. */
  public static Context stored(Poll p) {
    if (p.contextJson() == null) {
      throw new IllegalStateException("poll " + p.id() + " has no context yet");
    }
    try {
      return RecordJson.lenient().readValue(p.contextJson(), Context.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          "the stored context of poll " + p.id() + " does not parse: " + e.getMessage(), e);
    }
  }
}
