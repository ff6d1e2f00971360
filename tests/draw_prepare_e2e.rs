//! Preparing a draw from the terminal UI over real SSH (issue 17): an administrator who never
//! touches the server's console prepares a draw by keys — the items, the counts, the team
//! size —, sees the feasibility check, freezes it and reads its hashes and commitment; a
//! witness adds entropy in the room, the reveal happens, and the certificate verifies, by the
//! engine's verifier and by `shuangsui draw verify` on the exported file.

mod common;

use common::ssh::{Cred, PASSWORD, Term, TestServer, start_server};
use shuangsui::domain::draw::{Certificate, Quota, verify};
use shuangsui::service::Actor;
use std::time::Duration;

/// Clears a short number field and types `n`, then goes to the next field.
async fn number(t: &mut Term, n: &str) {
    t.send(b"\x7f\x7f\x7f\x7f\x7f\x7f").await;
    t.send(n.as_bytes()).await;
    t.send(b"\t").await;
    t.pump(Duration::from_millis(100), |_| false).await;
}

/// The administrator's keys, from login to the frozen draw; its label.
async fn prepare_by_keys(srv: &TestServer, admin: &mut Term) -> String {
    assert!(admin.wait_for("首页").await, "{}", admin.screen());
    admin.send(b"5").await;
    assert!(admin.wait_for("n 准备抽取").await, "{}", admin.screen());
    admin.send(b"n").await;
    assert!(admin.wait_for("抽查计划").await, "{}", admin.screen());
    // The items have focus: Enter opens the list, typing filters it, Enter takes it.
    admin.send(b"\r").await;
    assert!(admin.wait_for("[ ]").await, "{}", admin.screen());
    admin.send(b"HB-STHJ-02").await;
    admin.send(b"\r").await;
    assert!(admin.wait_for("HB-STHJ-02 ").await, "{}", admin.screen());
    for n in ["1", "1", "2"] {
        number(admin, n).await; // key, special, general
    }
    number(admin, "2").await; // team size
    admin.send(b"\x13").await; // Ctrl-S: the check
    assert!(admin.wait_for("可行性检查").await, "{}", admin.screen());
    assert!(admin.wait_for("检查通过").await, "{}", admin.screen());
    let shown = admin.screen();
    assert!(shown.contains("特殊监管对象：候选"), "{shown}");
    let mut svc = srv.service();
    assert!(
        svc.draw_list(&Actor::console()).expect("list").is_empty(),
        "the check stores nothing"
    );
    admin.send(b"\x13").await; // Ctrl-S: freeze
    assert!(
        admin.wait_for("服务器密钥承诺值").await,
        "{}",
        admin.screen()
    );
    let d = svc.draw_list(&Actor::console()).expect("list").remove(0);
    let shown = admin.screen();
    assert!(
        shown.contains(&format!("已准备抽取 {}", d.label)),
        "{shown}"
    );
    assert!(shown.contains(&d.commitment), "{shown}");
    assert_eq!(d.prepared_by, "admin");
    let p = d.params.expect("params");
    assert_eq!(p.items, ["HB-STHJ-02"]);
    assert_eq!(p.team_size, 2);
    let three = Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    };
    assert_eq!(p.quota, three);
    d.label
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_prepares_a_draw_by_keys_and_its_certificate_verifies() {
    let srv = start_server().await;
    let mut admin = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    let label = prepare_by_keys(&srv, &mut admin).await;
    let id = srv.service().draw_list(&Actor::console()).expect("list")[0].id;

    // Into the room: the administrator opens it, a witness joins and adds entropy.
    admin.send(b"\x1b").await;
    assert!(
        admin.wait_for("Enter 进入摇号室").await,
        "{}",
        admin.screen()
    );
    admin.send(b"\r").await;
    assert!(
        admin.wait_for(&format!("摇号室 {label}")).await,
        "{}",
        admin.screen()
    );
    let mut w1 = Term::connect(srv.addr(), "w1", Cred::Password(PASSWORD)).await;
    assert!(w1.wait_for("首页").await, "{}", w1.screen());
    w1.send(b"5").await;
    assert!(w1.wait_for(&label).await, "{}", w1.screen());
    w1.send(b"\r").await;
    assert!(
        w1.wait_for(&format!("摇号室 {label}")).await,
        "{}",
        w1.screen()
    );
    w1.send(b"e").await;
    assert!(w1.wait_for("随机字符串").await, "{}", w1.screen());
    w1.send(b"typed by the first witness").await;
    w1.send(b"\r").await;
    assert!(w1.wait_for("随机字符串已记录").await, "{}", w1.screen());

    admin.send(b"r").await;
    assert!(admin.wait_for("确定揭晓").await, "{}", admin.screen());
    admin.send(b"y").await;
    for t in [&mut admin, &mut w1] {
        let shown = t
            .pump(Duration::from_secs(3), |s| s.contains("抽取结果"))
            .await;
        assert!(shown, "{}", t.screen());
    }

    let json = srv
        .service()
        .draw_certificate(&Actor::console(), id)
        .expect("certificate");
    let cert = Certificate::from_json(&json).expect("json");
    assert!(verify(&cert).is_ok());
    assert_eq!(cert.entropy.len(), 1);
    let file = srv.dir.path().join("certificate.json");
    std::fs::write(&file, &json).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .args(["draw", "verify"])
        .arg(&file)
        .output()
        .expect("run");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && said.contains("VALID"), "{said}");
}
