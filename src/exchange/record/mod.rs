//! The draw record (抽取记录) the bureau prints for signatures: a certificate with names, the
//! people present and the timed log of the ceremony. The content is laid out once ([`Layout`])
//! and rendered as one self-contained printable HTML page (A4, inline CSS, no scripts, every
//! input text escaped) or as an XLSX workbook (a record sheet and a results sheet with one row
//! per drawn target, every cell text).
//!
//! Witness entropy is shown only as the SHA-256 of each entry, never as the text itself.

use super::doc::{self, Formats, Widths, esc, esc_lines, page_setup, put};
use crate::domain::draw::hash::to_hex;
use crate::domain::draw::{Certificate, H256, Team};
use crate::strings::Lang;
use crate::strings::record::{self as rs, Label as L, label};
use chrono::{DateTime, FixedOffset};
use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use thiserror::Error;

mod xlsx;
pub use xlsx::record_xlsx;

/// Everything the record shows besides the certificate (filled by the service layer).
pub struct RecordInput<'a> {
    pub certificate: &'a Certificate,
    /// The draw's label, e.g. `2024Q2-1`.
    pub label: &'a str,
    /// The quarter, e.g. `2024Q2`.
    pub quarter: &'a str,
    /// The heading above the title (the bureau's name); may be empty.
    pub bureau: &'a str,
    /// Credit code → enterprise name.
    pub enterprise_names: &'a HashMap<String, String>,
    /// Snapshot inspector id → name.
    pub inspector_names: &'a HashMap<String, String>,
    /// Item code and item name.
    pub item_names: &'a [(String, String)],
    /// Who was present.
    pub people: &'a [RecordPerson],
    /// The timed log of the ceremony's steps.
    pub log: &'a [RecordLogLine],
    pub sealed_at: Option<DateTime<FixedOffset>>,
    /// E.g. the leader's note when a declined confirmation was accepted.
    pub status_note: Option<&'a str>,
}

/// One person present at the draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPerson {
    pub name: String,
    pub login: String,
    /// The role, already localized.
    pub role: String,
    pub joined_at: DateTime<FixedOffset>,
    /// SHA-256 (hex) of the entropy the person entered, if any.
    pub entropy_sha256: Option<String>,
    pub confirmed_at: Option<DateTime<FixedOffset>>,
    /// The reason, when the person declined to confirm the result.
    pub declined: Option<String>,
}

/// One step of the ceremony and when it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLogLine {
    pub at: DateTime<FixedOffset>,
    pub text: String,
}

/// Why the XLSX record could not be written.
#[derive(Debug, Error)]
pub enum RecordError {
    #[error("cannot write the draw record as XLSX: {0}")]
    Xlsx(String),
}

