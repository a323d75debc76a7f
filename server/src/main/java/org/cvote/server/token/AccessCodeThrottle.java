package org.cvote.server.token;

import org.cvote.server.http.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts wrong access codes per poll and per (poll, client) over a sliding window. A client
 * that reaches its limit is locked out for the window; once a whole poll reaches its limit every
 * attempt on it is slowed down (not locked, so an attacker cannot lock honest voters out).
 */
public final class AccessCodeThrottle {
    public record Settings(int maxPerClient, int maxPerPoll, Duration window, Duration pollDelay) {
        public static Settings defaults() {
            return new Settings(5, 100, Duration.ofMinutes(5), Duration.ofSeconds(1));
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public AccessCodeThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Refuses (429) a locked-out client; sleeps when the poll as a whole is under attack. */
    public void admit(String pollId, String client) {
        if (count(clientKey(pollId, client)) >= settings.maxPerClient()) {
            throw ApiException.tooMany("too many wrong access codes from this client; try again later");
        }
        if (count(pollKey(pollId)) >= settings.maxPerPoll() && !settings.pollDelay().isZero()) {
            try {
                Thread.sleep(settings.pollDelay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Records a failure and returns the client's failure count in the window. */
    public int fail(String pollId, String client) {
        add(pollKey(pollId));
        return add(clientKey(pollId, client));
    }

    private int add(String key) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            prune(q);
            q.addLast(clock.instant());
            return q.size();
        }
    }

    private int count(String key) {
        Deque<Instant> q = failures.get(key);
        if (q == null) return 0;
        synchronized (q) {
            prune(q);
            return q.size();
        }
    }

    private void prune(Deque<Instant> q) {
        Instant cutoff = clock.instant().minus(settings.window());
        while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) q.removeFirst();
    }

    private static String pollKey(String pollId) {
        return "poll\0" + pollId;
    }

    private static String clientKey(String pollId, String client) {
        return "client\0" + pollId + "\0" + client;
    }
}
