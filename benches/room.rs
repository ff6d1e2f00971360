//! A draw room watched by 20 sessions (issue 5): the time from the administrator's reveal key
//! press until every watcher's screen shows the result. Run with `cargo bench --bench room`.
//! The server is the real binary in its own process; the administrator and the watchers are
//! russh clients in this process. Each round reveals another prepared draw; the figure per round
//! is the slowest watcher. `SHUANGSUI_BENCH_WATCHERS`, `SHUANGSUI_BENCH_ROUNDS` and
//! `SHUANGSUI_BENCH_ROWS` (enterprises) change the sizes.

mod common;

use common::{Screen, env, serve};
use russh::keys::{Algorithm, PrivateKey};
use shuangsui::domain::draw::Quota;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::service::{Actor, DrawRequest, NewUser, Service};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn main() {
    let watchers = env("SHUANGSUI_BENCH_WATCHERS", 20);
    let rounds = env("SHUANGSUI_BENCH_ROUNDS", 5);
    let rows = env("SHUANGSUI_BENCH_ROWS", 2_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let key = Arc::new(PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key"));
    let labels: Vec<String> = {
        let mut svc = Service::open(&db).expect("open");
        let me = Actor::console();
        shuangsui::demo::fill(&mut svc, &me, rows).expect("demo");
        let pk = PublicKey::parse(&key.public_key().to_openssh().expect("openssh")).expect("key");
        let mut add = |name: String, role: Role| {
            svc.add_user(
                &me,
                &NewUser {
                    name,
                    roles: [role].into(),
                    keys: vec![pk.clone()],
                    ..Default::default()
                },
            )
            .expect("user");
        };
        add("admin".into(), Role::Admin);
        for i in 0..watchers {
            add(format!("w{i:02}"), Role::Witness);
        }
        let quarter = Quarter::of(svc.today());
        let mut labels = Vec::new();
        for _ in 0..rounds {
            let mut r = DrawRequest::new(quarter);
            r.items = vec!["HB-STHJ-02".into()];
            r.quota = Some(Quota::Classified {
                key: 3,
                special: 3,
                general: 6,
            });
            let p = svc.prepare_draw(&me, &r).expect("prepare");
            svc.add_entropy(&me, p.id, "bench", "entropy typed before the round")
                .expect("entropy");
            labels.push(p.check.label);
        }
        labels
    };
    let (mut server, addr) = serve(&db);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let results: Vec<Duration> = rt.block_on(async {
        // The list shows the newest draw first; each round moves one row down.
        let revealed_at: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
        let mut admin = Screen::open(addr, "admin", Arc::clone(&key)).await;
        admin.wait_for("首页").await;
        admin.send(b"5").await;
        admin.wait_for("准备时间").await;
        let mut screens = Vec::new();
        for i in 0..watchers {
            let mut s = Screen::open(addr, &format!("w{i:02}"), Arc::clone(&key)).await;
            s.wait_for("首页").await;
            s.send(b"5").await;
            s.wait_for("准备时间").await;
            screens.push(s);
        }
        let mut out = Vec::new();
        for round in 0..rounds {
            let label = &labels[labels.len() - 1 - round];
            // Everyone into this round's room; the administrator opens it first.
            for sc in std::iter::once(&mut admin).chain(screens.iter_mut()) {
                if round > 0 {
                    sc.send(b"\x1b").await;
                    sc.wait_for("准备时间").await;
                    sc.send(b"\x1b[B").await;
                }
                sc.send(b"\r").await;
                sc.wait_for(&format!("摇号室 {label}")).await;
            }
            for sc in std::iter::once(&mut admin).chain(screens.iter_mut()) {
                sc.drain().await;
            }
            admin.send(b"r").await;
            admin.wait_for("确定揭晓").await;
            let ready = Arc::new(tokio::sync::Barrier::new(watchers + 1));
            let seen: Vec<_> = screens
                .drain(..)
                .map(|mut sc| {
                    let ready = Arc::clone(&ready);
                    tokio::spawn(async move {
                        ready.wait().await;
                        sc.wait_for("抽取结果").await;
                        (Instant::now(), sc)
                    })
                })
                .collect();
            ready.wait().await;
            *revealed_at.lock().expect("lock") = Some(Instant::now());
            admin.send(b"y").await;
            let t0 = revealed_at.lock().expect("lock").expect("set");
            let mut slowest = Duration::ZERO;
            for h in seen {
                let (at, sc) = h.await.expect("watcher");
                slowest = slowest.max(at.duration_since(t0));
                screens.push(sc);
            }
            admin.wait_for("抽取结果").await;
            out.push(slowest);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        out
    });
    let _ = server.kill();
    let _ = server.wait();
    let ms: Vec<String> = results
        .iter()
        .map(|d| format!("{:.1}", d.as_secs_f64() * 1e3))
        .collect();
    let mut sorted = results.clone();
    sorted.sort();
    println!(
        "{watchers} watchers, {rounds} reveals over {rows} enterprises: reveal key → result on every watcher's screen (slowest watcher per round), ms: {}",
        ms.join(", ")
    );
    println!(
        "median {:.1} ms, worst {:.1} ms",
        sorted[sorted.len() / 2].as_secs_f64() * 1e3,
        sorted.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
}
