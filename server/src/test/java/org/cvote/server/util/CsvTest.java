package org.cvote.server.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotesCrlfAndBom() {
    List<List<String>> rows = Csv.parse("\uFEFFa,b\r\n\"x, \"\"y\"\"\",Đặng\n\n,\n");
    assertEquals(List.of(List.of("a", "b"), List.of("x, \"y\"", "Đặng"), List.of("", "")), rows);
    assertThrows(IllegalArgumentException.class, () -> Csv.parse("\"open"));
  }
}
