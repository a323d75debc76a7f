package org.cvote.server.secret;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The master Tink AEAD keyset (AES256_GCM). It lives in a file outside the database so that a copy
 * of the database alone reveals no secret; it is created on first start, readable by the owner
 * only. Back it up separately from the data folder: without it the poll keys are lost.
 */
public final class MasterKey {
  private static final System.Logger LOG = System.getLogger(MasterKey.class.getName());

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private MasterKey() {}

  /** Loads the keyset at {@code path}, creating it (mode 0600) if absent. */
  public static SecretBox loadOrCreate(Path path) {
    try {
      if (!Files.exists(path)) {
        create(path);
      }
      String json = Files.readString(path, StandardCharsets.UTF_8);
      KeysetHandle handle =
          TinkJsonProtoKeysetFormat.parseKeyset(
              json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
      return new SecretBox(handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read master keyset " + path, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "master keyset " + path + " is not a valid Tink AEAD keyset", e);
    }
  }

  private static void create(Path path) throws IOException, GeneralSecurityException {
    KeysetHandle handle =
        KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get());
    String json =
        TinkJsonProtoKeysetFormat.serializeKeyset(
            handle, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    if (path.toAbsolutePath().getParent() != null) {
      Files.createDirectories(path.toAbsolutePath().getParent());
    }
    try {
      // Created with owner-only permissions from the start, never widened then narrowed.
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(path);
    } catch (FileAlreadyExistsException e) {
      return; // another process won the race; use its key
    }
    Files.writeString(path, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    LOG.log(
        System.Logger.Level.INFO,
        "created master keyset " + path + " (back it up: the database is useless without it)");
  }
}
