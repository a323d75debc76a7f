package org.cvote.server.ceremony;

import org.cvote.committee.ceremony.Registration;

/** How the server names a registered committee member: its key fingerprint (committee/API.md). */
final class Registrations {
  private Registrations() {}

  static String fingerprint(Registration r) {
    return org.cvote.committee.identity.PublicKeys.fingerprint(
        r.hpkePublicKey(), r.signingPublicKey());
  }
}
