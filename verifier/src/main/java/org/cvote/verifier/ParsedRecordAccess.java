package org.cvote.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Shares the error wording of {@link ParsedRecord} with the check classes. */
public final class ParsedRecordAccess {
    private ParsedRecordAccess() {}

    public static String describe(JsonProcessingException e) {
        return ParsedRecord.describe(e);
    }
}
