-- Counting committee (integration): the ceremony state per poll (one public JSON document with an
-- optimistic version), the members' valid partial decryptions, and the tally once combined.

CREATE TABLE ceremony_state (
    poll_id    VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    version    BIGINT      NOT NULL,
    state_json ${CLOB}     NOT NULL
);

-- One valid partial decryption per member (replaced if the member posts again).
CREATE TABLE partial_decryption (
    poll_id VARCHAR(40) NOT NULL REFERENCES poll (id),
    member  INTEGER     NOT NULL,
    body    ${CLOB}     NOT NULL,
    PRIMARY KEY (poll_id, member)
);

-- The combined tally (tally.json and decryption.json of the record), written when the poll is tallied.
CREATE TABLE poll_tally (
    poll_id         VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    tally_json      ${CLOB}     NOT NULL,
    decryption_json ${CLOB}     NOT NULL
);
