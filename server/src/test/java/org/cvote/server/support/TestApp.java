package org.cvote.server.support;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.cvote.server.CvoteApp;
import org.cvote.server.ServerConfig;
import org.cvote.testkit.server.ServedApp;
import org.cvote.testkit.server.Serving;

/**
 * A {@link CvoteApp} on a fresh temporary data folder and the store under test ({@link TestStore}),
 * with the real crypto and a pooled token key. As the static field of a {@code @LocalServer} test
 * class it is served for the whole class.
 */
public final class TestApp implements ServedApp {
  public final Path dir;
  public final CvoteApp app;
  public final String adminPassword;

  private TestApp(Path dir, CvoteApp app) {
    this.dir = dir;
    this.app = app;
    this.adminPassword = app.firstRunPassword().orElse(null);
  }

  public static TestApp create() {
    return create(UnaryOperator.identity());
  }

  public static TestApp create(UnaryOperator<ServerConfig> tweak) {
    return create(tweak, Clock.systemUTC());
  }

  /** With the server's clock given (e.g. a {@link TestClock} to end a window without waiting). */
  public static TestApp create(UnaryOperator<ServerConfig> tweak, Clock clock) {
    try {
      Path dir = Files.createTempDirectory("cvote-test");
      return new TestApp(dir, new CvoteApp(tweak.apply(TestStore.config(dir)), crypto(), clock));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static CvoteApp.Crypto crypto() {
    return new CvoteApp.Crypto(new FastTokenCrypto());
  }

  /**
   * The app's routes on a free port of localhost, with the {@code server} settings of
   * application.yaml.
   */
  @Override
  public Serving serve() {
    WebServer server =
        WebServer.builder()
            .config(Config.create().get("server"))
            .host("localhost")
            .routing(app::routing)
            .port(0)
            .build()
            .start();
    return new Serving(URI.create("http://localhost:" + server.port() + "/"), server::stop);
  }

  @Override
  public void close() {
    app.close();
  }
}
