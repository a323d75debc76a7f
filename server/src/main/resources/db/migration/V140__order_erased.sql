-- Review of issue 19: whether the store's write order of a closed poll has been erased (OrderEraser). A row here
-- means the erase (rewrite and compaction) completed; a closed poll without one is erased again before its tally
-- and at every start-up, and the secretariat's poll view shows orderErased = false meanwhile.
CREATE TABLE order_erasure (
    poll_id VARCHAR(40) NOT NULL PRIMARY KEY REFERENCES poll (id)
);
