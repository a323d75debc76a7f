package org.cvote.server.roster;

/** A summoned roster member; {@code number} is 1..N within the poll. */
public record Voter(int number, String name, String unit, AttendanceStatus status, boolean late) {}
