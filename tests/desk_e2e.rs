//! The office's remaining data-changing work by keys over real SSH (issue 17 item 7): the draw
//! room's other steps (announcement, public value, note, cancel; decline, a leader's accept,
//! release), the calendar, off-site records, department-joint inspections and targets, a
//! leader's evaluation, and accounts enabled again or given a new password. Each has a
//! `shuangsui` command too; `tests/cli_contract.rs` names these tests as their UI paths.

mod common;

use common::ssh::{Cred, PASSWORD, Term, TestServer, into_room, login, start_server};
use shuangsui::domain::ceremony::Status;
use shuangsui::domain::draw::Quota;
use shuangsui::domain::quarter::Quarter;
use shuangsui::service::{Actor, DrawRequest};
use std::time::Duration;

const CTRL_S: &[u8] = b"\x13";
const CTRL_U: &[u8] = b"\x15";
const UP: &[u8] = b"\x1b[A";

/// Prepares a small draw of this quarter; returns its id and label.
fn prepare(srv: &TestServer, public_source: Option<&str>) -> (i64, String) {
    let mut svc = srv.service().with_notifier(srv.running.hub.notifier());
    let mut r = DrawRequest::new(Quarter::of(svc.today()));
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 0,
        general: 1,
    });
    r.public_source = public_source.map(str::to_string);
    let p = svc.prepare_draw(&Actor::console(), &r).expect("prepared");
    (p.id, p.check.label)
}

/// Saves the form on screen (`Ctrl-S`) and waits until it has closed with `已保存`; `form` is
/// a word only the form shows.
async fn saved(t: &mut Term, form: &str) {
    t.send(CTRL_S).await;
    let closed = t
        .pump(Duration::from_secs(5), |s| {
            s.contains("已保存") && !s.contains(form)
        })
        .await;
    assert!(closed, "{}", t.screen());
}

/// Sends keys one at a time, each given time to take effect (a popup to open or close).
async fn keys(t: &mut Term, keys: &[&[u8]]) {
    for k in keys {
        t.send(k).await;
        t.pump(Duration::from_millis(100), |_| false).await;
    }
}

