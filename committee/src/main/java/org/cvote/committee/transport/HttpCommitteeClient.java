package org.cvote.committee.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.CommitPost;
import org.cvote.committee.ceremony.ComplaintPost;
import org.cvote.committee.ceremony.ConfirmPost;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.RevealPost;
import org.cvote.committee.ceremony.SharesPost;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;

/** {@link CommitteeTransport} over HTTP (java.net.http), against the routes of committee/API.md. */
public final class HttpCommitteeClient implements CommitteeTransport {
  private final URI base;
  private final HttpClient http;

  public HttpCommitteeClient(URI base) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  private String poll(String pollId) {
    return base
        + "/api/polls/"
        + URLEncoder.encode(pollId, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private byte[] send(HttpRequest.Builder rb) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              rb.timeout(Duration.ofMinutes(5)).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() / 100 == 2) {
        return r.body();
      }
      String code = "http_" + r.statusCode();
      String message = new String(r.body(), StandardCharsets.UTF_8);
      String field = null;
      try {
        JsonNode n = CommitteeJson.mapper().readTree(r.body());
        code = n.path("error").asText(code);
        message = n.path("message").asText(message);
        field = n.hasNonNull("field") ? n.get("field").asText() : null;
      } catch (IOException ignored) {
        // not JSON: keep the raw body
      }
      CommitteeException.Kind kind =
          switch (r.statusCode()) {
            case 400, 413, 422 -> CommitteeException.Kind.BAD_REQUEST;
            case 401, 403 -> CommitteeException.Kind.FORBIDDEN;
            case 404 -> CommitteeException.Kind.NOT_FOUND;
            case 409 -> CommitteeException.Kind.CONFLICT;
            default -> CommitteeException.Kind.UNAVAILABLE;
          };
      throw new CommitteeException(
          kind, code, "server answered " + r.statusCode() + ": " + message, field);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach "
              + base
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  private byte[] post(String url, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(url))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofByteArray(
                      CommitteeJson.mapper().writeValueAsBytes(body))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T get(String url, Class<T> type) {
    byte[] body = send(HttpRequest.newBuilder(URI.create(url)).GET());
    try {
      return CommitteeJson.mapper().readValue(body, type);
    } catch (IOException e) {
      throw new CommitteeException(
          CommitteeException.Kind.UNAVAILABLE,
          "bad_response",
          "the server's answer to GET " + url + " is not understood: " + e.getMessage());
    }
  }

  @Override
  public String register(String pollId, Registration r) {
    byte[] body = post(poll(pollId) + "/committee/members", r);
    try {
      return CommitteeJson.mapper().readTree(body).path("fingerprint").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public CeremonyState ceremony(String pollId) {
    return get(poll(pollId) + "/committee/ceremony", CeremonyState.class);
  }

  @Override
  public void commit(String pollId, CommitPost p) {
    post(poll(pollId) + "/committee/ceremony/commit", p);
  }

  @Override
  public void reveal(String pollId, RevealPost p) {
    post(poll(pollId) + "/committee/ceremony/reveal", p);
  }

  @Override
  public void shares(String pollId, SharesPost p) {
    post(poll(pollId) + "/committee/ceremony/shares", p);
  }

  @Override
  public void complain(String pollId, ComplaintPost p) {
    post(poll(pollId) + "/committee/ceremony/complaints", p);
  }

  @Override
  public void answer(String pollId, org.cvote.committee.ceremony.AnswerPost p) {
    post(poll(pollId) + "/committee/ceremony/answers", p);
  }

  @Override
  public void confirm(String pollId, ConfirmPost p) {
    post(poll(pollId) + "/committee/ceremony/confirm", p);
  }

  /**
   * The served tally input; the manifest's {@code ballotVersion}/{@code base} choose the board's
   * line type (docs/protocol.md §16.1), a line of the other version is refused as not understood.
   */
  @Override
  public TallyInput tallyInput(String pollId) {
    return get(poll(pollId) + "/committee/tally-input", TallyInput.class);
  }

  @Override
  public void decryption(String pollId, PartialDecryption p) {
    post(poll(pollId) + "/committee/decryption", p);
  }
}
