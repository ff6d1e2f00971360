use super::*;
use crate::domain::correction::Changes;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A store with one published result (id 1).
fn published() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    s.write(|db| {
        db.0.execute_batch(
            "INSERT INTO draws (id, quarter, label, status, params, secret, commitment,
               prepared_by, prepared_at) VALUES (1, '2024Q2', 'D1', 'sealed', '{}', x'00',
               'c', 'admin', 'now');
             INSERT INTO assignments (id, draw_id, code, lead, team, quarter, released_at)
               VALUES (1, 1, 'C1', 'A1', 'A1,A2', '2024Q2', 'now');
             INSERT INTO results (id, assignment_id, status, inspected_on, present, items,
               category, signature, entered_by, entered_at, published_at)
               VALUES (1, 1, 'approved', '2024-04-10', 'A1,A2', 'I1', 'none', 'signed', 'i',
               'now', '2024-05-01');",
        )?;
        Ok::<_, StoreError>(())
    })
    .unwrap();
    s
}

fn filing() -> Filing {
    Filing {
        kind: Kind::Objection,
        received_on: d("2024-05-06"),
        from: "企业".into(),
        content: "日期有误".into(),
        proposal: Changes {
            inspected_on: Some(d("2024-04-11")),
            ..Changes::default()
        },
    }
}

fn decided() -> Decided {
    Decided {
        decision: Decision::Correct,
        reason: "核实".into(),
        on: d("2024-05-08"),
        changes: Changes::default(),
    }
}

#[test]
fn a_case_reads_back_is_decided_once_and_one_is_pending_at_a_time() {
    let mut s = published();
    let id = s
        .write(|db| db.insert_case(1, &filing(), "admin", "t1"))
        .unwrap()
        .unwrap();
    assert_eq!(
        s.write(|db| db.insert_case(1, &filing(), "admin", "t2"))
            .unwrap(),
        None
    );
    let row = s.read(|db| db.case(id)).unwrap().unwrap();
    assert_eq!(
        (row.case.filing.clone(), row.case.decided),
        (filing(), None)
    );
    assert!(
        s.write(|db| db.decide_case(id, &decided(), Some(2), "leader", "t3"))
            .unwrap()
    );
    assert!(
        !s.write(|db| db.decide_case(id, &decided(), Some(3), "leader", "t4"))
            .unwrap()
    );
    let row = s.read(|db| db.case(id)).unwrap().unwrap();
    assert_eq!(row.case.decided, Some(decided()));
    assert_eq!(
        (row.version, row.decided_by.as_deref()),
        (Some(2), Some("leader"))
    );
    assert_eq!(
        s.write(|db| db.mark_cases_published(&[id], "t5")).unwrap(),
        1
    );
    assert_eq!(
        s.write(|db| db.mark_cases_published(&[id], "t6")).unwrap(),
        0
    );
    // Decided, a new case may be filed.
    assert!(
        s.write(|db| db.insert_case(1, &filing(), "admin", "t7"))
            .unwrap()
            .is_some()
    );
    assert_eq!(s.read(|db| db.cases()).unwrap().len(), 2);
}

#[test]
fn cases_and_versions_are_never_deleted_nor_rewritten() {
    let mut s = published();
    let id = s
        .write(|db| db.insert_case(1, &filing(), "admin", "t1"))
        .unwrap()
        .unwrap();
    let v = VersionRow {
        result_id: 1,
        version: 1,
        data: serde_json::from_str(
            r#"{"inspected_on":"2024-04-10","present":["A1","A2"],"items":["I1"],
            "category":"none","findings":"","rectify_by":null,"case_no":"","mobile_no":"",
            "signature":"signed","signature_reason":"","evidence":"","typical":false,
            "typical_note":""}"#,
        )
        .unwrap(),
        entered_by: "i".into(),
        entered_at: "now".into(),
        case_id: id,
        superseded_at: "t2".into(),
    };
    s.write(|db| db.insert_version(&v)).unwrap();
    assert_eq!(s.read(|db| db.versions()).unwrap(), vec![v]);
    for sql in [
        "DELETE FROM objections",
        "UPDATE objections SET content = 'x'",
        "DELETE FROM result_versions",
        "UPDATE result_versions SET data = '{}'",
    ] {
        let r = s.write(|db| Ok::<_, StoreError>(db.0.execute_batch(sql)?));
        assert!(r.is_err(), "{sql}");
    }
}
