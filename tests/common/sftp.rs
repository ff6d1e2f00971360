//! OpenSSH's `sftp` client in batch mode against a test server.

use russh::keys::PrivateKey;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Writes `key` where `sftp -i` can use it.
pub fn key_file(key: &PrivateKey, path: &Path) -> PathBuf {
    key.write_openssh_file(path, russh::keys::ssh_key::LineEnding::LF)
        .expect("key file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path.to_path_buf()
}

pub struct Out {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `sftp -b -` with `batch` as `user`, from the folder `cwd`.
pub fn sftp(addr: SocketAddr, key: &Path, user: &str, cwd: &Path, batch: &str) -> Out {
    use std::io::Write;
    let mut child = Command::new("sftp")
        .current_dir(cwd)
        .args(["-F", "/dev/null", "-b", "-", "-P"])
        .arg(addr.port().to_string())
        .arg("-i")
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
        ])
        .arg(format!("{user}@127.0.0.1"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("sftp runs (install openssh-client)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(batch.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Out {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
