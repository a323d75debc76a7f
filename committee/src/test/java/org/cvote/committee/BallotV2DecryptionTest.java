package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.NotEnoughSharesException;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.PartialRejection;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyRefusedException;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.committee.server.InMemoryPartialStore;
import org.cvote.crypto.ballot.RecordedLine;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.AggregateFileV2;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.DecryptionFile;
import org.cvote.crypto.record.RecordSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ballot version 2 (docs/protocol.md §16.6): n = 5, t = 3, 24 ballots × 3 subjects under B = 41.
 * Every member checks the whole v2 board and makes one share per subject (label s&lt;i&gt;); any t
 * of them combine to the true counts through the packed value's search and split; tampered,
 * relabelled or missing shares are refused naming the member; a board of N ≥ B, a version 1 line
 * and a closing statement over a version 1 Q are refused before any share; a value no honest board
 * gives is refused, never guessed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BallotV2DecryptionTest {
  private static final int SUBJECTS = 3;
  private static final int BALLOTS = 24;
  private static final int SUMMONED = 40;

  @TempDir static Path dir;
  Fixture f;
  Fixture.PollV2 poll;
  CeremonyResult committee;
  final Map<Integer, PartialDecryption> partials = new TreeMap<>();

  @BeforeAll
  void ceremonyAndVoting() throws Exception {
    f = new Fixture("poll-v2", 5, dir);
    f.coordinator.start(f.pollId, 3);
    List<Progress> last = f.runCeremony();
    assertTrue(last.stream().allMatch(Progress::finished), last.toString());
    committee = f.coordinator.result(f.pollId);
    poll = f.pollV2(SUBJECTS, BALLOTS, SUMMONED);
    f.transport.publish(f.pollId, poll.input());
    String expectedAggregate =
        CommitteeJson.mapper().writeValueAsString(AggregateFileV2.of(poll.board(), SUBJECTS));
    for (int i = 1; i <= 5; i++) {
      MemberDecryptor.Result res =
          MemberDecryptor.decrypt(
              f.ids.get(i - 1), f.state(i), f.transport.tallyInput(f.pollId), Fixture.RNG);
      assertEquals(poll.q(), res.q());
      assertNull(res.aggregate(), "no version 1 aggregate for a version 2 board");
      assertEquals(expectedAggregate, CommitteeJson.mapper().writeValueAsString(res.aggregateV2()));
      assertEquals(BALLOTS, res.count());
      assertEquals(
          List.of("s1", "s2", "s3"),
          res.partial().shares().stream().map(DecryptionFile.Share::label).toList());
      partials.put(i, res.partial());
    }
  }

  private Digest head() {
    return poll.input().closing().head();
  }

  private AggregateFileV2 aggregate() {
    return AggregateFileV2.of(poll.board(), SUBJECTS);
  }

  private List<PartialDecryption> of(int... members) {
    List<PartialDecryption> out = new ArrayList<>();
    for (int m : members) {
      out.add(partials.get(m));
    }
    return out;
  }

  private TallyResult combine(List<PartialDecryption> ps) throws NotEnoughSharesException {
    return TallyCombiner.combine(
        poll.q(), head(), committee, poll.encoding(), aggregate(), ps, Fixture.RNG);
  }

  private void assertTruth(TallyResult r) {
    assertEquals(BALLOTS, r.collected());
    for (int s = 0; s < SUBJECTS; s++) {
      assertArrayEquals(poll.truth()[s], r.counts().get(s), "subject " + (s + 1));
    }
  }

  /** Member {@code m}'s partial with other shares, signed again with its own key. */
  private PartialDecryption resigned(int m, List<DecryptionFile.Share> shares) {
    PartialDecryption honest = partials.get(m);
    return new PartialDecryption(
        m,
        honest.count(),
        honest.head(),
        shares,
        f.ids
            .get(m - 1)
            .sign(
                PartialDecryption.payload(poll.q(), m, honest.count(), honest.head(), shares)
                    .bytes()));
  }

  @Test
  void anyThresholdSetCombinesToTheTrueCounts() throws Exception {
    for (int[] u : new int[][] {{1, 3, 5}, {2, 4, 5}, {1, 2, 3, 4, 5}}) {
      TallyResult r = combine(of(u));
      assertTruth(r);
      assertEquals(java.util.Arrays.stream(u).boxed().toList(), r.decryption().members());
      assertEquals(u.length * SUBJECTS, r.decryption().shares().size());
      assertEquals(u.length, r.partials().size());
      assertTrue(r.rejected().isEmpty());
      assertEquals(
          List.of("s1", "s2", "s3"),
          r.decryption().shares().subList(0, SUBJECTS).stream()
              .map(DecryptionFile.Share::label)
              .toList());
    }
    var e = assertThrows(NotEnoughSharesException.class, () -> combine(of(2, 4)));
    assertTrue(e.getMessage().contains("need t = 3"), e.getMessage());
  }

  @Test
  void aTamperedShareIsRefusedNamingTheMember() throws Exception {
    List<DecryptionFile.Share> shares = new ArrayList<>(partials.get(2).shares());
    DecryptionFile.Share s2 = shares.get(1);
    shares.set(1, new DecryptionFile.Share(2, s2.label(), s2.m().add(Point.G), s2.proof()));
    PartialDecryption bad = resigned(2, shares);
    PartialRejection why =
        TallyCombiner.rejection(poll.q(), head(), committee, aggregate(), bad, Fixture.RNG);
    assertNotNull(why);
    assertEquals(PartialRejection.Reason.BAD_PROOF, why.reason());
    assertTrue(why.message().contains("s2"), why.message());
    // the desk answers 400 naming the member; the honest ones still count
    DecryptionDesk desk =
        new DecryptionDesk(f.coordinator, f.transport::tallyInput, new InMemoryPartialStore());
    var ex = assertThrows(CommitteeException.class, () -> desk.submit(f.pollId, bad));
    assertEquals("bad_decryption", ex.code());
    assertTrue(ex.getMessage().contains("member 2"), ex.getMessage());
    var few =
        assertThrows(
            NotEnoughSharesException.class,
            () -> combine(List.of(bad, partials.get(1), partials.get(3))));
    assertTrue(few.getMessage().contains("member 2 rejected"), few.getMessage());
    TallyResult r = combine(List.of(bad, partials.get(1), partials.get(3), partials.get(5)));
    assertTruth(r);
    assertTrue(r.rejected().containsKey(2));
    assertEquals(List.of(1, 3, 5), r.decryption().members());
  }

  @Test
  void aWrongOrMissingLabelIsRefusedNamingTheMember() {
    List<DecryptionFile.Share> honest = partials.get(4).shares();
    // a version 1 label for the first subject
    List<DecryptionFile.Share> relabelled = new ArrayList<>(honest);
    DecryptionFile.Share s1 = honest.get(0);
    relabelled.set(0, new DecryptionFile.Share(4, "s1/o0", s1.m(), s1.proof()));
    // two labels swapped
    List<DecryptionFile.Share> swapped = new ArrayList<>(honest);
    swapped.set(0, honest.get(1));
    swapped.set(1, honest.get(0));
    // a label missing, and one label twice
    List<DecryptionFile.Share> missing = new ArrayList<>(honest.subList(0, SUBJECTS - 1));
    List<DecryptionFile.Share> twice = new ArrayList<>(honest);
    twice.set(2, honest.get(1));
    List<DecryptionFile.Share> extra = new ArrayList<>(honest);
    extra.add(honest.get(2));
    for (List<DecryptionFile.Share> shares : List.of(relabelled, swapped, missing, twice, extra)) {
      PartialDecryption bad = resigned(4, shares);
      PartialRejection why =
          TallyCombiner.rejection(poll.q(), head(), committee, aggregate(), bad, Fixture.RNG);
      assertNotNull(why, shares.toString());
      assertEquals(PartialRejection.Reason.WRONG_SHARES, why.reason(), why.message());
      DecryptionDesk desk =
          new DecryptionDesk(f.coordinator, f.transport::tallyInput, new InMemoryPartialStore());
      var ex = assertThrows(CommitteeException.class, () -> desk.submit(f.pollId, bad));
      assertTrue(ex.getMessage().contains("member 4"), ex.getMessage());
      assertEquals(0, desk.progress(f.pollId)[0]);
    }
  }

  @Test
  void aBoardOfAsManyBallotsAsTheBaseIsRefusedBeforeAnyShare() throws Exception {
    // B = 4 (3 summoned), 4 ballots on the board: 4 HIGH marks would pack like one MID
    Fixture.PollV2 minted = f.pollV2(2, 4, 3);
    var store = f.stores.get(0);
    BoardRejectedException e =
        assertThrows(
            BoardRejectedException.class,
            () ->
                MemberDecryptor.decryptOnce(
                    f.ids.get(0),
                    store,
                    minted.input(),
                    MemberDecryptor.Announced.of(minted.input().closing()),
                    Fixture.RNG));
    assertTrue(
        e.problems().stream()
            .anyMatch(p -> p.field().equals("ballots") && p.check() == CheckId.V10),
        e.problems().toString());
    assertNull(store.load(f.pollId).orElseThrow().decryptedHead(), "nothing recorded or decrypted");
    // N = B − 1 is the largest board that splits uniquely: decrypted and combined exactly
    Fixture.PollV2 full = f.pollV2(2, 3, 3);
    List<PartialDecryption> ps = new ArrayList<>();
    for (int i : new int[] {1, 2, 3}) {
      ps.add(
          MemberDecryptor.decrypt(f.ids.get(i - 1), f.state(i), full.input(), Fixture.RNG)
              .partial());
    }
    TallyResult r =
        TallyCombiner.combine(
            full.q(),
            full.input().closing().head(),
            committee,
            full.encoding(),
            AggregateFileV2.of(full.board(), 2),
            ps,
            Fixture.RNG);
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(full.truth()[s], r.counts().get(s));
    }
  }

  @Test
  void aVersion1LineInAVersion2InputIsRefused() throws Exception {
    RecordedLine v1 = f.poll(SUBJECTS, 1).board().get(0);
    List<RecordedLine> mixed = new ArrayList<>(poll.board());
    mixed.set(3, v1);
    TallyInput in = poll.input();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TallyInput(
                    in.manifest(),
                    in.encoding(),
                    in.context(),
                    in.tokenSpki(),
                    mixed,
                    in.signingKey(),
                    in.closing()));
    assertTrue(e.getMessage().startsWith("board[3]: a version 1 ballot line"), e.getMessage());
    // and a version 2 line in a version 1 input
    var e2 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new TallyInput(
                    in.manifest(),
                    null,
                    in.context(),
                    in.tokenSpki(),
                    poll.board(),
                    in.signingKey(),
                    in.closing()));
    assertTrue(e2.getMessage().startsWith("board[0]: a version 2 ballot line"), e2.getMessage());
    // on the wire the manifest's version chooses the line type: a version 1 line is not understood
    ObjectNode json = CommitteeJson.mapper().valueToTree(in);
    ((ArrayNode) json.get("board")).set(3, CommitteeJson.mapper().valueToTree(v1));
    var pe =
        assertThrows(
            com.fasterxml.jackson.databind.JsonMappingException.class,
            () -> CommitteeJson.mapper().treeToValue(json, TallyInput.class));
    assertTrue(pe.getMessage().contains("board[3]"), pe.getMessage());
    // a served manifest that drops ballotVersion reads the v2 lines as version 1 lines: refused
    ObjectNode v1Manifest = CommitteeJson.mapper().valueToTree(in);
    ((ObjectNode) v1Manifest.get("manifest")).remove(List.of("ballotVersion", "base"));
    assertThrows(
        com.fasterxml.jackson.databind.JsonMappingException.class,
        () -> CommitteeJson.mapper().treeToValue(v1Manifest, TallyInput.class));
    // a base without ballotVersion, or another version, is refused naming the field
    ObjectNode badVersion = CommitteeJson.mapper().valueToTree(in);
    ((ObjectNode) badVersion.get("manifest")).put("ballotVersion", 1);
    var ve =
        assertThrows(
            com.fasterxml.jackson.databind.JsonMappingException.class,
            () -> CommitteeJson.mapper().treeToValue(badVersion, TallyInput.class));
    assertTrue(ve.getMessage().contains("manifest.ballotVersion"), ve.getMessage());
  }

  @Test
  void aClosingStatementOverAVersion1QIsRefused() throws Exception {
    TallyInput in = poll.input();
    ContextFile c = in.context();
    // Q recomputed over the version 1 M of the same manifest (no B): another Q
    Digest qV1 =
        new Context(
                poll.manifest().hash(),
                c.n(),
                c.t(),
                committee.commitments(),
                c.jointKey(),
                c.tokenKeyHash(),
                c.signingKeyHash())
            .hash();
    ClosingStatement overV1 =
        ClosingStatement.sign(
            f.pollId, qV1, BALLOTS, head(), d -> RecordSignature.sign(f.recordPrivateKey, d));
    BoardRejectedException e =
        assertThrows(
            BoardRejectedException.class,
            () -> MemberDecryptor.closing(f.state(1), in.withClosing(f.recordSigningKey, overV1)));
    assertEquals("closing", e.problems().get(0).field(), e.problems().toString());
    // a context whose M and Q are version 1's, for the version 2 manifest: refused naming Q
    ContextFile v1Context =
        new ContextFile(
            poll.manifest().hash(),
            c.n(),
            c.t(),
            c.jointKey(),
            c.tokenKeyHash(),
            c.signingKeyHash(),
            qV1);
    TallyInput v1Ctx =
        TallyInput.v2(
            in.manifest(),
            in.encoding(),
            v1Context,
            in.tokenSpki(),
            poll.board(),
            in.signingKey(),
            overV1);
    BoardRejectedException e2 =
        assertThrows(
            BoardRejectedException.class, () -> MemberDecryptor.closing(f.state(1), v1Ctx));
    assertEquals("Q", e2.problems().get(0).field());
    // the true statement passes
    assertEquals(in.closing(), MemberDecryptor.closing(f.state(1), in));
  }

  @Test
  void aValueNoHonestBoardGivesIsRefusedNeverGuessed() {
    AggregateFileV2 honest = aggregate();
    long b = poll.encoding().base();
    // β of subject 2 moved by N + 1: the HIGH digit alone then exceeds N (n_H + N + 1 < B here)
    assertTrue(poll.truth()[1][0] + BALLOTS + 1 < b);
    TallyRefusedException tooMany =
        assertThrows(
            TallyRefusedException.class,
            () ->
                TallyCombiner.combine(
                    poll.q(),
                    head(),
                    committee,
                    poll.encoding(),
                    withBeta(honest, 2, BALLOTS + 1),
                    of(1, 2, 3),
                    Fixture.RNG));
    assertEquals("s2", tooMany.label());
    assertTrue(tooMany.getMessage().contains("more than the " + BALLOTS), tooMany.getMessage());
    // β of subject 3 moved beyond N·B²: no value in range
    TallyRefusedException outside =
        assertThrows(
            TallyRefusedException.class,
            () ->
                TallyCombiner.combine(
                    poll.q(),
                    head(),
                    committee,
                    poll.encoding(),
                    withBeta(honest, 3, BALLOTS * b * b + 1),
                    of(1, 2, 3),
                    Fixture.RNG));
    assertEquals("s3", outside.label());
    assertTrue(outside.getMessage().contains("subject 3"), outside.getMessage());
  }

  private static AggregateFileV2 withBeta(AggregateFileV2 a, int subject, long shift) {
    List<AggregateFileV2.Row> rows = new ArrayList<>(a.rows());
    AggregateFileV2.Row r = rows.get(subject - 1);
    rows.set(
        subject - 1,
        new AggregateFileV2.Row(subject, r.alpha(), r.beta().add(Point.baseMul(shift))));
    return new AggregateFileV2(a.count(), rows);
  }

  @Test
  void theDeskAndRoutesServeAndTallyAVersion2Poll() throws Exception {
    DecryptionDesk desk =
        new DecryptionDesk(f.coordinator, f.transport::tallyInput, new InMemoryPartialStore());
    CommitteeApi api = new CommitteeApi(f.coordinator, desk, f.transport::tallyInput);
    CommitteeApi.Response served =
        api.handle("GET", f.pollId, "committee/tally-input", new byte[0]);
    assertEquals(200, served.status());
    JsonNode j = CommitteeJson.mapper().readTree(served.body());
    assertEquals(2, j.get("manifest").get("ballotVersion").intValue());
    assertEquals(SUMMONED + 1, j.get("manifest").get("base").intValue());
    assertEquals(BALLOTS, j.get("board").size());
    assertTrue(j.get("board").get(0).get("rows").get(0).has("alpha"));
    // what a member's tool reads back is the same input, byte for byte
    TallyInput back = CommitteeJson.mapper().readValue(served.body(), TallyInput.class);
    assertTrue(back.isV2());
    assertEquals(poll.encoding(), back.encoding());
    assertEquals(
        new String(served.body(), StandardCharsets.UTF_8),
        CommitteeJson.mapper().writeValueAsString(back));
    for (int m : new int[] {5, 1, 3}) {
      assertEquals(
          200,
          api.handle(
                  "POST",
                  f.pollId,
                  "committee/decryption",
                  CommitteeJson.mapper().writeValueAsBytes(partials.get(m)))
              .status());
    }
    assertEquals(3, desk.progress(f.pollId)[0]);
    assertEquals(BALLOTS, desk.count(f.pollId));
    assertEquals(SUBJECTS, desk.aggregateV2(f.pollId).rows().size());
    TallyResult r = desk.tally(f.pollId);
    assertTruth(r);
    assertEquals(List.of(1, 3, 5), r.decryption().members());
  }

  @Test
  void theServersSimulatedCommitteeDecryptsVersion2() throws Exception {
    var store = new org.cvote.committee.ceremony.InMemoryCeremonyStore();
    var coordinator = new org.cvote.committee.ceremony.CeremonyCoordinator(store);
    var sim =
        org.cvote.committee.server.SimulatedCommittee.runCeremony(
            coordinator,
            "poll-demo-v2",
            List.of("An", "Bình", "Chi"),
            2,
            name -> store.invite("poll-demo-v2", name));
    Fixture.PollV2 p = Fixture.pollV2(coordinator, "poll-demo-v2", new byte[32], 2, 6, 9);
    DecryptionDesk desk =
        new DecryptionDesk(coordinator, id -> p.input(), new InMemoryPartialStore());
    desk.submit("poll-demo-v2", sim.decrypt(1, p.input()));
    desk.submit("poll-demo-v2", sim.decrypt(3, p.input()));
    TallyResult r = desk.tally("poll-demo-v2");
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(p.truth()[s], r.counts().get(s));
    }
  }
}
