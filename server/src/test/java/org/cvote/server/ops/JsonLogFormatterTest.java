package org.cvote.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  @Test
  void oneParsableJsonObjectPerLineWithoutTheExceptionMessage() throws Exception {
    LogRecord r = new LogRecord(Level.WARNING, "cast refused: \"quoted\"\nsecond line");
    r.setLoggerName("org.cvote.server.ballot");
    r.setThrown(new IllegalStateException("secret-looking input ABCD-EFGH"));
    String line = new JsonLogFormatter().format(r);
    assertEquals(1, line.split("\n", -1).length - 1, "exactly one line");
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("WARNING", json.get("level").asText());
    assertEquals("cast refused: \"quoted\"\nsecond line", json.get("message").asText());
    assertEquals("java.lang.IllegalStateException", json.get("error").asText());
    assertFalse(line.contains("ABCD-EFGH"), "exception messages are not logged");
  }

  @Test
  void aDatabaseFailureShowsItsCauseAndSqlStateButNoMessage() throws Exception {
    LogRecord r = new LogRecord(Level.SEVERE, "internal error");
    java.sql.SQLException sql =
        new java.sql.SQLException("row with value 'ABCD-EFGH' rejected", "XJ001");
    r.setThrown(new org.cvote.server.store.StoreException(sql));
    String line = new JsonLogFormatter().format(r);
    JsonNode json = new ObjectMapper().readTree(line);
    assertEquals("org.cvote.server.store.StoreException", json.get("error").asText());
    assertEquals("java.sql.SQLException", json.get("causes").asText());
    assertEquals("XJ001", json.get("sqlState").asText());
    assertFalse(line.contains("ABCD-EFGH"), "no message of any cause is logged");
  }
}
