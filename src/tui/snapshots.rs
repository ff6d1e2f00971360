//! Snapshots of every screen at 80×24 in Chinese, rendered with ratatui's `TestBackend` over a
//! deterministic demo database and a fixed clock. Review changes with `cargo insta review` (or
//! run with `INSTA_UPDATE=always` and read the diff of `src/tui/snapshots/`).

use super::app::{App, Event, Session};
use super::theme::Theme;
use crate::domain::user::Role;
use crate::service::hub::Hub;
use crate::service::{Actor, Service};
use crate::strings::Lang;
use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

fn app_with(roles: &[Role], ascii: bool, must_change: bool) -> App {
    let mut svc = Service::open_in_memory().unwrap().with_clock(Box::new(|| {
        Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap()
    }));
    let admin = Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    };
    crate::demo::fill(&mut svc, &admin, 40).unwrap();
    let actor = Actor {
        user_id: Some(1),
        name: "wang".into(),
        roles: roles.iter().copied().collect(),
    };
    App::new(
        Session {
            actor,
            lang: Lang::Zh,
            theme: Theme { ascii },
            must_change_password: must_change,
        },
        svc,
        Hub::new(),
    )
}

fn admin_app() -> App {
    app_with(&[Role::Admin], false, false)
}

pub(super) fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

