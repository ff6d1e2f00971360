//! Tests of `draws`.

use super::*;
use crate::domain::draw::Refusal;
use crate::domain::fields::Problem;
use crate::domain::inspector::InspectorKind;
use crate::service::tests::{admin, inspector, service};

fn q() -> Quarter {
    "2024Q2".parse().unwrap()
}

fn filled() -> Service {
    let mut s = service();
    crate::demo::fill(&mut s, &admin(), 60).unwrap();
    s
}

/// A draw of 1 key, 1 special and 2 general targets.
fn small_request() -> DrawRequest {
    let mut r = DrawRequest::new(q());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 2,
    });
    r
}

fn small(s: &mut Service) -> PreparedDraw {
    s.prepare_draw(&admin(), &small_request()).unwrap()
}

/// A draw of more general targets than there are.
fn too_many() -> DrawRequest {
    let mut r = DrawRequest::new(q());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 0,
        special: 0,
        general: 100_000,
    });
    r
}

fn problem<T: std::fmt::Debug>(r: Result<T>) -> DrawProblem {
    match r {
        Err(ServiceError::Draw(p)) => p,
        other => panic!("expected a draw problem, got {other:?}"),
    }
}

#[test]
fn prepare_entropy_reveal_and_the_certificate_verifies() {
    let mut s = filled();
    let p = small(&mut s);
    assert_eq!(p.check.label, "2024Q2-1");
    let h = s.add_entropy(&admin(), p.id, "w1", "abcdefgh-123").unwrap();
    assert_eq!(h, entropy_hash("abcdefgh-123"));
    let cert = s.reveal_draw(&admin(), p.id).unwrap();
    assert_eq!(cert.commitment, p.commitment);
    assert_eq!(cert.hashes, p.hashes);
    assert!(draw::verify(&cert).is_ok());
    assert_eq!(cert.outcome.teams.len(), 4);
    let json = s.draw_certificate(&admin(), p.id).unwrap();
    let back = Certificate::from_json(&json).unwrap();
    assert!(draw::verify(&back).is_ok());
    let d = s.draw_summary(&admin(), p.id).unwrap();
    assert!(is_revealed(&d.status));
    let audit = s.audit_recent(&admin(), 10).unwrap();
    let actions: Vec<_> = audit
        .iter()
        .filter(|a| a.entity == "draw")
        .map(|a| a.action.as_str())
        .collect();
    assert_eq!(actions, ["reveal", "add_entropy", "prepare"]);
}

#[test]
fn double_reveal_is_refused() {
    let mut s = filled();
    let p = small(&mut s);
    s.add_entropy(&admin(), p.id, "w1", "abcdefgh-123").unwrap();
    s.reveal_draw(&admin(), p.id).unwrap();
    assert!(matches!(
        problem(s.reveal_draw(&admin(), p.id)),
        DrawProblem::Status { .. }
    ));
    assert!(matches!(
        problem(s.add_entropy(&admin(), p.id, "w2", "abcdefghijk")),
        DrawProblem::Status { .. }
    ));
}

