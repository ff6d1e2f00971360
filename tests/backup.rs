//! `backup` and `restore` through the real binary: a backup taken while another connection keeps
//! writing holds every write acknowledged before it started; a restore refuses a database in
//! use (without `--force`), a damaged, foreign or newer file, and always keeps what it replaces.

mod common;

use common::Env;
use rusqlite::Connection;
use shuangsui::service::Service;
use shuangsui::store::SCHEMA_VERSION;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn integrity(path: &Path) -> String {
    Connection::open(path)
        .expect("open")
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check")
}

fn bureau(path: &Path) -> Option<String> {
    Connection::open(path)
        .expect("open")
        .query_row(
            "SELECT value FROM settings WHERE key = 'bureau_name'",
            [],
            |r| r.get(0),
        )
        .ok()
}

/// The files beside the database named `<db>.before-restore-…`.
fn kept(env: &Env) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(env.dir.path())
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("t.sqlite3.before-restore-"))
        })
        .collect();
    v.sort();
    v
}

/// A database whose bureau name is `name`, backed up to `file` in its folder.
fn backup_named(name: &str) -> (Env, PathBuf) {
    let src = Env::new();
    src.ok(&["settings", "set", "bureau-name", name]);
    let file = src.path("backup.sqlite3");
    src.ok(&["backup", file.to_str().expect("utf-8 path")]);
    (src, file)
}

#[test]
fn backup_while_writing_keeps_every_acknowledged_write() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "300"]);
    let db = env.db();
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicUsize::new(0));
    let writer = {
        let (stop, acked, db) = (stop.clone(), acked.clone(), db.clone());
        std::thread::spawn(move || {
            let mut svc = Service::open(&db).expect("open service");
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                svc.audit_session(
                    "writer",
                    shuangsui::domain::audit::Action::Login,
                    &format!("w{n}"),
                )
                .expect("write");
                n += 1;
                // Acknowledged: committed and returned.
                acked.store(n, Ordering::SeqCst);
            }
            n
        })
    };
    let t = Instant::now();
    while acked.load(Ordering::SeqCst) < 50 {
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the writer never wrote"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let file = env.path("copies/backup.sqlite3");
    let before = acked.load(Ordering::SeqCst);
    let out = env.ok(&["backup", file.to_str().expect("utf-8 path")]);
    let during = acked.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    let total = writer.join().expect("writer");
    assert!(
        out.contains("已备份到") && out.contains("完整性检查通过"),
        "{out}"
    );
    assert!(
        during > before,
        "the writer went on during the backup ({before} → {during})"
    );
    assert_eq!(integrity(&file), "ok");
    // Only the copy is in its folder: no temporary or -wal/-shm files.
    assert_eq!(
        std::fs::read_dir(env.path("copies")).expect("dir").count(),
        1
    );

    // Restored into a fresh place.
    let fresh = Env::new();
    let out = fresh.ok(&["restore", file.to_str().expect("utf-8 path")]);
    assert!(out.contains("已用") && out.contains("恢复数据库"), "{out}");
    assert_eq!(integrity(&fresh.db()), "ok");
    let c = Connection::open(fresh.db()).expect("open restored");
    let written: HashSet<String> = c
        .prepare("SELECT after FROM audit WHERE entity = 'session' AND summary = 'writer'")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for i in 0..before {
        assert!(
            written.contains(&format!("w{i}")),
            "write w{i}, acknowledged before the backup started, is missing"
        );
    }
    assert!(written.len() <= total);
    let n: i64 = c
        .query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 300);
    // The restore is on the restored database's audit trail.
    let restores: i64 = c
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'restore' AND entity = 'database'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(restores, 1);
    assert!(kept(&fresh).is_empty(), "nothing was there to keep");
}

#[test]
fn restore_refuses_a_database_in_use_unless_forced_and_keeps_the_previous() {
    let (_src, file) = backup_named("备份里的局");
    let file = file.to_str().expect("utf-8 path");
    let env = Env::new();
    env.ok(&["settings", "set", "bureau-name", "现在的局"]);

    // A reader in the middle of a read transaction.
    let reader = Connection::open(env.db()).expect("open");
    reader.execute_batch("BEGIN").expect("begin");
    let _: i64 = reader
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .expect("read");
    let r = env.run(&["restore", file]);
    assert!(!r.success());
    assert_eq!(r.0.status.code(), Some(1));
    assert!(
        r.stderr().contains("正被其他进程使用") && r.stderr().contains("--force"),
        "{}",
        r.stderr()
    );
    let r = env.run(&["--lang", "en", "restore", file]);
    assert!(
        r.stderr().contains("open in another process"),
        "{}",
        r.stderr()
    );
    reader.execute_batch("COMMIT").expect("commit");
    drop(reader);

    // An idle server-like connection counts as well.
    let server = Service::open(&env.db()).expect("open");
    let r = env.run(&["restore", file]);
    assert!(r.stderr().contains("正被其他进程使用"), "{}", r.stderr());
    assert!(kept(&env).is_empty(), "a refusal changes nothing");
    assert_eq!(bureau(&env.db()).as_deref(), Some("\"现在的局\""));

    // Forced while it is held: the previous database is kept, the holder sees the new data.
    let out = env.ok(&["restore", file, "--force"]);
    assert!(out.contains("原数据库已保留为"), "{out}");
    assert!(out.contains("建议重启服务器"), "{out}");
    let mut server = server;
    assert_eq!(server.bureau_name().expect("read"), "备份里的局");
    drop(server);
    let k = kept(&env);
    assert_eq!(k.len(), 1, "{k:?}");
    assert_eq!(integrity(&k[0]), "ok");
    assert_eq!(bureau(&k[0]).as_deref(), Some("\"现在的局\""));
    assert_eq!(bureau(&env.db()).as_deref(), Some("\"备份里的局\""));
    assert_eq!(integrity(&env.db()), "ok");

    // Not in use: no --force needed; the replaced database is kept again, under a new name.
    env.ok(&["settings", "set", "bureau-name", "又改了"]);
    let out = env.ok(&["--lang", "en", "restore", file]);
    assert!(out.contains("the previous database is kept as"), "{out}");
    let k = kept(&env);
    assert_eq!(k.len(), 2, "{k:?}");
    let names: Vec<Option<String>> = k.iter().map(|p| bureau(p)).collect();
    assert!(names.contains(&Some("\"又改了\"".into())), "{names:?}");
    assert_eq!(bureau(&env.db()).as_deref(), Some("\"备份里的局\""));
}

