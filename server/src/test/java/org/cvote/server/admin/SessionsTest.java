package org.cvote.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.cvote.server.store.Database;
import org.cvote.server.store.Tx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsTest {

  @Test
  void sessionsExpire(@TempDir Path dir) {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-23T08:00:00Z"));
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    try (Database db = org.cvote.server.support.TestStore.open(dir)) {
      Tx tx = new Tx(db);
      new Accounts(
              tx, new PasswordHasher(1024, 1), new org.cvote.server.audit.AuditLog(clock), clock)
          .ensureFirstAccount();
      Sessions sessions = new Sessions(tx, clock, Duration.ofHours(8));
      Sessions.Session s = sessions.create(Accounts.FIRST_USER);
      assertEquals(Accounts.FIRST_USER, sessions.resolve(s.token()).orElseThrow());
      now.set(now.get().plus(Duration.ofHours(8)).plusSeconds(1));
      assertTrue(sessions.resolve(s.token()).isEmpty(), "expired");
      assertTrue(sessions.resolve("made-up").isEmpty());
    }
  }
}
