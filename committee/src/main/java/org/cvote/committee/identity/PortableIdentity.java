package org.cvote.committee.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.cvote.crypto.json.ProtocolJson;

/**
 * The identity-and-state file shared by the CLI and the committee page ({@code
 * cvote-committee-identity/2}, committee/API.md §5.1): the raw key bytes and the member's ceremony
 * state per poll in one JSON plaintext, sealed with AES-256-GCM under an Argon2id key derived from
 * the NFC-normalised passphrase, the Argon2id parameters, the nonce and the public keys in clear.
 * Only primitives a browser has (Argon2id in JavaScript, WebCrypto AES-GCM), no Tink keyset, so the
 * page and the CLI read each other's files.
 */
public final class PortableIdentity {
  public static final String FORMAT = "cvote-committee-identity/2";
  public static final String CIPHER = "aes-256-gcm";

  /**
   * The AES-GCM associated data: the format name, so no other file sealed under the same key opens
   * as this.
   */
  static final byte[] AD = FORMAT.getBytes(StandardCharsets.UTF_8);

  private static final HexFormat HEX = HexFormat.of();

  /**
   * The state the member keeps for one poll: the server it joined and its sealed ceremony state
   * (JSON), if any.
   */
  public record Poll(String pollId, String server, JsonNode state, JsonNode browser) {
    public Poll {
      if (pollId == null || pollId.isEmpty()) {
        throw new IllegalArgumentException("polls[].pollId is missing");
      }
    }
  }

  /**
   * An opened file: the identity, the vault the same key opens (the CLI's state files), and the
   * polls.
   */
  public record Opened(MemberIdentity identity, Vault vault, KdfParams kdf, List<Poll> polls) {
    public Opened {
      polls = List.copyOf(polls);
    }
  }

  private PortableIdentity() {}

  /** Seals with a fresh salt (of {@code kdf}'s cost) and a fresh nonce. */
  public static byte[] seal(
      MemberIdentity id, List<Poll> polls, char[] passphrase, KdfParams kdf, SecureRandom rng) {
    byte[] nonce = new byte[12];
    rng.nextBytes(nonce);
    return seal(plaintext(id, polls), id, passphrase, kdf, nonce);
  }

  /** The plaintext JSON (UTF-8): {@code {"name","x25519PrivateKey","ed25519Seed","polls":[…]}}. */
  static byte[] plaintext(MemberIdentity id, List<Poll> polls) {
    ObjectMapper m = ProtocolJson.mapper();
    ObjectNode o = m.createObjectNode();
    byte[][] secret = id.privateKeyMaterial();
    o.put("name", id.name());
    o.put("x25519PrivateKey", HEX.formatHex(secret[0]));
    o.put("ed25519Seed", HEX.formatHex(secret[1]));
    ArrayNode arr = o.putArray("polls");
    for (Poll p : polls) {
      ObjectNode e = arr.addObject();
      e.put("pollId", p.pollId());
      if (p.server() != null) {
        e.put("server", p.server());
      }
      if (p.state() != null) {
        e.set("state", p.state());
      }
      if (p.browser() != null) {
        e.set("browser", p.browser());
      }
    }
    try {
      return m.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(secret[0], (byte) 0);
      Arrays.fill(secret[1], (byte) 0);
    }
  }

