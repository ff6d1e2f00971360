//! One connection of the russh server: authentication by public key (compared by key data)
//! or password against the users table, with rate limits per address and user and without
//! revealing which names exist; one interactive session and the `sftp` subsystem (file
//! exchange, see `crate::sftp`); everything else (exec, other subsystems, forwarding) refused.
//! Starting and stopping the server is `run`.

use super::door::{self, Method};
use super::heap;
use super::limit::{Limiter, Slot, Verdict};
use super::listen::{Accept, Admission, Admitted};
use super::run::Settings;
use super::session::{self, End, Msg, Start};
use crate::domain::audit::Action;
use crate::domain::user::{PublicKey, User};
use crate::service::hub::Hub;
use crate::service::{Actor, Derived, Service};
use crate::sftp;
use crate::strings::{Lang, ui};
use crate::tui::Session;
use crate::tui::theme::Theme;
use russh::server::{
    Auth, Handler, Msg as ChanMsg, PublicKeyOffer, Session as SshSession, VerifiedPublicKey,
};
use russh::{Channel, ChannelId, Pty};
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// SQLite page cache of each session's connection, in KiB.
const SESSION_CACHE_KIB: i64 = 2048;

/// How long a login waits for a rate-limit slot held by checks still running.
const SLOT_WAIT: Duration = Duration::from_secs(10);

/// Session channels one connection may have open at once (a terminal and file transfers).
const MAX_CHANNELS: usize = 4;

/// Bytes of file-transfer requests a channel may have waiting. SSH's flow control does not
/// hold a client back (the window is given back as bytes arrive), so a client that sends
/// faster than its requests are answered, or stops reading the answers, is cut off here.
/// Clients keep 1–2 MiB in flight.
const MAX_SFTP_QUEUED: usize = 16 * 1024 * 1024;

/// Answers of a file transfer waiting for the network; when full, the transfer waits.
const SFTP_REPLIES_QUEUED: usize = 32;

/// The channels of one connection that are open, shared with the tasks that close them.
type Live = Arc<Mutex<HashSet<ChannelId>>>;

/// A file-transfer channel: where its bytes go and how many wait there.
struct SftpChannel {
    tx: std::sync::mpsc::Sender<Vec<u8>>,
    queued: Arc<AtomicUsize>,
}

/// What every connection of a server shares.
pub(super) struct Shared {
    pub(super) settings: Settings,
    pub(super) hub: Arc<Hub>,
    pub(super) limiter: Mutex<Limiter>,
    /// What checking a credential usually costs, so that a refusal takes as long.
    pub(super) costs: Mutex<Costs>,
    /// One connection for authentication checks.
    pub(super) auth: Mutex<Service>,
    /// Told whenever a login check ends (its rate-limit slot is settled).
    pub(super) settled: tokio::sync::Notify,
    /// The quarter's figures, computed once per change for every session.
    pub(super) derived: Arc<Derived>,
    /// Tells the thread that keeps them warm about a change.
    pub(super) warm: Mutex<std::sync::mpsc::Sender<()>>,
}

impl Shared {
    /// What each session's service calls after a committed change: the sessions are told and
    /// the quarter's figures computed again.
    fn notifier(self: &Arc<Self>) -> crate::service::Notifier {
        let tell = self.hub.notifier();
        let warm = lock(&self.warm).clone();
        let warm = Mutex::new(warm);
        Arc::new(move |c| {
            tell(c);
            let _ = lock(&warm).send(());
        })
    }
}

/// The usual time of a check, per method (a moving average).
#[derive(Debug, Default)]
pub(super) struct Costs {
    password: Duration,
    key: Duration,
}

impl Costs {
    fn slot(&mut self, method: Method) -> &mut Duration {
        match method {
            Method::Password => &mut self.password,
            Method::PublicKey => &mut self.key,
        }
    }

    fn record(&mut self, method: Method, took: Duration) {
        let d = self.slot(method);
        *d = if d.is_zero() {
            took
        } else {
            (*d * 7 + took) / 8
        };
    }
}

