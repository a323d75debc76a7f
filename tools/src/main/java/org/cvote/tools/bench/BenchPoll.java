package org.cvote.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.token.BlindResult;
import org.cvote.crypto.token.SignedToken;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenPublicKey;

/**
 * A poll of the benchmark, set up and run over the server's HTTP API as a secretariat, a committee
 * and voters do it: created with a ballot version ({@code "ballotVersion"} in the admin API,
 * docs/protocol.md §16.9) and any number of subjects, a real key ceremony (the committee module's
 * {@link MemberCeremony} over HTTP), the roster, check-in and opening; then tokens, ballots
 * encrypted by the voters' side (version 1 or 2 by the published manifest), the close, the members'
 * decryptions, the tally, the publication and the record. The demo's runner does the same for a
 * fixed 8-subject version 1 poll; the bench needs other sizes and both versions.
 */
final class BenchPoll {
  private static final String[] MEMBERS = {
    "Ngô Thanh Bình", "Đỗ Thị Mai", "Lý Văn Cường", "Huỳnh Thị Lệ", "Phan Quốc Việt"
  };

  /** The poll's size and committee: S subjects, the roster, those checked in, n members, t. */
  record Spec(int version, int subjects, int summoned, int present, int members, int threshold) {
    Spec {
      if (version != 1 && version != 2) {
        throw new IllegalArgumentException("ballot version must be 1 or 2, got " + version);
      }
      if (subjects < 1 || subjects > 500) {
        throw new IllegalArgumentException("subjects must be 1..500, got " + subjects);
      }
      if (present < 1 || present > summoned) {
        throw new IllegalArgumentException("present must be 1..summoned, got " + present);
      }
      if (version == 2 && !EncodingV2.fits(summoned)) {
        throw new IllegalArgumentException(
            "a version 2 poll has at most 10,000 summoned (docs/protocol.md §16.1), got "
                + summoned);
      }
      if (members < 1 || members > MEMBERS.length || threshold < 1 || threshold > members) {
        throw new IllegalArgumentException(
            "committee: 1 ≤ t ≤ n ≤ "
                + MEMBERS.length
                + ", got t = "
                + threshold
                + ", n = "
                + members);
      }
    }
  }

  private final Http admin;
  private final Http http;
  private final HttpCommitteeClient committee;
  private final Spec spec;
  private final SecureRandom rng = new SecureRandom();
  private final List<MemberIdentity> ids = new ArrayList<>();
  private final List<InMemoryMemberStateStore> stores = new ArrayList<>();
  private final List<String> codes = new ArrayList<>();
  private String pollId;
  private TokenPublicKey tokenKey;
  private Digest q;
  private Point jointKey;
  private EncodingV2 encoding; // null for version 1

  private BenchPoll(URI base, String adminPassword, Spec spec) {
    this.http = new Http(base);
    String session =
        http.expect(
                "POST",
                "/admin/session",
                json(Map.of("username", "admin", "password", adminPassword)),
                201)
            .path("token")
            .asText();
    this.admin = new Http(base, session);
    this.committee = new HttpCommitteeClient(base);
    this.spec = spec;
  }

  /**
   * Creates the poll, runs the key ceremony, checks {@code present} voters in and opens; throws
   * when the server published another ballot version than asked (a server that ignores the field).
   */
  static BenchPoll open(URI base, String adminPassword, Spec spec) {
    BenchPoll p = new BenchPoll(base, adminPassword, spec);
    p.setUp();
    return p;
  }

