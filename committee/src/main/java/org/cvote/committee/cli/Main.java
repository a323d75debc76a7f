package org.cvote.committee.cli;

/** Entry point of the committee jar: {@code bin/cvote-committee}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(CommitteeCli.run(args));
  }
}
