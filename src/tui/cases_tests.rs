//! The keys of the work after the visit (issue 18), on the walk's template: `c` re-checks a
//! follow-up still open and is refused elsewhere with the reason; in a published result's
//! detail `o` (administrators) is refused while a case awaits a decision, and `d` (leaders)
//! opens the decision form.

use super::keymap::Action;
use super::walk_tests::{app_on, ch, press, template};
use crate::domain::correction::{Changes, Filing, Kind};
use crate::domain::user::Role;
use crate::service::{Actor, Service};
use crate::strings::Lang;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// On the template (issue 18): the released draw's second target has a published result
/// "发现问题已责令改正" with a deadline (a follow-up still open) and an objection awaiting a
/// decision.
pub(super) fn published_with_objection(svc: &mut Service, admin: &Actor) {
    let a = svc.worklist(admin).unwrap()[1].a.clone();
    let mut d = crate::domain::result::tests::typical();
    d.inspected_on = svc.today();
    d.present = a.team.iter().cloned().collect();
    d.items = a.items.iter().cloned().collect();
    d.category = "corrected".into();
    d.findings = "危废台账不全".into();
    d.rectify_by = Some(svc.today() + chrono::Duration::days(10));
    let id = svc.save_result(admin, a.id, None, &d).unwrap();
    svc.review(admin, id, 1, true, "").unwrap();
    svc.publication_files(admin, "2024Q2".parse().unwrap(), Lang::Zh)
        .unwrap();
    let f = Filing {
        kind: Kind::Objection,
        received_on: svc.today(),
        from: "唐山某公司".into(),
        content: "企业称已整改".into(),
        proposal: Changes::default(),
    };
    svc.file_case(admin, id, &f).unwrap();
}

/// An app for `roles` on a copy of the template, on the results tab, the cursor on the
/// published result (`true`) or on another row.
fn on_results(dir: &std::path::Path, roles: &[Role], published: bool) -> super::App {
    let path = dir.join(format!("cases-{}.sqlite3", roles[0].code()));
    std::fs::copy(template(), &path).unwrap();
    let mut svc = Service::open(&path).unwrap();
    let want = (svc.worklist(&Actor::console()).unwrap().into_iter())
        .find(|w| {
            w.a.result
                .as_ref()
                .is_some_and(|r| r.published_at.is_some())
                == published
        })
        .unwrap()
        .a
        .id;
    let mut a = app_on(&path, roles, "wang");
    press(&mut a, ch('6'));
    while a.selected_row() != Some(want) {
        press(&mut a, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    }
    a
}

fn offers(a: &mut super::App, action: Action) -> bool {
    a.live_keys()
        .iter()
        .any(|set| set.iter().any(|b| b.action == action))
}

#[test]
fn recheck_is_offered_on_an_open_follow_up_and_refused_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = on_results(dir.path(), &[Role::Admin], true);
    assert!(offers(&mut a, Action::Recheck));
    press(&mut a, ch('c'));
    assert_eq!(a.depth(), 1, "the re-check form: {:?}", a.message());
    press(&mut a, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(a.depth(), 0);
    let mut b = on_results(dir.path(), &[Role::Admin], false);
    assert!(!offers(&mut b, Action::Recheck));
    press(&mut b, ch('c'));
    assert_eq!(b.depth(), 0);
    let said = b.message().unwrap_or_default().to_string();
    assert!(said.contains("没有整改跟踪"), "{said}");
    let mut l = on_results(dir.path(), &[Role::Leader], true);
    assert!(!offers(&mut l, Action::Recheck), "leaders do not re-check");
}

#[test]
fn a_pending_objection_is_decided_by_a_leader_and_refuses_a_second_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = on_results(dir.path(), &[Role::Admin], true);
    press(&mut a, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(a.depth(), 1, "the detail");
    assert!(!offers(&mut a, Action::Object) && !offers(&mut a, Action::Decide));
    press(&mut a, ch('o'));
    let said = a.message().unwrap_or_default().to_string();
    assert!(said.contains("待决定"), "{said}");
    assert_eq!(a.depth(), 1);
    let mut l = on_results(dir.path(), &[Role::Leader], true);
    press(&mut l, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(offers(&mut l, Action::Decide) && !offers(&mut l, Action::Object));
    press(&mut l, ch('d'));
    assert_eq!(l.depth(), 2, "the decision form: {:?}", l.message());
    let mut other = on_results(dir.path(), &[Role::Admin], false);
    press(
        &mut other,
        KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
    );
    assert!(
        !offers(&mut other, Action::Object),
        "no objection to an assignment without a result"
    );
}
