//! The room's keys added for the office's work (issue 17): the public value entered by an
//! administrator where the draw named a source (refused, saying why, where it did not), a
//! preparation note, and cancelling a prepared draw with a reason and a confirmation.

use crate::domain::draw::Quota;
use crate::domain::user::Role;
use crate::service::{Actor, DrawRequest, Service};
use crate::tui::walk_tests::{app_on, ch, clock, press, screen, template};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

/// The walk's database with a newest draw naming a public source; its id.
fn with_source(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join("room.sqlite3");
    std::fs::copy(template(), &path).unwrap();
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    let mut r = DrawRequest::new("2024Q2".parse().unwrap());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Unclassified { count: 1 });
    r.public_source = Some("福利彩票 2024-04-12 开奖号码".into());
    let id = svc.prepare_draw(&Actor::console(), &r).unwrap().id;
    (path, id)
}

fn summary(path: &Path, id: i64) -> crate::service::DrawSummary {
    let mut svc = Service::open(path).unwrap().with_clock(clock());
    svc.draw_summary(&Actor::console(), id).unwrap()
}

#[test]
fn an_administrator_enters_the_public_value_of_a_draw_that_named_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = with_source(dir.path());
    let mut a = app_on(&path, &[Role::Admin], "wang");
    press(&mut a, ch('5'));
    press(&mut a, enter());
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("v 录入公开随机值"), "{bar}");
    press(&mut a, ch('v'));
    let (shown, _) = screen(&mut a);
    assert!(shown.contains("公开随机值"), "{shown}");
    for c in "03 11 17 22 28 31 + 09".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, enter());
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("公开随机值已录入"), "{said}");
    let d = summary(&path, id);
    assert_eq!(d.public_value.as_deref(), Some("03 11 17 22 28 31 + 09"));

    // A witness is told who enters it; a draw without a source says there is none.
    let mut w = app_on(&path, &[Role::Witness], "li");
    press(&mut w, ch('5'));
    press(&mut w, enter());
    press(&mut w, ch('v'));
    assert!(w.message().unwrap_or_default().contains("管理员"));
    // (Another administrator: wang would land back in the room he was in.)
    let mut b = app_on(&path, &[Role::Admin], "zhao");
    press(&mut b, ch('5'));
    // The walk's prepared draw without a source: the fifth in the list now.
    for _ in 0..4 {
        press(&mut b, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    press(&mut b, enter());
    let (shown, bar) = screen(&mut b);
    assert!(shown.contains("已准备"), "{shown}");
    assert!(!bar.contains("录入公开随机值"), "{bar}");
    press(&mut b, ch('v'));
    let said = b.message().unwrap_or_default().to_string();
    assert!(said.contains("未指定公开随机值来源"), "{said}");
}

#[test]
fn a_prepared_draw_takes_a_note_and_its_cancel_asks_for_the_reason_then_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = with_source(dir.path());
    let mut a = app_on(&path, &[Role::Admin], "wang");
    press(&mut a, ch('5'));
    press(&mut a, enter());
    // A preparation note first: kept with who and when.
    press(&mut a, ch('n'));
    for c in "公开来源以开奖公告为准".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, enter());
    let mut svc = Service::open(&path).unwrap().with_clock(clock());
    let notes = svc.room(&Actor::console(), id).unwrap().notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(
        (notes[0].by.as_str(), notes[0].note.as_str()),
        ("wang", "公开来源以开奖公告为准")
    );
    press(&mut a, ch('z'));
    for c in "参数有误".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, enter());
    let (shown, bar) = screen(&mut a);
    assert!(
        shown.contains("确定作废本次抽取？理由：参数有误"),
        "{shown}"
    );
    assert!(bar.contains("y"), "{bar}");
    press(&mut a, ch('n'));
    assert_eq!(summary(&path, id).status, "prepared", "no: nothing changed");
    press(&mut a, ch('z'));
    for c in "参数有误".chars() {
        press(&mut a, ch(c));
    }
    press(&mut a, enter());
    press(&mut a, ch('y'));
    let d = summary(&path, id);
    assert_eq!(d.status, "cancelled");
    assert_eq!(d.decision_note.as_deref(), Some("参数有误"));
}
