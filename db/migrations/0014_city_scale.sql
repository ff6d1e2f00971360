-- 0014: storage for a city's registry (issue 19): a draw's two large texts each in a table of
-- its own, and the audit trail's chain guard as a CHECK constraint instead of a trigger.
-- Shipped migrations are never edited; add a new file instead. (0013 is penalties and
-- complaints, on another branch.)
--
-- 1. Draw texts.
-- The snapshot (~110 bytes a candidate, 10.7 MB at 100,000 enterprises) and the certificate
-- (~220 bytes a candidate) were columns of the draws row. SQLite writes a row whole: every
-- change of a draw's status, room, decision or release rewrote both texts into the WAL and the
-- checkpoint copied them again; the reveal wrote 32 MB for a 21 MB certificate. Now each text
-- is written once, when it comes into being (and the certificate again only when its
-- sign-offs change); the draws row keeps the small columns. The texts are moved as stored,
-- byte for byte: a certificate is published as issued.
CREATE TABLE draw_snapshots (
    draw_id  INTEGER PRIMARY KEY REFERENCES draws(id),
    snapshot TEXT    NOT NULL
);
CREATE TABLE draw_certificates (
    draw_id     INTEGER PRIMARY KEY REFERENCES draws(id),
    certificate TEXT    NOT NULL
);
INSERT INTO draw_snapshots (draw_id, snapshot) SELECT id, snapshot FROM draws;
INSERT INTO draw_certificates (draw_id, certificate)
    SELECT id, certificate FROM draws WHERE certificate IS NOT NULL;
ALTER TABLE draws DROP COLUMN snapshot;
ALTER TABLE draws DROP COLUMN certificate;

-- 2. The audit trail's guard. 0008's trigger audit_needs_hash refused a new row without its
-- chain link (prev and hash, 64 hex digits each). The same rule is now a CHECK constraint of
-- the table, of the same name: a row trigger made SQLite copy every row of a many-row INSERT
-- (an import's entries, 64 to a statement) into a temporary table and run the trigger on each,
-- ~a fifth of what appending cost; a CHECK costs neither. The table is rebuilt with the
-- constraint, rows copied as stored (also one written around the program without its link:
-- `audit verify` reports it as before; the constraint is for new rows), and the index and the
-- append-only triggers recreated unchanged. Dropping the old table fires no DELETE trigger.
CREATE TABLE audit_0014 (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    summary   TEXT    NOT NULL DEFAULT '',
    before    TEXT,
    after     TEXT,
    prev      TEXT,
    hash      TEXT,
    CONSTRAINT audit_needs_hash CHECK (
        prev IS NOT NULL AND hash IS NOT NULL AND length(prev) = 64 AND length(hash) = 64
    )
);
PRAGMA ignore_check_constraints = ON;
INSERT INTO audit_0014 (id, at, actor, action, entity, entity_id, summary, before, after, prev, hash)
    SELECT id, at, actor, action, entity, entity_id, summary, before, after, prev, hash
    FROM audit ORDER BY id;
PRAGMA ignore_check_constraints = OFF;
DROP TABLE audit;
ALTER TABLE audit_0014 RENAME TO audit;
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
