//! City scale (issue 19): the same terminal UI served by shuangsui and, as the anchor in the
//! same run, by OpenSSH's `sshd` running `shuangsui tui` for each login (one process per
//! session, as a plain SSH deployment would). Over a registry of `SHUANGSUI_BENCH_ROWS`
//! enterprises (default 10,000; run again with 100,000) it measures, for each server:
//!
//! - one key login to a fully drawn first screen on an idle server (median of 5);
//! - `SHUANGSUI_BENCH_SESSIONS` (30) key logins at once: time to the first screen, median and max;
//! - the same sessions opening the enterprise table: the server's memory per session (for sshd,
//!   every process of its tree), then keystroke → screen p99 over 50 cursor moves each;
//! - the server's memory 5 s after all sessions closed, over the fresh server.
//!
//! Run with `cargo bench --bench city` as root with `sshd` installed (`openssh-server`).

mod common;

use common::{Screen, demo_with_bench_user, env, rss_kib, serve};
use russh::ChannelMsg;
use russh::keys::{Algorithm, PrivateKey};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Text of the first screen once its figures are drawn.
const FIRST_SCREEN: &str = "各类检查对象与应抽查数量";

/// What one server gave.
#[derive(Default)]
struct Figures {
    login_ms: f64,
    together_median_ms: f64,
    together_max_ms: f64,
    per_session_mib: f64,
    after_close_mib: f64,
    key_p99_ms: f64,
}

/// A server under test: where it listens, who logs in, and how much memory it holds.
trait Server {
    fn addr(&self) -> SocketAddr;
    fn user(&self) -> &str;
    fn rss_kib(&self) -> u64;
}

struct Shuangsui {
    child: Child,
    addr: SocketAddr,
}

impl Server for Shuangsui {
    fn addr(&self) -> SocketAddr {
        self.addr
    }
    fn user(&self) -> &str {
        "bench"
    }
    fn rss_kib(&self) -> u64 {
        rss_kib(self.child.id())
    }
}

struct Sshd {
    child: Child,
    addr: SocketAddr,
}

impl Server for Sshd {
    fn addr(&self) -> SocketAddr {
        self.addr
    }
    fn user(&self) -> &str {
        "root"
    }
    fn rss_kib(&self) -> u64 {
        tree_rss_kib(self.child.id())
    }
}

