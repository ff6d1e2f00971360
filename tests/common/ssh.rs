//! An SSH test client (russh) whose output is rendered by the `vt100` crate, and a server
//! started in-process on 127.0.0.1:0 over a temporary database.

use russh::keys::{Algorithm, PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, client};
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::service::{Actor, NewUser, Service};
use shuangsui::ssh::{self, Running, Settings};
use shuangsui::strings::Lang;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct TestServer {
    pub dir: tempfile::TempDir,
    pub running: Running,
    pub admin_key: PrivateKey,
    pub settings: Settings,
}

pub const PASSWORD: &str = "correct-horse-1";

impl TestServer {
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("t.sqlite3")
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.addr
    }

    /// A service on the server's database (another writer, as a second process would be).
    pub fn service(&self) -> Service {
        Service::open(&self.db()).expect("open")
    }

    /// Stops the server (sessions are told) and starts it again on the same database.
    pub async fn restart(self) -> TestServer {
        let TestServer {
            dir,
            running,
            admin_key,
            settings,
        } = self;
        running.shutdown("restart").await;
        let running = ssh::start("127.0.0.1:0", settings.clone())
            .await
            .expect("server restarts");
        TestServer {
            dir,
            running,
            admin_key,
            settings,
        }
    }
}

fn settings(dir: &tempfile::TempDir, idle: Duration) -> Settings {
    Settings {
        db: dir.path().join("t.sqlite3"),
        host_key: dir.path().join("host_key"),
        idle,
        lang: Lang::Zh,
        ascii: false,
        failed_logins: 5,
        failure_window: Duration::from_secs(300),
        door: ssh::DoorLimits::default(),
        legacy_algorithms: false,
    }
}

/// Demo data with 60 enterprises; users: admin (password + key), leader, inspector, witnesses
/// w1 and w2 (password), gone (disabled), newbie (must change password).
pub async fn start_server() -> TestServer {
    start_server_idle(Duration::from_secs(600)).await
}

/// As [`start_server`], logging sessions out after `idle`.
pub async fn start_server_idle(idle: Duration) -> TestServer {
    start_server_with(|s| s.idle = idle).await
}

/// As [`start_server`], with settings changed by `change`.
pub async fn start_server_with(change: impl FnOnce(&mut Settings)) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("t.sqlite3");
    let admin_key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
    {
        let mut svc = Service::open(&db).expect("open");
        let me = Actor::console();
        shuangsui::demo::fill(&mut svc, &me, 60).expect("demo");
        let pubkey = PublicKey::parse(&admin_key.public_key().to_openssh().expect("openssh"))
            .expect("parse");
        let add = |svc: &mut Service,
                   name: &str,
                   role: Role,
                   key: Option<PublicKey>,
                   must_change: bool| {
            let nu = NewUser {
                name: name.into(),
                roles: [role].into(),
                keys: key.into_iter().collect(),
                password: Some(PASSWORD.into()),
                must_change_password: must_change,
                ..Default::default()
            };
            svc.add_user(&me, &nu).expect("user");
        };
        add(&mut svc, "admin", Role::Admin, Some(pubkey), false);
        add(&mut svc, "leader", Role::Leader, None, false);
        add(&mut svc, "inspector", Role::Inspector, None, false);
        add(&mut svc, "w1", Role::Witness, None, false);
        add(&mut svc, "w2", Role::Witness, None, false);
        add(&mut svc, "gone", Role::Admin, None, false);
        add(&mut svc, "newbie", Role::Auditor, None, true);
        svc.set_user_disabled(&me, "gone", true).expect("disable");
    }
    let mut settings = settings(&dir, Duration::from_secs(600));
    change(&mut settings);
    let running = ssh::start("127.0.0.1:0", settings.clone())
        .await
        .expect("server starts");
    TestServer {
        dir,
        running,
        admin_key,
        settings,
    }
}

pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;
    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// How to log in.
