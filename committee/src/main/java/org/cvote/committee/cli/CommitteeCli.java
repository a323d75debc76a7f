package org.cvote.committee.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.cvote.committee.CommitteeException;
import org.cvote.committee.ceremony.CeremonyState;
import org.cvote.committee.ceremony.ListConfirmation;
import org.cvote.committee.ceremony.MemberCeremony;
import org.cvote.committee.ceremony.MemberList;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.Progress;
import org.cvote.committee.ceremony.Registration;
import org.cvote.committee.ceremony.SealedFileStateStore;
import org.cvote.committee.decrypt.BoardRejectedException;
import org.cvote.committee.decrypt.MemberDecryptor;
import org.cvote.committee.decrypt.TallyInput;
import org.cvote.committee.identity.IdentityFile;
import org.cvote.committee.identity.KdfParams;
import org.cvote.committee.identity.MemberIdentity;
import org.cvote.committee.identity.WrongPassphraseException;
import org.cvote.committee.transport.CommitteeTransport;
import org.cvote.committee.transport.HttpCommitteeClient;
import org.cvote.crypto.board.BoardFinding;
import org.cvote.crypto.board.CheckId;
import org.cvote.crypto.record.ClosingStatement;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cvote-committee}: a counting-committee (ban kiểm phiếu) member's tool. */
@Command(
    name = "cvote-committee",
    mixinStandardHelpOptions = true,
    version = "cvote-committee 1",
    description = {
      "The counting committee member's tool (ban kiểm phiếu): your identity, the key ceremony, "
          + "and the joint decryption of the totals only.",
      "Typical order: init, join --invite CODE <server> <poll>, ceremony, (after the poll closes) decrypt."
    },
    subcommands = {
      CommitteeCli.Init.class,
      CommitteeCli.Join.class,
      CommitteeCli.Ceremony.class,
      CommitteeCli.Decrypt.class,
      CommitteeCli.Status.class,
      CommitteeCli.Export.class,
      CommitteeCli.Import.class
    })
