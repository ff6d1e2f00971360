-- 0005: the live draw room (issue 5): who joined, the witnesses' answers, the leader's
-- decision, sealing, release to inspectors and annotations after sealing.
ALTER TABLE draws ADD COLUMN room_opened_at TEXT;
ALTER TABLE draws ADD COLUMN sealed_at      TEXT;
ALTER TABLE draws ADD COLUMN released_at    TEXT;
-- A leader's decision on a disputed draw (accept with a note) or a cancellation (reason).
ALTER TABLE draws ADD COLUMN decided_by     TEXT;
ALTER TABLE draws ADD COLUMN decided_at     TEXT;
ALTER TABLE draws ADD COLUMN decision_note  TEXT;

CREATE TABLE draw_members (
    id        INTEGER PRIMARY KEY,
    draw_id   INTEGER NOT NULL REFERENCES draws(id),
    login     TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    roles     TEXT    NOT NULL,
    joined_at TEXT    NOT NULL,
    UNIQUE (draw_id, login)
);

CREATE TABLE draw_answers (
    id        INTEGER PRIMARY KEY,
    draw_id   INTEGER NOT NULL REFERENCES draws(id),
    login     TEXT    NOT NULL,
    confirmed INTEGER NOT NULL,
    reason    TEXT    NOT NULL DEFAULT '',
    at        TEXT    NOT NULL,
    UNIQUE (draw_id, login)
);

CREATE TABLE draw_notes (
    id      INTEGER PRIMARY KEY,
    draw_id INTEGER NOT NULL REFERENCES draws(id),
    by      TEXT    NOT NULL,
    at      TEXT    NOT NULL,
    note    TEXT    NOT NULL
);
