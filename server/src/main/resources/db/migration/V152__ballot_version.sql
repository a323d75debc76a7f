-- Issue 24: the poll's ballot version (docs/protocol.md §16.9). While the poll is a draft, ballot_version is the
-- requested one: NULL = automatic (version 2 when it fits), 1 or 2. When the manifest freezes (draft → ceremony)
-- it is replaced by the fixed version, and ballot_base gets B = summoned + 1 for version 2 (NULL for version 1).
-- Polls frozen before this migration keep NULL in both: they are version 1.
ALTER TABLE poll ADD COLUMN ballot_version INTEGER;
ALTER TABLE poll ADD COLUMN ballot_base INTEGER;
