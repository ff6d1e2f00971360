-- 0007: quarterly statistics and assessment (issue 7): department-joint inspections with the
-- year's targets (S4), and how often a result was returned for rework (S9).
CREATE TABLE joint_inspections (
    id          INTEGER PRIMARY KEY,
    inspected_on TEXT   NOT NULL,
    -- The other departments, separated by 、.
    departments TEXT    NOT NULL,
    lead        TEXT    NOT NULL,
    -- Credit codes of the subjects inspected, comma separated.
    subjects    TEXT    NOT NULL,
    note        TEXT    NOT NULL DEFAULT '',
    entered_by  TEXT    NOT NULL,
    entered_at  TEXT    NOT NULL
);
CREATE INDEX joint_inspections_date ON joint_inspections (inspected_on);

CREATE TABLE joint_targets (
    year        INTEGER PRIMARY KEY,
    inspections INTEGER NOT NULL,
    subjects    INTEGER NOT NULL
);

ALTER TABLE results ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;
