//! N5 and the public check of a draw (issue 20): the quarter's notice carries a sealed draw's
//! certificate and verification page only once the results of every target it drew are
//! published, and then links the page; before that the list stays inside the bureau.

use shuangsui::domain::draw::{Certificate, Quota, verify};
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::result::{ResultData, Signature};
use shuangsui::service::{Actor, DrawRequest, Service, WorkItem};
use shuangsui::strings::Lang;

fn result_of(svc: &Service, w: &WorkItem) -> ResultData {
    ResultData {
        inspected_on: svc.today(),
        present: w.a.team.iter().cloned().collect(),
        items: w.a.items.iter().cloned().collect(),
        category: "no_problem".into(),
        findings: String::new(),
        rectify_by: None,
        case_no: String::new(),
        mobile_no: String::new(),
        signature: Signature::Signed,
        signature_reason: String::new(),
        evidence: String::new(),
        typical: false,
        typical_note: String::new(),
    }
}

/// Enters and approves the result of one assignment.
fn approve(svc: &mut Service, me: &Actor, w: &WorkItem) {
    let d = result_of(svc, w);
    let id = svc.save_result(me, w.a.id, None, &d).expect("result");
    let r = svc
        .assignment(me, w.a.id)
        .expect("assignment")
        .result
        .expect("saved");
    svc.review(me, id, r.revision, true, "").expect("approved");
}

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn certificates_are_published_with_the_last_result_of_their_draw() {
    let me = Actor::console();
    let mut svc = Service::open_in_memory().expect("service");
    shuangsui::demo::fill(&mut svc, &me, 60).expect("demo data");
    let quarter = Quarter::of(svc.today());
    let mut r = DrawRequest::new(quarter);
    r.items = vec!["HB-STHJ-02".into()];
    r.quota = Some(Quota::Classified {
        key: 1,
        special: 1,
        general: 1,
    });
    let id = svc.prepare_draw(&me, &r).expect("prepared").id;
    svc.add_entropy(&me, id, "w1", "witness text for publication")
        .expect("entropy");
    let cert: Certificate = svc.reveal_draw(&me, id).expect("revealed");
    svc.confirm_draw(&me, id, Some("w1")).expect("sealed");
    svc.release_draw(&me, id).expect("released");
    let label = cert.params.draw.clone();
    let page = format!("{label}-verify.html");

    let work = svc.worklist(&me).expect("worklist");
    assert_eq!(work.len(), 3);
    for w in &work[..2] {
        approve(&mut svc, &me, w);
    }
    let (n, files) = svc
        .publication_files(&me, quarter, Lang::Zh)
        .expect("notice");
    assert_eq!(n, 2);
    assert!(
        !names(&files).iter().any(|f| f.contains(&label)),
        "one target is not published yet: {:?}",
        names(&files)
    );

    approve(&mut svc, &me, &work[2]);
    let (n, files) = svc
        .publication_files(&me, quarter, Lang::Zh)
        .expect("notice");
    assert_eq!(n, 3);
    let file = |name: &str| {
        files
            .iter()
            .find(|(f, _)| f == name)
            .map(|(_, b)| String::from_utf8_lossy(b).to_string())
            .unwrap_or_else(|| panic!("{name} in {:?}", names(&files)))
    };
    let json = file(&format!("{label}-certificate.json"));
    let c = Certificate::from_json(&json).expect("certificate");
    assert_eq!(verify(&c), Ok(()));
    assert!(file(&page).contains("id=\"verdict\""));
    let notice = files
        .iter()
        .find(|(f, _)| f.ends_with(".html") && !f.ends_with("-verify.html"))
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("notice");
    assert!(notice.contains(&format!("<a href=\"{page}\">")), "{notice}");
}
