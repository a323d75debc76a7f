package org.cvote.server.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.hash.Digest;
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

  /**
   * The poll's ballot encoding: version 2 with its B once the manifest is fixed as version 2, else
   * empty (version 1, or a draft whose version is not fixed yet).
   */
  public static Optional<EncodingV2> encoding(Poll p) {
    return p.encoding();
  }

  /**
   * The poll's context with M of its version (§3 for version 1, §16.1 for version 2), so Q binds
   * the ballot version and B.
   */
  public static Context context(
      Poll p, List<Subject> subjects, CeremonyOutcome o, byte[] tokenSpki, byte[] signingKey) {
    if (signingKey == null || signingKey.length != 32) {
      throw new IllegalArgumentException(
          "the record-signing key must be a 32-byte Ed25519 public key");
    }
    Digest m = BallotVersion.manifestHash(manifest(p, subjects), encoding(p));
    return new Context(
        m,
        o.n(),
        o.t(),
        o.commitments(),
        o.jointKey(),
        Digest.sha256(java.util.Objects.requireNonNull(tokenSpki, "token SPKI")),
        Digest.sha256(signingKey));
  }

  /**
   * The manifest as served ({@code manifest} of {@code GET /api/polls/{id}}) and published
   * (manifest.json): the four fields of §3, then {@link #manifestExtras}.
   */
  public static Map<String, Object> manifestJson(Poll p, List<Subject> subjects) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pollId", p.id());
    m.put("title", p.title());
    m.put("subjects", subjects);
    m.put("options", Manifest.OPTIONS);
    m.putAll(manifestExtras(p));
    return m;
  }

  /**
   * The manifest's fields after {@code options}, in order: {@code ballotVersion} and {@code base}
   * for a version 2 poll (§16.1; nothing for version 1, so its manifest is byte for byte as before
   * version 2), then the served pages' hashes {@code web} (§10.6, not in M).
   */
  public static Map<String, Object> manifestExtras(Poll p) {
    Map<String, Object> m = new LinkedHashMap<>();
    encoding(p)
        .ifPresent(
            e -> {
              m.put(BallotVersion.VERSION_FIELD, EncodingV2.VERSION);
              m.put(BallotVersion.BASE_FIELD, e.base());
            });
    org.cvote.server.web.WebHashes.manifestField().ifPresent(web -> m.put("web", web));
    return m;
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
