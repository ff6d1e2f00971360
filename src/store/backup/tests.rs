//! Tests of `backup`.

use super::*;

fn filled(path: &Path) -> Store {
    let mut s = Store::open(path).unwrap();
    s.write(|db| {
        db.0.execute_batch("INSERT INTO settings (key, value) VALUES ('marker', '\"one\"');")?;
        Ok::<_, super::super::StoreError>(())
    })
    .unwrap();
    s
}

fn marker(path: &Path) -> Option<String> {
    let c = Connection::open(path).unwrap();
    c.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| {
        r.get(0)
    })
    .ok()
}

#[test]
fn backup_is_one_checked_file() {
    let dir = tempfile::tempdir().unwrap();
    let s = filled(&dir.path().join("a.sqlite3"));
    let out = dir.path().join("out/b.sqlite3");
    let check = s.backup_to(&out).unwrap();
    assert_eq!(check.schema_version, SCHEMA_VERSION);
    assert!(check.bytes > 0);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["b.sqlite3"]);
    let header = std::fs::read(&out).unwrap();
    assert_eq!(&header[18..20], &[1, 1], "rollback journal, not WAL");
    // Checking leaves nothing beside it either.
    Store::check_file(&out).unwrap();
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        1
    );
    assert!(matches!(
        s.backup_to(&dir.path().join("a.sqlite3")),
        Err(BackupError::SameFile(_))
    ));
}

#[test]
fn backup_finishes_while_another_connection_keeps_writing() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.sqlite3");
    let s = filled(&p);
    // About 2,500 pages: ten steps.
    s.conn
        .execute_batch(
            "CREATE TABLE pad (id INTEGER PRIMARY KEY, b BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
                 INSERT INTO pad (b) SELECT zeroblob(4000) FROM n;",
        )
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicI64::new(0));
    let writer = {
        let (stop, acked, p) = (stop.clone(), acked.clone(), p.clone());
        std::thread::spawn(move || {
            let c = Connection::open(&p).unwrap();
            c.busy_timeout(Duration::from_secs(5)).unwrap();
            c.execute_batch("CREATE TABLE w (n INTEGER)").unwrap();
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                c.execute("INSERT INTO w (n) VALUES (?1)", [n]).unwrap();
                acked.store(n, Ordering::SeqCst);
            }
        })
    };
    while acked.load(Ordering::SeqCst) < 10 {
        std::thread::sleep(Duration::from_millis(1));
    }
    let before = acked.load(Ordering::SeqCst);
    let out = dir.path().join("b.sqlite3");
    let restarts = {
        let mut dst = Connection::open(&out).unwrap();
        copy(&s.conn, &mut dst, &p).unwrap()
    };
    let during = acked.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.join().unwrap();
    assert!(restarts >= 1, "the writer wrote between steps");
    assert!(during > before, "the writer was not blocked");
    let c = Connection::open(&out).unwrap();
    let max: i64 = c
        .query_row("SELECT max(n) FROM w", [], |r| r.get(0))
        .unwrap();
    assert!(max >= before, "{max} < {before}");
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn checks_a_wal_mode_database_without_litter() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.sqlite3");
    drop(filled(&p));
    assert_eq!(&std::fs::read(&p).unwrap()[18..20], &[2, 2]);
    assert!(!sidecar(&p, "-wal").exists());
    Store::check_file(&p).unwrap();
    assert!(!sidecar(&p, "-wal").exists());
    assert!(!sidecar(&p, "-shm").exists());
}

#[test]
fn an_open_connection_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.sqlite3");
    let s = filled(&p);
    let l = Store::in_use(&p).unwrap();
    assert!(l.held && l.sidecars);
    drop(s);
    let l = Store::in_use(&p).unwrap();
    assert!(!l.held && !l.sidecars, "{l:?}");
    // A plain reader with an open read transaction.
    let c = Connection::open(&p).unwrap();
    c.execute_batch("BEGIN; SELECT count(*) FROM settings;")
        .unwrap();
    assert!(Store::in_use(&p).unwrap().held);
    drop(c);
    assert!(!Store::in_use(&p).unwrap().held);
    assert!(!Store::in_use(&dir.path().join("none")).unwrap().held);
}

