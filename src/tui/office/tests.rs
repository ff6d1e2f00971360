//! The office's keys in the app: the audit chain check on the audit tab, and conflicts declared
//! and withdrawn from a detail, with the refusals for other roles and bad input.

use crate::domain::user::Role;
use crate::service::hub::Hub;
use crate::service::{Actor, Service};
use crate::strings::Lang;
use crate::tui::app::{App, Session, Tab};
use crate::tui::theme::Theme;
use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

pub(super) fn clock() -> crate::service::Clock {
    Box::new(|| Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
}

/// A demo database in `dir`.
pub(super) fn db(dir: &Path) -> PathBuf {
    let path = dir.join("office.sqlite3");
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    crate::demo::fill(&mut svc, &Actor::console(), 30).unwrap();
    path
}

pub(super) fn app(path: &Path, roles: &[Role]) -> App {
    let actor = Actor {
        user_id: Some(1),
        name: "wang".into(),
        roles: roles.iter().copied().collect(),
    };
    let session = Session {
        actor,
        lang: Lang::Zh,
        theme: Theme { ascii: false },
        must_change_password: false,
    };
    let svc = Service::open(path).unwrap().with_clock(clock());
    App::new(session, svc, Hub::new())
}

pub(super) fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub(super) fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub(super) fn typed(a: &mut App, s: &str) {
    for c in s.chars() {
        a.update(crate::tui::Event::Key(ch(c)));
    }
}

pub(super) fn press(a: &mut App, k: KeyEvent) {
    a.update(crate::tui::Event::Key(k));
}

/// The screen at 100×30 and its hint bar.
pub(super) fn screen(a: &mut App) -> (String, String) {
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    term.draw(|f| a.view(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let line = |y: u16| {
        let (mut out, mut x) = (String::new(), 0);
        while x < 100 {
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
        }
        out
    };
    let all = (0..30).map(line).collect::<Vec<_>>().join("\n");
    (all, line(28))
}

pub(super) fn said(a: &App) -> String {
    a.message().unwrap_or_default().to_string()
}

#[test]
fn the_audit_tab_checks_the_chain_for_administrators_and_auditors() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let last = Service::open(&path)
        .unwrap()
        .verify_audit(&Actor::console(), None)
        .unwrap()
        .last
        .unwrap();
    for roles in [[Role::Admin], [Role::Auditor]] {
        let mut a = app(&path, &roles);
        press(&mut a, ch('8'));
        assert_eq!(a.current(), Tab::Audit);
        let (_, bar) = screen(&mut a);
        assert!(bar.contains("v 校验审计链"), "{roles:?}: {bar}");
        press(&mut a, ch('v'));
        assert_eq!(a.depth(), 1, "the popup is open");
        let (shown, _) = screen(&mut a);
        assert!(shown.contains("审计链校验"), "{shown}");
        assert!(shown.contains(&format!("最后编号 {}", last.0)), "{shown}");
        assert!(shown.contains(&last.1.to_string()[..20]), "{shown}");
        assert!(said(&a).contains("OK"), "{}", said(&a));
        press(&mut a, key(KeyCode::Esc));
        assert_eq!(a.depth(), 0);
    }
    // A leader sees the trail but may not run the check: not offered, and `v` says why.
    let mut l = app(&path, &[Role::Leader]);
    press(&mut l, ch('8'));
    let (_, bar) = screen(&mut l);
    assert!(!bar.contains("校验审计链"), "{bar}");
    press(&mut l, ch('v'));
    assert_eq!(l.depth(), 0);
    assert!(said(&l).contains("审计"), "{}", said(&l));
}

#[test]
fn a_broken_chain_shows_every_row_that_breaks_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    // Tampered from outside, as someone with the file would (SQL stays out of the UI's code).
    let forged = std::process::Command::new("sqlite3")
        .arg(&path)
        .arg(
            "DROP TRIGGER IF EXISTS audit_no_update;
             UPDATE audit SET summary = 'forged' WHERE id = 3;
             UPDATE audit SET summary = 'forged' WHERE id = 7;",
        )
        .status()
        .expect("sqlite3 is installed (.ci/run installs it)");
    assert!(forged.success());
    let mut a = app(&path, &[Role::Auditor]);
    press(&mut a, ch('8'));
    press(&mut a, ch('v'));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("未通过"), "{shown}");
    for id in ["3", "7"] {
        assert!(shown.contains(&format!("第 {id} 条")), "row {id}\n{shown}");
    }
    assert!(!shown.contains("OK："), "{shown}");
    assert!(said(&a).contains("2 处问题"), "{}", said(&a));
}

