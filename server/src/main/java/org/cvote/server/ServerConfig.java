package org.cvote.server;

import io.helidon.config.Config;
import org.cvote.server.token.AccessCodeThrottle;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings read from {@code application.yaml} (section {@code cvote}), overridden by the
 * environment (CVOTE_DATA, CVOTE_MASTER_KEY, CVOTE_PUBLIC_URL; Helidon maps SERVER_PORT etc.),
 * overridden by command-line flags.
 */
public record ServerConfig(Path dataDir, Path masterKey, String publicUrl, Duration sessionTtl, int ballotLimit,
                           AccessCodeThrottle.Settings throttle, Duration closeCheckInterval) {

    public static ServerConfig from(Config cvote, Path dataOverride) {
        Path data = dataOverride != null ? dataOverride
                : Path.of(env("CVOTE_DATA", cvote.get("data").asString().orElse("./data")));
        String mk = env("CVOTE_MASTER_KEY", cvote.get("master-key").asString().orElse(""));
        Path master = mk.isBlank() ? data.resolve("master-keyset.json") : Path.of(mk);
        Config ac = cvote.get("access-code");
        AccessCodeThrottle.Settings throttle = new AccessCodeThrottle.Settings(
                ac.get("max-failures-per-client").asInt().orElse(5),
                ac.get("max-failures-per-poll").asInt().orElse(100),
                ac.get("window").as(Duration.class).orElse(Duration.ofMinutes(5)),
                ac.get("poll-delay").as(Duration.class).orElse(Duration.ofSeconds(1)));
        return new ServerConfig(data, master,
                env("CVOTE_PUBLIC_URL", cvote.get("public-url").asString().orElse("http://localhost:8080")),
                cvote.get("session-ttl").as(Duration.class).orElse(Duration.ofHours(8)),
                cvote.get("ballot-limit").asInt().orElse(512 * 1024),
                throttle,
                cvote.get("close-check-interval").as(Duration.class).orElse(Duration.ofSeconds(5)));
    }

    /** Defaults for tests and tools: everything under {@code dataDir}. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, dataDir.resolve("master-keyset.json"), "http://localhost:8080",
                Duration.ofHours(8), 512 * 1024, AccessCodeThrottle.Settings.defaults(), Duration.ofSeconds(5));
    }

    public ServerConfig withThrottle(AccessCodeThrottle.Settings t) {
        return new ServerConfig(dataDir, masterKey, publicUrl, sessionTtl, ballotLimit, t, closeCheckInterval);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
