//! The negative test vectors of docs/draw-algorithm.md §12: invalid certificates made from the
//! worked example, each with the differences every verifier must report (as
//! [`Mismatch::tags`](super::Mismatch::tags) names them; `unreadable` when the JSON itself is
//! refused). Some are edits of the JSON text; the others are *re-signed*: the snapshot,
//! parameters or ceremony are changed and the hashes, commitment, seed and (when the draw
//! still runs) the outcome recomputed, so that only the rule the vector is about is broken.
//! `tests/draw_negative.rs` checks the program and `tests/verify_page.rs` the page on them.

use super::canon::hashes;
use super::certificate::Certificate;
use super::hash::HexBytes;
use super::seed::{commitment, compute_seed};
use super::{draw, example};
use serde_json::Value;

/// One invalid certificate.
pub struct Negative {
    pub name: &'static str,
    /// What was changed, in a few words.
    pub what: &'static str,
    /// The certificate's JSON text.
    pub json: String,
    /// The differences a verifier must report, in the program's order.
    pub tags: Vec<&'static str>,
}

/// Recomputes everything derived from the inputs, as a dishonest but careful issuer would.
pub fn resign(c: &mut Certificate) {
    c.hashes = hashes(&c.snapshot, &c.params);
    c.commitment = commitment(&c.secret.0);
    c.seed = compute_seed(&c.seed_input(&c.hashes));
    if let Ok(o) = draw(&c.snapshot, &c.params, &c.seed) {
        c.outcome = o;
    }
}

fn resigned(edit: impl Fn(&mut Certificate)) -> String {
    let Ok(mut c) = example::certificate() else {
        return String::new();
    };
    edit(&mut c);
    resign(&mut c);
    c.to_json()
}

