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
use shuangsui::domain::draw::{Certificate, example, negative, verify};
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

/// The list of §12, as the negative vectors are made.
fn negative_list() -> String {
    let mut out = String::new();
    for n in negative::vectors() {
        let _ = writeln!(out, "{:<22} {:<30} {}", n.name, n.tags.join(","), n.what);
    }
    out
}

/// Every negative vector of §12 gets exactly the differences listed, from the program.
#[test]
fn the_negative_vectors_are_refused_as_documented() {
    for n in negative::vectors() {
        let got: Vec<String> = match Certificate::from_json(&n.json) {
            Err(_) => vec!["unreadable".into()],
            Ok(c) => verify(&c)
                .err()
                .unwrap_or_default()
                .iter()
                .flat_map(|m| m.tags())
                .collect(),
        };
        assert_eq!(got, n.tags, "{}", n.name);
    }
    let mut doc = std::fs::read_to_string(DOC).expect("docs/draw-algorithm.md");
    let r = find_tag(&doc, "negative:vectors").expect("a negative:vectors block");
    let want = negative_list();
    if std::env::var_os("UPDATE_DRAW_VECTORS").is_some() {
        doc.replace_range(r, &want);
        std::fs::write(DOC, &doc).expect("write the document");
    } else {
        assert_eq!(doc[r].to_string(), want, "§12 lists the negative vectors");
    }
}

/// §10 names the page's verifier as the reference, and that file exists.
#[test]
fn the_reference_verifier_is_the_page() {
    let doc = std::fs::read_to_string(DOC).expect("docs/draw-algorithm.md");
    let path = "src/exchange/verify_page/verify.js";
    assert!(doc.contains(path));
    let js = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/exchange/verify_page/verify.js"
    ))
    .expect("verify.js");
    assert_eq!(js, shuangsui::exchange::verify_page::VERIFY_JS);
}
