-- 0001: registries, check items, users, settings and the append-only audit trail.
-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE enterprises (
    id                INTEGER PRIMARY KEY,
    revision          INTEGER NOT NULL DEFAULT 1,
    name              TEXT    NOT NULL,
    credit_code       TEXT    NOT NULL UNIQUE,
    code_check_waived INTEGER NOT NULL DEFAULT 0,
    permit_no         TEXT,
    permit_category   TEXT    NOT NULL,
    key_unit          INTEGER NOT NULL DEFAULT 0,
    area              TEXT    NOT NULL DEFAULT '',
    industry          TEXT    NOT NULL DEFAULT '',
    pollutants        TEXT    NOT NULL DEFAULT '',
    construction      TEXT,
    scale             TEXT,
    cycle             TEXT,
    monitoring        TEXT    NOT NULL DEFAULT '',
    weather_grade     TEXT,
    credit_rating     TEXT,
    listing_level     TEXT,
    listing_from      TEXT,
    listing_until     TEXT,
    positive_list     INTEGER NOT NULL DEFAULT 0,
    positive_from     TEXT,
    positive_until    TEXT,
    status            TEXT    NOT NULL,
    address           TEXT    NOT NULL DEFAULT '',
    legal_rep         TEXT    NOT NULL DEFAULT '',
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL
);

CREATE TABLE penalties (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    date          TEXT    NOT NULL,
    doc_no        TEXT    NOT NULL,
    summary       TEXT    NOT NULL DEFAULT '',
    UNIQUE (enterprise_id, doc_no)
);
CREATE INDEX penalties_date ON penalties(date);

CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    received      TEXT    NOT NULL,
    ref_no        TEXT    NOT NULL DEFAULT '',
    verified      INTEGER NOT NULL DEFAULT 0,
    verified_on   TEXT,
    summary       TEXT    NOT NULL DEFAULT '',
    UNIQUE (enterprise_id, received, ref_no)
);
CREATE INDEX complaints_verified_on ON complaints(verified_on);

CREATE TABLE inspectors (
    id               INTEGER PRIMARY KEY,
    revision         INTEGER NOT NULL DEFAULT 1,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    aux_type         TEXT,
    unit             TEXT    NOT NULL DEFAULT '',
    cert_no          TEXT    NOT NULL DEFAULT '',
    post             TEXT    NOT NULL DEFAULT '',
    section          TEXT    NOT NULL DEFAULT '',
    region           TEXT    NOT NULL DEFAULT '',
    years_of_service INTEGER,
    expertise        TEXT    NOT NULL DEFAULT '',
    phone            TEXT    NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1,
    inactive_reason  TEXT    NOT NULL DEFAULT '',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE UNIQUE INDEX inspectors_cert ON inspectors(kind, cert_no) WHERE cert_no <> '';

CREATE TABLE conflicts (
    id            INTEGER PRIMARY KEY,
    inspector_id  INTEGER NOT NULL REFERENCES inspectors(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),
    reason        TEXT    NOT NULL,
    declared_on   TEXT    NOT NULL,
    withdrawn     TEXT
);
CREATE INDEX conflicts_inspector ON conflicts(inspector_id);

CREATE TABLE check_items (
    id              INTEGER PRIMARY KEY,
    code            TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    name            TEXT    NOT NULL,
    basis           TEXT    NOT NULL DEFAULT '',
    subject         TEXT    NOT NULL DEFAULT '',
    method          TEXT    NOT NULL,
    scope           TEXT    NOT NULL DEFAULT '',
    effective_from  TEXT    NOT NULL,
    effective_until TEXT,
    retired_reason  TEXT    NOT NULL DEFAULT '',
    UNIQUE (code, version)
);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL DEFAULT '',
    roles                TEXT    NOT NULL,
    inspector_id         INTEGER REFERENCES inspectors(id),
    disabled             INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT,
    created_at           TEXT    NOT NULL
);

CREATE TABLE user_keys (
    id        INTEGER PRIMARY KEY,
    user_id   INTEGER NOT NULL REFERENCES users(id),
    algorithm TEXT    NOT NULL,
    blob      BLOB    NOT NULL,
    comment   TEXT    NOT NULL DEFAULT '',
    UNIQUE (user_id, blob)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    summary   TEXT    NOT NULL DEFAULT '',
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
