-- 0003: draws of targets and inspector teams (issue 4).
CREATE TABLE draws (
    id            INTEGER PRIMARY KEY,
    quarter       TEXT    NOT NULL,
    label         TEXT    NOT NULL UNIQUE,
    status        TEXT    NOT NULL,
    snapshot      TEXT    NOT NULL,
    params        TEXT    NOT NULL,
    secret        BLOB    NOT NULL,
    commitment    TEXT    NOT NULL,
    public_source TEXT,
    public_value  TEXT,
    min_witnesses INTEGER NOT NULL DEFAULT 1,
    prepared_by   TEXT    NOT NULL,
    prepared_at   TEXT    NOT NULL,
    revealed_at   TEXT,
    certificate   TEXT
);
CREATE INDEX draws_quarter ON draws (quarter);

CREATE TABLE draw_entropy (
    id      INTEGER PRIMARY KEY,
    draw_id INTEGER NOT NULL REFERENCES draws(id),
    witness TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    at      TEXT    NOT NULL
);
CREATE INDEX draw_entropy_draw ON draw_entropy (draw_id);
