package org.cvote.server.roster;

/**
 * Attendance figures. {@code present} counts everyone who was at the conference (including those
 * who left), {@code presentAtVoting} only those still there. Quorum counts the people present at
 * the moment of the check, so those who left are not in it: 3·presentAtVoting ≥ 2·summoned, in
 * exact integer arithmetic (docs/domain.md §4).
 */
public record Quorum(int summoned, int present, int presentAtVoting) {
  public int absentFromStart() {
    return summoned - present;
  }

  public boolean met() {
    return summoned > 0 && 3L * presentAtVoting >= 2L * summoned;
  }
}
