//! Snapshots of every screen at 80×24 in Chinese, rendered with ratatui's `TestBackend` over a
//! deterministic demo database and a fixed clock. Review changes with `cargo insta review` (or
//! run with `INSTA_UPDATE=always` and read the diff of `src/tui/snapshots/`).

use super::app::{App, Event, Session};
use super::data::Hub;
use super::theme::Theme;
use crate::domain::user::Role;
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

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
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

fn screen(app: &mut App) -> String {
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
    a.update(Event::Notice(crate::tui::Notice::Changed(Change::Draws)));
    keys(&mut a, "r");
    let asking = screen(&mut a);
    assert!(asking.contains("确定揭晓"), "{asking}");
    keys(&mut a, "y");
    a.update(Event::Notice(crate::tui::Notice::Changed(Change::Draws)));
    let after = screen(&mut a);
    assert!(after.contains("抽取结果"), "{after}");
    insta::assert_snapshot!(format!("{before}{after}"));
}
