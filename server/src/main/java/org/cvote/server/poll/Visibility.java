package org.cvote.server.poll;

/** Who may see the results (docs/domain.md §7 "Who may see results"). */
public enum Visibility {
  PUBLIC,
  PARTICIPANTS
}
