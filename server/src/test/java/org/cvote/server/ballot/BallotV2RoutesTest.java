package org.cvote.server.ballot;

import static org.cvote.server.support.Scenario.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.BallotV2;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.elgamal.Ciphertext;
import org.cvote.crypto.elgamal.ElGamal;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.P256;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.proof.RowProofV2;
import org.cvote.crypto.proof.RowStatementV2;
import org.cvote.server.support.Scenario;
import org.cvote.server.support.TestApp;
import org.cvote.testkit.http.Api;
import org.cvote.testkit.server.LocalServer;
import org.junit.jupiter.api.Test;

/**
 * Casting on a version 2 poll (docs/protocol.md §16.2–§16.5) and the hostile cases of issue 24: a
 * row encrypting 2 or B+1, a wrong branch, relabelled rows, a proof made under B+1, the other
 * ballot version both ways, duplicate / missing fields, non-canonical scalars and points off the
 * curve. Each is a 4xx naming the field, leaves the board unchanged and the token unspent (the same
 * token is accepted with a correct ballot afterwards).
 */
@LocalServer
class BallotV2RoutesTest {
  static final TestApp APP = TestApp.create();
  private static final SecureRandom RNG = new SecureRandom();
  private final Api api;
  private final String admin;

  BallotV2RoutesTest(URI uri) {
    this.api = new Api(uri);
    this.admin = api.login("admin", APP.adminPassword);
  }

  private Scenario openV2(int subjects, int voters) {
    return new Scenario(api, APP.app, admin)
        .ballotVersion(null) // automatic: version 2 for this small body
        .draft(subjects, voters)
        .checkIn(voters)
        .ceremony()
        .open();
  }

  /** The poll's Q, K and B as published. */
  private record Published(Digest q, Point k, EncodingV2 enc) {
    static Published of(Scenario s) {
      JsonNode p = s.publicPoll();
      return new Published(
          Digest.fromHex(p.get("context").get("Q").asText()),
          Point.fromHex(p.get("context").get("jointKey").asText()),
          BallotVersion.of(p.get("manifest")).orElse(null));
    }
  }

