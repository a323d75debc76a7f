-- Issue 21: delivery of the results to the managing authority (plan 001 §7.1, §8).

-- What an authority key may read (scope_kind POLL or UNIT): polls by id, or units (a poll's organising body, poll_form.body). A key with no
-- scope rows reads nothing (keys issued before this migration must be reissued with a scope).
CREATE TABLE authority_scope (
    key_hash   CHAR(64)     NOT NULL REFERENCES authority_key (key_hash),
    scope_kind VARCHAR(8)   NOT NULL,
    scope      VARCHAR(500) NOT NULL,
    PRIMARY KEY (key_hash, scope_kind, scope)
);

-- Who holds the key (001 §8): the direct managing authority (DIRECT_AUTHORITY), or the Executive Committee
-- (EXECUTIVE_COMMITTEE), which sees the results of Standing Committee members only.
ALTER TABLE authority_key ADD COLUMN holder VARCHAR(32) NOT NULL DEFAULT 'DIRECT_AUTHORITY';

-- Whose results the poll carries, for 001 §8.2: CONFERENCE (the default), STANDING_COMMITTEE (also to the
-- Executive Committee), COUNCIL_ELECTED (posts elected by People's Councils: to the media, so a PUBLIC poll).
ALTER TABLE poll_form ADD COLUMN disclosure VARCHAR(32) NOT NULL DEFAULT 'CONFERENCE';

-- One delivery per published poll: the report, the flagged persons and the record, due within 7 working days
-- of the end of voting (001 §7.1).
CREATE TABLE delivery (
    poll_id       VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES poll (id),
    voting_ended  TIMESTAMP    NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    delivered_at  TIMESTAMP,
    delivered_by  VARCHAR(200)
);

-- Public holidays skipped when counting working days (weekends are always skipped); set by the secretariat.
CREATE TABLE holiday (
    day   DATE         NOT NULL PRIMARY KEY,
    name  VARCHAR(200) NOT NULL
);
