package org.cvote.server.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cvote.crypto.encoding.Hex;
import org.cvote.crypto.token.PreparedToken;
import org.cvote.crypto.token.TokenIssuer;
import org.cvote.crypto.token.TokenKeyPair;
import org.cvote.crypto.token.TokenVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 9474 interop between the browser library (@cloudflare/blindrsa-ts, run by Node) and the Java
 * side: JS prepares and blinds, Java blind-signs, JS finalizes, Java verifies the token as the cast
 * route does.
 */
class BlindRsaNodeInteropTest {
  private static final Path WEB = Path.of("src/main/web");
  private static final SecureRandom RNG = new SecureRandom();
  private static TokenKeyPair keys;

  @BeforeAll
  static void keys() {
    keys = TokenKeyPair.generate(RNG);
  }

  private static String node(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("node", "test/interop-cli.mjs"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(WEB.toFile()).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("node failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  private static boolean nodeReady() {
    return Files.isDirectory(WEB.resolve("node_modules/@cloudflare/blindrsa-ts"));
  }

  @Test
  void browserBlindsJavaSignsBrowserFinalizesJavaVerifies(@TempDir Path tmp) throws Exception {
    assumeTrue(
        nodeReady(), "npm dependencies not installed (the build's npm ci step installs them)");
    String pollId = "p-interop-Hà-Nội";
    String spki = Hex.encode(keys.publicKey().toSpki());
    ObjectMapper m = new ObjectMapper();
    JsonNode state = m.readTree(node("blind", pollId, spki));
    byte[] blindSig =
        TokenIssuer.create(keys).blindSign(Hex.decode(state.get("blindedMsg").asText()));
    Path stateFile = tmp.resolve("state.json");
    Files.writeString(stateFile, state.toString());
    JsonNode token = m.readTree(node("finalize", stateFile.toString(), Hex.encode(blindSig)));
    byte[] msg = Hex.decode(token.get("msg").asText());
    byte[] sig = Hex.decode(token.get("sig").asText());
    PreparedToken prepared = TokenVerifier.create(keys.publicKey(), pollId).verify(msg, sig);
    assertEquals(pollId, prepared.pollId());
    assertArrayEquals(msg, prepared.toBytes());
    // the same token is refused for another poll, and with one bit of the signature flipped
    assertThrows(
        GeneralSecurityException.class,
        () -> TokenVerifier.create(keys.publicKey(), "p-other").verify(msg, sig));
    sig[100] ^= 1;
    assertThrows(
        GeneralSecurityException.class,
        () -> TokenVerifier.create(keys.publicKey(), pollId).verify(msg, sig));
  }
}
