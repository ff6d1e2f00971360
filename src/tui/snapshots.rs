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
