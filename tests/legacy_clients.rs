//! Older office clients: OpenSSH restricted to the algorithms of old Xshell/PuTTY builds
//! (RSA or ECDSA host keys, NIST ECDH, AES-CTR/GCM) connects when `legacy_algorithms` is on
//! and is refused when it is off; PuTTY's `plink` logs in and gets the UI.
//! Needs `ssh` (openssh-client), `plink` (putty-tools) and `tmux`; `.ci/run` installs them.

mod common;
use common::sftp::key_file;
use common::ssh::{PASSWORD, TestServer, start_server, start_server_with};
use common::tmux::Tmux;
use shuangsui::strings::{Lang, ui};
use std::process::Command;

struct Out {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// `ssh -T` as `admin` (by key) with extra `-o` options; the server answers a session without
/// a terminal with a message and exit status 1, which proves the login.
fn ssh_restricted(srv: &TestServer, options: &[&str]) -> Out {
    let key = key_file(&srv.admin_key, &srv.dir.path().join("id_admin"));
    let mut cmd = Command::new("ssh");
    cmd.args(["-F", "/dev/null", "-T", "-v", "-p"])
        .arg(srv.addr().port().to_string())
        .arg("-i")
        .arg(&key)
        .args([
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "ConnectTimeout=10",
        ]);
    for o in options {
        cmd.args(["-o", o]);
    }
    let out = cmd
        .arg("admin@127.0.0.1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("ssh runs (install openssh-client)");
    Out {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const OLD_RSA: [&str; 3] = [
    "HostKeyAlgorithms=rsa-sha2-256",
    "KexAlgorithms=ecdh-sha2-nistp256",
    "Ciphers=aes128-ctr",
];

const OLD_ECDSA: [&str; 3] = [
    "HostKeyAlgorithms=ecdsa-sha2-nistp256",
    "KexAlgorithms=ecdh-sha2-nistp384",
    "Ciphers=aes128-gcm@openssh.com",
];

fn logged_in(o: &Out) -> bool {
    o.code == Some(1) && o.stdout.contains(ui::no_pty(Lang::Zh).trim())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_algorithms_only_when_legacy_is_on() {
    let modern = start_server().await;
    for options in [&OLD_RSA, &OLD_ECDSA] {
        let o = ssh_restricted(&modern, options);
        assert_eq!(o.code, Some(255), "refused by default: {}", o.stderr);
        assert!(o.stderr.contains("no matching"), "{}", o.stderr);
    }
    // The default set still serves a current client.
    assert!(logged_in(&ssh_restricted(&modern, &[])));

    let legacy = start_server_with(|s| s.legacy_algorithms = true).await;
    let o = ssh_restricted(&legacy, &OLD_RSA);
    assert!(logged_in(&o), "{}\n{}", o.stdout, o.stderr);
    for want in [
        "kex: algorithm: ecdh-sha2-nistp256",
        "kex: host key algorithm: rsa-sha2-256",
        "cipher: aes128-ctr",
    ] {
        assert!(o.stderr.contains(want), "{want}: {}", o.stderr);
    }
    let o = ssh_restricted(&legacy, &OLD_ECDSA);
    assert!(logged_in(&o), "{}\n{}", o.stdout, o.stderr);
    for want in [
        "kex: algorithm: ecdh-sha2-nistp384",
        "kex: host key algorithm: ecdsa-sha2-nistp256",
        "cipher: aes128-gcm@openssh.com",
    ] {
        assert!(o.stderr.contains(want), "{want}: {}", o.stderr);
    }
    // The keys are kept beside the Ed25519 key, readable by the owner only.
    for f in ["host_key", "host_key_rsa", "host_key_ecdsa"] {
        let meta = std::fs::metadata(legacy.dir.path().join(f)).expect(f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{f}");
        }
        let _ = meta;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plink_logs_in_and_gets_the_ui() {
    let srv = start_server().await;
    let key = shuangsui::ssh::host_key(&srv.settings.host_key).expect("host key");
    let fingerprint = shuangsui::ssh::fingerprint(&key);
    let pwfile = srv.dir.path().join("pw");
    std::fs::write(&pwfile, PASSWORD).expect("password file");
    let plink = format!(
        "plink -ssh -batch -t -P {} -hostkey {} -pwfile {} leader@127.0.0.1; echo EXIT=$?; sleep 60",
        srv.addr().port(),
        fingerprint,
        pwfile.display()
    );
    let tmux = Tmux::start("plink", &plink, 100, 30);
    assert!(tmux.wait_for("首页"), "plink logged in:\n{}", tmux.screen());
    tmux.keys(&["2"]);
    assert!(tmux.wait_for("统一社会信用代码"), "{}", tmux.screen());
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=0"), "{}", tmux.screen());
}
