//! 50 concurrent SSH sessions on loopback, each moving the cursor through a 10,000-row table
//! (issue 3). Run with `cargo bench --bench sessions`. The server is the real binary in its own
//! process (so its memory can be read from /proc); the clients are russh clients in this
//! process. Reports keystroke-to-screen latency (p50, p99), bytes sent per keystroke, and the
//! server's memory per session. `SHUANGSUI_BENCH_SESSIONS`, `SHUANGSUI_BENCH_ROWS` and
//! `SHUANGSUI_BENCH_KEYS` change the sizes.

mod common;

use common::{Screen, demo_with_bench_user, env, rss_kib, serve};
use russh::ChannelMsg;
use russh::keys::{Algorithm, PrivateKey};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One session: log in, open the enterprise table, then press Down `keys` times, waiting for the
/// screen update after each. Returns the latencies and the bytes received for the keystrokes.
async fn session(
    addr: std::net::SocketAddr,
    key: Arc<PrivateKey>,
    keys: usize,
    ready: Arc<tokio::sync::Barrier>,
) -> (Vec<Duration>, usize) {
    let mut sc = Screen::open(addr, "bench", key).await;
    sc.wait_for("首页").await;
    sc.send(b"2").await;
    sc.wait_for("统一社会信用代码").await;
    // Let the frames of opening the table pass, then start together.
    tokio::time::sleep(Duration::from_millis(300)).await;
    sc.drain().await;
    ready.wait().await;
    let ch = &mut sc.ch;
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
    demo_with_bench_user(&db, rows, &key);
    let (mut server, addr) = serve(&db);
    let pid = server.id();
    let idle = rss_kib(pid);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
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
