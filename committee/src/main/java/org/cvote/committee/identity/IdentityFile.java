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
 * The member's identity file: both Tink keysets encrypted under the passphrase-derived AEAD
 * ({@link Vault}), with the Argon2id salt and parameters and the public keys in clear. It holds no
 * plaintext key material. Written atomically (temp file + move).
 */
public final class IdentityFile {
    public static final String FORMAT = "cvote-committee-identity/1";
    private static final byte[] AD_HPKE = "cvote/v1/identity/hpke".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AD_SIGNING = "cvote/v1/identity/signing".getBytes(StandardCharsets.UTF_8);

    /** The file's JSON shape. */
    @JsonPropertyOrder({"format", "name", "kdf", "hpkePublicKey", "signingPublicKey", "fingerprint", "hpke", "signing"})
    public record Content(String format, String name, KdfParams kdf, byte[] hpkePublicKey, byte[] signingPublicKey,
                          String fingerprint, String hpke, String signing) {}

    /** An opened identity and the vault its passphrase unlocks (to seal ceremony state). */
    public record Unlocked(MemberIdentity identity, Vault vault) {}

    private IdentityFile() {}

    public static Unlocked create(Path file, MemberIdentity identity, char[] passphrase, KdfParams kdf) throws IOException {
        Objects.requireNonNull(identity, "identity");
        if (passphrase == null || passphrase.length < 8) {
            throw new IllegalArgumentException("the passphrase must have at least 8 characters");
        }
        Vault vault = Vault.unlock(passphrase, kdf);
        try {
            Content c = new Content(FORMAT, identity.name(), kdf, identity.hpkePublicKey(), identity.signingPublicKey(),
                    identity.fingerprint(),
                    TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(identity.hpkeKeyset(), vault.aead(), AD_HPKE),
                    TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(identity.signingKeyset(), vault.aead(), AD_SIGNING));
            writeAtomically(file, ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(c));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the keysets", e);
        }
        return new Unlocked(identity, vault);
    }

    /** Reads the public part only (no passphrase needed): name, keys, fingerprint. */
    public static Content readPublic(Path file) throws IOException {
        Content c = ProtocolJson.mapper().readValue(file.toFile(), Content.class);
        if (!FORMAT.equals(c.format())) {
            throw new IOException(file + " is not a cvote committee identity file (format " + c.format() + ")");
        }
        return c;
    }

    /** Opens the file; a wrong passphrase is a {@link WrongPassphraseException} with a clear message. */
    public static Unlocked open(Path file, char[] passphrase) throws IOException, WrongPassphraseException {
        Content c = readPublic(file);
        Vault vault = Vault.unlock(passphrase, c.kdf());
        Tinks.init();
        KeysetHandle hpke;
        KeysetHandle signing;
        try {
            hpke = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(c.hpke(), vault.aead(), AD_HPKE);
        } catch (GeneralSecurityException e) {
            throw new WrongPassphraseException("wrong passphrase for " + file
                    + " (or the file was altered): the keys cannot be decrypted");
        }
        try {
            signing = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(c.signing(), vault.aead(), AD_SIGNING);
            MemberIdentity id = new MemberIdentity(c.name(), hpke, signing);
            if (!Arrays.equals(id.hpkePublicKey(), c.hpkePublicKey()) || !Arrays.equals(id.signingPublicKey(), c.signingPublicKey())) {
                throw new IOException(file + ": the public keys in the file do not match its encrypted keys");
            }
            return new Unlocked(id, vault);
        } catch (GeneralSecurityException e) {
            throw new WrongPassphraseException("the signing key in " + file + " cannot be decrypted (file altered?)");
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
