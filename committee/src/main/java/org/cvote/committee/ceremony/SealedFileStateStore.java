package org.cvote.committee.ceremony;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.cvote.committee.CommitteeJson;
import org.cvote.committee.identity.Vault;
import org.cvote.committee.identity.WrongPassphraseException;

/**
 * Member state in one file per poll, {@code <dir>/<sha-256 of pollId>.state}, encrypted with the
 * member's vault (AES-256-GCM, associated data bound to the poll id) and replaced atomically.
 */
public final class SealedFileStateStore implements MemberStateStore {
  private final Path dir;
  private final Vault vault;

  public SealedFileStateStore(Path dir, Vault vault) {
    this.dir = dir;
    this.vault = vault;
  }

  public Path file(String pollId) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(pollId.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(java.util.HexFormat.of().formatHex(h, 0, 16) + ".state");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<MemberState> load(String pollId) {
    Path f = file(pollId);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    try {
      byte[] plain = vault.open(Files.readAllBytes(f), "member-state/" + pollId);
      try {
        return Optional.of(CommitteeJson.mapper().readValue(plain, MemberState.class));
      } finally {
        java.util.Arrays.fill(plain, (byte) 0); // the opened JSON holds the secret share in hex
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (WrongPassphraseException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public void save(MemberState state) {
    try {
      byte[] plain = CommitteeJson.mapper().writeValueAsBytes(state);
      byte[] sealed = vault.seal(plain, "member-state/" + state.pollId);
      java.util.Arrays.fill(plain, (byte) 0);
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
      try {
        Files.write(tmp, sealed);
        Files.move(
            tmp,
            file(state.pollId),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
