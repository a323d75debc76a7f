package org.cvote.crypto.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.cvote.crypto.encoding.Bytes;
import org.junit.jupiter.api.Test;

class AccessCodeTest {
  private static final SecureRandom RND = new SecureRandom();
  private static final String A = AccessCode.ALPHABET;
  private static final Pattern DISPLAY =
      Pattern.compile(
          "[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]");

  private static String canonical(AccessCode c) {
    return c.display().replace("-", "");
  }

  private static String parseError(String typed) {
    return assertThrows(IllegalArgumentException.class, () -> AccessCode.parse(typed)).getMessage();
  }

  @Test
  void roundTrip() {
    for (int i = 0; i < 200; i++) {
      AccessCode c = AccessCode.generate(RND);
      assertTrue(DISPLAY.matcher(c.display()).matches(), c.display());
      AccessCode back = AccessCode.parse(c.display());
      assertEquals(c, back);
      assertArrayEquals(c.hash(), back.hash());
      assertTrue(back.matchesHash(c.hash()));
    }
  }

  @Test
  void knownAnswers() {
    // Computed with an independent implementation of the documented check (GF(32), x^5+x^2+1).
    assertEquals("0000-0000-0000-0000-0", AccessCode.fromEntropy(new byte[10]).display());
    byte[] ff = new byte[10];
    java.util.Arrays.fill(ff, (byte) 0xFF);
    assertEquals("ZZZZ-ZZZZ-ZZZZ-ZZZZ-M", AccessCode.fromEntropy(ff).display());
    assertEquals(
        "0410-6105-0R3G-G28A-B",
        AccessCode.fromEntropy(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).display());
  }

