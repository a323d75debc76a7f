-- Issue 8: the counting report, a person across polls, who may see results.

-- A subject is a person with a stable id (national id / staff code, or one the server generated);
-- it moves with the subject row when indices close up after a removal.
ALTER TABLE subject ADD COLUMN person_id VARCHAR(64);

-- One row per person ever rated: its row lock serialises the "at most 2 places a year" check of one person.
CREATE TABLE person (
    person_id VARCHAR(64) NOT NULL PRIMARY KEY
);

-- The subject's own viewing code for the results (only its SHA-256 is kept), one per person per poll.
CREATE TABLE subject_view_code (
    poll_id   VARCHAR(40) NOT NULL REFERENCES poll (id),
    person_id VARCHAR(64) NOT NULL,
    code_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (poll_id, person_id),
    CONSTRAINT subject_view_code_hash UNIQUE (poll_id, code_hash)
);

-- What the secretariat sets for the report: the head of the counting committee (member index).
CREATE TABLE report_settings (
    poll_id     VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    head_member INTEGER     NOT NULL
);

-- Read-only keys of the managing authority (cấp có thẩm quyền quản lý cán bộ): results and reports only.
CREATE TABLE authority_key (
    key_hash   CHAR(64)     NOT NULL PRIMARY KEY,
    label      VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
