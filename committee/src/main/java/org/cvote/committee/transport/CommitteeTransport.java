package org.cvote.committee.transport;

import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ComplaintPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.ceremony.SharesPost;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;

/**
 * How a member's tool talks to the server (routes in committee/API.md). Refusals arrive as
 * {@link org.cvote.committee.CommitteeException}; an unreachable server as {@link java.io.UncheckedIOException}.
 */
public interface CommitteeTransport {
    /** POST /api/polls/{id}/committee/members */
    String register(String pollId, Registration r);

    /** GET /api/polls/{id}/committee/ceremony */
    CeremonyState ceremony(String pollId);

    /** POST …/ceremony/commit */
    void commit(String pollId, CommitPost p);

    /** POST …/ceremony/reveal */
    void reveal(String pollId, RevealPost p);

    /** POST …/ceremony/shares */
    void shares(String pollId, SharesPost p);

    /** POST …/ceremony/complaints */
    void complain(String pollId, ComplaintPost p);

    /** POST …/ceremony/answers (the accused publishes the disputed share, docs/protocol.md §8.8) */
    void answer(String pollId, org.cvote.committee.ceremony.AnswerPost p);

    /** POST …/ceremony/confirm */
    void confirm(String pollId, ConfirmPost p);

    /** GET /api/polls/{id} and GET /api/polls/{id}/board: manifest, context and the whole board. */
    TallyInput tallyInput(String pollId);

    /** POST /api/polls/{id}/committee/decryption */
    void decryption(String pollId, PartialDecryption p);
}