/// Opens the detail of the first enterprise on the enterprises tab.
pub(super) fn first_enterprise(a: &mut App) -> i64 {
    press(a, ch('2'));
    let id = a.selected_row().unwrap();
    press(a, key(KeyCode::Enter));
    assert_eq!(a.depth(), 1, "the detail is open");
    id
}

/// The detail shown scrolled down to its conflicts.
pub(super) fn conflicts_shown(a: &mut App) -> String {
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&screen(a).0);
        press(a, key(KeyCode::PageDown));
    }
    seen
}

#[test]
fn a_conflict_is_declared_and_withdrawn_from_an_enterprises_detail() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut svc = Service::open(&path).unwrap();
    let me = Actor::console();
    let before = svc.conflicts(&me).unwrap();
    let mut a = app(&path, &[Role::Admin]);
    let firm = first_enterprise(&mut a);
    // An active officer with no conflict in force with this enterprise.
    let officer = (svc.inspectors(&me).unwrap().into_iter())
        .filter(|i| i.data.active && !i.data.cert_no.is_empty())
        .find(|i| {
            !before
                .iter()
                .any(|c| c.inspector_id == i.id && c.enterprise_id == firm)
        })
        .unwrap();
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("c 登记回避"), "{bar}");
    press(&mut a, ch('c'));
    assert_eq!(a.depth(), 2, "the list of inspectors");
    typed(&mut a, &officer.data.cert_no);
    let (shown, _) = screen(&mut a);
    assert!(shown.contains(&officer.data.name), "{shown}");
    press(&mut a, key(KeyCode::Enter));
    // An empty reason is refused in words and changes nothing.
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains('⚠'), "{shown}");
    assert_eq!(svc.conflicts(&me).unwrap(), before);
    typed(&mut a, "测试：配偶在该单位任职");
    press(&mut a, key(KeyCode::Enter));
    assert_eq!(a.depth(), 1, "back on the detail: {}", said(&a));
    assert!(said(&a).contains("已登记回避"), "{}", said(&a));
    let all = svc.conflicts(&me).unwrap();
    assert_eq!(all.len(), before.len() + 1);
    let new = all
        .iter()
        .find(|c| c.reason == "测试：配偶在该单位任职")
        .unwrap();
    assert_eq!((new.inspector_id, new.enterprise_id), (officer.id, firm));
    let shown = conflicts_shown(&mut a);
    assert!(
        shown.contains("测试：配偶在该单位任职"),
        "listed on the detail\n{shown}"
    );

    // `w` lists those in force here; withdraw each, the new one among them.
    let here = |all: &[crate::domain::inspector::Conflict]| {
        (all.iter())
            .filter(|c| c.enterprise_id == firm && c.withdrawn.is_none())
            .count()
    };
    for left in (0..here(&all)).rev() {
        press(&mut a, ch('w'));
        assert_eq!(a.depth(), 2, "the list of conflicts in force");
        press(&mut a, key(KeyCode::Enter));
        assert!(said(&a).contains("已撤销回避"), "{}", said(&a));
        assert_eq!(here(&svc.conflicts(&me).unwrap()), left);
    }
    let all = svc.conflicts(&me).unwrap();
    let new = all
        .iter()
        .find(|c| c.reason == "测试：配偶在该单位任职")
        .unwrap();
    assert!(new.withdrawn.is_some());
    // Nothing left in force: `w` says so.
    press(&mut a, ch('w'));
    assert_eq!(a.depth(), 1);
    assert!(said(&a).contains("没有生效的回避"), "{}", said(&a));
    let h = svc.audit_recent(&me, 5).unwrap();
    assert!(
        h.iter()
            .any(|r| r.entity == "conflict" && r.action == "withdraw")
    );
}

#[test]
fn a_conflict_is_declared_from_an_inspectors_detail_and_listed_on_both() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut svc = Service::open(&path).unwrap();
    let me = Actor::console();
    let firm = svc.enterprises(&me).unwrap().remove(0);
    let mut a = app(&path, &[Role::Admin]);
    press(&mut a, ch('3'));
    let officer = a.selected_row().unwrap();
    press(&mut a, key(KeyCode::Enter));
    press(&mut a, ch('c'));
    typed(&mut a, &firm.data.credit_code.to_string());
    press(&mut a, key(KeyCode::Enter));
    typed(&mut a, "测试：曾在该单位任职");
    press(&mut a, key(KeyCode::Enter));
    assert!(said(&a).contains("已登记回避"), "{}", said(&a));
    let all = svc.conflicts(&me).unwrap();
    let new = all
        .iter()
        .find(|c| c.reason == "测试：曾在该单位任职")
        .unwrap();
    assert_eq!((new.inspector_id, new.enterprise_id), (officer, firm.id));
    // The enterprise's detail lists it too.
    press(&mut a, key(KeyCode::Esc));
    press(&mut a, ch('2'));
    while a.selected_row() != Some(firm.id) {
        press(&mut a, key(KeyCode::Down));
    }
    press(&mut a, key(KeyCode::Enter));
    let shown = conflicts_shown(&mut a);
    assert!(shown.contains("测试：曾在该单位任职"), "{shown}");
}

