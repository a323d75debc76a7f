package org.cvote.committee.identity;

/** The passphrase does not open the file (or the file was altered). */
public class WrongPassphraseException extends Exception {
  private static final long serialVersionUID = 1L;

  public WrongPassphraseException(String message) {
    super(message);
  }
}
