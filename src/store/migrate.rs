//! Applies `db/migrations/*.sql` in order, each in its own transaction, recording the count in
//! `PRAGMA user_version` and each name and time in `schema_migrations`.

use super::{Db, Result, StoreError};
use rusqlite::Connection;

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("../../db/migrations/0001_foundation.sql"),
    ),
    (
        "0002_user_preferences",
        include_str!("../../db/migrations/0002_user_preferences.sql"),
    ),
    (
        "0003_draws",
        include_str!("../../db/migrations/0003_draws.sql"),
    ),
    (
        "0004_plans_inspections",
        include_str!("../../db/migrations/0004_plans_inspections.sql"),
    ),
    (
        "0005_ceremony",
        include_str!("../../db/migrations/0005_ceremony.sql"),
    ),
    (
        "0006_results",
        include_str!("../../db/migrations/0006_results.sql"),
    ),
    (
        "0007_statistics",
        include_str!("../../db/migrations/0007_statistics.sql"),
    ),
    (
        "0008_audit_chain",
        include_str!("../../db/migrations/0008_audit_chain.sql"),
    ),
    (
        "0009_evaluations",
        include_str!("../../db/migrations/0009_evaluations.sql"),
    ),
    (
        "0010_stored_files",
        include_str!("../../db/migrations/0010_stored_files.sql"),
    ),
    (
        "0011_evidence",
        include_str!("../../db/migrations/0011_evidence.sql"),
    ),
    (
        "0012_corrections",
        include_str!("../../db/migrations/0012_corrections.sql"),
    ),
    (
        "0013_superseded_records",
        include_str!("../../db/migrations/0013_superseded_records.sql"),
    ),
    (
        "0014_city_scale",
        include_str!("../../db/migrations/0014_city_scale.sql"),
    ),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a database written by a newer version; returns the version found.
pub(super) fn check_version(conn: &Connection) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, MIGRATIONS.len())
}

