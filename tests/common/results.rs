//! The start of the stories after the visit: a draw of the current quarter prepared, witnessed,
//! revealed, sealed and released, and one result entered for its first target by the console.

use shuangsui::domain::draw::Quota;
use shuangsui::domain::result::{ResultData, Signature};
use shuangsui::service::{Actor, DrawRequest, Service};

/// The result entered: its target's code, its id and the officers of its team.
pub struct Entered {
    pub code: String,
    pub result: i64,
    pub team: Vec<String>,
}

/// A released draw (one target of each class, item `HB-STHJ-02`, witness `w1`) and one result
/// of `category` (a problem gets a rectification deadline in 10 days); `typical` marks it a
/// typical case.
pub fn entered_result(svc: &mut Service, category: &str, typical: bool) -> Entered {
    entered_result_due(svc, category, typical, 10)
}

/// As [`entered_result`], a problem's rectification deadline `days` after the inspection.
pub fn entered_result_due(svc: &mut Service, category: &str, typical: bool, days: i64) -> Entered {
    let me = Actor::console();
    let quarter = shuangsui::domain::quarter::Quarter::of(svc.today());
    let mut r = DrawRequest::new(quarter);
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 1,
    });
    let id = svc.prepare_draw(&me, &r).expect("prepared").id;
    svc.add_entropy(&me, id, "w1", "witness text")
        .expect("entropy");
    svc.reveal_draw(&me, id).expect("revealed");
    svc.confirm_draw(&me, id, Some("w1")).expect("sealed");
    svc.release_draw(&me, id).expect("released");
    let a = svc.worklist(&me).expect("worklist")[0].a.clone();
    let problem = category != "no_problem";
    let d = ResultData {
        inspected_on: svc.today(),
        present: a.team.iter().cloned().collect(),
        items: a.items.iter().cloned().collect(),
        category: category.into(),
        findings: "台账不全".into(),
        rectify_by: problem.then(|| svc.today() + chrono::Duration::days(days)),
        case_no: String::new(),
        mobile_no: String::new(),
        signature: Signature::Signed,
        signature_reason: String::new(),
        evidence: String::new(),
        typical,
        typical_note: if typical {
            "危废台账典型问题".into()
        } else {
            String::new()
        },
    };
    let result = svc.save_result(&me, a.id, None, &d).expect("result");
    Entered {
        code: a.code,
        result,
        team: a.team.clone(),
    }
}
