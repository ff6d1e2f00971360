//! The front door over real SSH: parallel guessing checks no more passwords than the limit,
//! idle handshakes are closed after the grace time, caps on unauthenticated connections refuse
//! the surplus while others still get in, and the administrator sees refusals on the users
//! screen.

mod common;
use common::ssh::{Client, Cred, PASSWORD, Term, login, start_server_with};
use russh::client;
use russh::keys::PrivateKeyWithHashAlg;
use shuangsui::service::Actor;
use shuangsui::ssh::DoorLimits;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

/// A TCP connection from `from` (any 127.x address) to `to`.
async fn tcp_from(from: &str, to: SocketAddr) -> std::io::Result<TcpStream> {
    let s = TcpSocket::new_v4()?;
    s.bind(format!("{from}:0").parse().expect("address"))?;
    s.connect(to).await
}

/// Reads until the server closes the connection; `None` if it is still open `max` after
/// `start`. Returns the time from `start`.
async fn closed_by(stream: &mut TcpStream, start: Instant, max: Duration) -> Option<Duration> {
    let mut buf = [0u8; 4096];
    loop {
        let left = max.checked_sub(start.elapsed())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),

            Ok(Ok(_)) => continue,
            Err(_) => return None,
        }
    }
}

/// One password attempt on a connection of its own; `None` when the connection itself failed.
async fn try_password(addr: SocketAddr, user: &str, password: &str) -> Option<bool> {
    try_password_from("127.0.0.1", addr, user, password).await
}

async fn try_password_from(
    from: &str,
    addr: SocketAddr,
    user: &str,
    password: &str,
) -> Option<bool> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(60)),
        ..Default::default()
    });
    let stream = tcp_from(from, addr).await.ok()?;
    let mut h = client::connect_stream(config, stream, Client).await.ok()?;
    let r = h.authenticate_password(user, password).await.ok()?;
    Some(r.success())
}

