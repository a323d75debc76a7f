-- cvote schema v1. Portable SQL (Derby and PostgreSQL); ${BLOB}/${CLOB} are expanded per dialect.
-- No generated ids carry meaning: chain indices and voter numbers are assigned by the server under locks.

-- Secrets of the server itself (record-signing keyset), AEAD-encrypted under the master keyset.
CREATE TABLE server_secret (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    ciphertext  ${BLOB}      NOT NULL,
    public_info VARCHAR(4000),
    created_at  TIMESTAMP    NOT NULL
);

CREATE TABLE account (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(300) NOT NULL,
    created_at    TIMESTAMP    NOT NULL
);

-- Bearer sessions: only SHA-256 of the token is kept.
CREATE TABLE admin_session (
    token_hash CHAR(64)     NOT NULL PRIMARY KEY,
    username   VARCHAR(100) NOT NULL REFERENCES account (username),
    expires_at TIMESTAMP    NOT NULL
);

CREATE TABLE poll (
    id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    title        VARCHAR(1000) NOT NULL,
    place        VARCHAR(1000) NOT NULL,
    poll_date    DATE          NOT NULL,
    visibility   VARCHAR(16)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    ends_at      TIMESTAMP,
    created_at   TIMESTAMP     NOT NULL,
    -- fixed when the ceremony completes (status READY); hex
    context_json ${CLOB},
    q_hash       CHAR(64)
);

CREATE TABLE subject (
    poll_id   VARCHAR(40)   NOT NULL REFERENCES poll (id),
    idx       INTEGER       NOT NULL,
    name      VARCHAR(500)  NOT NULL,
    position_title VARCHAR(1000) NOT NULL,
    unit      VARCHAR(1000) NOT NULL,
    PRIMARY KEY (poll_id, idx)
);

-- status: ABSENT, PRESENT (checked in), LEFT (checked in, then left before voting)
CREATE TABLE voter (
    poll_id    VARCHAR(40)  NOT NULL REFERENCES poll (id),
    voter_no   INTEGER      NOT NULL,
    name       VARCHAR(500) NOT NULL,
    unit       VARCHAR(1000) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    late       SMALLINT     NOT NULL,
    PRIMARY KEY (poll_id, voter_no)
);

-- Only a hash of the access code is stored; one live code per voter.
CREATE TABLE access_code (
    poll_id   VARCHAR(40) NOT NULL,
    code_hash CHAR(64)    NOT NULL,
    voter_no  INTEGER     NOT NULL,
    PRIMARY KEY (poll_id, code_hash),
    CONSTRAINT access_code_one_per_voter UNIQUE (poll_id, voter_no),
    FOREIGN KEY (poll_id, voter_no) REFERENCES voter (poll_id, voter_no)
);

-- The per-poll RSA token key: SPKI public, PKCS#8 private AEAD-encrypted (AD names the poll).
CREATE TABLE token_key (
    poll_id     VARCHAR(40)   NOT NULL PRIMARY KEY REFERENCES poll (id),
    spki_hex    VARCHAR(2000) NOT NULL,
    private_enc ${BLOB}       NOT NULL
);

-- One issuance per voter per poll (the primary key). No time is stored: it could be matched to casts.
CREATE TABLE token_issuance (
    poll_id       VARCHAR(40)   NOT NULL,
    voter_no      INTEGER       NOT NULL,
    blinded_hash  CHAR(64)      NOT NULL,
    blind_sig_hex VARCHAR(2000) NOT NULL,
    PRIMARY KEY (poll_id, voter_no),
    FOREIGN KEY (poll_id, voter_no) REFERENCES voter (poll_id, voter_no)
);

-- One spend per SHA-256(prepared token message) per poll, written in the ballot's transaction.
CREATE TABLE token_spend (
    poll_id    VARCHAR(40) NOT NULL REFERENCES poll (id),
    token_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (poll_id, token_hash)
);

-- The head of each poll's tracking chain; its row is the lock that orders casts.
CREATE TABLE chain_head (
    poll_id    VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    last_index INTEGER     NOT NULL,
    last_hash  CHAR(64)    NOT NULL
);

-- Accepted ballots. No voter id, address or time: only the chain position.
CREATE TABLE ballot (
    poll_id     VARCHAR(40) NOT NULL REFERENCES poll (id),
    chain_index INTEGER     NOT NULL,
    ballot_hash CHAR(64)    NOT NULL,
    chain_hash  CHAR(64)    NOT NULL,
    body        ${CLOB}     NOT NULL,
    PRIMARY KEY (poll_id, chain_index),
    CONSTRAINT ballot_hash_unique UNIQUE (poll_id, ballot_hash)
);

-- The published record (zip), once the poll is published.
CREATE TABLE poll_record (
    poll_id VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    zip     ${BLOB}     NOT NULL
);

-- Append-only: the server only ever inserts here. seq orders entries (gaps are harmless here).
CREATE TABLE audit_log (
    seq     BIGINT        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_time TIMESTAMP     NOT NULL,
    actor   VARCHAR(100)  NOT NULL,
    poll_id VARCHAR(40),
    action_name VARCHAR(100) NOT NULL,
    detail  VARCHAR(2000)
);
