package org.cvote.server.audit;

/** One audit line; {@code at} is an ISO-8601 instant. */
public record AuditEntry(
    long seq, String at, String actor, String pollId, String action, String detail) {}