/// The example's JSON as a value, edited, written back.
fn json_edit(edit: impl Fn(&mut Value)) -> String {
    let Ok(c) = example::certificate() else {
        return String::new();
    };
    let mut v = serde_json::to_value(&c).unwrap_or(Value::Null);
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

fn text_edit(from: &str, to: &str) -> String {
    example::certificate()
        .map(|c| c.to_json().replacen(from, to, 1))
        .unwrap_or_default()
}

fn remove(v: &mut Value, key: &str) {
    if let Some(m) = v.as_object_mut() {
        m.remove(key);
    }
}

/// JSON-level vectors: the program refuses to read them.
fn unreadable() -> Vec<Negative> {
    let v = |name, what, json| Negative {
        name,
        what,
        json,
        tags: vec!["unreadable"],
    };
    let seed = example::SEED;
    vec![
        v(
            "duplicate_key",
            "revealed_at written twice",
            text_edit(
                "\"revealed_at\": ",
                "\"revealed_at\": \"2024-04-08T09:35:00+08:00\",\n  \"revealed_at\": ",
            ),
        ),
        v(
            "unknown_field",
            "a field \"note\" added",
            text_edit("\"params\": {", "\"note\": \"\",\n  \"params\": {"),
        ),
        v(
            "missing_witnessed",
            "the field witnessed left out",
            json_edit(|v| remove(v, "witnessed")),
        ),
        v(
            "missing_public_value",
            "the field public_value left out (null must be written)",
            json_edit(|v| remove(v, "public_value")),
        ),
        v(
            "uppercase_hex",
            "the seed in upper-case hex",
            text_edit(seed, &seed.to_uppercase()),
        ),
        v(
            "repeated_code_in_set",
            "\"air\" twice in a candidate's pollutants",
            json_edit(|v| {
                if let Some(Value::Array(a)) = v.pointer_mut("/snapshot/candidates/0/pollutants") {
                    a.push(Value::from("air"));
                }
            }),
        ),
        v(
            "unknown_code",
            "a pollutant type \"smoke\"",
            json_edit(|v| {
                if let Some(p) = v.pointer_mut("/snapshot/candidates/0/pollutants/0") {
                    *p = Value::from("smoke");
                }
            }),
        ),
        v(
            "record_as_array",
            "prepared written as an array",
            json_edit(|v| {
                if let Some(p) = v.pointer_mut("/prepared") {
                    *p = serde_json::json!(["zhaoming", "2024-04-08T09:20:00+08:00"]);
                }
            }),
        ),
        v(
            "relaxed_time",
            "revealed_at with a space instead of T",
            text_edit("2024-04-08T09:35:00+08:00", "2024-04-08 09:35:00+08:00"),
        ),
    ]
}

fn negative(
    name: &'static str,
    what: &'static str,
    json: String,
    tags: Vec<&'static str>,
) -> Negative {
    Negative {
        name,
        what,
        json,
        tags,
    }
}

/// Vectors the program reads and refuses to verify: the results and the seed's inputs.
fn refused() -> Vec<Negative> {
    let v = negative;
    vec![
        v(
            "changed_version",
            "version shuangsui-draw/2",
            text_edit("\"shuangsui-draw/1\"", "\"shuangsui-draw/2\""),
            vec!["version"],
        ),
        v(
            "dropped_selection",
            "the last stratum's selection removed",
            json_edit(|v| {
                if let Some(Value::Array(a)) = v.pointer_mut("/outcome/selections") {
                    a.pop();
                }
            }),
            vec!["stratum"],
        ),
        v(
            "empty_secret",
            "re-signed with an empty secret",
            resigned(|c| c.secret = HexBytes(Vec::new())),
            vec!["seed_input:secret_too_short"],
        ),
        v(
            "short_secret",
            "re-signed with a 4-byte secret",
            resigned(|c| c.secret = HexBytes(vec![1, 2, 3, 4])),
            vec!["seed_input:secret_too_short"],
        ),
        v(
            "no_outside_input",
            "re-signed without entropy and public value",
            resigned(|c| {
                c.entropy.clear();
                c.public_value = None;
            }),
            vec!["seed_input:no_outside_input"],
        ),
        v(
            "control_in_entropy",
            "re-signed with a BEL in an entropy text",
            resigned(|c| c.entropy[0].text = "春眠\u{7}不觉晓".into()),
            vec!["seed_input:bad_text"],
        ),
    ]
}

/// Re-signed vectors the refusals of §7.1 catch.
fn refused_rules() -> Vec<Negative> {
    let v = negative;
    vec![
        v(
            "team_size_1",
            "re-signed with team_size 1",
            resigned(|c| c.params.team_size = 1),
            vec!["draw:team_size"],
        ),
        v(
            "team_size_5",
            "re-signed with team_size 5",
            resigned(|c| c.params.team_size = 5),
            vec!["draw:team_size"],
        ),
        v(
            "joint_bp_20000",
            "re-signed with joint_bp 20000",
            resigned(|c| c.params.joint_bp = 20000),
            vec!["draw:joint_share"],
        ),
        v(
            "duplicate_candidate",
            "re-signed with a candidate listed twice",
            resigned(|c| c.snapshot.candidates.push(c.snapshot.candidates[0].clone())),
            vec!["draw:duplicate_candidate"],
        ),
        v(
            "duplicate_inspector",
            "re-signed with an inspector listed twice",
            resigned(|c| c.snapshot.inspectors.push(c.snapshot.inspectors[0].clone())),
            vec!["draw:duplicate_inspector"],
        ),
        v(
            "duplicate_conflict",
            "re-signed with a conflict declared twice",
            resigned(|c| c.snapshot.conflicts.push(c.snapshot.conflicts[0].clone())),
            vec!["draw:duplicate_conflict"],
        ),
        v(
            "duplicate_item",
            "re-signed with a check item listed twice",
            resigned(|c| c.params.items.push("HB-DQ-01".into())),
            vec!["draw:duplicate_item"],
        ),
        v(
            "credit_code_letter_o",
            "re-signed with a credit code holding O",
            resigned(|c| c.snapshot.candidates[6].code = "92130293MA0FQ3B1XO".into()),
            vec!["draw:bad_credit_code"],
        ),
        v(
            "credit_code_17_chars",
            "re-signed with a 17-character credit code",
            resigned(|c| c.snapshot.candidates[5].code = "91130293MA0A4PK9X".into()),
            vec!["draw:bad_credit_code"],
        ),
        v(
            "control_in_section",
            "re-signed with a control character in a section",
            resigned(|c| c.snapshot.inspectors[4].section = "执法\u{1}大队".into()),
            vec!["draw:bad_field"],
        ),
    ]
}

/// Every negative vector, in the order of the specification's list.
pub fn vectors() -> Vec<Negative> {
    let mut v = unreadable();
    v.extend(refused());
    v.extend(refused_rules());
    v
}
