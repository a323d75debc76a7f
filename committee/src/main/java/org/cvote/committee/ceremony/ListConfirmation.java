package org.cvote.committee.ceremony;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cvote.committee.CommitteeException;

/**
 * How a member confirms the approved committee the server serves before committing to anything
 * (docs/protocol.md §8.7): against the list announced in the hall (a terminal prompt or {@code
 * --expect-members}/{@code --expect-t}). Returns normally when confirmed; throws a {@link
 * CommitteeException} ({@code member_list_refused}) naming what differs.
 */
@FunctionalInterface
public interface ListConfirmation {
  void confirm(CeremonyState served, MemberList list);

  /** Exactly this list: the same fingerprints in the same order, and the same t. */
  static ListConfirmation exactly(MemberList announced) {
    return (served, list) -> {
      List<String> d = list.differences(announced, served);
      if (!d.isEmpty()) {
        throw refused(d);
      }
    };
  }

  /**
   * For simulations that elected a set of identities and may restart without some of them: every
   * served member is one of {@code elected}, in the elected order, and t is {@code t} ({@code t =
   * 0}: any t, for test harnesses that vary it).
   */
  static ListConfirmation amongElected(List<String> elected, int t) {
    return (served, list) -> {
      Set<String> ok = new HashSet<>(elected);
      List<String> d = new java.util.ArrayList<>();
      for (int i = 0; i < list.fingerprints().size(); i++) {
        if (!ok.contains(list.fingerprints().get(i))) {
          d.add(
              "thành viên ngoài danh sách / unexpected member "
                  + (i + 1)
                  + " ("
                  + served.members.get(i).name()
                  + "): "
                  + list.fingerprints().get(i));
        }
      }
      if (d.isEmpty()
          && !elected.stream()
              .filter(list.fingerprints()::contains)
              .toList()
              .equals(list.fingerprints())) {
        d.add("thứ tự khác / the order differs");
      }
      if (t != 0 && list.t() != t) {
        d.add("ngưỡng t khác / t differs: served " + list.t() + ", announced " + t);
      }
      if (!d.isEmpty()) {
        throw refused(d);
      }
    };
  }

  static CommitteeException refused(List<String> differences) {
    return new CommitteeException(
        CommitteeException.Kind.CONFLICT,
        "member_list_refused",
        "danh sách thành viên không khớp danh sách công bố; không gửi gì / the approved member list does not match the "
            + "announced one; nothing posted: "
            + String.join("; ", differences));
  }
}
