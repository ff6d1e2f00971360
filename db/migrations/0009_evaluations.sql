-- 0009: the leaders' overall evaluation (综合评估, S9) of each inspector per quarter (issue 14),
-- and the reason a leader gave for preparing a draw of a quarter that had already ended.
CREATE TABLE evaluations (
    -- The inspector's snapshot id (certificate number, or AUX-<id>).
    inspector TEXT NOT NULL,
    quarter   TEXT NOT NULL,
    -- excellent | pass | basic | fail
    grade     TEXT NOT NULL,
    remark    TEXT NOT NULL DEFAULT '',
    by_user   TEXT NOT NULL,
    at        TEXT NOT NULL,
    PRIMARY KEY (inspector, quarter)
);

ALTER TABLE draws ADD COLUMN late_reason TEXT;
