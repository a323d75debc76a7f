package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.PublicKeys;

/**
 * {@code join}: a member offers its public keys for a poll, self-signed (proof of possession of the
 * Ed25519 key), under the one-time invitation the secretariat gave it (docs/protocol.md §8.6). The
 * secretariat then approves the committee list (elected at the conference) by fingerprint (§8.7).
 *
 * <p>{@code name} is the name the member signed (its own spelling); {@code invitation} is the code,
 * sent once and never stored; {@code invitedName} is set by the server from the invitation, and is
 * the name the member bears on the committee (the member cannot choose it).
 */
@JsonPropertyOrder({
  "pollId",
  "name",
  "hpkePublicKey",
  "signingPublicKey",
  "hpkeKeyset",
  "signingKeyset",
  "fingerprint",
  "signature",
  "invitation",
  "invitedName"
})
public record Registration(
    String pollId,
    String name,
    byte[] hpkePublicKey,
    byte[] signingPublicKey,
    JsonNode hpkeKeyset,
    JsonNode signingKeyset,
    String fingerprint,
    byte[] signature,
    @JsonInclude(JsonInclude.Include.NON_NULL) String invitation,
    @JsonInclude(JsonInclude.Include.NON_NULL) String invitedName) {
  public Registration(
      String pollId,
      String name,
      byte[] hpkePublicKey,
      byte[] signingPublicKey,
      JsonNode hpkeKeyset,
      JsonNode signingKeyset,
      String fingerprint,
      byte[] signature) {
    this(
        pollId,
        name,
        hpkePublicKey,
        signingPublicKey,
        hpkeKeyset,
        signingKeyset,
        fingerprint,
        signature,
        null,
        null);
  }

  public Registration {
    Objects.requireNonNull(pollId, "pollId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hpkePublicKey, "hpkePublicKey");
    Objects.requireNonNull(signingPublicKey, "signingPublicKey");
    Objects.requireNonNull(hpkeKeyset, "hpkeKeyset");
    Objects.requireNonNull(signingKeyset, "signingKeyset");
    Objects.requireNonNull(signature, "signature");
  }

  public static Registration create(String pollId, MemberIdentity id) {
    return create(pollId, id, null);
  }

  /**
   * The registration a member's tool sends with its invitation code (the code is not signed: see
   * §8.6).
   */
  public static Registration create(String pollId, MemberIdentity id, String invitation) {
    try {
      JsonNode hk = CommitteeJson.mapper().readTree(id.hpkePublicKeysetJson());
      JsonNode sk = CommitteeJson.mapper().readTree(id.signingPublicKeysetJson());
      byte[] sig =
          id.sign(Posts.join(pollId, id.name(), id.hpkePublicKey(), id.signingPublicKey()).bytes());
      return new Registration(
          pollId,
          id.name(),
          id.hpkePublicKey(),
          id.signingPublicKey(),
          hk,
          sk,
          id.fingerprint(),
          sig,
          invitation,
          null);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks the self-signature and that the keysets carry the raw keys; throws
   * IllegalArgumentException naming the defect.
   */
  public void check() {
    if (hpkePublicKey.length != PublicKeys.KEY_BYTES
        || signingPublicKey.length != PublicKeys.KEY_BYTES) {
      throw new IllegalArgumentException("public keys must be 32 bytes");
    }
    PublicKeys.checkMatches(
        hpkePublicKey, hpkeKeyset.toString(), signingPublicKey, signingKeyset.toString());
    if (!PublicKeys.verify(
        signingPublicKey,
        Posts.join(pollId, name, hpkePublicKey, signingPublicKey).bytes(),
        signature)) {
      throw new IllegalArgumentException(
          "registration signature does not verify under its signing key");
    }
    if (fingerprint != null
        && !fingerprint.equals(PublicKeys.fingerprint(hpkePublicKey, signingPublicKey))) {
      throw new IllegalArgumentException("fingerprint does not match the keys");
    }
  }

  /** As stored: the code dropped, the invited name set, the fingerprint computed. */
  public Registration invited(String invitedName) {
    return new Registration(
        pollId,
        name,
        hpkePublicKey,
        signingPublicKey,
        hpkeKeyset,
        signingKeyset,
        PublicKeys.fingerprint(hpkePublicKey, signingPublicKey),
        signature,
        null,
        invitedName);
  }

  /**
   * The name on the committee: the invitation's, else (a state from before invitations) the signed
   * one.
   */
  public String displayName() {
    return invitedName != null ? invitedName : name;
  }

  public Member asMember(int index) {
    return new Member(
        index, displayName(), hpkePublicKey, signingPublicKey, hpkeKeyset, signingKeyset);
  }

  public boolean sameKeys(Registration o) {
    return Arrays.equals(o.signingPublicKey, signingPublicKey)
        && Arrays.equals(o.hpkePublicKey, hpkePublicKey);
  }
}
