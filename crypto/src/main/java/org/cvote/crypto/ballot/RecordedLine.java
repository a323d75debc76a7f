package org.cvote.crypto.ballot;

import org.cvote.crypto.hash.Digest;

/**
 * What a line of ballots.ndjson declares in either ballot version (docs/protocol.md §7, §16.2): the
 * poll, the token, the chain position, B_k and T_k. The rows differ per version.
 */
public interface RecordedLine {
  String poll();

  Ballot.Token token();

  int index();

  Digest hash();

  Digest chain();
}
