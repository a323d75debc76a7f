package org.cvote.committee.ceremony;

import java.util.Objects;

/**
 * One elected member's one-time invitation to register for a poll's committee (docs/protocol.md
 * §8.6). The code itself is never stored: a store finds the invitation by the code's hash. {@code
 * usedBy} is the key fingerprint of the registration that used it (null while unused).
 */
public record Invitation(String pollId, int number, String name, boolean revoked, String usedBy) {
  public Invitation {
    Objects.requireNonNull(pollId, "pollId");
    Objects.requireNonNull(name, "name");
  }

  public boolean unused() {
    return !revoked && usedBy == null;
  }
}
