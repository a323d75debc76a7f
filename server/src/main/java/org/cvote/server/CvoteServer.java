package org.cvote.server;

import io.helidon.config.Config;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cvote.server.http.HelidonMappers;
import org.cvote.server.http.TransportErrors;
import org.cvote.server.token.RfcTokenCrypto;

/**
 * A running server: the Helidon web server around a {@link CvoteApp}, the end-time closer, and an
 * orderly stop (the web server first, which lets in-flight requests finish, then the database).
 */
public final class CvoteServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CvoteServer.class.getName());
  private final CvoteApp app;
  private final WebServer web;
  private final ScheduledExecutorService closer;

  private CvoteServer(CvoteApp app, WebServer web, ScheduledExecutorService closer) {
    this.app = app;
    this.web = web;
    this.closer = closer;
  }

  public static CvoteApp.Crypto defaultCrypto() {
    return new CvoteApp.Crypto(new RfcTokenCrypto());
  }

  /**
   * Starts on the given port (0 = any free port); {@code serverConfig} is the yaml's {@code server}
   * node.
   */
  public static CvoteServer start(
      ServerConfig config, Config serverConfig, Integer port, CvoteApp.Crypto crypto) {
    HelidonMappers.pin();
    CvoteApp app = new CvoteApp(config, crypto, Clock.systemUTC());
    try {
      WebServerConfig.Builder builder = WebServer.builder();
      // Blocking sockets unless configured otherwise: Helidon 4.4.0's NIO channel (its default)
      // intermittently
      // cut large responses (a 4 MB board) short of their Content-Length; found by `cvote bench`.
      builder.useNio(false);
      if (serverConfig != null) {
        builder.config(serverConfig);
      }
      if (port != null) {
        builder.port(port);
      }
      builder
          .shutdownGracePeriod(Duration.ofSeconds(10))
          .directHandlers(TransportErrors.handlers())
          .addFeature(
              ObserveFeature.builder()
                  .addObserver(
                      HealthObserver.builder()
                          .details(true)
                          .addCheck(() -> dbHealth(app), HealthCheckType.READINESS, "database")
                          .build())
                  .addObserver(MetricsObserver.create())
                  .build())
          .routing(app::routing);
      WebServer web = builder.build().start();
      ScheduledExecutorService closer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "cvote-end-time");
                t.setDaemon(true);
                return t;
              });
      long every = config.closeCheckInterval().toMillis();
      closer.scheduleWithFixedDelay(
          () -> {
            try {
              app.lifecycle().closeDue();
            } catch (RuntimeException e) {
              LOG.log(System.Logger.Level.WARNING, "end-time check failed: " + e);
            }
          },
          every,
          every,
          TimeUnit.MILLISECONDS);
      return new CvoteServer(app, web, closer);
    } catch (RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private static HealthCheckResponse dbHealth(CvoteApp app) {
    try (Connection c = app.database().connect()) {
      return HealthCheckResponse.builder().status(c.isValid(2)).build();
    } catch (Exception e) {
      return HealthCheckResponse.builder()
          .status(false)
          .detail("error", e.getClass().getSimpleName())
          .build();
    }
  }

  /** Whether the listener uses Helidon's NIO channel (it must not: see start). */
  boolean usesNio() {
    return web.prototype().useNio();
  }

  public int port() {
    return web.port();
  }

  public CvoteApp app() {
    return app;
  }

  @Override
  public void close() {
    closer.shutdownNow();
    web.stop();
    app.close();
  }
}
