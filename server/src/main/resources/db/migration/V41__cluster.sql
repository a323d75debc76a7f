-- Issue 10: several server nodes on one database (PostgreSQL); nothing a node must agree on stays in its memory.

-- Wrong access codes, counted across all nodes: one row per failure, deleted once older than the throttle's
-- window. client_key is the SHA-256 of the client's address (the address itself is not kept); no code is stored.
CREATE TABLE access_code_failure (
    poll_id    VARCHAR(40) NOT NULL REFERENCES poll (id),
    client_key CHAR(64)    NOT NULL,
    failed_at  TIMESTAMP   NOT NULL
);
CREATE INDEX access_code_failure_client ON access_code_failure (poll_id, client_key, failed_at);
CREATE INDEX access_code_failure_poll ON access_code_failure (poll_id, failed_at);

-- What every node must agree on, written by the first start: the time zone TIMESTAMP values are written in.
CREATE TABLE cluster_setting (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(200) NOT NULL
);
