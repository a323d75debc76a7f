package org.cvote.server;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.cvote.server.admin.LoginGuard;
import org.cvote.server.store.StoreSettings;
import org.cvote.server.token.AccessCodeThrottle;

/**
 * Settings read from {@code application.yaml} (section {@code cvote}), overridden by the
 * environment (CVOTE_DATA, CVOTE_MASTER_KEY, CVOTE_PUBLIC_URL, CVOTE_DB_URL, CVOTE_DB_USER,
 * CVOTE_DB_PASSWORD, CVOTE_DB_POOL_SIZE, CVOTE_TRUSTED_PROXIES; Helidon maps SERVER_PORT etc.),
 * overridden by command-line flags. {@code trustedProxies} tests a peer address: only a trusted
 * reverse proxy's X-Forwarded-For names the client. {@code login} bounds the secretariat's login
 * (section {@code cvote.login}, docs/operations.md).
 */
public record ServerConfig(
    Path dataDir,
    Path masterKey,
    String publicUrl,
    Duration sessionTtl,
    int ballotLimit,
    AccessCodeThrottle.Settings throttle,
    Duration closeCheckInterval,
    StoreSettings store,
    Predicate<String> trustedProxies,
    LoginGuard.Settings login) {

  public static ServerConfig from(Config cvote, Path dataOverride) {
    Path data =
        dataOverride != null
            ? dataOverride
            : Path.of(env("CVOTE_DATA", cvote.get("data").asString().orElse("./data")));
    String mk = env("CVOTE_MASTER_KEY", cvote.get("master-key").asString().orElse(""));
    Path master = mk.isBlank() ? data.resolve("master-keyset.json") : Path.of(mk);
    Config ac = cvote.get("access-code");
    AccessCodeThrottle.Settings throttle =
        new AccessCodeThrottle.Settings(
            ac.get("max-failures-per-client").asInt().orElse(5),
            ac.get("max-failures-per-poll").asInt().orElse(200),
            ac.get("window").as(Duration.class).orElse(Duration.ofMinutes(5)));
    LoginGuard.Settings d = LoginGuard.Settings.defaults();
    Config lc = cvote.get("login");
    LoginGuard.Settings login =
        new LoginGuard.Settings(
            lc.get("max-attempts-per-user").asInt().orElse(d.maxPerUser()),
            lc.get("max-attempts-per-address").asInt().orElse(d.maxPerAddress()),
            lc.get("window").as(Duration.class).orElse(d.window()),
            lc.get("hash-permits").asInt().orElse(d.hashPermits()),
            lc.get("hash-queue").asInt().orElse(d.hashQueue()),
            lc.get("hash-wait").as(Duration.class).orElse(d.hashWait()),
            d.maxKeys());
    Config db = cvote.get("db");
    String pool =
        env(
            "CVOTE_DB_POOL_SIZE",
            db.get("pool-size").asString().orElse(String.valueOf(StoreSettings.DEFAULT_POOL_SIZE)));
    StoreSettings store;
    try {
      store =
          new StoreSettings(
              env("CVOTE_DB_URL", db.get("url").asString().orElse("")),
              env("CVOTE_DB_USER", db.get("user").asString().orElse("")),
              env("CVOTE_DB_PASSWORD", db.get("password").asString().orElse("")),
              Integer.parseInt(pool.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cvote.db.pool-size must be a whole number, not " + pool);
    }
    Predicate<String> trusted =
        exactly(env("CVOTE_TRUSTED_PROXIES", cvote.get("trusted-proxies").asString().orElse("")));
    return new ServerConfig(
        data,
        master,
        env("CVOTE_PUBLIC_URL", cvote.get("public-url").asString().orElse("http://localhost:8080")),
        cvote.get("session-ttl").as(Duration.class).orElse(Duration.ofHours(8)),
        cvote.get("ballot-limit").asInt().orElse(512 * 1024),
        throttle,
        cvote.get("close-check-interval").as(Duration.class).orElse(Duration.ofSeconds(5)),
        store,
        trusted,
        login);
  }

  /**
   * Defaults for tests and tools: everything under {@code dataDir}, embedded Derby, no reverse
   * proxy.
   */
  public static ServerConfig defaults(Path dataDir) {
    return new ServerConfig(
        dataDir,
        dataDir.resolve("master-keyset.json"),
        "http://localhost:8080",
        Duration.ofHours(8),
        512 * 1024,
        AccessCodeThrottle.Settings.defaults(),
        Duration.ofSeconds(5),
        StoreSettings.derby(),
        none(),
        LoginGuard.Settings.defaults());
  }

  public ServerConfig withThrottle(AccessCodeThrottle.Settings t) {
    return new ServerConfig(
        dataDir,
        masterKey,
        publicUrl,
        sessionTtl,
        ballotLimit,
        t,
        closeCheckInterval,
        store,
        trustedProxies,
        login);
  }

  public ServerConfig withLogin(LoginGuard.Settings l) {
    return new ServerConfig(
        dataDir,
        masterKey,
        publicUrl,
        sessionTtl,
        ballotLimit,
        throttle,
        closeCheckInterval,
        store,
        trustedProxies,
        l);
  }

  public ServerConfig withStore(StoreSettings s) {
    return new ServerConfig(
        dataDir,
        masterKey,
        publicUrl,
        sessionTtl,
        ballotLimit,
        throttle,
        closeCheckInterval,
        s,
        trustedProxies,
        login);
  }

  public ServerConfig withMasterKey(Path m) {
    return new ServerConfig(
        dataDir,
        m,
        publicUrl,
        sessionTtl,
        ballotLimit,
        throttle,
        closeCheckInterval,
        store,
        trustedProxies,
        login);
  }

  public ServerConfig withPublicUrl(String u) {
    return new ServerConfig(
        dataDir,
        masterKey,
        u,
        sessionTtl,
        ballotLimit,
        throttle,
        closeCheckInterval,
        store,
        trustedProxies,
        login);
  }

  public ServerConfig withTrustedProxies(Predicate<String> p) {
    return new ServerConfig(
        dataDir,
        masterKey,
        publicUrl,
        sessionTtl,
        ballotLimit,
        throttle,
        closeCheckInterval,
        store,
        p,
        login);
  }

  /**
   * Trusts exactly the comma-separated IP addresses (IPv6 in any notation); empty trusts nobody.
   */
  public static Predicate<String> exactly(String commaSeparated) {
    Set<String> set =
        Arrays.stream(commaSeparated.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .map(ServerConfig::ipLiteral)
            .collect(Collectors.toUnmodifiableSet());
    if (set.isEmpty()) {
      return none();
    }
    return address -> set.contains(address);
  }

  /** The canonical text of an IP address literal (no name lookup: a host name is refused). */
  static String ipLiteral(String s) {
    if (!s.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("cvote.trusted-proxies: " + s + " is not an IP address");
    }
    try {
      return java.net.InetAddress.getByName(s).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("cvote.trusted-proxies: " + s + " is not an IP address");
    }
  }

  private static Predicate<String> none() {
    return address -> false;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
