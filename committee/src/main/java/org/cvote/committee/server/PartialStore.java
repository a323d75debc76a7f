package org.cvote.committee.server;

import java.util.List;
import org.cvote.committee.decrypt.PartialDecryption;

/** Where the server keeps the valid partial decryptions of each poll (one per member). */
public interface PartialStore {
  List<PartialDecryption> load(String pollId);

  /** Adds or replaces the member's partial decryption. */
  void put(String pollId, PartialDecryption p);
}
