package org.cvote.server.poll;

import org.cvote.server.http.ApiException;
import org.cvote.server.util.Text;

/**
 * A subject as the secretariat enters it. Subjects who announced retirement or were appointed or
 * elected this year are not rated (DOMAIN.md), so such an entry is refused with that reason. {@code personId}
 * (national id or staff code) identifies the person across polls; one is generated when absent.
 * {@code placePriority} (1 or 2) is this place's rank among the person's two places (001 II.1); by default the
 * first place entered is 1 and the second 2.
 */
public record SubjectInput(String name, String position, String unit, Boolean retiring, Boolean appointedThisYear,
                           String personId, Integer placePriority) {

    public SubjectInput(String name, String position, String unit, Boolean retiring, Boolean appointedThisYear) {
        this(name, position, unit, retiring, appointedThisYear, null, null);
    }

    public SubjectInput(String name, String position, String unit, Boolean retiring, Boolean appointedThisYear, String personId) {
        this(name, position, unit, retiring, appointedThisYear, personId, null);
    }

    /** The NFC-normalised subject, or a 400 naming the field (prefixed for CSV rows). */
    public Subject validate(int index, String prefix) {
        if (Boolean.TRUE.equals(retiring)) {
            throw new ApiException(400, "not_rated",
                    "a subject who has announced retirement is not rated", prefix + "retiring");
        }
        if (Boolean.TRUE.equals(appointedThisYear)) {
            throw new ApiException(400, "not_rated",
                    "a subject appointed or elected this year is not rated", prefix + "appointedThisYear");
        }
        return new Subject(index, Text.required(name, prefix + "name", 300), Text.required(position, prefix + "position", 500),
                Text.required(unit, prefix + "unit", 500));
    }
}