/// The output of a session: a writer task owns the awaiting, so the session thread never
/// blocks on the network and one slow client cannot stall another. Once the session ends
/// (sent on the second sender) the channel gets its exit status and is closed.
fn spawn_writer(
    writer: russh::server::Handle,
    channel: ChannelId,
    live: Live,
) -> (
    tokio::sync::mpsc::UnboundedSender<Vec<u8>>,
    tokio::sync::oneshot::Sender<End>,
) {
    let (out_tx, mut out_rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<End>();
    tokio::spawn(async move {
        while let Some(bytes) = out_rx.recv().await {
            if writer.data(channel, bytes).await.is_err() {
                break;
            }
        }
        let code = match done_rx.await {
            Ok(End::Quit) | Ok(End::Idle) => 0,
            _ => 1,
        };
        let _ = writer.exit_status_request(channel, code).await;
        let _ = writer.eof(channel).await;
        let _ = writer.close(channel).await;
        lock(&live).remove(&channel);
    });
    (out_tx, done_tx)
}

/// The app's session of a signed-in user: their roles, language and theme.
fn session_of(user: &User, lang: Lang, ascii: bool) -> Session {
    let actor = Actor {
        user_id: Some(user.id),
        name: user.name.clone(),
        roles: user.roles.clone(),
    };
    Session {
        actor,
        lang: user.lang.as_deref().map(Lang::parse).unwrap_or(lang),
        theme: Theme {
            ascii: ascii || user.ascii,
        },
        must_change_password: user.must_change_password,
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Makes each new connection's handler.
pub(super) struct AppServer {
    pub(super) shared: Arc<Shared>,
}

impl Accept for AppServer {
    type Handler = Conn;
    fn handler(&self, peer: SocketAddr) -> Conn {
        Conn {
            shared: Arc::clone(&self.shared),
            addr: peer,
            admission: None,
            user: None,
            channels: Live::default(),
            shell: None,
            sftp: HashMap::new(),
            pty: None,
            tx: None,
            name: String::new(),
        }
    }
}

/// One connection.
pub(super) struct Conn {
    shared: Arc<Shared>,
    addr: SocketAddr,
    /// Counts this connection at the door until it authenticates.
    admission: Option<Arc<Admission>>,
    user: Option<User>,
    name: String,
    /// Session channels open. The `Channel` objects are dropped at once: their message queues
    /// are bounded and nobody reads them (input arrives through `Handler::data`), so keeping
    /// one would stall the connection after about a hundred messages. A channel leaves the set
    /// when either side closes it (russh forgets a channel we closed: no `channel_close`).
    channels: Live,
    /// The channel of the interactive session, once it asked for a shell.
    shell: Option<ChannelId>,
    /// File-transfer channels and where their bytes go.
    sftp: HashMap<ChannelId, SftpChannel>,
    pty: Option<(u32, u32)>,
    tx: Option<std::sync::mpsc::Sender<Msg>>,
}

impl Conn {
    fn from(&self) -> String {
        self.addr.ip().to_string()
    }

    /// Checks a credential, after taking a slot of the rate limit: `read` fetches what the
    /// check needs on the authentication connection, `verify` decides without holding it (a
    /// password hash is slow to check on purpose, and logins arriving together should not
    /// wait for each other's). Without a slot nothing is checked, and the refusal takes as
    /// long as a check.
    async fn check<R: Send + 'static>(
        &self,
        user: &str,
        method: Method,
        read: impl FnOnce(&mut Service) -> Option<R> + Send + 'static,
        verify: impl FnOnce(R) -> Option<User> + Send + 'static,
    ) -> Option<User> {
        let shared = Arc::clone(&self.shared);
        let ip = Some(self.addr.ip());
        let user = user.to_string();
        let from = self.from();
        let Some(slot) = self.slot(ip, &user).await else {
            door::login_refused(ip, method, &user);
            let cost = *lock(&shared.costs).slot(method);
            tokio::time::sleep(cost).await;
            let detail = format!("{from}: rate limited");
            let _ = tokio::task::spawn_blocking(move || {
                lock(&shared.auth).audit_session(&user, Action::LoginRefused, &detail)
            })
            .await;
            return None;
        };
        tokio::task::spawn_blocking(move || {
            let started = Instant::now();
            let record = read(&mut lock(&shared.auth));
            let found = record.and_then(verify);
            lock(&shared.costs).record(method, started.elapsed());
            match &found {
                Some(_) => lock(&shared.limiter).succeeded(slot),
                None => lock(&shared.limiter).failed(slot),
            }
            shared.settled.notify_waiters();
            if found.is_none() {
                door::login_failed(ip, method, &user);
                let _ = lock(&shared.auth).audit_session(&user, Action::LoginFailed, &from);
            }
            found
        })
        .await
        .ok()
        .flatten()
    }

    /// A slot of the rate limit, waiting (a while at most) while the slots are taken by
    /// attempts still being checked; `None` when they are taken by failures.
    async fn slot(&self, ip: Option<std::net::IpAddr>, user: &str) -> Option<Slot> {
        let deadline = tokio::time::Instant::now() + SLOT_WAIT;
        loop {
            let settled = self.shared.settled.notified();
            match lock(&self.shared.limiter).reserve(ip, user, Instant::now()) {
                Verdict::Check(slot) => return Some(slot),
                Verdict::Limited => return None,
                Verdict::Busy => {}
            }
            if tokio::time::timeout_at(deadline, settled).await.is_err() {
                return None;
            }
        }
    }

    /// Writes `text` to a channel that gets no session, then closes it (without waiting: a
    /// handler that waits on the connection's queue can wait forever).
    fn say_and_close(&self, session: &mut SshSession, channel: ChannelId, text: &str) {
        let _ = session.data(channel, text.as_bytes().to_vec());
        let _ = session.exit_status_request(channel, 1);
        let _ = session.close(channel);
        lock(&self.channels).remove(&channel);
    }

    /// The client is done with `channel`: the session or file transfer on it ends.
    fn end(&mut self, channel: ChannelId) {
        // Dropping the sender ends the file transfer once it has answered what it was sent.
        self.sftp.remove(&channel);
        if self.shell == Some(channel)
            && let Some(tx) = self.tx.take()
        {
            let _ = tx.send(Msg::Closed);
        }
    }

    fn accept(&mut self, u: Option<User>, method: Method) -> Auth {
        match u {
            Some(u) => {
                if let Some(a) = &self.admission {
                    a.authenticated();
                }
                door::login(Some(self.addr.ip()), method, &u.name);
                self.name = u.name.clone();
                self.user = Some(u);
                Auth::Accept
            }
            None => Auth::reject(),
        }
    }
}

impl Admitted for Conn {
    fn admitted(&mut self, admission: Arc<Admission>) {
        self.admission = Some(admission);
    }
}

fn to_domain(key: &russh::keys::PublicKey) -> Option<PublicKey> {
    key.to_openssh()
        .ok()
        .and_then(|s| PublicKey::parse(&s).ok())
}

impl Handler for Conn {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        let (u, p) = (user.to_string(), password.to_string());
        let found = self
            .check(
                user,
                Method::Password,
                move |svc| svc.password_record(&u).ok(),
                move |record| record.opens(&p),
            )
            .await;
        Ok(self.accept(found, Method::Password))
    }

    async fn auth_publickey_offered(
        &mut self,
        user: &str,
        offer: PublicKeyOffer<'_>,
    ) -> Result<Auth, Self::Error> {
        // Only keys of this (enabled) user go on to the signature check; unknown users and
        // unknown keys get the same answer.
        let Some(key) = to_domain(offer.public_key) else {
            return Ok(Auth::reject());
        };
        let shared = Arc::clone(&self.shared);
        let u = user.to_string();
        let ok = tokio::task::spawn_blocking(move || {
            lock(&shared.auth)
                .check_key(&u, &key)
                .ok()
                .flatten()
                .is_some()
        })
        .await
        .unwrap_or(false);
        Ok(if ok { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(
        &mut self,
        user: &str,
        key: VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        let Some(key) = to_domain(key.public_key) else {
            return Ok(Auth::reject());
        };
        let u = user.to_string();
        let found = self
            .check(
                user,
                Method::PublicKey,
                move |svc| svc.check_key(&u, &key).ok().flatten(),
                Some,
            )
            .await;
        Ok(self.accept(found, Method::PublicKey))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<ChanMsg>,
        reply: russh::server::ChannelOpenHandle,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        {
            let mut live = lock(&self.channels);
            if live.len() >= MAX_CHANNELS {
                return Ok(());
            }
            live.insert(channel.id());
        }
        drop(channel);
        reply.accept().await;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &[(Pty, u32)],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.pty = Some((cols, rows));
        session.channel_success(channel)?;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _: ChannelId,
        cols: u32,
        rows: u32,
        _: u32,
        _: u32,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.pty = Some((cols, rows));
        if let Some(tx) = &self.tx {
            let _ = tx.send(Msg::Resize(cols, rows));
        }
        Ok(())
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let handle = session.handle();
        let lang = self.shared.settings.lang;
        let (Some(user), Some(size)) = (self.user.clone(), self.pty) else {
            session.channel_success(channel)?;
            self.say_and_close(session, channel, ui::no_pty(lang));
            return Ok(());
        };
        if self.tx.is_some() || self.sftp.contains_key(&channel) {
            // One interactive session per connection.
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        self.shell = Some(channel);
        let shared = Arc::clone(&self.shared);
        let svc = match Service::open(&shared.settings.db) {
            Ok(s) => s
                .with_notifier(shared.notifier())
                .with_derived(Arc::clone(&shared.derived))
                .with_cache_kib(SESSION_CACHE_KIB),
            Err(e) => {
                tracing::error!("session database: {e}");
                self.say_and_close(session, channel, ui::crashed(lang));
                return Ok(());
            }
        };
        let (out_tx, done_tx) = spawn_writer(handle, channel, Arc::clone(&self.channels));
        let (tx, rx) = std::sync::mpsc::channel::<Msg>();
        let deliver_tx = tx.clone();
        let member = shared.hub.join(
            &user.name,
            Box::new(move |n| deliver_tx.send(Msg::Notice(n)).is_ok()),
        );
        self.tx = Some(tx);
        let start = Start {
            session: session_of(&user, lang, shared.settings.ascii),
            svc,
            hub: Arc::clone(&shared.hub),
            size,
            idle: shared.settings.idle,
            out: Box::new(move |b| out_tx.send(b).is_ok()),
        };
        let from = self.from();
        let name = user.name.clone();
        std::thread::Builder::new()
            .name(format!("session-{name}"))
            .spawn(move || {
                let _ = lock(&shared.auth).audit_session(&name, Action::Login, &from);
                let end = session::run(start, rx);
                if end == End::Crashed {
                    tracing::error!(user = %name, "session ended by an internal error");
                }
                shared.hub.leave(member);
                let _ = lock(&shared.auth).audit_session(
                    &name,
                    Action::Logout,
                    &format!("{from}: {end:?}"),
                );
                heap::trim();
                let _ = done_tx.send(end);
            })
            .map_err(russh::Error::from)?;
        Ok(())
    }

    async fn data(
        &mut self,
        channel: ChannelId,
        data: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        if let Some(c) = self.sftp.get(&channel) {
            if c.queued.load(Ordering::Acquire) + data.len() > MAX_SFTP_QUEUED {
                tracing::warn!(user = %self.name, "sftp: client far ahead of the answers; cut off");
                self.sftp.remove(&channel);
                lock(&self.channels).remove(&channel);
                let _ = session.close(channel);
                return Ok(());
            }
            c.queued.fetch_add(data.len(), Ordering::AcqRel);
            let _ = c.tx.send(data.to_vec());
        } else if let Some(tx) = self.tx.as_ref().filter(|_| self.shell == Some(channel)) {
            let _ = tx.send(Msg::Bytes(data.to_vec()));
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)?;
        Ok(())
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut SshSession,
    ) -> Result<(), Self::Error> {
        let Some(user) = self.user.clone() else {
            session.channel_failure(channel)?;
            return Ok(());
        };
        if name != "sftp" || self.shell == Some(channel) || self.sftp.contains_key(&channel) {
            session.channel_failure(channel)?;
            return Ok(());
        }
        if user.must_change_password {
            // A one-time password opens the terminal only, where it must be changed first.
            tracing::info!(user = %user.name, "sftp refused: password still to be changed");
            session.channel_failure(channel)?;
            return Ok(());
        }
        session.channel_success(channel)?;
        let shared = Arc::clone(&self.shared);
        let lang = user
            .lang
            .as_deref()
            .map(Lang::parse)
            .unwrap_or(shared.settings.lang);
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        let queued = Arc::new(AtomicUsize::new(0));
        self.sftp.insert(
            channel,
            SftpChannel {
                tx,
                queued: Arc::clone(&queued),
            },
        );
        let (out_tx, mut out_rx) = tokio::sync::mpsc::channel::<Vec<u8>>(SFTP_REPLIES_QUEUED);
        let writer = session.handle();
        let live = Arc::clone(&self.channels);
        tokio::spawn(async move {
            while let Some(bytes) = out_rx.recv().await {
                if writer.data(channel, bytes).await.is_err() {
                    break;
                }
            }
            let _ = writer.exit_status_request(channel, 0).await;
            let _ = writer.eof(channel).await;
            let _ = writer.close(channel).await;
            lock(&live).remove(&channel);
        });
        let from = format!("{} sftp", self.from());
        std::thread::Builder::new()
            .name(format!("sftp-{}", user.name))
            .spawn(move || {
                let limits = lock(&shared.auth).file_limits().unwrap_or_default();
                let _ = lock(&shared.auth).audit_session(&user.name, Action::Login, &from);
                let tree = sftp::tree::Tree::of(&shared.settings.db, &user.name);
                let engine = sftp::Engine::new(tree, limits, lang, &user.name);
                sftp::serve(engine, rx, &queued, move |b| {
                    out_tx.blocking_send(b).is_ok()
                });
                let _ = lock(&shared.auth).audit_session(&user.name, Action::Logout, &from);
            })
            .map_err(russh::Error::from)?;
        Ok(())
    }

    async fn channel_close(
        &mut self,
        channel: ChannelId,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.end(channel);
        lock(&self.channels).remove(&channel);
        Ok(())
    }

    async fn channel_eof(
        &mut self,
        channel: ChannelId,
        _: &mut SshSession,
    ) -> Result<(), Self::Error> {
        self.end(channel);
        Ok(())
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        door::disconnect(self.addr.ip(), &self.name);
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(Msg::Closed);
        }
    }
}
