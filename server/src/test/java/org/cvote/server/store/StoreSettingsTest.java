package org.cvote.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  @Test
  void anEmptyUrlIsEmbeddedDerby() {
    assertTrue(StoreSettings.derby().embedded());
    assertTrue(new StoreSettings(null, null, null, 10).embedded());
    assertFalse(StoreSettings.of("jdbc:postgresql://db:5432/cvote", "cvote", "pw").embedded());
  }

  @Test
  void thePasswordIsNeverShown() {
    StoreSettings s =
        new StoreSettings(
            "jdbc:postgresql://db:5432/cvote?password=inurl&ssl=true", "cvote", "s3cret-pw", 8);
    for (String shown : new String[] {s.describe(), s.toString()}) {
      assertFalse(shown.contains("s3cret-pw"), shown);
      assertFalse(shown.contains("inurl"), shown);
    }
    assertEquals("jdbc:postgresql://db:5432/cvote as cvote", s.describe());
  }

  @Test
  void unsupportedUrlsAndPoolSizesAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StoreSettings.of("jdbc:mysql://db/cvote", "u", "p"));
    assertTrue(e.getMessage().contains("cvote.db.url"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new StoreSettings("", "", "", 1));
    assertThrows(IllegalArgumentException.class, () -> new StoreSettings("", "", "", 1001));
  }
}
