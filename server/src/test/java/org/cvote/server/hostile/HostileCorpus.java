package org.cvote.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Tag;
import org.cvote.crypto.hash.Transcript;
import org.cvote.crypto.proof.RangeProof;
import org.cvote.crypto.token.SignedToken;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenIssuer;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.server.support.Scenario;
import org.cvote.testkit.http.Api;

/**
 * The hostile-input corpus (issue 9): each case is named for what it tries, says the exact refusal
 * it must get (status, error code, field path), and is sent to the real server. {@link
 * HostileInputTest} runs each one between two database snapshots.
 *
 * <p>{@code prepare} runs before the "before" snapshot (it may legitimately write: obtaining a
 * fresh token, planting an expired session); {@code send} is the attack itself and must leave the
 * database as it was.
 */
final class HostileCorpus {
  private HostileCorpus() {}

  /**
   * What a case sends; may be several requests (all must be refused), the last one is the one
   * checked.
   */
  interface Sender {
    List<Api.Res> send(HostileFixture f) throws Exception;
  }

  interface Attack {
    Sender prepare(HostileFixture f) throws Exception;
  }

  /**
   * {@code grows}: tables this case must grow by exactly so many rows — only the access-code
   * throttle's failure log (poll, hashed client address, time; pruned after its window), which is
   * the defence itself. Every other table must stay byte-for-byte the same.
   */
  record Case(
      String name,
      int status,
      String error,
      String field,
      Attack attack,
      Map<String, Integer> grows) {
    Case(String name, int status, String error, String field, Attack attack) {
      this(name, status, error, field, attack, Map.of());
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // P-256 constants (SEC 2)
  static final String P = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";
  static final String Q = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
  private static final SecureRandom RNG = new SecureRandom();

  static List<Case> all() {
    List<Case> c = new ArrayList<>();
    points(c);
    scalars(c);
    hex(c);
    shape(c);
    json(c);
    sizes(c);
    proofs(c);
    ballotVersions(c);
    tokens(c);
    states(c);
    issuance(c);
    committee(c);
    admin(c);
    participants(c);
    csv(c);
    paths(c);
    return c;
  }

  // ---------------------------------------------------------------- points (docs/protocol.md §1)

  private static void points(List<Case> c) {
    String a = "rows[1].options[2].alpha";
    c.add(
        edit(
            "point off the curve (y + 1)",
            400,
            "invalid",
            a,
            n -> setAt(n, a, offCurve(textAt(n, a)))));
    c.add(
        edit(
            "point: identity encoded as the single byte 00",
            400,
            "invalid",
            a,
            n -> setAt(n, a, "00")));
    c.add(
        edit(
            "point: identity as 04 and 64 zero bytes",
            400,
            "invalid",
            a,
            n -> setAt(n, a, "04" + "00".repeat(64))));
    c.add(
        edit(
            "point: compressed form 02/03 ‖ x",
            400,
            "invalid",
            a,
            n -> setAt(n, a, compressed(textAt(n, a)))));
    c.add(
        edit(
            "point: compressed prefix on 65 bytes",
            400,
            "invalid",
            a,
            n -> setAt(n, a, "02" + textAt(n, a).substring(2))));
    c.add(
        edit(
            "point: hybrid prefix 06",
            400,
            "invalid",
            a,
            n -> setAt(n, a, "06" + textAt(n, a).substring(2))));
    c.add(
        edit(
            "point: x = p",
            400,
            "invalid",
            a,
            n -> setAt(n, a, "04" + P + textAt(n, a).substring(66))));
    c.add(
        edit(
            "point: y = p + y (y ≥ p)",
            400,
            "invalid",
            "rows[0].options[0].beta",
            n ->
                setAt(
                    n,
                    "rows[0].options[0].beta",
                    "04" + textAt(n, "rows[0].options[0].beta").substring(2, 66) + P)));
    c.add(
        edit(
            "point: commitment a[1] of a proof off the curve",
            400,
            "invalid",
            "rows[2].options[1].proof.a[1]",
            n ->
                setAt(
                    n,
                    "rows[2].options[1].proof.a[1]",
                    offCurve(textAt(n, "rows[2].options[1].proof.a[1]")))));
    c.add(
        edit(
            "point: row-proof commitment b[0] is the identity",
            400,
            "invalid",
            "rows[0].rowProof.b[0]",
            n -> setAt(n, "rows[0].rowProof.b[0]", "00")));
  }

  // ---------------------------------------------------------------- scalars

  private static void scalars(List<Case> c) {
    String v = "rows[0].rowProof.v[0]";
    c.add(edit("scalar = q", 400, "invalid", v, n -> setAt(n, v, Q)));
    c.add(edit("scalar = q + 1", 400, "invalid", v, n -> setAt(n, v, Q.substring(0, 63) + "2")));
    c.add(
        edit(
            "scalar = 2^256 − 1",
            400,
            "invalid",
            "rows[1].options[0].proof.c[1]",
            n -> setAt(n, "rows[1].options[0].proof.c[1]", "ff".repeat(32))));
    c.add(
        edit(
            "scalar: v + q twin of a valid response",
            400,
            "invalid",
            v,
            n ->
                setAt(
                    n,
                    v,
                    String.format(
                        "%064x",
                        new java.math.BigInteger(textAt(n, v), 16)
                            .add(new java.math.BigInteger(Q, 16))))));
    c.add(edit("scalar: negative (-01)", 400, "invalid", v, n -> setAt(n, v, "-01")));
    c.add(
        edit(
            "scalar: 33 bytes with a leading zero",
            400,
            "invalid",
            v,
            n -> setAt(n, v, "00" + textAt(n, v))));
    c.add(edit("scalar: 31 bytes", 400, "invalid", v, n -> setAt(n, v, textAt(n, v).substring(2))));
    c.add(
        edit(
            "scalar given as a JSON number",
            400,
            "invalid",
            v,
            n -> ((ArrayNode) n.at("/rows/0/rowProof/v")).set(0, n.numberNode(5))));
  }

  // ---------------------------------------------------------------- hex text

  private static void hex(List<Case> c) {
    String b = "rows[2].options[0].beta";
    c.add(
        edit(
            "hex: truncated by one byte",
            400,
            "invalid",
            b,
            n -> setAt(n, b, textAt(n, b).substring(0, 128))));
    c.add(
        edit(
            "hex: odd length",
            400,
            "invalid",
            b,
            n -> setAt(n, b, textAt(n, b).substring(0, 129))));
    c.add(edit("hex: uppercase", 400, "invalid", b, n -> setAt(n, b, textAt(n, b).toUpperCase())));
    c.add(edit("hex: 0x prefix", 400, "invalid", b, n -> setAt(n, b, "0x" + textAt(n, b))));
    c.add(
        edit(
            "hex: surrounding space",
            400,
            "invalid",
            b,
            n -> setAt(n, b, " " + textAt(n, b) + " ")));
    c.add(
        edit(
            "hex: non-hex letter",
            400,
            "invalid",
            b,
            n -> setAt(n, b, "0g" + textAt(n, b).substring(2))));
    c.add(edit("hex: empty string", 400, "invalid", b, n -> setAt(n, b, "")));
    c.add(
        edit(
            "hex: token message odd length",
            400,
            "invalid",
            "token.msg",
            n -> setAt(n, "token.msg", textAt(n, "token.msg") + "0")));
  }

  // ---------------------------------------------------------------- ballot shape

  private static void shape(List<Case> c) {
    c.add(
        edit(
            "rows: one row missing",
            400,
            "invalid",
            "rows",
            n -> ((ArrayNode) n.get("rows")).remove(2)));
    c.add(
        edit(
            "rows: one row too many",
            400,
            "invalid",
            "rows",
            n -> ((ArrayNode) n.get("rows")).add(n.get("rows").get(2).deepCopy())));
    c.add(
        edit("rows: empty", 400, "invalid", "rows", n -> ((ArrayNode) n.get("rows")).removeAll()));
    c.add(
        edit(
            "rows: first two swapped (manifest order)",
            400,
            "invalid",
            "rows[0].subject",
            n -> {
              ArrayNode rows = (ArrayNode) n.get("rows");
              var r0 = rows.get(0);
              rows.set(0, rows.get(1));
              rows.set(1, r0);
            }));
    c.add(
        edit(
            "subject id 99 (not on the ballot)",
            400,
            "invalid",
            "rows[2].subject",
            n -> ((ObjectNode) n.at("/rows/2")).put("subject", 99)));
    c.add(
        edit(
            "subject id 0",
            400,
            "invalid",
            "rows[0].subject",
            n -> ((ObjectNode) n.at("/rows/0")).put("subject", 0)));
    c.add(
        edit(
            "subject id negative",
            400,
            "invalid",
            "rows[1].subject",
            n -> ((ObjectNode) n.at("/rows/1")).put("subject", -2)));
    c.add(
        edit(
            "subject id beyond 64 bits",
            400,
            "invalid",
            "rows[1].subject",
            n ->
                ((ObjectNode) n.at("/rows/1"))
                    .put("subject", new java.math.BigInteger("123456789012345678901234567890"))));
    c.add(
        edit(
            "options: two instead of three",
            400,
            "invalid",
            "rows[1].options",
            n -> ((ArrayNode) n.at("/rows/1/options")).remove(2)));
    c.add(
        edit(
            "options: four instead of three",
            400,
            "invalid",
            "rows[1].options",
            n -> ((ArrayNode) n.at("/rows/1/options")).add(n.at("/rows/1/options/0").deepCopy())));
    c.add(
        edit(
            "proof: three branches (L = 2) for an option",
            400,
            "invalid_proof",
            "rows[0].options[1].proof",
            n -> {
              for (String k : List.of("a", "b", "c", "v")) {
                ((ArrayNode) n.at("/rows/0/options/1/proof/" + k))
                    .add(n.at("/rows/0/options/1/proof/" + k + "/0").deepCopy());
              }
            }));
    c.add(
        edit(
            "proof: arrays of different lengths",
            400,
            "invalid",
            "rows[0].rowProof",
            n -> ((ArrayNode) n.at("/rows/0/rowProof/b")).remove(1)));
    c.add(
        edit(
            "proof: empty arrays",
            400,
            "invalid",
            "rows[2].options[2].proof",
            n -> {
              for (String k : List.of("a", "b", "c", "v")) {
                ((ArrayNode) n.at("/rows/2/options/2/proof/" + k)).removeAll();
              }
            }));
    c.add(
        edit(
            "poll field names another poll",
            400,
            "invalid",
            "poll",
            n -> n.put("poll", "p-someone-else")));
  }

  // ---------------------------------------------------------------- JSON strictness

  private static void json(List<Case> c) {
    c.add(
        edit(
            "unknown field at the top",
            400,
            "unknown_field",
            "comment",
            n -> n.put("comment", "hi")));
    c.add(
        edit(
            "unknown field in an option",
            400,
            "unknown_field",
            "rows[1].options[1].gamma",
            n -> ((ObjectNode) n.at("/rows/1/options/1")).put("gamma", "00")));
    c.add(
        edit(
            "unknown field in the token (voter id smuggled in)",
            400,
            "unknown_field",
            "token.voter",
            n -> ((ObjectNode) n.get("token")).put("voter", 7)));
    c.add(edit("missing field: token", 400, "missing", "token", n -> n.remove("token")));
    c.add(edit("missing field: rows", 400, "missing", "rows", n -> n.remove("rows")));
    c.add(
        edit(
            "missing field: rows[1].options[0].alpha",
            400,
            "missing",
            "rows[1].options[0].alpha",
            n -> ((ObjectNode) n.at("/rows/1/options/0")).remove("alpha")));
    c.add(
        edit(
            "missing field: rows[2].rowProof",
            400,
            "missing",
            "rows[2].rowProof",
            n -> ((ObjectNode) n.at("/rows/2")).remove("rowProof")));
    c.add(
        edit(
            "null for a required field (token.sig)",
            400,
            "missing",
            "token.sig",
            n -> ((ObjectNode) n.get("token")).putNull("sig")));
    c.add(
        raw(
            "duplicate key at the top (poll twice)",
            400,
            "duplicate_key",
            "poll",
            f ->
                ("{\"poll\":\"" + f.other.pollId + "\"," + f.validText().substring(1))
                    .getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "duplicate key deep (alpha twice)",
            400,
            "duplicate_key",
            "rows[0].options[0].alpha",
            f -> {
              String t = f.validText();
              String alpha = f.tree(f.valid).at("/rows/1/options/0/alpha").asText();
              return t.replaceFirst("\"alpha\":\"", "\"alpha\":\"" + alpha + "\",\"alpha\":\"")
                  .getBytes(StandardCharsets.UTF_8);
            }));
    c.add(
        edit(
            "wrong type: subject as a string",
            400,
            "invalid",
            "rows[0].subject",
            n -> ((ObjectNode) n.at("/rows/0")).put("subject", "1")));
    c.add(
        edit(
            "wrong type: subject as 1.0",
            400,
            "invalid",
            "rows[0].subject",
            n -> ((ObjectNode) n.at("/rows/0")).put("subject", 1.0)));
    c.add(
        edit(
            "wrong type: subject as true",
            400,
            "invalid",
            "rows[0].subject",
            n -> ((ObjectNode) n.at("/rows/0")).put("subject", true)));
    c.add(
        edit(
            "wrong type: rows as an object",
            400,
            "invalid",
            "rows",
            n -> n.set("rows", n.objectNode().put("0", 1))));
    c.add(
        edit(
            "wrong type: token as a string", 400, "invalid", "token", n -> n.put("token", "abcd")));
    c.add(edit("wrong type: poll as a number", 400, "invalid", "poll", n -> n.put("poll", 12)));
    c.add(
        edit(
            "wrong type: alpha as an array",
            400,
            "invalid",
            "rows[0].options[2].alpha",
            n -> ((ObjectNode) n.at("/rows/0/options/2")).set("alpha", n.arrayNode().add("04"))));
    c.add(
        raw(
            "top level is an array",
            400,
            "invalid",
            null,
            f -> "[]".getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "top level is a string",
            400,
            "invalid",
            null,
            f -> "\"ballot\"".getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "top level is null",
            400,
            "invalid",
            null,
            f -> "null".getBytes(StandardCharsets.UTF_8)));
    c.add(raw("empty body", 400, "malformed_json", null, f -> new byte[0]));
    c.add(
        raw(
            "truncated JSON",
            400,
            "malformed_json",
            "token.sig",
            f -> f.validText().substring(0, 300).getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "trailing content after the ballot",
            400,
            "malformed_json",
            null,
            f -> (f.validText() + " {}").getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "JavaScript comment inside",
            400,
            "malformed_json",
            "poll",
            f -> f.validText().replaceFirst(",", ",/*x*/").getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "single-quoted strings",
            400,
            "malformed_json",
            null,
            f -> f.validText().replace('"', '\'').getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "NaN as a subject",
            400,
            "malformed_json",
            "rows[0].subject",
            f ->
                f.validText()
                    .replaceFirst("\"subject\":1", "\"subject\":NaN")
                    .getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "invalid UTF-8 inside a string",
            400,
            "malformed_json",
            "poll",
            f -> {
              byte[] t = f.validText().getBytes(StandardCharsets.UTF_8);
              byte[] out = new byte[t.length + 2];
              int at = f.validText().indexOf("\"poll\":\"") + 8;
              System.arraycopy(t, 0, out, 0, at);
              out[at] = (byte) 0xff;
              out[at + 1] = (byte) 0xfe;
              System.arraycopy(t, at, out, at + 2, t.length - at);
              return out;
            }));
    c.add(
        fresh(
            "the whole ballot in UTF-16 (JSON is UTF-8 only)",
            400,
            "malformed_json",
            null,
            (f, b) ->
                new String(Scenario.json(b), StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_16)));
    c.add(
        fresh(
            "UTF-8 byte-order mark before the ballot",
            400,
            "malformed_json",
            null,
            (f, b) -> {
              byte[] j = Scenario.json(b);
              byte[] out = new byte[j.length + 3];
              out[0] = (byte) 0xef;
              out[1] = (byte) 0xbb;
              out[2] = (byte) 0xbf;
              System.arraycopy(j, 0, out, 3, j.length);
              return out;
            }));
  }

  // ---------------------------------------------------------------- sizes and nesting

  private static void sizes(List<Case> c) {
    c.add(
        raw(
            "body one byte over the ballot limit (512 KiB)",
            413,
            "too_large",
            null,
            f -> {
              String t = f.validText();
              return (t + " ".repeat(512 * 1024 + 1 - t.length())).getBytes(StandardCharsets.UTF_8);
            }));
    c.add(
        new Case(
            "body of 5 MiB, beyond the server's payload cap",
            413,
            "too_large",
            null,
            f ->
                fx ->
                    List.of(
                        expectContinue(
                            fx,
                            "/api/polls/" + fx.open.pollId + "/ballots",
                            new byte[5 * 1024 * 1024],
                            "application/json",
                            null))));
    c.add(
        new Case(
            "5 MiB chunked (no Content-Length)",
            413,
            "too_large",
            null,
            f ->
                fx ->
                    List.of(
                        chunked(
                            fx,
                            "/api/polls/" + fx.open.pollId + "/ballots",
                            5 * 1024 * 1024,
                            "application/json",
                            null))));
    c.add(
        raw(
            "100 000 nested arrays (refused at the first bracket, never parsed deep)",
            400,
            "invalid",
            null,
            f -> ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "deep nesting inside the poll field",
            400,
            "invalid",
            "poll",
            f ->
                ("{\"poll\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                    .getBytes(StandardCharsets.UTF_8)));
    c.add(
        edit(
            "a 300 000-character poll id in the ballot",
            400,
            "invalid",
            "poll",
            n -> n.put("poll", "p".repeat(300_000))));
    c.add(
        raw(
            "a 60-digit number for a subject",
            400,
            "invalid",
            "rows[0].subject",
            f ->
                f.validText()
                    .replaceFirst("\"subject\":1", "\"subject\":" + "9".repeat(60))
                    .getBytes(StandardCharsets.UTF_8)));
    c.add(
        raw(
            "a 5 000-digit number for a subject (parser limit)",
            400,
            "malformed_json",
            "rows[0]",
            f ->
                f.validText()
                    .replaceFirst("\"subject\":1", "\"subject\":" + "9".repeat(5000))
                    .getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- ballot versions (§16)

  /** Version 2 casts (docs/protocol.md §16.2–§16.3) and the other version both ways. */
  private static void ballotVersions(List<Case> c) {
    c.add(
        new Case(
            "a version 1 ballot to a version 2 poll",
            400,
            "invalid",
            "rows[0].options",
            f -> {
              byte[] body = f.edited(n -> n.put("poll", f.openV2.pollId));
              return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "a version 2 ballot to a version 1 poll",
            400,
            "invalid",
            "rows[0].alpha",
            f -> {
              byte[] body =
                  Scenario.json(
                      org.cvote.crypto.ballot.BallotV2Encryptor.encrypt(
                              f.open.pollId,
                              f.q,
                              f.jointKey,
                              EncodingV2.forSummoned(20),
                              f.token,
                              new int[] {0, 1, 2},
                              RNG)
                          .ballot());
              return fx -> List.of(fx.cast(body));
            }));
    for (long bad : new long[] {2, -1}) {
      c.add(
          new Case(
              "v2: a row encrypting " + (bad < 0 ? "B + 1" : "2") + " (proved as HIGH)",
              400,
              "invalid_proof",
              "rows[1].proof",
              f -> {
                long value = bad < 0 ? f.encV2.base() + 1L : bad;
                byte[] body = Scenario.json(v2WithRow(f, 1, value, 1, f.encV2));
                return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
              }));
    }
    c.add(
        new Case(
            "v2: a wrong branch (MID proved as LOW)",
            400,
            "invalid_proof",
            "rows[0].proof",
            f -> {
              byte[] body = Scenario.json(v2WithRow(f, 0, f.encV2.value(1), 3, f.encV2));
              return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "v2: a proof made under B + 1",
            400,
            "invalid_proof",
            "rows[2].proof",
            f -> {
              byte[] body =
                  Scenario.json(v2WithRow(f, 2, 1, 1, new EncodingV2(f.encV2.base() + 1)));
              return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "v2: a base inside the ballot",
            400,
            "unknown_field",
            "rows[0].base",
            f -> {
              ObjectNode n = v2Tree(f);
              ((ObjectNode) n.at("/rows/0")).put("base", f.encV2.base() + 1);
              byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
              return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "v2: a proof array of five",
            400,
            "invalid",
            "rows[1].proof",
            f -> {
              ObjectNode n = v2Tree(f);
              ((com.fasterxml.jackson.databind.node.ArrayNode) n.at("/rows/1/proof/v"))
                  .add(n.at("/rows/1/proof/v/0").asText());
              byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
              return fx -> List.of(fx.castRaw(fx.openV2.pollId, body, "application/json"));
            }));
  }

  private static ObjectNode v2Tree(HostileFixture f) {
    try {
      return (ObjectNode) Api.JSON.readTree(Scenario.json(f.validV2));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The valid v2 ballot with row i replaced: (α, β) of {@code value}, proved as {@code branch}. */
  private static org.cvote.crypto.ballot.BallotV2 v2WithRow(
      HostileFixture f, int i, long value, int branch, EncodingV2 enc) {
    JsonNode poll = f.openV2.publicPoll();
    org.cvote.crypto.hash.Digest q =
        org.cvote.crypto.hash.Digest.fromHex(poll.get("context").get("Q").asText());
    Point k = Point.fromHex(poll.get("context").get("jointKey").asText());
    Scalar r = Scalar.random(RNG);
    org.cvote.crypto.elgamal.Ciphertext ct = org.cvote.crypto.elgamal.ElGamal.encrypt(k, value, r);
    org.cvote.crypto.proof.RowProofV2 p =
        org.cvote.crypto.proof.RowProofV2.prove(
            new org.cvote.crypto.proof.RowStatementV2(
                q,
                org.cvote.crypto.ballot.BallotHashes.tokenHash(f.tokenV2.msg()),
                org.cvote.crypto.ballot.BallotV2.label(i + 1),
                enc,
                k,
                ct),
            branch,
            r,
            RNG);
    List<org.cvote.crypto.ballot.BallotV2.Row> rows = new ArrayList<>(f.validV2.rows());
    rows.set(i, new org.cvote.crypto.ballot.BallotV2.Row(i + 1, ct.alpha(), ct.beta(), p));
    return new org.cvote.crypto.ballot.BallotV2(f.validV2.poll(), f.tokenV2, rows);
  }

  // ---------------------------------------------------------------- proofs (what only cryptography
  // can refuse)

  private static void proofs(List<Case> c) {
    c.add(
        new Case(
            "proof copied from another encryption of the same voter",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            f -> {
              ObjectNode donor = f.tree(f.open.ballot(f.token, 1, 1, 2));
              byte[] body =
                  f.edited(
                      n ->
                          ((ObjectNode) n.at("/rows/0/options/0"))
                              .set("proof", donor.at("/rows/0/options/0/proof")));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        new Case(
            "ballot copying: the victim's rows under my own token (τ binds them)",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            f -> {
              ObjectNode victim = f.tree(f.victim);
              byte[] body = f.edited(n -> n.set("rows", victim.get("rows")));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        edit(
            "an option moved to another column (λ binds it)",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            n ->
                ((ArrayNode) n.at("/rows/0/options"))
                    .set(0, n.at("/rows/0/options/1").deepCopy())));
    c.add(
        edit(
            "a row moved to another subject (λ binds it)",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            n -> {
              ObjectNode r = (ObjectNode) n.at("/rows/1").deepCopy();
              r.put("subject", 1);
              ((ArrayNode) n.get("rows")).set(0, r);
            }));
    c.add(
        new Case(
            "two marks in one row (valid option proofs, no row proof possible)",
            400,
            "invalid_proof",
            "rows[0].rowProof",
            f -> {
              ObjectNode donor = f.tree(f.open.ballot(f.token, 1, 1, 2)); // row 0 marks MID
              byte[] body =
                  f.edited(
                      n ->
                          ((ArrayNode) n.at("/rows/0/options"))
                              .set(1, donor.at("/rows/0/options/1")));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        new Case(
            "weak Fiat–Shamir forgery of an option proof (Helios 2012)",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            f -> {
              ObjectNode forged = weakFiatShamirOption(f.jointKey);
              byte[] body = f.edited(n -> ((ArrayNode) n.at("/rows/0/options")).set(0, forged));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        edit(
            "challenges swapped between the two branches",
            400,
            "invalid_proof",
            "rows[2].options[2].proof",
            n -> {
              ArrayNode cs = (ArrayNode) n.at("/rows/2/options/2/proof/c");
              var c0 = cs.get(0);
              cs.set(0, cs.get(1));
              cs.set(1, c0);
            }));
    c.add(
        new Case(
            "the ballot of another poll relabelled for this one (wrong Q)",
            400,
            "invalid_proof",
            "rows[0].options[0].proof",
            f -> {
              ObjectNode n = f.tree(f.other.ballot(f.token, 0, 1, 2));
              n.put("poll", f.open.pollId);
              byte[] body = n.toString().getBytes(StandardCharsets.UTF_8);
              return fx -> List.of(fx.cast(body));
            }));
  }

  // ---------------------------------------------------------------- tokens

  private static void tokens(List<Case> c) {
    c.add(
        new Case(
            "replay: the victim's accepted ballot sent again",
            409,
            "token_spent",
            "token",
            f -> {
              byte[] body = Scenario.json(f.victim);
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        new Case(
            "replay: a spent token with a fresh encryption",
            409,
            "token_spent",
            "token",
            f -> {
              byte[] body = Scenario.json(f.open.ballot(f.victim.token(), 0, 0, 0));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        new Case(
            "token of another poll",
            400,
            "invalid_token",
            "token.msg",
            f -> {
              Ballot.Token t = f.other.token(f.other.codes.get(0));
              byte[] body = Scenario.json(f.open.ballot(t, 0, 0, 0));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        new Case(
            "token signed by a key that is not the poll's",
            400,
            "invalid_token",
            "token.sig",
            f -> {
              TokenKeyPair rogue = TokenKeyPair.generate(RNG);
              TokenClient client = TokenClient.create(rogue.publicKey(), f.open.pollId);
              var blind = client.begin(RNG);
              SignedToken t =
                  client.finish(
                      blind.state(), TokenIssuer.create(rogue).blindSign(blind.blindedMessage()));
              byte[] body =
                  Scenario.json(
                      f.open.ballot(new Ballot.Token(t.prepared(), t.signature()), 0, 1, 2));
              return fx -> List.of(fx.cast(body));
            }));
    c.add(
        edit(
            "token signature one byte short (383 bytes)",
            400,
            "invalid_token",
            "token.sig",
            n -> setAt(n, "token.sig", textAt(n, "token.sig").substring(2))));
    c.add(
        edit(
            "token signature left-padded to 385 bytes",
            400,
            "invalid_token",
            "token.sig",
            n -> setAt(n, "token.sig", "00" + textAt(n, "token.sig"))));
    c.add(
        edit(
            "token signature: one bit flipped",
            400,
            "invalid_token",
            "token.sig",
            n -> {
              String s = textAt(n, "token.sig");
              setAt(
                  n,
                  "token.sig",
                  s.substring(0, 100) + (s.charAt(100) == '0' ? '1' : '0') + s.substring(101));
            }));
    c.add(
        edit(
            "token signature: 384 zero bytes",
            400,
            "invalid_token",
            "token.sig",
            n -> setAt(n, "token.sig", "00".repeat(384))));
    c.add(
        edit(
            "token signature: all ones (≥ n)",
            400,
            "invalid_token",
            "token.sig",
            n -> setAt(n, "token.sig", "ff".repeat(384))));
    c.add(
        edit(
            "token message: 10 bytes",
            400,
            "invalid_token",
            "token.msg",
            n -> setAt(n, "token.msg", "00".repeat(10))));
    c.add(
        edit(
            "token message: nonce one byte short",
            400,
            "invalid_token",
            "token.msg",
            n ->
                setAt(
                    n,
                    "token.msg",
                    textAt(n, "token.msg").substring(0, textAt(n, "token.msg").length() - 2))));
    c.add(
        edit(
            "token message: the valid one with a byte appended",
            400,
            "invalid_token",
            "token.msg",
            n -> setAt(n, "token.msg", textAt(n, "token.msg") + "00")));
  }

  // ---------------------------------------------------------------- poll states

  private static void states(List<Case> c) {
    c.add(
        new Case(
            "cast before the poll opens",
            409,
            "poll_not_open",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx -> List.of(fx.castRaw(fx.ready.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "cast after the poll closed (ballot built while open)",
            409,
            "poll_not_open",
            null,
            f -> {
              byte[] body = Scenario.json(f.lateBallot);
              return fx -> List.of(fx.castRaw(fx.closed.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "cast to a draft poll",
            409,
            "poll_not_open",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx -> List.of(fx.castRaw(fx.draft.pollId, body, "application/json"));
            }));
    c.add(
        new Case(
            "cast to a poll that does not exist",
            404,
            "not_found",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx -> List.of(fx.castRaw("p-nothing", body, "application/json"));
            }));
    c.add(
        new Case(
            "content type text/plain",
            415,
            "unsupported_media_type",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx -> List.of(fx.castRaw(fx.open.pollId, body, "text/plain"));
            }));
    c.add(
        new Case(
            "content type form-urlencoded",
            415,
            "unsupported_media_type",
            null,
            f -> {
              byte[] body =
                  ("ballot=" + java.net.URLEncoder.encode(f.validText(), StandardCharsets.UTF_8))
                      .getBytes(StandardCharsets.UTF_8);
              return fx ->
                  List.of(fx.castRaw(fx.open.pollId, body, "application/x-www-form-urlencoded"));
            }));
    c.add(
        new Case(
            "DELETE on the cast route (no such route)",
            404,
            "not_found",
            null,
            f -> fx -> List.of(fx.api.delete("/api/polls/" + fx.open.pollId + "/ballots", null))));
  }

  // ---------------------------------------------------------------- token issuance

  private static void issuance(List<Case> c) {
    c.add(
        new Case(
            "access code: well-formed but wrong",
            403,
            "wrong_access_code",
            "accessCode",
            f -> {
              String code = new org.cvote.server.attendance.AccessCodes().generate();
              byte[] blinded = blinded(f);
              return fx -> List.of(issue(fx, fx.other.pollId, code, blinded));
            },
            Map.of("access_code_failure", 1)));
    c.add(
        new Case(
            "access code: malformed",
            400,
            "invalid",
            "accessCode",
            f -> {
              byte[] blinded = blinded(f);
              return fx -> List.of(issue(fx, fx.open.pollId, "'; DROP TABLE voter; --", blinded));
            }));
    c.add(
        new Case(
            "access-code brute force: five wrong codes, then a sixth is 429 (the right code is not locked out: TokenRoutesTest)",
            429,
            "too_many_wrong_codes",
            "accessCode",
            f -> {
              byte[] blinded =
                  new org.cvote.testkit.http.BlindClient(spki(f, f.brute), f.brute.pollId).blinded;
              return fx -> {
                List<Api.Res> out = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                  out.add(
                      issue(
                          fx,
                          fx.brute.pollId,
                          new org.cvote.server.attendance.AccessCodes().generate(),
                          blinded));
                }
                return out;
              };
            },
            Map.of("access_code_failure", 5)));
    c.add(
        new Case(
            "blinded message of 10 bytes",
            400,
            "invalid",
            "blindedMsg",
            f -> {
              String code = f.unusedCode();
              return fx -> List.of(issue(fx, fx.open.pollId, code, new byte[10]));
            }));
    c.add(
        new Case(
            "blinded message ≥ the modulus (all ones)",
            400,
            "invalid",
            "blindedMsg",
            f -> {
              String code = f.unusedCode();
              byte[] big = new byte[384];
              java.util.Arrays.fill(big, (byte) 0xff);
              return fx -> List.of(issue(fx, fx.open.pollId, code, big));
            }));
    c.add(
        new Case(
            "blinded message in uppercase hex",
            400,
            "invalid",
            "blindedMsg",
            f -> {
              String code = f.unusedCode();
              String upper = Hex.encode(blinded(f)).toUpperCase();
              return fx ->
                  List.of(
                      fx.api.post(
                          "/api/polls/" + fx.open.pollId + "/tokens",
                          Map.of("accessCode", code, "blindedMsg", upper),
                          null));
            }));
    c.add(
        new Case(
            "a second, different blinded message for the same voter",
            409,
            "token_already_issued",
            "blindedMsg",
            f -> {
              String code = f.unusedCode();
              Scenario.expect(issue(f, f.open.pollId, code, blinded(f)), 200);
              byte[] second = blinded(f);
              return fx -> List.of(issue(fx, fx.open.pollId, code, second));
            }));
    c.add(
        new Case(
            "token request for a poll not yet open",
            409,
            "poll_not_open",
            null,
            f -> {
              byte[] blinded =
                  new org.cvote.testkit.http.BlindClient(spki(f, f.ready), f.ready.pollId).blinded;
              return fx -> List.of(issue(fx, fx.ready.pollId, fx.ready.codes.get(0), blinded));
            }));
    c.add(
        new Case(
            "token request with an extra field (voter id)",
            400,
            "unknown_field",
            "voter",
            f -> {
              String code = f.unusedCode();
              String blinded = Hex.encode(blinded(f));
              return fx ->
                  List.of(
                      fx.api.post(
                          "/api/polls/" + fx.open.pollId + "/tokens",
                          Map.of("accessCode", code, "blindedMsg", blinded, "voter", 3),
                          null));
            }));
    c.add(
        new Case(
            "token request without the blinded message",
            400,
            "missing",
            "blindedMsg",
            f -> {
              String code = f.unusedCode();
              return fx ->
                  List.of(
                      fx.api.post(
                          "/api/polls/" + fx.open.pollId + "/tokens",
                          Map.of("accessCode", code),
                          null));
            }));
    c.add(
        new Case(
            "token request body over 4 KiB",
            413,
            "too_large",
            null,
            f -> {
              String code = f.unusedCode();
              return fx ->
                  List.of(
                      fx.api.post(
                          "/api/polls/" + fx.open.pollId + "/tokens",
                          Map.of("accessCode", code, "blindedMsg", "00".repeat(4096)),
                          null));
            }));
    c.add(
        new Case(
            "token request in UTF-16",
            400,
            "malformed_json",
            null,
            f -> {
              String code = f.unusedCode();
              byte[] body =
                  Api.JSON
                      .writeValueAsString(
                          Map.of("accessCode", code, "blindedMsg", Hex.encode(blinded(f))))
                      .getBytes(StandardCharsets.UTF_16LE);
              return fx ->
                  List.of(
                      fx.api.send(
                          "POST",
                          "/api/polls/" + fx.open.pollId + "/tokens",
                          body,
                          "application/json",
                          null));
            }));
    c.add(
        new Case(
            "login in UTF-16 with a byte-order mark",
            400,
            "malformed_json",
            null,
            f -> {
              byte[] body =
                  Api.JSON
                      .writeValueAsString(Map.of("username", "admin", "password", "x"))
                      .getBytes(StandardCharsets.UTF_16);
              return fx ->
                  List.of(fx.api.send("POST", "/admin/session", body, "application/json", null));
            }));
    c.add(
        new Case(
            "token request as text/plain",
            415,
            "unsupported_media_type",
            null,
            f -> {
              String code = f.unusedCode();
              String body =
                  Api.JSON.writeValueAsString(
                      Map.of("accessCode", code, "blindedMsg", Hex.encode(blinded(f))));
              return fx ->
                  List.of(
                      fx.api.postRaw(
                          "/api/polls/" + fx.open.pollId + "/tokens", body, "text/plain", null));
            }));
  }

  // ---------------------------------------------------------------- counting-committee routes
  // (signed posts)

  private static void committee(List<Case> c) {
    c.add(
        new Case(
            "committee: join with garbage JSON",
            400,
            "bad_json",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.postRaw(
                            "/api/polls/" + fx.draft.pollId + "/committee/members",
                            "{\"name\":",
                            "application/json",
                            null))));
    c.add(
        new Case(
            "committee: join with keys that are not keys",
            400,
            "bad_json",
            "signingPublicKey",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.draft.pollId + "/committee/members",
                            Map.of(
                                "name",
                                "Mallory",
                                "hpkePublicKey",
                                "00",
                                "signingPublicKey",
                                "zz",
                                "signature",
                                "00"),
                            null))));
    c.add(
        new Case(
            "committee: join a poll that is already open",
            409,
            "wrong_state",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.open.pollId + "/committee/members",
                            Map.of(
                                "name",
                                "Mallory",
                                "hpkePublicKey",
                                "00".repeat(32),
                                "signingPublicKey",
                                "00".repeat(32),
                                "signature",
                                "00".repeat(64)),
                            null))));
    c.add(
        new Case(
            "committee: a decryption share with most fields missing",
            400,
            "bad_json",
            "count",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.open.pollId + "/committee/decryption",
                            Map.of("member", 1),
                            null))));
    c.add(
        new Case(
            "committee: a commitment post for a poll in no ceremony",
            404,
            "no_ceremony",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.open.pollId + "/committee/ceremony/commit",
                            Map.of(
                                "member",
                                1,
                                "commitHash",
                                "00".repeat(32),
                                "signature",
                                "00".repeat(64)),
                            null))));
    // issue 18: the poll id is public; a valid self-signed registration without an invitation
    // stores nothing
    c.add(
        new Case(
            "committee: join without an invitation",
            403,
            "invitation_required",
            "invitation",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.draft.pollId + "/committee/members",
                            registration(fx.draft.pollId, null),
                            null))));
    c.add(
        new Case(
            "committee: join with a made-up invitation code",
            403,
            "invitation_unknown",
            "invitation",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/api/polls/" + fx.draft.pollId + "/committee/members",
                            registration(
                                fx.draft.pollId,
                                org.cvote.crypto.token.AccessCode.generate(new SecureRandom())
                                    .display()),
                            null))));
    c.add(
        new Case(
            "committee: an invitation with an empty name",
            400,
            "invalid",
            "names[1]",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls/" + fx.draft.pollId + "/committee/invitations",
                            Map.of("names", List.of("A", "")),
                            fx.admin))));
    c.add(
        new Case(
            "committee: an approval that lists nobody",
            400,
            "invalid",
            "members",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls/" + fx.draft.pollId + "/committee/start",
                            Map.of("t", 1),
                            fx.admin))));
    c.add(
        new Case(
            "committee: a post in UTF-16",
            400,
            "bad_json",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.send(
                            "POST",
                            "/api/polls/" + fx.draft.pollId + "/committee/members",
                            "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16),
                            "application/json",
                            null))));
  }

  /**
   * A valid self-signed registration of a fresh identity, with the given invitation code (or none),
   * as JSON.
   */
  private static Object registration(String pollId, String invitation) {
    try {
      return Api.JSON.readTree(
          org.cvote.committee.CommitteeJson.mapper()
              .writeValueAsBytes(
                  org.cvote.committee.ceremony.Registration.create(
                      pollId,
                      org.cvote.committee.identity.MemberIdentity.generate("Người lạ"),
                      invitation)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- secretariat routes

  private static void admin(List<Case> c) {
    c.add(
        new Case(
            "admin: list polls without a session",
            401,
            "unauthorized",
            null,
            f -> fx -> List.of(fx.api.get("/admin/polls", null))));
    c.add(
        new Case(
            "admin: close the open poll without a session",
            401,
            "unauthorized",
            null,
            f ->
                fx ->
                    List.of(fx.api.post("/admin/polls/" + fx.open.pollId + "/close", null, null))));
    c.add(
        new Case(
            "admin: close with a made-up session token",
            401,
            "unauthorized",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls/" + fx.open.pollId + "/close", null, "x".repeat(43)))));
    c.add(
        new Case(
            "admin: open a poll with an expired session",
            401,
            "unauthorized",
            null,
            f -> {
              String expired = plantExpiredSession(f);
              return fx ->
                  List.of(fx.api.post("/admin/polls/" + fx.ready.pollId + "/open", null, expired));
            }));
    c.add(
        new Case(
            "admin: Basic credentials instead of a bearer session",
            401,
            "unauthorized",
            null,
            f ->
                fx -> {
                  String basic =
                      java.util.Base64.getEncoder()
                          .encodeToString(
                              ("admin:" + fx.server.app().firstRunPassword().orElse(""))
                                  .getBytes(StandardCharsets.UTF_8));
                  return List.of(
                      send(
                          fx,
                          "GET",
                          "/admin/polls",
                          null,
                          null,
                          Map.of("Authorization", "Basic " + basic)));
                }));
    c.add(
        new Case(
            "admin: roster import without a session",
            401,
            "unauthorized",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.postRaw(
                            "/admin/polls/" + fx.draft.pollId + "/roster/import",
                            "name\nMallory\n",
                            "text/csv",
                            null))));
    c.add(
        new Case(
            "admin: create a poll without a session",
            401,
            "unauthorized",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls",
                            Map.of(
                                "title",
                                "x",
                                "place",
                                "y",
                                "date",
                                "2026-11-23",
                                "visibility",
                                "PUBLIC"),
                            null))));
    c.add(
        new Case(
            "login with a wrong password",
            401,
            "unauthorized",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/session",
                            Map.of("username", "admin", "password", "wrong-password-123"),
                            null))));
    c.add(
        new Case(
            "login smuggling an extra field",
            400,
            "unknown_field",
            "role",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/session",
                            Map.of("username", "admin", "password", "x", "role", "root"),
                            null))));
    c.add(
        new Case(
            "create a poll with a number for its title",
            400,
            "invalid",
            "title",
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls",
                            Map.of(
                                "title",
                                5,
                                "place",
                                "y",
                                "date",
                                "2026-11-23",
                                "visibility",
                                "PUBLIC"),
                            fx.admin))));
    c.add(
        new Case(
            "create a poll as form data",
            415,
            "unsupported_media_type",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.postRaw(
                            "/admin/polls",
                            "title=x&place=y",
                            "application/x-www-form-urlencoded",
                            fx.admin))));
    c.add(
        new Case(
            "add a subject to a poll that is already open",
            409,
            "wrong_state",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post(
                            "/admin/polls/" + fx.open.pollId + "/subjects",
                            Map.of("name", "Trần Văn X", "position", "Giám đốc", "unit", "Sở"),
                            fx.admin))));
  }

  // ---------------------------------------------------------------- CSV uploads

  private static void csv(List<Case> c) {
    c.add(
        rosterCsv("roster CSV: no name column", 400, "invalid", "csv.header", "unit,title\nA,B\n"));
    c.add(
        rosterCsv(
            "roster CSV: unterminated quote",
            400,
            "invalid",
            "csv",
            "name,unit\n\"Nguyễn Văn A,Sở\n"));
    c.add(
        rosterCsv(
            "roster CSV: a row with an extra column",
            400,
            "invalid",
            "csv.line 3",
            "name,unit\nA,B\nC,D,E\n"));
    c.add(
        rosterCsv(
            "roster CSV: an empty name", 400, "invalid", "csv.line 2.name", "name,unit\n ,Sở\n"));
    c.add(
        rosterCsv(
            "roster CSV: a 10 000-character name",
            400,
            "invalid",
            "csv.line 2.name",
            "name,unit\n" + "A".repeat(10_000) + ",Sở\n"));
    c.add(rosterCsv("roster CSV: header only", 400, "invalid", "csv", "name,unit\n"));
    c.add(rosterCsv("roster CSV: empty file", 400, "invalid", "csv", ""));
    c.add(
        new Case(
            "roster CSV: Windows-1258 bytes, not UTF-8",
            400,
            "invalid",
            "csv",
            f -> {
              byte[] body = {'n', 'a', 'm', 'e', '\n', (byte) 0xd0, (byte) 0xe0, 'o', '\n'};
              return fx ->
                  List.of(
                      fx.api.send(
                          "POST",
                          "/admin/polls/" + fx.draft.pollId + "/roster/import",
                          body,
                          "text/csv",
                          fx.admin));
            }));
    c.add(
        new Case(
            "roster CSV for a poll that is already open",
            409,
            "wrong_state",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.postRaw(
                            "/admin/polls/" + fx.open.pollId + "/roster/import",
                            "name\nMallory\n",
                            "text/csv",
                            fx.admin))));
    c.add(
        new Case(
            "roster CSV of 5 MiB (over the 4 MiB cap)",
            413,
            "too_large",
            null,
            f -> {
              byte[] body =
                  ("name\n" + "Nguyễn Văn A\n".repeat(5 * 1024 * 1024 / 14))
                      .getBytes(StandardCharsets.UTF_8);
              return fx ->
                  List.of(
                      expectContinue(
                          fx,
                          "/admin/polls/" + fx.draft.pollId + "/roster/import",
                          body,
                          "text/csv",
                          fx.admin));
            }));
    c.add(
        new Case(
            "roster CSV of 5 MiB chunked (no Content-Length to refuse early)",
            413,
            "too_large",
            null,
            f ->
                fx ->
                    List.of(
                        chunked(
                            fx,
                            "/admin/polls/" + fx.draft.pollId + "/roster/import",
                            5 * 1024 * 1024,
                            "text/csv",
                            fx.admin))));
    c.add(
        subjectCsv(
            "subjects CSV: position and unit columns missing",
            400,
            "invalid",
            "csv.header",
            "name\nA\n"));
    c.add(
        subjectCsv(
            "subjects CSV: retiring flag 'maybe'",
            400,
            "invalid",
            "csv.line 2",
            "name,position,unit,retiring\nA,B,C,maybe\n"));
    c.add(
        subjectCsv(
            "subjects CSV: unterminated quote",
            400,
            "invalid",
            "csv",
            "name,position,unit\n\"A,B,C\n"));
    c.add(
        subjectCsv(
            "subjects CSV: an empty name",
            400,
            "invalid",
            "csv.line 2.name",
            "name,position,unit\n,B,C\n"));
  }

  // ---------------------------------------------------------------- ids and paths

  private static void paths(List<Case> c) {
    c.add(
        new Case(
            "poll id with SQL injection (public read)",
            404,
            "not_found",
            null,
            f -> fx -> List.of(fx.api.get("/api/polls/" + enc("' OR '1'='1"), null))));
    c.add(
        new Case(
            "poll id with SQL injection (cast)",
            404,
            "not_found",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx ->
                  List.of(fx.castRaw(enc("x'; DROP TABLE ballot; --"), body, "application/json"));
            }));
    c.add(
        new Case(
            "poll id with SQL injection (admin roster)",
            404,
            "not_found",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.get(
                            "/admin/polls/" + enc("1' UNION SELECT * FROM account --") + "/roster",
                            fx.admin))));
    c.add(
        new Case(
            "poll id of 100 characters (longer than the column)",
            404,
            "not_found",
            null,
            f -> fx -> List.of(fx.api.get("/api/polls/" + "p".repeat(100) + "/board", null))));
    c.add(
        new Case(
            "poll id of 3 000 characters (cast)",
            404,
            "not_found",
            null,
            f -> {
              byte[] body = Scenario.json(f.valid);
              return fx -> List.of(fx.castRaw("p".repeat(3000), body, "application/json"));
            }));
    c.add(
        new Case(
            "poll id of 100 characters (token issuance)",
            404,
            "not_found",
            null,
            f -> {
              byte[] blinded = blinded(f);
              return fx -> List.of(issue(fx, "p".repeat(100), f.open.codes.get(19), blinded));
            }));
    c.add(
        new Case(
            "poll id of 100 characters (admin open)",
            404,
            "not_found",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.post("/admin/polls/" + "p".repeat(100) + "/open", null, fx.admin))));
    c.add(
        new Case(
            "poll id with an encoded NUL",
            404,
            "not_found",
            null,
            f -> fx -> List.of(fx.api.get("/api/polls/p%00x", null))));
    c.add(
        new Case(
            "poll id with non-ASCII text",
            404,
            "not_found",
            null,
            f -> fx -> List.of(fx.api.get("/api/polls/" + enc("phiếu-ĐĐ"), null))));
    c.add(
        new Case(
            "subject index that is not a number",
            404,
            "not_found",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.delete(
                            "/admin/polls/" + fx.draft.pollId + "/subjects/1%20OR%201=1",
                            fx.admin))));
    c.add(
        new Case(
            "static path traversal with encoded dots",
            404,
            "not_found",
            null,
            f -> fx -> List.of(rawPath(fx, "/%2e%2e/%2e%2e/%2e%2e/etc/passwd"))));
    c.add(
        new Case(
            "static path traversal with encoded slashes",
            404,
            "not_found",
            null,
            f -> fx -> List.of(rawPath(fx, "/..%2f..%2f..%2fpom.xml"))));
    c.add(
        new Case(
            "static path traversal to the class files",
            404,
            "not_found",
            null,
            f -> fx -> List.of(rawPath(fx, "/%2e%2e/org/cvote/server/CvoteApp.class"))));
    c.add(
        new Case(
            "static path to the master keyset",
            404,
            "not_found",
            null,
            f -> fx -> List.of(rawPath(fx, "/..%2f..%2fmaster-keyset.json"))));
  }

  // ================================================================ helpers

  /**
   * A case that edits the valid ballot (carrying the shared unspent token) and casts it to the open
   * poll.
   */
  private static Case edit(
      String name, int status, String error, String field, Consumer<ObjectNode> change) {
    return new Case(
        name,
        status,
        error,
        field,
        f -> {
          byte[] body = f.edited(change);
          return fx -> List.of(fx.cast(body));
        });
  }

  private static Case raw(
      String name, int status, String error, String field, Function<HostileFixture, byte[]> body) {
    return new Case(
        name,
        status,
        error,
        field,
        f -> {
          byte[] b = body.apply(f);
          return fx -> List.of(fx.cast(b));
        });
  }

  /**
   * A ballot with a fresh token of its own, for attacks that would spend the shared one if they
   * wrongly succeeded.
   */
  private static Case fresh(
      String name,
      int status,
      String error,
      String field,
      java.util.function.BiFunction<HostileFixture, Ballot, byte[]> body) {
    return new Case(
        name,
        status,
        error,
        field,
        f -> {
          byte[] b = body.apply(f, f.open.ballot(f.freshToken(), 0, 1, 2));
          return fx -> List.of(fx.cast(b));
        });
  }

  private static Case rosterCsv(String name, int status, String error, String field, String csv) {
    return new Case(
        name,
        status,
        error,
        field,
        f ->
            fx ->
                List.of(
                    fx.api.postRaw(
                        "/admin/polls/" + fx.draft.pollId + "/roster/import",
                        csv,
                        "text/csv",
                        fx.admin)));
  }

  private static Case subjectCsv(String name, int status, String error, String field, String csv) {
    return new Case(
        name,
        status,
        error,
        field,
        f ->
            fx ->
                List.of(
                    fx.api.postRaw(
                        "/admin/polls/" + fx.draft.pollId + "/subjects/import",
                        csv,
                        "text/csv",
                        fx.admin)));
  }

  static String textAt(ObjectNode n, String path) {
    return n.at(pointer(path)).asText();
  }

  static void setAt(ObjectNode n, String path, String value) {
    String p = pointer(path);
    int cut = p.lastIndexOf('/');
    var parent = n.at(p.substring(0, cut));
    String last = p.substring(cut + 1);
    if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), n.textNode(value));
    } else {
      ((ObjectNode) parent).put(last, value);
    }
  }

  /** "rows[1].options[2].alpha" → "/rows/1/options/2/alpha". */
  static String pointer(String path) {
    return "/" + path.replace("[", "/").replace("]", "").replace('.', '/');
  }

  static String offCurve(String hex) {
    String last = hex.substring(hex.length() - 2);
    return hex.substring(0, hex.length() - 2)
        + String.format("%02x", (Integer.parseInt(last, 16) + 1) & 0xff);
  }

  static String compressed(String hex) {
    int yLast = Integer.parseInt(hex.substring(128, 130), 16);
    return ((yLast & 1) == 0 ? "02" : "03") + hex.substring(2, 66);
  }

  /**
   * An option "encrypting" an arbitrary value with a proof whose challenge covers only the
   * commitments (the weak Fiat–Shamir of Bernhard–Pereira–Warinschi 2012): every group equation of
   * the range proof holds, so only the strong challenge (Q, τ, λ, α, β in the hash) can refuse it.
   */
  static ObjectNode weakFiatShamirOption(Point k) {
    Scalar c0 = Scalar.random(RNG);
    Scalar v0 = Scalar.random(RNG);
    Scalar v1 = Scalar.random(RNG);
    Point a0 = Point.baseMul(Scalar.random(RNG));
    Point b0 = Point.baseMul(Scalar.random(RNG));
    Point alpha = a0.subtract(Point.baseMul(v0)).multiply(c0.inverse());
    Point beta = b0.subtract(k.multiply(v0)).multiply(c0.inverse());
    Scalar weak = Transcript.of(Tag.RANGE).point(a0).point(b0).challenge();
    Scalar c1 = weak.subtract(c0);
    Point a1 = Point.sumOfTwo(Point.G, v1, alpha, c1);
    Point b1 = Point.sumOfTwo(k, v1, beta.subtract(Point.G), c1);
    RangeProof forged =
        new RangeProof(List.of(a0, a1), List.of(b0, b1), List.of(c0, c1), List.of(v0, v1));
    Ballot.Option o = new Ballot.Option(alpha, beta, forged);
    return (ObjectNode) org.cvote.crypto.json.ProtocolJson.mapper().valueToTree(o);
  }

  static byte[] spki(HostileFixture f, Scenario s) {
    return Hex.decodeOrNull(s.publicPoll().get("tokenKey").get("spki").asText());
  }

  static byte[] blinded(HostileFixture f) {
    return new org.cvote.testkit.http.BlindClient(spki(f, f.open), f.open.pollId).blinded;
  }

  // ---------------------------------------------------------------- participants-only results
  // (issue 19 §1)

  /** A receipt in the wire form of ReceiptProof: k.B_k.T_k.signature. */
  static String wire(JsonNode receipt) {
    return receipt.get("index").asInt()
        + "."
        + receipt.get("ballotHash").asText()
        + "."
        + receipt.get("chain").asText()
        + "."
        + receipt.get("signature").asText();
  }

  private static void participants(List<Case> c) {
    // the poll is open: the access check comes first, so a credential that passes it meets 409
    // not_published
    c.add(
        new Case(
            "participants-only results: the ballot hash from the public board alone",
            403,
            "participants_only",
            null,
            f ->
                fx ->
                    List.of(
                        fx.api.get(
                            "/api/polls/"
                                + fx.members.pollId
                                + "/results?receipt="
                                + fx.memberReceipt.get("ballotHash").asText(),
                            null))));
    c.add(
        new Case(
            "participants-only results: the board line (k, B_k, T_k) with a made-up signature",
            403,
            "participants_only",
            null,
            f ->
                fx -> {
                  String line = wire(fx.memberReceipt);
                  String forged = line.substring(0, line.lastIndexOf('.') + 1) + "00".repeat(64);
                  return List.of(
                      send(
                          fx,
                          "GET",
                          "/api/polls/" + fx.members.pollId + "/results",
                          null,
                          null,
                          Map.of("X-Cvote-Receipt", forged)));
                }));
    c.add(
        new Case(
            "participants-only results: a receipt with one bit of its signature flipped",
            403,
            "participants_only",
            null,
            f ->
                fx -> {
                  String line = wire(fx.memberReceipt);
                  char last = line.charAt(line.length() - 1);
                  String flipped = line.substring(0, line.length() - 1) + (last == '0' ? '1' : '0');
                  return List.of(
                      send(
                          fx,
                          "GET",
                          "/api/polls/" + fx.members.pollId + "/results",
                          null,
                          null,
                          Map.of("X-Cvote-Receipt", flipped)));
                }));
    c.add(
        new Case(
            "participants-only results: a genuine receipt of another poll",
            403,
            "participants_only",
            null,
            f ->
                fx ->
                    List.of(
                        send(
                            fx,
                            "GET",
                            "/api/polls/" + fx.members.pollId + "/results",
                            null,
                            null,
                            Map.of("X-Cvote-Receipt", wire(fx.victimReceipt))))));
    c.add(
        new Case(
            "participants-only results: the voter's own receipt passes the check (409: not yet published)",
            409,
            "not_published",
            null,
            f ->
                fx ->
                    List.of(
                        send(
                            fx,
                            "GET",
                            "/api/polls/" + fx.members.pollId + "/results",
                            null,
                            null,
                            Map.of("X-Cvote-Receipt", wire(fx.memberReceipt))))));
  }

  static Api.Res issue(HostileFixture f, String pollId, String code, byte[] blinded) {
    return f.api.post(
        "/api/polls/" + pollId + "/tokens",
        Map.of("accessCode", code, "blindedMsg", Hex.encode(blinded)),
        null);
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A session row that expired an hour ago, written straight into the store (as if the clock had
   * moved on).
   */
  static String plantExpiredSession(HostileFixture f) throws Exception {
    String token = "expired-" + Hex.encode(Scalar.random(RNG).encode());
    String hash =
        Hex.encode(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    try (var conn = f.server.app().database().connect();
        PreparedStatement ps =
            conn.prepareStatement(
                "INSERT INTO admin_session (token_hash, username, expires_at) VALUES (?, ?, ?)")) {
      ps.setString(1, hash);
      ps.setString(2, "admin");
      ps.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
      ps.executeUpdate();
    }
    return token;
  }

  private static final HttpClient RAW =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** Sends the path exactly as written (no client-side normalisation of dots or escapes). */
  static Api.Res rawPath(HostileFixture f, String path) throws Exception {
    return send(f, "GET", path, null, null, Map.of());
  }

  static Api.Res send(
      HostileFixture f,
      String method,
      String path,
      byte[] body,
      String type,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.base + path)).timeout(Duration.ofSeconds(60));
    headers.forEach(b::header);
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r = RAW.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Api.Res(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
  }

  /**
   * A large body sent the way a careful client sends it, with {@code Expect: 100-continue}: the
   * server refuses it on the headers alone and closes, and the client still reads the refusal
   * instead of a broken pipe.
   */
  static Api.Res expectContinue(
      HostileFixture f, String path, byte[] body, String type, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.base + path))
            .timeout(Duration.ofSeconds(60))
            .expectContinue(true)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> r = RAW.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Api.Res(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
  }

  /**
   * A body streamed with chunked transfer encoding, so the server cannot refuse it by its
   * Content-Length.
   */
  static Api.Res chunked(HostileFixture f, String path, int size, String type, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(f.base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpRequest req =
        b.header("Content-Type", type)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new java.io.InputStream() {
                          int sent;

                          @Override
                          public int read() {
                            return sent < size ? (sent++ >= 0 ? ' ' : -1) : -1;
                          }

                          @Override
                          public int read(byte[] b, int off, int len) {
                            if (sent >= size) {
                              return -1;
                            }
                            int n = Math.min(len, size - sent);
                            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                            sent += n;
                            return n;
                          }
                        }))
            .build();
    try {
      HttpResponse<byte[]> r = RAW.send(req, HttpResponse.BodyHandlers.ofByteArray());
      return new Api.Res(
          r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""));
    } catch (java.io.IOException e) {
      // the server may answer and close before the client finished sending; ask what it said is not
      // possible then
      throw new AssertionError("connection failed while streaming: " + e, e);
    }
  }
}
