-- 0006: inspection results (issue 6): the assignments of released draws, the results entered
-- for them with their review and publication, the result categories and the working-day
-- calendar (both seeded from db/*.csv when this migration runs, then edited in the system).
CREATE TABLE result_categories (
    code         TEXT PRIMARY KEY,
    name         TEXT    NOT NULL,
    name_en      TEXT    NOT NULL DEFAULT '',
    problem      INTEGER NOT NULL DEFAULT 0,
    needs_case   INTEGER NOT NULL DEFAULT 0,
    needs_remark INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL DEFAULT 0,
    active       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE calendar_days (
    day  TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

-- Years whose holidays and make-up days have been entered.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY
);

CREATE TABLE assignments (
    id            INTEGER PRIMARY KEY,
    draw_id       INTEGER NOT NULL REFERENCES draws(id),
    code          TEXT    NOT NULL,
    enterprise_id INTEGER REFERENCES enterprises(id),
    -- Snapshot ids: the lead, and everyone in the team (comma separated).
    lead          TEXT    NOT NULL,
    team          TEXT    NOT NULL,
    items         TEXT    NOT NULL DEFAULT '',
    quarter       TEXT    NOT NULL,
    released_at   TEXT    NOT NULL,
    UNIQUE (draw_id, code)
);

CREATE TABLE results (
    id               INTEGER PRIMARY KEY,
    assignment_id    INTEGER NOT NULL UNIQUE REFERENCES assignments(id),
    revision         INTEGER NOT NULL DEFAULT 1,
    status           TEXT    NOT NULL,
    inspected_on     TEXT    NOT NULL,
    present          TEXT    NOT NULL,
    items            TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    findings         TEXT    NOT NULL DEFAULT '',
    rectify_by       TEXT,
    case_no          TEXT    NOT NULL DEFAULT '',
    mobile_no        TEXT    NOT NULL DEFAULT '',
    signature        TEXT    NOT NULL,
    signature_reason TEXT    NOT NULL DEFAULT '',
    evidence         TEXT    NOT NULL DEFAULT '',
    typical          INTEGER NOT NULL DEFAULT 0,
    typical_note     TEXT    NOT NULL DEFAULT '',
    entered_by       TEXT    NOT NULL,
    entered_at       TEXT    NOT NULL,
    reviewed_by      TEXT,
    reviewed_at      TEXT,
    review_comment   TEXT    NOT NULL DEFAULT '',
    published_at     TEXT
);
CREATE INDEX results_inspected_on ON results (inspected_on);

-- Off-site supervision (在线监测, 分表计电, video) of positive-list firms, each quarter (S6).
CREATE TABLE offsite_records (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    quarter       TEXT    NOT NULL,
    method        TEXT    NOT NULL,
    checked_on    TEXT    NOT NULL,
    result        TEXT    NOT NULL,
    note          TEXT    NOT NULL DEFAULT '',
    entered_by    TEXT    NOT NULL,
    entered_at    TEXT    NOT NULL,
    UNIQUE (enterprise_id, quarter, method)
);
