//! Penalties entered in the UI over real SSH (issue 17 item 3): an administrator who never
//! touches the console records a penalty on an enterprise's detail (`p`), and the enterprise is
//! special (特殊监管对象, S5: penalised in the previous quarter) in the next quarter's
//! classification; a wrong document number is then corrected by a new record that supersedes
//! it, and the class follows the new one. A result category edited in the system settings (`s`, `c`) is what the
//! console's `category list` prints.

mod common;

use common::ssh::{Cred, PASSWORD, Term, into_enterprise, start_server};
use shuangsui::domain::classify::{Class, Reason};
use shuangsui::domain::quarter::Quarter;
use shuangsui::service::Actor;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_penalty_entered_in_the_ui_makes_the_enterprise_special_next_quarter() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = Actor::console();
    let today = svc.today();
    let next = Quarter::of(today).next();
    let before = svc.classify_quarter(&me, next).expect("classified");
    let (firm, _) = (before.items.iter())
        .find(|(_, c)| c.class != Class::Special)
        .expect("a firm not special next quarter")
        .clone();

    let code = firm.data.credit_code.to_string();
    let mut t = into_enterprise(&srv, &code, "p 行政处罚").await;
    t.send(b"p").await;
    assert!(t.wait_for("新增行政处罚").await, "{}", t.screen());
    if t.screen().contains("新增一条，或选择一条更正") {
        t.send(b"\r").await; // 新增 is the first line
        assert!(t.wait_for("处罚文书号").await, "{}", t.screen());
    }
    t.send(b"\t").await;
    t.send(today.to_string().as_bytes()).await;
    t.send(b"\t").await;
    t.send("端到端环罚〔2026〕9号".as_bytes()).await;
    t.send(b"\t").await;
    t.send("超标排放".as_bytes()).await;
    t.send(b"\x13").await; // Ctrl-S
    assert!(t.wait_for("已保存").await, "{}", t.screen());

    let after = svc.classify_quarter(&me, next).expect("classified");
    let (_, c) = (after.items.iter())
        .find(|(e, _)| e.id == firm.id)
        .expect("still classified");
    assert_eq!(c.class, Class::Special, "{c:?}");
    let penalised = |r: &Reason| matches!(r, Reason::Penalized { doc_no, .. } if doc_no == "端到端环罚〔2026〕9号");
    assert!(c.reasons.iter().any(penalised), "{c:?}");
    let audited = svc.audit_recent(&me, 3).expect("audit");
    assert!(
        audited
            .iter()
            .any(|a| a.entity == "penalty" && a.action == "create" && a.actor == "admin"),
        "{audited:?}"
    );
    correct_the_penalty(&mut t, &mut svc, firm.id, next).await;
}

/// A wrong document number corrected by keys: `p`, the record chosen from the list, the number
/// retyped. The wrong record is kept, superseded and shown so; the class follows the new one.
async fn correct_the_penalty(
    t: &mut Term,
    svc: &mut shuangsui::service::Service,
    firm: i64,
    next: Quarter,
) {
    let me = Actor::console();
    let (pens, _) = svc.enterprise_records(&me, firm).expect("records");
    let ours = (pens.iter().filter(|p| p.is_current()))
        .position(|p| p.record.doc_no == "端到端环罚〔2026〕9号")
        .expect("listed");
    t.send(b"p").await;
    assert!(
        t.wait_for("新增一条，或选择一条更正").await,
        "{}",
        t.screen()
    );
    for _ in 0..=ours {
        t.send(b"\x1b[B").await; // Down: 新增 is the first line
    }
    t.send(b"\r").await;
    assert!(t.wait_for("更正行政处罚").await, "{}", t.screen());
    t.send(b"\t\t\x15").await; // to 处罚文书号, Ctrl-U clears it
    t.send("端到端环罚〔2026〕10号".as_bytes()).await;
    t.send(b"\x13").await;
    let saved = |s: &str| s.contains("已保存") && !s.contains("更正行政处罚");
    let wait = std::time::Duration::from_secs(10);
    assert!(t.pump(wait, saved).await, "{}", t.screen());

    let (pens, _) = svc.enterprise_records(&me, firm).expect("records");
    let kept = |doc: &str| pens.iter().find(|p| p.record.doc_no == doc).expect(doc);
    let (old, new) = (
        kept("端到端环罚〔2026〕9号"),
        kept("端到端环罚〔2026〕10号"),
    );
    assert!(!old.is_current() && new.is_current());
    assert_eq!(new.supersedes, Some(old.id));
    let after = svc.classify_quarter(&me, next).expect("classified");
    let (_, c) = (after.items.iter())
        .find(|(e, _)| e.id == firm)
        .expect("classified");
    let docs: Vec<_> = (c.reasons.iter())
        .filter_map(|r| match r {
            Reason::Penalized { doc_no, .. } => Some(doc_no.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(docs, ["端到端环罚〔2026〕10号"], "{c:?}");
    let a = svc.audit_recent(&me, 1).expect("audit").remove(0);
    assert_eq!(
        (a.entity.as_str(), a.action.as_str()),
        ("penalty", "update")
    );
    assert!(a.before.is_some_and(|b| b.contains("9号")), "before kept");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_category_edited_in_the_ui_shows_in_category_list() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("s 系统设置").await, "{}", t.screen());
    t.send(b"s").await;
    assert!(t.wait_for("c 检查结果类别").await, "{}", t.screen());
    t.send(b"c").await;
    assert!(
        t.wait_for("检查结果类别（仅管理员）").await,
        "{}",
        t.screen()
    );
    t.send(b"\r").await; // edit the first
    assert!(t.wait_for("类别名称").await, "{}", t.screen());
    t.send(b"\t").await;
    t.send(&[0x7f; 40]).await; // Backspace
    t.send("端到端未发现问题".as_bytes()).await;
    t.send(b"\x13").await; // Ctrl-S
    assert!(t.wait_for("已保存").await, "{}", t.screen());

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuangsui"))
        .arg("--db")
        .arg(srv.db())
        .args(["category", "list"])
        .env_remove("SHUANGSUI_DB")
        .env_remove("SHUANGSUI_LANG")
        .output()
        .expect("run shuangsui");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{listed}");
    assert!(listed.contains("端到端未发现问题"), "{listed}");
}