pub enum Cred<'a> {
    Password(&'a str),
    Key(&'a PrivateKey),
}

/// An authenticated connection.
pub async fn login(
    addr: std::net::SocketAddr,
    user: &str,
    cred: Cred<'_>,
) -> Option<client::Handle<Client>> {
    let config = Arc::new(client::Config {
        inactivity_timeout: Some(Duration::from_secs(30)),
        ..Default::default()
    });
    let mut h = client::connect(config, addr, Client)
        .await
        .expect("connect");
    let ok = match cred {
        Cred::Password(p) => h
            .authenticate_password(user, p)
            .await
            .expect("auth exchange")
            .success(),
        Cred::Key(k) => {
            let hash = h.best_supported_rsa_hash().await.expect("hash").flatten();
            h.authenticate_publickey(user, PrivateKeyWithHashAlg::new(Arc::new(k.clone()), hash))
                .await
                .expect("auth exchange")
                .success()
        }
    };
    ok.then_some(h)
}

/// An interactive terminal over SSH.
pub struct Term {
    pub handle: client::Handle<Client>,
    channel: russh::Channel<client::Msg>,
    parser: vt100::Parser,
    pub exit: Option<u32>,
    pub closed: bool,
    /// Bytes received since the last `take_bytes`.
    pub received: usize,
}

impl Term {
    /// Opens a session with a pty of `cols`×`rows` and a shell.
    pub async fn open(handle: client::Handle<Client>, cols: u16, rows: u16) -> Term {
        let channel = handle.channel_open_session().await.expect("session");
        channel
            .request_pty(false, "xterm-256color", cols as u32, rows as u32, 0, 0, &[])
            .await
            .expect("pty");
        channel.request_shell(false).await.expect("shell");
        Term {
            handle,
            channel,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            exit: None,
            closed: false,
            received: 0,
        }
    }

    pub async fn connect(addr: std::net::SocketAddr, user: &str, cred: Cred<'_>) -> Term {
        let h = login(addr, user, cred).await.expect("login succeeds");
        Term::open(h, 100, 30).await
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.channel.data(bytes).await.expect("send");
    }

    pub async fn resize(&mut self, cols: u16, rows: u16) {
        self.parser.set_size(nz(rows), nz(cols));
        self.channel
            .window_change(cols as u32, rows as u32, 0, 0)
            .await
            .expect("resize");
    }

    /// Reads output for at most `max`; returns early when `until` holds for the screen.
    pub async fn pump(&mut self, max: Duration, until: impl Fn(&str) -> bool) -> bool {
        let end = Instant::now() + max;
        loop {
            if until(&self.screen()) {
                return true;
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() || self.closed {
                return until(&self.screen());
            }
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.received += data.len();
                    self.parser.process(&data);
                }
                Ok(Some(ChannelMsg::ExitStatus { exit_status })) => self.exit = Some(exit_status),
                Ok(Some(ChannelMsg::Eof)) | Ok(Some(ChannelMsg::Close)) | Ok(None) => {
                    self.closed = true
                }
                Ok(Some(_)) => {}
                Err(_) => return until(&self.screen()),
            }
        }
    }

    /// Waits for the next output (at most `max`); true when some arrived.
    pub async fn next_output(&mut self, max: Duration) -> bool {
        let before = self.received;
        let end = Instant::now() + max;
        while self.received == before && !self.closed {
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match tokio::time::timeout(left, self.channel.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => {
                    self.received += data.len();
                    self.parser.process(&data);
                }
                Ok(Some(ChannelMsg::ExitStatus { exit_status })) => self.exit = Some(exit_status),
                Ok(Some(ChannelMsg::Eof)) | Ok(Some(ChannelMsg::Close)) | Ok(None) => {
                    self.closed = true
                }
                Ok(Some(_)) => {}
                Err(_) => break,
            }
        }
        self.received > before
    }

    /// Waits until the screen contains `text` (5 s at most).
    pub async fn wait_for(&mut self, text: &str) -> bool {
        self.pump(Duration::from_secs(5), |s| s.contains(text))
            .await
    }

    /// Reads until the session ends (5 s at most).
    pub async fn wait_closed(&mut self) -> bool {
        let end = Instant::now() + Duration::from_secs(5);
        while !self.closed && Instant::now() < end {
            self.pump(Duration::from_millis(200), |_| false).await;
        }
        self.closed
    }

    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Whether the client's terminal was given back: main screen, cursor visible.
    pub fn restored(&self) -> bool {
        !self.parser.screen().alternate_screen() && !self.parser.screen().hide_cursor()
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap_or(std::num::NonZeroU16::MIN)
}

/// Logs in with the test password and enters the room of the draw `label` from the draws tab
/// (the fifth tab for administrators, leaders and witnesses).
pub async fn into_room(srv: &TestServer, user: &str, label: &str) -> Term {
    let mut t = Term::connect(srv.addr(), user, Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await, "{}", t.screen());
    t.send(b"5").await;
    assert!(t.wait_for(label).await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(
        t.wait_for(&format!("摇号室 {label}")).await,
        "{}",
        t.screen()
    );
    t
}

/// Logs in as the administrator and opens the detail of the enterprise with credit code
/// `code`: the enterprises tab, `/` search, `Enter`. The detail shows `hint` when open.
pub async fn into_enterprise(srv: &TestServer, code: &str, hint: &str) -> Term {
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await, "{}", t.screen());
    t.send(b"2").await;
    assert!(t.wait_for("统一社会信用代码").await, "{}", t.screen());
    t.send(format!("/{code}\r").as_bytes()).await;
    assert!(t.wait_for("1/").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for(hint).await, "{}", t.screen());
    t
}
