package org.cvote.server.roster;

/** ABSENT: not (yet) arrived. PRESENT: checked in. LEFT: checked in, then left before voting. */
public enum AttendanceStatus {
  ABSENT,
  PRESENT,
  LEFT
}
