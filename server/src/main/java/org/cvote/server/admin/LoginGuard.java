package org.cvote.server.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.cvote.server.refusal.RetryLater;

/**
 * The limits in front of the secretariat's password checks (issue 19 §5). Each check runs Argon2id
 * with 19 MiB, so two things are bounded:
 *
 * <ul>
 *   <li><b>Attempts</b> per user name and per client address within a window: an attempt is counted
 *       when it starts (so 200 parallel requests cannot all slip in before the first failure is
 *       recorded) and forgiven when it succeeds; past a limit the answer is 429 with {@code
 *       Retry-After}, before any hashing.
 *   <li><b>Hashing</b>: at most {@code hashPermits} checks run at once, at most {@code hashQueue}
 *       more wait (for at most {@code hashWait}); beyond that the answer is 503 with {@code
 *       Retry-After} at once. Memory for hashing is thus at most {@code hashPermits} × 19 MiB
 *       whatever the number of requests.
 * </ul>
 *
 * The counters live in memory, per node, in two maps of at most {@code maxKeys} entries each; when
 * one is full the entry whose window started first is dropped (so filling it with made-up names
 * cannot lock anyone out; it can only weaken the per-key limits, and the hashing bound still caps
 * the rate of guesses).
 */
public final class LoginGuard {
  /** The limits; see the class comment. */
  public record Settings(
      int maxPerUser,
      int maxPerAddress,
      Duration window,
      int hashPermits,
      int hashQueue,
      Duration hashWait,
      int maxKeys) {
    public Settings {
      if (maxPerUser < 1 || maxPerAddress < 1) {
        throw new IllegalArgumentException("login attempt limits must be at least 1");
      }
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("login window must be positive");
      }
      if (hashPermits < 1 || hashQueue < 0) {
        throw new IllegalArgumentException("login hash-permits ≥ 1 and hash-queue ≥ 0");
      }
      if (hashWait == null || hashWait.isNegative()) {
        throw new IllegalArgumentException("login hash-wait must not be negative");
      }
      if (maxKeys < 1) {
        throw new IllegalArgumentException("login max-keys must be at least 1");
      }
    }

    /**
     * 10 attempts per user and 20 per address in 15 minutes; 2 hashes at once, 8 waiting up to 5 s;
     * 10,000 keys.
     */
    public static Settings defaults() {
      return new Settings(10, 20, Duration.ofMinutes(15), 2, 8, Duration.ofSeconds(5), 10_000);
    }
  }

  private final Settings settings;
  private final Clock clock;
  private final Attempts users;
  private final Attempts addresses;
  private final Semaphore permits;
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  public LoginGuard(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.users = new Attempts(settings.maxKeys());
    this.addresses = new Attempts(settings.maxKeys());
    this.permits = new Semaphore(settings.hashPermits(), true);
  }

  /**
   * Counts an attempt of {@code user} from {@code address}, or refuses it (429) when either is past
   * its limit.
   */
  public void attempt(String user, String address) {
    Instant now = clock.instant();
    String userKey = userKey(user);
    String addressKey = "a:" + address;
    synchronized (this) { // both or neither: a refused attempt is not counted
      Duration u = users.wait(userKey, now, settings.maxPerUser(), settings.window());
      Duration a = addresses.wait(addressKey, now, settings.maxPerAddress(), settings.window());
      if (u != null || a != null) {
        Duration after = u == null ? a : a == null ? u : (u.compareTo(a) > 0 ? u : a);
        throw RetryLater.tooMany(
            "too_many_logins",
            u != null
                ? "too many login attempts for this account; try again later"
                : "too many login attempts from this address; try again later",
            null,
            after);
      }
      users.count(userKey, now, settings.window());
      addresses.count(addressKey, now, settings.window());
    }
  }

  /** A successful login forgives the attempts of its user and address. */
  public synchronized void succeeded(String user, String address) {
    users.forget(userKey(user));
    addresses.forget("a:" + address);
  }

  /**
   * Runs one password hash within the pool, or refuses at once (503 {@code busy}) when too many are
   * waiting.
   */
  public <T> T hashing(Supplier<T> work) {
    if (admitted.incrementAndGet() > settings.hashPermits() + settings.hashQueue()) {
      admitted.decrementAndGet();
      throw busy();
    }
    try {
      if (!permits.tryAcquire(settings.hashWait().toMillis(), TimeUnit.MILLISECONDS)) {
        throw busy();
      }
      try {
        peak.accumulateAndGet(running.incrementAndGet(), Math::max);
        return work.get();
      } finally {
        running.decrementAndGet();
        permits.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy();
    } finally {
      admitted.decrementAndGet();
    }
  }

  /**
   * The most password hashes that ever ran at once (for the tests: never above {@code
   * hashPermits}).
   */
  public int peakConcurrentHashing() {
    return peak.get();
  }

  /** How many keys the attempt counters hold (for the tests: never above {@code maxKeys} each). */
  public synchronized int trackedKeys() {
    return users.size() + addresses.size();
  }

  /**
   * A name as typed may be 4 KiB long; its first 100 characters are enough to count (bounds each
   * key's size). Trailing spaces are dropped first: Derby compares VARCHARs as if padded with
   * spaces, so "admin " is the admin account there, and must not open a fresh per-user window.
   */
  private static String userKey(String user) {
    int end = user.length();
    while (end > 0 && user.charAt(end - 1) == ' ') {
      end--;
    }
    return "u:" + user.substring(0, Math.min(end, 100));
  }

  private static RetryLater busy() {
    return RetryLater.busy(
        "busy",
        "the server is checking other passwords; try again in a moment",
        Duration.ofSeconds(1));
  }

  /**
   * Attempts per key in fixed windows; insertion order is window-start order, so expired entries
   * sit at the head.
   */
  private static final class Attempts {
    private static final class Window {
      final Instant start;
      int n;

      Window(Instant start) {
        this.start = start;
      }
    }

    private final int maxKeys;
    private final LinkedHashMap<String, Window> map;

    Attempts(int maxKeys) {
      this.maxKeys = maxKeys;
      this.map =
          new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
              return size() > Attempts.this.maxKeys;
            }
          };
    }

    /** Null when {@code key} may try again now, else how long until its window ends. */
    Duration wait(String key, Instant now, int max, Duration window) {
      purge(now, window);
      Window w = map.get(key);
      if (w == null || w.n < max) {
        return null;
      }
      return Duration.between(now, w.start.plus(window));
    }

    void count(String key, Instant now, Duration window) {
      Window w = map.get(key);
      if (w == null) {
        w = new Window(now);
        map.put(key, w);
      }
      w.n++;
    }

    void forget(String key) {
      map.remove(key);
    }

    int size() {
      return map.size();
    }

    /** Drops the windows that ended (from the head: the cost is the number dropped). */
    private void purge(Instant now, Duration window) {
      for (Iterator<Window> it = map.values().iterator(); it.hasNext(); ) {
        if (!it.next().start.plus(window).isAfter(now)) {
          it.remove();
        } else {
          break;
        }
      }
    }
  }
}
