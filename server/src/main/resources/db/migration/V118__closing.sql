-- Issue 18: the closing statement. At the close (in the same transaction as the status change, under the chain-head
-- lock) the server fixes the board: its number of ballots N, its last chain value T_N (T_0 when N = 0) and the record
-- key's Ed25519 signature over H("cvote/v1/closing", pollId, Q, I2OSP(N,4), T_N) (docs/protocol.md §9.5).
-- record_key is the raw public key that signed it (the one bound to Q). Written once, never updated.
CREATE TABLE poll_closing (
    poll_id    VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id),
    ballots    INTEGER     NOT NULL,
    head       CHAR(64)    NOT NULL,
    signature  CHAR(128)   NOT NULL,
    record_key CHAR(64)    NOT NULL
);
