package org.cvote.committee.ceremony;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** Why a ceremony attempt failed: the reason, the accused members (if any) and who complained. */
@JsonPropertyOrder({"attempt", "reason", "accused", "complainant"})
public record Failure(int attempt, String reason, List<Integer> accused, Integer complainant) {
  public Failure {
    accused = accused == null ? List.of() : List.copyOf(accused);
  }
}
