package org.cvote.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.NotEnoughSharesException;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyCombiner;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.AggregateFile;
import org.cvote.crypto.record.CommitteeFile;
import org.cvote.crypto.record.DecryptionFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * n = 5, t = 3: ceremony, 60 ballots, decryption by different subsets, absent and cheating members.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  @TempDir static Path dir;
  Fixture f;
  Fixture.Poll poll;
  CeremonyResult committee;
  AggregateFile aggregate;
  final Map<Integer, PartialDecryption> partials = new java.util.TreeMap<>();

  @BeforeAll
  void ceremonyAndVoting() throws Exception {
    f = new Fixture("poll-e2e", 5, dir);
    f.coordinator.start(f.pollId, 3);
    List<Progress> last = f.runCeremony();
    assertTrue(last.stream().allMatch(Progress::finished), last.toString());
    assertEquals(Phase.DONE, f.coordinator.view(f.pollId).phase());
    committee = f.coordinator.result(f.pollId);
    poll = f.poll(3, 60);
    f.transport.publish(f.pollId, poll.input());
    aggregate = AggregateFile.of(poll.board(), 3);
    for (int i = 1; i <= 5; i++) {
      var st = f.state(i);
      var res =
          MemberDecryptor.decrypt(
              f.ids.get(i - 1), st, f.transport.tallyInput(f.pollId), Fixture.RNG);
      assertEquals(poll.q(), res.q());
      assertEquals(
          CommitteeJson.mapper().writeValueAsString(aggregate),
          CommitteeJson.mapper().writeValueAsString(res.aggregate()));
      f.transport.decryption(f.pollId, res.partial());
    }
    for (PartialDecryption p : f.transport.partials(f.pollId)) {
      partials.put(p.member(), p);
    }
  }

  private Digest head() {
    return poll.input().closing().head();
  }

  private List<PartialDecryption> of(int... members) {
    List<PartialDecryption> out = new ArrayList<>();
    for (int m : members) {
      out.add(partials.get(m));
    }
    return out;
  }

  private void assertTruth(TallyResult r) {
    assertEquals(60, r.collected());
    for (int s = 0; s < 3; s++) {
      assertArrayEquals(poll.truth()[s], r.counts().get(s), "subject " + (s + 1));
    }
  }

  @Test
  void everyMemberAgreesOnTheKeyAndPublicShares() {
    for (int i = 1; i <= 5; i++) {
      var st = f.state(i);
      assertEquals(committee.jointKey(), st.jointKey());
      assertEquals(committee.publicShares(), st.publicShares());
      assertEquals(st.ownPublicShare(), committee.publicShare(i));
    }
    CommitteeFile rec = f.coordinator.committeeRecord(f.pollId);
    assertEquals(5, rec.members().size());
    assertEquals(3, rec.members().get(0).commitments().size());
    assertNotNull(rec.members().get(4).hpkeKeyset());
    var json = CommitteeJson.mapper().valueToTree(rec);
    assertEquals(
        f.coordinator.view(f.pollId).ceremonyId().toHex(), json.get("ceremonyId").asText());
    var m1 = json.get("members").get(0);
    assertEquals(
        List.of(
            "index",
            "name",
            "hpkePublicKey",
            "signingPublicKey",
            "hpkeKeyset",
            "signingKeyset",
            "commitHash",
            "commitments",
            "proofs",
            "publicShare"),
        iterator(m1.fieldNames()));
    assertEquals(List.of("h", "c", "v"), iterator(m1.get("proofs").get(0).fieldNames()));
    assertTrue(
        m1.get("hpkeKeyset").isObject() && m1.get("hpkeKeyset").has("key"),
        m1.get("hpkeKeyset").toString());
    assertEquals(64, m1.get("signingPublicKey").asText().length());
    assertEquals(130, m1.get("publicShare").asText().length());
    // anyone can check: commit hash, Schnorr proofs, K = Σ K_i0, public shares
    for (var e : rec.members()) {
      assertEquals(
          e.commitHash(),
          org.cvote.committee.ceremony.CeremonyMath.commitHash(
              rec.ceremonyId(), e.index(), e.commitments()));
      assertEquals(
          null,
          org.cvote.committee.ceremony.CeremonyCoordinator.checkReveal(
              rec.ceremonyId(),
              3,
              e.commitHash(),
              new org.cvote.committee.ceremony.RevealPost(
                  e.index(), e.commitments(), e.proofs(), new byte[0]),
              Fixture.RNG));
    }
  }

  private static List<String> iterator(java.util.Iterator<String> it) {
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void subsets135And245GiveTheSameTrueCounts() throws Exception {
    TallyResult a =
        TallyCombiner.combine(poll.q(), head(), committee, aggregate, of(1, 3, 5), Fixture.RNG);
    TallyResult b =
        TallyCombiner.combine(poll.q(), head(), committee, aggregate, of(2, 4, 5), Fixture.RNG);
    assertTruth(a);
    assertTruth(b);
    assertEquals(List.of(1, 3, 5), a.decryption().members());
    assertEquals(List.of(2, 4, 5), b.decryption().members());
    assertEquals(3 * 9, a.decryption().shares().size());
    assertTruth(
        TallyCombiner.combine(
            poll.q(), head(), committee, aggregate, of(1, 2, 3, 4, 5), Fixture.RNG));
    String json = CommitteeJson.mapper().writeValueAsString(a.decryption());
    assertTrue(
        json.startsWith(
            "{\"members\":[1,3,5],\"shares\":[{\"member\":1,\"label\":\"s1/o0\",\"M\":\""),
        json.substring(0, 80));
    assertEquals(List.of(1, 3, 5), a.partials().stream().map(x -> x.member()).toList());
    assertTrue(a.partials().stream().allMatch(x -> x.head().equals(head()) && x.count() == 60));
  }

  @Test
  void onlyTMinusOneIsAClearError() {
    var e =
        assertThrows(
            NotEnoughSharesException.class,
            () ->
                TallyCombiner.combine(
                    poll.q(), head(), committee, aggregate, of(2, 4), Fixture.RNG));
    assertTrue(e.getMessage().contains("need t = 3"), e.getMessage());
    assertTrue(e.getMessage().contains("have 2"), e.getMessage());
  }

  @Test
  void aWrongPartialDecryptionIsRejectedWhileTheOthersFinish() throws Exception {
    PartialDecryption honest = partials.get(2);
    List<DecryptionFile.Share> shares = new ArrayList<>(honest.shares());
    DecryptionFile.Share s = shares.get(4);
    shares.set(4, new DecryptionFile.Share(s.member(), s.label(), s.m().add(Point.G), s.proof()));
    // the cheater re-signs its wrong decryption: the signature is fine, the proof is not
    PartialDecryption bad =
        new PartialDecryption(
            2,
            honest.count(),
            honest.head(),
            shares,
            f.ids
                .get(1)
                .sign(
                    PartialDecryption.payload(poll.q(), 2, honest.count(), honest.head(), shares)
                        .bytes()));
    assertTrue(
        TallyCombiner.check(poll.q(), head(), committee, aggregate, bad, Fixture.RNG)
            .contains("s2/o1"));
    TallyResult r =
        TallyCombiner.combine(
            poll.q(),
            head(),
            committee,
            aggregate,
            List.of(bad, partials.get(1), partials.get(4), partials.get(5)),
            Fixture.RNG);
    assertTruth(r);
    assertEquals(List.of(1, 4, 5), r.decryption().members());
    assertTrue(r.rejected().get(2).contains("decryption proof fails"), r.rejected().toString());
    // with the cheater and only two honest members: refused, naming the rejection
    var e =
        assertThrows(
            NotEnoughSharesException.class,
            () ->
                TallyCombiner.combine(
                    poll.q(),
                    head(),
                    committee,
                    aggregate,
                    List.of(bad, partials.get(1), partials.get(4)),
                    Fixture.RNG));
    assertTrue(e.getMessage().contains("member 2 rejected"), e.getMessage());
    // a partial signed by someone else is rejected too
    PartialDecryption forged =
        new PartialDecryption(
            3, honest.count(), honest.head(), honest.shares(), honest.signature());
    assertTrue(
        TallyCombiner.check(poll.q(), head(), committee, aggregate, forged, Fixture.RNG)
            .contains("signature"));
  }

  @Test
  void aTamperedBoardIsRefusedBeforeAnyDecryption() {
    List<RecordedBallot> board = new ArrayList<>(poll.board());
    RecordedBallot b7 = board.get(6);
    RecordedBallot b8 = board.get(7);
    board.set(6, b8);
    board.set(7, b7); // reordered: indices and the chain break
    TallyInput in =
        Fixture.closed(
            poll.manifest(), poll.context(), poll.input().tokenSpki(), board, f.recordPrivateKey);
    var e =
        assertThrows(
            BoardRejectedException.class,
            () -> MemberDecryptor.decrypt(f.ids.get(0), f.state(1), in, Fixture.RNG));
    assertTrue(e.getMessage().contains("ballot 7"), e.getMessage());
    // a ballot replayed with its token: token reuse
    List<RecordedBallot> dup = new ArrayList<>(poll.board());
    dup.add(
        new RecordedBallot(
            f.pollId,
            dup.get(0).token(),
            dup.get(0).rows(),
            61,
            dup.get(0).hash(),
            Digest.sha256(new byte[1])));
    var e2 =
        assertThrows(
            BoardRejectedException.class,
            () ->
                MemberDecryptor.decrypt(
                    f.ids.get(0),
                    f.state(1),
                    Fixture.closed(
                        poll.manifest(),
                        poll.context(),
                        poll.input().tokenSpki(),
                        dup,
                        f.recordPrivateKey),
                    Fixture.RNG));
    assertTrue(
        e2.problems().stream().anyMatch(p -> p.index() == 61 && p.field().equals("token")),
        e2.problems().toString());
    // a context whose Q does not match this member's ceremony
    var ctx = poll.context();
    var wrongQ =
        new org.cvote.crypto.record.ContextFile(
            ctx.manifestHash(),
            ctx.n(),
            ctx.t(),
            ctx.jointKey(),
            ctx.tokenKeyHash(),
            Digest.sha256(new byte[2]),
            ctx.q());
    assertThrows(
        BoardRejectedException.class,
        () ->
            MemberDecryptor.decrypt(
                f.ids.get(0),
                f.state(1),
                Fixture.closed(
                    poll.manifest(),
                    wrongQ,
                    poll.input().tokenSpki(),
                    poll.board(),
                    f.recordPrivateKey),
                Fixture.RNG));
  }

  @Test
  void anEmptyBoardDecryptsToNothing() throws Exception {
    TallyInput empty =
        Fixture.closed(
            poll.manifest(),
            poll.context(),
            poll.input().tokenSpki(),
            List.of(),
            f.recordPrivateKey);
    var res = MemberDecryptor.decrypt(f.ids.get(0), f.state(1), empty, Fixture.RNG);
    assertEquals(0, res.partial().shares().size());
    assertEquals(
        org.cvote.crypto.ballot.BallotHashes.chainStart(poll.q()),
        res.partial().head()); // T_0 for N = 0
    TallyResult r =
        TallyCombiner.combine(
            poll.q(),
            res.partial().head(),
            committee,
            res.aggregate(),
            List.of(res.partial()),
            Fixture.RNG);
    assertEquals(List.of(), r.decryption().members());
    assertEquals(
        "{\"count\":0,\"rows\":[]}", CommitteeJson.mapper().writeValueAsString(res.aggregate()));
  }

  @Test
  void twoMembersAbsentStillDecryptThroughTheServersDeskAndRoutes() throws Exception {
    var desk =
        new org.cvote.committee.server.DecryptionDesk(
            f.coordinator,
            f.transport::tallyInput,
            new org.cvote.committee.server.InMemoryPartialStore());
    var api =
        new org.cvote.committee.server.CommitteeApi(f.coordinator, desk, f.transport::tallyInput);
    // members 2 and 4 never show up; member 3 first posts a corrupted partial, refused with the
    // reason
    PartialDecryption honest = partials.get(3);
    List<DecryptionFile.Share> shares = new ArrayList<>(honest.shares());
    DecryptionFile.Share s = shares.get(0);
    shares.set(0, new DecryptionFile.Share(3, s.label(), s.m().add(Point.G), s.proof()));
    PartialDecryption bad =
        new PartialDecryption(
            3,
            honest.count(),
            honest.head(),
            shares,
            f.ids
                .get(2)
                .sign(
                    PartialDecryption.payload(poll.q(), 3, honest.count(), honest.head(), shares)
                        .bytes()));
    var r =
        api.handle(
            "POST",
            f.pollId,
            "committee/decryption",
            CommitteeJson.mapper().writeValueAsBytes(bad));
    assertEquals(400, r.status());
    assertTrue(
        new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
            .contains("\"error\":\"bad_decryption\""));
    assertEquals(
        200,
        api.handle(
                "POST",
                f.pollId,
                "committee/decryption",
                CommitteeJson.mapper().writeValueAsBytes(partials.get(1)))
            .status());
    assertEquals(
        200,
        api.handle(
                "POST",
                f.pollId,
                "committee/decryption",
                CommitteeJson.mapper().writeValueAsBytes(partials.get(5)))
            .status());
    assertEquals(2, desk.progress(f.pollId)[0]);
    var e = assertThrows(NotEnoughSharesException.class, () -> desk.tally(f.pollId));
    assertTrue(e.getMessage().contains("need t = 3"), e.getMessage());
    desk.submit(f.pollId, honest);
    assertTruth(desk.tally(f.pollId));
    // malformed bodies and unknown routes are 4xx, never 5xx
    assertEquals(
        400,
        api.handle("POST", f.pollId, "committee/ceremony/commit", "{\"member\":1}".getBytes())
            .status());
    assertEquals(
        400,
        api.handle("POST", f.pollId, "committee/ceremony/commit", "not json".getBytes()).status());
    var bj =
        api.handle(
            "POST",
            f.pollId,
            "committee/ceremony/commit",
            "{\"member\":1,\"commitHash\":\"ABCD\",\"signature\":\"00\"}".getBytes());
    assertEquals(400, bj.status());
    assertTrue(new String(bj.body()).contains("\"field\":\"commitHash\""), new String(bj.body()));
    assertEquals(404, api.handle("GET", f.pollId, "committee/nothing", new byte[0]).status());
    assertEquals(200, api.handle("GET", f.pollId, "committee/record", new byte[0]).status());
  }

  @Test
  void theServersSimulatedCommitteeRunsTheRealProtocol() throws Exception {
    var store = new org.cvote.committee.ceremony.InMemoryCeremonyStore();
    var coordinator = new org.cvote.committee.ceremony.CeremonyCoordinator(store);
    var sim =
        org.cvote.committee.server.SimulatedCommittee.runCeremony(
            coordinator,
            "poll-demo",
            List.of("An", "Bình", "Chi"),
            2,
            name -> store.invite("poll-demo", name));
    assertTrue(sim.done());
    Fixture.Poll p =
        Fixture.poll(coordinator, "poll-demo", new byte[32], 2, 6); // the record key's seed
    var desk =
        new org.cvote.committee.server.DecryptionDesk(
            coordinator, id -> p.input(), new org.cvote.committee.server.InMemoryPartialStore());
    desk.submit("poll-demo", sim.decrypt(1, p.input()));
    desk.submit("poll-demo", sim.decrypt(3, p.input()));
    TallyResult r = desk.tally("poll-demo");
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(p.truth()[s], r.counts().get(s));
    }
  }
}
