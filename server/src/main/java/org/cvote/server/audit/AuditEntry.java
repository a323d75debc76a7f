package org.cvote.server.audit;

import java.time.Instant;

public record AuditEntry(long seq, Instant at, String actor, String pollId, String action, String detail) {}
