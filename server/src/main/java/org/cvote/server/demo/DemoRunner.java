package org.cvote.server.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.cvote.committee.ceremony.InMemoryMemberStateStore;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.PartialDecryption;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.crypto.ballot.BallotEncryptor;
import org.cvote.crypto.ballot.BallotV2Encryptor;
import org.cvote.crypto.context.BallotVersion;
import org.cvote.crypto.context.EncodingV2;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.hash.Digest;
import org.cvote.crypto.json.ProtocolJson;
import org.cvote.crypto.token.BlindResult;
import org.cvote.crypto.token.SignedToken;
import org.cvote.crypto.token.TokenClient;
import org.cvote.crypto.token.TokenPublicKey;

/**
 * Drives a demonstration poll against a running server, entirely over its HTTP API: the secretariat
 * (login, poll, subjects, roster, check-in, open, close, tally, publish), simulated committee
 * members (the committee module's real member code over {@link HttpCommitteeClient}: join, key
 * ceremony, verification of the board and partial decryption) and simulated voters (RFC 9474 tokens
 * with {@link TokenClient}, uniform blinding; ballots with {@link BallotEncryptor}).
 */
public final class DemoRunner {
  /** Demo parameters. {@code summoned} voters are on the roster; all but two are checked in. */
  public record Options(
      int subjects, int summoned, int members, int threshold, List<Integer> decryptors) {
    public static Options of(int subjects, int ballots, int members, int threshold) {
      List<Integer> u = new ArrayList<>();
      for (int i = 1; i <= threshold; i++) {
        u.add(i);
      }
      return new Options(subjects, Math.max(60, ballots + 2), members, threshold, u);
    }

    public Options withDecryptors(List<Integer> u) {
      return new Options(subjects, summoned, members, threshold, List.copyOf(u));
    }
  }

  static final String[][] SUBJECTS = {
    {"Nguyễn Văn Hùng", "Chủ tịch Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"},
    {"Trần Thị Thu Hương", "Phó Chủ tịch Hội đồng nhân dân tỉnh", "Hội đồng nhân dân tỉnh"},
    {"Lê Quang Đạo", "Giám đốc Sở Tài chính", "Sở Tài chính"},
    {"Phạm Minh Tuấn", "Chánh án Tòa án nhân dân tỉnh", "Tòa án nhân dân tỉnh"},
    {"Võ Thị Ánh Tuyết", "Trưởng Ban Kinh tế – Ngân sách", "Hội đồng nhân dân tỉnh"},
    {"Đặng Hoàng Long", "Giám đốc Sở Xây dựng", "Sở Xây dựng"},
    {"Bùi Thị Ngọc Lan", "Giám đốc Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"},
    {"Hoàng Đức Thắng", "Giám đốc Công an tỉnh", "Công an tỉnh"},
  };
  static final String[] MEMBERS = {
    "Ngô Thanh Bình",
    "Đỗ Thị Mai",
    "Lý Văn Cường",
    "Huỳnh Thị Lệ",
    "Phan Quốc Việt",
    "Trịnh Thị Hoa",
    "Mai Văn Sơn",
    "Dương Thị Nga",
    "Tạ Quang Huy"
  };

  private final DemoClient api;

  /**
   * One per server node; member i talks to node i mod n, so the ceremony's steps reach every node.
   */
  private final List<HttpCommitteeClient> committees = new ArrayList<>();

  private final HttpCommitteeClient committee;
  private final PrintStream log;
  private final SecureRandom rng = new SecureRandom();
  private final List<MemberIdentity> ids = new ArrayList<>();
  private final List<InMemoryMemberStateStore> stores = new ArrayList<>();
  private Options options;
  private String pollId;
  private final List<String> codes = new ArrayList<>();
  private final List<JsonNode> receipts = java.util.Collections.synchronizedList(new ArrayList<>());
  private long[][] truth;
  private int blanks;
  private String visibility = "PUBLIC";
  private int ballotVersion = 1;
  private int present = -1;
  private volatile JsonNode context;

  public DemoRunner(URI base, String adminUser, String adminPassword, PrintStream log) {
    this(List.of(base), adminUser, adminPassword, log);
  }

