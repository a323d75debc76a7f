package org.cvote.server.ops;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line (time, level, logger, message, error type, cause types, SQLState) so
 * logs can be shipped and searched. Exceptions are logged by type and stack frames only: messages
 * may echo client input, and no log line may carry an access code, a token or a client address of
 * the ballot route.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"time\":\"").append(Instant.ofEpochMilli(r.getMillis())).append('"');
    field(sb, "level", r.getLevel().getName());
    field(sb, "logger", r.getLoggerName() == null ? "" : r.getLoggerName());
    field(sb, "message", formatMessage(r));
    Throwable t = r.getThrown();
    if (t != null) {
      field(sb, "error", t.getClass().getName());
      StringBuilder frames = new StringBuilder();
      for (StackTraceElement e : t.getStackTrace()) {
        if (frames.length() > 2000) {
          break;
        }
        frames.append(e).append(" | ");
      }
      field(sb, "stack", frames.toString());
      // The causes by type, and a database error's SQLState (a five-character code, never data):
      // without
      // them a wrapped failure (StoreException around an SQLException) cannot be told apart in the
      // logs.
      StringBuilder causes = new StringBuilder();
      String sqlState = null;
      String sqlAt = null;
      int depth = 0;
      for (Throwable c = t; c != null && depth < 10; c = c.getCause(), depth++) {
        if (c != t) {
          causes.append(causes.isEmpty() ? "" : " < ").append(c.getClass().getName());
        }
        if (sqlState == null && c instanceof java.sql.SQLException q && q.getSQLState() != null) {
          sqlState = q.getSQLState();
          // where in our code the statement failed: the first frame of the project's own classes
          for (StackTraceElement e : q.getStackTrace()) {
            if (e.getClassName().startsWith("org.cvote.")) {
              sqlAt = e.toString();
              break;
            }
          }
        }
      }
      if (!causes.isEmpty()) {
        field(sb, "causes", causes.toString());
      }
      if (sqlState != null) {
        field(sb, "sqlState", sqlState);
      }
      if (sqlAt != null) {
        field(sb, "sqlAt", sqlAt);
      }
    }
    return sb.append("}\n").toString();
  }

  private static void field(StringBuilder sb, String name, String value) {
    sb.append(",\"").append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
