package org.cvote.committee.transport;

import org.cvote.committee.ceremony.CeremonyChannel;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;

/**
 * How a member's tool talks to the server (routes in committee/API.md). Refusals arrive as {@link
 * org.cvote.committee.CommitteeException}; an unreachable server as {@link
 * java.io.UncheckedIOException}.
 */
public interface CommitteeTransport extends CeremonyChannel {
  /** POST /api/polls/{id}/committee/members */
  String register(String pollId, Registration r);

  /** GET /api/polls/{id} and GET /api/polls/{id}/board: manifest, context and the whole board. */
  TallyInput tallyInput(String pollId);

  /** POST /api/polls/{id}/committee/decryption */
  void decryption(String pollId, PartialDecryption p);
}
