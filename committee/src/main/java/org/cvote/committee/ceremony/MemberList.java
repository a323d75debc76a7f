package org.cvote.committee.ceremony;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.cvote.committee.identity.PublicKeys;

/**
 * The approved committee as a member confirms it before committing (docs/protocol.md §8.7): the
 * threshold t and the members' key fingerprints (§8.1) in index order. γ binds exactly these keys
 * in this order (§8.2), so a member that confirmed this list is bound to it for everything it later
 * signs in the ceremony.
 */
public record MemberList(int t, List<String> fingerprints) {
  public MemberList {
    Objects.requireNonNull(fingerprints, "fingerprints");
    fingerprints = List.copyOf(fingerprints);
    if (new HashSet<>(fingerprints).size() != fingerprints.size()) {
      throw new IllegalArgumentException(
          "một dấu vân tay xuất hiện hai lần / a fingerprint is listed twice");
    }
  }

  /** The list as the server serves it for this attempt. */
  public static MemberList served(CeremonyState v) {
    return new MemberList(
        v.t,
        v.members.stream()
            .map(m -> PublicKeys.fingerprint(m.hpkePublicKey(), m.signingPublicKey()))
            .toList());
  }

  /**
   * Parses {@code --expect-members FP1,FP2,…}: the fingerprints as {@code join} prints them (8
   * groups of 4 hex digits joined by '-'); case and surrounding spaces are ignored, anything else
   * is refused naming the entry.
   */
  public static MemberList parse(String csv, int t) {
    Objects.requireNonNull(csv, "expected members");
    List<String> out = new ArrayList<>();
    int k = 0;
    for (String part : csv.split(",", -1)) {
      k++;
      String fp = part.strip().toLowerCase(Locale.ROOT);
      if (!fp.matches("[0-9a-f]{4}(-[0-9a-f]{4}){7}")) {
        throw new IllegalArgumentException(
            "--expect-members: mục "
                + k
                + " không phải dấu vân tay / entry "
                + k
                + " is not a fingerprint (8 groups of 4 hex digits joined by '-'): \""
                + part.strip()
                + "\"");
      }
      out.add(fp);
    }
    if (t < 1) {
      throw new IllegalArgumentException("--expect-t must be ≥ 1");
    }
    return new MemberList(t, out);
  }

  /**
   * What differs between this (served) list and the one announced in the hall, Vietnamese first:
   * each unexpected member (with its index and name where {@code served} is given), each missing
   * one, the order, t. Empty when they are equal.
   */
  public List<String> differences(MemberList announced, CeremonyState served) {
    List<String> out = new ArrayList<>();
    Set<String> expected = new HashSet<>(announced.fingerprints);
    Set<String> got = new HashSet<>(fingerprints);
    for (int i = 0; i < fingerprints.size(); i++) {
      String fp = fingerprints.get(i);
      if (!expected.contains(fp)) {
        String name =
            served != null && i < served.members.size()
                ? " (" + served.members.get(i).name() + ")"
                : "";
        out.add("thành viên ngoài danh sách / unexpected member " + (i + 1) + name + ": " + fp);
      }
    }
    for (String fp : announced.fingerprints) {
      if (!got.contains(fp)) {
        out.add("thiếu thành viên / missing member: " + fp);
      }
    }
    if (out.isEmpty() && !fingerprints.equals(announced.fingerprints)) {
      out.add(
          "thứ tự khác / the order differs: served "
              + String.join(",", fingerprints)
              + "; announced "
              + String.join(",", announced.fingerprints));
    }
    if (t != announced.t) {
      out.add("ngưỡng t khác / t differs: served " + t + ", announced " + announced.t);
    }
    return out;
  }

  /** The numbered list as shown to the member before it commits; its own entry marked. */
  public static String render(CeremonyState v, byte[] ownSigningKey) {
    StringBuilder sb = new StringBuilder();
    sb.append("Danh sách ban kiểm phiếu đã phê duyệt / approved committee (attempt ")
        .append(v.attempt)
        .append("): n = ")
        .append(v.members.size())
        .append(", t = ")
        .append(v.t)
        .append('\n');
    for (Member m : v.members) {
      boolean me = java.util.Arrays.equals(m.signingPublicKey(), ownSigningKey);
      sb.append(
          String.format(
              "  %2d. %s  %s%s%n",
              m.index(),
              PublicKeys.fingerprint(m.hpkePublicKey(), m.signingPublicKey()),
              m.name(),
              me ? "   <- bạn / you" : ""));
    }
    return sb.toString();
  }
}
