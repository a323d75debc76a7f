package org.cvote.server.committee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.CeremonyResult;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.MemberStateStore;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.decrypt.TallyResult;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.server.CommitteeApi;
import org.cvote.committee.server.DecryptionDesk;
import org.cvote.committee.server.InMemoryPartialStore;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotHashes;
import org.cvote.crypto.ballot.RecordedBallot;
import org.cvote.crypto.context.Context;
import org.cvote.crypto.context.Manifest;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.record.ClosingStatement;
import org.cvote.crypto.record.ContextFile;
import org.cvote.crypto.record.RecordSignature;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.testkit.fixture.ElectionFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mixed committee at the library level (issue 22): two Java members ({@code MemberCeremony}, the
 * CLI's code) and one browser member (server/src/main/web/src/committee, run by Node exactly as the
 * page calls it, its posts sent through the committee routes' {@link CommitteeApi}) complete a
 * ceremony; then the browser member and a Java member decrypt a closed board and the desk's tally
 * is the truth. The browser member also refuses a figure the hall did not announce.
 */
class BrowserCommitteeMemberInteropTest {
  private static final Path WEB = Path.of("src/main/web");
  private static final SecureRandom RNG = new SecureRandom();
  private static final ObjectMapper M = CommitteeJson.mapper();
  private static final String POLL = "poll-mixed-committee";

  private record Node(int exit, String out, String err) {}

  private static Node node(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("node", "test/committee-interop-cli.mjs"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(WEB.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("node timed out");
    }
    return new Node(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
  }

  private static JsonNode ok(Node n) throws IOException {
    if (n.exit() != 0) {
      throw new IOException("node failed (" + n.exit() + "): " + n.err());
    }
    return M.readTree(n.out());
  }

  private static boolean nodeReady() {
    return Files.isDirectory(WEB.resolve("node_modules/@hpke/core"))
        && Files.isDirectory(WEB.resolve("node_modules/@noble/curves"));
  }

  @Test
  void twoJavaMembersAndABrowserMemberRunTheCeremonyAndDecrypt(@TempDir Path tmp) throws Exception {
    assumeTrue(
        nodeReady(), "npm dependencies not installed (the build's npm ci step installs them)");
    InMemoryCeremonyStore store = new InMemoryCeremonyStore();
    CeremonyCoordinator coordinator = new CeremonyCoordinator(store);
    InMemoryTransport transport = new InMemoryTransport(coordinator);
    TallyInput[] closed = new TallyInput[1];
    DecryptionDesk desk =
        new DecryptionDesk(coordinator, p -> closed[0], new InMemoryPartialStore());
    CommitteeApi api = new CommitteeApi(coordinator, desk, p -> closed[0]);

    // the browser member makes its keys and registers through the route, with its invitation
    JsonNode made =
        ok(node("identity", POLL, "Lê Thị Trình Duyệt", store.invite(POLL, "Lê Thị Trình Duyệt")));
    Path identity = tmp.resolve("identity.json");
    Files.writeString(identity, made.get("identity").toString());
    CommitteeApi.Response reg =
        api.handle(
            "POST",
            POLL,
            "committee/members",
            made.get("registration").toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(200, reg.status(), new String(reg.body(), StandardCharsets.UTF_8));
    String browserFingerprint = made.get("identity").get("fingerprint").asText();
    assertEquals(browserFingerprint, M.readTree(reg.body()).get("fingerprint").asText());

    List<MemberIdentity> javaMembers =
        List.of(
            MemberIdentity.generate("Nguyễn Văn Java"), MemberIdentity.generate("Trần Thị CLI"));
    List<MemberStateStore> stores =
        List.of(new InMemoryMemberStateStore(), new InMemoryMemberStateStore());
    for (MemberIdentity id : javaMembers) {
      transport.register(POLL, Registration.create(POLL, id, store.invite(POLL, id.name())));
    }
    byte[] browserKey =
        HexFormat.of().parseHex(made.get("identity").get("signingPublicKey").asText());
    coordinator.start(
        POLL,
        2,
        List.of(
            javaMembers.get(0).signingPublicKey(),
            browserKey,
            javaMembers.get(1).signingPublicKey()));
    List<String> announced =
        List.of(
            javaMembers.get(0).fingerprint(), browserFingerprint, javaMembers.get(1).fingerprint());
    ListConfirmation hall = ListConfirmation.exactly(new MemberList(2, announced));

    Path state = tmp.resolve("state.json");
    Path view = tmp.resolve("view.json");
    boolean browserDone = false;
    for (int round = 0;
        round < 20 && !(browserDone && coordinator.view(POLL).phase() == Phase.DONE);
        round++) {
      for (int i = 0; i < 2; i++) {
        new MemberCeremony(javaMembers.get(i), stores.get(i), transport, POLL, RNG, hall).step();
      }
      CommitteeApi.Response v = api.handle("GET", POLL, "committee/ceremony", new byte[0]);
      Files.write(view, v.body());
      JsonNode r =
          ok(
              node(
                  "step",
                  identity.toString(),
                  Files.exists(state) ? state.toString() : "-",
                  view.toString(),
                  POLL,
                  "2",
                  String.join(",", announced)));
      if (!r.get("state").isNull()) {
        Files.writeString(state, r.get("state").toString()); // saved before anything is posted
      }
      for (JsonNode post : r.get("posts")) {
        CommitteeApi.Response a =
            api.handle(
                "POST",
                POLL,
                post.get("path").asText(),
                post.get("body").toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(
            200,
            a.status(),
            post.get("kind").asText() + ": " + new String(a.body(), StandardCharsets.UTF_8));
      }
      browserDone = r.get("progress").get("finished").asBoolean();
    }
    for (int i = 0; i < 2; i++) {
      assertTrue(
          new MemberCeremony(javaMembers.get(i), stores.get(i), transport, POLL, RNG, hall)
              .step()
              .finished());
    }
    CeremonyState done = coordinator.view(POLL);
    assertEquals(Phase.DONE, done.phase());
    assertTrue(browserDone);
    // the browser's state is the CLI's MemberState, with the same K and its own share S_2
    MemberState browser = M.readValue(Files.readString(state), MemberState.class);
    assertEquals(done.jointKey(), browser.jointKey());
    assertEquals(done.publicShares(), browser.publicShares());
    assertEquals(2, browser.index());

    // a closed board of 6 ballots × 2 subjects under K, with a closing statement signed by the
    // record key
    CeremonyResult result = coordinator.result(POLL);
    byte[] recordSeed = new byte[32];
    RNG.nextBytes(recordSeed);
    // a real token key and real RFC 9474 tokens: a member checks every token's signature (§9.2)
    TokenKeyPair tokenKey = ElectionFixture.tokenKey();
    byte[] spki = tokenKey.publicKey().toSpki();
    Manifest manifest =
        new Manifest(
            POLL,
            "Lấy phiếu tín nhiệm",
            List.of(
                new Manifest.Subject(1, "Phạm Văn A", "Giám đốc", "Sở Nội vụ"),
                new Manifest.Subject(2, "Đỗ Thị B", "Phó Giám đốc", "Sở Nội vụ")));
    Context ctx =
        Context.of(
            manifest,
            result.n(),
            result.t(),
            result.commitments(),
            result.jointKey(),
            spki,
            RecordSignature.publicKey(recordSeed));
    Digest q = ctx.hash();
    ContextFile ci =
        new ContextFile(
            ctx.manifestHash(),
            result.n(),
            result.t(),
            result.jointKey(),
            ctx.tokenKeyHash(),
            ctx.signingKeyHash(),
            q);
    int[][] choices = {
      {0, 2}, {1, BallotEncryptor.BLANK}, {0, 0}, {2, 1}, {BallotEncryptor.BLANK, 2}, {0, 1}
    };
    long[][] truth = new long[2][3];
    List<RecordedBallot> board = new ArrayList<>();
    Digest chain = BallotHashes.chainStart(q);
    for (int k = 0; k < choices.length; k++) {
      Ballot b =
          BallotEncryptor.encrypt(
                  POLL,
                  q,
                  result.jointKey(),
                  ElectionFixture.token(tokenKey, POLL, RNG),
                  choices[k],
                  RNG)
              .ballot();
      for (int s = 0; s < 2; s++) {
        if (choices[k][s] != BallotEncryptor.BLANK) {
          truth[s][choices[k][s]]++;
        }
      }
      Digest h = BallotHashes.ballotHash(q, b);
      chain = BallotHashes.chainNext(chain, h);
      board.add(RecordedBallot.of(b, k + 1, h, chain));
    }
    ClosingStatement cs =
        ClosingStatement.sign(
            POLL, q, board.size(), chain, d -> RecordSignature.sign(recordSeed, d));
    closed[0] =
        new TallyInput(manifest, ci, spki, board, RecordSignature.publicKey(recordSeed), cs);
    CommitteeApi.Response tallyInput =
        api.handle("GET", POLL, "committee/tally-input", new byte[0]);
    assertEquals(200, tallyInput.status());
    Path input = tmp.resolve("tally-input.json");
    Files.write(input, tallyInput.body());

    // a head fingerprint the hall did not announce: refused, naming the figure, nothing posted
    Node refused =
        node(
            "decrypt",
            identity.toString(),
            state.toString(),
            input.toString(),
            "6",
            "0000 0000 0000 0000");
    assertEquals(3, refused.exit(), refused.err());
    assertEquals("head", M.readTree(refused.err()).get("problems").get(0).get("field").asText());

    JsonNode dec =
        ok(
            node(
                "decrypt",
                identity.toString(),
                state.toString(),
                input.toString(),
                "6",
                cs.headFingerprint()));
    assertEquals(cs.head().toHex(), dec.get("state").get("decryptedHead").asText());
    CommitteeApi.Response posted =
        api.handle(
            "POST",
            POLL,
            dec.get("post").get("path").asText(),
            dec.get("post").get("body").toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(200, posted.status(), new String(posted.body(), StandardCharsets.UTF_8));
    assertEquals(1, desk.progress(POLL)[0]);

    desk.submit(
        POLL,
        MemberDecryptor.decryptOnce(
                javaMembers.get(1), stores.get(1), closed[0], MemberDecryptor.Announced.of(cs), RNG)
            .partial());
    TallyResult tally = desk.tally(POLL);
    assertEquals(6, tally.collected());
    for (int s = 0; s < 2; s++) {
      assertArrayEquals(truth[s], tally.counts().get(s), "subject " + (s + 1));
    }
  }
}
