//! The office's work over real SSH (issue 17): an auditor checks the audit trail's hash chain
//! from the audit tab (`v`), and an administrator declares a conflict of interest (回避) from an
//! enterprise's detail (`c`) that the next draw's snapshot then holds, and withdraws it (`w`).

mod common;

use common::ssh::{Cred, PASSWORD, Term, into_enterprise, start_server};
use shuangsui::domain::draw::Quota;
use shuangsui::domain::user::Role;
use shuangsui::service::{Actor, DrawRequest, NewUser};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_auditor_checks_the_chain_from_the_audit_tab() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = Actor::console();
    let nu = NewUser {
        name: "auditor".into(),
        roles: [Role::Auditor].into(),
        password: Some(PASSWORD.into()),
        ..Default::default()
    };
    svc.add_user(&me, &nu).expect("auditor");
    let mut t = Term::connect(srv.addr(), "auditor", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("首页").await, "{}", t.screen());
    t.send(b"8").await;
    assert!(t.wait_for("v 校验审计链").await, "{}", t.screen());
    t.send(b"v").await;
    assert!(t.wait_for("审计链校验").await, "{}", t.screen());
    assert!(t.wait_for("OK：").await, "{}", t.screen());
    // The popup names the last id: the same as the console's check at that moment or later.
    let report = svc.verify_audit(&me, None).expect("verify");
    assert!(report.is_ok());
    let shown = t.screen();
    assert!(shown.contains("最后编号"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_declared_in_the_ui_is_frozen_into_the_next_draw() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = Actor::console();
    let firm = svc.enterprises(&me).expect("firms").remove(0);
    let before = svc.conflicts(&me).expect("conflicts");
    let officer = (svc.inspectors(&me).expect("officers").into_iter())
        .filter(|i| i.data.active && !i.data.cert_no.is_empty())
        .find(|i| {
            !before
                .iter()
                .any(|c| c.inspector_id == i.id && c.enterprise_id == firm.id)
        })
        .expect("an officer free of this firm");

    let code = firm.data.credit_code.to_string();
    let mut t = into_enterprise(&srv, &code, "c 登记回避").await;
    t.send(b"c").await;
    assert!(t.wait_for("选择检查人员").await, "{}", t.screen());
    t.send(officer.data.cert_no.as_bytes()).await;
    assert!(t.wait_for(&officer.data.unit).await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("回避原因").await, "{}", t.screen());
    t.send("端到端：其配偶在该单位任职\r".as_bytes()).await;
    assert!(t.wait_for("已登记回避").await, "{}", t.screen());

    let after = svc.conflicts(&me).expect("conflicts");
    let new = (after.iter())
        .find(|c| c.reason == "端到端：其配偶在该单位任职")
        .expect("declared through the UI");
    assert_eq!((new.inspector_id, new.enterprise_id), (officer.id, firm.id));
    let audited = svc.audit_recent(&me, 5).expect("audit");
    assert!(
        audited
            .iter()
            .any(|a| a.entity == "conflict" && a.actor == "admin" && a.action == "create")
    );

    // The next draw freezes every conflict in force, this one with them.
    let mut r = DrawRequest::new(shuangsui::domain::quarter::Quarter::of(svc.today()));
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 0,
        general: 1,
    });
    let in_force = after.iter().filter(|c| c.withdrawn.is_none()).count();
    let prepared = svc.prepare_draw(&me, &r).expect("prepared");
    assert_eq!(prepared.check.conflicts, in_force);

    // Withdrawn from the same detail: it stays on record, no longer in force.
    t.send(b"w").await;
    assert!(t.wait_for("撤销回避：").await, "{}", t.screen());
    let mine = (after.iter())
        .filter(|c| c.enterprise_id == firm.id && c.withdrawn.is_none())
        .position(|c| c.id == new.id)
        .expect("listed");
    for _ in 0..mine {
        t.send(b"\x1b[B").await; // ↓
        t.pump(Duration::from_millis(100), |_| false).await;
    }
    t.send(b"\r").await;
    assert!(t.wait_for("已撤销回避").await, "{}", t.screen());
    let now = svc.conflicts(&me).expect("conflicts");
    let gone = now.iter().find(|c| c.id == new.id).expect("kept");
    assert!(gone.withdrawn.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_leader_sets_a_quarters_ratio_from_the_home_tab() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let quarter = shuangsui::domain::quarter::Quarter::of(svc.today());
    let mut t = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("p 本季度抽查比例").await, "{}", t.screen());
    t.send(b"p").await;
    assert!(t.wait_for("沿用默认值").await, "{}", t.screen());
    t.send(b"\r").await; // the first ratio: key firms
    assert!(t.wait_for("输入新的百分比").await, "{}", t.screen());
    t.send(b"\x7f\x7f\x7f\x7f30\r").await;
    assert!(t.wait_for("设为 30%").await, "{}", t.screen());
    assert!(t.wait_for("本季度已单独设定").await, "{}", t.screen());
    let (r, own) = svc.plan_ratios(quarter).expect("plan");
    assert!(own);
    assert_eq!(r.key, 3000);
    let audited = svc.audit_recent(&Actor::console(), 3).expect("audit");
    assert!(
        audited
            .iter()
            .any(|a| a.entity == "plan" && a.actor == "leader"),
        "{audited:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn my_settings_switch_the_language_at_once_and_for_the_next_login() {
    let srv = start_server().await;
    let mut t = Term::connect(srv.addr(), "inspector", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("m 我的设置").await, "{}", t.screen());
    t.send(b"m").await;
    assert!(t.wait_for("界面语言：中文").await, "{}", t.screen());
    t.send(b"\r").await;
    assert!(t.wait_for("Language: English").await, "{}", t.screen());
    assert!(
        t.wait_for("1 Home").await,
        "the tabs at once: {}",
        t.screen()
    );
    t.send(b"\x1b").await;
    t.pump(Duration::from_millis(300), |_| false).await;
    let mut again = Term::connect(srv.addr(), "inspector", Cred::Password(PASSWORD)).await;
    assert!(again.wait_for("1 Home").await, "{}", again.screen());
    let u = srv
        .service()
        .user("inspector")
        .expect("read")
        .expect("user");
    assert_eq!(u.lang.as_deref(), Some("en"));
}