#[test]
fn refusals_change_nothing() {
    let mut s = filled();
    let mut r = too_many();
    match problem(s.prepare_draw(&admin(), &r)) {
        DrawProblem::Refused { refusals } => assert!(
            refusals
                .iter()
                .any(|x| matches!(x, Refusal::CountExceedsPopulation { .. }))
        ),
        other => panic!("{other:?}"),
    }
    r.quota = Some(Quota::Unclassified { count: 2 });
    r.team_size = 9;
    assert!(matches!(
        problem(s.prepare_draw(&admin(), &r)),
        DrawProblem::Refused { .. }
    ));
    r.team_size = 2;
    r.items = vec!["NO-SUCH-ITEM".into()];
    assert!(matches!(
        problem(s.prepare_draw(&admin(), &r)),
        DrawProblem::UnknownItem { .. }
    ));
    // Issue 21: a draw names its items; the refusal lists those in force.
    r.items = vec![" ".into()];
    match problem(s.prepare_draw(&admin(), &r)) {
        DrawProblem::NoItems { in_force } => assert!(in_force.contains(&"HB-STHJ-02".into())),
        other => panic!("{other:?}"),
    }
    assert!(s.draw_list(&admin()).unwrap().is_empty());
    assert!(matches!(
        s.prepare_draw(&inspector(), &DrawRequest::new(q())),
        Err(ServiceError::Forbidden(_))
    ));

    let p = small(&mut s);
    assert!(matches!(
        problem(s.add_entropy(&admin(), p.id, "w1", "short")),
        DrawProblem::EntropyTooShort { chars: 5 }
    ));
    assert!(matches!(
        problem(s.reveal_draw(&admin(), p.id)),
        DrawProblem::TooFewWitnesses { have: 0, need: 1 }
    ));
    assert!(matches!(
        problem(s.set_public_value(&admin(), p.id, "12345")),
        DrawProblem::NoPublicSource { .. }
    ));
    assert!(matches!(
        s.reveal_draw(&admin(), 999),
        Err(ServiceError::NotFound(_))
    ));
    assert!(!is_revealed(
        &s.draw_summary(&admin(), p.id).unwrap().status
    ));
}

#[test]
fn public_value_alone_allows_reveal() {
    let mut s = filled();
    let mut r = DrawRequest::new(q());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Unclassified { count: 3 });
    r.public_source = Some("福利彩票 2024-04-10 开奖号码".into());
    let p = s.prepare_draw(&admin(), &r).unwrap();
    s.set_public_value(&admin(), p.id, "03 11 17 22 28 31 + 09")
        .unwrap();
    let cert = s.reveal_draw(&admin(), p.id).unwrap();
    assert!(cert.public_value.is_some());
    assert!(draw::verify(&cert).is_ok());
}

#[test]
fn drawn_targets_are_excluded_from_the_next_draw_of_the_quarter() {
    let mut s = filled();
    let before = s.plan(&admin(), q()).unwrap();
    let p = small(&mut s);
    s.add_entropy(&admin(), p.id, "w1", "abcdefgh-123").unwrap();
    let first = s.reveal_draw(&admin(), p.id).unwrap();
    let drawn: HashSet<String> = first
        .outcome
        .selections
        .iter()
        .flat_map(|x| x.targets.iter().map(|t| t.code.clone()))
        .collect();
    assert_eq!(drawn.len(), 4);
    let after = s.plan(&admin(), q()).unwrap();
    let total = |v: &[PlanLine]| v.iter().map(|l| l.drawn).sum::<u64>();
    assert_eq!(total(&before), 0);
    assert_eq!(total(&after), 4);
    let p2 = small(&mut s);
    assert_eq!(p2.check.label, "2024Q2-2");
    assert_eq!(p2.check.candidates + 4, p.check.candidates);
    let snap: Snapshot = s.store.read(|db| db.draw(p2.id)).unwrap().unwrap().snapshot;
    assert!(snap.candidates.iter().all(|c| !drawn.contains(&c.code)));
}

fn import_visits(s: &mut Service, rows: &[[&str; 5]]) -> Result<super::super::ImportOutcome> {
    let mut csv =
        String::from("统一社会信用代码,检查日期,检查事项编码,带队人员执法证号,检查人员执法证号\n");
    for r in rows {
        csv.push_str(&r.join(","));
        csv.push('\n');
    }
    s.import_bytes(
        &admin(),
        crate::exchange::import::Kind::Inspections,
        "history.csv",
        csv.as_bytes(),
        false,
    )
}

/// A general and a special target, and two officers' certificate numbers.
fn picks(s: &mut Service) -> (String, String, String, String) {
    let cq = s.classify_quarter(&admin(), q()).unwrap();
    let of = |g: Group| {
        cq.items
            .iter()
            .find(|(_, c)| Group::of(c) == g)
            .map(|(e, _)| e.data.credit_code.to_string())
            .unwrap()
    };
    let officers: Vec<String> = s
        .inspectors(&admin())
        .unwrap()
        .into_iter()
        .filter(|i| i.data.kind == InspectorKind::Officer && i.data.active)
        .map(|i| i.data.cert_no)
        .collect();
    (
        of(Group::General),
        of(Group::Special),
        officers[0].clone(),
        officers[1].clone(),
    )
}

