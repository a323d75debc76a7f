package org.cvote.committee.cli;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The join link printed (and QR-encoded) on an invitation slip, {@code
 * SERVER/committee/POLL#invite=CODE} (docs/protocol.md §8.6), read back into its three parts so
 * that a member pastes one thing instead of three.
 */
record JoinLink(String server, String poll, String code) {
  private static final String PATH = "/committee/";
  private static final String FRAGMENT = "invite=";

  /**
   * The parts of a join link; IllegalArgumentException naming what is missing if {@code text} is
   * not one.
   */
  static JoinLink parse(String text) {
    URI u;
    try {
      u = URI.create(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a join link: " + e.getMessage());
    }
    String path = u.getRawPath();
    String fragment = u.getRawFragment();
    if (u.getScheme() == null
        || u.getRawAuthority() == null
        || path == null
        || fragment == null
        || !path.contains(PATH)
        || !fragment.startsWith(FRAGMENT)) {
      throw new IllegalArgumentException(
          "not a join link (expected SERVER/committee/POLL#invite=CODE)");
    }
    int at = path.lastIndexOf(PATH);
    String poll = URLDecoder.decode(path.substring(at + PATH.length()), StandardCharsets.UTF_8);
    if (poll.isEmpty() || poll.contains("/")) {
      throw new IllegalArgumentException("the join link names no poll");
    }
    String server = u.getScheme() + "://" + u.getRawAuthority() + path.substring(0, at);
    return new JoinLink(server, poll, fragment.substring(FRAGMENT.length()));
  }

  static boolean looksLikeOne(String text) {
    return text != null && text.contains("://") && text.contains("#" + FRAGMENT);
  }
}
