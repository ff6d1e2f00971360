-- 0008: the audit trail becomes a hash chain (issue 8; docs/audit.md).
-- Shipped migrations are never edited; add a new file instead.
--
-- prev: the hash of the row before (64 zeros for the first row); hash: SHA-256 of the 32 bytes
-- of prev followed by the row's canonical bytes. Both are 64 lowercase hex digits.
ALTER TABLE audit ADD COLUMN prev TEXT;
ALTER TABLE audit ADD COLUMN hash TEXT;

-- Rows written before this migration are chained once, in id order, by the Rust step of this
-- migration (src/store/migrate.rs calls store::audit::chain_existing right after this file, in
-- the same transaction). That fill is an UPDATE, so it drops audit_no_update and recreates it
-- unchanged before the transaction commits: no committed database is ever without it.

-- From now on no row may be appended without its link.
CREATE TRIGGER audit_needs_hash BEFORE INSERT ON audit
WHEN NEW.prev IS NULL OR NEW.hash IS NULL OR length(NEW.prev) <> 64 OR length(NEW.hash) <> 64
BEGIN SELECT RAISE(ABORT, 'audit rows must carry their chain hash'); END;
