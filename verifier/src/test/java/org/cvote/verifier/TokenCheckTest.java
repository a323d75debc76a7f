package org.cvote.verifier;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.cvote.crypto.ballot.Ballot;
import org.cvote.testkit.fixture.ElectionFixture;
import org.cvote.verifier.checks.CryptoTokenCheck;
import org.cvote.verifier.checks.PssTokenCheck;
import org.cvote.verifier.checks.TokenCheck;
import org.junit.jupiter.api.Test;

/** The JDK-only V4 and the crypto module's RFC 9474 verifier accept and reject the same tokens. */
class TokenCheckTest {
  private final SecureRandom rng = new SecureRandom();

  @Test
  void bothImplementationsAgree() throws Exception {
    var key = ElectionFixture.tokenKey();
    byte[] spki = key.publicKey().toSpki();
    List<TokenCheck> checks =
        List.of(PssTokenCheck.create(spki, "p1"), CryptoTokenCheck.create(spki, "p1"));
    Ballot.Token good = ElectionFixture.token(key, "p1", rng);
    Ballot.Token other = ElectionFixture.token(key, "p2", rng);
    for (TokenCheck c : checks) {
      c.verify(good.msg(), good.sig());
      assertThrows(
          GeneralSecurityException.class, () -> c.verify(other.msg(), other.sig()), "other poll");
      byte[] msg = good.msg();
      msg[msg.length - 1] ^= 1;
      assertThrows(
          GeneralSecurityException.class, () -> c.verify(msg, good.sig()), "changed message");
      byte[] sig = good.sig();
      assertThrows(
          GeneralSecurityException.class,
          () -> c.verify(good.msg(), Arrays.copyOfRange(sig, 1, sig.length)),
          "383 bytes");
      byte[] padded = new byte[385];
      System.arraycopy(sig, 0, padded, 1, 384);
      assertThrows(GeneralSecurityException.class, () -> c.verify(good.msg(), padded), "385 bytes");
    }
  }

  @Test
  void nonCanonicalOrWeakKeysAreRejected() throws Exception {
    var g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    byte[] small = g.generateKeyPair().getPublic().getEncoded();
    assertThrows(GeneralSecurityException.class, () -> PssTokenCheck.create(small, "p1"));
    assertThrows(GeneralSecurityException.class, () -> CryptoTokenCheck.create(small, "p1"));
    byte[] spki = ElectionFixture.tokenKey().publicKey().toSpki();
    byte[] trailing = Arrays.copyOf(spki, spki.length + 1);
    assertThrows(GeneralSecurityException.class, () -> PssTokenCheck.create(trailing, "p1"));
    assertThrows(GeneralSecurityException.class, () -> CryptoTokenCheck.create(trailing, "p1"));
  }
}