impl From<XlsxError> for RecordError {
    fn from(e: XlsxError) -> RecordError {
        RecordError::Xlsx(e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: what the record says, in order, independent of the format.

/// A table column.
struct Column {
    title: &'static str,
    /// Codes and hashes: monospace, never wrapped at word boundaries.
    mono: bool,
}

/// A label and its value.
struct Field {
    label: &'static str,
    value: String,
    mono: bool,
}

/// One block of the record. Cell text may hold `\n` between lines.
enum Block {
    Heading(&'static str),
    Subheading(String),
    Fields(Vec<Field>),
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    Text(String),
}

/// One drawn target, for the results sheet.
struct ResultRow {
    stratum: &'static str,
    rank: usize,
    code: String,
    name: String,
    class: &'static str,
    joint: &'static str,
    lead: String,
    officers: String,
    auxiliaries: String,
}

/// The whole record: title lines, then `head`, `results` and `tail` blocks, then signatures.
struct Layout {
    bureau: String,
    title: &'static str,
    subtitle: String,
    head: Vec<Block>,
    results: Vec<Block>,
    tail: Vec<Block>,
    rows: Vec<ResultRow>,
}

fn field(l: L, value: impl Into<String>, lang: Lang) -> Field {
    Field {
        label: label(l, lang),
        value: value.into(),
        mono: false,
    }
}

fn mono(l: L, value: impl Into<String>, lang: Lang) -> Field {
    Field {
        mono: true,
        ..field(l, value, lang)
    }
}

fn cols(spec: &[(L, bool)], lang: Lang) -> Vec<Column> {
    spec.iter()
        .map(|&(l, mono)| Column {
            title: label(l, lang),
            mono,
        })
        .collect()
}

/// A table, or "none" when it has no rows.
fn table(columns: Vec<Column>, rows: Vec<Vec<String>>, lang: Lang) -> Block {
    if rows.is_empty() {
        Block::Text(label(L::NoValue, lang).to_string())
    } else {
        Block::Table { columns, rows }
    }
}

/// Names looked up from the input.
struct Names<'a> {
    input: &'a RecordInput<'a>,
    /// Login → name of the people present.
    logins: HashMap<&'a str, &'a str>,
}

impl<'a> Names<'a> {
    fn new(input: &'a RecordInput<'a>) -> Names<'a> {
        Names {
            input,
            logins: input
                .people
                .iter()
                .map(|p| (p.login.as_str(), p.name.as_str()))
                .collect(),
        }
    }

    fn enterprise(&self, code: &str) -> String {
        self.input
            .enterprise_names
            .get(code)
            .cloned()
            .unwrap_or_default()
    }

    fn inspector(&self, id: &str) -> Option<&'a str> {
        self.input.inspector_names.get(id).map(String::as_str)
    }

    fn person(&self, login: &str, lang: Lang) -> String {
        rs::person(self.logins.get(login).copied(), login, lang)
    }
}

fn layout(input: &RecordInput, lang: Lang) -> Layout {
    let names = Names::new(input);
    let (results, rows) = results(input, &names, lang);
    Layout {
        bureau: input.bureau.to_string(),
        title: label(L::Title, lang),
        subtitle: rs::subtitle(input.label, input.quarter, lang),
        head: head(input, &names, lang),
        results,
        tail: tail(input, &names, lang),
        rows,
    }
}

/// Basic information, parameters, hashes and randomness.
fn head(input: &RecordInput, names: &Names, lang: Lang) -> Vec<Block> {
    let c = input.certificate;
    let p = &c.params;
    let mut out = vec![
        Block::Heading(label(L::Basics, lang)),
        Block::Fields(vec![
            field(L::DrawLabel, input.label, lang),
            field(L::Quarter, input.quarter, lang),
            mono(L::Version, c.version.as_str(), lang),
            field(L::Mode, rs::mode(p.quota.mode(), lang), lang),
        ]),
        Block::Heading(label(L::Parameters, lang)),
        strata(input, lang),
        parameters(input, lang),
    ];
    out.extend(items(input, lang));
    out.extend(randomness(input, names, lang));
    out
}

/// Per stratum: its population and how many are drawn.
fn strata(input: &RecordInput, lang: Lang) -> Block {
    let c = input.certificate;
    let p = &c.params;
    let strata = p
        .quota
        .strata()
        .into_iter()
        .map(|(s, k)| {
            let population = c
                .outcome
                .selections
                .iter()
                .find(|x| x.stratum == s)
                .map_or_else(
                    || {
                        c.snapshot
                            .candidates
                            .iter()
                            .filter(|x| s.contains(x.group))
                            .count() as u64
                    },
                    |x| x.population,
                );
            vec![
                crate::strings::draw::stratum(s, lang).to_string(),
                population.to_string(),
                k.to_string(),
            ]
        })
        .collect();
    table(
        cols(
            &[
                (L::Stratum, false),
                (L::Population, false),
                (L::Count, false),
            ],
            lang,
        ),
        strata,
        lang,
    )
}

/// The draw's parameters as fields.
fn parameters(input: &RecordInput, lang: Lang) -> Block {
    let p = &input.certificate.params;
    let expertise: Vec<String> = p
        .item_expertise
        .iter()
        .map(|e| lang.t(e.zh(), e.en()).to_string())
        .collect();
    Block::Fields(vec![
        field(L::TeamSize, rs::persons(p.team_size, lang), lang),
        field(
            L::AuxiliariesPerTeam,
            rs::persons(p.auxiliaries, lang),
            lang,
        ),
        field(L::JointShare, rs::percent(p.joint_bp), lang),
        field(L::WorkloadCap, p.workload_cap.to_string(), lang),
        field(
            L::PreviousLead,
            rs::yes_no(p.previous_lead_may_lead, lang),
            lang,
        ),
        field(
            L::ItemExpertise,
            if expertise.is_empty() {
                label(L::NoValue, lang).to_string()
            } else {
                rs::join(&expertise, lang)
            },
            lang,
        ),
    ])
}

/// The check items drawn for, with their names.
fn items(input: &RecordInput, lang: Lang) -> Vec<Block> {
    let p = &input.certificate.params;
    let mut out = Vec::new();
    out.push(Block::Subheading(label(L::Items, lang).to_string()));
    let items = p
        .items
        .iter()
        .map(|code| {
            let name = input
                .item_names
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, n)| n.clone())
                .unwrap_or_default();
            vec![code.clone(), name]
        })
        .collect();
    out.push(table(
        cols(&[(L::ItemCode, true), (L::ItemName, false)], lang),
        items,
        lang,
    ));
    out
}