/// Applies the migrations up to the `upto`-th (tests start from an older schema this way).
fn migrate_to(conn: &mut Connection, upto: usize) -> Result<()> {
    let found = check_version(conn)?;
    for (i, (name, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(upto)
        .skip(found as usize)
    {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        tx.execute_batch(sql)?;
        seed(&tx, name)?;
        tx.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            [name],
        )?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// The Rust step of a migration, after its SQL: data shipped in `db/` that it brings into the
/// database (0006), or values SQL cannot compute (0008 chains the existing audit rows).
fn seed(tx: &Connection, migration: &str) -> Result<()> {
    match migration {
        "0006_results" => seed_results(tx),
        "0008_audit_chain" => super::audit::chain_existing(tx).map(|_| ()),
        _ => Ok(()),
    }
}

/// 0006: the shipped result categories and working-day calendar.
fn seed_results(tx: &Connection) -> Result<()> {
    let cats = crate::domain::result::parse_categories(crate::domain::result::SHIPPED_CATEGORIES)
        .map_err(|e| StoreError::Corrupt(format!("db/result-categories.csv: {e}")))?;
    for (i, c) in cats.iter().enumerate() {
        tx.execute(
            "INSERT INTO result_categories (code, name, name_en, problem, needs_case, needs_remark, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            rusqlite::params![c.code, c.name, c.name_en, c.problem, c.needs_case, c.needs_remark, i as i64],
        )?;
    }
    let cal = crate::domain::calendar::Calendar::shipped();
    for e in cal.entries() {
        tx.execute(
            "INSERT INTO calendar_days (day, kind, note) VALUES (?1, ?2, ?3)",
            rusqlite::params![e.date, e.kind.code(), e.note],
        )?;
    }
    for y in cal.years() {
        tx.execute("INSERT INTO calendar_years (year) VALUES (?1)", [y])?;
    }
    Ok(())
}

impl Db<'_> {
    pub fn user_version(&self) -> Result<i64> {
        Ok(self
            .0
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::ChainProblem;
    use crate::store::{AuditEntry, Store};

    #[test]
    fn upgrade_chains_the_audit_rows_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.sqlite3");
        let mut c = Connection::open(&p).unwrap();
        let before_chain = MIGRATIONS
            .iter()
            .position(|(n, _)| *n == "0008_audit_chain")
            .unwrap();
        migrate_to(&mut c, before_chain).unwrap();
        // More rows than one backfill step, as an older version wrote them.
        for i in 1..=2500 {
            c.execute(
                "INSERT INTO audit (at, actor, action, entity, entity_id, summary, before, after)
                 VALUES ('2024-04-01T09:00:00+08:00', 'admin', 'create', 'enterprise', ?1, '', NULL, '{}')",
                [i],
            )
            .unwrap();
        }
        drop(c);
        let mut s = Store::open(&p).unwrap();
        let r = s.read(|db| db.verify_audit(None)).unwrap();
        assert!(r.is_ok(), "{:?}", r.problems);
        assert_eq!((r.rows, r.last.map(|l| l.0)), (2500, Some(2500)));
        // The append-only trigger is back.
        let err = s.write(|db| db.tamper_audit(1)).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        // New rows continue the chain.
        s.write(|db| {
            db.append_audit(&AuditEntry {
                at: "2024-04-02T09:00:00+08:00",
                actor: "admin",
                action: "update",
                entity: "enterprise",
                entity_id: Some(1),
                summary: "",
                before: Some("{}"),
                after: Some("{}"),
            })
        })
        .unwrap();
        let r = s.read(|db| db.verify_audit(None)).unwrap();
        assert_eq!((r.rows, r.problems), (2501, Vec::<ChainProblem>::new()));
    }

    #[test]
    fn upgrade_keeps_penalties_and_complaints_with_their_ids() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.sqlite3");
        let mut c = Connection::open(&p).unwrap();
        let before = MIGRATIONS
            .iter()
            .position(|(n, _)| *n == "0013_superseded_records")
            .unwrap();
        migrate_to(&mut c, before).unwrap();
        c.execute_batch(
            "INSERT INTO enterprises (id, name, credit_code, permit_category, status, created_at, updated_at)
                 VALUES (7, '甲', '91130273MA0A1B2C3X', 'key', 'active', 't', 't');
             INSERT INTO penalties (id, enterprise_id, date, doc_no, summary)
                 VALUES (40, 7, '2024-03-05', '罚1', '超标');
             INSERT INTO complaints (id, enterprise_id, received, ref_no, verified, verified_on)
                 VALUES (41, 7, '2024-02-01', 'XF-1', 1, '2024-02-09');",
        )
        .unwrap();
        drop(c);
        let mut s = Store::open(&p).unwrap();
        let (pens, comps) = s
            .read(|db| Ok::<_, StoreError>((db.penalties_of(7)?, db.complaints_of(7)?)))
            .unwrap();
        assert_eq!(
            (pens.len(), pens[0].id, pens[0].is_current()),
            (1, 40, true)
        );
        assert_eq!(pens[0].record.doc_no, "罚1");
        assert_eq!((comps.len(), comps[0].id), (1, 41));
        assert_eq!(
            comps[0]
                .record
                .verified_on
                .map(|d| d.to_string())
                .as_deref(),
            Some("2024-02-09")
        );
    }

    /// 0014 moves each draw's snapshot and certificate, byte for byte, out of the draws row.
    #[test]
    fn upgrade_moves_the_draw_texts_out_of_the_draws_row() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("old.sqlite3");
        let mut c = Connection::open(&p).unwrap();
        let before = MIGRATIONS
            .iter()
            .position(|(n, _)| *n == "0014_city_scale")
            .unwrap();
        migrate_to(&mut c, before).unwrap();
        let example = crate::domain::draw::example::snapshot();
        let snapshot = serde_json::to_string(&example).unwrap();
        let params = serde_json::to_string(&crate::domain::draw::example::params()).unwrap();
        let cert = "{\n  \"version\": \"shuangsui-draw/1\"\n}";
        for (id, status, cert) in [(1, "sealed", Some(cert)), (2, "prepared", None)] {
            c.execute(
                "INSERT INTO draws (id, quarter, label, status, snapshot, params, secret,
                   commitment, prepared_by, prepared_at, certificate)
                 VALUES (?1, '2024Q2', ?1, ?2, ?3, ?4, x'00', 'c', 'admin', 'now', ?5)",
                rusqlite::params![id, status, snapshot, params, cert],
            )
            .unwrap();
        }
        drop(c);
        let mut s = Store::open(&p).unwrap();
        let texts = |db: Db<'_>| -> Result<_> {
            let snaps: Vec<(i64, String)> =
                db.0.prepare("SELECT draw_id, snapshot FROM draw_snapshots ORDER BY draw_id")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
            let certs: Vec<(i64, String)> = db
                .0
                .prepare("SELECT draw_id, certificate FROM draw_certificates ORDER BY draw_id")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let cols: Vec<String> =
                db.0.prepare("SELECT name FROM pragma_table_info('draws')")?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
            Ok((snaps, certs, cols))
        };
        let (snaps, certs, cols) = s.read(texts).unwrap();
        assert_eq!(snaps, vec![(1, snapshot.clone()), (2, snapshot)]);
        assert_eq!(certs, vec![(1, cert.to_string())]);
        assert!(
            !cols.iter().any(|c| c == "snapshot" || c == "certificate"),
            "{cols:?}"
        );
        let row = s.read(|db| db.draw(2)).unwrap().unwrap();
        assert_eq!((row.head.label.as_str(), row.certificate), ("2", None));
        assert_eq!(row.snapshot, example);
    }
}
