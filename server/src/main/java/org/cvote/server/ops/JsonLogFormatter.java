package org.cvote.server.ops;

import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One JSON object per log line (time, level, logger, message, error type) so logs can be shipped
 * and searched. Exceptions are logged by type and stack frames only: messages may echo client input,
 * and no log line may carry an access code, a token or a client address of the ballot route.
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
