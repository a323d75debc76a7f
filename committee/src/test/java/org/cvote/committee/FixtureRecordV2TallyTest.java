package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.decrypt.NotEnoughSharesException;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.crypto.ballot.RecordedBallotV2;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.PartialSignature;
import org.cvote.crypto.record.RecordJson;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.testkit.fixture.ElectionFixtureV2;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committee's version 2 tally against a whole record written by testkit's {@link
 * ElectionFixtureV2} (its own key generation, encryption, decryption and signatures): the record's
 * board aggregates to its aggregate.json, and the members' published shares and partial signatures,
 * posted as partial decryptions, combine to the record's counts; a share changed and signed again
 * is refused naming the member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FixtureRecordV2TallyTest {
  @TempDir static Path dir;
  ElectionFixture.Result fixture;
  EncodingV2 encoding;
  CeremonyResult committee;
  AggregateFileV2 aggregate;
  ClosingStatement closing;
  List<PartialDecryption> partials = new ArrayList<>();
  List<RecordedBallotV2> board = new ArrayList<>();

  @BeforeAll
  void record() throws Exception {
    fixture = ElectionFixtureV2.write(ElectionFixture.Spec.small().withBallots(15), dir);
    var m = RecordJson.lenient();
    encoding = BallotVersion.of(m.readTree(dir.resolve("manifest.json").toFile())).orElseThrow();
    ContextFile context = m.readValue(dir.resolve("context.json").toFile(), ContextFile.class);
    CommitteeFile cf = m.readValue(dir.resolve("committee.json").toFile(), CommitteeFile.class);
    committee =
        new CeremonyResult(
            cf.ceremonyId(),
            context.n(),
            context.t(),
            cf.members().stream().map(CommitteeFile.Member::commitments).toList(),
            context.jointKey(),
            cf.members().stream().map(CommitteeFile.Member::publicShare).toList(),
            cf.members().stream().map(CommitteeFile.Member::signingPublicKey).toList());
    ObjectNode agg = (ObjectNode) m.readTree(dir.resolve("aggregate.json").toFile());
    assertEquals(2, agg.remove("version").intValue());
    closing = m.treeToValue(agg.remove("closing"), ClosingStatement.class);
    aggregate = m.treeToValue(agg, AggregateFileV2.class);
    ObjectNode dec = (ObjectNode) m.readTree(dir.resolve("decryption.json").toFile());
    List<PartialSignature> sigs =
        m.convertValue(dec.remove("partials"), new TypeReference<List<PartialSignature>>() {});
    DecryptionFile decryption = m.treeToValue(dec, DecryptionFile.class);
    for (PartialSignature s : sigs) {
      partials.add(
          new PartialDecryption(
              s.member(),
              Math.toIntExact(s.count()),
              s.head(),
              decryption.shares().stream().filter(x -> x.member() == s.member()).toList(),
              s.signature()));
    }
    for (String line : Files.readAllLines(dir.resolve("ballots.ndjson"))) {
      board.add(RecordJson.strict().readValue(line, RecordedBallotV2.class));
    }
  }

  @Test
  void theBoardAggregatesToTheRecordsAggregate() throws Exception {
    assertEquals(
        new String(RecordJson.write(aggregate)),
        new String(RecordJson.write(AggregateFileV2.of(board, 3))));
    assertEquals(List.of("s1", "s2", "s3"), aggregate.labels());
  }

  @Test
  void thePublishedPartialsCombineToTheRecordsCounts() throws Exception {
    TallyResult r =
        TallyCombiner.combine(
            fixture.q(), closing.head(), committee, encoding, aggregate, partials, Fixture.RNG);
    assertTrue(r.rejected().isEmpty(), r.rejected().toString());
    assertEquals(List.of(1, 3), r.decryption().members());
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(fixture.counts()[s], r.counts().get(s), "subject " + (s + 1));
    }
    JsonNode tally = RecordJson.lenient().readTree(dir.resolve("tally.json").toFile());
    for (int s = 0; s < 3; s++) {
      JsonNode c = tally.get("results").get(s).get("counts");
      assertArrayEquals(
          new long[] {c.get(0).longValue(), c.get(1).longValue(), c.get(2).longValue()},
          r.counts().get(s));
    }
  }

  @Test
  void aShareChangedAndSignedAgainIsRefusedNamingTheMember() {
    PartialDecryption p3 = partials.get(1);
    assertEquals(3, p3.member());
    List<DecryptionFile.Share> shares = new ArrayList<>(p3.shares());
    DecryptionFile.Share s = shares.get(2);
    shares.set(2, new DecryptionFile.Share(3, s.label(), s.m().add(Point.G), s.proof()));
    byte[] sig =
        RecordSignature.sign(
            fixture.memberSigningKeys().get(2),
            PartialDecryption.payload(fixture.q(), 3, p3.count(), p3.head(), shares));
    PartialDecryption bad = new PartialDecryption(3, p3.count(), p3.head(), shares, sig);
    String why =
        TallyCombiner.check(fixture.q(), closing.head(), committee, aggregate, bad, Fixture.RNG);
    assertTrue(why != null && why.contains("s3"), why);
    var e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NotEnoughSharesException.class,
            () ->
                TallyCombiner.combine(
                    fixture.q(),
                    closing.head(),
                    committee,
                    encoding,
                    aggregate,
                    List.of(partials.get(0), bad),
                    Fixture.RNG));
    assertTrue(e.getMessage().contains("member 3 rejected"), e.getMessage());
  }
}
