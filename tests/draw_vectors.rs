//! The test vectors of docs/draw-algorithm.md are what the code computes: every fenced block
//! tagged `vector:NAME` is regenerated from the worked example and compared byte for byte, and
//! the certificate printed in the document verifies. After an intended change (which needs a
//! new version tag), regenerate the blocks with `UPDATE_DRAW_VECTORS=1 cargo test --test
//! draw_vectors`.

use shuangsui::domain::draw::canon::{Part, encode};
use shuangsui::domain::draw::hash::to_hex;
use shuangsui::domain::draw::seed::preimage;
use shuangsui::domain::draw::select::rank;
use shuangsui::domain::draw::teams::{assign, joint_count, order_hash};
use shuangsui::domain::draw::{Certificate, example, verify};
use std::fmt::Write;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/draw-algorithm.md");

/// The blocks, by name, as the code computes them.
fn blocks() -> Vec<(&'static str, String)> {
    let c = example::certificate().expect("the example draws");
    let (s, p) = (&c.snapshot, &c.params);
    let text = |part| String::from_utf8(encode(part, s, p)).expect("UTF-8");
    let mut hashes = String::new();
    for (part, h) in c.hashes.parts() {
        let _ = writeln!(hashes, "{:<11} {h}", part.code());
    }
    let _ = writeln!(hashes, "{:<11} {}", "commitment", c.commitment);
    let mut pre = String::new();
    for chunk in preimage(&c.seed_input(&c.hashes)).chunks(32) {
        let _ = writeln!(pre, "{}", to_hex(chunk));
    }
    let mut ranks = String::new();
    for sel in &c.outcome.selections {
        let mut all: Vec<_> = s
            .candidates
            .iter()
            .filter(|x| sel.stratum.contains(x.group))
            .map(|x| (rank(&c.seed, sel.stratum, &x.code), x.code.as_str()))
            .collect();
        all.sort();
        for (i, (r, code)) in all.iter().enumerate() {
            let mark = if i < sel.targets.len() { "drawn" } else { "-" };
            let _ = writeln!(ranks, "{:<7} {code} {r} {mark}", sel.stratum.code());
        }
    }
    let mut order = String::new();
    let n = c.outcome.teams.len() as u64;
    let _ = writeln!(
        order,
        "n = {n}, joint = ceil({n} * {} / 10000) = {}",
        p.joint_bp,
        joint_count(n, p.joint_bp)
    );
    for t in &c.outcome.teams {
        let _ = writeln!(
            order,
            "{} {} {}",
            t.code,
            order_hash(&c.seed, &t.code),
            if t.joint { "joint" } else { "-" }
        );
    }
    let mut steps = Vec::new();
    let teams = assign(s, p, &c.seed, &c.outcome.selections, Some(&mut steps)).expect("teams");
    assert_eq!(teams, c.outcome.teams);
    let mut trace = String::new();
    for st in &steps {
        let _ = writeln!(
            trace,
            "{} {:<9} {} load={} match={} tied=[{}] pick {} of {} -> {}",
            st.code,
            st.role.code(),
            st.slot,
            st.load,
            st.matched,
            st.tied.join(","),
            st.index,
            st.tied.len(),
            st.chosen
        );
    }
    vec![
        ("candidates", text(Part::Candidates)),
        ("inspectors", text(Part::Inspectors)),
        ("conflicts", text(Part::Conflicts)),
        ("parameters", text(Part::Params)),
        ("hashes", hashes),
        ("preimage", pre),
        ("seed", format!("{}\n", c.seed)),
        ("ranks", ranks),
        ("order", order),
        ("trace", trace),
        ("certificate", format!("{}\n", c.to_json())),
    ]
}

/// The byte range of the body of the fenced block tagged `vector:NAME`.
fn find(doc: &str, name: &str) -> Option<std::ops::Range<usize>> {
    find_tag(doc, &format!("vector:{name}"))
}

/// The byte range of the body of the fenced block whose info string ends in ` TAG`.
fn find_tag(doc: &str, tag: &str) -> Option<std::ops::Range<usize>> {
    let tag = format!(" {tag}\n");
    let open = doc.find(&tag)?;
    let start = open + tag.len();
    let end = start + doc[start..].find("```")?;
    Some(start..end)
}

#[test]
fn the_document_carries_the_computed_vectors() {
    let mut doc = std::fs::read_to_string(DOC).expect("docs/draw-algorithm.md");
    let update = std::env::var_os("UPDATE_DRAW_VECTORS").is_some();
    let mut stale = Vec::new();
    for (name, want) in blocks() {
        match find(&doc, name) {
            Some(r) if doc[r.clone()] == want => {}
            Some(r) if update => doc.replace_range(r, &want),
            _ => stale.push(format!("--- vector:{name} should be:\n{want}")),
        }
    }
    if update {
        std::fs::write(DOC, &doc).expect("write the document");
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

#[test]
fn the_documented_certificate_verifies() {
    let doc = std::fs::read_to_string(DOC).expect("docs/draw-algorithm.md");
    let r = find(&doc, "certificate").expect("a vector:certificate block");
    let c = Certificate::from_json(&doc[r]).expect("the certificate parses");
    assert_eq!(verify(&c), Ok(()));
    assert_eq!(c.seed.to_hex(), example::SEED);
}

/// The Python sketch of §10 recomputes the documented certificate (skipped, with a note, where
/// no `python3` is installed).
#[test]
fn the_python_sketch_verifies_the_documented_certificate() {
    let doc = std::fs::read_to_string(DOC).expect("docs/draw-algorithm.md");
    let script = find_tag(&doc, "sketch:verify_draw.py").expect("the Python sketch");
    let cert = find(&doc, "certificate").expect("a vector:certificate block");
    let dir = tempfile::tempdir().expect("temp dir");
    let (py, json) = (dir.path().join("verify_draw.py"), dir.path().join("c.json"));
    std::fs::write(&py, &doc[script]).expect("write script");
    std::fs::write(&json, &doc[cert]).expect("write certificate");
    let out = match std::process::Command::new("python3")
        .arg(&py)
        .arg(&json)
        .output()
    {
        Ok(out) => out,
        Err(e) => {
            eprintln!("python3 not run ({e}); the sketch was not checked");
            return;
        }
    };
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "VALID",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}
