-- 0011: evidence files (佐证材料, issue 18): files attached to a result. The bytes are kept once
-- in `stored_files` (content-addressed); a row here says which result a file proves, who added
-- it and when. Rows are never deleted; a wrong attachment is withdrawn with a reason and stays
-- on record (the only change allowed, and only once).
CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    result_id       INTEGER NOT NULL REFERENCES results(id),
    sha256          TEXT    NOT NULL REFERENCES stored_files(sha256),
    name            TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    kind            TEXT    NOT NULL,
    added_by        TEXT    NOT NULL,
    added_at        TEXT    NOT NULL,
    withdrawn_at    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT
);
CREATE INDEX evidence_result ON evidence(result_id);

CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
BEGIN SELECT RAISE(ABORT, 'evidence is never deleted'); END;
CREATE TRIGGER evidence_withdraw_only BEFORE UPDATE ON evidence
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.withdrawn_at IS NULL
  OR NEW.result_id IS NOT OLD.result_id OR NEW.sha256 IS NOT OLD.sha256
  OR NEW.name IS NOT OLD.name OR NEW.size IS NOT OLD.size OR NEW.kind IS NOT OLD.kind
  OR NEW.added_by IS NOT OLD.added_by OR NEW.added_at IS NOT OLD.added_at
BEGIN SELECT RAISE(ABORT, 'evidence is only withdrawn, once'); END;

-- Rectification follow-up (整改跟踪): a result with a problem and a rectification deadline is
-- followed up; the re-check (复查) closes it, once. Append-only.
CREATE TABLE rechecks (
    result_id  INTEGER PRIMARY KEY REFERENCES results(id),
    checked_on TEXT    NOT NULL,
    officers   TEXT    NOT NULL,
    outcome    TEXT    NOT NULL,
    case_no    TEXT    NOT NULL DEFAULT '',
    remark     TEXT    NOT NULL DEFAULT '',
    entered_by TEXT    NOT NULL,
    entered_at TEXT    NOT NULL
);
CREATE TRIGGER rechecks_no_update BEFORE UPDATE ON rechecks
BEGIN SELECT RAISE(ABORT, 'a re-check is never changed'); END;
CREATE TRIGGER rechecks_no_delete BEFORE DELETE ON rechecks
BEGIN SELECT RAISE(ABORT, 'a re-check is never deleted'); END;
