package org.cvote.testkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@link LocalServer} runs small test classes (the nested {@code *Probe} classes, which surefire
 * does not pick up itself) through the JUnit launcher: the app is served once for the class, its
 * URI reaches the constructor and the test methods, and afterwards the server is stopped and the
 * app closed; a class without exactly one app fails.
 */
class LocalServerExtensionTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * An app on the JDK's HTTP server that answers "hello" and counts how often it is served and
   * closed.
   */
  static final class HelloApp implements ServedApp {
    final AtomicInteger served = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final AtomicReference<URI> last = new AtomicReference<>();
    final boolean failToServe;

    HelloApp(boolean failToServe) {
      this.failToServe = failToServe;
    }

    @Override
    public Serving serve() throws IOException {
      if (failToServe) {
        throw new IOException("port taken");
      }
      served.incrementAndGet();
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          ex -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
          });
      server.start();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      last.set(uri);
      return new Serving(uri, () -> server.stop(0));
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }

  static String get(URI uri) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri.resolve("/x")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    return r.body();
  }

  @LocalServer
  static class ServedProbe {
    static final HelloApp APP = new HelloApp(false);
    static final List<URI> SEEN = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final URI uri;

    ServedProbe(URI uri) {
      this.uri = uri;
    }

    @Test
    void constructorGetsTheRunningServer() throws Exception {
      SEEN.add(uri);
      assertEquals("hello", get(uri));
    }

    @Test
    void testMethodsGetItToo(URI again) throws Exception {
      SEEN.add(again);
      assertEquals(uri, again);
      assertEquals("hello", get(again));
    }
  }

  @LocalServer
  static class NoAppProbe {
    @Test
    void never() {}
  }

  @LocalServer
  static class TwoAppsProbe {
    static final HelloApp A = new HelloApp(false);
    static final HelloApp B = new HelloApp(false);

    @Test
    void never() {}
  }

  @LocalServer
  static class FailingAppProbe {
    static final HelloApp APP = new HelloApp(true);

    @Test
    void never() {}
  }

  private static TestExecutionSummary run(Class<?> probe) {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(probe)).build(), listener);
    return listener.getSummary();
  }

  @Test
  void servesTheAppOnceForTheClassAndStopsAndClosesItAfterwards() {
    TestExecutionSummary s = run(ServedProbe.class);
    assertEquals(2, s.getTestsSucceededCount(), () -> s.getFailures().toString());
    assertEquals(0, s.getTotalFailureCount());
    assertEquals(1, ServedProbe.APP.served.get());
    assertEquals(1, ServedProbe.APP.closed.get());
    assertEquals(List.of(ServedProbe.APP.last.get(), ServedProbe.APP.last.get()), ServedProbe.SEEN);
    // stopped: the port no longer answers
    Exception e = assertThrows(Exception.class, () -> get(ServedProbe.APP.last.get()));
    assertTrue(
        e instanceof ConnectException || e.getCause() instanceof ConnectException, e.toString());
  }

  @Test
  void aClassWithoutAnAppFailsNamingTheRule() {
    TestExecutionSummary s = run(NoAppProbe.class);
    assertEquals(0, s.getTestsSucceededCount());
    assertEquals(1, s.getTotalFailureCount());
    String message = s.getFailures().get(0).getException().getMessage();
    assertTrue(
        message.contains("exactly one static field of a ServedApp type")
            && message.contains("found []"),
        message);
  }

  @Test
  void aClassWithTwoAppsFailsNamingThem() {
    TestExecutionSummary s = run(TwoAppsProbe.class);
    assertEquals(0, s.getTestsSucceededCount());
    String message = s.getFailures().get(0).getException().getMessage();
    assertTrue(message.contains("found [A, B]"), message);
    assertEquals(0, TwoAppsProbe.A.served.get());
    assertEquals(0, TwoAppsProbe.B.served.get());
  }

  @Test
  void anAppThatCannotBeServedIsClosedAndTheClassFails() {
    TestExecutionSummary s = run(FailingAppProbe.class);
    assertEquals(0, s.getTestsSucceededCount());
    assertEquals("port taken", s.getFailures().get(0).getException().getMessage());
    assertEquals(1, FailingAppProbe.APP.closed.get());
    assertFalse(FailingAppProbe.APP.served.get() > 0);
  }
}
