package org.cvote.server.util;

import java.text.Normalizer;
import org.cvote.server.refusal.Refusal;

/**
 * Names, titles, positions and units are NFC-normalised when entered so they always hash the same.
 */
public final class Text {
  private Text() {}

  public static String nfc(String s) {
    return s == null ? null : Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
  }

  /** NFC-normalised, non-blank, at most {@code max} characters, no control characters. */
  public static String required(String value, String field, int max) {
    if (value == null) {
      throw Refusal.missing(field);
    }
    String v = nfc(value);
    if (v.isEmpty()) {
      throw Refusal.invalid(field, "must not be blank");
    }
    if (v.length() > max) {
      throw Refusal.invalid(field, "longer than " + max + " characters");
    }
    for (int i = 0; i < v.length(); i++) {
      if (Character.isISOControl(v.charAt(i))) {
        throw Refusal.invalid(field, "control characters are not allowed");
      }
    }
    return v;
  }

  public static String optional(String value, String field, int max) {
    if (value == null) {
      return "";
    }
    String v = nfc(value);
    if (v.length() > max) {
      throw Refusal.invalid(field, "longer than " + max + " characters");
    }
    return v;
  }
}