  private void setUp() {
    Map<String, Object> poll = new LinkedHashMap<>();
    poll.put("title", "Lấy phiếu tín nhiệm (đo hiệu năng, phiếu phiên bản " + spec.version() + ")");
    poll.put("place", "Hội trường");
    poll.put("date", java.time.LocalDate.now().toString());
    poll.put("visibility", "PUBLIC");
    poll.put("body", "Hội đồng nhân dân tỉnh");
    poll.put("voterGroup", "đại biểu Hội đồng nhân dân tỉnh");
    poll.put("post", "người giữ chức vụ do Hội đồng nhân dân tỉnh bầu");
    // explicit: a poll that does not ask is version 2 wherever it fits (docs/protocol.md §16.9)
    poll.put("ballotVersion", spec.version());
    pollId = admin.expect("POST", "/admin/polls", json(poll), 201).path("id").asText();
    for (int i = 1; i <= spec.subjects(); i++) {
      admin.expect(
          "POST",
          "/admin/polls/" + pollId + "/subjects",
          json(
              Map.of(
                  "name",
                  "Người được lấy phiếu số " + i,
                  "position",
                  "Chức vụ số " + i,
                  "unit",
                  "Hội đồng nhân dân tỉnh")),
          201);
    }
    StringBuilder csv = new StringBuilder("name,unit\n");
    for (int i = 1; i <= spec.summoned(); i++) {
      csv.append("Đại biểu số ").append(i).append(",Hội đồng nhân dân tỉnh\n");
    }
    Http.Res r =
        admin.send(
            "POST",
            "/admin/polls/" + pollId + "/roster/import",
            csv.toString().getBytes(StandardCharsets.UTF_8),
            null,
            "text/csv");
    if (r.status() != 200) {
      throw new IllegalStateException(
          "roster import answered "
              + r.status()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    admin.ok("POST", "/admin/polls/" + pollId + "/ceremony", null);
    JsonNode invited =
        admin.expect(
            "POST",
            "/admin/polls/" + pollId + "/committee/invitations",
            json(Map.of("names", List.of(MEMBERS).subList(0, spec.members()))),
            201);
    for (int i = 0; i < spec.members(); i++) {
      MemberIdentity id = MemberIdentity.generate(MEMBERS[i]);
      ids.add(id);
      stores.add(new InMemoryMemberStateStore());
      String code = invited.path("invitations").get(i).path("code").asText();
      committee.register(pollId, Registration.create(pollId, id, code));
    }
    admin.ok(
        "POST",
        "/admin/polls/" + pollId + "/committee/start",
        json(
            Map.of(
                "t",
                spec.threshold(),
                "members",
                ids.stream().map(MemberIdentity::fingerprint).toList())));
    ceremony();
    List<Integer> present = new ArrayList<>();
    for (int i = 1; i <= spec.present(); i++) {
      present.add(i);
    }
    JsonNode in =
        admin.ok(
            "POST",
            "/admin/polls/" + pollId + "/attendance/check-in",
            json(Map.of("voters", present)));
    for (JsonNode c : in.path("codes")) {
      codes.add(c.path("accessCode").asText());
    }
    admin.ok("POST", "/admin/polls/" + pollId + "/open", null);

    JsonNode pub = http.ok("GET", "/api/polls/" + pollId, null);
    tokenKey =
        TokenPublicKey.fromSpki(
            HexFormat.of().parseHex(pub.path("tokenKey").path("spki").asText()));
    q = Digest.fromHex(pub.path("context").path("Q").asText());
    jointKey = Point.fromHex(pub.path("context").path("jointKey").asText()).precomputed();
    JsonNode manifest = pub.path("manifest");
    int published = manifest.has("ballotVersion") ? manifest.path("ballotVersion").asInt() : 1;
    if (published != spec.version()) {
      throw new IllegalStateException(
          "asked for a ballot version "
              + spec.version()
              + " poll, the server published version "
              + published
              + " (does it speak docs/protocol.md §16 yet?)");
    }
    encoding = published == 2 ? new EncodingV2(manifest.path("base").asInt()) : null;
  }

  private void ceremony() {
    ListConfirmation announced =
        ListConfirmation.exactly(
            new MemberList(
                spec.threshold(), ids.stream().map(MemberIdentity::fingerprint).toList()));
    for (int round = 0; round < 40; round++) {
      boolean all = true;
      for (int i = 0; i < ids.size(); i++) {
        Progress p =
            new MemberCeremony(ids.get(i), stores.get(i), committee, pollId, rng, announced).step();
        if (p.failed()) {
          throw new IllegalStateException("member " + (i + 1) + ": " + p.message());
        }
        all &= p.finished();
      }
      if (all) {
        return;
      }
    }
    throw new IllegalStateException("the key ceremony did not finish");
  }

  String pollId() {
    return pollId;
  }

  Http http() {
    return http;
  }

  Digest q() {
    return q;
  }

  Point jointKey() {
    return jointKey;
  }

  /** The manifest's encoding (B) of a version 2 poll; null for version 1. */
  EncodingV2 encoding() {
    return encoding;
  }

  int version() {
    return spec.version();
  }

  int subjects() {
    return spec.subjects();
  }

  /** The access code of present voter {@code i} (0-based). */
  String code(int i) {
    return codes.get(i);
  }

  /** An RFC 9474 token for voter {@code i}: blind, have it signed over HTTP, finalize. */
  Ballot.Token token(int i, SecureRandom r) {
    try {
      TokenClient client = TokenClient.create(tokenKey, pollId);
      BlindResult blind = client.begin(r);
      JsonNode sig =
          http.ok(
              "POST",
              "/api/polls/" + pollId + "/tokens",
              json(
                  Map.of(
                      "accessCode",
                      codes.get(i),
                      "blindedMsg",
                      HexFormat.of().formatHex(blind.blindedMessage()))));
      SignedToken t =
          client.finish(blind.state(), HexFormat.of().parseHex(sig.path("blindSig").asText()));
      return new Ballot.Token(t.prepared(), t.signature());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("token: " + e.getMessage(), e);
    }
  }

  /**
   * A ballot as the voter's side sends it: the poll's version, encrypted and proved, as JSON.
   * {@code choices}: 0 HIGH, 1 MID, 2 LOW, {@link BallotEncryptor#BLANK} blank.
   */
  Object ballot(Ballot.Token token, int[] choices, SecureRandom r) {
    return encoding == null
        ? BallotEncryptor.encrypt(pollId, q, jointKey, token, choices, r).ballot()
        : BallotV2Encryptor.encrypt(pollId, q, jointKey, encoding, token, choices, r).ballot();
  }

  /** Random choices for S subjects, about one blank row in ten. */
  static int[] choices(int subjects, SecureRandom r) {
    int[] c = new int[subjects];
    for (int s = 0; s < subjects; s++) {
      c[s] = r.nextInt(10) == 0 ? BallotEncryptor.BLANK : r.nextInt(3);
    }
    return c;
  }

  static byte[] json(Object o) {
    try {
      return ProtocolJson.mapper().writeValueAsBytes(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void close() {
    admin.ok("POST", "/admin/polls/" + pollId + "/close", null);
  }

  /** The board as a member downloads it before decrypting (GET …/committee/tally-input), raw. */
  JsonNode tallyInputJson() {
    return http.ok("GET", "/api/polls/" + pollId + "/committee/tally-input", null);
  }

  /**
   * Member {@code index} (1-based) downloads the closed board, compares its closing statement with
   * the public board's figures, verifies the board, decrypts once and posts its partial decryption
   * (the committee module's code, as {@code cvote-committee decrypt} runs it).
   */
  void decrypt(int index) throws BoardRejectedException {
    TallyInput in = committee.tallyInput(pollId);
    JsonNode c = http.ok("GET", "/api/polls/" + pollId + "/board", null).path("closing");
    MemberDecryptor.Announced hall =
        new MemberDecryptor.Announced(c.path("count").asLong(), c.path("fingerprint").asText());
    PartialDecryption p =
        MemberDecryptor.decryptOnce(ids.get(index - 1), stores.get(index - 1), in, hall, rng)
            .partial();
    committee.decryption(pollId, p);
  }

  /** The secretariat combines the members' decryptions: the tally (POST …/tally). */
  JsonNode tally() {
    return admin.ok("POST", "/admin/polls/" + pollId + "/tally", json(Map.of()));
  }

  void publish() {
    admin.ok("POST", "/admin/polls/" + pollId + "/publish", null);
  }

  /** Downloads the published record into {@code dir} (its files unpacked). */
  void download(Path dir) throws IOException {
    Http.Res r = admin.send("GET", "/api/polls/" + pollId + "/record", null, null);
    if (r.status() != 200) {
      throw new IllegalStateException("the record answered " + r.status());
    }
    Files.createDirectories(dir);
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        Path f = dir.resolve(e.getName()).normalize();
        if (e.isDirectory() || !dir.normalize().equals(f.getParent())) {
          throw new IOException("unexpected entry " + e.getName());
        }
        Files.write(f, z.readAllBytes());
      }
    }
  }
}
