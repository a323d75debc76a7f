package org.cvote.server.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves {@code openapi.yaml} (the secretariat and public API description) at {@code /openapi}. */
public final class OpenApiService implements HttpService {
  private final byte[] document;

  public OpenApiService() {
    try (InputStream in = OpenApiService.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml missing from the classpath");
      }
      document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get(
        "/",
        (req, res) -> {
          res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
          res.send(document);
        });
  }
}
