//! `shuangsui serve` as a user starts it: the first start creates `admin` with a one-time
//! password printed once, whose first login must set a new password; `--demo` prints one
//! account per role; the host key is created once (mode 0600) and reused.

mod common;
use common::ssh::{Cred, Term, login};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    /// Kept open so that the server can go on printing.
    _out: BufReader<std::process::ChildStdout>,
    lines: Vec<String>,
    addr: std::net::SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &std::path::Path, extra: &[&str]) -> Server {
    serve_by(Command::new(env!("CARGO_BIN_EXE_shuangsui")), db, extra)
}

/// As [`serve`], started by `cmd` (the binary, or a wrapper such as `prlimit` given the binary).
fn serve_by(mut cmd: Command, db: &std::path::Path, extra: &[&str]) -> Server {
    let mut child = cmd
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .expect("start serve");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut lines = Vec::new();
    let mut addr = None;
    let mut line = String::new();
    // Up to the last line of the start message.
    while out.read_line(&mut line).unwrap_or(0) > 0 {
        if let Some(a) = line.trim().strip_prefix("shuangsui 正在监听 ") {
            addr = a.parse().ok();
        }
        let done = line.contains("连接方法");
        lines.push(std::mem::take(&mut line));
        if done {
            break;
        }
    }
    let addr = addr.unwrap_or_else(|| panic!("no listening line in {lines:?}"));
    Server {
        child,
        _out: out,
        lines,
        addr,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_start_creates_admin_with_a_one_time_password() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("first.sqlite3");
    let srv = serve(&db, &[]);
    let line = srv
        .lines
        .iter()
        .find(|l| l.contains("一次性密码"))
        .expect("password printed")
        .clone();
    let password = line
        .split("一次性密码 ")
        .nth(1)
        .and_then(|s| s.split('（').next())
        .expect("password")
        .trim()
        .to_string();
    assert!(
        srv.lines
            .iter()
            .any(|l| l.contains("主机密钥指纹：SHA256:")),
        "{:?}",
        srv.lines
    );
    let mut t = Term::connect(srv.addr, "admin", Cred::Password(&password)).await;
    assert!(t.wait_for("首次登录须设置新密码").await, "{}", t.screen());
    // The host key was written once, readable by its owner only, and is reused.
    let key = dir.path().join("ssh_host_ed25519_key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let before = std::fs::read(&key).unwrap();
    drop(t);
    drop(srv);
    let again = serve(&db, &[]);
    assert!(
        !again.lines.iter().any(|l| l.contains("一次性密码")),
        "no second admin: {:?}",
        again.lines
    );
    assert_eq!(std::fs::read(&key).unwrap(), before, "host key reused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_prints_one_account_per_role() {
    let dir = tempfile::tempdir().unwrap();
    let srv = serve(&dir.path().join("demo.sqlite3"), &["--demo"]);
    for role in ["admin", "leader", "witness", "inspector", "auditor"] {
        let password = password_of(&srv, role);
        assert!(
            login(srv.addr, role, Cred::Password(&password))
                .await
                .is_some(),
            "{role} logs in"
        );
    }
    // A prepared draw to try the draw room with.
    assert!(
        srv.lines.iter().any(|l| l.contains("演示抽取")),
        "{:?}",
        srv.lines
    );
    // Everything the server wrote beside the database is ignored by git when the database is
    // the default `db/shuangsui.sqlite3` of a checkout: `git status` stays clean.
    let mut t = Term::connect(
        srv.addr,
        "admin",
        Cred::Password(&password_of(&srv, "admin")),
    )
    .await;
    assert!(t.wait_for("首页").await);
    t.send(b"q").await;
    assert!(t.wait_closed().await);
    drop(srv);
    let written = files_under(dir.path());
    assert!(written.len() >= 4, "{written:?}");
    for f in written {
        let rel = format!("db/{}", f.strip_prefix(dir.path()).unwrap().display());
        let ignored = Command::new("git")
            .args(["check-ignore", "--no-index", "-q", &rel])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("git runs");
        assert!(ignored.success(), "{rel} is not ignored by .gitignore");
    }
}

fn password_of(srv: &Server, role: &str) -> String {
    srv.lines
        .iter()
        .find(|l| l.trim_start().starts_with(&format!("{role} ")))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or_else(|| panic!("{role}: {:?}", srv.lines))
        .to_string()
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// A configuration file sets the data folder (host key, daily logs), the language and the
/// limits; a flag still wins; SIGTERM stops the server cleanly; a wrong file starts nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_file_and_a_clean_stop() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let conf = dir.path().join("shuangsui.toml");
    std::fs::write(
        &conf,
        format!(
            "data_dir = {:?}\nlanguage = \"zh\"\nidle_minutes = 15\n[limits]\nfailed_logins = 3\n[ratios]\ngeneral = \"5%\"\n",
            data.to_string_lossy()
        ),
    )
    .unwrap();
    let db = data.join("shuangsui.sqlite3");
    let mut srv = serve(&db, &["--config", &conf.to_string_lossy()]);
    assert!(data.join("ssh_host_ed25519_key").exists());
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let log = data.join("logs").join(format!("shuangsui-{today}.log"));
    // The log line follows the console's; give it a moment.
    let mut text = String::new();
    for _ in 0..60 {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains("listening") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        text.contains("listening") && text.contains("+08:00"),
        "{text}"
    );
    assert!(text.contains("door: server_start "), "{text}");
    // A failed login is one line of the door's, with the address.
    assert!(
        login(srv.addr, "admin", Cred::Password("wrong"))
            .await
            .is_none()
    );
    let line = "door: login_failed addr=127.0.0.1 method=password user=\"admin\"";
    for _ in 0..60 {
        text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.contains(line) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(text.contains(line), "{text}");
    // The file's ratio became the default.
    let settings = std::process::Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .args(["--db", &db.to_string_lossy(), "settings", "show"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&settings.stdout).contains("5%"));
    // SIGTERM: the server says it stops and exits 0.
    let pid = srv.child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    let status = srv.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(text.contains("door: server_stop "), "{text}");

    std::fs::write(&conf, "lisen = \"0.0.0.0:22\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .args(["--config", &conf.to_string_lossy(), "serve"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("配置文件") && err.contains("lisen"), "{err}");
}

/// Out of file descriptors, the server goes on: connections beyond what it can hold wait, and
/// once others close, users log in again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_out_of_descriptors_does_not_stop_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("shuangsui.toml");
    std::fs::write(
        &conf,
        "[limits]\nmax_unauthenticated = 500\nmax_unauthenticated_per_address = 500\nlogin_grace_seconds = 20\n",
    )
    .unwrap();
    let mut cmd = Command::new("prlimit");
    cmd.args(["--nofile=64:64", env!("CARGO_BIN_EXE_shuangsui")]);
    let db = dir.path().join("fd.sqlite3");
    let mut srv = serve_by(cmd, &db, &["--demo", "--config", &conf.to_string_lossy()]);
    let password = password_of(&srv, "admin");
    let mut held = Vec::new();
    for _ in 0..120 {
        match tokio::net::TcpStream::connect(srv.addr).await {
            Ok(s) => held.push(s),
            Err(_) => break,
        }
    }
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(srv.child.try_wait().unwrap().is_none(), "still running");
    drop(held);
    let mut ok = false;
    for _ in 0..50 {
        if login(srv.addr, "admin", Cred::Password(&password))
            .await
            .is_some()
        {
            ok = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(ok, "a user logs in again once descriptors are free");
    assert!(srv.child.try_wait().unwrap().is_none(), "still running");
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let log = dir
        .path()
        .join("logs")
        .join(format!("shuangsui-{today}.log"));
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        text.contains("door: accept_failed"),
        "descriptors ran out: {text}"
    );
}
