-- Issue 21: the heading of the ballot (Phụ lục 4) and of the counting report (Phụ lục 5) of plan 001.
-- Not part of the manifest, so not part of M or Q (docs/protocol.md §3): presentation only.
CREATE TABLE poll_form (
    poll_id     VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES poll (id),
    -- "Tên tổ chức, cơ quan, đơn vị": the organising body, top left of both forms
    body        VARCHAR(500) NOT NULL,
    -- "của (1)": the voter group (thành phần ghi phiếu), e.g. "Ban Chấp hành Đảng bộ tỉnh"
    voter_group VARCHAR(500) NOT NULL,
    -- "đối với (2)": the post rated (chức danh được lấy phiếu tín nhiệm)
    post        VARCHAR(500) NOT NULL,
    -- "năm 202..": the year of the vote
    form_year   INTEGER      NOT NULL
);
