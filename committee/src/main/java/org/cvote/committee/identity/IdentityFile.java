package org.cvote.committee.identity;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import org.cvote.crypto.json.ProtocolJson;

/**
 * The member's identity file. Written as {@link PortableIdentity} ({@code
 * cvote-committee-identity/2}: raw keys sealed under Argon2id → AES-256-GCM, readable by the
 * committee page); the first format, still read, holds both Tink keysets encrypted under the
 * passphrase-derived AEAD ({@link Vault}). Either way the Argon2id salt and parameters and the
 * public keys are in clear and no plaintext key material. Written atomically (temp file + move).
 */
public final class IdentityFile {
  /** The first format (Tink keysets), read only. */
  public static final String FORMAT = "cvote-committee-identity/1";

  private static final byte[] AD_HPKE = "cvote/v1/identity/hpke".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AD_SIGNING =
      "cvote/v1/identity/signing".getBytes(StandardCharsets.UTF_8);

  /** The file's JSON shape. */
  @JsonPropertyOrder({
    "format",
    "name",
    "kdf",
    "hpkePublicKey",
    "signingPublicKey",
    "fingerprint",
    "hpke",
    "signing"
  })
  public record Content(
      String format,
      String name,
      KdfParams kdf,
      byte[] hpkePublicKey,
      byte[] signingPublicKey,
      String fingerprint,
      String hpke,
      String signing) {}

  /** An opened identity and the vault its passphrase unlocks (to seal ceremony state). */
  public record Unlocked(MemberIdentity identity, Vault vault) {}

  private IdentityFile() {}

  /**
   * Writes a v2 file ({@link PortableIdentity}) with no poll yet; the vault seals the ceremony
   * state files.
   */
  public static Unlocked create(
      Path file, MemberIdentity identity, char[] passphrase, KdfParams kdf) throws IOException {
    return write(file, identity, java.util.List.of(), passphrase, kdf);
  }

  /** Writes a v2 file holding these polls (export, import). */
  public static Unlocked write(
      Path file,
      MemberIdentity identity,
      java.util.List<PortableIdentity.Poll> polls,
      char[] passphrase,
      KdfParams kdf)
      throws IOException {
    Objects.requireNonNull(identity, "identity");
    PortableIdentity.checkPassphrase(passphrase);
    writeAtomically(
        file,
        PortableIdentity.seal(identity, polls, passphrase, kdf, new java.security.SecureRandom()));
    return new Unlocked(identity, Vault.unlock(PortableIdentity.nfc(passphrase), kdf));
  }

  /** Reads the public part only (no passphrase needed): name, keys, fingerprint. */
  public static Content readPublic(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (PortableIdentity.isOne(bytes)) {
      var f = ProtocolJson.mapper().readTree(bytes);
      byte[] hpk = java.util.HexFormat.of().parseHex(f.path("hpkePublicKey").asText());
      byte[] spk = java.util.HexFormat.of().parseHex(f.path("signingPublicKey").asText());
      // the fingerprint shown before unlocking is recomputed, never the file's word for it
      String fingerprint = PublicKeys.fingerprint(hpk, spk);
      if (!fingerprint.equals(f.path("fingerprint").asText())) {
        throw new IOException(
            file + ": the fingerprint in clear is not that of the public keys (file altered?)");
      }
      return new Content(
          PortableIdentity.FORMAT,
          f.path("name").asText(),
          ProtocolJson.mapper().treeToValue(f.get("kdf"), KdfParams.class),
          hpk,
          spk,
          fingerprint,
          null,
          null);
    }
    Content c = ProtocolJson.mapper().readValue(bytes, Content.class);
    if (!FORMAT.equals(c.format())) {
      throw new IOException(
          file + " is not a cvote committee identity file (format " + c.format() + ")");
    }
    return c;
  }

  /**
   * Opens the file; a wrong passphrase is a {@link WrongPassphraseException} with a clear message.
   */
  public static Unlocked open(Path file, char[] passphrase)
      throws IOException, WrongPassphraseException {
    byte[] bytes = Files.readAllBytes(file);
    if (PortableIdentity.isOne(bytes)) {
      PortableIdentity.Opened o = openPortable(file, bytes, passphrase);
      return new Unlocked(o.identity(), o.vault());
    }
    Content c = readPublic(file);
    Vault vault = Vault.unlock(passphrase, c.kdf());
    Tinks.init();
    KeysetHandle hpke;
    KeysetHandle signing;
    try {
      hpke = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(c.hpke(), vault.aead(), AD_HPKE);
    } catch (GeneralSecurityException e) {
      throw new WrongPassphraseException(
          "wrong passphrase for "
              + file
              + " (or the file was altered): the keys cannot be decrypted");
    }
    try {
      signing =
          TinkJsonProtoKeysetFormat.parseEncryptedKeyset(c.signing(), vault.aead(), AD_SIGNING);
      MemberIdentity id = new MemberIdentity(c.name(), hpke, signing);
      if (!Arrays.equals(id.hpkePublicKey(), c.hpkePublicKey())
          || !Arrays.equals(id.signingPublicKey(), c.signingPublicKey())) {
        throw new IOException(
            file + ": the public keys in the file do not match its encrypted keys");
      }
      return new Unlocked(id, vault);
    } catch (GeneralSecurityException e) {
      throw new WrongPassphraseException(
          "the signing key in " + file + " cannot be decrypted (file altered?)");
    }
  }

  /**
   * Opens either format with its polls: a v1 file has none in it (its states are the files beside
   * it).
   */
  public static PortableIdentity.Opened openWithPolls(Path file, char[] passphrase)
      throws IOException, WrongPassphraseException {
    byte[] bytes = Files.readAllBytes(file);
    if (PortableIdentity.isOne(bytes)) {
      return openPortable(file, bytes, passphrase);
    }
    Unlocked u = open(file, passphrase);
    return new PortableIdentity.Opened(
        u.identity(), u.vault(), readPublic(file).kdf(), java.util.List.of());
  }

  private static PortableIdentity.Opened openPortable(Path file, byte[] bytes, char[] passphrase)
      throws IOException, WrongPassphraseException {
    try {
      return PortableIdentity.open(bytes, passphrase);
    } catch (WrongPassphraseException e) {
      throw new WrongPassphraseException(
          "wrong passphrase for "
              + file
              + " (or the file was altered): the keys cannot be decrypted");
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
