//! A draw over 100,000 candidates and 2,000 inspectors (issue 4): feasibility check, selection
//! and teams, certificate (with its JSON), and `verify` of that certificate, each compared in the
//! same run with the floor: SHA-256 of the snapshot's canonical bytes. One thread.
//! Run with `cargo bench --bench draw`.

use shuangsui::domain::credit_code::CreditCode;
use shuangsui::domain::draw::{
    self, Candidate, Ceremony, Certificate, EntropyEntry, Inspector, Params, Part, Quota, Signoff,
    Snapshot,
};
use shuangsui::domain::enterprise::Pollutant;
use shuangsui::domain::inspector::{Expertise, InspectorKind};
use shuangsui::domain::quota::Group;
use std::time::{Duration, Instant};

fn snapshot(n: usize, people: usize) -> Snapshot {
    let groups = [
        Group::General,
        Group::General,
        Group::General,
        Group::Key,
        Group::Special,
        Group::PositiveList,
    ];
    let pollutants = [
        Pollutant::Air,
        Pollutant::Water,
        Pollutant::SolidWaste,
        Pollutant::Noise,
    ];
    let candidates = (0..n)
        .map(|i| Candidate {
            code: CreditCode::complete(&format!("91130273{i:09}"))
                .expect("valid prefix")
                .to_string(),
            group: groups[i % groups.len()],
            pollutants: [pollutants[i % 4], pollutants[(i / 4) % 4]].into(),
            previous_lead: None,
        })
        .collect();
    let sections = ["大气科", "水土科", "执法大队", "综合科"];
    let expertise = [
        Expertise::Air,
        Expertise::Water,
        Expertise::SolidWaste,
        Expertise::Noise,
        Expertise::Law,
    ];
    let inspectors = (0..people)
        .map(|i| Inspector {
            id: format!("1302{i:07}"),
            kind: if i % 20 == 19 {
                InspectorKind::Auxiliary
            } else {
                InspectorKind::Officer
            },
            section: sections[i % sections.len()].to_string(),
            expertise: [expertise[i % 5], expertise[(i / 5) % 5]].into(),
        })
        .collect();
    Snapshot {
        candidates,
        inspectors,
        conflicts: Vec::new(),
    }
}

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut out = None;
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        out = Some(v);
    }
    (best, out.expect("ran"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let (n, people) = (100_000, 2_000);
    let snap = snapshot(n, people);
    // S6 on this registry: key 25%, special 65%, general 3% of their populations.
    let pop = |g: Group| snap.candidates.iter().filter(|c| c.group == g).count() as u32;
    let quota = Quota::Classified {
        key: pop(Group::Key).div_ceil(4),
        special: (pop(Group::Special) * 65).div_ceil(100),
        general: (pop(Group::General) * 3).div_ceil(100),
    };
    let mut params = Params::new("BENCH-1", quota);
    params.workload_cap = 40;
    let secret = b"benchmark secret, 32 bytes long!".to_vec();
    let at = chrono::DateTime::parse_from_rfc3339("2024-04-01T09:00:00+08:00").expect("time");
    let ceremony = Ceremony {
        commitment: draw::commitment(&secret),
        secret,
        entropy: vec![EntropyEntry {
            witness: "witness".into(),
            text: "entropy typed by a witness".into(),
            at,
        }],
        public_value: None,
        prepared: Signoff {
            by: "admin".into(),
            at,
        },
        witnessed: vec![Signoff {
            by: "witness".into(),
            at,
        }],
        confirmed: vec![],
        revealed_at: at,
    };
    let (floor, bytes) = best(5, || {
        let mut total = 0;
        for part in [
            Part::Candidates,
            Part::Inspectors,
            Part::Conflicts,
            Part::Params,
        ] {
            let b = draw::encode(part, &snap, &params);
            total += b.len();
            std::hint::black_box(draw::H256::of(&b));
        }
        total
    });
    let (hashes, _) = best(5, || draw::hashes(&snap, &params));
    let (check, ok) = best(3, || draw::check(&snap, &params));
    assert!(ok.is_ok(), "{ok:?}");
    let (issue, cert) = best(3, || {
        Certificate::issue(snap.clone(), params.clone(), ceremony.clone()).expect("draw")
    });
    let (json, text) = best(3, || cert.to_json());
    let (verify, v) = best(3, || {
        let c = Certificate::from_json(&text).expect("parse");
        draw::verify(&c)
    });
    assert!(v.is_ok(), "{v:?}");
    let drawn = cert.outcome.teams.len();
    println!(
        "{n} candidates, {people} inspectors, {drawn} targets drawn with teams (one thread, best of 3-5 runs)"
    );
    println!(
        "floor: encode + SHA-256 of the snapshot ({:.1} MB): {:.1} ms",
        bytes as f64 / 1e6,
        ms(floor)
    );
    println!("hashes (streamed): {:.1} ms", ms(hashes));
    for (name, d) in [
        ("feasibility check", check),
        ("certificate: hashes, seed, selection, teams", issue),
        ("certificate JSON", json),
        ("verify from the JSON text", verify),
    ] {
        println!(
            "{name}: {:.1} ms = {:.1}x the floor",
            ms(d),
            d.as_secs_f64() / floor.as_secs_f64()
        );
    }
    println!("certificate size: {:.1} MB", text.len() as f64 / 1e6);
}