/// Resident memory of `pid` and every process below it, KiB.
fn tree_rss_kib(pid: u32) -> u64 {
    let mut parent_of = Vec::new();
    for e in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
        // `pid (comm) state ppid …`: the name may hold spaces, so read after the last ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|s| s.parse::<u32>().ok());
        if let Some(pp) = ppid {
            parent_of.push((p, pp));
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let up = tree[i];
        tree.extend(
            parent_of
                .iter()
                .filter(|(_, pp)| *pp == up)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree.iter().map(|p| rss_kib(*p)).sum()
}

impl Sshd {
    /// `sshd` on a free port, running `shuangsui tui --user bench` for every login of root.
    fn start(dir: &Path, db: &Path, key: &PrivateKey) -> Sshd {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let host = dir.join("sshd_host_ed25519_key");
        PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
            .expect("key")
            .write_openssh_file(&host, russh::keys::ssh_key::LineEnding::LF)
            .expect("host key");
        set_mode(&host, 0o600);
        let auth = dir.join("authorized_keys");
        std::fs::write(&auth, key.public_key().to_openssh().expect("openssh")).expect("keys");
        let config = dir.join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
                 PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 UsePAM no\nStrictModes no\nMaxStartups 200\nMaxSessions 200\nLogLevel ERROR\n\
                 ForceCommand {} --db {} tui --user bench\n",
                host.display(),
                dir.join("sshd.pid").display(),
                auth.display(),
                env!("CARGO_BIN_EXE_shuangsui"),
                db.display()
            ),
        )
        .expect("config");
        std::fs::create_dir_all("/run/sshd").expect("/run/sshd");
        let child = Command::new("/usr/sbin/sshd")
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .spawn()
            .expect("sshd runs (install openssh-server; run as root)");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
        for _ in 0..100 {
            if std::net::TcpStream::connect(addr).is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Sshd { child, addr }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("mode");
}

/// Logs in and waits for the fully drawn first screen; returns the session and the time.
async fn login(addr: SocketAddr, user: &str, key: Arc<PrivateKey>) -> (Screen, Duration) {
    let t = Instant::now();
    let mut sc = Screen::open(addr, user, key).await;
    sc.wait_for(FIRST_SCREEN).await;
    (sc, t.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Moves the cursor `keys` times, waiting for the screen's answer each time.
async fn keystrokes(sc: &mut Screen, keys: usize) -> Vec<f64> {
    let mut lat = Vec::with_capacity(keys);
    for _ in 0..keys {
        let t = Instant::now();
        sc.ch.data(&b"\x1b[B"[..]).await.expect("send");
        loop {
            match tokio::time::timeout(Duration::from_secs(30), sc.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    sc.parser.process(&data);
                    lat.push(ms(t.elapsed()));
                    break;
                }
                Ok(Some(_)) => {}
                other => panic!("no answer to a key press: {other:?}"),
            }
        }
    }
    lat
}

/// One session of the crowd: logged in together with the others, on the table, then typing.
async fn crowd_member(
    addr: SocketAddr,
    user: String,
    key: Arc<PrivateKey>,
    on_table: Arc<tokio::sync::Barrier>,
    go: Arc<tokio::sync::Barrier>,
) -> (f64, Vec<f64>) {
    let (mut sc, took) = login(addr, &user, key).await;
    sc.send(b"2").await;
    sc.wait_for("统一社会信用代码").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    sc.drain().await;
    on_table.wait().await;
    go.wait().await;
    let lat = keystrokes(&mut sc, 50).await;
    let _ = sc.ch.data(&b"q"[..]).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    (ms(took), lat)
}

async fn measure(server: &dyn Server, key: Arc<PrivateKey>, sessions: usize) -> Figures {
    let (addr, user) = (server.addr(), server.user().to_string());
    let fresh = server.rss_kib();
    let mut f = Figures::default();
    let mut one = Vec::new();
    for _ in 0..5 {
        let (mut sc, took) = login(addr, &user, Arc::clone(&key)).await;
        one.push(ms(took));
        sc.send(b"q").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    f.login_ms = median(one);
    let on_table = Arc::new(tokio::sync::Barrier::new(sessions + 1));
    let go = Arc::new(tokio::sync::Barrier::new(sessions + 1));
    let tasks: Vec<_> = (0..sessions)
        .map(|_| {
            let (k, u) = (Arc::clone(&key), user.clone());
            tokio::spawn(crowd_member(
                addr,
                u,
                k,
                Arc::clone(&on_table),
                Arc::clone(&go),
            ))
        })
        .collect();
    on_table.wait().await;
    let loaded = server.rss_kib();
    go.wait().await;
    let (mut logins, mut keys) = (Vec::new(), Vec::new());
    for t in tasks {
        let (l, k) = t.await.expect("session");
        logins.push(l);
        keys.extend(k);
    }
    tokio::time::sleep(Duration::from_secs(5)).await;
    f.together_max_ms = logins.iter().copied().fold(0.0, f64::max);
    f.together_median_ms = median(logins);
    keys.sort_by(f64::total_cmp);
    f.key_p99_ms = keys[(keys.len() * 99 / 100).min(keys.len() - 1)];
    f.per_session_mib = loaded.saturating_sub(fresh) as f64 / 1024.0 / sessions as f64;
    f.after_close_mib = server.rss_kib().saturating_sub(fresh) as f64 / 1024.0;
    f
}

fn report(rows: usize, sessions: usize, ours: &Figures, sshd: &Figures) {
    println!(
        "{rows} enterprises, {sessions} sessions: shuangsui | sshd running shuangsui tui | ratio"
    );
    let lines = [
        (
            "one login to the first screen (ms)",
            ours.login_ms,
            sshd.login_ms,
        ),
        (
            "logins at once: median (ms)",
            ours.together_median_ms,
            sshd.together_median_ms,
        ),
        (
            "logins at once: max (ms)",
            ours.together_max_ms,
            sshd.together_max_ms,
        ),
        (
            "memory per session on the table (MiB)",
            ours.per_session_mib,
            sshd.per_session_mib,
        ),
        (
            "memory 5 s after all closed (MiB)",
            ours.after_close_mib,
            sshd.after_close_mib,
        ),
        (
            "keystroke → screen p99 (ms)",
            ours.key_p99_ms,
            sshd.key_p99_ms,
        ),
    ];
    for (name, a, b) in lines {
        let ratio = if b > 0.05 {
            format!("{:.2}×", a / b)
        } else {
            "—".into()
        };
        println!("  {name:<40} {a:>9.1} {b:>9.1} {ratio:>8}");
    }
}

fn main() {
    let rows = env("SHUANGSUI_BENCH_ROWS", 10_000);
    let sessions = env("SHUANGSUI_BENCH_SESSIONS", 30);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let key = Arc::new(PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key"));
    demo_with_bench_user(&db, rows, &key);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let (child, addr) = serve(&db);
    let mut ours = Shuangsui { child, addr };
    let a = rt.block_on(measure(&ours, Arc::clone(&key), sessions));
    let _ = ours.child.kill();
    let _ = ours.child.wait();
    let mut sshd = Sshd::start(dir.path(), &db, &key);
    let b = rt.block_on(measure(&sshd, Arc::clone(&key), sessions));
    let _ = sshd.child.kill();
    let _ = sshd.child.wait();
    report(rows, sessions, &a, &b);
}