fn snapshot_of(s: &mut Service, id: i64) -> (Snapshot, Params) {
    let r = s.store.read(|db| db.draw(id)).unwrap().unwrap();
    (r.snapshot, r.head.params)
}

#[test]
fn repeat_window_previous_lead_and_item_expertise_reach_the_snapshot() {
    let mut s = filled();
    let (general, special, lead, other) = picks(&mut s);
    let team = format!("{lead};{other}");
    let out = import_visits(
        &mut s,
        &[
            [&general, "2023-10-09", "HB-STHJ-02", &lead, &team],
            [&special, "2024-01-15", "HB-STHJ-02", &lead, &team],
        ],
    )
    .unwrap();
    assert_eq!(out.created, 2);
    let mut r = DrawRequest::new(q());
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 1,
    });
    let p = s.prepare_draw(&admin(), &r).unwrap();
    // The general target was inspected for the same item within a year: left out, named.
    assert_eq!(p.check.repeat_excluded.len(), 1);
    assert_eq!(p.check.repeat_excluded[0].code, general);
    let (snap, params) = snapshot_of(&mut s, p.id);
    assert!(snap.candidates.iter().all(|c| c.code != general));
    // The special target stays, with its previous lead.
    let sp = snap.candidates.iter().find(|c| c.code == special).unwrap();
    assert_eq!(sp.previous_lead.as_deref(), Some(lead.as_str()));
    assert_eq!(params.item_expertise, [Expertise::Air].into());
    assert!(!params.previous_lead_may_lead);

    // Another item: N4 does not apply; a shorter window lets the general target back too.
    r.items = vec!["HB-STHJ-03".into()];
    let p = s.prepare_draw(&admin(), &r).unwrap();
    assert!(p.check.repeat_excluded.is_empty());
    r.items = vec!["HB-STHJ-02".into()];
    s.set_draw_rules(
        &admin(),
        DrawRules {
            repeat_window_days: 180,
            previous_lead_may_lead: true,
        },
    )
    .unwrap();
    let p = s.prepare_draw(&admin(), &r).unwrap();
    assert!(p.check.repeat_excluded.is_empty());
    let (snap, params) = snapshot_of(&mut s, p.id);
    assert!(snap.candidates.iter().any(|c| c.code == general));
    assert!(params.previous_lead_may_lead);
}

#[test]
fn inspections_in_the_quarter_count_as_inspected() {
    let mut s = filled();
    let (general, special, lead, _) = picks(&mut s);
    import_visits(
        &mut s,
        &[
            [&general, "2024-04-02", "", &lead, ""],
            [&special, "2024-03-31", "", "", ""],
        ],
    )
    .unwrap();
    let plan = s.plan(&admin(), q()).unwrap();
    let line = |g: Group| plan.iter().find(|l| l.group == g).unwrap().clone();
    // Issue 14: no draw of the quarter selected the general target, so its visit is a
    // non-random check, not counted in the S6 ratio (it was counted as inspected before).
    assert_eq!(
        (
            line(Group::General).inspected,
            line(Group::General).non_random
        ),
        (0, 1)
    );
    // 03-31 lies in the previous quarter.
    assert_eq!(
        (
            line(Group::Special).inspected,
            line(Group::Special).non_random
        ),
        (0, 0)
    );
    // Re-importing the same file changes nothing.
    let again = import_visits(&mut s, &[[&general, "2024-04-02", "", &lead, ""]]).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 1));
}

