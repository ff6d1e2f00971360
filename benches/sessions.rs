//! 50 concurrent SSH sessions on loopback, each moving the cursor through a 10,000-row table
//! (issue 3). Run with `cargo bench --bench sessions`. The server is the real binary in its own
//! process (so its memory can be read from /proc); the clients are russh clients in this
//! process. Reports keystroke-to-screen latency (p50, p99), bytes sent per keystroke, and the
//! server's memory per session. `SHUANGSUI_BENCH_SESSIONS`, `SHUANGSUI_BENCH_ROWS` and
//! `SHUANGSUI_BENCH_KEYS` change the sizes.

use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, client};
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::service::{Actor, NewUser, Service};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn rss_kib(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// One session: log in, open the enterprise table, then press Down `keys` times, waiting for the
/// screen update after each. Returns the latencies and the bytes received for the keystrokes.
async fn session(
    addr: std::net::SocketAddr,
    key: Arc<PrivateKey>,
    keys: usize,
    ready: Arc<tokio::sync::Barrier>,
) -> (Vec<Duration>, usize) {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(120)),
        ..Default::default()
    });
    let mut h = client::connect(config, addr, Client)
        .await
        .expect("connect");
    let ok = h
        .authenticate_publickey("bench", PrivateKeyWithHashAlg::new(key, None))
        .await
        .expect("auth")
        .success();
    assert!(ok, "authenticated");
    let mut ch = h.channel_open_session().await.expect("channel");
    ch.request_pty(false, "xterm", 100, 30, 0, 0, &[])
        .await
        .expect("pty");
    ch.request_shell(false).await.expect("shell");
    let mut screen = vt100::Parser::new(
        std::num::NonZeroU16::new(30).unwrap(),
        std::num::NonZeroU16::new(100).unwrap(),
        0,
    );
    let wait_for =
        async |ch: &mut russh::Channel<client::Msg>, screen: &mut vt100::Parser, text: &str| {
            while !screen.screen().contents().contains(text) {
                match tokio::time::timeout(Duration::from_secs(30), ch.wait()).await {
                    Ok(Some(ChannelMsg::Data { data })) => screen.process(&data),
                    Ok(Some(_)) => {}
                    _ => panic!("no {text}"),
                }
            }
        };
    wait_for(&mut ch, &mut screen, "首页").await;
    ch.data(&b"2"[..]).await.expect("send");
    wait_for(&mut ch, &mut screen, "统一社会信用代码").await;
    // Let the frames of opening the table pass, then start together.
    tokio::time::sleep(Duration::from_millis(300)).await;
    while let Ok(Some(_)) = tokio::time::timeout(Duration::from_millis(50), ch.wait()).await {}
    ready.wait().await;
    let mut lat = Vec::with_capacity(keys);
    let mut bytes = 0;
    for i in 0..keys {
        let t = Instant::now();
        ch.data(&b"\x1b[B"[..]).await.expect("send");
        loop {
            match tokio::time::timeout(Duration::from_secs(30), ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    bytes += data.len();
                    lat.push(t.elapsed());
                    break;
                }
                Ok(Some(_)) => {}
                other => panic!("no answer to key press {i}: {other:?}"),
            }
        }
    }
    let _ = ch.data(&b"q"[..]).await;
    (lat, bytes)
}

fn main() {
    let sessions = env("SHUANGSUI_BENCH_SESSIONS", 50);
    let rows = env("SHUANGSUI_BENCH_ROWS", 10_000);
    let keys = env("SHUANGSUI_BENCH_KEYS", 200);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let key = Arc::new(PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key"));
    {
        let mut svc = Service::open(&db).expect("open");
        let me = Actor::console();
        shuangsui::demo::fill(&mut svc, &me, rows).expect("demo");
        let pk = PublicKey::parse(&key.public_key().to_openssh().expect("openssh")).expect("key");
        svc.add_user(
            &me,
            &NewUser {
                name: "bench".into(),
                roles: [Role::Admin].into(),
                keys: vec![pk],
                ..Default::default()
            },
        )
        .expect("user");
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .arg("--db")
        .arg(&db)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut out = BufReader::new(server.stdout.take().expect("stdout"));
    let mut line = String::new();
    while out.read_line(&mut line).unwrap_or(0) > 0 && !line.contains("127.0.0.1") {
        line.clear();
    }
    let pid = server.id();
    let idle = rss_kib(pid);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let addr: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().expect("addr");
    let started = Instant::now();
    let (all, bytes, loaded) = rt.block_on(async {
        let ready = Arc::new(tokio::sync::Barrier::new(sessions + 1));
        let tasks: Vec<_> = (0..sessions)
            .map(|_| tokio::spawn(session(addr, Arc::clone(&key), keys, Arc::clone(&ready))))
            .collect();
        ready.wait().await;
        let loaded = rss_kib(pid);
        let mut all = Vec::new();
        let mut bytes = 0;
        for t in tasks {
            let (l, b) = t.await.expect("session");
            all.extend(l);
            bytes += b;
        }
        (all, bytes, loaded)
    });
    let _ = server.kill();
    let _ = server.wait();
    let mut all = all;
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "{sessions} sessions × {keys} cursor moves over {rows} rows ({} key presses, {:.1} s)",
        all.len(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "keystroke → screen update: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    println!(
        "bytes sent per cursor move: {:.0}",
        bytes as f64 / all.len() as f64
    );
    println!(
        "server memory: {:.1} MiB idle, {:.1} MiB with {sessions} sessions open = {:.2} MiB per session",
        idle as f64 / 1024.0,
        loaded as f64 / 1024.0,
        (loaded.saturating_sub(idle)) as f64 / 1024.0 / sessions as f64
    );
}