#[test]
fn only_administrators_declare_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut l = app(&path, &[Role::Leader]);
    first_enterprise(&mut l);
    let (_, bar) = screen(&mut l);
    assert!(!bar.contains("登记回避"), "{bar}");
    for k in ['c', 'w'] {
        press(&mut l, ch(k));
        assert_eq!(l.depth(), 1);
        assert!(said(&l).contains("管理员"), "{}", said(&l));
    }
}

pub(super) fn clear_line(a: &mut App) {
    for _ in 0..8 {
        press(a, key(KeyCode::Backspace));
    }
}

#[test]
fn a_leader_sets_one_ratio_of_the_quarter_with_the_defaults_beside_it() {
    use crate::domain::quarter::Quarter;
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let q: Quarter = "2024Q2".parse().unwrap();
    let mut a = app(&path, &[Role::Leader]);
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("p 本季度抽查比例"), "{bar}");
    press(&mut a, ch('p'));
    assert_eq!(a.depth(), 1);
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("2024Q2 抽查比例（沿用默认值）"), "{shown}");
    assert!(shown.contains("65%"), "the default special ratio\n{shown}");
    press(&mut a, key(KeyCode::Down));
    press(&mut a, key(KeyCode::Enter));
    // Bad input is said in words and changes nothing.
    clear_line(&mut a);
    typed(&mut a, "120");
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains('⚠') && shown.contains("百分比"), "{shown}");
    let mut svc = Service::open(&path).unwrap();
    assert!(!svc.plan_ratios(q).unwrap().1, "nothing set");
    clear_line(&mut a);
    typed(&mut a, "70");
    press(&mut a, key(KeyCode::Enter));
    assert!(said(&a).contains("设为 70%"), "{}", said(&a));
    let (r, own) = svc.plan_ratios(q).unwrap();
    assert!(own);
    assert_eq!((r.special, r.key), (7000, 2500), "the others kept");
    assert_eq!(svc.ratios().unwrap().special, 6500, "the defaults kept");
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("本季度已单独设定"), "{shown}");
    let h = svc.audit_recent(&Actor::console(), 3).unwrap();
    let e = h.iter().find(|e| e.entity == "plan").unwrap();
    assert_eq!(
        (e.actor.as_str(), e.summary.as_str()),
        ("wang", "2024Q2 special")
    );
    // The next quarter still has the defaults.
    press(&mut a, ch('>'));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("2024Q3 抽查比例（沿用默认值）"), "{shown}");
}

#[test]
fn only_leaders_and_administrators_set_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    for roles in [[Role::Inspector], [Role::Auditor], [Role::Witness]] {
        let mut a = app(&path, &roles);
        let (_, bar) = screen(&mut a);
        assert!(!bar.contains("抽查比例"), "{bar}");
        press(&mut a, ch('p'));
        assert_eq!(a.depth(), 0);
        assert!(said(&a).contains("领导"), "{roles:?}: {}", said(&a));
    }
    let mut svc = Service::open(&path).unwrap();
    let me = Actor {
        user_id: None,
        name: "x".into(),
        roles: [Role::Auditor].into(),
    };
    let q = "2024Q2".parse().unwrap();
    let refused = svc.set_quarter_ratio(&me, q, crate::service::plan_ratio::PlanRatio::Key, 100);
    assert!(matches!(
        refused,
        Err(crate::service::ServiceError::Forbidden(_))
    ));
}

/// An app for a real account `name` (its own preferences and password are saved).
fn own_app(path: &Path, name: &str) -> App {
    let mut svc = Service::open(path).unwrap().with_clock(clock());
    let nu = crate::service::NewUser {
        name: name.into(),
        roles: [Role::Inspector].into(),
        password: Some("a-long-password-1".into()),
        ..Default::default()
    };
    let id = svc.add_user(&Actor::console(), &nu).unwrap();
    let actor = Actor {
        user_id: Some(id),
        name: name.into(),
        roles: [Role::Inspector].into(),
    };
    let session = Session {
        actor,
        lang: Lang::Zh,
        theme: Theme { ascii: false },
        must_change_password: false,
    };
    App::new(session, svc, Hub::new())
}