  /** Seals given plaintext bytes with a given nonce (the cross-language test vector fixes both). */
  static byte[] seal(
      byte[] plaintext, MemberIdentity id, char[] passphrase, KdfParams kdf, byte[] nonce) {
    checkPassphrase(passphrase);
    byte[] key = kdf.derive(nfc(passphrase));
    try {
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, plaintext);
      ObjectNode o = ProtocolJson.mapper().createObjectNode();
      o.put("format", FORMAT);
      o.put("name", id.name());
      o.put("hpkePublicKey", HEX.formatHex(id.hpkePublicKey()));
      o.put("signingPublicKey", HEX.formatHex(id.signingPublicKey()));
      o.put("fingerprint", id.fingerprint());
      o.set("kdf", ProtocolJson.mapper().valueToTree(kdf));
      o.put("cipher", CIPHER);
      o.put("nonce", HEX.formatHex(nonce));
      o.put("sealed", HEX.formatHex(sealed));
      return ProtocolJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(o);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal the identity file", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * True if the bytes are a v2 file (by its {@code format}); false for anything else, the v1 file
   * included.
   */
  public static boolean isOne(byte[] file) {
    try {
      JsonNode f = ProtocolJson.mapper().readTree(file);
      return f != null && FORMAT.equals(f.path("format").asText(null));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Opens a v2 file; a wrong passphrase (or any change to the sealed part) is a {@link
   * WrongPassphraseException}.
   */
  public static Opened open(byte[] file, char[] passphrase)
      throws IOException, WrongPassphraseException {
    JsonNode f = ProtocolJson.mapper().readTree(file);
    if (f == null || !FORMAT.equals(f.path("format").asText(null))) {
      throw new IOException("not a " + FORMAT + " file");
    }
    if (!CIPHER.equals(text(f, "cipher"))) {
      throw new IOException("cipher: only " + CIPHER + " is supported");
    }
    KdfParams kdf = ProtocolJson.mapper().treeToValue(field(f, "kdf"), KdfParams.class);
    byte[] nonce = hex(f, "nonce");
    if (nonce.length != 12) {
      throw new IOException("nonce: 12 bytes expected");
    }
    byte[] key = kdf.derive(nfc(passphrase));
    byte[] plain;
    try {
      plain = gcm(Cipher.DECRYPT_MODE, key, nonce, hex(f, "sealed"));
    } catch (GeneralSecurityException e) {
      Arrays.fill(key, (byte) 0);
      throw new WrongPassphraseException(
          "wrong passphrase (or the file was altered): the identity file cannot be decrypted");
    }
    Vault vault = Vault.ofKey(key);
    Arrays.fill(key, (byte) 0);
    try {
      JsonNode p = ProtocolJson.mapper().readTree(plain);
      byte[] xPriv = hex(p, "x25519PrivateKey");
      byte[] seed = hex(p, "ed25519Seed");
      MemberIdentity id = MemberIdentity.fromRaw(text(p, "name"), xPriv, seed);
      Arrays.fill(xPriv, (byte) 0);
      Arrays.fill(seed, (byte) 0);
      if (!Arrays.equals(id.hpkePublicKey(), hex(f, "hpkePublicKey"))
          || !Arrays.equals(id.signingPublicKey(), hex(f, "signingPublicKey"))
          || !id.name().equals(text(f, "name"))
          || !id.fingerprint().equals(text(f, "fingerprint"))) {
        throw new IOException(
            "the public keys or the name in clear do not match the sealed identity (file altered?)");
      }
      List<Poll> polls = new ArrayList<>();
      JsonNode arr = p.path("polls");
      if (!arr.isMissingNode() && !arr.isArray()) {
        throw new IOException("polls: an array expected");
      }
      for (JsonNode e : arr) {
        JsonNode server = e.get("server");
        JsonNode state = e.get("state");
        JsonNode browser = e.get("browser");
        polls.add(
            new Poll(
                e.path("pollId").asText(null),
                server == null || server.isNull() ? null : server.asText(),
                state == null || state.isNull() ? null : state,
                browser == null || browser.isNull() ? null : browser));
      }
      return new Opened(id, vault, kdf, polls);
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "the keys in the identity file are not valid X25519/Ed25519 keys: " + e.getMessage(), e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** The plaintext of a file (tests and the cross-language vector). */
  static byte[] openPlaintext(byte[] file, char[] passphrase)
      throws IOException, GeneralSecurityException {
    JsonNode f = ProtocolJson.mapper().readTree(file);
    KdfParams kdf = ProtocolJson.mapper().treeToValue(field(f, "kdf"), KdfParams.class);
    byte[] key = kdf.derive(nfc(passphrase));
    try {
      return gcm(Cipher.DECRYPT_MODE, key, hex(f, "nonce"), hex(f, "sealed"));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  static void checkPassphrase(char[] passphrase) {
    if (passphrase == null || passphrase.length < 8) {
      throw new IllegalArgumentException("the passphrase must have at least 8 characters");
    }
  }

  /**
   * Unicode NFC, so a passphrase typed on another keyboard (composed or decomposed Vietnamese
   * marks) gives the same key.
   */
  static char[] nfc(char[] passphrase) {
    return Normalizer.normalize(
            java.nio.CharBuffer.wrap(Objects.requireNonNull(passphrase, "passphrase")),
            Normalizer.Form.NFC)
        .toCharArray();
  }

  private static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] input)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(AD);
    return c.doFinal(input);
  }

  private static JsonNode field(JsonNode n, String name) throws IOException {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      throw new IOException(name + " is missing");
    }
    return v;
  }

  private static String text(JsonNode n, String name) throws IOException {
    JsonNode v = field(n, name);
    if (!v.isTextual()) {
      throw new IOException(name + ": a string expected");
    }
    return v.asText();
  }

  private static byte[] hex(JsonNode n, String name) throws IOException {
    String s = text(n, name);
    if (!s.matches("([0-9a-f]{2})*")) {
      throw new IOException(name + ": lowercase hex expected");
    }
    return HEX.parseHex(s);
  }
}