/// Types `text` into the prompt a key opened and submits it; waits for `done`.
async fn answer(t: &mut Term, key: &[u8], text: &str, done: &str) {
    t.send(key).await;
    t.pump(Duration::from_millis(200), |_| false).await;
    t.send(text.as_bytes()).await;
    t.send(b"\r").await;
    assert!(t.wait_for(done).await, "{}", t.screen());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announcement_public_value_note_and_cancel_from_the_room() {
    let srv = start_server().await;
    let (id, label) = prepare(&srv, Some("福利彩票 当晚开奖号码"));
    let mut a = into_room(&srv, "admin", &label).await;
    a.send(b"b").await;
    assert!(a.wait_for("已写入发件箱").await, "{}", a.screen());
    answer(&mut a, b"v", "03 15 22 27 31 33 + 08", "公开随机值已录入").await;
    answer(&mut a, b"n", "见证人已到齐", "备注已添加").await;
    a.send(b"z").await;
    a.pump(Duration::from_millis(200), |_| false).await;
    a.send("服务器时间有误，重新准备\r".as_bytes()).await;
    a.pump(Duration::from_millis(200), |_| false).await;
    a.send(b"y").await;
    assert!(a.wait_for("本次抽取已作废").await, "{}", a.screen());

    let mut svc = srv.service();
    let me = Actor::console();
    let d = svc.draw_summary(&me, id).expect("draw");
    assert_eq!(d.status, Status::Cancelled.code());
    assert_eq!(d.public_value.as_deref(), Some("03 15 22 27 31 33 + 08"));
    let trail = svc.audit_recent(&me, 10).expect("audit");
    for action in ["announce", "public_value", "annotate", "cancel"] {
        assert!(
            trail
                .iter()
                .any(|e| e.action == action && e.actor == "admin"),
            "{action} audited: {trail:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_result_is_accepted_by_a_leader_and_released() {
    let srv = start_server().await;
    let (id, label) = prepare(&srv, None);
    let mut a = into_room(&srv, "admin", &label).await;
    let mut w = into_room(&srv, "w1", &label).await;
    answer(
        &mut w,
        b"e",
        "见证人当场敲入的一串随机字符",
        "随机字符串已记录",
    )
    .await;
    a.send(b"r").await;
    assert!(a.wait_for("y").await);
    a.send(b"y").await;
    assert!(a.wait_for("已揭晓").await, "{}", a.screen());
    assert!(w.wait_for("d ").await, "{}", w.screen());
    answer(&mut w, b"d", "名单与公示不符", "异议已记录").await;
    let mut l = into_room(&srv, "leader", &label).await;
    answer(&mut l, b"a", "已核实名单无误", "已采纳结果并封存").await;
    assert!(a.wait_for("l ").await, "{}", a.screen());
    a.send(b"l").await;
    a.pump(Duration::from_millis(200), |_| false).await;
    a.send(b"y").await;
    assert!(a.wait_for("任务已下发").await, "{}", a.screen());
    let mut svc = srv.service();
    let me = Actor::console();
    let d = svc.draw_summary(&me, id).expect("draw");
    assert_eq!(d.status, Status::Sealed.code());
    let trail = svc.audit_recent(&me, 10).expect("audit");
    for (action, who) in [
        ("decline", "w1"),
        ("accept", "leader"),
        ("release", "admin"),
    ] {
        assert!(
            trail.iter().any(|e| e.action == action && e.actor == who),
            "{action} by {who}: {trail:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendar_offsite_joint_work_and_an_evaluation_by_keys() {
    let srv = start_server().await;
    let mut svc = srv.service();
    let me = Actor::console();
    let quarter = Quarter::of(svc.today());
    let mut a = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(a.wait_for("首页").await);
    // A holiday on a weekday (home tab, c).
    a.send(b"c").await;
    assert!(a.wait_for("工作日历").await, "{}", a.screen());
    a.send(CTRL_U).await;
    a.send(b"2026-12-31").await;
    saved(&mut a, "说明").await;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    assert!(!svc.calendar().expect("calendar").is_working_day(day));
    // And back to an ordinary day (the kind 普通日期, chosen by its pinyin initials).
    a.send(b"c").await;
    assert!(a.wait_for("工作日历").await, "{}", a.screen());
    a.send(CTRL_U).await;
    keys(&mut a, &[b"2026-12-31", b"\t", b"ptrq", b"\r"]).await;
    saved(&mut a, "说明").await;
    assert!(svc.calendar().expect("calendar").is_working_day(day));
    // An off-site check of the first positive-list firm (results tab, o).
    let before = svc.offsite(&me, quarter).expect("offsite");
    a.send(b"6o").await;
    assert!(a.wait_for("正面清单企业").await, "{}", a.screen());
    keys(&mut a, &[b"\r", b"\r", b"\t", b"\t", b"zhengchang"]).await;
    saved(&mut a, "正面清单企业").await;
    let after = svc.offsite(&me, quarter).expect("offsite");
    let count =
        |v: &[shuangsui::service::OffsiteLine]| v.iter().map(|l| l.records.len()).sum::<usize>();
    assert_eq!(count(&after), count(&before) + 1);
    // The year's joint targets and one joint inspection (reports tab, t and n).
    a.send(b"7t").await;
    assert!(a.wait_for("联合抽查次数目标").await, "{}", a.screen());
    a.send(b"\t\x7f4\t\x7f10").await;
    saved(&mut a, "联合抽查次数目标").await;
    a.send(b"n").await;
    assert!(a.wait_for("联合部门").await, "{}", a.screen());
    a.send("\t市场监管局、应急管理局\t生态环境局\t\r\r".as_bytes())
        .await;
    saved(&mut a, "联合部门").await;
    let year = chrono::Datelike::year(&svc.today());
    assert_eq!(svc.joint_inspections(&me, year).expect("joint").len(), 1);

    // A leader's evaluation of an inspector (reports tab, g).
    let mut l = Term::connect(srv.addr(), "leader", Cred::Password(PASSWORD)).await;
    assert!(l.wait_for("首页").await);
    l.send(b"7g").await;
    assert!(l.wait_for("检查人员综合评估").await, "{}", l.screen());
    // Choosing the grade moves on to the remark.
    keys(&mut l, &[b"\t", b"\r", UP, b"\r"]).await;
    l.send("执法记录完整规范".as_bytes()).await;
    saved(&mut l, "评估意见").await;
    let e = svc.evaluations(&me, quarter).expect("evaluations");
    assert!(e.iter().any(|e| e.remark == "执法记录完整规范"), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_is_enabled_again_and_given_a_new_password() {
    let srv = start_server().await;
    assert!(
        login(srv.addr(), "gone", Cred::Password(PASSWORD))
            .await
            .is_none()
    );
    let mut a = Term::connect(srv.addr(), "admin", Cred::Password(PASSWORD)).await;
    assert!(a.wait_for("首页").await);
    a.send(b"9").await;
    assert!(a.wait_for("用户名").await, "{}", a.screen());
    a.send(b"/gone\r").await;
    assert!(a.wait_for("a 重新启用").await, "{}", a.screen());
    a.send(b"a").await;
    assert!(a.wait_for("已重新启用用户 gone").await, "{}", a.screen());
    assert!(
        login(srv.addr(), "gone", Cred::Password(PASSWORD))
            .await
            .is_some()
    );
    // A new one-time password for the inspector, to be changed at the next login.
    a.send(b"/\x15inspector\r").await;
    a.pump(Duration::from_millis(300), |_| false).await;
    a.send(b"e").await;
    assert!(a.wait_for("新密码").await, "{}", a.screen());
    a.send(b"\t\t\treset-pass-2026").await;
    saved(&mut a, "新密码").await;
    let mut i = Term::connect(srv.addr(), "inspector", Cred::Password("reset-pass-2026")).await;
    assert!(i.wait_for("首次登录须设置新密码").await, "{}", i.screen());
}
