//! The quarterly report over five years of data (issue 7): 100,000 targets and 1,000,000
//! inspection results (50,000 per quarter over 20 quarters, each with its assignment and its
//! visit on record). Run with `cargo bench --bench report`; `SHUANGSUI_BENCH_ROWS` and
//! `SHUANGSUI_BENCH_RESULTS` change the sizes. Reports the time to compute the quarter's
//! statistics, the assessment, and the whole XLSX report, best of 5.

use chrono::Datelike;
use shuangsui::domain::ceremony::Status;
use shuangsui::domain::draw::{Params, Quota, Snapshot};
use shuangsui::domain::inspection::Visit;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::result::{ResultData, Signature};
use shuangsui::service::{Actor, Service};
use shuangsui::store::{NewAssignment, NewDraw, Store};
use shuangsui::strings::Lang;
use std::time::{Duration, Instant};

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn best<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..n {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("ran"))
}

fn main() {
    let rows = env("SHUANGSUI_BENCH_ROWS", 100_000);
    let results = env("SHUANGSUI_BENCH_RESULTS", 1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.sqlite3");
    let me = Actor::console();
    let setup = Instant::now();
    let quarters: Vec<Quarter> = (2022..2027)
        .flat_map(|y| (1..=4).filter_map(move |q| Quarter::new(y, q)))
        .collect();
    let last = *quarters.last().expect("quarters");
    {
        let mut svc = Service::open(&db).expect("open");
        shuangsui::demo::fill(&mut svc, &me, rows).expect("demo");
        // Make every year's calendar "entered" (weekends only beyond the shipped years).
        for y in 2022..2028 {
            svc.add_calendar_year(&me, y).expect("year");
        }
    }
    let mut store = Store::open(&db).expect("store");
    store
        .write(|db| {
            let keys = db.enterprise_keys()?;
            let mut firms: Vec<(String, i64)> = keys.into_iter().map(|(c, k)| (c, k.id)).collect();
            firms.sort();
            let people: Vec<String> = db
                .inspectors()?
                .into_iter()
                .filter(|i| !i.data.cert_no.is_empty())
                .map(|i| i.data.cert_no)
                .collect();
            let per_quarter = results / quarters.len();
            let mut n = 0usize;
            for (qi, q) in quarters.iter().enumerate() {
                let (quarter, label) = (q.to_string(), format!("{q}-1"));
                let params = Params::new(label.clone(), Quota::Unclassified { count: 0 });
                let d = db.insert_draw(&NewDraw {
                    quarter: &quarter,
                    label: &label,
                    status: Status::Sealed,
                    snapshot: &Snapshot::default(),
                    params: &params,
                    secret: &[0; 32],
                    commitment: "",
                    public_source: None,
                    public_value: None,
                    min_witnesses: 1,
                    prepared_by: "bench",
                    prepared_at: "2022-01-01T00:00:00+08:00",
                })?;
                for j in 0..per_quarter {
                    let (code, eid) = &firms[(qi * 7919 + j) % firms.len()];
                    let team = vec![
                        people[j % people.len()].clone(),
                        people[(j + 1) % people.len()].clone(),
                    ];
                    let items = vec!["HB-STHJ-02".to_string()];
                    let a = db.insert_assignment(
                        d,
                        &q.to_string(),
                        "2022-01-01T00:00:00+08:00",
                        &NewAssignment {
                            code,
                            enterprise_id: Some(*eid),
                            lead: &team[0],
                            team: &team,
                            items: &items,
                        },
                    )?;
                    let day = q.start() + chrono::Days::new((j % 80) as u64);
                    let data = ResultData {
                        inspected_on: day,
                        present: team.iter().cloned().collect(),
                        items: items.iter().cloned().collect(),
                        category: ["no_problem", "corrected", "case_filed"][j % 3].into(),
                        findings: String::new(),
                        rectify_by: None,
                        case_no: if j % 3 == 2 {
                            format!("唐高环立〔{}〕{}号", day.year(), j % 1000 + 1)
                        } else {
                            String::new()
                        },
                        mobile_no: String::new(),
                        signature: Signature::Signed,
                        signature_reason: String::new(),
                        evidence: String::new(),
                        typical: j % 997 == 0,
                        typical_note: if j % 997 == 0 {
                            "典型".into()
                        } else {
                            String::new()
                        },
                    };
                    db.insert_result(a, &data, "bench", "2022-01-01T00:00:00+08:00")?;
                    db.record_result_visit(
                        *eid,
                        d,
                        &Visit {
                            date: day,
                            items: data.items.clone(),
                            lead: team[0].clone(),
                            team: data.present.clone(),
                            note: String::new(),
                        },
                    )?;
                    n += 1;
                }
            }
            println!("{n} results over {} quarters", quarters.len());
            Ok::<_, shuangsui::store::StoreError>(())
        })
        .expect("bench data");
    drop(store);
    println!("setup {:.1} s", setup.elapsed().as_secs_f64());
    let mut svc = Service::open(&db).expect("open");
    let (t_stats, st) = best(5, || svc.quarter_stats(&me, last).expect("stats"));
    let (t_assess, a) = best(5, || svc.assessment(&me, &[last]).expect("assessment"));
    let (t_report, bytes) = best(5, || svc.report_xlsx(&me, last, Lang::Zh).expect("report"));
    // Its parts: the plan (classifying every target) and reading the quarter's assignments.
    let (t_plan, _) = best(5, || svc.plan(&me, last).expect("plan"));
    let mut store = Store::open(&db).expect("store");
    let (t_rows, n_rows) = best(5, || {
        store
            .read(|db| db.assignments_of(&last.to_string()))
            .expect("rows")
            .len()
    });
    println!(
        "parts: plan (classify {rows} targets) {:.0} ms; read the quarter's {n_rows} assignments with results {:.0} ms",
        t_plan.as_secs_f64() * 1e3,
        t_rows.as_secs_f64() * 1e3
    );
    println!(
        "{rows} targets, {results} results: quarter {last}: statistics {:.0} ms ({} results in the quarter), assessment {:.0} ms ({} people), whole XLSX report {:.0} ms ({} bytes)",
        t_stats.as_secs_f64() * 1e3,
        st.results.entered,
        t_assess.as_secs_f64() * 1e3,
        a.len(),
        t_report.as_secs_f64() * 1e3,
        bytes.len()
    );
}