pub(super) fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as text, wide characters taking their two cells.
fn render(app: &mut App, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| app.view(f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut x = 0;
        let mut line = String::new();
        while x < w {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += (sym.width() as u16).max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn screen(app: &mut App) -> String {
    render(app, 80, 24)
}

#[test]
fn home() {
    insta::assert_snapshot!(screen(&mut admin_app()));
}

#[test]
fn enterprises_list() {
    let mut a = admin_app();
    keys(&mut a, "2");
    insta::assert_snapshot!(screen(&mut a));
}

#[test]
fn enterprises_search_by_pinyin() {
    let mut a = admin_app();
    keys(&mut a, "2/tsjd");
    insta::assert_snapshot!(screen(&mut a));
}

#[test]
fn enterprise_detail() {
    let mut a = admin_app();
    keys(&mut a, "2");
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(screen(&mut a));
}

#[test]
fn enterprise_edit_form() {
    let mut a = admin_app();
    keys(&mut a, "2e");
    insta::assert_snapshot!(screen(&mut a));
}

#[test]
fn filter_by_class() {
    let mut a = admin_app();
    keys(&mut a, "2f");
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    let values = screen(&mut a);
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    insta::assert_snapshot!(format!("{values}{}", screen(&mut a)));
}

#[test]
fn help_popup() {
    let mut a = admin_app();
    keys(&mut a, "2?");
    insta::assert_snapshot!(screen(&mut a));
}

#[test]
fn inspectors_items_audit_users_and_unbuilt() {
    let mut a = admin_app();
    let mut all = String::new();
    for t in ["3", "4", "8", "9", "5"] {
        keys(&mut a, t);
        all.push_str(&screen(&mut a));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn inspector_role_sees_few_tabs() {
    insta::assert_snapshot!(screen(&mut app_with(&[Role::Inspector], false, false)));
}

#[test]
fn ascii_borders() {
    let mut a = app_with(&[Role::Leader], true, false);
    keys(&mut a, "2");
    let s = screen(&mut a);
    assert!(!s.contains('│') && !s.contains('┌'), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn too_small_and_first_password() {
    let mut a = admin_app();
    let small = render(&mut a, 60, 20);
    let mut p = app_with(&[Role::Auditor], false, true);
    insta::assert_snapshot!(format!("{small}{}", screen(&mut p)));
}

/// The draw room of an administrator before and after the reveal, a witness's entropy entered
/// from another connection to the same database. Secrets come from a fixed sequence, so the
/// result is reproducible.
#[test]
fn draw_room_before_and_after_the_reveal() {
    use crate::domain::draw::Quota;
    use crate::service::{Change, DrawRequest};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("room.sqlite3");
    let clock = || -> crate::service::Clock {
        Box::new(|| Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
    };
    let admin = Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    };
    let hub = Hub::new();
    let mut other = Service::open(&path)
        .unwrap()
        .with_notifier(hub.notifier())
        .with_clock(clock())
        .with_secrets(Box::new(|| [7u8; 32]));
    crate::demo::fill(&mut other, &admin, 40).unwrap();
    let mut req = DrawRequest::new("2024Q2".parse().unwrap());
    req.items = vec!["HB-STHJ-02".into()];
    req.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 1,
    });
    let id = other.prepare_draw(&admin, &req).unwrap().id;
    let actor = Actor {
        user_id: Some(1),
        name: "wang".into(),
        roles: [Role::Admin].into(),
    };
    let mut a = App::new(
        Session {
            actor,
            lang: Lang::Zh,
            theme: Theme { ascii: false },
            must_change_password: false,
        },
        Service::open(&path)
            .unwrap()
            .with_clock(clock())
            .with_notifier(hub.notifier()),
        hub,
    );
    keys(&mut a, "5");
    key(&mut a, KeyCode::Enter);
    let before = screen(&mut a);
    assert!(before.contains("摇号室 2024Q2-1"), "{before}");
    let witness = Actor {
        user_id: Some(2),
        name: "li".into(),
        roles: [Role::Witness].into(),
    };
    other.open_room(&admin, id).unwrap();
    other.join_room(&witness, id).unwrap();
    other
        .add_entropy(&witness, id, "li", "typed by the witness")
        .unwrap();
    a.update(Event::Notice(crate::service::hub::Notice::Changed(
        Change::Draws,
    )));
    keys(&mut a, "r");
    let asking = screen(&mut a);
    assert!(asking.contains("确定揭晓"), "{asking}");
    keys(&mut a, "y");
    a.update(Event::Notice(crate::service::hub::Notice::Changed(
        Change::Draws,
    )));
    let after = screen(&mut a);
    assert!(after.contains("抽取结果"), "{after}");
    insta::assert_snapshot!(format!("{before}{after}"));
}

/// A released draw on a temporary database, and an app for the inspector who leads its first
/// team.
fn inspector_with_work() -> (tempfile::TempDir, App, crate::domain::draw::Certificate) {
    use crate::domain::draw::Quota;
    use crate::service::{DrawRequest, NewUser};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("work.sqlite3");
    let clock = || -> crate::service::Clock {
        Box::new(|| Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap())
    };
    let admin = Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    };
    let mut svc = Service::open(&path)
        .unwrap()
        .with_clock(clock())
        .with_secrets(Box::new(|| [9u8; 32]));
    crate::demo::fill(&mut svc, &admin, 40).unwrap();
    let mut req = DrawRequest::new("2024Q2".parse().unwrap());
    req.items = vec!["HB-STHJ-02".into()];
    req.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    });
    let id = svc.prepare_draw(&admin, &req).unwrap().id;
    svc.add_entropy(&admin, id, "li", "typed by the witness")
        .unwrap();
    let cert = svc.reveal_draw(&admin, id).unwrap();
    svc.confirm_draw(&admin, id, Some("li")).unwrap();
    svc.release_draw(&admin, id).unwrap();
    let lead = cert.outcome.teams[0].lead.clone();
    svc.add_user(
        &admin,
        &NewUser {
            name: "zhang".into(),
            roles: [Role::Inspector].into(),
            password: Some("a-long-password-1".into()),
            inspector_cert: Some(lead),
            ..Default::default()
        },
    )
    .unwrap();
    let app = App::new(
        Session {
            actor: Actor {
                user_id: Some(7),
                name: "zhang".into(),
                roles: [Role::Inspector].into(),
            },
            lang: Lang::Zh,
            theme: Theme { ascii: false },
            must_change_password: false,
        },
        Service::open(&path).unwrap().with_clock(clock()),
        Hub::new(),
    );
    (dir, app, cert)
}

#[test]
fn worklist_and_result_form() {
    let (_dir, mut a, _) = inspector_with_work();
    keys(&mut a, "6");
    let list = screen(&mut a);
    assert!(list.contains("待录入"), "{list}");
    keys(&mut a, "e");
    let form = screen(&mut a);
    assert!(form.contains("未发现问题"), "{form}");
    insta::assert_snapshot!(format!("{list}{form}"));
}

/// Issue 6: a typical result ("no problem found") takes at most 15 key presses from the
/// worklist. Counted: `e` opens the form with its defaults, Ctrl-S saves.
#[test]
fn a_typical_result_takes_few_keys() {
    let (_dir, mut a, _) = inspector_with_work();
    keys(&mut a, "6");
    let mut presses = 0;
    let mut press = |a: &mut App, code: KeyCode, m: KeyModifiers| {
        presses += 1;
        a.update(Event::Key(KeyEvent::new(code, m)));
    };
    press(&mut a, KeyCode::Char('e'), KeyModifiers::NONE);
    press(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let s = screen(&mut a);
    assert!(
        s.contains("待审核"),
        "saved and listed as awaiting review: {s}"
    );
    assert!(presses <= 15, "{presses} key presses");
}

/// Administrators set calendar days from the home screen, and record off-site checks of
/// positive-list firms from the results tab.
#[test]
fn calendar_and_offsite_forms_save() {
    let mut a = admin_app();
    keys(&mut a, "c");
    let form = screen(&mut a);
    assert!(form.contains("工作日历") && form.contains("放假"), "{form}");
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    assert!(screen(&mut a).contains("已保存"));
    keys(&mut a, "6o");
    let form = screen(&mut a);
    assert!(form.contains("正面清单企业"), "{form}");
    // Pick the first firm, keep the method and date, type the result.
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Enter);
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    keys(&mut a, "zhengchang");
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let s = screen(&mut a);
    assert!(s.contains("已保存"), "{s}");
}

/// Issue 7: the dashboard shows the same figures as the quarterly report (both come from one
/// computation; this checks the screen against it for the hand-counted fixture quarter).
#[test]
fn the_dashboard_shows_the_reports_numbers() {
    let admin = Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    };
    let mut svc = Service::open_in_memory().unwrap().with_clock(Box::new(|| {
        Utc.with_ymd_and_hms(2024, 4, 10, 1, 0, 0).unwrap()
    }));
    crate::service::stats_fixture(&mut svc);
    let st = svc
        .quarter_stats(&admin, "2024Q2".parse().unwrap())
        .unwrap();
    let mut a = App::new(
        Session {
            actor: admin,
            lang: Lang::Zh,
            theme: Theme { ascii: false },
            must_change_password: false,
        },
        svc,
        Hub::new(),
    );
    let s = render(&mut a, 100, 30);
    for c in &st.classes {
        let name = crate::strings::group(c.group, Lang::Zh);
        let line = s
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {s}"));
        let numbers: Vec<u64> = line
            .split(|ch: char| !ch.is_ascii_digit())
            .filter_map(|t| t.parse().ok())
            .collect();
        assert_eq!(
            &numbers[..4],
            &[c.population, c.required, c.drawn, c.inspected],
            "{line}"
        );
    }
    for share in [
        st.internal_joint,
        st.internal_joint_planned,
        st.classified,
        st.offsite,
    ] {
        assert!(
            s.contains(&format!("{}/{}", share.part, share.whole)),
            "{share:?}: {s}"
        );
    }
    let d = st.department_joint;
    assert!(s.contains(&format!(
        "{}/{} 次，对象 {}/{} 家",
        d.inspections_ytd, d.target_inspections, d.subjects_ytd, d.target_subjects
    )));
    // The reports tab previews the same.
    keys(&mut a, "7");
    let r = render(&mut a, 100, 40);
    assert!(r.contains(&format!("录入 {} ·", st.results.entered)), "{r}");
}

/// Administrators set the year's department-joint targets and record a joint inspection from
/// the reports tab; the dashboard counts it.
#[test]
fn joint_inspections_are_recorded_from_the_reports_tab() {
    let mut a = admin_app();
    let ctrl_s = |a: &mut App| {
        a.update(Event::Key(KeyEvent::new(
            KeyCode::Char('s'),
            KeyModifiers::CONTROL,
        )))
    };
    keys(&mut a, "7t");
    let form = screen(&mut a);
    assert!(form.contains("联合抽查次数目标"), "{form}");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "4");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Backspace);
    keys(&mut a, "10");
    ctrl_s(&mut a);
    assert!(screen(&mut a).contains("已保存"));
    keys(&mut a, "n");
    key(&mut a, KeyCode::Tab);
    a.update(Event::Paste("市场监管局、应急管理局".into()));
    key(&mut a, KeyCode::Tab);
    a.update(Event::Paste("生态环境局".into()));
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter); // open the subjects
    key(&mut a, KeyCode::Enter); // take the first
    ctrl_s(&mut a);
    let s = screen(&mut a);
    assert!(s.contains("已保存") && !s.contains("联合部门"), "{s}");
    // In a server the change bus tells every session; here, by hand.
    a.update(Event::Notice(crate::service::hub::Notice::Changed(
        crate::service::Change::Results,
    )));
    keys(&mut a, "1");
    let home = render(&mut a, 100, 30);
    assert!(home.contains("1/4 次，对象 1/10 家"), "{home}");
}

