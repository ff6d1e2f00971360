//! A smoke test with the real OpenSSH client inside tmux: log in by key, create a record typing
//! Chinese, resize the window, quit, and check the client's terminal is given back.
//! Needs `ssh`, `ssh-keygen` and `tmux` (`.ci/run` installs them).

mod common;
use common::ssh::start_server;
use common::tmux::Tmux;
use shuangsui::domain::user::PublicKey;
use shuangsui::service::{Actor, NewUser};
use std::process::Command;

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

    let ssh = format!(
        "ssh -F /dev/null -p {} -i {} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t smoke@127.0.0.1; echo EXIT=$?; sleep 60",
        srv.addr().port(),
        key.display()
    );
    let tmux = Tmux::start("smoke", &ssh, 100, 30);
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
    tmux.resize(70, 20);
    assert!(tmux.wait_for("终端窗口太小"), "{}", tmux.screen());
    tmux.resize(110, 32);
    assert!(tmux.wait_for("统一社会信用代码"), "{}", tmux.screen());

    // Quit: the shell's screen comes back with the exit status, the app's screen is gone.
    tmux.keys(&["q"]);
    assert!(tmux.wait_for("EXIT=0"), "{}", tmux.screen());
    let after = tmux.screen();
    assert!(
        after.contains("已退出 shuangsui") && !after.contains("统一社会信用代码"),
        "{after}"
    );
    assert!(tmux.cursor_visible(), "cursor shown again");
}