#[test]
fn my_settings_change_language_and_borders_at_once_and_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = own_app(&path, "zhao");
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("m 我的设置"), "{bar}");
    press(&mut a, ch('m'));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("界面语言：中文"), "{shown}");
    press(&mut a, key(KeyCode::Enter));
    let (shown, bar) = screen(&mut a);
    assert!(shown.contains("Language: English"), "at once\n{shown}");
    assert!(
        bar.contains("change") && shown.contains("Home"),
        "{bar}\n{shown}"
    );
    press(&mut a, key(KeyCode::Down));
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains("Borders: ASCII") && shown.contains('+'),
        "{shown}"
    );
    assert!(!shown.contains('┌'), "no box characters left\n{shown}");
    let mut svc = Service::open(&path).unwrap();
    let u = svc.user("zhao").unwrap().unwrap();
    assert_eq!((u.lang.as_deref(), u.ascii), (Some("en"), true));
    let h = svc.audit_recent(&Actor::console(), 3).unwrap();
    assert!(
        h.iter()
            .any(|e| e.action == "set_preferences" && e.actor == "zhao")
    );

    // The password: too short, then two entries that differ, are refused in words.
    press(&mut a, key(KeyCode::Down));
    press(&mut a, key(KeyCode::Enter));
    typed(&mut a, "short");
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains('⚠'), "{shown}");
    typed(&mut a, "a-new-password-2");
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(
        !shown.contains('⚠') && !shown.contains("a-new"),
        "never echoed\n{shown}"
    );
    typed(&mut a, "a-new-password-3");
    press(&mut a, key(KeyCode::Enter));
    assert!(screen(&mut a).0.contains("differ"));
    typed(&mut a, "a-new-password-2");
    press(&mut a, key(KeyCode::Enter));
    typed(&mut a, "a-new-password-2");
    press(&mut a, key(KeyCode::Enter));
    assert!(said(&a).contains("new password saved"), "{}", said(&a));
    let h = svc.audit_recent(&Actor::console(), 3).unwrap();
    assert!(
        h.iter()
            .any(|e| e.actor == "zhao" && e.action.contains("password")),
        "{h:?}"
    );
}

/// Issue 17 item 4: the system settings from the home tab (`s`), by keys, for administrators;
/// a bad value is said and changes nothing; others are told why not.
#[test]
fn an_administrator_changes_settings_and_a_bad_value_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut a = app(&path, &[Role::Admin]);
    press(&mut a, ch('s'));
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains("系统设置") && shown.contains("365 天"),
        "{shown}"
    );
    // Down to the bureau's name (the ninth setting), which the demo leaves empty.
    for _ in 0..8 {
        press(&mut a, key(KeyCode::Down));
    }
    press(&mut a, key(KeyCode::Enter));
    typed(&mut a, "唐山市生态环境局高新区分局");
    press(&mut a, key(KeyCode::Enter));
    assert!(said(&a).contains("已保存"), "{}", said(&a));
    let mut svc = Service::open(&path).unwrap();
    assert_eq!(svc.bureau_name().unwrap(), "唐山市生态环境局高新区分局");
    // Up to the N4 window: a word is refused beside it.
    press(&mut a, key(KeyCode::Up));
    press(&mut a, key(KeyCode::Up));
    press(&mut a, key(KeyCode::Enter));
    for _ in 0..3 {
        press(&mut a, key(KeyCode::Backspace));
    }
    typed(&mut a, "abc");
    press(&mut a, key(KeyCode::Enter));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("“abc”不是 0–3660 之间的天数"), "{shown}");
    assert_eq!(svc.draw_rules().unwrap().repeat_window_days, 365);
    press(&mut a, key(KeyCode::Esc));
    press(&mut a, key(KeyCode::Esc));
    assert_eq!(a.depth(), 0);
    let h = svc.audit_recent(&Actor::console(), 5).unwrap();
    assert!(
        h.iter()
            .any(|e| e.entity == "settings" && e.actor == "wang"),
        "audited"
    );

    let mut l = app(&path, &[Role::Leader]);
    let (_, bar) = screen(&mut l);
    assert!(!bar.contains("系统设置"), "{bar}");
    press(&mut l, ch('s'));
    assert_eq!(l.depth(), 0);
    assert!(said(&l).contains("管理员"), "{}", said(&l));
}