/// Issue 14 (S9): a leader evaluates an inspector from the reports tab (`g`, pick, `Ctrl-S`);
/// the assessment shows the grade and the audit trail records who gave it.
#[test]
fn a_leader_evaluates_an_inspector_from_the_reports_tab() {
    let mut a = app_with(&[Role::Admin, Role::Leader], false, false);
    keys(&mut a, "7g");
    let form = screen(&mut a);
    assert!(form.contains("检查人员综合评估"), "{form}");
    assert!(form.contains("合格"), "the grade starts at 合格: {form}");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Enter); // open the grades
    key(&mut a, KeyCode::Up);
    key(&mut a, KeyCode::Enter); // 优秀, the one before 合格; focus goes on to the remark
    a.update(Event::Paste("执法记录完整规范".into()));
    let filled = screen(&mut a);
    let remark = filled.lines().find(|l| l.contains("评估意见"));
    assert!(
        remark.is_some_and(|l| l.contains("执法记录完整规范")),
        "the remark is in its field: {filled}"
    );
    a.update(Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let s = screen(&mut a);
    assert!(s.contains("已保存"), "{s}");
    // In a server the change bus tells every session; here, by hand.
    a.update(Event::Notice(crate::service::hub::Notice::Changed(
        crate::service::Change::Results,
    )));
    let r = render(&mut a, 120, 80);
    assert!(r.contains("优秀"), "{r}");
    // A user without the leader role has no such key.
    let mut b = admin_app();
    keys(&mut b, "7g");
    assert!(!screen(&mut b).contains("检查人员综合评估"));
}