/// The hashes, the entropy entered, the public value and the seed.
fn randomness(input: &RecordInput, names: &Names, lang: Lang) -> Vec<Block> {
    let c = input.certificate;
    let mut out = Vec::new();
    out.push(Block::Heading(label(L::Randomness, lang)));
    let h = &c.hashes;
    out.push(Block::Fields(vec![
        mono(L::CandidatesHash, h.candidates.to_hex(), lang),
        mono(L::InspectorsHash, h.inspectors.to_hex(), lang),
        mono(L::ConflictsHash, h.conflicts.to_hex(), lang),
        mono(L::ParamsHash, h.params.to_hex(), lang),
        mono(L::Commitment, c.commitment.to_hex(), lang),
        mono(L::Secret, to_hex(&c.secret.0), lang),
    ]));
    out.push(Block::Subheading(label(L::Entropy, lang).to_string()));
    let entropy = c
        .entropy
        .iter()
        .map(|e| {
            vec![
                names.person(&e.witness, lang),
                H256::of(e.text.as_bytes()).to_hex(),
                rs::time(&e.at),
            ]
        })
        .collect();
    out.push(table(
        cols(
            &[
                (L::Witness, false),
                (L::Sha256, true),
                (L::EnteredAt, false),
            ],
            lang,
        ),
        entropy,
        lang,
    ));
    let none = || label(L::NoValue, lang).to_string();
    out.push(Block::Fields(vec![
        field(
            L::PublicSource,
            c.public_value
                .as_ref()
                .map_or_else(none, |v| v.source.clone()),
            lang,
        ),
        mono(
            L::PublicValue,
            c.public_value
                .as_ref()
                .map_or_else(none, |v| v.value.clone()),
            lang,
        ),
        mono(L::Seed, c.seed.to_hex(), lang),
    ]));
    out
}

/// Per stratum, the drawn targets in draw order with their teams; and the same as flat rows.
fn results(input: &RecordInput, names: &Names, lang: Lang) -> (Vec<Block>, Vec<ResultRow>) {
    let c = input.certificate;
    let teams: HashMap<&str, &Team> = c
        .outcome
        .teams
        .iter()
        .map(|t| (t.code.as_str(), t))
        .collect();
    let groups = c.snapshot.groups();
    let dash = || label(L::Missing, lang).to_string();
    let mut blocks = vec![
        Block::Heading(label(L::Results, lang)),
        Block::Text(label(L::TeamNote, lang).to_string()),
    ];
    let mut rows = Vec::new();
    for sel in &c.outcome.selections {
        blocks.push(Block::Subheading(rs::stratum_title(
            sel.stratum,
            sel.population,
            sel.targets.len(),
            lang,
        )));
        let mut table_rows = Vec::new();
        for (i, t) in sel.targets.iter().enumerate() {
            let team = teams.get(t.code.as_str()).copied();
            let class = groups
                .get(t.code.as_str())
                .map_or("", |&g| rs::class(g, lang));
            let name = names.enterprise(&t.code);
            let joint = team.map_or(label(L::Missing, lang), |tm| rs::yes_no(tm.joint, lang));
            let members = team.map_or_else(dash, |tm| members(tm, names, lang));
            table_rows.push(vec![
                (i + 1).to_string(),
                t.code.clone(),
                name.clone(),
                class.to_string(),
                joint.to_string(),
                members,
            ]);
            let list = |ids: &[String]| member_list(ids, names, lang);
            rows.push(ResultRow {
                stratum: crate::strings::draw::stratum(sel.stratum, lang),
                rank: i + 1,
                code: t.code.clone(),
                name,
                class,
                joint,
                lead: team.map_or_else(dash, |tm| {
                    rs::member(names.inspector(&tm.lead), &tm.lead, lang)
                }),
                officers: team.map_or_else(dash, |tm| list(&tm.officers)),
                auxiliaries: team.map_or_else(String::new, |tm| list(&tm.auxiliaries)),
            });
        }
        if table_rows.is_empty() {
            blocks.push(Block::Text(label(L::NothingDrawn, lang).to_string()));
        } else {
            blocks.push(Block::Table {
                columns: result_columns(lang),
                rows: table_rows,
            });
        }
    }
    (blocks, rows)
}