  @Test
  void aVersionTwoBallotIsAcceptedWithTheReceiptOfSection16Point5() {
    Scenario s = openV2(3, 4);
    Published pub = Published.of(s);
    assertEquals(5, pub.enc().base());
    BallotV2 b = s.ballotV2(s.token(s.codes.get(0)), 0, 2, BallotV2Encryptor.BLANK).ballot();
    JsonNode rc = expect(s.cast(b), 200).json();
    assertEquals(1, rc.get("index").asInt());
    Digest hash = b.hash(pub.q());
    assertEquals(hash.toHex(), rc.get("ballotHash").asText());
    Digest t1 = BallotHashes.chainNext(BallotHashes.chainStart(pub.q()), hash);
    assertEquals(t1.toHex(), rc.get("chain").asText());

    JsonNode board = expect(api.get("/api/polls/" + s.pollId + "/board", null), 200).json();
    JsonNode line = board.get("ballots").get(0);
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("poll", "token", "rows", "index", "hash", "chain"), names);
    names.clear();
    line.get("rows").get(0).fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("subject", "alpha", "beta", "proof"), names);
    assertEquals(hash.toHex(), line.get("hash").asText());
  }

  @Test
  void hostileRowsAreRefusedNamingTheFieldAndSpendNothing() throws Exception {
    Scenario s = openV2(3, 3);
    Published pub = Published.of(s);
    Ballot.Token token = s.token(s.codes.get(0));
    Digest tau = BallotHashes.tokenHash(token.msg());
    BallotV2 honest = s.ballotV2(token, 0, 1, 2).ballot();
    List<Case> cases = new ArrayList<>();

    // a row encrypting 2 or B + 1, its proof forged as well as one can (each branch claimed)
    for (long bad : new long[] {2, pub.enc().base() + 1L}) {
      for (int branch = 0; branch < EncodingV2.BRANCHES; branch++) {
        cases.add(
            new Case(
                "value " + bad + " claimed as branch " + branch,
                json(withRow(pub, honest, tau, 1, bad, branch, pub.enc())),
                400,
                "invalid_proof",
                "rows[1].proof"));
      }
    }
    // a wrong branch: LOW (B²) proved as MID
    cases.add(
        new Case(
            "wrong branch",
            json(withRow(pub, honest, tau, 2, pub.enc().value(2), 2, pub.enc())),
            400,
            "invalid_proof",
            "rows[2].proof"));
    // rows swapped with their subject numbers kept in order: both proofs name the other label
    BallotV2.Row r0 = honest.rows().get(0);
    BallotV2.Row r1 = honest.rows().get(1);
    cases.add(
        new Case(
            "rows swapped",
            json(
                new BallotV2(
                    s.pollId,
                    token,
                    List.of(
                        new BallotV2.Row(1, r1.alpha(), r1.beta(), r1.proof()),
                        new BallotV2.Row(2, r0.alpha(), r0.beta(), r0.proof()),
                        honest.rows().get(2)))),
            400,
            "invalid_proof",
            "rows[0].proof"));
    // a subject number changed: refused on shape
    cases.add(
        new Case(
            "subject changed",
            edit(honest, n -> set(n, "rows", 1, "subject", 3)),
            400,
            "invalid",
            "rows[1].subject"));
    // a proof made under B + 1 (a booth with another base): HIGH is 1 in both, only B differs
    EncodingV2 other = new EncodingV2(pub.enc().base() + 1);
    cases.add(
        new Case(
            "proof under B + 1",
            json(
                BallotV2Encryptor.encrypt(
                        s.pollId, pub.q(), pub.k(), other, token, new int[] {0, 0, 0}, RNG)
                    .ballot()),
            400,
            "invalid_proof",
            "rows[0].proof"));
    // a version 1 ballot to this version 2 poll
    Ballot v1 =
        BallotEncryptor.encrypt(s.pollId, pub.q(), pub.k(), token, new int[] {0, 1, 2}, RNG)
            .ballot();
    cases.add(new Case("version 1 ballot", json(v1), 400, "invalid", "rows[0].options"));
    // duplicate and missing fields, a proof array of 3 or 5
    String text = new String(json(honest), java.nio.charset.StandardCharsets.UTF_8);
    cases.add(
        new Case(
            "duplicate poll",
            ("{\"poll\":\"" + s.pollId + "\"," + text.substring(1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            400,
            "duplicate_key",
            null));
    cases.add(
        new Case(
            "missing beta",
            edit(honest, n -> ((ObjectNode) n.get("rows").get(0)).remove("beta")),
            400,
            null,
            "rows[0]"));
    cases.add(
        new Case(
            "three challenges",
            edit(honest, n -> ((ArrayNode) n.get("rows").get(0).get("proof").get("c")).remove(3)),
            400,
            null,
            "rows[0].proof"));
    cases.add(
        new Case(
            "extra row field",
            edit(honest, n -> ((ObjectNode) n.get("rows").get(2)).put("choice", 1)),
            400,
            "unknown_field",
            "rows[2].choice"));
    // non-canonical scalars: c_0 + q (same value mod q), and a value ≥ q
    String c0 = honest.rows().get(0).proof().c().get(0).toHex();
    java.math.BigInteger plusQ = new java.math.BigInteger(c0, 16).add(P256.Q);
    if (plusQ.bitLength() <= 256) {
      cases.add(
          new Case(
              "scalar c + q",
              edit(honest, n -> setProof(n, 0, "c", 0, String.format("%064x", plusQ))),
              400,
              "invalid",
              "rows[0].proof.c[0]"));
    }
    cases.add(
        new Case(
            "scalar ≥ q",
            edit(honest, n -> setProof(n, 0, "v", 1, "f".repeat(64))),
            400,
            "invalid",
            "rows[0].proof.v[1]"));
    cases.add(
        new Case(
            "scalar in upper case",
            edit(honest, n -> setProof(n, 0, "v", 2, upper(n, 0, "v", 2))),
            400,
            "invalid",
            "rows[0].proof.v[2]"));
    // points off the curve: α with its last coordinate byte changed; a proof commitment too
    cases.add(
        new Case(
            "alpha off the curve",
            edit(
                honest,
                n -> set(n, "rows", 1, "alpha", offCurve(n.get("rows").get(1).get("alpha")))),
            400,
            "invalid",
            "rows[1].alpha"));
    cases.add(
        new Case(
            "commitment off the curve",
            edit(
                honest,
                n ->
                    setProof(
                        n, 2, "a", 3, offCurve(n.get("rows").get(2).get("proof").get("a").get(3)))),
            400,
            "invalid",
            "rows[2].proof.a[3]"));

    int before = s.publicPoll().get("ballots").asInt();
    for (Case c : cases) {
      Api.Res r = s.cast(c.body());
      assertEquals(c.status(), r.status(), c.name() + ": " + r);
      if (c.code() != null) {
        assertEquals(c.code(), r.json().path("error").asText(), c.name() + ": " + r);
      }
      if (c.field() != null) {
        assertTrue(
            r.json().path("field").asText().startsWith(c.field()),
            c.name() + ": expected field " + c.field() + ", got " + r);
      }
      assertEquals(before, s.publicPoll().get("ballots").asInt(), c.name() + ": board unchanged");
    }
    // the token was never spent: the honest ballot with the same token is accepted now
    assertEquals(before + 1, expect(s.cast(honest), 200).json().get("index").asInt());
    assertEquals(409, s.cast(honest).status(), "and spent exactly once");
  }

  @Test
  void aVersionTwoBallotToAVersionOnePollIsRefusedNamingTheField() {
    Scenario s =
        new Scenario(api, APP.app, admin).ballotVersion(1).draft(2, 3).checkIn(3).ceremony().open();
    Published pub = Published.of(s);
    assertEquals(null, pub.enc(), "a version 1 manifest");
    Ballot.Token token = s.token(s.codes.get(0));
    BallotV2 b =
        BallotV2Encryptor.encrypt(
                s.pollId, pub.q(), pub.k(), EncodingV2.forSummoned(3), token, new int[] {0, 1}, RNG)
            .ballot();
    Api.Res r = s.cast(b);
    assertEquals(400, r.status(), r.toString());
    assertEquals("invalid", r.json().path("error").asText());
    assertEquals("rows[0].alpha", r.json().path("field").asText());
    assertEquals(0, s.publicPoll().get("ballots").asInt());
    expect(s.cast(s.ballot(token, 0, 1)), 200); // the token is still good for a version 1 ballot
  }

  private record Case(String name, byte[] body, int status, String code, String field) {}

  /** Row i replaced by an encryption of {@code value} whose proof claims {@code branch} under B. */
  private static BallotV2 withRow(
      Published pub, BallotV2 b, Digest tau, int i, long value, int branch, EncodingV2 enc) {
    Scalar r = Scalar.random(RNG);
    Ciphertext ct = ElGamal.encrypt(pub.k(), value, r);
    RowProofV2 p =
        RowProofV2.prove(
            new RowStatementV2(pub.q(), tau, BallotV2.label(i + 1), enc, pub.k(), ct),
            branch,
            r,
            RNG);
    List<BallotV2.Row> rows = new ArrayList<>(b.rows());
    rows.set(i, new BallotV2.Row(i + 1, ct.alpha(), ct.beta(), p));
    return new BallotV2(b.poll(), b.token(), rows);
  }

  private static byte[] json(Object ballot) {
    return Scenario.json(ballot);
  }

  private static byte[] edit(BallotV2 b, java.util.function.Consumer<JsonNode> change)
      throws Exception {
    JsonNode n = ProtocolJson.mapper().readTree(json(b));
    change.accept(n);
    return ProtocolJson.mapper().writeValueAsBytes(n);
  }

  private static void set(JsonNode n, String array, int i, String field, Object value) {
    ObjectNode row = (ObjectNode) n.get(array).get(i);
    if (value instanceof Integer v) {
      row.put(field, v);
    } else {
      row.put(field, (String) value);
    }
  }

  private static void setProof(JsonNode n, int row, String array, int i, String value) {
    ((ArrayNode) n.get("rows").get(row).get("proof").get(array)).set(i, value);
  }

  private static String upper(JsonNode n, int row, String array, int i) {
    String v = n.get("rows").get(row).get("proof").get(array).get(i).asText();
    String up = v.toUpperCase(java.util.Locale.ROOT);
    return up.equals(v) ? "A" + v.substring(1) : up;
  }

  /** The point's encoding with its last byte changed: (almost surely) no longer on the curve. */
  private static String offCurve(JsonNode point) {
    byte[] p = Hex.decodeOrNull(point.asText());
    for (int d = 1; d < 256; d++) {
      byte[] q = p.clone();
      q[q.length - 1] ^= (byte) d;
      try {
        Point.fromHex(Hex.encode(q));
      } catch (IllegalArgumentException e) {
        return Hex.encode(q);
      }
    }
    throw new IllegalStateException("no off-curve neighbour found");
  }
}
