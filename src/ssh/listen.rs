//! The accept loop. Each new connection is counted at the door ([`Gate`]) or, past a cap and a
//! moment's wait for a place, refused (nothing is made for it);
//! a connection that has not authenticated within the grace time is closed, whatever it is
//! doing (sending nothing, only a banner, or a slow key exchange); an accept error such as
//! running out of file descriptors is logged and waited out, never the end of the server.
//! A shutdown disconnects every connection with the reason.

use super::door;
use super::gate::{Gate, Pending, QUEUE_WAIT};
use russh::Disconnect;
use russh::server::{Config, Handler, run_stream};
use std::net::{IpAddr, Shutdown, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{broadcast, watch};
use tokio::time::Instant;

/// How long to wait after an accept error before accepting again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(200);

/// Whether a connection has authenticated yet; shared by its handler and its watcher. The
/// connection counts at the door until it authenticates or this is dropped.
#[derive(Debug)]
pub struct Admission {
    pending: Pending,
    authenticated: watch::Sender<bool>,
}

impl Admission {
    fn new(pending: Pending) -> Arc<Admission> {
        Arc::new(Admission {
            pending,
            authenticated: watch::Sender::new(false),
        })
    }

    /// The connection authenticated: it leaves the door's count and its grace timer stops.
    pub fn authenticated(&self) {
        self.pending.release();
        self.authenticated.send_replace(true);
    }
}

/// Makes the handler of a new connection; it learns of its admission when admitted.
pub trait Accept: Send + Sync + 'static {
    type Handler: Handler + Admitted + Send + 'static;
    fn handler(&self, peer: SocketAddr) -> Self::Handler;
}

/// A handler that tells its admission when the connection authenticates.
pub trait Admitted {
    fn admitted(&mut self, admission: Arc<Admission>);
}

/// Accepts until `shutdown` says so. Never returns an error.
pub async fn serve<A: Accept>(
    socket: TcpListener,
    config: Arc<Config>,
    gate: Arc<Gate>,
    grace: Duration,
    accept: A,
    shutdown: broadcast::Sender<String>,
) {
    let mut stop = shutdown.subscribe();
    let accept = Arc::new(accept);
    loop {
        let (stream, peer) = tokio::select! {
            _ = stop.recv() => return,
            r = socket.accept() => match r {
                Ok(x) => x,
                Err(e) => {
                    door::accept_failed(&e);
                    tokio::time::sleep(ACCEPT_PAUSE).await;
                    continue;
                }
            },
        };
        let (gate, accept) = (Arc::clone(&gate), Arc::clone(&accept));
        let conn = Connection {
            config: Arc::clone(&config),
            peer: peer.ip(),
            grace,
            shutdown: shutdown.subscribe(),
        };
        tokio::spawn(async move {
            match gate.admit_within(peer.ip(), QUEUE_WAIT).await {
                Ok(pending) => {
                    let handler = accept.handler(peer);
                    conn.run(stream, handler, Admission::new(pending)).await;
                }
                Err(why) => door::refused(peer.ip(), why),
            }
        });
    }
}

/// One accepted connection, watched until it ends.
struct Connection {
    config: Arc<Config>,
    peer: IpAddr,
    grace: Duration,
    shutdown: broadcast::Receiver<String>,
}

impl Connection {
    async fn run<H: Handler + Admitted + Send + 'static>(
        mut self,
        stream: TcpStream,
        mut handler: H,
        admission: Arc<Admission>,
    ) {
        handler.admitted(Arc::clone(&admission));
        let _ = stream.set_nodelay(self.config.nodelay);
        // A second descriptor of the socket, to cut the connection from outside the session.
        let Some((stream, cutter)) = split_off_cutter(stream) else {
            return;
        };
        let deadline = Instant::now() + self.grace;
        let setup = tokio::time::timeout_at(
            deadline,
            run_stream(Arc::clone(&self.config), stream, handler),
        );
        let session = match setup.await {
            Ok(Ok(s)) => s,
            Ok(Err(_)) => return,
            Err(_) => {
                // The stream is dropped with the setup: the socket closes.
                let _ = cutter.shutdown(Shutdown::Both);
                door::grace_expired(self.peer, self.grace.as_secs());
                return;
            }
        };
        let handle = session.handle();
        let mut authenticated = admission.authenticated.subscribe();
        tokio::pin!(session);
        let in_time = tokio::select! {
            ok = async { authenticated.wait_for(|a| *a).await.is_ok() } => ok,
            _ = tokio::time::sleep_until(deadline) => false,
            _ = &mut session => return,
            reason = self.shutdown.recv() => {
                let _ = handle.disconnect(Disconnect::ByApplication, reason.unwrap_or_default(), String::new()).await;
                return;
            }
        };
        if !in_time {
            door::grace_expired(self.peer, self.grace.as_secs());
            let _ = cutter.shutdown(Shutdown::Both);
            let _ = tokio::time::timeout(Duration::from_secs(5), session).await;
            return;
        }
        drop(cutter);
        tokio::select! {
            _ = &mut session => {}
            reason = self.shutdown.recv() => {
                let _ = handle.disconnect(Disconnect::ByApplication, reason.unwrap_or_default(), String::new()).await;
            }
        }
    }
}

/// The stream back, and a duplicate of its socket whose `shutdown` ends reads and writes on
/// both (the session sees end of file and closes).
fn split_off_cutter(stream: TcpStream) -> Option<(TcpStream, std::net::TcpStream)> {
    let std = stream.into_std().ok()?;
    let cutter = std.try_clone().ok()?;
    let stream = TcpStream::from_std(std).ok()?;
    Some((stream, cutter))
}
