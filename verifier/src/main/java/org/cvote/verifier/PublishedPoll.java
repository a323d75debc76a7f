package org.cvote.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.threshold.Feldman;
import org.cvote.verifier.checks.Setup;
import org.cvote.verifier.record.ParsedRecord;
import org.cvote.verifier.record.RecordLimits;
import org.cvote.verifier.record.RecordSource;
import org.cvote.verifier.record.UnreadableRecordException;
import org.cvote.verifier.report.Report;

/**
 * The poll a challenged ballot is checked against, taken from what the poll published — never from
 * the challenged file: its id, Q recomputed from its inputs, K = Σ K_i0 and the number of subjects.
 * From a record (V1–V3 of the record recompute Q and K) or from the server's public poll route
 * {@code GET /api/polls/{id}} (Q recomputed from the manifest, commitments and keys it serves, and
 * required to equal the Q it states).
 */
public record PublishedPoll(
    String pollId,
    Digest q,
    Point k,
    int subjects,
    String source,
    org.cvote.crypto.context.EncodingV2 encoding) {
  /** A ballot version 1 poll. */
  public PublishedPoll(String pollId, Digest q, Point k, int subjects, String source) {
    this(pollId, q, k, subjects, source, null);
  }

  /** The poll route's answer is small (a manifest and a committee): more is not a poll. */
  static final int MAX_ROUTE_BYTES = 16 << 20;

  /** The recomputed Q and K of a record. */
  public static PublishedPoll fromRecord(Path record) throws UnreadableRecordException {
    try (RecordSource src = RecordSource.open(record)) {
      Report rep = new Report();
      ParsedRecord r = ParsedRecord.read(src, rep);
      Setup.Values v = Setup.run(r, rep);
      if (v.q() == null || v.jointKey() == null || v.pollId() == null || v.subjects() < 1) {
        throw new UnreadableRecordException(
            "the record "
                + record
                + " does not yield Q and K (run cvote-verify on it"
                + " to see why)");
      }
      return new PublishedPoll(
          v.pollId(), v.q(), v.jointKey(), v.subjects(), "record " + record, v.encoding());
    } catch (IOException e) {
      throw new UnreadableRecordException("cannot close " + record + ": " + e.getMessage(), e);
    }
  }

  /**
   * The poll route's URL: {@code url} itself when it ends in {@code /api/polls/{id}}, else the
   * server's base URL with {@code /api/polls/{pollId}} added.
   */
  static URI routeOf(String url, String pollId) {
    URI u = URI.create(url.trim());
    if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
      throw new IllegalArgumentException("--poll needs an http(s) URL, got " + url);
    }
    if (u.getPath() != null && u.getPath().matches(".*/api/polls/[^/]+/?")) {
      return u;
    }
    String base = u.toString().replaceAll("/+$", "");
    return URI.create(
        base
            + "/api/polls/"
            + URLEncoder.encode(pollId, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  /** GET the poll route (java.net.http, 20 s timeouts), at most {@link #MAX_ROUTE_BYTES}. */
  public static PublishedPoll fromServer(String url, String pollId)
      throws UnreadableRecordException {
    URI route;
    try {
      route = routeOf(url, pollId);
    } catch (IllegalArgumentException e) {
      throw new UnreadableRecordException(e.getMessage(), e);
    }
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpRequest req =
        HttpRequest.newBuilder(route)
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .GET()
            .build();
    byte[] body;
    try {
      HttpResponse<InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = res.body()) {
        body = in.readNBytes(MAX_ROUTE_BYTES + 1);
      }
      if (res.statusCode() != 200) {
        throw new UnreadableRecordException(
            "GET "
                + route
                + " answered "
                + res.statusCode()
                + ": "
                + new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UnreadableRecordException("cannot GET " + route + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreadableRecordException("interrupted while getting " + route, e);
    }
    if (body.length > MAX_ROUTE_BYTES) {
      throw new UnreadableRecordException(
          "GET " + route + " answered more than " + RecordLimits.mib(MAX_ROUTE_BYTES));
    }
    return fromPollJson(body, "GET " + route);
  }

  /**
   * The poll route's JSON: Q recomputed from its inputs must equal the Q it states, and K = Σ K_i0.
   */
  static PublishedPoll fromPollJson(byte[] body, String source) throws UnreadableRecordException {
    try {
      JsonNode root = RecordJson.lenient().readTree(body);
      JsonNode ctx = root.path("context");
      if (!ctx.isObject()) {
        throw new UnreadableRecordException(
            source + ": the poll has no context yet (its key ceremony is not complete)");
      }
      Manifest manifest = RecordJson.lenient().treeToValue(root.get("manifest"), Manifest.class);
      int n = ctx.path("n").asInt(-1);
      int t = ctx.path("t").asInt(-1);
      List<List<Point>> commitments = new ArrayList<>();
      for (JsonNode member : ctx.withArray("commitments")) {
        List<Point> ks = new ArrayList<>();
        for (JsonNode kij : member) {
          ks.add(Point.fromHex(kij.asText()));
        }
        commitments.add(ks);
      }
      Point k = Point.fromHex(ctx.path("jointKey").asText());
      HexFormat hex = HexFormat.of();
      byte[] spki = hex.parseHex(root.path("tokenKey").path("spki").asText());
      byte[] ed = hex.parseHex(root.path("signingKey").path("ed25519").asText());
      // M of the manifest's ballot version (docs/protocol.md §16.1): a version 2 manifest binds its
      // base B
      java.util.Optional<org.cvote.crypto.context.EncodingV2> encoding =
          org.cvote.crypto.context.BallotVersion.of(root.get("manifest"));
      Digest m = org.cvote.crypto.context.BallotVersion.manifestHash(manifest, encoding);
      if (ed.length != 32) {
        throw new IllegalArgumentException(
            "the record-signing key must be a 32-byte Ed25519 public key");
      }
      Digest q =
          new Context(m, n, t, commitments, k, Digest.sha256(spki), Digest.sha256(ed)).hash();
      String stated = ctx.path("Q").asText();
      if (!q.toHex().equals(stated)) {
        throw new UnreadableRecordException(
            source
                + ": the poll's Q "
                + stated
                + " differs from Q recomputed from"
                + " its manifest, commitments and keys ("
                + q.toHex()
                + "): this server's poll is inconsistent");
      }
      if (!Feldman.jointKey(commitments).equals(k)) {
        throw new UnreadableRecordException(
            source + ": the poll's K differs from Σ K_i0 of its commitments");
      }
      return new PublishedPoll(
          manifest.pollId(), q, k, manifest.subjects().size(), source, encoding.orElse(null));
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new UnreadableRecordException(
          source + ": not a poll with a complete context (" + e.getMessage() + ")", e);
    }
  }
}
