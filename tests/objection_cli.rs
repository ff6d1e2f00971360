//! Corrections and objections from the command line (issue 18): an objection to a published
//! result is recorded by the office, decided by a leader (更正), and the correction notice
//! names what changed; the quarter's notice, written again, shows the corrected version.
//! Refusals (an unpublished result, an unknown result, a role that may not decide, a second
//! decision) in the user's language, with nothing changed.

mod common;

use common::Env;
use common::results::entered_result;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::user::Role;
use shuangsui::service::{Actor, NewUser, Service};

/// Demo data, one result entered and approved, and a leader account `lead`: the result's id
/// and the quarter.
fn approved(env: &Env) -> (String, String) {
    env.ok(&["demo-data", "--enterprises", "60"]);
    let me = Actor::console();
    let mut svc = Service::open(&env.db()).expect("open");
    let e = entered_result(&mut svc, "no_problem", false);
    let a = svc
        .worklist(&me)
        .expect("worklist")
        .into_iter()
        .find(|w| w.a.result.as_ref().is_some_and(|r| r.id == e.result))
        .expect("assignment");
    let rev = a.a.result.as_ref().map_or(0, |r| r.revision);
    svc.review(&me, e.result, rev, true, "").expect("approved");
    svc.add_user(
        &me,
        &NewUser {
            name: "lead".into(),
            roles: [Role::Leader].into(),
            password: Some("a-long-password-1".into()),
            ..Default::default()
        },
    )
    .expect("user");
    let q = Quarter::of(svc.today()).to_string();
    (e.result.to_string(), q)
}

#[test]
fn an_objection_leads_to_a_correction_notice_and_the_notice_shows_the_version() {
    let env = Env::new();
    let (r, q) = approved(&env);
    let refused = |args: &[&str], want: &str| {
        let run = env.run(args);
        assert_eq!(run.0.status.code(), Some(1), "{args:?}");
        assert!(run.stderr().contains(want), "{args:?}: {}", run.stderr());
    };
    let content = ["--from", "唐山某公司", "--content", "结果有误"];
    refused(
        &[&["objection", "add", &r][..], &content].concat(),
        "尚未公示",
    );
    refused(
        &[&["--lang", "en", "objection", "add", &r][..], &content].concat(),
        "not published",
    );
    let dir = env.path("out");
    let dir = dir.to_str().unwrap();
    env.ok(&["publish", "--quarter", &q, "--out", dir]);
    refused(
        &[&["objection", "add", "999"][..], &content].concat(),
        "没有编号为 999 的检查结果",
    );
    let out = env.ok(&[&["objection", "add", &r][..], &content].concat());
    assert!(out.contains("已登记异议，编号 1"), "{out}");
    let decide = [
        "objection",
        "decide",
        "1",
        "--decision",
        "更正",
        "--reason",
        "经复核属实",
        "--category",
        "corrected",
    ];
    let last = || {
        let mut svc = Service::open(&env.db()).expect("open");
        svc.audit_recent(&Actor::console(), 1).expect("audit")[0].id
    };
    let before = last();
    refused(&decide, "无权执行此操作");
    refused(
        &[
            &decide[..3],
            &["--decision", "改", "--reason", "x", "--as", "lead"],
        ]
        .concat(),
        "无法识别的决定",
    );
    refused(
        &[&decide[..7], &["--category", "nonsense", "--as", "lead"]].concat(),
        "检查结果：",
    );
    assert_eq!(last(), before, "a refusal changes nothing");
    let out = env.ok(&[&decide[..], &["--as", "lead"]].concat());
    assert!(out.contains("更正为第 2 版"), "{out}");
    refused(&[&decide[..], &["--as", "lead"]].concat(), "已经决定");
    refused(
        &[&["--lang", "en"][..], &decide[..], &["--as", "lead"]].concat(),
        "already decided",
    );
    let list = env.ok(&["objection", "list"]);
    assert!(
        list.contains("已更正") && list.contains("唐山某公司"),
        "{list}"
    );
    let out = env.ok(&["publish", "--quarter", &q, "--out", dir, "--corrections"]);
    assert!(out.contains("1 条更正"), "{out}");
    let notice = std::fs::read_to_string(env.path(&format!("out/更正公示-{q}.html"))).unwrap();
    assert!(
        notice.contains("检查结果：未发现问题 → 发现问题已责令改正"),
        "{notice}"
    );
    env.ok(&["publish", "--quarter", &q, "--out", dir]);
    let again = std::fs::read_to_string(env.path(&format!("out/抽查结果公示-{q}.html"))).unwrap();
    assert!(
        again.contains("已更正（第2版") && again.contains("发现问题已责令改正"),
        "{again}"
    );
    assert!(env.ok(&["audit", "verify"]).starts_with("OK"));
}