fn audited(srv: &common::ssh::TestServer, action: &str, user: &str) -> usize {
    srv.service()
        .audit_recent(&Actor::console(), 5000)
        .expect("audit")
        .iter()
        .filter(|a| a.action == action && a.summary.contains(user))
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_check_at_most_the_limit() {
    let srv = start_server_with(|s| {
        s.failed_logins = 5;
        // Long enough that every attempt arrives within it on a busy machine.
        s.failure_window = Duration::from_secs(20);
        s.door = DoorLimits {
            max_unauthenticated: 200,
            max_unauthenticated_per_address: 200,
            ..DoorLimits::default()
        };
    })
    .await;
    let addr = srv.addr();
    let mut tasks = Vec::new();
    for i in 0..99 {
        tasks.push(tokio::spawn(async move {
            try_password(addr, "admin", &format!("wrong-{i}")).await
        }));
    }
    // The right password, sent last: once the guesses that got checked have failed (sent
    // among the first five, it would be checked, and rightly let in).
    for _ in 0..300 {
        if audited(&srv, "login_failed", "admin") >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let right = try_password(addr, "admin", PASSWORD).await;
    assert_eq!(
        right,
        Some(false),
        "the right password is refused while limited"
    );
    let mut answered = 1;
    for t in tasks {
        answered += usize::from(t.await.expect("task").is_some());
    }
    assert!(answered >= 95, "{answered} of 100 attempts got an answer");
    let checked = audited(&srv, "login_failed", "admin");
    assert!(checked <= 5, "{checked} passwords checked, limit 5");
    assert!(audited(&srv, "login_refused", "admin") >= 90);
    // Once the window has passed, the right password is admitted.
    tokio::time::sleep(Duration::from_secs(21)).await;
    assert_eq!(try_password(addr, "admin", PASSWORD).await, Some(true));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_says_no_more_than_a_wrong_password_and_takes_as_long() {
    let srv = start_server_with(|s| s.failed_logins = 2).await;
    let addr = srv.addr();
    let time = |user: &'static str, pw: &'static str| async move {
        let t = Instant::now();
        let r = try_password(addr, user, pw).await;
        (r, t.elapsed())
    };
    let (r1, wrong) = time("leader", "nope-1").await;
    let (r2, _) = time("leader", "nope-2").await;
    assert_eq!((r1, r2), (Some(false), Some(false)));
    let (r3, refused) = time("leader", PASSWORD).await;
    assert_eq!(r3, Some(false), "refused like a wrong password");
    // The same for a name that does not exist.
    let (r4, _) = time("nobody-here", "x").await;
    assert_eq!(r4, Some(false));
    let (lo, hi) = (wrong.as_secs_f64() * 0.5, wrong.as_secs_f64() * 2.0 + 0.2);
    let r = refused.as_secs_f64();
    assert!(
        lo <= r && r <= hi,
        "refused in {r:.3}s, a wrong password in {:.3}s",
        wrong.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_never_log_in_are_closed_after_the_grace_time() {
    let srv = start_server_with(|s| {
        s.door = DoorLimits {
            login_grace: Duration::from_secs(2),
            ..DoorLimits::default()
        }
    })
    .await;
    let addr = srv.addr();
    // Banner only, and nothing at all.
    let start = Instant::now();
    let mut banner = tcp_from("127.0.0.1", addr).await.expect("connect");
    banner
        .write_all(b"SSH-2.0-probe_1.0\r\n")
        .await
        .expect("banner");
    let mut silent = tcp_from("127.0.0.1", addr).await.expect("connect");
    for s in [&mut banner, &mut silent] {
        let took = closed_by(s, start, Duration::from_secs(6))
            .await
            .expect("closed by the server");
        assert!(took >= Duration::from_millis(1500), "closed after {took:?}");
    }
    // A logged-in session outlives the grace time.
    let mut t = Term::connect(addr, "leader", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await);
    tokio::time::sleep(Duration::from_secs(3)).await;
    t.send(b"?").await;
    assert!(t.wait_for("帮助").await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn caps_refuse_the_surplus_and_others_still_get_in() {
    let srv = start_server_with(|s| {
        s.door = DoorLimits {
            login_grace: Duration::from_secs(30),
            max_unauthenticated: 5,
            max_unauthenticated_per_address: 3,
        }
    })
    .await;
    let addr = srv.addr();
    // A logged-in connection, opened before the flood.
    let early = login(addr, "leader", Cred::Password(PASSWORD))
        .await
        .expect("login");
    let mut held = Vec::new();
    for _ in 0..3 {
        let mut s = tcp_from("127.0.0.1", addr).await.expect("connect");
        s.write_all(b"SSH-2.0-probe_1.0\r\n").await.expect("banner");
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    // The fourth from the same address waits a moment for a place, then is refused.
    let mut extra = tcp_from("127.0.0.1", addr).await.expect("connect");
    let took = closed_by(&mut extra, Instant::now(), Duration::from_secs(2)).await;
    assert!(
        took.is_some(),
        "the surplus connection is closed within the wait"
    );
    // A keyed user from another address still logs in.
    let key = srv.admin_key.clone();
    let stream = tcp_from("127.0.0.2", addr).await.expect("connect");
    let mut h = client::connect_stream(Arc::new(client::Config::default()), stream, Client)
        .await
        .expect("handshake");
    let ok = h
        .authenticate_publickey("admin", PrivateKeyWithHashAlg::new(Arc::new(key), None))
        .await
        .expect("auth");
    assert!(ok.success(), "a keyed user from another address logs in");
    // Fill the total (3 + 2 from a third address): the next is refused wherever it comes from.
    for _ in 0..2 {
        let mut s = tcp_from("127.0.0.3", addr).await.expect("connect");
        s.write_all(b"SSH-2.0-probe_1.0\r\n").await.expect("banner");
        held.push(s);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = tcp_from("127.0.0.4", addr).await.expect("connect");
    let took = closed_by(&mut over, Instant::now(), Duration::from_secs(2)).await;
    assert!(took.is_some(), "over the total, refused at once");
    // An authenticated connection still opens a new session.
    let mut t = Term::open(early, 100, 30).await;
    assert!(t.wait_for("首页").await, "{}", t.screen());
    // When the held connections go, new ones are admitted again.
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        login(addr, "leader", Cred::Password(PASSWORD))
            .await
            .is_some()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_users_screen_shows_refused_logins() {
    let srv = start_server_with(|s| s.failed_logins = 2).await;
    let addr = srv.addr();
    // From another address than the administrator's, which the limit also counts.
    for pw in ["nope-1", "nope-2", PASSWORD] {
        let r = try_password_from("127.0.0.5", addr, "leader", pw).await;
        assert_eq!(r, Some(false));
    }
    let h = login(addr, "admin", Cred::Key(&srv.admin_key.clone()))
        .await
        .expect("admin logs in");
    let mut t = Term::open(h, 120, 50).await;
    assert!(t.wait_for("首页").await);
    // The users tab, the row of `leader`, its detail.
    t.send(b"9").await;
    assert!(t.wait_for("leader").await, "{}", t.screen());
    t.send(b"/leader\r").await;
    t.send(b"\r").await;
    assert!(t.wait_for("登录记录").await, "{}", t.screen());
    assert!(t.wait_for("登录被拒").await, "{}", t.screen());
    assert!(t.screen().contains("登录失败"), "{}", t.screen());
}

/// Thirty key logins at once from one address (an office behind NAT): each holds its place at
/// the door only for its handshake, so all get in under the default caps.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_logins_from_one_address_gets_through() {
    let srv = start_server_with(|_| {}).await;
    let addr = srv.addr();
    // Keys, and passwords (slow to check on purpose, so many are checked at once): more
    // at once than the login limit of 5, all good, all get in.
    let tasks: Vec<_> = (0..30)
        .map(|i| {
            let key = srv.admin_key.clone();
            tokio::spawn(async move {
                if i % 2 == 0 {
                    login(addr, "admin", Cred::Key(&key)).await.is_some()
                } else {
                    try_password(addr, "leader", PASSWORD).await == Some(true)
                }
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        ok += usize::from(t.await.expect("task"));
    }
    assert_eq!(ok, 30, "every login of the burst got in");
}
