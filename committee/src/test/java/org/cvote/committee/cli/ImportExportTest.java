package org.cvote.committee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.cvote.committee.ceremony.MemberState;
import org.cvote.committee.ceremony.SealedFileStateStore;
import org.cvote.committee.identity.IdentityFile;
import org.cvote.committee.identity.PortableIdentity;
import org.cvote.crypto.group.Point;
import org.cvote.crypto.group.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cvote-committee export} / {@code import}: a home of the first format moves to another
 * through one v2 file.
 */
class ImportExportTest {
  @TempDir Path dir;

  private Path pass(String p) throws Exception {
    Path f = dir.resolve("pass-" + p.hashCode());
    Files.writeString(f, p + "\n", StandardCharsets.UTF_8);
    return f;
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void anOldHomeExportsAndImportsWithItsState() throws Exception {
    Path old = dir.resolve("old");
    copy(Path.of("src/test/resources/identity-v1"), old);
    Path pf = pass("mật khẩu cũ v1");
    Path backup = dir.resolve("backup.json");
    assertEquals(
        0,
        CommitteeCli.run(
            "export",
            "--home",
            old.toString(),
            "--passphrase-file",
            pf.toString(),
            backup.toString()));
    assertTrue(PortableIdentity.isOne(Files.readAllBytes(backup)));

    Path fresh = dir.resolve("fresh");
    assertEquals(
        0,
        CommitteeCli.run(
            "import",
            "--home",
            fresh.toString(),
            "--passphrase-file",
            pf.toString(),
            backup.toString()));
    IdentityFile.Unlocked u =
        IdentityFile.open(fresh.resolve("identity.json"), "mật khẩu cũ v1".toCharArray());
    assertEquals("23fb-f1c0-200b-4433-bc68-63ba-2563-56ee", u.identity().fingerprint());
    assertTrue(
        PortableIdentity.isOne(Files.readAllBytes(fresh.resolve("identity.json"))),
        "the home is written as v2");
    MemberState st =
        new SealedFileStateStore(fresh.resolve("state"), u.vault()).load("poll-v1").orElseThrow();
    assertEquals(Point.baseMul(Scalar.of(123456789L)), st.ownPublicShare());
    Properties polls = new Properties();
    try (var r = Files.newBufferedReader(fresh.resolve("polls.properties"))) {
      polls.load(r);
    }
    assertEquals("http://localhost:9", polls.getProperty("poll.poll-v1"));

    // importing the same file again keeps the state; another identity is refused without --force
    assertEquals(
        0,
        CommitteeCli.run(
            "import",
            "--home",
            fresh.toString(),
            "--passphrase-file",
            pf.toString(),
            backup.toString()));
    Path other = dir.resolve("other");
    assertEquals(
        0,
        CommitteeCli.run(
            "init",
            "--home",
            other.toString(),
            "--passphrase-file",
            pf.toString(),
            "--name",
            "Khác",
            "--kdf-memory",
            "1024",
            "--kdf-iterations",
            "1"));
    assertEquals(
        1,
        CommitteeCli.run(
            "import",
            "--home",
            other.toString(),
            "--passphrase-file",
            pf.toString(),
            backup.toString()));
    assertTrue(
        !IdentityFile.readPublic(other.resolve("identity.json"))
            .fingerprint()
            .equals(u.identity().fingerprint()));
    // a wrong passphrase imports nothing
    Path empty = dir.resolve("empty");
    assertEquals(
        1,
        CommitteeCli.run(
            "import",
            "--home",
            empty.toString(),
            "--passphrase-file",
            pass("không phải mật khẩu").toString(),
            backup.toString()));
    assertTrue(!Files.exists(empty.resolve("identity.json")));
  }
}
