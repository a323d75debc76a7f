package org.cvote.server.poll;

/** Who may see the results (DOMAIN.md "Who may see results"). */
public enum Visibility {
    PUBLIC, PARTICIPANTS
}
