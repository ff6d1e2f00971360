-- 0012: corrections and objections (更正 / 异议, issue 18). A published result is never edited
-- in place: a case is filed against it (an objection received from someone, or a correction
-- the office starts, with the changes it proposes) and a leader decides it once (维持 / 更正).
-- A correction keeps the result's version it replaces in `result_versions` (the result row
-- then holds the current version) and is carried by the next correction notice (更正公示).
-- Rows are never deleted; a case changes only by its decision and its publication, once each.
CREATE TABLE objections (
    id           INTEGER PRIMARY KEY,
    result_id    INTEGER NOT NULL REFERENCES results(id),
    kind         TEXT    NOT NULL,
    received_on  TEXT    NOT NULL,
    from_whom    TEXT    NOT NULL DEFAULT '',
    content      TEXT    NOT NULL,
    -- The changes proposed (JSON of domain::correction::Changes).
    proposal     TEXT    NOT NULL DEFAULT '{}',
    filed_by     TEXT    NOT NULL,
    filed_at     TEXT    NOT NULL,
    decision     TEXT,
    reason       TEXT,
    decided_on   TEXT,
    -- The changes decided on top of the proposal (JSON), 更正 only.
    changes      TEXT,
    decided_by   TEXT,
    decided_at   TEXT,
    -- The result's version the correction made.
    version      INTEGER,
    published_at TEXT
);
CREATE INDEX objections_result ON objections(result_id);
-- At most one case awaiting decision per result.
CREATE UNIQUE INDEX objections_one_pending ON objections(result_id) WHERE decision IS NULL;

CREATE TRIGGER objections_no_delete BEFORE DELETE ON objections
BEGIN SELECT RAISE(ABORT, 'an objection is never deleted'); END;
CREATE TRIGGER objections_decide_or_publish_once BEFORE UPDATE ON objections
WHEN NEW.result_id IS NOT OLD.result_id OR NEW.kind IS NOT OLD.kind
  OR NEW.received_on IS NOT OLD.received_on OR NEW.from_whom IS NOT OLD.from_whom
  OR NEW.content IS NOT OLD.content OR NEW.proposal IS NOT OLD.proposal
  OR NEW.filed_by IS NOT OLD.filed_by OR NEW.filed_at IS NOT OLD.filed_at
  OR (OLD.decision IS NOT NULL AND (NEW.decision IS NOT OLD.decision
      OR NEW.reason IS NOT OLD.reason OR NEW.decided_on IS NOT OLD.decided_on
      OR NEW.changes IS NOT OLD.changes OR NEW.decided_by IS NOT OLD.decided_by
      OR NEW.decided_at IS NOT OLD.decided_at OR NEW.version IS NOT OLD.version))
  OR (OLD.published_at IS NOT NULL AND NEW.published_at IS NOT OLD.published_at)
BEGIN SELECT RAISE(ABORT, 'an objection is only decided once and published once'); END;

-- The versions a correction replaced: version N of a result as it was (JSON of
-- domain::result::ResultData), who entered it and when, and the case that replaced it.
CREATE TABLE result_versions (
    result_id     INTEGER NOT NULL REFERENCES results(id),
    version       INTEGER NOT NULL,
    data          TEXT    NOT NULL,
    entered_by    TEXT    NOT NULL,
    entered_at    TEXT    NOT NULL,
    objection_id  INTEGER NOT NULL REFERENCES objections(id),
    superseded_at TEXT    NOT NULL,
    PRIMARY KEY (result_id, version)
);
CREATE TRIGGER result_versions_no_update BEFORE UPDATE ON result_versions
BEGIN SELECT RAISE(ABORT, 'a result version is never changed'); END;
CREATE TRIGGER result_versions_no_delete BEFORE DELETE ON result_versions
BEGIN SELECT RAISE(ABORT, 'a result version is never deleted'); END;
