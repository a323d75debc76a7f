package org.cvote.committee.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
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
 * A {@link CommitteeTransport} wired straight to a {@link CeremonyCoordinator} (tests, the server's
 * demo). Every message goes through its JSON form both ways, as over HTTP. Partial decryptions are
 * collected per poll for the caller to combine; tally inputs are supplied with {@link #publish}.
 */
public class InMemoryTransport implements CommitteeTransport {
  private final CeremonyCoordinator coordinator;
  private final Map<String, TallyInput> inputs = new ConcurrentHashMap<>();
  private final Map<String, List<PartialDecryption>> partials = new ConcurrentHashMap<>();

  public InMemoryTransport(CeremonyCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  public CeremonyCoordinator coordinator() {
    return coordinator;
  }

  /** Makes the manifest, context and board of a closed poll available to {@link #tallyInput}. */
  public void publish(String pollId, TallyInput input) {
    inputs.put(pollId, input);
  }

  /** The partial decryptions posted so far for a poll, in order. */
  public List<PartialDecryption> partials(String pollId) {
    return List.copyOf(partials.getOrDefault(pollId, List.of()));
  }

  static <T> T wire(Object o, Class<T> type) {
    try {
      return CommitteeJson.mapper().readValue(CommitteeJson.mapper().writeValueAsBytes(o), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String register(String pollId, Registration r) {
    return coordinator.register(pollId, wire(r, Registration.class));
  }

  @Override
  public CeremonyState ceremony(String pollId) {
    return coordinator.view(pollId).copy();
  }

  @Override
  public void commit(String pollId, CommitPost p) {
    coordinator.commit(pollId, wire(p, CommitPost.class));
  }

  @Override
  public void reveal(String pollId, RevealPost p) {
    coordinator.reveal(pollId, wire(p, RevealPost.class));
  }

  @Override
  public void shares(String pollId, SharesPost p) {
    coordinator.shares(pollId, wire(p, SharesPost.class));
  }

  @Override
  public void complain(String pollId, ComplaintPost p) {
    coordinator.complain(pollId, wire(p, ComplaintPost.class));
  }

  @Override
  public void answer(String pollId, org.cvote.committee.ceremony.AnswerPost p) {
    coordinator.answer(pollId, wire(p, org.cvote.committee.ceremony.AnswerPost.class));
  }

  @Override
  public void confirm(String pollId, ConfirmPost p) {
    coordinator.confirm(pollId, wire(p, ConfirmPost.class));
  }

  @Override
  public TallyInput tallyInput(String pollId) {
    TallyInput in = inputs.get(pollId);
    if (in == null) {
      throw new org.cvote.committee.CommitteeException(
          org.cvote.committee.CommitteeException.Kind.CONFLICT,
          "not_closed",
          "poll " + pollId + " is not closed yet");
    }
    return in;
  }

  @Override
  public void decryption(String pollId, PartialDecryption p) {
    partials
        .computeIfAbsent(pollId, k -> new CopyOnWriteArrayList<>())
        .add(wire(p, PartialDecryption.class));
  }
}
