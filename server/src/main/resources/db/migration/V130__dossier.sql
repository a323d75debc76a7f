-- Issue 20: the weeks before the vote (docs/dossier.md). Kept apart from the ballot tables: nothing here names
-- a ballot, a token or an access code, and no table records when a voter read a dossier.

-- The poll's calendar: its time zone and the offsets (days before the poll date) of each step; absent = defaults.
CREATE TABLE dossier_calendar (
    poll_id       VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    time_zone     VARCHAR(64) NOT NULL,
    report_days   INTEGER     NOT NULL,
    dossier_days  INTEGER     NOT NULL,
    request_days  INTEGER     NOT NULL,
    answer_days   INTEGER     NOT NULL,
    forward_days  INTEGER     NOT NULL
);

-- A deadline the secretariat reopened: the step's last day becomes until_date (the latest reopening wins).
CREATE TABLE dossier_reopening (
    poll_id    VARCHAR(40)   NOT NULL REFERENCES poll (id),
    step       VARCHAR(16)   NOT NULL,
    until_date DATE          NOT NULL,
    reason     VARCHAR(2000) NOT NULL,
    actor      VARCHAR(100)  NOT NULL,
    at_time    TIMESTAMP     NOT NULL,
    PRIMARY KEY (poll_id, step)
);

-- The files of each person rated: kind REPORT (self-report) or DECLARATION (assets and income); PDF only.
CREATE TABLE dossier_file (
    poll_id     VARCHAR(40)  NOT NULL REFERENCES poll (id),
    person_id   VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    content     ${BLOB}      NOT NULL,
    size_bytes  INTEGER      NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    uploaded_by VARCHAR(16)  NOT NULL,
    uploaded_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (poll_id, person_id, kind)
);

-- Personal portal links: only SHA-256 of the random key is kept. role VOTER (holder = voter number) or
-- PERSON (holder = person id). A voter's key is unrelated to the voter's access code and to any ballot.
CREATE TABLE portal_key (
    key_hash   CHAR(64)    NOT NULL PRIMARY KEY,
    poll_id    VARCHAR(40) NOT NULL REFERENCES poll (id),
    role       VARCHAR(8)  NOT NULL,
    holder     VARCHAR(64) NOT NULL,
    revoked    SMALLINT    NOT NULL,
    created_at TIMESTAMP   NOT NULL
);

-- Written requests (Phụ lục 2): not anonymous, they carry the voter's number and name; and the person's answer.
CREATE TABLE dossier_request (
    id          CHAR(32)      NOT NULL PRIMARY KEY,
    poll_id     VARCHAR(40)   NOT NULL REFERENCES poll (id),
    person_id   VARCHAR(64)   NOT NULL,
    voter_no    INTEGER       NOT NULL,
    voter_name  VARCHAR(500)  NOT NULL,
    voter_unit  VARCHAR(1000) NOT NULL,
    content     ${CLOB}       NOT NULL,
    filed_at    TIMESTAMP     NOT NULL,
    answer      ${CLOB},
    answered_by VARCHAR(16),
    answered_at TIMESTAMP
);
