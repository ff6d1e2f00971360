-- 0013: a penalty (行政处罚) or complaint (信访举报) on record is never changed in place nor
-- deleted (issue 17). A correction — from the form on an enterprise's detail, or an import row
-- that changes one under its key — writes a new record naming the one it `supersedes` and
-- stamps the old one `superseded_at`, once. Only records not superseded are current: they
-- decide the class and carry the key (a penalty's document number, a complaint's date and
-- reference), which a correction may therefore change. The tables are rebuilt because the key
-- was a table constraint; ids and rows are kept as they were.

CREATE TABLE penalties_kept (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    date          TEXT    NOT NULL,
    doc_no        TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
    supersedes    INTEGER REFERENCES penalties(id),
    superseded_at TEXT
);
INSERT INTO penalties_kept (id, enterprise_id, date, doc_no, summary)
    SELECT id, enterprise_id, date, doc_no, summary FROM penalties;
DROP TABLE penalties;
ALTER TABLE penalties_kept RENAME TO penalties;
CREATE INDEX penalties_date ON penalties(date) WHERE superseded_at IS NULL;
CREATE INDEX penalties_enterprise ON penalties(enterprise_id);
CREATE UNIQUE INDEX penalties_current_key ON penalties(enterprise_id, doc_no)
    WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX penalties_superseded_once ON penalties(supersedes)
    WHERE supersedes IS NOT NULL;
CREATE TRIGGER penalties_no_delete BEFORE DELETE ON penalties
BEGIN SELECT RAISE(ABORT, 'a penalty on record is never deleted'); END;
CREATE TRIGGER penalties_never_changed BEFORE UPDATE ON penalties
WHEN NEW.id IS NOT OLD.id OR NEW.enterprise_id IS NOT OLD.enterprise_id
  OR NEW.date IS NOT OLD.date OR NEW.doc_no IS NOT OLD.doc_no
  OR NEW.summary IS NOT OLD.summary OR NEW.supersedes IS NOT OLD.supersedes
  OR OLD.superseded_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a penalty is never changed: a correction supersedes it, once'); END;

CREATE TABLE complaints_kept (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    received      TEXT    NOT NULL,
    ref_no        TEXT    NOT NULL DEFAULT '',
    verified      INTEGER NOT NULL DEFAULT 0,
    verified_on   TEXT,
    summary       TEXT    NOT NULL DEFAULT '',
    supersedes    INTEGER REFERENCES complaints(id),
    superseded_at TEXT
);
INSERT INTO complaints_kept (id, enterprise_id, received, ref_no, verified, verified_on, summary)
    SELECT id, enterprise_id, received, ref_no, verified, verified_on, summary FROM complaints;
DROP TABLE complaints;
ALTER TABLE complaints_kept RENAME TO complaints;
CREATE INDEX complaints_verified_on ON complaints(verified_on) WHERE superseded_at IS NULL;
CREATE INDEX complaints_enterprise ON complaints(enterprise_id);
CREATE UNIQUE INDEX complaints_current_key ON complaints(enterprise_id, received, ref_no)
    WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX complaints_superseded_once ON complaints(supersedes)
    WHERE supersedes IS NOT NULL;
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
BEGIN SELECT RAISE(ABORT, 'a complaint on record is never deleted'); END;
CREATE TRIGGER complaints_never_changed BEFORE UPDATE ON complaints
WHEN NEW.id IS NOT OLD.id OR NEW.enterprise_id IS NOT OLD.enterprise_id
  OR NEW.received IS NOT OLD.received OR NEW.ref_no IS NOT OLD.ref_no
  OR NEW.verified IS NOT OLD.verified OR NEW.verified_on IS NOT OLD.verified_on
  OR NEW.summary IS NOT OLD.summary OR NEW.supersedes IS NOT OLD.supersedes
  OR OLD.superseded_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a complaint is never changed: a correction supersedes it, once'); END;
