package org.cvote.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SHA-256 of the booth, the committee page and everything they load, as the build wrote them
 * ({@code web/web-hashes.json}, server/src/main/web/build.mjs): shown in the console and written
 * into the poll's manifest (docs/protocol.md §10.6), so a member or an auditor compares them with
 * {@code bin/cvote web-hash}.
 */
public final class WebHashes {
  private static final Pattern PATH =
      Pattern.compile("[a-z0-9-]+(/[A-Za-z0-9._-]+)?\\.(html|js|css)");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static volatile Optional<Map<String, String>> loaded;

  private WebHashes() {}

  /**
   * path → SHA-256 hex, sorted by path; empty when the pages were not built ({@code
   * -Dcvote.web.skip=true}).
   */
  public static Map<String, String> files() {
    Optional<Map<String, String>> l = loaded;
    if (l == null) {
      l = loaded = Optional.ofNullable(WebUi.resource("web/web-hashes.json")).map(WebHashes::parse);
    }
    return l.orElse(Map.of());
  }

  /** The manifest's extra field {@code "web": {"files": {…}}}, or empty without a build. */
  public static Optional<Map<String, Object>> manifestField() {
    Map<String, String> f = files();
    return f.isEmpty() ? Optional.empty() : Optional.of(Map.of("files", f));
  }

  static Map<String, String> parse(byte[] json) {
    try {
      JsonNode files = new ObjectMapper().readTree(json).path("files");
      Map<String, String> out = new java.util.TreeMap<>();
      files
          .properties()
          .forEach(
              e -> {
                if (!PATH.matcher(e.getKey()).matches()
                    || !HEX.matcher(e.getValue().asText()).matches()) {
                  throw new IllegalStateException("web-hashes.json: bad entry " + e.getKey());
                }
                out.put(e.getKey(), e.getValue().asText());
              });
      return Collections.unmodifiableMap(new LinkedHashMap<>(out));
    } catch (IOException e) {
      throw new UncheckedIOException("web-hashes.json is not JSON", e);
    }
  }
}
