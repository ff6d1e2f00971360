//! Starting and stopping the server: its settings, the host keys and algorithms it offers,
//! the accept loop on the listening socket, and telling every session when it stops.

use super::door;
use super::gate::{DoorLimits, Gate};
use super::hostkeys::{self, HostKeyError};
use super::limit::Limiter;
use super::listen;
use super::server::{AppServer, Shared};
use crate::service::hub::{Hub, Notice};
use crate::service::{Derived, Service, derived};
use crate::sftp;
use crate::strings::Lang;
use russh::keys::PrivateKey;
use russh::server::Config;
use russh::{MethodKind, MethodSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use thiserror::Error;
use tokio::net::TcpListener;
use tokio::sync::broadcast;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub db: PathBuf,
    /// The Ed25519 host key; with `legacy_algorithms` the RSA and ECDSA keys live beside it.
    pub host_key: PathBuf,
    pub idle: Duration,
    pub lang: Lang,
    pub ascii: bool,
    /// Logins checked per address and per user within `failure_window`.
    pub failed_logins: usize,
    pub failure_window: Duration,
    /// Grace time and caps on connections that have not logged in.
    pub door: DoorLimits,
    /// Also offer RSA and ECDSA host keys, NIST ECDH and AES-128-GCM (older clients).
    pub legacy_algorithms: bool,
}

#[derive(Debug, Error)]
pub enum ServeError {
    #[error(transparent)]
    HostKey(#[from] HostKeyError),
    #[error("cannot listen on {0}: {1}")]
    Listen(String, std::io::Error),
    #[error("database: {0}")]
    Database(String),
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub hub: Arc<Hub>,
    shutdown: broadcast::Sender<String>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Tells every session and stops accepting.
    pub async fn shutdown(self, reason: &str) {
        self.hub.broadcast(&Notice::Close(reason.to_string()));
        // Sessions finish what they are doing (a write is one transaction) and leave; wait
        // for them a little while.
        let until = tokio::time::Instant::now() + Duration::from_secs(5);
        while self.hub.online() > 0 && tokio::time::Instant::now() < until {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = self.shutdown.send(reason.to_string());
        let _ = self.task.await;
        door::stopped(reason);
    }

    /// Resolves only if the server stops accepting by itself, with the reason. The accept
    /// loop rides out its errors (running out of file descriptors included), so this means
    /// an internal failure. After this the server cannot be shut down or waited for.
    pub async fn ended(&mut self) -> String {
        match (&mut self.task).await {
            Ok(()) => "stopped".into(),
            Err(e) => e.to_string(),
        }
    }

    /// Waits until the server stops.
    pub async fn wait(self) -> Result<(), ServeError> {
        self.task
            .await
            .map_err(|e| ServeError::Io(std::io::Error::other(e)))
    }
}

fn config(settings: &Settings, keys: Vec<PrivateKey>) -> Config {
    Config {
        methods: MethodSet::from(&[MethodKind::PublicKey, MethodKind::Password][..]),
        auth_rejection_time: Duration::from_millis(300),
        auth_rejection_time_initial: Some(Duration::from_millis(0)),
        keys,
        preferred: hostkeys::preferred(settings.legacy_algorithms),
        inactivity_timeout: Some(settings.idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 4,
        nodelay: true,
        max_auth_attempts: 6,
        ..Default::default()
    }
}

/// Binds `listen` and serves in the background on the current tokio runtime.
pub async fn start(listen: &str, settings: Settings) -> Result<Running, ServeError> {
    let keys = hostkeys::host_keys(&settings.host_key, settings.legacy_algorithms)?;
    let swept = sftp::sweep_partial_uploads(&settings.db);
    if swept > 0 {
        tracing::info!(
            files = swept,
            "sftp: partial uploads of an earlier run deleted"
        );
    }
    let hub = Hub::new();
    let auth = Service::open(&settings.db).map_err(|e| ServeError::Database(e.to_string()))?;
    let socket = TcpListener::bind(listen)
        .await
        .map_err(|e| ServeError::Listen(listen.to_string(), e))?;
    let addr = socket.local_addr()?;
    door::started(&addr.to_string(), &hostkeys::names(&keys));
    let config = Arc::new(config(&settings, keys));
    let gate = Gate::new(settings.door);
    let grace = settings.door.login_grace;
    let limiter = Limiter::new(settings.failed_logins, settings.failure_window);
    let derived = Derived::new();
    let warm = derived::keep_warm(settings.db.clone(), Arc::clone(&derived));
    let shared = Arc::new(Shared {
        settings,
        hub: Arc::clone(&hub),
        limiter: Mutex::new(limiter),
        costs: Mutex::default(),
        auth: Mutex::new(auth),
        settled: tokio::sync::Notify::new(),
        derived,
        warm: Mutex::new(warm),
    });
    let (shutdown, _) = broadcast::channel(1);
    let accept = AppServer { shared };
    let task = tokio::spawn(listen::serve(
        socket,
        config,
        gate,
        grace,
        accept,
        shutdown.clone(),
    ));
    Ok(Running {
        addr,
        hub,
        shutdown,
        task,
    })
}