#[test]
fn restore_keeps_the_previous_content() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.sqlite3");
    let s = filled(&a);
    let backup = dir.path().join("b.sqlite3");
    s.backup_to(&backup).unwrap();
    let mut s = s;
    s.write(|db| {
        db.set_setting("marker", "\"two\"")?;
        Ok::<_, super::super::StoreError>(())
    })
    .unwrap();
    // Restored while `s` still has the database open.
    let keep = dir.path().join("a.keep");
    let kept = Store::restore_file(&a, &backup, &keep).unwrap();
    assert_eq!(kept.as_deref(), Some(keep.as_path()));
    assert_eq!(marker(&keep).as_deref(), Some("\"two\""));
    let now: Option<String> = s
        .read::<_, super::super::StoreError>(|db| db.setting("marker"))
        .unwrap();
    assert_eq!(
        now.as_deref(),
        Some("\"one\""),
        "the open connection sees it"
    );
    drop(s);
    assert_eq!(marker(&a).as_deref(), Some("\"one\""));
    // Into a new place.
    let fresh = dir.path().join("new/c.sqlite3");
    assert_eq!(
        Store::restore_file(&fresh, &backup, &dir.path().join("c.keep")).unwrap(),
        None
    );
    assert_eq!(marker(&fresh).as_deref(), Some("\"one\""));
    // Over garbage: renamed aside.
    let g = dir.path().join("g.sqlite3");
    std::fs::write(&g, b"not a database at all, but someone's file".repeat(200)).unwrap();
    let gk = dir.path().join("g.keep");
    Store::restore_file(&g, &backup, &gk).unwrap();
    assert!(std::fs::read(&gk).unwrap().starts_with(b"not a database"));
    assert_eq!(marker(&g).as_deref(), Some("\"one\""));
}

#[test]
fn restore_over_a_damaged_database_keeps_it_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("b.sqlite3");
    filled(&dir.path().join("a.sqlite3"))
        .backup_to(&backup)
        .unwrap();
    let d = dir.path().join("d.sqlite3");
    drop(filled(&d));
    let mut bytes = std::fs::read(&d).unwrap();
    bytes[4 * 4096..6 * 4096].fill(0x5a);
    std::fs::write(&d, &bytes).unwrap();
    assert!(matches!(
        Store::check_file(&d),
        Err(BackupError::Damaged { .. })
    ));
    let keep = dir.path().join("d.keep");
    Store::restore_file(&d, &backup, &keep).unwrap();
    Store::check_file(&d).unwrap();
    assert_eq!(
        &std::fs::read(&keep).unwrap()[4 * 4096..6 * 4096],
        &bytes[4 * 4096..6 * 4096]
    );
}

#[test]
fn check_refuses_what_is_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g");
    std::fs::write(&g, vec![7u8; 9000]).unwrap();
    assert!(matches!(
        Store::check_file(&g),
        Err(BackupError::NotADatabase(_))
    ));
    assert!(matches!(
        Store::check_file(&dir.path().join("none")),
        Err(BackupError::Missing(_))
    ));
    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(matches!(
        Store::check_file(&other),
        Err(BackupError::NotShuangsui(_))
    ));
    let newer = dir.path().join("newer.sqlite3");
    drop(filled(&newer));
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    assert!(matches!(
        Store::check_file(&newer),
        Err(BackupError::NewerSchema { found, .. }) if found == SCHEMA_VERSION + 1
    ));
}

#[test]
fn uri_escapes_reserved_characters() {
    assert_eq!(
        file_uri(Path::new("/a b/c?d#e%f.db")).as_deref(),
        Some("file:/a b/c%3Fd%23e%25f.db")
    );
}
