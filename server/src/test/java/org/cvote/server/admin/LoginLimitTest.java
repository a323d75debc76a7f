package org.cvote.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.cvote.server.ServerConfig;
import org.cvote.server.refusal.Refusal;
import org.cvote.server.refusal.RetryLater;
import org.cvote.server.support.TestApp;
import org.cvote.server.support.TestClock;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * Issue 19 §5: the secretariat's login cannot be turned into a memory or CPU sink (each check is
 * Argon2id with 19 MiB), and guesses are limited per user and per address; the right password works
 * again after the window.
 */
@LocalServer
class LoginLimitTest {
  static final TestClock CLOCK = new TestClock();
  // the shipped limits, except a long queue wait so that the 10 admitted checks all finish on a
  // loaded machine
  static final LoginGuard.Settings LIMITS =
      new LoginGuard.Settings(
          10, 20, Duration.ofMinutes(15), 2, 8, Duration.ofSeconds(120), 10_000);
  static final TestApp APP =
      TestApp.create(
          c -> c.withLogin(LIMITS).withTrustedProxies(ServerConfig.exactly("127.0.0.1, ::1")),
          CLOCK);
  private final Api api;

  LoginLimitTest(URI uri) {
    this.api = new Api(uri);
  }

  private Api.Res login(String user, String password, String address) {
    return api.post(
        "/admin/session",
        Map.of("username", user, "password", password),
        null,
        address == null ? Map.of() : Map.of("X-Forwarded-For", address));
  }

  @Test
  void twoHundredParallelWrongLoginsAreBoundedAndTheRightPasswordWorksAfterTheWindow()
      throws Exception {
    int n = 200;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Api.Res>> fs = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int k = i;
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  return login("admin", "wrong-password-" + k, null);
                }));
      }
      go.countDown();
      int unauthorized = 0, tooMany = 0;
      for (Future<Api.Res> f : fs) {
        Api.Res r = f.get();
        if (r.status() == 401) {
          unauthorized++;
        } else {
          assertEquals(429, r.status(), r.toString());
          assertEquals("too_many_logins", r.error());
          long after = r.retryAfterSeconds();
          assertTrue(after >= 1 && after <= 15 * 60, "Retry-After within the window: " + after);
          tooMany++;
        }
      }
      assertEquals(10, unauthorized, "exactly the user's 10 attempts reach the password check");
      assertEquals(190, tooMany, "the rest are refused before any hashing");
    }
    int peak = APP.app.loginGuard().peakConcurrentHashing();
    assertTrue(
        peak >= 1 && peak <= 2, "never more than 2 Argon2id checks (2 × 19 MiB) at once: " + peak);

    Api.Res locked = login("admin", APP.adminPassword, null);
    assertEquals(429, locked.status(), "the right password waits for the window too: " + locked);
    Api.Res elsewhere = login("admin", APP.adminPassword, "203.0.113.20");
    assertEquals(
        429, elsewhere.status(), "the per-user limit holds from any address: " + elsewhere);

    CLOCK.advance(Duration.ofMinutes(15).plusSeconds(1));
    Api.Res ok = login("admin", APP.adminPassword, null);
    assertEquals(201, ok.status(), "after the window the right password works: " + ok);
    assertEquals(
        401,
        login("admin", "wrong-again", null).status(),
        "a success forgives the earlier attempts");
  }

  /**
   * Derby compares VARCHARs with trailing spaces ignored, so "admin " would find the admin account:
   * a padded name must never be a fresh per-user limit, else each added space is ten more guesses
   * at the admin password. It is refused before any counting or hashing (400 naming the field), so
   * it is no guess at all.
   */
  @Test
  void trailingSpacesDoNotOpenAFreshPerUserLimit() {
    int i = 0;
    Api.Res r;
    do {
      r = login("admin", "wrong-password-" + i, "203.0.113." + (100 + i));
    } while (r.status() == 401 && ++i < 12);
    assertEquals(429, r.status(), "the admin account is locked for the window: " + r);
    try {
      Api.Res padded = login("admin ", APP.adminPassword, "203.0.113.150");
      assertEquals(
          400, padded.status(), "a padded name opens no fresh limit and is not checked: " + padded);
      assertEquals("username", padded.field());
      assertEquals(
          400, login("admin" + " ".repeat(150), APP.adminPassword, "203.0.113.151").status());
      assertEquals(
          429,
          login("admin", APP.adminPassword, "203.0.113.152").status(),
          "admin stays locked for the window");
    } finally {
      CLOCK.advance(Duration.ofMinutes(15).plusSeconds(1));
    }
  }

  @Test
  void wrongLoginsArePerAddressToo() {
    String address = "198.51.100.77";
    for (int i = 0; i < 20; i++) {
      Api.Res r = login("nobody-" + i, "wrong-password", address);
      assertEquals(401, r.status(), r.toString());
    }
    Api.Res r = login("nobody-20", "wrong-password", address);
    assertEquals(429, r.status(), r.toString());
    assertEquals("too_many_logins", r.error());
    assertTrue(r.retryAfterSeconds() <= 15 * 60);
    assertEquals(
        401,
        login("nobody-21", "wrong-password", "198.51.100.78").status(),
        "another address is not limited");
  }

  /**
   * The pool by itself: 40 threads, 2 permits, 3 waiting: the peak stays at 2 and the excess is
   * refused at once (503).
   */
  @Test
  void theHashingPoolRunsAtMostItsPermitsAndRefusesTheExcess() throws Exception {
    LoginGuard guard =
        new LoginGuard(
            new LoginGuard.Settings(
                10, 20, Duration.ofMinutes(1), 2, 3, Duration.ofSeconds(60), 100),
            Clock.systemUTC());
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger busy = new AtomicInteger(), done = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 40; i++) {
        fs.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    guard.hashing(
                        () -> {
                          sleep(200);
                          return done.incrementAndGet();
                        });
                  } catch (RetryLater e) {
                    assertEquals(503, org.cvote.server.http.Http.status(e.kind()));
                    assertEquals("busy", e.code());
                    busy.incrementAndGet();
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get();
      }
    }
    assertEquals(2, guard.peakConcurrentHashing());
    assertEquals(40, busy.get() + done.get());
    assertTrue(
        done.get() >= 5 && busy.get() >= 1,
        "2 running + 3 waiting are served, the excess refused: done "
            + done.get()
            + ", busy "
            + busy.get());
  }

  /** 10,000 made-up users from 10,000 addresses: the counters keep at most maxKeys entries each. */
  @Test
  void theAttemptCountersStayBounded() {
    LoginGuard guard =
        new LoginGuard(
            new LoginGuard.Settings(3, 3, Duration.ofMinutes(15), 2, 8, Duration.ofSeconds(5), 500),
            Clock.systemUTC());
    for (int i = 0; i < 10_000; i++) {
      guard.attempt("user-" + i + "-" + "x".repeat(4000), "10.1." + (i / 250) + "." + (i % 250));
    }
    assertTrue(
        guard.trackedKeys() <= 1000, "at most 500 users + 500 addresses: " + guard.trackedKeys());
    // a key still tracked is still limited
    guard.attempt("admin", "192.0.2.1");
    guard.attempt("admin", "192.0.2.1");
    guard.attempt("admin", "192.0.2.1");
    Refusal e = assertThrows(Refusal.class, () -> guard.attempt("admin", "192.0.2.1"));
    assertEquals(429, org.cvote.server.http.Http.status(e.kind()));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
