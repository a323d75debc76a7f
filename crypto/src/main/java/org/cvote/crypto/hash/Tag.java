package org.cvote.crypto.hash;

import java.nio.charset.StandardCharsets;

/**
 * Every domain-separation tag of the protocol, one per purpose (docs/protocol.md §2). Keeping them
 * in one enum makes a reused or mistyped tag impossible.
 */
public enum Tag {
  MANIFEST("cvote/v1/manifest"),
  CONTEXT("cvote/v1/context"),
  RANGE("cvote/v1/range"),
  SCHNORR("cvote/v1/schnorr"),
  DLEQ("cvote/v1/dleq"),
  /** τ = H(TOKEN, prepared message); the same string also starts the token message itself (§6). */
  TOKEN("cvote/v1/token"),
  BALLOT("cvote/v1/ballot"),
  CHAIN0("cvote/v1/chain0"),
  CHAIN("cvote/v1/chain"),
  CEREMONY("cvote/v1/ceremony"),
  COMMIT("cvote/v1/commit"),
  /** Ceremony transcript confirmed by every member (§8 step 5; this project's definition). */
  TRANSCRIPT("cvote/v1/transcript"),
  RECORD("cvote/v1/record"),
  RECEIPT("cvote/v1/receipt"),
  /** The server's closing statement: the board it fixed at the close (docs/protocol.md §9.5). */
  CLOSING("cvote/v1/closing"),
  /**
   * What a member signs for its partial decryption of one closed board (kept in the record from
   * version 2).
   */
  PARTIAL("cvote/v1/partial"),
  /** What the server stores of a voter's one-time access code (this project's addition). */
  ACCESS_CODE("cvote/v1/access-code"),
  /**
   * What a committee member signs for each post to the server (the committee's own messages, not in
   * the record).
   */
  POST_JOIN("cvote/v1/post/join"),
  POST_COMMIT("cvote/v1/post/commit"),
  POST_REVEAL("cvote/v1/post/reveal"),
  POST_SHARE("cvote/v1/post/share"),
  POST_COMPLAINT("cvote/v1/post/complaint"),
  /** The accused's answer to a complaint: the disputed share in clear (docs/protocol.md §8.7). */
  POST_ANSWER("cvote/v1/post/answer"),
  POST_CONFIRM("cvote/v1/post/confirm"),
  /**
   * Version 1 partial decryptions (no closing statement); no longer accepted: see {@link #PARTIAL}.
   */
  POST_DECRYPTION("cvote/v1/post/decryption"),
  /** Ballot encoding version 2 (docs/protocol.md §16): the manifest hash M with the base B. */
  MANIFEST_V2("cvote/v2/manifest"),
  /** Ballot encoding version 2: the one-of-{0, 1, B, B²} row proof's challenge (§16.4). */
  ROW_V2("cvote/v2/row"),
  /** Ballot encoding version 2: the ballot hash B_k over one ciphertext per row (§16.5). */
  BALLOT_V2("cvote/v2/ballot");

  private final String text;
  private final byte[] bytes;

  Tag(String text) {
    this.text = text;
    this.bytes = text.getBytes(StandardCharsets.US_ASCII);
  }

  public String text() {
    return text;
  }

  byte[] bytes() {
    return bytes;
  }

  /** Looks a tag up by its text (test vectors name tags as text). */
  public static Tag ofText(String text) {
    for (Tag t : values()) {
      if (t.text.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown tag: " + text);
  }
}