/// Issue 21 item 15: pasted escape sequences are removed and the user is told so.
#[test]
fn a_paste_with_controls_says_they_were_removed() {
    let mut a = app_with(&[Role::Admin, Role::Leader], false, false);
    keys(&mut a, "7g");
    key(&mut a, KeyCode::Tab);
    key(&mut a, KeyCode::Tab);
    a.update(Event::Paste("现场\u{1b}[2J\u{1b}]0;pwn\u{7}OK".into()));
    let s = screen(&mut a);
    assert!(s.contains("现场OK") && !s.contains("pwn"), "{s}");
    assert!(s.contains("已从粘贴的文本中移除 2 处控制字符"), "{s}");
}

/// Issue 14 items 7 and 9 on the home screen of 2026-12-06 (2026Q4): the deadlines after the
/// quarter fall in 2027, whose holidays are not entered — shown provisionally, with how an
/// administrator enters the schedule; and the unset bureau name with how to set it.
#[test]
fn the_home_screen_says_what_is_missing_and_how_to_enter_it() {
    let mut svc = Service::open_in_memory().unwrap().with_clock(Box::new(|| {
        Utc.with_ymd_and_hms(2026, 12, 6, 1, 0, 0).unwrap()
    }));
    let admin = Actor {
        user_id: None,
        name: "admin".into(),
        roles: [Role::Admin].into(),
    };
    crate::demo::fill(&mut svc, &admin, 40).unwrap();
    let mut a = App::new(
        Session {
            actor: admin,
            lang: Lang::Zh,
            theme: Theme { ascii: false },
            must_change_password: false,
        },
        svc,
        Hub::new(),
    );
    let s = render(&mut a, 120, 40);
    // 5 working days before Thu 12-31: 12-24; 2027-01-01 is New Year's Day: 01-04; 01-12.
    assert!(s.contains("完成 12-24"), "{s}");
    assert!(s.contains("统计表 01-04暂定"), "{s}");
    assert!(s.contains("记录表 01-12暂定"), "{s}");
    assert!(s.contains("2027年节假日和调休安排未录入"), "{s}");
    assert!(
        s.contains("shuangsui calendar set 2027-01-01 holiday"),
        "{s}"
    );
    assert!(s.contains("按 s（系统设置）"), "{s}");
}
