//! The audit store's tests: appending, the chain, bulk appends equal to one-by-one, verification.

use super::*;
use crate::domain::audit::ChainProblem;
use crate::store::{Store, StoreError};

#[test]
fn append_only() {
    let mut s = Store::open_in_memory().unwrap();
    let id = s
        .write(|db| {
            db.append_audit(&AuditEntry {
                at: "2024-04-01T09:00:00+08:00",
                actor: "admin",
                action: "create",
                entity: "enterprise",
                entity_id: Some(1),
                summary: "",
                before: None,
                after: Some("{}"),
            })
        })
        .unwrap();
    let err = s.write(|db| db.tamper_audit(id)).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = s
        .write(|db| -> Result<usize, StoreError> { Ok(db.0.execute("DELETE FROM audit", [])?) })
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(s.read(|db| db.audit_of("enterprise", 1)).unwrap().len(), 1);
}

fn entry(summary: &str) -> AuditEntry<'_> {
    AuditEntry {
        at: "2024-04-01T09:00:00+08:00",
        actor: "admin",
        action: "update",
        entity: "enterprise",
        entity_id: Some(3),
        summary,
        before: Some("{}"),
        after: None,
    }
}

/// A store with `n` chained entries.
fn trail(n: usize) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.write(|db| -> Result<()> {
        for i in 1..=n {
            db.append_audit(&entry(&format!("change {i}")))?;
        }
        Ok(())
    })
    .unwrap();
    s
}

/// Runs SQL as an attacker with the file would: triggers dropped and the CHECK
/// constraints ignored first.
fn attack(s: &mut Store, sql: &str) {
    s.write(|db| -> Result<()> {
        db.0.execute_batch(
            "DROP TRIGGER IF EXISTS audit_no_update;
             DROP TRIGGER IF EXISTS audit_no_delete;
             PRAGMA ignore_check_constraints = ON;",
        )?;
        db.0.execute_batch(sql)?;
        Ok(db
            .0
            .execute_batch("PRAGMA ignore_check_constraints = OFF;")?)
    })
    .unwrap();
}

