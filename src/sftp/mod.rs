//! File exchange over SFTP (protocol version 3): each user sees `/inbox` (files to import) and
//! `/outbox` (files made for them) and nothing else. The protocol and the file system live
//! here, free of SSH; `ssh::server` feeds a session's bytes in and sends the answers back.

mod engine;
pub mod tree;
pub mod wire;

pub use engine::Engine;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Receiver;

/// Runs one SFTP session until the client closes it (`rx` ends) or breaks the framing; every
/// answer goes to `out` (false: the connection is gone). `queued` counts the bytes sent to
/// `rx` and not yet taken. Unfinished uploads are discarded.
pub fn serve(
    mut engine: Engine,
    rx: Receiver<Vec<u8>>,
    queued: &AtomicUsize,
    out: impl Fn(Vec<u8>) -> bool,
) {
    let mut framer = wire::Framer::default();
    while let Ok(bytes) = rx.recv() {
        queued.fetch_sub(bytes.len(), Ordering::AcqRel);
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

/// Deletes the partial uploads a stopped server left in every inbox beside the database `db`
/// (hidden files nobody can see or finish); returns how many. Run before serving.
pub fn sweep_partial_uploads(db: &Path) -> usize {
    let base = db.parent().unwrap_or_else(|| Path::new(".")).join("inbox");
    let Ok(users) = std::fs::read_dir(base) else {
        return 0;
    };
    let mut n = 0;
    for folder in users.flatten() {
        let Ok(files) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name();
            let name = name.to_string_lossy();
            if engine::is_partial_upload(&name) && std::fs::remove_file(f.path()).is_ok() {
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_uploads_left_by_a_stopped_server_are_swept() {
        let d = tempfile::tempdir().unwrap();
        let db = d.path().join("db.sqlite3");
        let inbox = crate::exchange::inbox::dir(&db, "wang");
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(inbox.join(".upload-123-4.part"), "half").unwrap();
        std::fs::write(inbox.join("企业.csv"), "whole").unwrap();
        std::fs::write(inbox.join("x.filepart"), "the client's own").unwrap();
        assert_eq!(sweep_partial_uploads(&db), 1);
        let mut left: Vec<_> = std::fs::read_dir(&inbox)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, vec!["x.filepart", "企业.csv"]);
        assert_eq!(sweep_partial_uploads(&d.path().join("none/db")), 0);
    }
}
