package org.cvote.committee.ceremony;

/** Where a ceremony attempt stands (docs/protocol.md §8 steps). */
public enum Phase {
  /** Members join; the secretariat has not started the ceremony. */
  REGISTRATION,
  /** Step 0: waiting for every member's commitment hash. */
  COMMIT,
  /** Step 1: waiting for every member's commitments and Schnorr proofs. */
  REVEAL,
  /** Step 2: waiting for every member's encrypted shares. */
  SHARES,
  /** Steps 3–5: members check their shares and confirm the transcript. */
  CONFIRM,
  /** All n confirmations matched: K and the public shares are final. */
  DONE,
  /** A complaint or a transcript mismatch: restart without the accused. */
  FAILED
}
