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

/// Runs a query with the sqlite3 tool and returns its output.
fn query(env: &Env, sql: &str) -> String {
    let out = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg(sql)
        .output()
        .expect("the sqlite3 tool is needed for this test (.ci/run installs it)");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// An import keeps its file once, named by its SHA-256; the records it creates point to it
/// instead of carrying a copy of their fields; changing or deleting the kept file is found.
#[test]
fn imported_files_are_kept_and_checked() {
    let env = Env::new();
    let text = format!(
        "单位名称,统一社会信用代码,排污许可管理类别\n甲公司,{},重点管理\n乙公司,{},登记管理\n",
        common::code("91130273MA0000001"),
        common::code("91130273MA0000002")
    );
    let file = env.file("e.csv", &text);
    env.ok(&["import", "enterprises", &file.to_string_lossy()]);
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let hex: String = text.bytes().map(|b| format!("{b:02X}")).collect();
    assert_eq!(
        query(
            &env,
            &format!("SELECT hex(bytes) FROM stored_files WHERE sha256 = '{sha}'")
        ),
        hex,
        "the file's bytes are kept under their digest"
    );
    assert_eq!(
        query(
            &env,
            "SELECT count(*) FROM audit WHERE action = 'create' AND entity = 'enterprise' AND after IS NULL AND summary LIKE 'e.csv sha256:%'"
        ),
        "2"
    );
    // Importing the same file again keeps it once.
    let again = env.file("again.csv", &text);
    env.ok(&["import", "enterprises", &again.to_string_lossy()]);
    assert_eq!(query(&env, "SELECT count(*) FROM stored_files"), "1");
    env.ok(&["audit", "verify"]);

    sqlite3(
        &env,
        "DROP TRIGGER stored_files_no_update; UPDATE stored_files SET bytes = X'00';",
    );
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(
        r.stdout().contains(&format!("留存文件 {sha}")),
        "{}",
        r.stdout()
    );
    sqlite3(
        &env,
        "DROP TRIGGER stored_files_no_delete; DELETE FROM stored_files;",
    );
    let r = env.run(&["audit", "verify"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stdout().contains("已不存在"), "{}", r.stdout());
}
