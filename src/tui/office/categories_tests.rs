//! The result categories from the system settings (`s`, then `c`): edited, added, retired after
//! a confirmation, a bad code refused beside the field with nothing changed.

use super::tests::*;
use crate::domain::user::Role;
use crate::service::{Actor, Service};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn save(a: &mut crate::tui::app::App) {
    press(a, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

fn retype(a: &mut crate::tui::app::App, text: &str) {
    for _ in 0..40 {
        press(a, key(KeyCode::Backspace));
    }
    typed(a, text);
}

/// An administrator's app on the categories popup, with the service and the database's folder.
fn on_categories() -> (tempfile::TempDir, Service, crate::tui::app::App) {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let svc = Service::open(&path).unwrap();
    let mut a = app(&path, &[Role::Admin]);
    press(&mut a, ch('s'));
    let (_, bar) = screen(&mut a);
    assert!(bar.contains("c 检查结果类别"), "{bar}");
    press(&mut a, ch('c'));
    assert_eq!(a.depth(), 2);
    (dir, svc, a)
}

#[test]
fn an_administrator_edits_a_result_category() {
    let (_dir, mut svc, mut a) = on_categories();
    let me = Actor::console();
    let before = svc.category_list(&me).unwrap();
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains(&format!("[{}]", before[0].0.code)),
        "{shown}"
    );

    // Edit the first one's name.
    press(&mut a, key(KeyCode::Enter));
    press(&mut a, key(KeyCode::Tab));
    retype(&mut a, "未发现环境问题");
    save(&mut a);
    assert_eq!(a.depth(), 2, "{}", said(&a));
    let now = svc.category_list(&me).unwrap();
    assert_eq!(now[0].0.name, "未发现环境问题");
    assert!(screen(&mut a).0.contains("未发现环境问题"));
}

#[test]
fn an_administrator_adds_and_retires_a_result_category() {
    let (_dir, mut svc, mut a) = on_categories();
    let me = Actor::console();
    let now = svc.category_list(&me).unwrap();
    // A new one: a bad code is refused beside the field and nothing changes.
    press(&mut a, ch('n'));
    typed(&mut a, "限期整改X");
    press(&mut a, key(KeyCode::Tab));
    typed(&mut a, "限期整改");
    save(&mut a);
    assert!(
        screen(&mut a).0.contains("类别编码为"),
        "{}",
        screen(&mut a).0
    );
    assert_eq!(svc.category_list(&me).unwrap().len(), now.len());
    retype(&mut a, "rectify_by_deadline"); // the field in error has focus
    save(&mut a);
    assert_eq!(a.depth(), 2, "{}", said(&a));
    let now = svc.category_list(&me).unwrap();
    let new = now
        .iter()
        .find(|c| c.0.code == "rectify_by_deadline")
        .unwrap();
    assert_eq!((new.0.name.as_str(), new.1), ("限期整改", true));

    // Retire it: asked first; n keeps it, y retires it.
    for _ in 0..now.len() {
        press(&mut a, key(KeyCode::Down));
    }
    press(&mut a, ch('r'));
    assert!(
        screen(&mut a).0.contains("停用类别“限期整改”"),
        "{}",
        screen(&mut a).0
    );
    press(&mut a, ch('n'));
    assert!(
        svc.category_list(&me)
            .unwrap()
            .iter()
            .all(|c| c.1 || !c.0.code.starts_with("rectify"))
    );
    press(&mut a, ch('r'));
    press(&mut a, ch('y'));
    assert!(said(&a).contains("已停用"), "{}", said(&a));
    let gone = svc.category_list(&me).unwrap();
    assert!(
        gone.iter()
            .any(|c| c.0.code == "rectify_by_deadline" && !c.1)
    );
    assert!(
        svc.categories()
            .unwrap()
            .iter()
            .all(|c| c.code != "rectify_by_deadline")
    );
    let h = svc.audit_recent(&me, 1).unwrap().remove(0);
    assert_eq!(
        (h.entity.as_str(), h.action.as_str()),
        ("category", "retire")
    );
}

#[test]
fn only_administrators_see_the_categories() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut l = app(&path, &[Role::Leader]);
    press(&mut l, ch('s'));
    press(&mut l, ch('c'));
    assert_eq!(l.depth(), 0, "{}", said(&l));
}