#[test]
fn bad_inspection_rows_are_all_explained_and_nothing_is_written() {
    let mut s = filled();
    let (general, _, lead, _) = picks(&mut s);
    let err = import_visits(
        &mut s,
        &[
            [&general, "2024-05-01", "", "", ""],
            [&general, "2024-01-02", "HB-NOPE", "", ""],
            [&general, "2024-01-03", "", "NO-SUCH-CERT", ""],
            ["91350100M000100Y43", "2024-01-04", "", "", ""],
            [&general, "2024-01-05", "", &lead, ""],
            [&general, "2024-01-05", "", &lead, ""],
        ],
    )
    .unwrap_err();
    let ServiceError::Import(crate::service::ImportError::Rows(rows)) = err else {
        panic!("{err:?}");
    };
    let problems: Vec<(usize, &Problem)> = rows.iter().map(|r| (r.row, &r.problem)).collect();
    assert_eq!(
        problems,
        [
            (2, &Problem::FutureDate),
            (3, &Problem::UnknownItems(vec!["HB-NOPE".into()])),
            (
                4,
                &Problem::UnknownCertificates(vec!["NO-SUCH-CERT".into()])
            ),
            (5, &Problem::UnknownEnterprise),
            (7, &Problem::DuplicateInFile { first_row: 6 }),
        ]
    );
    let plan = s.plan(&admin(), "2024Q1".parse().unwrap()).unwrap();
    assert!(plan.iter().all(|l| l.inspected == 0));
}

#[test]
fn each_quarter_may_have_its_own_ratios() {
    let mut s = filled();
    let q3: Quarter = "2024Q3".parse().unwrap();
    let before = s.plan(&admin(), q3).unwrap();
    let mut r = s.plan_ratios(q()).unwrap().0;
    r.general = 1000;
    s.set_plan_ratios(&admin(), q(), r).unwrap();
    assert!(matches!(
        s.set_plan_ratios(&inspector(), q(), r),
        Err(ServiceError::Forbidden(_))
    ));
    let (mine, own) = s.plan_ratios(q()).unwrap();
    assert!(own && mine.general == 1000);
    let line = |v: &[PlanLine]| {
        v.iter()
            .find(|l| l.group == Group::General)
            .unwrap()
            .clone()
    };
    let q2 = s.plan(&admin(), q()).unwrap();
    assert_eq!(line(&q2).ratio_bp, 1000);
    assert_eq!(line(&q2).required, line(&q2).population.div_ceil(10));
    // Other quarters and the defaults are untouched.
    assert_eq!(s.plan(&admin(), q3).unwrap(), before);
    assert!(!s.plan_ratios(q3).unwrap().1);
    assert_eq!(s.ratios().unwrap().general, 300);
    let audit = s.audit_recent(&admin(), 1).unwrap();
    assert_eq!(
        (audit[0].entity.as_str(), audit[0].summary.as_str()),
        ("plan", "2024Q2")
    );
}

/// Issue 14 item 8: a draw for a quarter that has ended is refused and nothing is stored; a
/// leader allows it with a reason, recorded in the audit trail under the leader's name.
#[test]
fn a_draw_for_an_ended_quarter_needs_a_leaders_reason() {
    let mut s = filled();
    let ended: Quarter = "2024Q1".parse().unwrap();
    let mut r = DrawRequest::new(ended);
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Unclassified { count: 1 });
    let before = s.draw_list(&admin()).unwrap().len();
    assert!(matches!(
        s.prepare_draw(&admin(), &r),
        Err(ServiceError::Draw(DrawProblem::QuarterEnded { ref quarter, ended: e }))
            if quarter == "2024Q1" && e.to_string() == "2024-03-31"
    ));
    // The console names an account: it must hold the leader role; the reason is required.
    r.late = Some(LateOverride {
        leader: Some("nobody".into()),
        reason: "补充抽取".into(),
    });
    assert!(matches!(
        s.prepare_draw(&admin(), &r),
        Err(ServiceError::Forbidden(Role::Leader))
    ));
    let leader = Actor {
        user_id: Some(7),
        name: "chief".into(),
        roles: [Role::Admin, Role::Leader].into(),
    };
    r.late = Some(LateOverride {
        leader: None,
        reason: " ".into(),
    });
    assert!(matches!(
        s.prepare_draw(&leader, &r),
        Err(ServiceError::Draw(DrawProblem::ReasonRequired))
    ));
    assert_eq!(
        s.draw_list(&admin()).unwrap().len(),
        before,
        "nothing stored"
    );
    r.late = Some(LateOverride {
        leader: None,
        reason: "上季度抽取记录损毁，补抽".into(),
    });
    let p = s.prepare_draw(&leader, &r).unwrap();
    let late = s.store.read(|db| db.late_reason(p.id)).unwrap();
    assert_eq!(late.as_deref(), Some("上季度抽取记录损毁，补抽"));
    let audit = s.audit_recent(&admin(), 2).unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == "override_ended_quarter" && a.actor == "chief"),
        "{audit:?}"
    );
    // The live quarter needs nothing.
    let mut live = DrawRequest::new(q());
    live.items = vec!["HB-STHJ-02".into()];
    live.quota = Some(Quota::Unclassified { count: 1 });
    let p = s.prepare_draw(&admin(), &live).unwrap();
    assert_eq!(s.store.read(|db| db.late_reason(p.id)).unwrap(), None);
}

