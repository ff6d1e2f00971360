//! File exchange with the real OpenSSH `sftp` client in batch mode: uploads land in the user's
//! inbox, exports are downloaded from the outbox, users cannot see each other's files, and
//! every attempt to reach outside the tree (`..`, absolute paths, links, folders, odd names)
//! is refused with nothing written anywhere. Needs `sftp` (`.ci/run` installs openssh-client).

mod common;
use common::sftp::{key_file, sftp};
use common::ssh::start_server;
use russh::keys::{Algorithm, PrivateKey};
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::service::{Actor, NewUser};
use std::path::Path;
use std::process::Command;

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_download_and_isolation_with_openssh_sftp() {
    let srv = start_server().await;
    let work = tempfile::tempdir().unwrap();
    let admin = key_file(&srv.admin_key, &work.path().join("admin_key"));
    let other = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).unwrap();
    let zhao = key_file(&other, &work.path().join("zhao_key"));
    srv.service()
        .add_user(
            &Actor::console(),
            &NewUser {
                name: "zhao".into(),
                roles: [Role::Inspector].into(),
                keys: vec![PublicKey::parse(&other.public_key().to_openssh().unwrap()).unwrap()],
                ..Default::default()
            },
        )
        .unwrap();
    let csv = "单位名称,统一社会信用代码\r\n唐山甲有限公司,91130273MA0A00001X\r\n";
    std::fs::write(work.path().join("企业名录.csv"), csv).unwrap();
    // A file made for the admin, as an export would.
    shuangsui::exchange::outbox::write(&srv.db(), "admin", "通报-2024Q2.html", b"<p>notice</p>")
        .unwrap();

    let out = sftp(
        srv.addr(),
        &admin,
        "admin",
        work.path(),
        "pwd\nls\ncd inbox\nput 企业名录.csv\nls -l\ncd ../outbox\nget 通报-2024Q2.html\nls\n",
    );
    assert!(out.ok, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("Remote working directory: /"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("inbox") && out.stdout.contains("outbox"));
    assert!(out.stdout.contains("企业名录.csv"), "{}", out.stdout);
    let inbox = srv.dir.path().join("inbox/admin");
    assert_eq!(
        std::fs::read_to_string(inbox.join("企业名录.csv")).unwrap(),
        csv
    );
    assert_eq!(
        std::fs::read(work.path().join("通报-2024Q2.html")).unwrap(),
        b"<p>notice</p>"
    );

    // Another user sees neither the upload nor the export.
    let out = sftp(
        srv.addr(),
        &zhao,
        "zhao",
        work.path(),
        "ls inbox\nls outbox\n-get /outbox/通报-2024Q2.html mine.html\n",
    );
    assert!(!out.stdout.contains("企业名录"), "{}", out.stdout);
    assert!(!work.path().join("mine.html").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escapes_are_refused_and_nothing_is_written() {
    let srv = start_server().await;
    let work = tempfile::tempdir().unwrap();
    let admin = key_file(&srv.admin_key, &work.path().join("admin_key"));
    std::fs::write(work.path().join("x.csv"), "a,b\r\n").unwrap();
    let before = files_under(srv.dir.path());
    // `-` lets the batch go on after a refused command.
    let attempts = [
        "-get ../t.sqlite3 stolen1",
        "-get ../../t.sqlite3 stolen2",
        "-get /inbox/../../t.sqlite3 stolen3",
        "-get /etc/passwd stolen4",
        "-get host_key stolen5",
        "-put x.csv ../x.csv",
        "-put x.csv /x.csv",
        "-put x.csv /tmp/x.csv",
        "-put x.csv /outbox/x.csv",
        "-put x.csv /inbox/.hidden",
        "-put x.csv /inbox/a:b.csv",
        "-mkdir /inbox/sub",
        "-ln -s /etc/passwd /inbox/link",
        "-symlink /etc/passwd /inbox/link2",
        "-rename /inbox/x.csv /outbox/x.csv",
        "-rm /t.sqlite3",
        "-rmdir /inbox",
        "-chmod 777 /inbox",
        "cd ..",
    ];
    let out = sftp(
        srv.addr(),
        &admin,
        "admin",
        work.path(),
        &attempts.join("\n"),
    );
    // The last line (`cd ..` at `/`) fails without `-`, so the batch as a whole fails.
    assert!(!out.ok, "{}", out.stdout);
    for n in 1..=5 {
        assert!(
            !work.path().join(format!("stolen{n}")).exists(),
            "stolen{n}"
        );
    }
    let after = files_under(srv.dir.path());
    // Nothing new on the server but the log of these sessions (none in tests) and WAL files.
    let new: Vec<_> = after
        .iter()
        .filter(|f| !before.contains(f) && !f.starts_with("t.sqlite3"))
        .collect();
    assert!(new.is_empty(), "written on the server: {new:?}");
    // Every attempt got an answer: reads find nothing, writes and changes are denied.
    assert_eq!(out.stderr.matches("not found").count(), 5, "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("Permission denied").count(),
        12,
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_are_settings_with_clear_refusals() {
    let srv = start_server().await;
    let work = tempfile::tempdir().unwrap();
    let admin = key_file(&srv.admin_key, &work.path().join("admin_key"));
    let settings = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shuangsui"))
            .arg("--db")
            .arg(srv.db())
            .args(["--lang", "en", "settings", "set"])
            .args(args)
            .output()
            .unwrap()
    };
    let bad = settings(&["upload-max-mb", "0"]);
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("from 1 to 64"),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let ok = settings(&["upload-max-mb", "1"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let shown = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert!(
        shown.contains("upload-max-mb") && shown.contains("inbox-max-files"),
        "{shown}"
    );
    assert!(settings(&["inbox-max-files", "2"]).status.success());

    std::fs::write(work.path().join("big.csv"), vec![b'x'; 1024 * 1024 + 10]).unwrap();
    for n in ["a.csv", "b.csv", "c.csv"] {
        std::fs::write(work.path().join(n), "a,b\r\n").unwrap();
    }
    // Limits apply to sessions started after the change.
    let out = sftp(
        srv.addr(),
        &admin,
        "admin",
        work.path(),
        "cd inbox\n-put big.csv\nput a.csv\nput b.csv\n-put c.csv\nput b.csv\n",
    );
    assert!(out.ok, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("big.csv"), "{}", out.stderr);
    assert!(out.stderr.contains("c.csv"), "{}", out.stderr);
    let mut kept = files_under(&srv.dir.path().join("inbox/admin"));
    kept.sort();
    assert_eq!(kept, vec!["a.csv", "b.csv"]);
}
