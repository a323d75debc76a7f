package org.cvote.verifier.checks;

import java.util.List;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.Labels;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.verifier.record.ParsedRecord;

/**
 * The labels s&lt;subject&gt;/o&lt;option&gt; (version 1) or s&lt;subject&gt; (version 2) of
 * decryption.json and the aggregate ciphertext each names: what V8 and V9 share.
 */
final class RecordLabels {
  private RecordLabels() {}

  /**
   * The aggregate ciphertext a share decrypts: (subject, option) in version 1, (subject, 0) = the
   * row sum in version 2.
   */
  static Ciphertext aggregateOf(ParsedRecord r, int subject, int option) {
    if (r.aggregateV2() != null) {
      List<AggregateFileV2.Row> rows = r.aggregateV2().rows();
      return subject >= 1 && subject <= rows.size() ? rows.get(subject - 1).ciphertext() : null;
    }
    AggregateFile.Option o = aggOption(r, subject, option);
    return o == null ? null : o.ciphertext();
  }

  /** The labels of a poll's decryption: s<i>/o<j> (version 1), s<i> (version 2, §16.6). */
  static List<String> labels(Setup.Values v) {
    List<String> out = new java.util.ArrayList<>();
    for (int i = 1; i <= v.subjects(); i++) {
      if (v.encoding() != null) {
        out.add(BallotV2.label(i));
      } else {
        for (int j = 0; j < Labels.OPTIONS; j++) {
          out.add(Labels.option(i, j));
        }
      }
    }
    return out;
  }

  /** "s3" → {3, 0} for a version 2 poll; null if not a label of this poll. */
  static int[] parseLabelV2(String label, int subjects) {
    if (label == null || !label.matches("s[1-9][0-9]{0,8}")) {
      return null;
    }
    int s = Integer.parseInt(label.substring(1));
    return s <= subjects ? new int[] {s, 0} : null;
  }

  static AggregateFile.Option aggOption(ParsedRecord r, int subject, int option) {
    if (r.aggregate() == null || subject < 1 || subject > r.aggregate().rows().size()) {
      return null;
    }
    AggregateFile.Row row = r.aggregate().rows().get(subject - 1);
    return option < row.options().size() ? row.options().get(option) : null;
  }

  /** "s3/o1" → {3, 1}; null if not a label of this poll. */
  static int[] parseLabel(String label, int subjects) {
    if (label == null || !label.matches("s[1-9][0-9]{0,8}/o[0-2]")) {
      return null;
    }
    int slash = label.indexOf('/');
    int s = Integer.parseInt(label.substring(1, slash));
    int o = label.charAt(label.length() - 1) - '0';
    return s <= subjects ? new int[] {s, o} : null;
  }
}
