//! The audit trail is hash-chained (issue 8): `shuangsui audit verify` passes on a trail the
//! program wrote, and after someone with the database file edits or removes a row with the
//! `sqlite3` tool (dropping the triggers first, as an attacker would) it exits 1 and names the
//! row.

mod common;
use common::Env;

/// Runs SQL on the database with the sqlite3 command-line tool.
fn sqlite3(env: &Env, sql: &str) {
    let out = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg(sql)
        .output();
    match out {
        Ok(o) if o.status.success() => {}
        Ok(o) => panic!("sqlite3 failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) => panic!("the sqlite3 tool is needed for this test (.ci/run installs it): {e}"),
    }
}

/// A database with demo data (hundreds of audited changes); returns the verify output.
fn demo() -> (Env, String) {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "20"]);
    let ok = env.ok(&["audit", "verify"]);
    (env, ok)
}

#[test]
fn intact_trail_verifies_and_prints_its_end() {
    let (env, ok) = demo();
    assert!(ok.starts_with("OK："), "{ok}");
    assert!(ok.contains("最后编号") && ok.contains("--anchor"), "{ok}");
    let en = env.ok(&["--lang", "en", "audit", "verify"]);
    let first = en.lines().next().unwrap_or_default();
    // "OK: N rows, last id I, last hash H"
    let words: Vec<&str> = first.split_whitespace().collect();
    assert_eq!(
        (words[0], words[2], words[3], words[4], words[6], words[7]),
        ("OK:", "rows,", "last", "id", "last", "hash"),
        "{first}"
    );
    let rows: u64 = words[1].parse().expect("row count");
    assert!(rows > 20, "{first}");
    let last_id = words[5].trim_end_matches(',');
    let last_hash = words[8];
    assert_eq!(last_hash.len(), 64, "{first}");
    // The listing still works, with and without the subcommand.
    let list = env.ok(&["audit", "--limit", "3"]);
    assert_eq!(list.lines().count(), 4, "{list}");
    assert_eq!(env.ok(&["audit", "list", "--limit", "3"]), list);
    // The noted end, checked later: still there.
    let anchor = format!("{last_id}:{last_hash}");
    env.ok(&["audit", "verify", "--anchor", &anchor]);
    // A malformed anchor is a usage error.
    let r = env.run(&["audit", "verify", "--anchor", "5:xyz"]);
    assert_eq!(r.0.status.code(), Some(2), "{}", r.stderr());
    // Cutting off the end is only visible against the noted anchor.
    sqlite3(
        &env,
        &format!("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = {last_id};"),
    );
    env.ok(&["audit", "verify"]);
    let r = env.run(&["audit", "verify", "--anchor", &anchor]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(
        r.stdout().contains(&format!("第 {last_id} 条")),
        "{}",
        r.stdout()
    );
}

#[test]
fn edited_row_is_named() {
    let (env, _) = demo();
    sqlite3(
        &env,
        "DROP TRIGGER audit_no_update; UPDATE audit SET summary = 'x' WHERE id = 5;",
    );
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.0.status.code(), Some(1), "{}", r.stdout());
    let out = r.stdout();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("第 5 条") && out.contains("被修改"), "{out}");
    assert!(r.stderr().contains("1 处问题"), "{}", r.stderr());
    let en = env.run(&["--lang", "en", "audit", "verify"]);
    assert_eq!(en.0.status.code(), Some(1));
    assert!(
        en.stdout().contains("row 5: hash mismatch"),
        "{}",
        en.stdout()
    );
    // Writing goes on, and the new rows are chained to the old ones.
    env.ok(&["settings", "set", "bureau-name", "某区生态环境分局"]);
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.stdout().lines().count(), 1, "{}", r.stdout());
}

#[test]
fn removed_row_is_named() {
    let (env, _) = demo();
    sqlite3(
        &env,
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 7;",
    );
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.0.status.code(), Some(1), "{}", r.stdout());
    let out = r.stdout();
    assert!(out.contains("第 7 条缺失"), "{out}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn empty_trail_verifies() {
    let env = Env::new();
    env.ok(&["init"]);
    assert!(env.ok(&["audit", "verify"]).starts_with("OK"));
}
