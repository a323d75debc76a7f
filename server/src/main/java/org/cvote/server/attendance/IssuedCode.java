package org.cvote.server.attendance;

/** An access code handed to a checked-in voter; exists only in the response that shows it once. */
public record IssuedCode(int voter, String name, String accessCode) {}
