-- Committee invitations (docs/protocol.md §8.6): the secretariat invites each member the meeting elected; only a
-- hash of the one-time code is kept (H("cvote/v1/access-code", code), as for access codes). A registration takes
-- its invitation with one conditional UPDATE (used_by IS NULL AND revoked = 0) in the transaction that stores it,
-- so an invitation is used at most once.

CREATE TABLE committee_invitation (
    code_hash  CHAR(64)     NOT NULL PRIMARY KEY,
    poll_id    VARCHAR(40)  NOT NULL REFERENCES poll (id),
    invite_no  INTEGER      NOT NULL,
    name       VARCHAR(500) NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    created_by VARCHAR(100) NOT NULL,
    revoked    SMALLINT     NOT NULL,
    -- the key fingerprint of the registration that used it; NULL while unused
    used_by    VARCHAR(64),
    used_at    TIMESTAMP,
    CONSTRAINT committee_invitation_number UNIQUE (poll_id, invite_no)
);