  @Test
  void hashIsTaggedSha256OfCanonicalForm() throws Exception {
    AccessCode c = AccessCode.parse("0410-6105-0R3G-G28A-B");
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(new byte[] {0, 20});
    md.update("cvote/v1/access-code".getBytes(StandardCharsets.US_ASCII));
    md.update(new byte[] {0, 0, 0, 17});
    md.update("041061050R3GG28AB".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(md.digest(), c.hash());
    assertFalse(c.matchesHash(new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> c.matchesHash(null));
  }

  @Test
  void entropyIsAtLeast64BitsAndEveryBitIsUsed() {
    assertTrue(AccessCode.ENTROPY_BITS >= 64);
    assertEquals(80, AccessCode.ENTROPY_BITS);
    // The 16 data characters decode back to exactly the 80 random bits: the encoding is a
    // bijection.
    for (int t = 0; t < 100; t++) {
      byte[] e = new byte[10];
      RND.nextBytes(e);
      String data = canonical(AccessCode.fromEntropy(e)).substring(0, 16);
      java.math.BigInteger v = java.math.BigInteger.ZERO;
      for (char ch : data.toCharArray()) {
        v = v.shiftLeft(5).add(java.math.BigInteger.valueOf(A.indexOf(ch)));
      }
      assertArrayEquals(e, Bytes.i2osp(v, 10));
    }
    // generate() draws its bits from the SecureRandom it is given.
    byte[] e = new byte[10];
    try {
      SecureRandom a = SecureRandom.getInstance("SHA1PRNG");
      SecureRandom b = SecureRandom.getInstance("SHA1PRNG");
      a.setSeed(42);
      b.setSeed(42);
      b.nextBytes(e);
      assertEquals(AccessCode.fromEntropy(e), AccessCode.generate(a));
    } catch (java.security.NoSuchAlgorithmException ex) {
      throw new AssertionError(ex);
    }
    // Many codes: all distinct, and every position takes every symbol.
    Set<String> seen = new HashSet<>();
    @SuppressWarnings("unchecked")
    Set<Character>[] perPos = new Set[16];
    for (int i = 0; i < 16; i++) {
      perPos[i] = new HashSet<>();
    }
    for (int i = 0; i < 5000; i++) {
      String c = canonical(AccessCode.generate(RND));
      assertTrue(seen.add(c));
      for (int p = 0; p < 16; p++) {
        perPos[p].add(c.charAt(p));
      }
    }
    for (Set<Character> s : perPos) {
      assertEquals(32, s.size());
    }
  }

  @Test
  void everySingleCharacterSubstitutionIsDetected() {
    for (int t = 0; t < 5; t++) {
      String code = canonical(AccessCode.generate(RND));
      for (int pos = 0; pos < 17; pos++) {
        for (char sub : A.toCharArray()) {
          if (sub == code.charAt(pos)) {
            continue;
          }
          String typo = code.substring(0, pos) + sub + code.substring(pos + 1);
          String msg = parseError(typo);
          assertTrue(msg.contains("check failed"), typo + ": " + msg);
        }
      }
    }
  }

  @Test
  void everySwapOfTwoDifferentCharactersIsDetected() {
    String code = canonical(AccessCode.fromEntropy(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    for (int i = 0; i < 17; i++) {
      for (int j = i + 1; j < 17; j++) {
        if (code.charAt(i) == code.charAt(j)) {
          continue;
        }
        char[] c = code.toCharArray();
        c[i] = code.charAt(j);
        c[j] = code.charAt(i);
        assertTrue(parseError(new String(c)).contains("check failed"));
      }
    }
  }

  @Test
  void caseSpacingAndCrockfordAliasesAreTolerated() {
    AccessCode c = AccessCode.parse("0410-6105-0R3G-G28A-B");
    assertEquals(c, AccessCode.parse("041061050R3GG28AB"));
    assertEquals(c, AccessCode.parse("  0410 6105 0r3g g28a b "));
    assertEquals(c, AccessCode.parse("o4l0-6IO5-Or3g-g28a-b"));
    assertEquals(c, AccessCode.parse("0410\t6105\u00A00R3G--G28A-B\n"));
    assertEquals("0410-6105-0R3G-G28A-B", c.display());
  }

  @Test
  void rejectionsHaveDistinctPreciseMessages() {
    String nul =
        assertThrows(IllegalArgumentException.class, () -> AccessCode.parse(null)).getMessage();
    String bad = parseError("0410-6105-0R3G-G28A-*");
    String u = parseError("0410-6105-0R3G-G28U-B");
    String shortCode = parseError("0410-6105-0R3G-G28A");
    String longCode = parseError("0410-6105-0R3G-G28A-BB");
    String empty = parseError(" - ");
    String check = parseError("0410-6105-0R3G-G28A-C");
    String nonAscii = parseError("0410-6105-0R3G-G28A-\u0392"); // Greek capital beta looks like B
    assertTrue(nul.contains("null"));
    assertTrue(bad.contains("invalid character '*'") && bad.contains("17"), bad);
    assertTrue(u.contains("U") && u.contains("16"), u);
    assertTrue(shortCode.contains("must have 17") && shortCode.contains("got 16"), shortCode);
    assertTrue(longCode.contains("got 18"), longCode);
    assertTrue(empty.contains("got 0"), empty);
    assertTrue(check.contains("check failed"), check);
    assertTrue(nonAscii.contains("U+0392"), nonAscii);
    assertEquals(7, Set.of(nul, bad, u, shortCode, longCode, check, nonAscii).size());
  }

  @Test
  void toStringDoesNotRevealTheCode() {
    for (int i = 0; i < 50; i++) {
      AccessCode c = AccessCode.generate(RND);
      String s = c.toString();
      assertFalse(s.contains(c.display()));
      assertFalse(s.contains(canonical(c).substring(0, 4)));
      assertFalse(s.contains(HexFormat.of().formatHex(c.hash())));
    }
  }

  @Test
  void equality() {
    AccessCode a = AccessCode.fromEntropy(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    AccessCode b = AccessCode.fromEntropy(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 11});
    assertNotEquals(a, b);
    assertEquals(a.hashCode(), AccessCode.parse(a.display()).hashCode());
  }

  @Test
  void preconditions() {
    assertThrows(IllegalArgumentException.class, () -> AccessCode.generate(null));
    assertThrows(IllegalArgumentException.class, () -> AccessCode.parse(null));
    assertThrows(IllegalArgumentException.class, () -> AccessCode.fromEntropy(null));
    assertThrows(IllegalArgumentException.class, () -> AccessCode.fromEntropy(new byte[9]));
    assertThrows(IllegalArgumentException.class, () -> AccessCode.fromEntropy(new byte[11]));
  }
}
