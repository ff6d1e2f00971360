//! A smoke test with the real OpenSSH client inside tmux: log in by key, create a record typing
//! Chinese, resize the window, quit, and check the client's terminal is given back.
//! Needs `ssh`, `ssh-keygen` and `tmux` (`.ci/run` installs them).

mod common;
use common::ssh::start_server;
use shuangsui::domain::user::PublicKey;
use shuangsui::service::{Actor, NewUser};
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs (install tmux)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "smoke"])
    }
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "smoke"];
        args.extend_from_slice(keys);
        self.cmd(&args);
    }
    fn literal(&self, text: &str) {
        self.cmd(&["send-keys", "-t", "smoke", "-l", text]);
    }
    fn wait_for(&self, text: &str) -> bool {
        let end = Instant::now() + Duration::from_secs(10);
        while Instant::now() < end {
            if self.screen().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_openssh_client_in_tmux() {
    let srv = start_server().await;
    let key = srv.dir.path().join("id_ed25519");
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "smoke@test", "-f"])
        .arg(&key)
        .status();
    assert!(
        ok.is_ok_and(|s| s.success()),
        "ssh-keygen is needed (install openssh-client)"
    );
    let pubkey = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    let mut svc = srv.service();
    let nu = NewUser {
        name: "smoke".into(),
        roles: [shuangsui::domain::user::Role::Admin].into(),
        keys: vec![PublicKey::parse(&pubkey).unwrap()],
        ..Default::default()
    };
    svc.add_user(&Actor::console(), &nu).unwrap();

    let tmux = Tmux {
        socket: format!("shuangsui-smoke-{}", std::process::id()),
    };
    let ssh = format!(
        "ssh -F /dev/null -p {} -i {} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t smoke@127.0.0.1; echo EXIT=$?; sleep 60",
        srv.addr().port(),
        key.display()
    );
    tmux.cmd(&[
        "-u",
        "new-session",
        "-d",
        "-s",
        "smoke",
        "-x",
        "100",
        "-y",
        "30",
        &ssh,
    ]);
    assert!(tmux.wait_for("首页"), "logged in:\n{}", tmux.screen());

    // Create an enterprise, typing Chinese.
    tmux.keys(&["2"]);
    assert!(tmux.wait_for("统一社会信用代码"), "{}", tmux.screen());
    tmux.keys(&["n"]);
    assert!(tmux.wait_for("新增检查对象"), "{}", tmux.screen());
    tmux.literal("唐山终端烟测有限公司");
    tmux.keys(&["Tab"]);
    tmux.literal("91350100M000100Y43");
    tmux.keys(&["C-s"]);
    assert!(tmux.wait_for("已保存"), "{}", tmux.screen());
    assert!(tmux.wait_for("唐山终端烟测有限公司"), "{}", tmux.screen());
    let stored = svc
        .enterprise_by_code(&Actor::console(), "91350100M000100Y43")
        .expect("saved");
    assert_eq!(stored.data.name, "唐山终端烟测有限公司");

    // Resize below the minimum and back.
    tmux.cmd(&["resize-window", "-t", "smoke", "-x", "70", "-y", "20"]);
    assert!(tmux.wait_for("终端窗口太小"), "{}", tmux.screen());
    tmux.cmd(&["resize-window", "-t", "smoke", "-x", "110", "-y", "32"]);
    assert!(tmux.wait_for("统一社会信用代码"), "{}", tmux.screen());

    // Quit: the shell's screen comes back with the exit status, the app's screen is gone.
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=0"), "{}", tmux.screen());
    let after = tmux.screen();
    assert!(
        after.contains("已退出 shuangsui") && !after.contains("统一社会信用代码"),
        "{after}"
    );
    let cursor_visible = tmux.cmd(&["display-message", "-p", "-t", "smoke", "#{cursor_flag}"]);
    assert_eq!(cursor_visible.trim(), "1", "cursor shown again");
}