  /**
   * Drives a deployment of several nodes sharing one database: every request goes to the next node
   * in turn (the secretariat's session, made on one node, is used on all), and committee member i
   * talks to node i mod n.
   */
  public DemoRunner(List<URI> nodes, String adminUser, String adminPassword, PrintStream log) {
    this.api = new DemoClient(nodes);
    for (URI n : nodes) {
      committees.add(new HttpCommitteeClient(n));
    }
    this.committee = committees.get(0);
    this.log = log;
    api.login(adminUser, adminPassword);
  }

  /** PUBLIC (default) or PARTICIPANTS, for the poll {@link #setUp} creates. */
  public DemoRunner visibility(String v) {
    this.visibility = v;
    return this;
  }

  /**
   * The ballot version of the poll {@link #setUp} creates (docs/protocol.md §16.9): 1 by default,
   * so a demo record verifies under implementations of the original contract, which know only
   * version 1; or 2.
   */
  public DemoRunner ballotVersion(int v) {
    if (v != 1 && v != 2) {
      throw new IllegalArgumentException("ballot version: 1 or 2, got " + v);
    }
    this.ballotVersion = v;
    return this;
  }

  public int ballotVersion() {
    return ballotVersion;
  }

  /** How many voters {@link #setUp} checks in (voters 1..n); default all but two. */
  public DemoRunner present(int n) {
    this.present = n;
    return this;
  }

  public String pollId() {
    return pollId;
  }

  public List<String> accessCodes() {
    return List.copyOf(codes);
  }

  /** The true totals of the simulated voters: [subject][HIGH, MID, LOW]. */
  public long[][] truth() {
    return truth;
  }

  public String boothUrl() {
    return api.base().resolve("/booth.html?poll=" + pollId).toString();
  }

  /**
   * Creates the poll, runs the key ceremony through the committee routes, checks voters in and
   * opens.
   */
  public DemoRunner setUp(Options o) {
    this.options = o;
    if (o.subjects() < 1 || o.subjects() > SUBJECTS.length) {
      throw new IllegalArgumentException("subjects: 1.." + SUBJECTS.length);
    }
    if (o.members() < 1 || o.members() > MEMBERS.length) {
      throw new IllegalArgumentException("members: 1.." + MEMBERS.length);
    }
    if (o.threshold() < 1 || o.threshold() > o.members()) {
      throw new IllegalArgumentException("threshold: 1..members");
    }
    truth = new long[o.subjects()][3];
    JsonNode poll =
        api.call(
            "POST",
            "/admin/polls",
            DemoClient.json(
                Map.of(
                    "title",
                    "Lấy phiếu tín nhiệm đối với người giữ chức vụ do Hội đồng nhân dân tỉnh bầu (bản trình diễn)",
                    "place",
                    "Hội trường Hội đồng nhân dân tỉnh",
                    "date",
                    java.time.LocalDate.now().toString(),
                    "visibility",
                    visibility,
                    "body",
                    "Hội đồng nhân dân tỉnh",
                    "voterGroup",
                    "đại biểu Hội đồng nhân dân tỉnh",
                    "post",
                    "người giữ chức vụ do Hội đồng nhân dân tỉnh bầu",
                    "ballotVersion",
                    ballotVersion)),
            "application/json",
            201);
    pollId = poll.path("id").asText();
    for (int i = 0; i < o.subjects(); i++) {
      api.call(
          "POST",
          "/admin/polls/" + pollId + "/subjects",
          DemoClient.json(
              Map.of("name", SUBJECTS[i][0], "position", SUBJECTS[i][1], "unit", SUBJECTS[i][2])),
          "application/json",
          201);
    }
    StringBuilder csv = new StringBuilder("name,unit\n");
    for (int i = 1; i <= o.summoned(); i++) {
      csv.append("Đại biểu số ").append(i).append(",Hội đồng nhân dân tỉnh\n");
    }
    api.raw(
        "POST",
        "/admin/polls/" + pollId + "/roster/import",
        csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "text/csv",
        200);
    log.println(
        "poll " + pollId + ": " + o.subjects() + " subjects, " + o.summoned() + " voters summoned");

    // key ceremony: draft → ceremony, members join over HTTP, the secretariat approves, members run
    // the rounds
    api.post("/admin/polls/" + pollId + "/ceremony", null);
    // the meeting elected the members: the secretariat invites each; each joins with its one-time
    // code
    JsonNode invited =
        api.call(
            "POST",
            "/admin/polls/" + pollId + "/committee/invitations",
            DemoClient.json(
                Map.of("names", java.util.Arrays.asList(MEMBERS).subList(0, o.members()))),
            "application/json",
            201);
    for (int i = 0; i < o.members(); i++) {
      MemberIdentity id = MemberIdentity.generate(MEMBERS[i]);
      ids.add(id);
      stores.add(new InMemoryMemberStateStore());
      String code = invited.path("invitations").get(i).path("code").asText();
      committees.get(i % committees.size()).register(pollId, Registration.create(pollId, id, code));
    }
    api.post(
        "/admin/polls/" + pollId + "/committee/start",
        Map.of(
            "t", o.threshold(), "members", ids.stream().map(MemberIdentity::fingerprint).toList()));
    runCeremony();
    JsonNode status = api.get("/admin/polls/" + pollId);
    if (!"READY".equals(status.path("status").asText())) {
      throw new IllegalStateException(
          "after the ceremony the poll is " + status.path("status").asText());
    }
    log.println(
        "key ceremony done: n = "
            + o.members()
            + ", t = "
            + o.threshold()
            + ", Q = "
            + status.path("Q").asText());

    // attendance: everyone but two is checked in and receives an access code; then open
    List<Integer> present = new ArrayList<>();
    for (int i = 1; i <= (this.present < 0 ? o.summoned() - 2 : this.present); i++) {
      present.add(i);
    }
    JsonNode in =
        api.post("/admin/polls/" + pollId + "/attendance/check-in", Map.of("voters", present));
    for (JsonNode c : in.path("codes")) {
      codes.add(c.path("accessCode").asText());
    }
    api.post("/admin/polls/" + pollId + "/open", null);
    log.println("checked in " + codes.size() + " of " + o.summoned() + "; voting is open");
    return this;
  }

