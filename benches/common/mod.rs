//! Shared by the SSH benchmarks: the real server binary started in its own process, and russh
//! clients whose screens are rendered by `vt100`.

#![allow(dead_code)]

use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{ChannelMsg, client};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

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

/// A size from the environment, or the default.
pub fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// Resident memory of a process, KiB.
pub fn rss_kib(pid: u32) -> u64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Fills `db` with a demo registry of `rows` enterprises and adds the administrator `bench`
/// who logs in with `key`.
pub fn demo_with_bench_user(db: &Path, rows: usize, key: &PrivateKey) {
    use shuangsui::domain::user::{PublicKey, Role};
    use shuangsui::service::{Actor, NewUser, Service};
    let mut svc = Service::open(db).expect("open");
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

/// Starts `shuangsui serve` on a free loopback port over `db`; returns once it listens.
pub fn serve(db: &Path) -> (Child, std::net::SocketAddr) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut out = BufReader::new(server.stdout.take().expect("stdout"));
    let mut line = String::new();
    while out.read_line(&mut line).unwrap_or(0) > 0 && !line.contains("127.0.0.1") {
        line.clear();
    }
    let addr = format!("127.0.0.1:{port}").parse().expect("addr");
    (server, addr)
}

/// An interactive session of 100×30.
pub struct Screen {
    pub ch: russh::Channel<client::Msg>,
    pub parser: vt100::Parser,
    _handle: client::Handle<Client>,
}

impl Screen {
    /// Logs `user` in with `key` and opens a shell.
    pub async fn open(addr: std::net::SocketAddr, user: &str, key: Arc<PrivateKey>) -> Screen {
        let config = Arc::new(client::Config {
            inactivity_timeout: Some(Duration::from_secs(120)),
            ..Default::default()
        });
        let mut h = client::connect(config, addr, Client)
            .await
            .expect("connect");
        let ok = h
            .authenticate_publickey(user, PrivateKeyWithHashAlg::new(key, None))
            .await
            .expect("auth")
            .success();
        assert!(ok, "authenticated");
        let ch = h.channel_open_session().await.expect("channel");
        ch.request_pty(false, "xterm", 100, 30, 0, 0, &[])
            .await
            .expect("pty");
        ch.request_shell(false).await.expect("shell");
        Screen {
            ch,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(30).expect("rows"),
                std::num::NonZeroU16::new(100).expect("cols"),
                0,
            ),
            _handle: h,
        }
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.ch.data(bytes).await.expect("send");
    }

    pub fn contains(&self, text: &str) -> bool {
        self.parser.screen().contents().contains(text)
    }

    /// Reads output until the screen shows `text` (30 s at most, else panics).
    pub async fn wait_for(&mut self, text: &str) {
        while !self.contains(text) {
            match tokio::time::timeout(Duration::from_secs(30), self.ch.wait()).await {
                Ok(Some(ChannelMsg::Data { data })) => self.parser.process(&data),
                Ok(Some(_)) => {}
                _ => panic!("no {text}: {}", self.parser.screen().contents()),
            }
        }
    }

    /// Reads and discards output until none comes for 50 ms.
    pub async fn drain(&mut self) {
        while let Ok(Some(msg)) =
            tokio::time::timeout(Duration::from_millis(50), self.ch.wait()).await
        {
            if let ChannelMsg::Data { data } = msg {
                self.parser.process(&data);
            }
        }
    }
}
