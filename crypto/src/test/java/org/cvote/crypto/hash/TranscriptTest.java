package org.cvote.crypto.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.cvote.crypto.encoding.Bytes;
import org.cvote.crypto.group.Point;
import org.junit.jupiter.api.Test;

class TranscriptTest {
  @Test
  void matchesTheSpecEncodingByHand() throws Exception {
    // H(tag, x) = SHA-256(I2OSP(len(tag),2) ‖ tag ‖ I2OSP(len(x),4) ‖ x)
    byte[] tag = "cvote/v1/chain0".getBytes(StandardCharsets.US_ASCII);
    byte[] x = Point.G.encode();
    byte[] expected =
        MessageDigest.getInstance("SHA-256")
            .digest(Bytes.concat(Bytes.i2osp(tag.length, 2), tag, Bytes.i2osp(65, 4), x));
    assertEquals(Digest.of(expected), Transcript.of(Tag.CHAIN0).point(Point.G).digest());
  }

  @Test
  void lengthPrefixesPreventAmbiguity() {
    Digest a = Transcript.of(Tag.RANGE).string("ab").string("c").digest();
    Digest b = Transcript.of(Tag.RANGE).string("a").string("bc").digest();
    assertNotEquals(a, b);
  }

  @Test
  void tagsSeparateDomains() {
    assertNotEquals(
        Transcript.of(Tag.RANGE).integer(1).digest(), Transcript.of(Tag.DLEQ).integer(1).digest());
  }

  @Test
  void nonNfcStringsAreRefused() {
    // "e" + combining acute: not NFC
    assertThrows(
        IllegalArgumentException.class, () -> Transcript.of(Tag.MANIFEST).string("e\u0301"));
  }

  @Test
  void singleUse() {
    Transcript t = Transcript.of(Tag.RANGE);
    t.digest();
    assertThrows(IllegalStateException.class, t::digest);
    assertThrows(IllegalStateException.class, () -> t.integer(1));
  }

  @Test
  void integerMustFitFourBytes() {
    assertThrows(IllegalArgumentException.class, () -> Transcript.of(Tag.RANGE).integer(1L << 32));
    assertThrows(IllegalArgumentException.class, () -> Transcript.of(Tag.RANGE).integer(-1));
  }

  @Test
  void digestPreconditions() {
    assertThrows(IllegalArgumentException.class, () -> Digest.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Digest.fromHex("00"));
  }
}
