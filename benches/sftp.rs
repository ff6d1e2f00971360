//! File exchange throughput (issue 8): OpenSSH's `sftp` uploads a file into the inbox and
//! downloads it again from the real server binary over loopback, beside the local disk writing
//! and reading the same bytes in the same run (the floor). Run with
//! `cargo bench --bench sftp`; `SHUANGSUI_BENCH_MB` sets the file size (default 32),
//! `SHUANGSUI_BENCH_ROUNDS` the rounds (default 3). Needs `sftp` on the PATH.

mod common;

use common::{env, serve};
use russh::keys::{Algorithm, PrivateKey};
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::service::{Actor, NewUser, Service};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn sftp(port: u16, key: &Path, cwd: &Path, batch: &str) -> Duration {
    use std::io::Write;
    let t = Instant::now();
    let mut child = Command::new("sftp")
        .current_dir(cwd)
        .args([
            "-F",
            "/dev/null",
            "-q",
            "-b",
            "-",
            "-P",
            &port.to_string(),
            "-i",
        ])
        .arg(key)
        .args([
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "admin@127.0.0.1",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("sftp runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(batch.as_bytes())
        .expect("batch");
    assert!(child.wait().expect("sftp").success(), "sftp batch failed");
    t.elapsed()
}

fn mbps(mb: usize, d: Duration) -> f64 {
    mb as f64 / d.as_secs_f64()
}

fn main() {
    let mb = env("SHUANGSUI_BENCH_MB", 32);
    let rounds = env("SHUANGSUI_BENCH_ROUNDS", 3);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
    let key_file = dir.path().join("key");
    key.write_openssh_file(&key_file, russh::keys::ssh_key::LineEnding::LF)
        .expect("key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).expect("mode");
    }
    {
        let mut svc = Service::open(&db).expect("open");
        let me = Actor::console();
        let pk = PublicKey::parse(&key.public_key().to_openssh().expect("openssh")).expect("key");
        svc.add_user(
            &me,
            &NewUser {
                name: "admin".into(),
                roles: [Role::Admin].into(),
                keys: vec![pk],
                ..Default::default()
            },
        )
        .expect("user");
        svc.set_file_limits(
            &me,
            shuangsui::exchange::inbox::FileLimits {
                max_file_mb: shuangsui::exchange::inbox::FileLimits::MAX_FILE_MB,
                max_files: 200,
            },
        )
        .expect("limits");
    }
    let (mut server, addr) = serve(&db);
    let work = tempfile::tempdir().expect("temp dir");
    // Bytes that do not compress (the SSH transport may compress).
    let mut data = vec![0u8; mb * 1024 * 1024];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in data.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let local = work.path().join("data.bin");
    std::fs::write(&local, &data).expect("write");
    println!("file: {mb} MiB, {rounds} rounds; MiB/s per round");
    for round in 1..=rounds {
        let t = Instant::now();
        std::fs::write(work.path().join("copy.bin"), &data).expect("write");
        std::fs::File::open(work.path().join("copy.bin"))
            .and_then(|f| f.sync_all())
            .expect("sync");
        let disk_write = t.elapsed();
        let t = Instant::now();
        let back = std::fs::read(work.path().join("copy.bin")).expect("read");
        let disk_read = t.elapsed();
        assert_eq!(back.len(), data.len());
        let up = sftp(
            addr.port(),
            &key_file,
            work.path(),
            "put data.bin /inbox/data.bin\n",
        );
        let down = sftp(
            addr.port(),
            &key_file,
            work.path(),
            "get /inbox/data.bin back.bin\nrm /inbox/data.bin\n",
        );
        assert_eq!(
            std::fs::read(work.path().join("back.bin")).expect("downloaded"),
            data,
            "the download is the upload"
        );
        println!(
            "round {round}: sftp upload {:.0}, download {:.0}; local disk write+sync {:.0}, read {:.0}",
            mbps(mb, up),
            mbps(mb, down),
            mbps(mb, disk_write),
            mbps(mb, disk_read),
        );
    }
    let _ = server.kill();
    let _ = server.wait();
}