/// Entries appended many to a statement are the rows appending them one by one gives:
/// full statements, a shorter last one, and after rows already there.
#[test]
fn appending_in_bulk_writes_the_rows_one_by_one_would() {
    let summaries: Vec<String> = (0..150).map(|i| format!("change {i}")).collect();
    let entries: Vec<AuditEntry<'_>> = summaries.iter().map(|s| entry(s)).collect();
    let (mut bulk, mut single) = (trail(3), trail(3));
    let last = bulk
        .write(|db| {
            db.append_audits(&entries[..70])
                .and_then(|_| db.append_audits(&entries[70..]))
        })
        .unwrap();
    single
        .write(|db| -> Result<()> {
            for e in &entries {
                db.append_audit(e)?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(last, 153);
    let rows = |s: &mut Store| {
        s.read(|db| -> Result<Vec<(i64, String, String, String)>> {
            let mut st =
                db.0.prepare("SELECT id, summary, prev, hash FROM audit ORDER BY id")?;
            let v = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(v)
        })
        .unwrap()
    };
    assert_eq!(rows(&mut bulk), rows(&mut single));
    assert!(bulk.read(|db| db.verify_audit(None)).unwrap().is_ok());
}

/// A row without its chain link is refused (migration 0014's CHECK constraint), also
/// when written around the program.
#[test]
fn a_row_without_its_link_is_refused() {
    let mut s = trail(1);
    for (prev, hash) in [("NULL", "NULL"), ("'ab'", "'cd'"), ("NULL", "'x'")] {
        let err = s
            .write(|db| -> Result<()> {
                let sql = format!(
                    "INSERT INTO audit (id, at, actor, action, entity, summary, prev, hash)
                     VALUES (2, 'now', 'x', 'create', 'user', '', {prev}, {hash})"
                );
                Ok(db.0.execute_batch(&sql)?)
            })
            .unwrap_err();
        assert!(err.to_string().contains("audit_needs_hash"), "{err}");
    }
    assert_eq!(s.read(|db| db.verify_audit(None)).unwrap().rows, 1);
}

fn problems(s: &mut Store) -> Vec<ChainProblem> {
    s.read(|db| db.verify_audit(None)).unwrap().problems
}

fn stored(s: &mut Store, id: i64) -> (String, String) {
    s.read(|db| -> Result<(String, String)> {
        Ok(db
            .0
            .query_row("SELECT prev, hash FROM audit WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?)
    })
    .unwrap()
}

#[test]
fn appends_link_each_row_to_the_one_before() {
    let mut s = trail(5);
    let r = s.read(|db| db.verify_audit(None)).unwrap();
    assert!(r.is_ok(), "{:?}", r.problems);
    assert_eq!(r.rows, 5);
    let (prev1, hash1) = stored(&mut s, 1);
    assert_eq!(prev1, "0".repeat(64));
    let (prev2, hash2) = stored(&mut s, 2);
    assert_eq!(prev2, hash1);
    let (_, hash5) = stored(&mut s, 5);
    assert_eq!(r.last.map(|(id, h)| (id, h.to_hex())), Some((5, hash5)));
    // Row 2 recomputed by hand from its stored values.
    let cols = [
        Value::Integer(2),
        Value::text("2024-04-01T09:00:00+08:00"),
        Value::text("admin"),
        Value::text("update"),
        Value::text("enterprise"),
        Value::Integer(3),
        Value::text("change 2"),
        Value::text("{}"),
        Value::Null,
    ];
    let prev = H256::from_hex(&prev2).unwrap();
    assert_eq!(link(&prev, &cols).to_hex(), hash2);
    // The table refuses a row without its link.
    let err = s
        .write(|db| -> Result<usize> {
            Ok(db.0.execute(
                "INSERT INTO audit (at, actor, action, entity) VALUES ('t', 'a', 'b', 'c')",
                [],
            )?)
        })
        .unwrap_err();
    assert!(err.to_string().contains("audit_needs_hash"), "{err}");
}

#[test]
fn verify_names_a_changed_row() {
    let mut s = trail(6);
    attack(&mut s, "UPDATE audit SET summary = 'x' WHERE id = 5");
    assert_eq!(problems(&mut s), [ChainProblem::Altered { id: 5 }]);
    // NULL made empty, a number made NULL, a text made a blob: all seen.
    let mut s = trail(6);
    attack(
        &mut s,
        "UPDATE audit SET before = '' WHERE id = 2;
         UPDATE audit SET entity_id = NULL WHERE id = 3;
         UPDATE audit SET actor = CAST('admin' AS BLOB) WHERE id = 4;",
    );
    assert_eq!(
        problems(&mut s),
        [
            ChainProblem::Altered { id: 2 },
            ChainProblem::Altered { id: 3 },
            ChainProblem::Altered { id: 4 }
        ]
    );
}

#[test]
fn verify_names_a_removed_row() {
    let mut s = trail(6);
    attack(&mut s, "DELETE FROM audit WHERE id = 4");
    assert_eq!(
        problems(&mut s),
        [ChainProblem::Missing { after: 3, next: 5 }]
    );
    // Removing the end is invisible without an anchor, as documented.
    let mut s = trail(6);
    let (_, h6) = stored(&mut s, 6);
    attack(&mut s, "DELETE FROM audit WHERE id = 6");
    assert_eq!(problems(&mut s), []);
    let anchor = Anchor {
        id: 6,
        hash: H256::from_hex(&h6).unwrap(),
    };
    assert_eq!(
        s.read(|db| db.verify_audit(Some(anchor))).unwrap().problems,
        [ChainProblem::AnchorMissing { id: 6 }]
    );
}

#[test]
fn verify_names_a_forged_row_in_the_middle() {
    // Row 3 replaced by a forged one, correctly linked to row 2 and hashed.
    let mut s = trail(6);
    let (prev3, _) = stored(&mut s, 3);
    let mut forged = entry("forged");
    forged.actor = "mallory";
    let cols = [
        Value::Integer(3),
        Value::text(forged.at),
        Value::text(forged.actor),
        Value::text(forged.action),
        Value::text(forged.entity),
        Value::opt_int(forged.entity_id),
        Value::text(forged.summary),
        Value::opt_text(forged.before),
        Value::opt_text(forged.after),
    ];
    let h = link(&H256::from_hex(&prev3).unwrap(), &cols).to_hex();
    attack(
        &mut s,
        &format!(
            "DELETE FROM audit WHERE id = 3;
             INSERT INTO audit (id, at, actor, action, entity, entity_id, summary, before, after, prev, hash)
             VALUES (3, '2024-04-01T09:00:00+08:00', 'mallory', 'update', 'enterprise', 3,
                     'forged', '{{}}', NULL, '{prev3}', '{h}');"
        ),
    );
    assert_eq!(
        problems(&mut s),
        [ChainProblem::Unlinked { id: 4, prev_id: 3 }]
    );
}

#[test]
fn verify_names_reordered_rows() {
    let mut s = trail(6);
    attack(
        &mut s,
        "UPDATE audit SET id = 100 WHERE id = 3;
         UPDATE audit SET id = 3 WHERE id = 4;
         UPDATE audit SET id = 4 WHERE id = 100;",
    );
    let p = problems(&mut s);
    assert!(p.contains(&ChainProblem::Altered { id: 3 }), "{p:?}");
    assert!(p.contains(&ChainProblem::Altered { id: 4 }), "{p:?}");
    assert!(
        p.contains(&ChainProblem::Unlinked { id: 3, prev_id: 2 }),
        "{p:?}"
    );
}

#[test]
fn appends_after_a_hand_inserted_row_keep_the_chain() {
    let mut s = trail(3);
    attack(
        &mut s,
        "INSERT INTO audit (id, at, actor, action, entity) VALUES (4, 't', 'x', 'y', 'z')",
    );
    s.write(|db| db.append_audit(&entry("after"))).unwrap();
    assert_eq!(problems(&mut s), [ChainProblem::Unchained { id: 4 }]);
    let (prev5, _) = stored(&mut s, 5);
    assert_eq!(prev5, stored(&mut s, 3).1);
}
