package org.cvote.committee.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.Fixture;
import org.cvote.committee.ceremony.CeremonyCoordinator;
import org.cvote.committee.ceremony.InMemoryCeremonyStore;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.MemberStateStore;
import org.cvote.committee.ceremony.Phase;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.TestIdentities;
import org.cvote.committee.transport.InMemoryTransport;
import org.cvote.crypto.hash.Digest;

/**
 * Writes the committee's cross-language vectors
 * (crypto/src/test/resources/vectors/committee-v1.json, section "java"): three members of fixed raw
 * keys, a whole ceremony run by the Java member code (CeremonyState at DONE, each member's
 * MemberState), a closed poll's tally input (real RSA-PSS tokens) and member 1's partial
 * decryption. The section "js" (written by server/src/main/web/test/committee-vectors-gen.mjs from
 * this one) is kept as it is. HPKE and the proofs are randomised, so a run changes the ciphertexts:
 * regenerate the "js" section after this one.
 *
 * <pre>
 * bin/mvn -q -pl committee test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp committee/target/test-classes:committee/target/classes:$(cat /tmp/cp.txt) \
 *   org.cvote.committee.vectors.CommitteeVectorGenerator crypto/src/test/resources/vectors/committee-v1.json
 * (cd server/src/main/web &amp;&amp; node test/committee-vectors-gen.mjs)</pre>
 */
public final class CommitteeVectorGenerator {
  public static final String POLL = "poll-committee-vectors";
  public static final int N = 3;
  public static final int T = 2;

  private CommitteeVectorGenerator() {}

  /**
   * Member i's X25519 private key: SHA-256("cvote committee vectors x25519 " + i); its Ed25519 seed
   * likewise.
   */
  public static byte[] seed(String kind, int i) {
    return Digest.sha256(
            ("cvote committee vectors " + kind + " " + i).getBytes(StandardCharsets.US_ASCII))
        .bytes();
  }

  public static MemberIdentity member(int i) {
    return TestIdentities.fromRawKeys("Thành viên " + i, seed("x25519", i), seed("ed25519", i));
  }

  public static void main(String[] args) throws Exception {
    Path out =
        Path.of(args.length > 0 ? args[0] : "crypto/src/test/resources/vectors/committee-v1.json");
    ObjectMapper m = CommitteeJson.mapper();
    ObjectNode root = m.createObjectNode();
    root.put(
        "description",
        "cvote committee cross-language vectors (docs/protocol.md §8–§9.5): read by the Java "
            + "(committee CommitteeVectorsTest) and JS (server/src/main/web/test/committee-vectors.test.mjs) suites");
    root.put(
        "generator",
        "java: committee/src/test/java/org/cvote/committee/vectors/CommitteeVectorGenerator.java; "
            + "js: server/src/main/web/test/committee-vectors-gen.mjs");
    ObjectNode java = root.putObject("java");
    java.put("pollId", POLL);
    java.put("t", T);

    InMemoryCeremonyStore store = new InMemoryCeremonyStore();
    CeremonyCoordinator coordinator = new CeremonyCoordinator(store);
    InMemoryTransport transport = new InMemoryTransport(coordinator);
    List<MemberIdentity> ids = new ArrayList<>();
    List<MemberStateStore> states = new ArrayList<>();
    ArrayNode members = java.putArray("members");
    HexFormat hex = HexFormat.of();
    for (int i = 1; i <= N; i++) {
      MemberIdentity id = member(i);
      ids.add(id);
      states.add(new InMemoryMemberStateStore());
      Registration r = Registration.create(POLL, id);
      ObjectNode mj = members.addObject();
      mj.put("name", id.name());
      mj.put("hpkePrivateKey", hex.formatHex(seed("x25519", i)));
      mj.put("signingPrivateKey", hex.formatHex(seed("ed25519", i)));
      mj.put("hpkePublicKey", hex.formatHex(id.hpkePublicKey()));
      mj.put("signingPublicKey", hex.formatHex(id.signingPublicKey()));
      mj.put("fingerprint", id.fingerprint());
      mj.set("registration", m.valueToTree(r));
      coordinator.register(POLL, Registration.create(POLL, id, store.invite(POLL, id.name())));
    }
    coordinator.start(POLL, T, ids.stream().map(MemberIdentity::signingPublicKey).toList());
    ListConfirmation announced =
        ListConfirmation.exactly(
            new MemberList(T, ids.stream().map(MemberIdentity::fingerprint).toList()));
    SecureRandom rng = new SecureRandom();
    for (int round = 0; round < 20 && coordinator.view(POLL).phase() != Phase.DONE; round++) {
      for (int i = 0; i < N; i++) {
        new MemberCeremony(ids.get(i), states.get(i), transport, POLL, rng, announced).step();
      }
    }
    for (int i = 0; i < N; i++) { // each member sees DONE and checks K
      new MemberCeremony(ids.get(i), states.get(i), transport, POLL, rng, announced).step();
    }
    java.set("ceremony", m.readTree(coordinator.view(POLL).toJson()));
    ArrayNode ms = java.putArray("memberStates");
    for (int i = 0; i < N; i++) {
      ms.add(m.valueToTree(states.get(i).load(POLL).orElseThrow()));
    }
    byte[] recordSeed = seed("record", 0);
    Fixture.Poll poll = Fixture.poll(coordinator, POLL, recordSeed, 2, 4);
    java.set("tallyInput", m.valueToTree(poll.input()));
    java.set("truth", m.valueToTree(poll.truth()));
    MemberDecryptor.Result r1 =
        MemberDecryptor.decrypt(
            ids.get(0), states.get(0).load(POLL).orElseThrow(), poll.input(), rng);
    java.set("partial", m.valueToTree(r1.partial()));

    if (Files.exists(out)) {
      JsonNode old = new ObjectMapper().readTree(out.toFile());
      if (old.has("js")) {
        root.set("js", old.get("js"));
      }
    }
    Files.writeString(
        out,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
            + "\n");
    System.out.println("wrote " + out);
  }
}