/// Issue 17 item 4: the bureau's name set from the settings screen (`s` on the home tab) is
/// printed on the next draw record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bureau_name_set_in_the_ui_is_printed_on_the_draw_record() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = Actor::console();
    let mut t = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(t.wait_for("s 系统设置").await, "{}", t.screen());
    t.send(b"s").await;
    assert!(t.wait_for("系统设置（仅管理员）").await, "{}", t.screen());
    for _ in 0..8 {
        t.send(b"\x1b[B").await; // ↓ to the bureau's name
        t.pump(Duration::from_millis(50), |_| false).await;
    }
    t.send(b"\r").await;
    assert!(t.wait_for("[bureau-name]").await, "{}", t.screen());
    t.send("唐山市生态环境局端到端分局\r".as_bytes()).await;
    assert!(t.wait_for("已保存").await, "{}", t.screen());
    assert_eq!(
        svc.bureau_name().expect("name"),
        "唐山市生态环境局端到端分局"
    );

    let mut r = DrawRequest::new(shuangsui::domain::quarter::Quarter::of(svc.today()));
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 0,
        general: 1,
    });
    let id = svc.prepare_draw(&me, &r).expect("prepared").id;
    svc.open_room(&me, id).expect("room");
    svc.add_entropy(&me, id, "w1", "typed by the witness at the table")
        .expect("entropy");
    svc.reveal_draw(&me, id).expect("revealed");
    let files = svc
        .draw_record(&me, id, shuangsui::strings::Lang::Zh)
        .expect("record");
    let html = files
        .iter()
        .find(|(n, _)| n.ends_with(".html") && !n.ends_with("-verify.html"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .expect("the HTML record");
    assert!(
        html.contains("唐山市生态环境局端到端分局"),
        "the record names the bureau"
    );
}
