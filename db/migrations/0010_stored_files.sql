-- Files kept by the system, once each, named by the SHA-256 of their bytes: the files that
-- imports read (so that a record created by an import is proved by the file and the import's
-- audit entry, not by a copy of its fields per record). Append-only, like the audit trail.
CREATE TABLE stored_files (
    sha256    TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    size      INTEGER NOT NULL,
    bytes     BLOB NOT NULL,
    stored_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER stored_files_no_update BEFORE UPDATE ON stored_files
BEGIN SELECT RAISE(ABORT, 'stored files are never changed'); END;
CREATE TRIGGER stored_files_no_delete BEFORE DELETE ON stored_files
BEGIN SELECT RAISE(ABORT, 'stored files are never deleted'); END;