  private void runCeremony() {
    // each simulated member confirms the served list against the one the demo approved
    // (docs/protocol.md §8.7)
    ListConfirmation announced =
        ListConfirmation.exactly(
            new MemberList(
                options.threshold(), ids.stream().map(MemberIdentity::fingerprint).toList()));
    for (int round = 0; round < 40; round++) {
      boolean all = true;
      for (int i = 0; i < ids.size(); i++) {
        Progress p =
            new MemberCeremony(
                    ids.get(i),
                    stores.get(i),
                    committees.get(i % committees.size()),
                    pollId,
                    rng,
                    announced)
                .step();
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

  /**
   * Casts {@code n} ballots with simulated voters (the first n access codes), about 8% blank rows.
   */
  public void cast(int n) {
    if (n > codes.size()) {
      throw new IllegalArgumentException("only " + codes.size() + " voters are present");
    }
    JsonNode pub = api.get("/api/polls/" + pollId);
    TokenPublicKey key =
        TokenPublicKey.fromSpki(
            HexFormat.of().parseHex(pub.path("tokenKey").path("spki").asText()));
    Digest q = Digest.fromHex(pub.path("context").path("Q").asText());
    Point k = Point.fromHex(pub.path("context").path("jointKey").asText());
    int[][] choices = new int[n][];
    java.util.Random pick = new java.util.Random(rng.nextLong());
    for (int b = 0; b < n; b++) {
      choices[b] = choices(pick);
      count(choices[b]);
    }
    AtomicInteger done = new AtomicInteger();
    boolean tty = terminal();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int b = 0; b < n; b++) {
        int v = b;
        fs.add(
            pool.submit(
                () -> {
                  vote(codes.get(v), key, q, k, choices[v]);
                  int d = done.incrementAndGet();
                  synchronized (log) {
                    if (tty) {
                      log.print("\rcasting ballots: " + d + "/" + n + (d == n ? "\n" : ""));
                      log.flush();
                    } else if (d == n || d * 10 / n != (d - 1) * 10 / n) {
                      log.println("casting ballots: " + d + "/" + n);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A simulated voter's choices, about 8% blank rows; the last subject leans towards low confidence
   * (consequence flags).
   */
  private int[] choices(java.util.Random pick) {
    int subjects = options.subjects();
    int[] out = new int[subjects];
    for (int s = 0; s < subjects; s++) {
      int x = pick.nextInt(100);
      out[s] =
          x < 8
              ? BallotEncryptor.BLANK
              : (s == subjects - 1 && subjects > 1 ? (x < 75 ? 2 : x % 2) : x % 3);
    }
    return out;
  }

  private synchronized void count(int[] choices) {
    for (int s = 0; s < choices.length; s++) {
      if (choices[s] == BallotEncryptor.BLANK) {
        blanks++;
      } else {
        truth[s][choices[s]]++;
      }
    }
  }

  /**
   * A simulated voter's ballot before it is cast: the token it spends, the choices it encrypts, its
   * JSON.
   */
  public record PreparedBallot(Ballot.Token token, int[] choices, byte[] json) {}

  /** The answer to one cast, whatever its status: a receipt, or the error shape. */
  public record CastAnswer(int status, JsonNode body) {}

  /**
   * Obtains tokens for the first {@code n} present voters and encrypts a ballot for each (the slow,
   * client-side part of voting); nothing is cast, nothing counted into {@link #truth()}.
   */
  public List<PreparedBallot> prepare(int n) {
    if (n > codes.size()) {
      throw new IllegalArgumentException("only " + codes.size() + " voters are present");
    }
    JsonNode pub = api.get("/api/polls/" + pollId);
    TokenPublicKey key =
        TokenPublicKey.fromSpki(
            HexFormat.of().parseHex(pub.path("tokenKey").path("spki").asText()));
    java.util.Random pick = new java.util.Random(rng.nextLong());
    List<int[]> choices = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      choices.add(choices(pick));
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    try {
      List<Future<PreparedBallot>> fs = new ArrayList<>();
      for (int b = 0; b < n; b++) {
        int v = b;
        fs.add(
            pool.submit(
                () -> encrypt(token(codes.get(v), key, new SecureRandom()), choices.get(v))));
      }
      List<PreparedBallot> out = new ArrayList<>();
      for (Future<PreparedBallot> f : fs) {
        out.add(f.get());
      }
      return out;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re
          ? re
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Another ballot spending the token of {@code p}, with fresh choices and randomness: a double
   * spend.
   */
  public PreparedBallot again(PreparedBallot p) {
    return encrypt(p.token(), choices(new java.util.Random(rng.nextLong())));
  }

  private PreparedBallot encrypt(Ballot.Token token, int[] choices) {
    JsonNode ctx = context;
    if (ctx == null) {
      context =
          ctx = api.get("/api/polls/" + pollId).path("context"); // fixed once the poll is ready
    }
    try {
      return new PreparedBallot(
          token,
          choices,
          ballotJson(
              Digest.fromHex(ctx.path("Q").asText()),
              Point.fromHex(ctx.path("jointKey").asText()),
              token,
              choices,
              new SecureRandom()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The poll's ballot encoding as its published manifest says (§16.1); read once. */
  private volatile java.util.Optional<EncodingV2> encoding;

  /**
   * A ballot of the poll's version (version 1 of §7.1, or version 2 of §16.2 under the manifest's
   * B), as JSON.
   */
  private byte[] ballotJson(Digest q, Point k, Ballot.Token token, int[] choices, SecureRandom r)
      throws IOException {
    java.util.Optional<EncodingV2> e = encoding;
    if (e == null) {
      encoding = e = BallotVersion.of(api.get("/api/polls/" + pollId).path("manifest"));
    }
    Object ballot =
        e.isPresent()
            ? BallotV2Encryptor.encrypt(pollId, q, k, e.get(), token, choices, r).ballot()
            : BallotEncryptor.encrypt(pollId, q, k, token, choices, r).ballot();
    return ProtocolJson.mapper().writeValueAsBytes(ballot);
  }

  /**
   * Casts a prepared ballot at node {@code node} (an index into the nodes) and returns the answer
   * as it is.
   */
  public CastAnswer cast(PreparedBallot p, int node) {
    DemoClient.Answer a =
        api.exchange(
            node, "POST", "/api/polls/" + pollId + "/ballots", p.json(), "application/json");
    try {
      return new CastAnswer(a.status(), DemoClient.JSON.readTree(a.body()));
    } catch (IOException e) {
      throw new IllegalStateException("cast answered " + a.status() + " with no JSON");
    }
  }

  /** Counts an accepted prepared ballot into {@link #truth()} (what the tally must come to). */
  public void counted(PreparedBallot p) {
    count(p.choices());
  }

  /**
   * True when standard output is a terminal (Console.isTerminal on JDK 22+; a console on JDK 21).
   */
  static boolean terminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  private void vote(String code, TokenPublicKey key, Digest q, Point k, int[] choices)
      throws IOException {
    SecureRandom r = new SecureRandom();
    byte[] ballot = ballotJson(q, k, token(code, key, r), choices, r);
    receipts.add(
        api.call("POST", "/api/polls/" + pollId + "/ballots", ballot, "application/json", 200));
  }

  /**
   * The signed receipts of the ballots {@link #cast(int)} cast, in the order they came back (what
   * each voter keeps).
   */
  public List<JsonNode> receipts() {
    synchronized (receipts) {
      return List.copyOf(receipts);
    }
  }

  /** An RFC 9474 token for the voter holding {@code code}: blind, have it signed, finalize. */
  private Ballot.Token token(String code, TokenPublicKey key, SecureRandom r) {
    try {
      TokenClient client = TokenClient.create(key, pollId);
      BlindResult blind = client.begin(r); // uniform r in [1, n) with gcd(r, n) = 1 (RFC 9474 §4.2)
      JsonNode sig =
          api.call(
              "POST",
              "/api/polls/" + pollId + "/tokens",
              DemoClient.json(
                  Map.of(
                      "accessCode",
                      code,
                      "blindedMsg",
                      HexFormat.of().formatHex(blind.blindedMessage()))),
              "application/json",
              200);
      SignedToken t =
          client.finish(blind.state(), HexFormat.of().parseHex(sig.path("blindSig").asText()));
      return new Ballot.Token(t.prepared(), t.signature());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("token: " + e.getMessage(), e);
    }
  }

  public void close() {
    api.post("/admin/polls/" + pollId + "/close", null);
  }

  /**
   * Member {@code index} downloads the closed board, compares its closing statement with the
   * figures shown on the public board (what a member hears read aloud in the hall), verifies it,
   * decrypts once and posts over HTTP.
   */
  public void decrypt(int index) {
    try {
      HttpCommitteeClient node = committees.get((index - 1) % committees.size());
      TallyInput in = node.tallyInput(pollId);
      PartialDecryption p =
          MemberDecryptor.decryptOnce(
                  ids.get(index - 1), stores.get(index - 1), in, announced(), rng)
              .partial();
      node.decryption(pollId, p);
    } catch (org.cvote.committee.decrypt.BoardRejectedException e) {
      throw new IllegalStateException(
          "member " + index + " rejected the board: " + e.getMessage(), e);
    }
  }

  /** The closing figures the public board shows: the ballots collected and the head fingerprint. */
  public MemberDecryptor.Announced announced() {
    JsonNode c = api.get("/api/polls/" + pollId + "/board").path("closing");
    if (!c.isObject()) {
      throw new IllegalStateException("the public board shows no closing statement");
    }
    return new MemberDecryptor.Announced(c.path("count").asLong(), c.path("fingerprint").asText());
  }

  /** The partial decryption member {@code index} would post (tests tamper with it). */
  public PartialDecryption partial(int index)
      throws org.cvote.committee.decrypt.BoardRejectedException {
    return MemberDecryptor.decrypt(
            ids.get(index - 1),
            stores.get(index - 1).load(pollId).orElseThrow(),
            committee.tallyInput(pollId),
            rng)
        .partial();
  }

  /** Member {@code index}'s identity (tests sign tampered posts with it). */
  public MemberIdentity identity(int index) {
    return ids.get(index - 1);
  }

  public HttpCommitteeClient committeeClient() {
    return committee;
  }

  public JsonNode tally(List<Integer> members) {
    return api.post(
        "/admin/polls/" + pollId + "/tally",
        members == null ? Map.of() : Map.of("members", members));
  }

  public void publish() {
    api.post("/admin/polls/" + pollId + "/publish", null);
  }

  /**
   * Downloads the published record: {@code dir/record.zip} and its ten files unpacked into {@code
   * dir}.
   */
  public void download(Path dir) {
    byte[] zip = api.raw("GET", "/api/polls/" + pollId + "/record", null, null, 200);
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve("record.zip"), zip);
      try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
        for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
          Path f = dir.resolve(e.getName()).normalize();
          if (!f.getParent().equals(dir.normalize()) || e.isDirectory()) {
            throw new IOException("unexpected entry " + e.getName());
          }
          Files.write(f, z.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The counting report (Phụ lục 5) of the published poll: {@code dir/report.pdf} and {@code
   * dir/report.html}.
   */
  public void downloadReport(Path dir) {
    try {
      Files.write(
          dir.resolve("report.pdf"),
          api.raw("GET", "/admin/polls/" + pollId + "/report.pdf", null, null, 200));
      Files.write(
          dir.resolve("report.html"),
          api.raw("GET", "/admin/polls/" + pollId + "/report.html", null, null, 200));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The whole automatic run after {@link #setUp}: cast, close, t members decrypt, tally, publish,
   * download.
   */
  public JsonNode runAuto(int ballots, Path out) {
    cast(ballots);
    close();
    log.println("voting closed: " + ballots + " ballots collected (" + blanks + " blank rows)");
    MemberDecryptor.Announced hall = announced();
    log.println(
        "closing statement signed: "
            + hall.ballots()
            + " ballots, board fingerprint "
            + hall.head()
            + " (read aloud in the hall)");
    for (int m : options.decryptors()) {
      decrypt(m);
      log.println(
          "member "
              + m
              + " ("
              + ids.get(m - 1).name()
              + ") confirmed the figures, verified the board and posted its partial decryption");
    }
    JsonNode t = tally(null).path("tally");
    publish();
    download(out);
    downloadReport(out);
    return t;
  }

  /**
   * Prints the report table of tally.json and checks it against the simulated voters' true totals.
   */
  public boolean summary(JsonNode tally) {
    log.println();
    log.println("Báo cáo kết quả phiếu tín nhiệm — poll " + pollId);
    log.printf(
        "summoned %d · present %d · absent %d · present at voting %d · issued %d · collected %d%n",
        tally.path("summoned").asLong(),
        tally.path("present").asLong(),
        tally.path("absentFromStart").asLong(),
        tally.path("presentAtVoting").asLong(),
        tally.path("issued").asLong(),
        tally.path("collected").asLong());
    log.printf(
        "%-3s %-22s %6s %15s %15s %15s  %s%n",
        "#", "subject", "valid", "cao", "tín nhiệm", "thấp", "flag");
    boolean ok = true;
    for (JsonNode r : tally.path("results")) {
      int s = r.path("subject").asInt();
      JsonNode c = r.path("counts");
      JsonNode p = r.path("percent");
      log.printf(
          "%-3d %-22s %6d %6d (%6s%%) %6d (%6s%%) %6d (%6s%%)  %s%n",
          s,
          SUBJECTS[s - 1][0],
          r.path("valid").asLong(),
          c.get(0).asLong(),
          p.get(0).asText(),
          c.get(1).asLong(),
          p.get(1).asText(),
          c.get(2).asLong(),
          p.get(2).asText(),
          r.path("flag").asText());
      for (int j = 0; j < 3; j++) {
        ok &= c.get(j).asLong() == truth[s - 1][j];
      }
    }
    log.println(
        ok
            ? "decrypted totals equal the simulated voters' choices"
            : "MISMATCH: decrypted totals differ from the simulated voters' choices");
    return ok;
  }
}
