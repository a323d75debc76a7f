package org.cvote.committee.server;

import org.cvote.committee.decrypt.TallyInput;

/**
 * Supplied by the server: a closed poll's manifest, context (Q and inputs), token key and the whole
 * board in chain order. Throws {@link org.cvote.committee.CommitteeException} (409 not_closed)
 * before close.
 */
public interface TallySource {
  TallyInput tallyInput(String pollId);
}