#[test]
fn restore_refuses_damaged_foreign_and_newer_files() {
    let env = Env::new();
    env.ok(&["settings", "set", "bureau-name", "现在的局"]);
    let refused = |file: &Path, zh: &str, en: &str| {
        let f = file.to_str().expect("utf-8 path");
        let r = env.run(&["restore", f]);
        assert_eq!(r.0.status.code(), Some(1), "{}", r.stdout());
        assert!(r.stderr().contains(zh), "{}", r.stderr());
        let r = env.run(&["--lang", "en", "restore", f]);
        assert!(r.stderr().contains(en), "{}", r.stderr());
        assert!(kept(&env).is_empty());
        assert_eq!(bureau(&env.db()).as_deref(), Some("\"现在的局\""));
    };

    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    refused(
        &env.file("garbage.sqlite3", &garbage),
        "不是 SQLite 数据库",
        "is not an SQLite database",
    );
    refused(&env.path("missing.sqlite3"), "不存在", "does not exist");

    let (_src, good) = backup_named("备份里的局");
    let bytes = std::fs::read(&good).expect("read backup");
    assert!(bytes.len() > 8 * 4096, "{} bytes", bytes.len());
    // Pages in the middle overwritten.
    let mut damaged = bytes.clone();
    for b in &mut damaged[4 * 4096..6 * 4096] {
        *b = 0x5a;
    }
    refused(
        &env.file("damaged.sqlite3", &damaged),
        "未通过完整性检查",
        "failed the integrity check",
    );
    // Cut short.
    refused(
        &env.file("short.sqlite3", &bytes[..bytes.len() / 2]),
        "未通过完整性检查",
        "failed the integrity check",
    );

    let newer = env.file("newer.sqlite3", &bytes);
    Connection::open(&newer)
        .expect("open")
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .expect("set version");
    refused(&newer, "较新版本", "newer than this program");

    let foreign = env.path("foreign.sqlite3");
    Connection::open(&foreign)
        .expect("open")
        .execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x');")
        .expect("create");
    refused(&foreign, "不是 shuangsui 的数据库", "not a shuangsui one");

    // The database itself.
    refused(&env.db(), "就是数据库文件本身", "is the database itself");

    // A damaged database is what restores are for: replaced, and kept as it was.
    let mut current = std::fs::read(env.db()).expect("read db");
    current[4 * 4096..6 * 4096].fill(0x5a);
    std::fs::write(env.db(), &current).expect("damage db");
    assert_ne!(integrity(&env.db()), "ok");
    env.ok(&["restore", good.to_str().expect("utf-8 path")]);
    assert_eq!(integrity(&env.db()), "ok");
    assert_eq!(bureau(&env.db()).as_deref(), Some("\"备份里的局\""));
    let k = kept(&env);
    assert_eq!(k.len(), 1);
    assert_eq!(
        &std::fs::read(&k[0]).expect("kept")[4 * 4096..6 * 4096],
        &current[4 * 4096..6 * 4096]
    );
}

#[test]
fn backup_refuses_a_missing_database_and_its_own_file() {
    let env = Env::new();
    let out = env.path("b.sqlite3");
    let r = env.run(&["backup", out.to_str().expect("utf-8 path")]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("不存在"), "{}", r.stderr());
    assert!(!env.db().exists(), "no database was created");
    env.ok(&["init"]);
    let r = env.run(&["backup", env.db().to_str().expect("utf-8 path")]);
    assert!(r.stderr().contains("就是数据库文件本身"), "{}", r.stderr());
    assert_eq!(integrity(&env.db()), "ok");
}

#[test]
fn the_daily_backup_is_a_setting() {
    let env = Env::new();
    let dir = env.path("daily");
    env.ok(&[
        "settings",
        "set",
        "backup-dir",
        dir.to_str().expect("utf-8"),
    ]);
    env.ok(&["settings", "set", "backup-keep-days", "14"]);
    let out = env.ok(&["--lang", "en", "settings", "set", "backup-hour", "3"]);
    assert!(out.contains(dir.to_str().expect("utf-8")), "{out}");
    assert!(out.contains("backup-keep-days"), "{out}");
    let r = env.run(&["settings", "set", "backup-hour", "24"]);
    assert!(r.stderr().contains("0–23"), "{}", r.stderr());
    let out = env.ok(&["settings", "set", "backup-dir", "off"]);
    assert!(out.contains("未设置"), "{out}");
}
