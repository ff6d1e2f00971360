use super::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn result() -> ResultData {
    crate::domain::result::tests::typical()
}

fn objection() -> Filing {
    Filing {
        kind: Kind::Objection,
        received_on: d("2024-05-06"),
        from: "唐山钢铁有限公司".into(),
        content: "检查日期有误".into(),
        proposal: Changes::default(),
    }
}

fn decided(decision: Decision, changes: Changes) -> Decided {
    Decided {
        decision,
        reason: "经核实".into(),
        on: d("2024-05-08"),
        changes,
    }
}

const PUBLISHED: Option<&str> = Some("2024-05-01");

fn published() -> Option<NaiveDate> {
    PUBLISHED.map(d)
}

#[test]
fn an_objection_is_decided_once_and_a_correction_makes_a_new_version() {
    let today = d("2024-05-08");
    let case = file(&objection(), published(), false, today).unwrap();
    assert_eq!(case.status(), Status::Pending);
    let fix = Changes {
        inspected_on: Some(d("2024-04-11")),
        ..Changes::default()
    };
    let (done, new) = case
        .decide(&decided(Decision::Correct, fix.clone()), &result())
        .unwrap();
    assert_eq!(done.status(), Status::Corrected);
    let new = new.unwrap();
    assert_eq!(new.inspected_on, d("2024-04-11"));
    assert_eq!(changed(&result(), &new), vec![Field::Date]);
    assert_eq!(
        done.decide(&decided(Decision::Correct, fix), &result()),
        Err(vec![Problem::AlreadyDecided])
    );
    let (upheld, none) = case
        .decide(&decided(Decision::Uphold, Changes::default()), &result())
        .unwrap();
    assert_eq!((upheld.status(), none), (Status::Upheld, None));
}

#[test]
fn a_filing_is_refused_with_every_problem() {
    let today = d("2024-05-08");
    assert_eq!(
        file(&objection(), None, false, today),
        Err(vec![Problem::NotPublished])
    );
    let bad = Filing {
        received_on: d("2024-04-01"),
        from: " ".into(),
        content: String::new(),
        ..objection()
    };
    assert_eq!(
        file(&bad, published(), true, today),
        Err(vec![
            Problem::AlreadyPending,
            Problem::BeforePublication(d("2024-05-01")),
            Problem::FromRequired,
            Problem::ContentRequired,
        ])
    );
    let future = Filing {
        received_on: d("2024-06-01"),
        ..objection()
    };
    assert_eq!(
        file(&future, published(), false, today),
        Err(vec![Problem::FutureDate])
    );
    let correction = Filing {
        kind: Kind::Correction,
        from: String::new(),
        ..objection()
    };
    assert_eq!(
        file(&correction, published(), false, today),
        Err(vec![Problem::NothingToCorrect])
    );
    let correction = Filing {
        proposal: Changes {
            category: Some("corrected".into()),
            ..Changes::default()
        },
        ..correction
    };
    assert!(file(&correction, published(), false, today).is_ok());
}

#[test]
fn a_decision_needs_a_reason_and_a_correction_must_change_something() {
    let case = file(&objection(), published(), false, d("2024-05-08")).unwrap();
    let mut same = decided(Decision::Correct, Changes::default());
    same.reason = " ".into();
    assert_eq!(
        case.decide(&same, &result()),
        Err(vec![Problem::ReasonRequired, Problem::NothingToCorrect])
    );
    let unchanged = Changes {
        category: Some("no_problem".into()),
        ..Changes::default()
    };
    assert_eq!(
        case.decide(&decided(Decision::Correct, unchanged.clone()), &result()),
        Err(vec![Problem::NothingToCorrect])
    );
    assert_eq!(
        case.decide(&decided(Decision::Uphold, unchanged), &result()),
        Err(vec![Problem::ChangesWithUphold])
    );
}

#[test]
fn decided_changes_go_on_top_of_the_proposal() {
    let proposal = Changes {
        category: Some("corrected".into()),
        findings: Some("a".into()),
        ..Changes::default()
    };
    let later = Changes {
        findings: Some("b".into()),
        rectify_by: Some(d("2024-06-30")),
        ..Changes::default()
    };
    let new = proposal.then(&later).apply(&result());
    assert_eq!(
        (new.category.as_str(), new.findings.as_str(), new.rectify_by),
        ("corrected", "b", Some(d("2024-06-30")))
    );
    assert_eq!(
        changed(&result(), &new),
        vec![Field::Category, Field::Findings, Field::RectifyBy]
    );
    assert_eq!(Decision::parse("更正"), Some(Decision::Correct));
    assert_eq!(Decision::parse("uphold"), Some(Decision::Uphold));
    assert_eq!(Decision::parse("x"), None);
    assert_eq!(Kind::from_code("objection"), Some(Kind::Objection));
}
