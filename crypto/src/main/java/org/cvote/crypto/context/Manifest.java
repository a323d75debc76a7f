package org.cvote.crypto.context;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;

/**
 * The ballot's content (docs/protocol.md §3, §10 manifest.json): poll id, title and the subjects in
 * order. Options are always HIGH, MID, LOW. All text must be NFC (the server normalises on entry).
 */
public record Manifest(String pollId, String title, List<Subject> subjects, List<String> options) {
  public static final List<String> OPTIONS = List.of("HIGH", "MID", "LOW");

  public record Subject(int index, String name, String position, String unit) {
    public Subject {
      nfc(name, "subject name");
      nfc(position, "subject position");
      nfc(unit, "subject unit");
      if (index < 1) {
        throw new IllegalArgumentException("subject index must be ≥ 1, got " + index);
      }
    }
  }

  public Manifest {
    nfc(pollId, "pollId");
    nfc(title, "title");
    Objects.requireNonNull(subjects, "subjects");
    subjects = List.copyOf(subjects);
    options = options == null ? OPTIONS : List.copyOf(options);
    if (!options.equals(OPTIONS)) {
      throw new IllegalArgumentException("options must be exactly [HIGH, MID, LOW]");
    }
    if (pollId.isEmpty() || pollId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
      throw new IllegalArgumentException("pollId must be 1..255 UTF-8 bytes");
    }
    for (int i = 0; i < subjects.size(); i++) {
      if (subjects.get(i).index() != i + 1) {
        throw new IllegalArgumentException(
            "subjects must be indexed 1..S in order; subject at position "
                + (i + 1)
                + " has index "
                + subjects.get(i).index());
      }
    }
  }

  public Manifest(String pollId, String title, List<Subject> subjects) {
    this(pollId, title, subjects, OPTIONS);
  }

  private static void nfc(String s, String what) {
    Objects.requireNonNull(s, what);
    if (!Normalizer.isNormalized(s, Normalizer.Form.NFC)) {
      throw new IllegalArgumentException(what + " must be in Unicode NFC");
    }
  }

  /**
   * M = H("cvote/v1/manifest", pollId, title, I2OSP(#subjects,4), per subject: I2OSP(index,4),
   * name, position, unit).
   */
  public Digest hash() {
    Transcript t =
        Transcript.of(Tag.MANIFEST).string(pollId).string(title).integer(subjects.size());
    for (Subject s : subjects) {
      t.integer(s.index()).string(s.name()).string(s.position()).string(s.unit());
    }
    return t.digest();
  }
}
