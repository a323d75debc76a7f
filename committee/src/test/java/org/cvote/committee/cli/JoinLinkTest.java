package org.cvote.committee.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JoinLinkTest {
  @Test
  void theSlipsLinkGivesServerPollAndCode() {
    JoinLink l =
        JoinLink.parse(
            "https://bau.example.vn/cvote/committee/p-abc%20d#invite=RJM4-4FRZ-ETZ6-3JPR-X");
    assertEquals("https://bau.example.vn/cvote", l.server());
    assertEquals("p-abc d", l.poll());
    assertEquals("RJM4-4FRZ-ETZ6-3JPR-X", l.code());
    assertEquals(
        "http://localhost:8080",
        JoinLink.parse(" http://localhost:8080/committee/p-1#invite=X ").server());
    assertTrue(JoinLink.looksLikeOne("http://h/committee/p#invite=X"));
    assertFalse(JoinLink.looksLikeOne("RJM4-4FRZ-ETZ6-3JPR-X"));
  }

  @Test
  void anythingElseIsRefusedNamingWhy() {
    for (String bad :
        new String[] {
          "http://h/booth/p#code=X",
          "http://h/committee/p",
          "http://h/committee/#invite=X",
          "/committee/p#invite=X",
          "http://h/committee/a/b#invite=X"
        }) {
      assertThrows(IllegalArgumentException.class, () -> JoinLink.parse(bad), bad);
    }
  }
}
