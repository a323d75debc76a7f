package org.cvote.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.server.CvoteApp;
import org.cvote.server.poll.CeremonyOutcome;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.http.BlindClient;

/**
 * Drives a poll through the real API: create, subjects, roster, check-in, ceremony, open; then
 * votes.
 */
public final class Scenario {
  private static final SecureRandom RNG = new SecureRandom();
  public final Api api;
  public final CvoteApp app;
  public final String admin;
  public String pollId;
  public final List<String> codes = new ArrayList<>();
  public int subjects;
  private String visibility = "PUBLIC";

  /**
   * The ballot version requested at creation: 1 unless a test asks otherwise (the v1 tests keep
   * casting v1 ballots); null = automatic (version 2 when it fits, docs/protocol.md §16.9).
   */
  private Integer ballotVersion = 1;

  public Scenario(Api api, CvoteApp app, String admin) {
    this.api = api;
    this.app = app;
    this.admin = admin;
  }

  /** Before {@link #draft}: a poll whose results are for its participants only (mục 8.1). */
  public Scenario participantsOnly() {
    visibility = "PARTICIPANTS";
    return this;
  }

  /** Before {@link #draft}: the requested ballot version (1, 2, or null for automatic). */
  public Scenario ballotVersion(Integer version) {
    ballotVersion = version;
    return this;
  }

  public Scenario draft(int subjects, int voters) {
    this.subjects = subjects;
    Map<String, Object> poll = new java.util.LinkedHashMap<>();
    poll.put("title", "Lấy phiếu tín nhiệm 2026");
    poll.put("place", "Hà Nội");
    poll.put("date", "2026-11-23");
    poll.put("visibility", visibility);
    if (ballotVersion != null) {
      poll.put("ballotVersion", ballotVersion);
    }
    Api.Res r = api.post("/admin/polls", poll, admin);
    expect(r, 201);
    pollId = r.json().get("id").asText();
    for (int i = 1; i <= subjects; i++) {
      expect(
          api.post(
              "/admin/polls/" + pollId + "/subjects",
              Map.of("name", "Nguyễn Văn " + i, "position", "Phó Chủ tịch", "unit", "UBND tỉnh"),
              admin),
          201);
    }
    StringBuilder csv = new StringBuilder("name,unit\n");
    for (int i = 1; i <= voters; i++) {
      csv.append("Đại biểu ").append(i).append(",Hội đồng nhân dân\n");
    }
    expect(
        api.postRaw("/admin/polls/" + pollId + "/roster/import", csv.toString(), "text/csv", admin),
        200);
    return this;
  }

  public Scenario checkIn(int count) {
    List<Integer> voters = IntStream.rangeClosed(1, count).boxed().toList();
    Api.Res r =
        api.post(
            "/admin/polls/" + pollId + "/attendance/check-in", Map.of("voters", voters), admin);
    expect(r, 200);
    for (JsonNode c : r.json().get("codes")) {
      codes.add(c.get("accessCode").asText());
    }
    return this;
  }

  /** Runs a simulated t-of-n ceremony (commitments only matter to Q) and marks the poll ready. */
  public Scenario ceremony() {
    expect(api.post("/admin/polls/" + pollId + "/ceremony", null, admin), 200);
    int n = 3, t = 2;
    List<List<Point>> commitments = new ArrayList<>();
    Point k = Point.IDENTITY;
    for (int i = 0; i < n; i++) {
      List<Point> ki = new ArrayList<>();
      for (int j = 0; j < t; j++) {
        ki.add(Point.baseMul(Scalar.random(RNG)));
      }
      commitments.add(ki);
      k = k.add(ki.get(0));
    }
    app.lifecycle().completeCeremony("test", pollId, new CeremonyOutcome(n, t, commitments, k));
    return this;
  }

  public Scenario open() {
    expect(api.post("/admin/polls/" + pollId + "/open", null, admin), 200);
    return this;
  }

  public static Scenario openPoll(
      Api api, CvoteApp app, String admin, int subjects, int voters, int present) {
    return new Scenario(api, app, admin).draft(subjects, voters).checkIn(present).ceremony().open();
  }

  public JsonNode publicPoll() {
    Api.Res r = api.get("/api/polls/" + pollId, null);
    expect(r, 200);
    return r.json();
  }

  /** Obtains a finalized token for the voter holding {@code code}. */
  public Ballot.Token token(String code) {
    byte[] spki = Hex.decodeOrNull(publicPoll().get("tokenKey").get("spki").asText());
    BlindClient bc = new BlindClient(spki, pollId);
    Api.Res r =
        api.post(
            "/api/polls/" + pollId + "/tokens",
            Map.of("accessCode", code, "blindedMsg", Hex.encode(bc.blinded)),
            null);
    expect(r, 200);
    return bc.finish(Hex.decodeOrNull(r.json().get("blindSig").asText()));
  }

  public Ballot ballot(Ballot.Token token, int... choices) {
    JsonNode ctx = publicPoll().get("context");
    if (choices.length == 0) {
      choices = new int[subjects];
      for (int i = 0; i < subjects; i++) {
        choices[i] = RNG.nextInt(3);
      }
    }
    return BallotEncryptor.encrypt(
            pollId,
            Digest.fromHex(ctx.get("Q").asText()),
            Point.fromHex(ctx.get("jointKey").asText()),
            token,
            choices,
            RNG)
        .ballot();
  }

  /** A version 2 ballot (docs/protocol.md §16.2) under the published Q, K and B. */
  public BallotV2Encryptor.Encrypted ballotV2(Ballot.Token token, int... choices) {
    JsonNode poll = publicPoll();
    JsonNode ctx = poll.get("context");
    EncodingV2 encoding =
        BallotVersion.of(poll.get("manifest"))
            .orElseThrow(() -> new IllegalStateException("poll " + pollId + " is version 1"));
    if (choices.length == 0) {
      choices = new int[subjects];
      for (int i = 0; i < subjects; i++) {
        choices[i] = RNG.nextInt(3);
      }
    }
    return BallotV2Encryptor.encrypt(
        pollId,
        Digest.fromHex(ctx.get("Q").asText()),
        Point.fromHex(ctx.get("jointKey").asText()),
        encoding,
        token,
        choices,
        RNG);
  }

  public static byte[] json(Object ballot) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(ballot);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Api.Res cast(BallotV2 b) {
    return cast(json(b));
  }

  public static byte[] json(Ballot b) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(b);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public Api.Res cast(byte[] ballotJson) {
    return api.send(
        "POST", "/api/polls/" + pollId + "/ballots", ballotJson, "application/json", null);
  }

  public Api.Res cast(Ballot b) {
    return cast(json(b));
  }

  public static Api.Res expect(Api.Res r, int status) {
    if (r.status() != status) {
      throw new AssertionError("expected " + status + ", got " + r);
    }
    return r;
  }
}