/// A team's members, one a line, the lead and the auxiliaries marked.
fn members(tm: &Team, names: &Names, lang: Lang) -> String {
    tm.officers
        .iter()
        .map(|id| rs::marked_member(names.inspector(id), id, *id == tm.lead, false, lang))
        .chain(
            tm.auxiliaries
                .iter()
                .map(|id| rs::marked_member(names.inspector(id), id, false, true, lang)),
        )
        .collect::<Vec<_>>()
        .join("\n")
}

/// Inspectors by name and id, joined.
fn member_list(ids: &[String], names: &Names, lang: Lang) -> String {
    let v: Vec<String> = ids
        .iter()
        .map(|id| rs::member(names.inspector(id), id, lang))
        .collect();
    rs::join(&v, lang)
}

/// The columns of a stratum's table of results.
fn result_columns(lang: Lang) -> Vec<Column> {
    cols(
        &[
            (L::Rank, false),
            (L::Code, true),
            (L::Enterprise, false),
            (L::Class, false),
            (L::Joint, false),
            (L::Team, false),
        ],
        lang,
    )
}

/// People present, the log, the status note and the record's times.
fn tail(input: &RecordInput, names: &Names, lang: Lang) -> Vec<Block> {
    let c = input.certificate;
    let people = input
        .people
        .iter()
        .map(|p| {
            let confirmed = p.confirmed_at.as_ref().map(rs::time);
            vec![
                rs::person(Some(&p.name), &p.login, lang),
                p.entropy_sha256.clone().unwrap_or_default(),
                p.role.clone(),
                rs::time(&p.joined_at),
                rs::confirmation(confirmed.as_deref(), p.declined.as_deref(), lang),
            ]
        })
        .collect();
    let log = input
        .log
        .iter()
        .map(|l| vec![rs::time(&l.at), l.text.clone()])
        .collect();
    let mut out = vec![
        Block::Heading(label(L::People, lang)),
        table(
            cols(
                &[
                    (L::Person, false),
                    (L::EntropyHash, true),
                    (L::Role, false),
                    (L::JoinedAt, false),
                    (L::Confirmation, false),
                ],
                lang,
            ),
            people,
            lang,
        ),
    ];
    if let Some(note) = input.status_note {
        out.push(Block::Fields(vec![field(L::StatusNote, note, lang)]));
    }
    out.push(Block::Heading(label(L::Log, lang)));
    out.push(table(
        cols(&[(L::Time, false), (L::Event, false)], lang),
        log,
        lang,
    ));
    let signoffs = |v: &[crate::domain::draw::Signoff]| {
        if v.is_empty() {
            return label(L::NoValue, lang).to_string();
        }
        let v: Vec<String> = v
            .iter()
            .map(|s| rs::signoff(&names.person(&s.by, lang), &rs::time(&s.at), lang))
            .collect();
        v.join("\n")
    };
    out.push(Block::Heading(label(L::Times, lang)));
    out.push(Block::Fields(vec![
        field(L::PreparedBy, names.person(&c.prepared.by, lang), lang),
        field(L::PreparedAt, rs::time(&c.prepared.at), lang),
        field(L::WitnessedBy, signoffs(&c.witnessed), lang),
        field(L::RevealedAt, rs::time(&c.revealed_at), lang),
        field(L::ConfirmedBy, signoffs(&c.confirmed), lang),
        field(
            L::SealedAt,
            input
                .sealed_at
                .as_ref()
                .map_or_else(|| label(L::NotSealed, lang).to_string(), rs::time),
            lang,
        ),
    ]));
    out
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// The record's own styles, after [`doc::BASE_CSS`].
const CSS: &str = "\
table.fields th { width: 30%; font-weight: bold; }
.signatures { margin-top: 16pt; break-inside: avoid; page-break-inside: avoid; }
.signatures p { margin: 22pt 0 0; white-space: nowrap; }
.signatures .line { display: inline-block; width: 62mm; border-bottom: 0.75pt solid #000; }
.signatures .date { display: inline-block; width: 36mm; border-bottom: 0.75pt solid #000; }
.signatures .gap { display: inline-block; width: 8mm; }
";

fn class_attr(mono: bool) -> &'static str {
    if mono { " class=\"mono\"" } else { "" }
}

fn html_block(h: &mut String, b: &Block) {
    match b {
        Block::Heading(t) => {
            h.push_str(&format!("<h2>{}</h2>\n", esc(t)));
        }
        Block::Subheading(t) => {
            h.push_str(&format!("<h3>{}</h3>\n", esc(t)));
        }
        Block::Text(t) => {
            h.push_str(&format!("<p>{}</p>\n", esc_lines(t)));
        }
        Block::Fields(fields) => {
            h.push_str("<table class=\"fields\"><tbody>\n");
            for f in fields {
                h.push_str(&format!(
                    "<tr><th scope=\"row\">{}</th><td{}>{}</td></tr>\n",
                    esc(f.label),
                    class_attr(f.mono),
                    esc_lines(&f.value)
                ));
            }
            h.push_str("</tbody></table>\n");
        }
        Block::Table { columns, rows } => {
            h.push_str("<table><thead><tr>");
            for c in columns {
                h.push_str(&format!("<th scope=\"col\">{}</th>", esc(c.title)));
            }
            h.push_str("</tr></thead><tbody>\n");
            for r in rows {
                h.push_str("<tr>");
                for (i, v) in r.iter().enumerate() {
                    let m = columns.get(i).is_some_and(|c| c.mono);
                    h.push_str(&format!("<td{}>{}</td>", class_attr(m), esc_lines(v)));
                }
                h.push_str("</tr>\n");
            }
            h.push_str("</tbody></table>\n");
        }
    }
}

/// The record as one self-contained HTML page, printable on A4.
pub fn record_html(input: &RecordInput, lang: Lang) -> String {
    let lay = layout(input, lang);
    let mut h = String::with_capacity(32 * 1024);
    doc::html_start(
        &mut h,
        lang,
        &rs::document_title(input.label, lang),
        &[doc::BASE_CSS, CSS],
    );
    h.push_str("<header>\n");
    if !lay.bureau.trim().is_empty() {
        h.push_str(&format!("<p class=\"bureau\">{}</p>\n", esc(&lay.bureau)));
    }
    h.push_str(&format!("<h1>{}</h1>\n", esc(lay.title)));
    h.push_str(&format!(
        "<p class=\"subtitle\">{}</p>\n</header>\n",
        esc(&lay.subtitle)
    ));
    for b in lay.head.iter().chain(&lay.results).chain(&lay.tail) {
        html_block(&mut h, b);
    }
    let page = super::verify_page::file_name(input.label);
    h.push_str(&format!(
        "<p class=\"verify\">{}<a href=\"{1}\">{1}</a></p>\n",
        esc(crate::strings::announce::verify_page_note(lang)),
        esc(&page)
    ));
    h.push_str("<section class=\"signatures\">\n");
    h.push_str(&format!("<h2>{}</h2>\n", esc(label(L::Signatures, lang))));
    for who in [L::OrganizerSignature, L::SupervisorSignature] {
        h.push_str(&format!(
            "<p>{}<span class=\"line\"></span><span class=\"gap\"></span>{}<span class=\"date\"></span></p>\n",
            esc(label(who, lang)),
            esc(label(L::Date, lang))
        ));
    }
    h.push_str("</section>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests;
