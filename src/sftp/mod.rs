//! File exchange over SFTP (protocol version 3): each user sees `/inbox` (files to import) and
//! `/outbox` (files made for them) and nothing else. The protocol and the file system live
//! here, free of SSH; `ssh::server` feeds a session's bytes in and sends the answers back.

mod engine;
pub mod tree;
pub mod wire;

pub use engine::Engine;

use std::sync::mpsc::Receiver;

/// Runs one SFTP session until the client closes it (`rx` ends) or breaks the framing; every
/// answer goes to `out` (false: the connection is gone). Unfinished uploads are discarded.
pub fn serve(mut engine: Engine, rx: Receiver<Vec<u8>>, out: impl Fn(Vec<u8>) -> bool) {
    let mut framer = wire::Framer::default();
    while let Ok(bytes) = rx.recv() {
        let Ok(packets) = framer.feed(&bytes) else {
            tracing::warn!("sftp: a packet over the size limit; session closed");
            return;
        };
        for p in packets {
            if !out(engine.handle(&p)) {
                return;
            }
        }
    }
}
