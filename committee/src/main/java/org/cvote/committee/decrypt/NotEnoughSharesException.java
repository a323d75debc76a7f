package org.cvote.committee.decrypt;

/** Fewer than t valid partial decryptions: the tally cannot be computed (yet). */
public class NotEnoughSharesException extends Exception {
  private static final long serialVersionUID = 1L;

  public NotEnoughSharesException(String message) {
    super(message);
  }
}
