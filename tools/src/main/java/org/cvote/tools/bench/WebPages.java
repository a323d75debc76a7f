package org.cvote.tools.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;

/**
 * A loopback HTTP server for the bench's browser runs: the built web pages from the class path's
 * /web (as the cvote server serves them), plus the routes a benchmark page posts to or reads from.
 * The browser figures then need no cvote server and run on an otherwise idle machine.
 */
final class WebPages implements AutoCloseable {
  static final String ROOT = "/web";

  private final HttpServer server;

  private WebPages(HttpServer server) {
    this.server = server;
  }

  /** True when the built pages (here: {@code page}, e.g. "/bench.html") are on the class path. */
  static boolean available(String page) {
    return WebPages.class.getResource(ROOT + page) != null;
  }

  /** Serves /web and {@code routes} (exact paths, any method) on a free loopback port. */
  static WebPages start(Map<String, HttpHandler> routes) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          HttpHandler h = routes.get(ex.getRequestURI().getPath());
          if (h != null) {
            h.handle(ex);
          } else {
            serve(ex);
          }
        });
    server.start();
    return new WebPages(server);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  private static void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("GET") || path.contains("..") || !path.startsWith("/")) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      try (InputStream in = WebPages.class.getResourceAsStream(ROOT + path)) {
        if (in == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        byte[] bytes = in.readAllBytes();
        ex.getResponseHeaders().set("Content-Type", contentType(path));
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
      }
    }
  }

  static String contentType(String path) {
    if (path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8"; // module scripts and workers need a JS type
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith(".json") || path.endsWith(".map")) {
      return "application/json";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
