-- Issue 9: a ballot's body is kept as the UTF-8 bytes of its canonical JSON (BLOB / BYTEA), not as text: Derby
-- encodes a CLOB character by character, which was half the board writer's CPU time per ballot. The JSON
-- served on the board and in the record is unchanged, byte for byte.
ALTER TABLE ballot ADD COLUMN body_json ${BLOB};
-- Then BallotBodyBytes (run by Migrations after this file, in the same transaction) copies every existing body
-- into body_json, makes it NOT NULL and drops the text column: SQL cannot turn text into bytes portably.
