-- 0004: quarterly plans with their own ratios, the expertise a check item calls for, and the
-- record of inspections (imported history now; results entered in the system later), which
-- the draw uses for the N4 repeat window and the previous lead (issue 4).
ALTER TABLE check_items ADD COLUMN expertise TEXT NOT NULL DEFAULT '';

CREATE TABLE plans (
    quarter    TEXT PRIMARY KEY,
    ratios     TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    inspected_on  TEXT    NOT NULL,
    -- Check-item codes, comma separated.
    items         TEXT    NOT NULL DEFAULT '',
    -- Certificate number of the officer who led the visit.
    lead          TEXT    NOT NULL DEFAULT '',
    -- Certificate numbers of everyone in the team, comma separated.
    team          TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    draw_id       INTEGER REFERENCES draws(id),
    source        TEXT    NOT NULL,
    recorded_by   TEXT    NOT NULL,
    recorded_at   TEXT    NOT NULL,
    UNIQUE (enterprise_id, inspected_on)
);
CREATE INDEX inspections_date ON inspections (inspected_on);