/// Issue 17: the dry run shows what prepare would freeze, the same path, and stores nothing.
#[test]
fn the_dry_run_agrees_with_prepare_and_stores_nothing() {
    let mut s = filled();
    let mut r = small_request();
    r.items = vec!["HB-STHJ-02".into()];
    let audited = s.audit_recent(&admin(), 1).unwrap();
    let c = s.check_draw(&admin(), &r).unwrap();
    assert!(c.refusals.is_empty(), "{:?}", c.refusals);
    assert_eq!(c.label, "2024Q2-1");
    assert_eq!(c.strata.len(), 3);
    let per_stratum: usize = c.strata.iter().map(|(_, n, _)| n).sum();
    // Positive-list firms are candidates of no stratum (they are supervised off-site).
    assert!(per_stratum > 0 && per_stratum <= c.candidates);
    assert!(c.strata.iter().all(|(_, n, k)| *n >= *k as usize));
    assert!(s.draw_list(&admin()).unwrap().is_empty(), "nothing stored");
    assert_eq!(
        s.audit_recent(&admin(), 1).unwrap(),
        audited,
        "nothing audited"
    );
    let p = s.prepare_draw(&admin(), &r).unwrap();
    assert_eq!(p.check.label, c.label);
    assert_eq!(
        (p.check.candidates, p.check.inspectors, p.check.conflicts),
        (c.candidates, c.inspectors, c.conflicts)
    );
    assert_eq!(p.check.strata, c.strata);
    // The next dry run names the next code and leaves out what a revealed draw drew.
    s.add_entropy(&admin(), p.id, "w1", "abcdefgh-123").unwrap();
    s.reveal_draw(&admin(), p.id).unwrap();
    let next = s.check_draw(&admin(), &r).unwrap();
    assert_eq!(next.label, "2024Q2-2");
    assert_eq!(next.already_drawn, 4);
    assert_eq!(next.candidates + 4, c.candidates);
}

#[test]
fn the_dry_run_lists_refusals_and_refuses_as_prepare_does() {
    let mut s = filled();
    let mut r = too_many();
    let c = s.check_draw(&admin(), &r).unwrap();
    let DrawProblem::Refused { refusals } = problem(s.prepare_draw(&admin(), &r)) else {
        panic!("prepare refuses");
    };
    assert_eq!(c.refusals, refusals, "the same check");
    assert!(c.refusal_lines(crate::strings::Lang::Zh)[0].contains("只有"));
    assert!(s.draw_list(&admin()).unwrap().is_empty());
    // What prepare refuses before the check, the dry run refuses in the same words.
    r.quarter = "2024Q1".parse().unwrap();
    let said = |e: ServiceError| e.say(None, crate::strings::Lang::Zh);
    let dry = said(s.check_draw(&admin(), &r).unwrap_err());
    assert_eq!(dry, said(s.prepare_draw(&admin(), &r).unwrap_err()));
    assert!(dry.contains("已于 2024-03-31 结束"), "{dry}");
    assert!(matches!(
        s.check_draw(&inspector(), &DrawRequest::new(q())),
        Err(ServiceError::Forbidden(Role::Admin))
    ));
}
