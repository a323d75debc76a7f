package org.cvote.committee.decrypt;

/**
 * Verified partial decryptions that do not combine to counts honest ballots can give (a value
 * outside the search range, or, in ballot version 2, digits summing to more than the ballots): a
 * wrong share or a wrong aggregate. The combiner refuses and publishes nothing; it never guesses.
 */
public final class TallyRefusedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String label;

  public TallyRefusedException(String label, String message) {
    super(message);
    this.label = label;
  }

  public TallyRefusedException(String label, String message, Throwable cause) {
    super(message, cause);
    this.label = label;
  }

  /**
   * The label that failed ({@code s<i>/o<j>}, or {@code s<i>} in version 2); null for the board.
   */
  public String label() {
    return label;
  }
}
