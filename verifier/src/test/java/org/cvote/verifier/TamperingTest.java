package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;
import org.cvote.crypto.record.Percent;
import org.cvote.crypto.record.RecordFiles;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single changes to a valid record, each detected by the right check with exit 1. Most are
 * re-signed with the server's key, so record.sig verifies and the deeper check is what catches them
 * (V11 must then pass).
 */
class TamperingTest {
  @TempDir static Path tmp;
  static Path valid;
  static ElectionFixture.Result fixture;

  static final String P7 = Point.baseMul(7).toHex();

  @BeforeAll
  static void build() {
    valid = tmp.resolve("valid");
    fixture = ElectionFixture.write(ElectionFixture.Spec.small(), valid);
  }

  record Case(String name, String check, boolean resign, Consumer<Path> change) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String bump(String scalarHex) {
    return Scalar.fromHex(scalarHex).add(Scalar.ONE).toHex();
  }

  static ObjectNode tally(ObjectNode t, int subject) {
    return (ObjectNode) t.get("results").get(subject);
  }

  static Stream<Arguments> cases() {
    List<Case> c = new ArrayList<>();
    // ballots
    c.add(
        new Case(
            "ballot ciphertext",
            "V5",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    3,
                    b ->
                        ((ObjectNode) b.get("rows").get(1).get("options").get(2))
                            .put("alpha", P7))));
    c.add(
        new Case(
            "range proof scalar",
            "V5",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    4,
                    b -> {
                      ArrayNode v =
                          (ArrayNode)
                              b.get("rows").get(0).get("options").get(1).get("proof").get("v");
                      v.set(0, bump(v.get(0).asText()));
                    })));
    c.add(
        new Case(
            "row proof scalar",
            "V5",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    6,
                    b -> {
                      ArrayNode cs = (ArrayNode) b.get("rows").get(2).get("rowProof").get("c");
                      cs.set(1, bump(cs.get(1).asText()));
                    })));
    c.add(
        new Case(
            "chain link",
            "V6",
            true,
            d ->
                RecordTools.editBallot(
                    d, 7, b -> b.put("chain", Digest.sha256(new byte[] {7}).toHex()))));
    c.add(
        new Case(
            "ballot hash field",
            "V6",
            true,
            d ->
                RecordTools.editBallot(
                    d, 2, b -> b.put("hash", Digest.sha256(new byte[] {2}).toHex()))));
    c.add(
        new Case(
            "ballot order swapped",
            "V6",
            true,
            d -> {
              List<String> l = RecordTools.lines(d);
              String x = l.get(2);
              l.set(2, l.get(3));
              l.set(3, x);
              RecordTools.writeLines(d, l);
            }));
    c.add(
        new Case(
            "ballot removed",
            "V7",
            true,
            d -> {
              List<String> l = RecordTools.lines(d);
              l.remove(l.size() - 1);
              RecordTools.writeLines(d, l);
            }));
    c.add(
        new Case(
            "duplicate token",
            "V4",
            true,
            d -> {
              List<String> l = RecordTools.lines(d);
              l.add(l.get(4));
              RecordTools.writeLines(d, l);
            }));
    c.add(
        new Case(
            "token signature byte",
            "V4",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    5,
                    b -> {
                      ObjectNode t = (ObjectNode) b.get("token");
                      String sig = t.get("sig").asText();
                      t.put("sig", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
                    })));
    c.add(
        new Case(
            "validly signed token of another poll",
            "V4",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    2,
                    b -> {
                      var t =
                          ElectionFixture.token(
                              ElectionFixture.tokenKey(),
                              "another-poll",
                              new java.security.SecureRandom());
                      ((ObjectNode) b.get("token"))
                          .put("msg", Hex.encode(t.msg()))
                          .put("sig", Hex.encode(t.sig()));
                    })));
    c.add(
        new Case(
            "ballot for another poll",
            "V4",
            true,
            d -> RecordTools.editBallot(d, 1, b -> b.put("poll", "other-poll"))));
    c.add(
        new Case(
            "unknown field in a ballot",
            "V1",
            true,
            d -> RecordTools.editBallot(d, 8, b -> b.put("voter", "x"))));
    c.add(
        new Case(
            "duplicate key in a ballot",
            "V1",
            true,
            d -> {
              List<String> l = RecordTools.lines(d);
              l.set(6, l.get(6).replaceFirst("\\{", "{\"index\":7,"));
              RecordTools.writeLines(d, l);
            }));
    c.add(
        new Case(
            "duplicate key in tally.json",
            "V1",
            true,
            d -> {
              try {
                String t = Files.readString(d.resolve(RecordFiles.TALLY));
                Files.writeString(
                    d.resolve(RecordFiles.TALLY), t.replaceFirst("\\{", "{\"collected\":0,"));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
    c.add(
        new Case(
            "uppercase hex in a ballot",
            "V1",
            true,
            d ->
                RecordTools.editBallot(
                    d, 9, b -> b.put("hash", b.get("hash").asText().toUpperCase()))));
    c.add(
        new Case(
            "point off the curve",
            "V1",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    10,
                    b -> {
                      ObjectNode o = (ObjectNode) b.get("rows").get(0).get("options").get(0);
                      String a = o.get("alpha").asText();
                      // one hex digit of y changed (always to a different digit): only y or p − y
                      // lies on the curve with this x
                      o.put(
                          "alpha",
                          a.substring(0, 128)
                              + (a.charAt(128) == '0' ? '1' : '0')
                              + a.substring(129));
                    })));
    c.add(
        new Case(
            "scalar not below q",
            "V1",
            true,
            d ->
                RecordTools.editBallot(
                    d,
                    11,
                    b ->
                        ((ArrayNode) b.get("rows").get(0).get("rowProof").get("v"))
                            .set(0, "ff".repeat(32)))));
    // aggregate
    c.add(
        new Case(
            "aggregate ciphertext",
            "V7",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.AGGREGATE,
                    a ->
                        ((ObjectNode) a.get("rows").get(0).get("options").get(0))
                            .put("beta", P7))));
    c.add(
        new Case(
            "aggregate count",
            "V7",
            true,
            d -> RecordTools.edit(d, RecordFiles.AGGREGATE, a -> a.put("count", 13))));
    // committee and context
    c.add(
        new Case(
            "a commitment",
            "V3",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m -> ((ArrayNode) m.get("members").get(1).get("commitments")).set(1, P7))));
    c.add(
        new Case(
            "a Schnorr proof",
            "V3",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m -> {
                      ObjectNode p = (ObjectNode) m.get("members").get(0).get("proofs").get(1);
                      p.put("v", bump(p.get("v").asText()));
                    })));
    c.add(
        new Case(
            "a public share",
            "V3",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m -> ((ObjectNode) m.get("members").get(2)).put("publicShare", P7))));
    c.add(
        new Case(
            "ceremony id",
            "V3",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m -> m.put("ceremonyId", Digest.sha256(new byte[] {3}).toHex()))));
    c.add(
        new Case(
            "commit hash",
            "V3",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m ->
                        ((ObjectNode) m.get("members").get(0))
                            .put("commitHash", Digest.sha256(new byte[] {4}).toHex()))));
    c.add(
        new Case(
            "member keyset not matching its key",
            "V1",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.COMMITTEE,
                    m -> {
                      ObjectNode m0 = (ObjectNode) m.get("members").get(0);
                      m0.set("signingKeyset", m.get("members").get(1).get("signingKeyset"));
                    })));
    c.add(
        new Case(
            "K in context.json",
            "V3",
            true,
            d -> RecordTools.edit(d, RecordFiles.CONTEXT, x -> x.put("jointKey", P7))));
    c.add(
        new Case(
            "Q in context.json",
            "V2",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.CONTEXT,
                    x -> x.put("Q", Digest.sha256(new byte[] {5}).toHex()))));
    c.add(
        new Case(
            "manifest title",
            "V2",
            true,
            d ->
                RecordTools.edit(
                    d, RecordFiles.MANIFEST, x -> x.put("title", "Lấy phiếu tín nhiệm (sửa)"))));
    c.add(
        new Case(
            "subject name",
            "V2",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.MANIFEST,
                    x -> ((ObjectNode) x.get("subjects").get(1)).put("name", "Người khác"))));
    c.add(
        new Case(
            "token key swapped",
            "V2",
            true,
            d -> {
              try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4));
                byte[] spki = g.generateKeyPair().getPublic().getEncoded();
                RecordTools.edit(d, RecordFiles.TOKEN_KEY, x -> x.put("spki", Hex.encode(spki)));
              } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
              }
            }));
    // decryption
    c.add(
        new Case(
            "a decryption share",
            "V8",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> ((ObjectNode) x.get("shares").get(2)).put("M", P7))));
    c.add(
        new Case(
            "a DLEQ proof",
            "V8",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> {
                      ObjectNode p = (ObjectNode) x.get("shares").get(4).get("proof");
                      p.put("c", bump(p.get("c").asText()));
                    })));
    c.add(
        new Case(
            "U smaller than t",
            "V8",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> {
                      x.putArray("members").add(1);
                      ArrayNode keep = RecordTools.JSON.createArrayNode();
                      x.get("shares")
                          .forEach(
                              s -> {
                                if (s.get("member").asInt() == 1) {
                                  keep.add(s);
                                }
                              });
                      x.set("shares", keep);
                    })));
    c.add(
        new Case(
            "member twice in U",
            "V8",
            true,
            d ->
                RecordTools.edit(
                    d, RecordFiles.DECRYPTION, x -> ((ArrayNode) x.get("members")).add(1))));
    c.add(
        new Case(
            "share from a member outside U",
            "V8",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> ((ObjectNode) x.get("shares").get(0)).put("member", 2))));
    // tally
    c.add(
        new Case(
            "a count (report kept consistent)",
            "V9",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      ObjectNode r = tally(t, 1);
                      long col = t.get("collected").asLong();
                      ArrayNode counts = (ArrayNode) r.get("counts");
                      ArrayNode pct = (ArrayNode) r.get("percent");
                      long h = counts.get(0).asLong();
                      long m = counts.get(1).asLong();
                      if (m > 0) { // move one vote from MID to HIGH: valid unchanged
                        counts.set(0, h + 1);
                        counts.set(1, m - 1);
                      } else {
                        counts.set(0, h - 1);
                        counts.set(1, m + 1);
                      }
                      pct.set(0, Percent.of(counts.get(0).asLong(), col));
                      pct.set(1, Percent.of(counts.get(1).asLong(), col));
                    })));
    c.add(
        new Case(
            "valid",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> tally(t, 0).put("valid", tally(t, 0).get("valid").asLong() + 1))));
    c.add(
        new Case(
            "a percentage",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> ((ArrayNode) tally(t, 2).get("percent")).set(1, "12.5"))));
    c.add(
        new Case(
            "a flag",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      String f = tally(t, 1).get("flag").asText();
                      tally(t, 1)
                          .put("flag", f.equals("TWO_THIRDS_LOW") ? "NONE" : "TWO_THIRDS_LOW");
                    })));
    c.add(
        new Case(
            "collected",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> t.put("collected", t.get("collected").asLong() - 1))));
    c.add(
        new Case(
            "issued > presentAtVoting",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> t.put("issued", t.get("presentAtVoting").asLong() + 1))));
    c.add(
        new Case(
            "presentAtVoting > present",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> t.put("presentAtVoting", t.get("present").asLong() + 1))));
    c.add(
        new Case(
            "present + absent ≠ summoned",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d, RecordFiles.TALLY, t -> t.put("summoned", t.get("summoned").asLong() + 1))));
    c.add(
        new Case(
            "quorum broken",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      long present = t.get("present").asLong();
                      t.put("absentFromStart", present);
                      t.put("summoned", 2 * present);
                    })));
    c.add(
        new Case(
            "huge attendance figures",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> {
                      t.put("summoned", Long.MAX_VALUE);
                      t.put("present", Long.MAX_VALUE);
                    })));
    c.add(
        new Case(
            "huge count",
            "V10",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> ((ArrayNode) tally(t, 0).get("counts")).set(0, Long.MAX_VALUE))));
    // closing statement and board binding (V12, record version 2), each re-signed with the record
    // key so V11 passes
    c.add(
        new Case(
            "partials sign another head (members' real signatures)",
            "V12",
            true,
            d -> {
              // the members really signed a partial decryption of another board: what a server gets
              // from members it fooled
              Digest other = Digest.sha256(new byte[] {12});
              resignPartials(d, other, 12);
            }));
    c.add(
        new Case(
            "partials relabelled with another head, signatures kept",
            "V12",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x ->
                        ((ArrayNode) x.get("partials"))
                            .forEach(
                                p ->
                                    ((ObjectNode) p)
                                        .put("head", Digest.sha256(new byte[] {13}).toHex())))));
    c.add(
        new Case(
            "a partial signature byte",
            "V12",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.DECRYPTION,
                    x -> {
                      ObjectNode p = (ObjectNode) x.get("partials").get(1);
                      String sig = p.get("signature").asText();
                      p.put("signature", (sig.charAt(0) == '0' ? "1" : "0") + sig.substring(1));
                    })));
    c.add(
        new Case(
            "a partial signature missing",
            "V12",
            true,
            d ->
                RecordTools.edit(
                    d, RecordFiles.DECRYPTION, x -> ((ArrayNode) x.get("partials")).remove(0))));
    c.add(
        new Case(
            "closing statement and partials for the board without its last ballot",
            "V12",
            true,
            d -> {
              // the server re-signs everything for the N − 1 prefix: the statement no longer names
              // the published board
              List<String> l = RecordTools.lines(d);
              Digest head = chainOf(l.get(l.size() - 2));
              resignClosing(d, l.size() - 1, head);
              resignPartials(d, head, l.size() - 1);
            }));
    c.add(
        new Case(
            "closing count changed, re-signed by the record key",
            "V12",
            true,
            d -> {
              List<String> l = RecordTools.lines(d);
              resignClosing(d, l.size() + 1, chainOf(l.get(l.size() - 1)));
            }));
    c.add(
        new Case(
            "closing signature byte",
            "V12",
            true,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.AGGREGATE,
                    x -> {
                      ObjectNode cl = (ObjectNode) x.get("closing");
                      String sig = cl.get("signature").asText();
                      cl.put(
                          "signature",
                          sig.substring(0, 10)
                              + (sig.charAt(10) == '0' ? "1" : "0")
                              + sig.substring(11));
                    })));
    c.add(
        new Case(
            "closing statement removed, version kept",
            "V1",
            true,
            d -> RecordTools.edit(d, RecordFiles.AGGREGATE, x -> x.remove("closing"))));
    c.add(
        new Case(
            "version removed, closing kept",
            "V1",
            true,
            d -> RecordTools.edit(d, RecordFiles.AGGREGATE, x -> x.remove("version"))));
    c.add(
        new Case(
            "unknown record version",
            "V1",
            true,
            d -> RecordTools.edit(d, RecordFiles.AGGREGATE, x -> x.put("version", 3))));
    // signature
    c.add(
        new Case(
            "record.sig byte",
            "V11",
            false,
            d -> {
              try {
                byte[] s = Files.readAllBytes(d.resolve(RecordFiles.SIGNATURE));
                s[10] = (byte) (s[10] == '0' ? '1' : '0');
                Files.write(d.resolve(RecordFiles.SIGNATURE), s);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
    c.add(
        new Case(
            "tally changed, not re-signed",
            "V11",
            false,
            d ->
                RecordTools.edit(
                    d,
                    RecordFiles.TALLY,
                    t -> t.put("note", "extra fields are allowed but signed"))));
    c.add(
        new Case(
            "signing key swapped and re-signed with it",
            "V2",
            false,
            d -> {
              byte[] sk = new byte[32];
              new java.security.SecureRandom().nextBytes(sk);
              byte[] pk = RecordSignature.publicKey(sk);
              // keyset of the old key no longer matches: V1 too; the point is that V11 now passes
              // and V2 catches it
              RecordTools.edit(d, RecordFiles.SIGNING_KEY, x -> x.put("ed25519", Hex.encode(pk)));
              ElectionFixture.sign(d, sk);
            }));
    return c.stream().map(Arguments::of);
  }

  static Digest chainOf(String ballotLine) {
    try {
      return Digest.fromHex(RecordTools.JSON.readTree(ballotLine).get("chain").asText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces aggregate.json's closing statement by one the record key signs for (count, head). */
  static void resignClosing(Path d, long count, Digest head) {
    RecordTools.edit(
        d,
        RecordFiles.AGGREGATE,
        x -> {
          ClosingStatement cs =
              ClosingStatement.sign(
                  ElectionFixture.Spec.small().pollId(),
                  fixture.q(),
                  count,
                  head,
                  dg -> RecordSignature.sign(fixture.signingPrivateKey(), dg));
          x.set("closing", RecordJson.strict().valueToTree(cs));
        });
  }

  /**
   * Every partial of decryption.json re-signed by its member over (count, head) instead of the
   * board's.
   */
  static void resignPartials(Path d, Digest head, long count) {
    RecordTools.edit(
        d,
        RecordFiles.DECRYPTION,
        x -> {
          try {
            DecryptionFile dec = RecordJson.lenient().treeToValue(x, DecryptionFile.class);
            ArrayNode out = RecordTools.JSON.createArrayNode();
            for (int m : dec.members()) {
              List<DecryptionFile.Share> own =
                  dec.shares().stream().filter(sh -> sh.member() == m).toList();
              byte[] sig =
                  RecordSignature.sign(
                      fixture.memberSigningKeys().get(m - 1),
                      PartialSignature.payload(fixture.q(), m, count, head, own));
              out.add(RecordJson.strict().valueToTree(new PartialSignature(m, count, head, sig)));
            }
            x.set("partials", out);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detected(Case c) {
    Path d = tmp.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-"));
    ElectionFixture.copy(valid, d);
    c.change().accept(d);
    if (c.resign()) {
      ElectionFixture.sign(d, fixture.signingPrivateKey());
    }
    RecordTools.Run r = RecordTools.verifyJson(d);
    String why = c.name() + " → " + r.failed() + "\n" + r.out() + r.err();
    assertEquals(1, r.exit(), why);
    assertTrue(r.failed().contains(c.check()), why);
    assertFalse(r.items(c.check()).isEmpty(), why);
    if (c.resign() || c.name().startsWith("signing key")) {
      assertFalse(
          r.failed().contains("V11"), "re-signed: V11 passes, a deeper check catches it. " + why);
    }
  }

  static int caseCount() {
    return (int) cases().count();
  }

  @org.junit.jupiter.api.Test
  void atLeastTwentyFiveDistinctChanges() {
    assertTrue(caseCount() >= 25, "cases: " + caseCount());
  }
}
