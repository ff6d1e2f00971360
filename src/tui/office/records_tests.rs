//! Penalties and complaints added and corrected from an enterprise's detail (`p`, `t`), with
//! bad input refused beside the field and nothing changed, and the keys refused to others.

use super::tests::*;
use crate::domain::enterprise::{Kept, Penalty};
use crate::domain::user::Role;
use crate::service::{Actor, Service};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn save(a: &mut crate::tui::app::App) {
    press(a, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

/// Opens the form for a new record from `p` or `t` (past the list when there is one).
fn new_form(a: &mut crate::tui::app::App, k: char) {
    press(a, ch(k));
    assert_eq!(a.depth(), 2, "{}", said(a));
    if screen(a).0.contains("：新增一条，或选择一条更正") {
        press(a, key(KeyCode::Enter));
    }
    let (shown, _) = screen(a);
    assert!(shown.contains("新增"), "{shown}");
}

/// Moves to the next field, clears it, types `text`.
fn next_field(a: &mut crate::tui::app::App, text: &str) {
    press(a, key(KeyCode::Tab));
    retype(a, text);
}

/// Clears the field with focus (after a refused save: the first field in error), types `text`.
fn retype(a: &mut crate::tui::app::App, text: &str) {
    for _ in 0..30 {
        press(a, key(KeyCode::Backspace));
    }
    typed(a, text);
}

/// An administrator's app on the first enterprise's detail, the service, the enterprise.
fn on_first_enterprise() -> (tempfile::TempDir, Service, crate::tui::app::App, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let svc = Service::open(&path).unwrap();
    let mut a = app(&path, &[Role::Admin]);
    let firm = first_enterprise(&mut a);
    (dir, svc, a, firm)
}

#[test]
fn a_penalty_is_added_and_corrected_from_an_enterprises_detail() {
    let (_dir, mut svc, mut a, firm) = on_first_enterprise();
    let me = Actor::console();
    let (_, bar) = screen(&mut a);
    assert!(
        bar.contains("p 行政处罚") && bar.contains("t 信访举报"),
        "{bar}"
    );
    let before = svc.enterprise_records(&me, firm).unwrap();
    new_form(&mut a, 'p');
    // A date that is not one, then one in the future: refused beside the field, nothing saved.
    next_field(&mut a, "2024-13-01");
    next_field(&mut a, "测环罚〔2024〕1号");
    save(&mut a);
    assert!(
        screen(&mut a).0.contains("不是有效日期"),
        "{}",
        screen(&mut a).0
    );
    retype(&mut a, "2024-05-01");
    save(&mut a);
    assert!(
        screen(&mut a).0.contains("日期不能晚于今天"),
        "{}",
        screen(&mut a).0
    );
    assert_eq!(svc.enterprise_records(&me, firm).unwrap(), before);
    retype(&mut a, "2024-03-05");
    save(&mut a);
    assert_eq!(a.depth(), 1, "back on the detail: {}", said(&a));
    let (pens, _) = svc.enterprise_records(&me, firm).unwrap();
    assert_eq!(pens.len(), before.0.len() + 1);
    let shown = conflicts_shown(&mut a);
    assert!(
        shown.contains("测环罚〔2024〕1号"),
        "the detail shows it\n{shown}"
    );

    // `p` lists the current ones for a correction: the date changes under the same number.
    press(&mut a, ch('p'));
    let current = pens.iter().filter(|p| p.is_current());
    let at = current
        .map(|p| &p.record.doc_no)
        .position(|d| d == "测环罚〔2024〕1号");
    for _ in 0..=at.unwrap() {
        press(&mut a, key(KeyCode::Down));
    }
    press(&mut a, key(KeyCode::Enter));
    assert!(
        screen(&mut a).0.contains("更正行政处罚"),
        "{}",
        screen(&mut a).0
    );
    next_field(&mut a, "2024-03-06");
    save(&mut a);
    assert_eq!(a.depth(), 1, "{}", said(&a));
    let (after, _) = svc.enterprise_records(&me, firm).unwrap();
    assert_eq!(after.len(), pens.len() + 1, "the corrected record is kept");
    let dated = |p: &&Kept<Penalty>| (p.record.date.to_string(), p.is_current());
    let ours: Vec<_> = (after.iter())
        .filter(|p| p.record.doc_no == "测环罚〔2024〕1号")
        .map(|p| dated(&p))
        .collect();
    let expected = [("2024-03-05", false), ("2024-03-06", true)];
    assert_eq!(ours, expected.map(|(d, c)| (d.to_string(), c)));
    let shown = conflicts_shown(&mut a);
    assert!(
        shown.contains("测环罚〔2024〕1号") && shown.contains("更正）"),
        "the detail shows both, the old one marked corrected\n{shown}"
    );
    let h = svc.audit_recent(&me, 1).unwrap().remove(0);
    assert_eq!(
        (h.entity.as_str(), h.action.as_str()),
        ("penalty", "update")
    );
    assert!(h.before.unwrap().contains("2024-03-05"));
}

#[test]
fn a_verified_complaint_is_added_from_an_enterprises_detail() {
    let (_dir, mut svc, mut a, firm) = on_first_enterprise();
    let me = Actor::console();
    let before = svc.enterprise_records(&me, firm).unwrap().1.len();
    new_form(&mut a, 't');
    next_field(&mut a, "2024-02-01");
    next_field(&mut a, "测信访-1");
    press(&mut a, key(KeyCode::Tab));
    // Verified before it was received: refused in words.
    next_field(&mut a, "2024-01-15");
    save(&mut a);
    assert_eq!(a.depth(), 2);
    assert_eq!(svc.enterprise_records(&me, firm).unwrap().1.len(), before);
    retype(&mut a, "2024-02-20");
    save(&mut a);
    assert_eq!(a.depth(), 1, "{}", said(&a));
    let (_, comps) = svc.enterprise_records(&me, firm).unwrap();
    let c = comps
        .iter()
        .find(|c| c.record.ref_no == "测信访-1")
        .unwrap();
    assert!(c.record.verified && c.record.verified_on.is_some());
    let h = svc.audit_recent(&me, 1).unwrap().remove(0);
    assert_eq!(
        (h.entity.as_str(), h.action.as_str()),
        ("complaint", "create")
    );
}

#[test]
fn only_administrators_add_penalties_and_complaints() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(dir.path());
    let mut l = app(&path, &[Role::Leader]);
    first_enterprise(&mut l);
    let (_, bar) = screen(&mut l);
    assert!(!bar.contains("行政处罚"), "{bar}");
    for k in ['p', 't'] {
        press(&mut l, ch(k));
        assert_eq!(l.depth(), 1);
        assert!(said(&l).contains("管理员"), "{}", said(&l));
    }
}

#[test]
fn an_open_detail_shows_a_penalty_imported_by_someone_else() {
    let (_dir, mut svc, mut a, firm) = on_first_enterprise();
    let me = Actor::console();
    let e = svc.enterprise(&me, firm).unwrap();
    let csv = format!(
        "统一社会信用代码,处罚日期,处罚文书号,处罚事由\n{},2024-03-05,导入环罚〔2024〕3号,超标排放\n",
        e.data.credit_code
    );
    let kind = crate::exchange::import::Kind::Penalties;
    svc.import_bytes(&me, kind, "处罚.csv", csv.as_bytes(), false)
        .unwrap();
    // The hub's notice of the import, as another session's change arrives.
    let changed = crate::service::hub::Notice::Changed(crate::service::Change::Enterprises);
    a.update(crate::tui::Event::Notice(changed));
    let shown = conflicts_shown(&mut a);
    assert!(shown.contains("导入环罚〔2024〕3号"), "{shown}");
}

/// `i` on an enterprise's detail opens the import wizard for penalties and complaints (issue
/// 17 item 3: imported from the inbox on the enterprise's detail).
#[test]
fn i_on_an_enterprises_detail_imports_penalties_or_complaints() {
    let (_dir, _svc, mut a, _) = on_first_enterprise();
    press(&mut a, ch('i'));
    assert_eq!(a.depth(), 2, "{}", said(&a));
    let (shown, _) = screen(&mut a);
    assert!(
        shown.contains("行政处罚") && shown.contains("信访举报") && !shown.contains("检查记录"),
        "{shown}"
    );
}
