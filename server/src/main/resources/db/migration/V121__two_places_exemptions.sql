-- Issue 21: a person rated in two places, exemptions and observers (plan 001 II.1, III.1, §9.4).

-- The priority of this place among the person's two places in the year (001 II.1: "tối đa ở 2 nơi", in the
-- order of 003: the highest party committee, then the People's Council, then the workplace): 1 or 2.
ALTER TABLE subject ADD COLUMN place_priority INTEGER;

-- A person not rated this year (001 II.1): announced retirement, or elected / appointed in the year of the vote.
-- Kept with the reason and its date instead of refusing the entry; the report lists them.
CREATE TABLE subject_exemption (
    poll_id     VARCHAR(40)  NOT NULL REFERENCES poll (id),
    seq         INTEGER      NOT NULL,
    person_id   VARCHAR(64)  NOT NULL,
    name        VARCHAR(300) NOT NULL,
    position    VARCHAR(500) NOT NULL,
    unit        VARCHAR(500) NOT NULL,
    -- RETIREMENT, NEWLY_ELECTED or NEWLY_APPOINTED
    reason      VARCHAR(32)  NOT NULL,
    since_date  DATE,
    PRIMARY KEY (poll_id, seq)
);

-- Observers of the superior level attending and supervising the count (001 III.1), by name, in the report.
CREATE TABLE poll_observer (
    poll_id  VARCHAR(40)  NOT NULL REFERENCES poll (id),
    seq      INTEGER      NOT NULL,
    name     VARCHAR(300) NOT NULL,
    body     VARCHAR(500) NOT NULL,
    PRIMARY KEY (poll_id, seq)
);