public final class CommitteeCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static int run(String... args) {
    CommandLine cl = new CommandLine(new CommitteeCli());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          PrintWriter err = cmd.getErr();
          if (ex instanceof CommitteeException ce) {
            err.println("error (" + ce.code() + "): " + ce.getMessage());
            return 1;
          }
          if (ex instanceof WrongPassphraseException
              || ex instanceof BoardRejectedException
              || ex instanceof UncheckedIOException
              || ex instanceof IOException
              || ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            return 1;
          }
          throw ex;
        });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options every command shares: where the member's files are and how the passphrase is given. */
  static class Home {
    @Option(
        names = "--home",
        paramLabel = "DIR",
        description =
            "Where your identity and ceremony state live "
                + "(default: $CVOTE_COMMITTEE_HOME or ~/.cvote-committee).")
    Path home;

    @Option(
        names = "--passphrase-env",
        paramLabel = "VAR",
        defaultValue = "CVOTE_PASSPHRASE",
        description =
            "Environment variable holding the passphrase, if set (default: ${DEFAULT-VALUE}); otherwise it is asked for.")
    String passphraseEnv;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description = "Read the passphrase from the first line of FILE.")
    Path passphraseFile;

    Path dir() {
      if (home != null) {
        return home;
      }
      String env = System.getenv("CVOTE_COMMITTEE_HOME");
      return env != null && !env.isEmpty()
          ? Path.of(env)
          : Path.of(System.getProperty("user.home"), ".cvote-committee");
    }

    Path identityFile() {
      return dir().resolve("identity.json");
    }

    Path stateDir() {
      return dir().resolve("state");
    }

    char[] passphrase(boolean twice) throws IOException {
      if (passphraseFile != null) {
        String line =
            Files.readAllLines(passphraseFile, StandardCharsets.UTF_8).stream()
                .findFirst()
                .orElse("");
        return line.toCharArray();
      }
      String env = passphraseEnv == null ? null : System.getenv(passphraseEnv);
      if (env != null && !env.isEmpty()) {
        return env.toCharArray();
      }
      Console c = System.console();
      if (c == null) {
        throw new IOException(
            "no passphrase: set $"
                + passphraseEnv
                + ", use --passphrase-file, or run in a terminal");
      }
      char[] p = c.readPassword("Passphrase: ");
      if (twice) {
        char[] again = c.readPassword("Passphrase again: ");
        if (!Arrays.equals(p, again)) {
          throw new IOException("the two passphrases differ");
        }
      }
      return p;
    }

    IdentityFile.Unlocked unlock() throws IOException, WrongPassphraseException {
      if (!Files.exists(identityFile())) {
        throw new IOException(
            "no identity at " + identityFile() + ": run 'cvote-committee init' first");
      }
      return IdentityFile.open(identityFile(), passphrase(false));
    }

    IdentityFile.Unlocked unlockWith(char[] passphrase)
        throws IOException, WrongPassphraseException {
      return IdentityFile.open(identityFile(), passphrase);
    }

    Properties polls() throws IOException {
      Properties p = new Properties();
      Path f = dir().resolve("polls.properties");
      if (Files.exists(f)) {
        try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          p.load(r);
        }
      }
      return p;
    }

    void rememberPoll(String poll, String server) throws IOException {
      Properties p = polls();
      p.setProperty("poll." + poll, server);
      p.setProperty("current", poll);
      Files.createDirectories(dir());
      try (var w =
          Files.newBufferedWriter(dir().resolve("polls.properties"), StandardCharsets.UTF_8)) {
        p.store(w, "cvote-committee: polls this member joined (poll id -> server)");
      }
    }
  }

  /** Which poll (default: the last one joined) and which server. */
  static class Target {
    @Option(
        names = "--poll",
        paramLabel = "ID",
        description = "Poll id (default: the last poll you joined).")
    String poll;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description = "Server URL (default: the one you joined with).")
    String server;

    String poll(Home h) throws IOException {
      if (poll != null) {
        return poll;
      }
      String p = h.polls().getProperty("current");
      if (p == null) {
        throw new IOException(
            "no poll: use --poll ID, or 'cvote-committee join <server> <poll>' first");
      }
      return p;
    }

    CommitteeTransport transport(Home h) throws IOException {
      String s = server != null ? server : h.polls().getProperty("poll." + poll(h));
      if (s == null) {
        throw new IOException("no server for poll " + poll(h) + ": use --server URL");
      }
      return new HttpCommitteeClient(URI.create(s));
    }
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = {
        "Create your identity: an HPKE key pair (X25519) to receive ceremony shares and an Ed25519 key that signs "
            + "everything you post, stored encrypted under your passphrase (Argon2id, AES-256-GCM).",
        "Prints the fingerprint to read aloud at the conference so the secretariat approves the right keys."
      })
  static final class Init implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Your full name as on the committee list.")
    String name;

    @Option(
        names = "--force",
        description = "Overwrite an existing identity (its ceremony shares become unusable).")
    boolean force;

    @Option(
        names = "--kdf-memory",
        paramLabel = "KiB",
        defaultValue = "65536",
        description = "Argon2id memory in KiB (default: ${DEFAULT-VALUE}).")
    int memory;

    @Option(
        names = "--kdf-iterations",
        paramLabel = "N",
        defaultValue = "3",
        description = "Argon2id passes (default: ${DEFAULT-VALUE}).")
    int iterations;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Path f = home.identityFile();
      if (Files.exists(f) && !force) {
        throw new IOException(
            "an identity already exists at " + f + " (use --force to replace it)");
      }
      char[] pass = home.passphrase(true);
      MemberIdentity id =
          MemberIdentity.generate(
              java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC));
      IdentityFile.create(f, id, pass, KdfParams.withCost(memory, iterations, new SecureRandom()));
      Arrays.fill(pass, '\0');
      PrintWriter out = spec.commandLine().getOut();
      out.println("Identity created: " + f);
      out.println("Name:        " + id.name());
      out.println("Fingerprint: " + id.fingerprint());
      out.println("Read the fingerprint aloud at the conference.");
      return 0;
    }
  }

  @Command(
      name = "join",
      mixinStandardHelpOptions = true,
      description = {
        "Register your public keys (signed) for a poll's committee with the invitation code on your slip; "
            + "the secretariat approves the list by the fingerprints read aloud.",
        "Đăng ký khoá với mã mời trên phiếu mời; đọc to dấu vân tay để Văn phòng phê duyệt."
      })
  static final class Join implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @Option(
        names = "--invite",
        required = true,
        paramLabel = "CODE",
        description =
            "The one-time invitation code on your slip (XXXX-XXXX-XXXX-XXXX-X), or the slip's join link "
                + "SERVER/committee/POLL#invite=CODE (then SERVER and POLL may be left out).")
    String invite;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "SERVER",
        description = "Server URL, e.g. http://localhost:8080")
    String server;

    @Parameters(index = "1", arity = "0..1", paramLabel = "POLL", description = "Poll id.")
    String poll;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      String code = invite;
      if (JoinLink.looksLikeOne(invite)) {
        JoinLink link = JoinLink.parse(invite);
        if ((server != null && !server.equals(link.server()))
            || (poll != null && !poll.equals(link.poll()))) {
          throw new IllegalArgumentException(
              "the join link names "
                  + link.server()
                  + " "
                  + link.poll()
                  + ", not "
                  + server
                  + " "
                  + poll);
        }
        server = link.server();
        poll = link.poll();
        code = link.code();
      }
      if (server == null || poll == null) {
        throw new IllegalArgumentException(
            "name the SERVER and the POLL, or give the slip's join link to --invite");
      }
      try {
        code =
            org.cvote.crypto.token.AccessCode.parse(code)
                .display(); // a typo is caught here, before sending
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Mã mời không hợp lệ / not an invitation code: " + e.getMessage());
      }
      IdentityFile.Unlocked u = home.unlock();
      HttpCommitteeClient client = new HttpCommitteeClient(URI.create(server));
      String fp = client.register(poll, Registration.create(poll, u.identity(), code));
      home.rememberPoll(poll, server);
      String fingerprint = fp.isEmpty() ? u.identity().fingerprint() : fp;
      String invited =
          client.ceremony(poll).registrations().stream()
              .filter(
                  r ->
                      java.util.Arrays.equals(
                          r.signingPublicKey(), u.identity().signingPublicKey()))
              .map(Registration::displayName)
              .findFirst()
              .orElse(u.identity().name());
      PrintWriter out = spec.commandLine().getOut();
      out.println("Joined poll " + poll + " at " + server + " as " + invited + ".");
      out.println("Fingerprint / Dấu vân tay: " + fingerprint);
      out.println(
          "Read it aloud; the secretariat ticks the registration whose fingerprint matches.");
      return 0;
    }
  }

  @Command(
      name = "ceremony",
      mixinStandardHelpOptions = true,
      description = {
        "Run the key ceremony (commit, reveal with proofs, encrypted signed shares, share checks, transcript "
            + "confirmation), waiting for the other members with a progress line.",
        "Before committing it shows the approved list (n, t, each member's name and fingerprint) and asks you to "
            + "confirm it against the list announced in the hall; scripts give --expect-members and --expect-t.",
        "Safe to interrupt: run it again and it resumes where it stopped."
      })
  static final class Ceremony implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @CommandLine.Mixin Target target;

    @Option(
        names = "--timeout",
        paramLabel = "MINUTES",
        defaultValue = "120",
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long minutes;

    @Option(
        names = "--interval",
        paramLabel = "MS",
        defaultValue = "1000",
        description = "Poll the server every MS milliseconds (default: ${DEFAULT-VALUE}).")
    long interval;

    @Option(
        names = "--expect-members",
        paramLabel = "FP1,FP2,…",
        description =
            "The approved members' fingerprints as announced in the hall, in order (as 'join' prints them); "
                + "the list the server serves must be exactly this before you commit.")
    String expectMembers;

    @Option(
        names = "--expect-t",
        paramLabel = "T",
        description = "The threshold t announced in the hall (with --expect-members).")
    Integer expectT;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if ((expectMembers == null) != (expectT == null)) {
        throw new IllegalArgumentException(
            "give both --expect-members and --expect-t, or neither (then you are asked)");
      }
      MemberList announced =
          expectMembers == null ? null : MemberList.parse(expectMembers, expectT);
      IdentityFile.Unlocked u = home.unlock();
      String poll = target.poll(home);
      PrintWriter err = spec.commandLine().getErr();
      ListConfirmation confirm =
          (served, list) -> {
            err.print(MemberList.render(served, u.identity().signingPublicKey()));
            err.flush();
            if (announced != null) {
              ListConfirmation.exactly(announced).confirm(served, list);
            } else {
              confirmInTerminal(list);
            }
            err.println("Đã xác nhận danh sách / member list confirmed.");
          };
      MemberCeremony mc =
          new MemberCeremony(
              u.identity(),
              new SealedFileStateStore(home.stateDir(), u.vault()),
              target.transport(home),
              poll,
              new SecureRandom(),
              confirm);
      ProgressLine line = new ProgressLine(err);
      MemberState st = mc.run(Duration.ofMillis(interval), Duration.ofMinutes(minutes), line::show);
      line.end();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Ceremony finished for poll "
              + poll
              + ": you are member "
              + st.index()
              + " of "
              + st.n()
              + " (threshold "
              + st.t()
              + ").");
      out.println("Joint key K: " + st.jointKey().toHex());
      out.println(
          "Your secret share is stored encrypted under your passphrase in " + home.stateDir());
      return 0;
    }

    /**
     * Asks the member to confirm the list shown against the hall's; anything but yes refuses
     * (nothing is posted).
     */
    private static void confirmInTerminal(MemberList list) {
      Console c = System.console();
      if (c == null) {
        throw new CommitteeException(
            CommitteeException.Kind.CONFLICT,
            "member_list_unconfirmed",
            "không có terminal để xác nhận danh sách / no terminal to confirm the member list: give --expect-members "
                + "FP1,FP2,… --expect-t T (as announced in the hall); nothing posted");
      }
      if (!Decrypt.yes(
          c,
          "Danh sách "
              + list.fingerprints().size()
              + " thành viên, t = "
              + list.t()
              + " có khớp danh sách "
              + "công bố tại hội nghị (tên, dấu vân tay, thứ tự)? / Does this list of "
              + list.fingerprints().size()
              + " members, t = "
              + list.t()
              + ", match the one announced in the hall (names, fingerprints, order)? [c/K, y/N] ")) {
        throw ListConfirmation.refused(
            List.of("thành viên không xác nhận danh sách / the member did not confirm the list"));
      }
    }
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = {
        "After the poll closes: download the whole board and the server's signed closing statement, confirm its "
            + "number of ballots and head fingerprint against the figures announced in the hall, verify every ballot and the "
            + "chain yourself, recompute the aggregate yourself, and only then post your partial decryption of the totals "
            + "with proofs.",
        "Nothing but the aggregate of the one closed board you confirmed is ever decrypted; any other board for the same "
            + "poll is refused afterwards (the same board may be posted again).",
        "In a terminal you are asked to confirm each figure; scripts give them with --expect-ballots and --expect-head."
      })
  static final class Decrypt implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @CommandLine.Mixin Target target;

    @Option(
        names = "--expect-ballots",
        paramLabel = "N",
        description = "The number of ballots collected, as announced in the hall.")
    Long expectBallots;

    @Option(
        names = "--expect-head",
        paramLabel = "FINGERPRINT",
        description =
            "The head fingerprint shown on the public board (16 hex digits, e.g. \"1A2B 3C4D 5E6F 7081\"; more digits allowed).")
    String expectHead;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if ((expectBallots == null) != (expectHead == null)) {
        throw new IllegalArgumentException(
            "give both --expect-ballots and --expect-head, or neither (then you are asked)");
      }
      IdentityFile.Unlocked u = home.unlock();
      String poll = target.poll(home);
      SealedFileStateStore store = new SealedFileStateStore(home.stateDir(), u.vault());
      MemberState st =
          store
              .load(poll)
              .orElseThrow(
                  () ->
                      new IOException(
                          "no ceremony state for poll " + poll + " in " + home.stateDir()));
      CommitteeTransport t = target.transport(home);
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "Đang tải bảng tin của cuộc bỏ phiếu / downloading the board of poll " + poll + "...");
      TallyInput in = t.tallyInput(poll);
      ClosingStatement cs = MemberDecryptor.closing(st, in);
      err.println("Biên bản khoá sổ (đã kiểm tra chữ ký) / closing statement (signature checked):");
      err.println("  Số phiếu đã thu / ballots collected:           " + cs.count());
      err.println("  Dấu vân tay bảng tin / head fingerprint:       " + cs.headFingerprint());
      MemberDecryptor.Announced announced =
          expectBallots != null
              ? new MemberDecryptor.Announced(expectBallots, expectHead)
              : confirmInTerminal(cs);
      err.println(
          "Verifying "
              + in.lines().size()
              + " ballots (ballot version "
              + in.version()
              + "), the chain and every proof...");
      long t0 = System.nanoTime();
      MemberDecryptor.Result r =
          MemberDecryptor.decryptOnce(u.identity(), store, in, announced, new SecureRandom());
      err.printf(
          "Board verified in %.1f s; aggregate recomputed.%n", (System.nanoTime() - t0) / 1e9);
      t.decryption(poll, r.partial());
      spec.commandLine()
          .getOut()
          .println(
              "Posted the partial decryption of member "
                  + st.index()
                  + " for "
                  + r.count()
                  + " ballots, head "
                  + cs.headFingerprint()
                  + " ("
                  + r.partial().shares().size()
                  + " labels, each with a proof).");
      return 0;
    }

    /**
     * Asks the member to confirm each figure against the hall's; a "no" refuses, naming that
     * figure.
     */
    private static MemberDecryptor.Announced confirmInTerminal(ClosingStatement cs)
        throws IOException, BoardRejectedException {
      Console c = System.console();
      if (c == null) {
        throw new IOException(
            "no terminal to confirm the figures: give --expect-ballots N --expect-head FINGERPRINT");
      }
      List<BoardFinding> differ = new ArrayList<>();
      if (!yes(
          c,
          "Số phiếu "
              + cs.count()
              + " có khớp số phiếu đã thu công bố tại hội nghị? / Does "
              + cs.count()
              + " match the ballots collected announced in the hall? [c/k, y/n] ")) {
        differ.add(
            BoardFinding.failed(
                0,
                CheckId.V12,
                "ballots",
                "thành viên không xác nhận số phiếu "
                    + cs.count()
                    + " — the member did not confirm the number of ballots "
                    + cs.count()));
      }
      if (!yes(
          c,
          "Dấu vân tay "
              + cs.headFingerprint()
              + " có khớp dấu vân tay trên bảng tin công khai? / Does "
              + cs.headFingerprint()
              + " match the head fingerprint on the public board? [c/k, y/n] ")) {
        differ.add(
            BoardFinding.failed(
                0,
                CheckId.V12,
                "head",
                "thành viên không xác nhận dấu vân tay "
                    + cs.headFingerprint()
                    + " — the member did not confirm the head fingerprint "
                    + cs.headFingerprint()));
      }
      if (!differ.isEmpty()) {
        throw new BoardRejectedException(differ);
      }
      return MemberDecryptor.Announced.of(cs);
    }

    static boolean yes(Console c, String question) {
      String a = c.readLine("%s", question);
      return a != null
          && List.of("c", "có", "co", "y", "yes")
              .contains(a.strip().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show your identity, and where the poll's ceremony stands on the server (no passphrase needed).")
  static final class Status implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @CommandLine.Mixin Target target;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.exists(home.identityFile())) {
        out.println("No identity at " + home.identityFile() + " (run 'cvote-committee init').");
        return 0;
      }
      IdentityFile.Content c = IdentityFile.readPublic(home.identityFile());
      out.println("Identity:    " + c.name() + "  fingerprint " + c.fingerprint());
      if (target.poll == null && home.polls().getProperty("current") == null) {
        out.println("No poll joined yet.");
        return 0;
      }
      String poll = target.poll(home);
      out.println("Poll:        " + poll);
      CeremonyState s = target.transport(home).ceremony(poll);
      out.println(
          "Ceremony:    "
              + s.phase()
              + " (attempt "
              + s.attempt()
              + ", n="
              + s.n()
              + ", t="
              + s.t()
              + ")");
      if (!s.members()
          .isEmpty()) { // the list to compare with the one announced in the hall (docs/protocol.md
        // §8.7)
        out.print(MemberList.render(s, c.signingPublicKey()));
      }
      var me = s.memberByKey(c.signingPublicKey());
      out.println(
          "You:         "
              + me.map(m -> "member " + m.index()).orElse("not on the approved committee (yet)"));
      out.printf(
          "Progress:    commits %d/%d, reveals %d/%d, shares %d/%d, confirmations %d/%d%n",
          s.commits().size(),
          s.n(),
          s.reveals().size(),
          s.n(),
          s.shares().size(),
          s.n() * Math.max(0, s.n() - 1),
          s.confirmations().size(),
          s.n());
      for (var k : s.complaints()) { // docs/protocol.md §8.8
        String answer =
            s.answer(k.accused(), k.member())
                .map(
                    a ->
                        org.cvote.committee.ceremony.CeremonyCoordinator.answerChecks(s, a)
                            ? "answered, the share checks: dismissed"
                            : "answered, the share fails: upheld")
                .orElse("not answered yet");
        out.println(
            "Complaint:   member "
                + k.member()
                + " about member "
                + k.accused()
                + " ("
                + k.reason()
                + "): "
                + answer);
      }
      if (s.failure() != null) {
        out.println("Failure:     " + s.failure().reason());
      }
      if (s.jointKey() != null && s.phase() == org.cvote.committee.ceremony.Phase.DONE) {
        out.println("Joint key:   " + s.jointKey().toHex());
      }
      out.println(
          "Local state: "
              + (Files.exists(new SealedFileStateStore(home.stateDir(), null).file(poll))
                  ? "present (encrypted)"
                  : "none"));
      return 0;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Write your identity and your ceremony state of every poll you joined into one file "
            + "(cvote-committee-identity/2, sealed under your passphrase): the backup, and what the committee page imports.",
        "Xuất khoá và trạng thái vào một tệp (mã hoá bằng mật khẩu): bản sao lưu, trang ban kiểm phiếu nhập được."
      })
  static final class Export implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the file.")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.exists(home.identityFile())) {
        throw new IOException(
            "no identity at "
                + home.identityFile()
                + ": run 'cvote-committee init' or 'import' first");
      }
      char[] pass = home.passphrase(false);
      org.cvote.committee.identity.PortableIdentity.Opened o =
          IdentityFile.openWithPolls(home.identityFile(), pass);
      SealedFileStateStore store = new SealedFileStateStore(home.stateDir(), o.vault());
      List<org.cvote.committee.identity.PortableIdentity.Poll> polls = new ArrayList<>();
      Properties known = home.polls();
      for (String key : new java.util.TreeSet<>(known.stringPropertyNames())) {
        if (key.startsWith("poll.")) {
          String poll = key.substring(5);
          var state =
              store
                  .load(poll)
                  .map(
                      st ->
                          (com.fasterxml.jackson.databind.JsonNode)
                              org.cvote.committee.CommitteeJson.mapper().valueToTree(st))
                  .orElse(null);
          polls.add(
              new org.cvote.committee.identity.PortableIdentity.Poll(
                  poll, known.getProperty(key), state, null));
        }
      }
      KdfParams cost = o.kdf();
      IdentityFile.write(
          file,
          o.identity(),
          polls,
          pass,
          KdfParams.withCost(cost.memoryKiB(), cost.iterations(), new SecureRandom()));
      Arrays.fill(pass, '\0');
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Exported "
              + o.identity().name()
              + " ("
              + o.identity().fingerprint()
              + ") with "
              + polls.size()
              + " poll(s) to "
              + file);
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Take an identity file (a backup, or the file downloaded from the committee page) as your identity here, "
            + "with the ceremony state of its polls, so you go on with this tool where you stopped.",
        "Nhập tệp khoá (bản sao lưu, hoặc tệp tải từ trang ban kiểm phiếu) để tiếp tục bằng công cụ này."
      })
  static final class Import implements Callable<Integer> {
    @CommandLine.Mixin Home home;

    @Parameters(
        index = "0",
        paramLabel = "FILE",
        description = "The identity file (format 2, or this tool's first format).")
    Path file;

    @Option(
        names = "--force",
        description =
            "Replace an existing identity with other keys (its ceremony state becomes unusable).")
    boolean force;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      char[] pass = home.passphrase(false);
      org.cvote.committee.identity.PortableIdentity.Opened in =
          IdentityFile.openWithPolls(file, pass);
      // Keep the states already here when the keys are the same (they are re-sealed under the new
      // file's salt).
      List<MemberState> kept = new ArrayList<>();
      if (Files.exists(home.identityFile())) {
        IdentityFile.Content here = IdentityFile.readPublic(home.identityFile());
        if (!Arrays.equals(here.signingPublicKey(), in.identity().signingPublicKey())) {
          if (!force) {
            throw new IOException(
                "another identity ("
                    + here.fingerprint()
                    + ") is already at "
                    + home.identityFile()
                    + "; use --force to replace it");
          }
        } else {
          IdentityFile.Unlocked old = home.unlockWith(pass);
          SealedFileStateStore oldStore = new SealedFileStateStore(home.stateDir(), old.vault());
          for (String key : home.polls().stringPropertyNames()) {
            if (key.startsWith("poll.")) {
              oldStore.load(key.substring(5)).ifPresent(kept::add);
            }
          }
        }
      }
      KdfParams cost = in.kdf();
      IdentityFile.Unlocked u =
          IdentityFile.write(
              home.identityFile(),
              in.identity(),
              List.of(),
              pass,
              KdfParams.withCost(cost.memoryKiB(), cost.iterations(), new SecureRandom()));
      Arrays.fill(pass, '\0');
      SealedFileStateStore store = new SealedFileStateStore(home.stateDir(), u.vault());
      kept.forEach(store::save);
      for (var p : in.polls()) {
        if (p.state() != null) {
          MemberState st =
              org.cvote.committee.CommitteeJson.mapper().treeToValue(p.state(), MemberState.class);
          if (!p.pollId().equals(st.pollId())) {
            throw new IOException(
                file + ": the state of poll " + p.pollId() + " names poll " + st.pollId());
          }
          store.save(st);
        }
        if (p.server() != null) {
          home.rememberPoll(p.pollId(), p.server());
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Imported " + in.identity().name() + " into " + home.identityFile() + ".");
      out.println("Fingerprint / Dấu vân tay: " + in.identity().fingerprint());
      for (var p : in.polls()) {
        out.println(
            "Poll "
                + p.pollId()
                + (p.server() == null ? "" : " at " + p.server())
                + ": "
                + (p.state() == null
                    ? "joined, no ceremony state yet"
                    : "ceremony state imported"));
      }
      return 0;
    }
  }

  /** One line rewritten in place on a terminal; one line per change otherwise. */
  static final class ProgressLine {
    private final PrintWriter err;
    private final boolean tty = System.console() != null;
    private String last = "";
    private int spin;

    ProgressLine(PrintWriter err) {
      this.err = err;
    }

    void show(Progress p) {
      String msg = p.toString();
      if (tty) {
        err.print(
            "\r"
                + "|/-\\".charAt(spin++ % 4)
                + " "
                + msg
                + " ".repeat(Math.max(0, last.length() - msg.length())));
        err.flush();
      } else if (!msg.equals(last)) {
        err.println(java.time.LocalTime.now().withNano(0) + " " + msg);
        err.flush();
      }
      last = msg;
    }

    void end() {
      if (tty) {
        err.println();
      }
    }
  }
}
