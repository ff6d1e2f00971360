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
    ];
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
    out.push(table(
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
    ));
    let expertise: Vec<String> = p
        .item_expertise
        .iter()
        .map(|e| lang.t(e.zh(), e.en()).to_string())
        .collect();
    out.push(Block::Fields(vec![
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
    ]));
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
            let members =
                team.map_or_else(dash, |tm| {
                    tm.officers
                        .iter()
                        .map(|id| {
                            rs::marked_member(names.inspector(id), id, *id == tm.lead, false, lang)
                        })
                        .chain(tm.auxiliaries.iter().map(|id| {
                            rs::marked_member(names.inspector(id), id, false, true, lang)
                        }))
                        .collect::<Vec<_>>()
                        .join("\n")
                });
            table_rows.push(vec![
                (i + 1).to_string(),
                t.code.clone(),
                name.clone(),
                class.to_string(),
                joint.to_string(),
                members,
            ]);
            let list = |ids: &[String]| {
                let v: Vec<String> = ids
                    .iter()
                    .map(|id| rs::member(names.inspector(id), id, lang))
                    .collect();
                rs::join(&v, lang)
            };
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
                columns: cols(
                    &[
                        (L::Rank, false),
                        (L::Code, true),
                        (L::Enterprise, false),
                        (L::Class, false),
                        (L::Joint, false),
                        (L::Team, false),
                    ],
                    lang,
                ),
                rows: table_rows,
            });
        }
    }
    (blocks, rows)
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

// ---------------------------------------------------------------------------------------------
// XLSX.

/// Sheet 1: everything but the per-target results, then the signature lines.
fn record_sheet(
    ws: &mut Worksheet,
    lay: &Layout,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    let mut row = 0u32;
    if !lay.bureau.trim().is_empty() {
        ws.write_string_with_format(row, 0, &lay.bureau, &f.bureau)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, lay.title, &f.title)?;
    row += 1;
    ws.write_string_with_format(row, 0, &lay.subtitle, &f.plain)?;
    row += 1;
    for b in lay.head.iter().chain(&lay.tail) {
        match b {
            Block::Heading(t) => {
                row += 1;
                ws.write_string_with_format(row, 0, *t, &f.heading)?;
                row += 1;
            }
            Block::Subheading(t) => {
                ws.write_string_with_format(row, 0, t, &f.sub)?;
                row += 1;
            }
            Block::Text(t) => {
                ws.write_string_with_format(row, 0, t, &f.plain)?;
                row += 1;
            }
            Block::Fields(fields) => {
                for fd in fields {
                    put(ws, &mut w, row, 0, fd.label, &f.label, false)?;
                    let vf = if fd.mono { &f.mono } else { &f.cell };
                    put(ws, &mut w, row, 1, &fd.value, vf, fd.mono)?;
                    row += 1;
                }
            }
            Block::Table { columns, rows } => {
                for (c, col) in columns.iter().enumerate() {
                    let c = u16::try_from(c).unwrap_or(u16::MAX);
                    put(ws, &mut w, row, c, col.title, &f.head, false)?;
                }
                row += 1;
                for r in rows {
                    for (c, v) in r.iter().enumerate() {
                        let m = columns.get(c).is_some_and(|x| x.mono);
                        let c = u16::try_from(c).unwrap_or(u16::MAX);
                        put(ws, &mut w, row, c, v, if m { &f.mono } else { &f.cell }, m)?;
                    }
                    row += 1;
                }
            }
        }
        if matches!(b, Block::Fields(_) | Block::Table { .. } | Block::Text(_)) {
            row += 1;
        }
    }
    row += 1;
    ws.write_string_with_format(row, 0, label(L::Signatures, lang), &f.heading)?;
    row += 1;
    for who in [L::OrganizerSignature, L::SupervisorSignature] {
        ws.set_row_height(row, 36)?;
        let f_label = f.sub.clone().set_align(FormatAlign::Bottom);
        put(ws, &mut w, row, 0, label(who, lang), &f_label, false)?;
        ws.write_blank(row, 1, &f.line)?;
        put(ws, &mut w, row, 2, label(L::Date, lang), &f_label, false)?;
        ws.write_blank(row, 3, &f.line)?;
        row += 1;
    }
    w.apply(ws)?;
    page_setup(ws);
    Ok(())
}

/// Sheet 2: one row per drawn target.
fn results_sheet(
    ws: &mut Worksheet,
    lay: &Layout,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    let headers = [
        (L::Stratum, false),
        (L::Rank, false),
        (L::Code, true),
        (L::Enterprise, false),
        (L::Class, false),
        (L::Joint, false),
        (L::Lead, false),
        (L::Officers, false),
        (L::Auxiliaries, false),
    ];
    for (c, &(l, _)) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        put(ws, &mut w, 0, c, label(l, lang), &f.head, false)?;
    }
    for (i, r) in lay.rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let rank = r.rank.to_string();
        let cells = [
            r.stratum,
            rank.as_str(),
            r.code.as_str(),
            r.name.as_str(),
            r.class,
            r.joint,
            r.lead.as_str(),
            r.officers.as_str(),
            r.auxiliaries.as_str(),
        ];
        for (c, v) in cells.iter().enumerate() {
            let m = headers.get(c).is_some_and(|h| h.1);
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            put(ws, &mut w, row, c, v, if m { &f.mono } else { &f.cell }, m)?;
        }
    }
    w.apply(ws)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    page_setup(ws);
    Ok(())
}

/// The record as an XLSX workbook: sheet 1 (记录) with everything but the per-target results
/// and the signature lines, sheet 2 (抽取结果) with one row per drawn target.
pub fn record_xlsx(input: &RecordInput, lang: Lang) -> Result<Vec<u8>, RecordError> {
    let lay = layout(input, lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::RecordSheet, lang))?;
        record_sheet(ws, &lay, &f, lang)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::ResultsSheet, lang))?;
        results_sheet(ws, &lay, &f, lang)?;
    }
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::{Quota, example};
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    const EVIL: &str = "<script>alert(1)</script>&\"甲'";

    fn at(hms: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2024-04-08T{hms}+08:00")).unwrap()
    }

    /// Owned data a [`RecordInput`] borrows.
    struct Fixture {
        cert: Certificate,
        enterprises: HashMap<String, String>,
        inspectors: HashMap<String, String>,
        items: Vec<(String, String)>,
        people: Vec<RecordPerson>,
        log: Vec<RecordLogLine>,
    }

    impl Fixture {
        fn new(cert: Certificate) -> Fixture {
            let first = cert.outcome.selections[0].targets[0].code.clone();
            let enterprises = cert
                .snapshot
                .candidates
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let name = if c.code == first {
                        EVIL.to_string()
                    } else {
                        format!("唐山测试企业{i}有限公司")
                    };
                    (c.code.clone(), name)
                })
                .collect();
            let inspectors = cert
                .snapshot
                .inspectors
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), format!("检查员{i}号")))
                .collect();
            let items = vec![
                ("HB-DQ-01".to_string(), "大气污染物排放检查".to_string()),
                ("HB-GF-02".to_string(), "固体废物贮存检查".to_string()),
            ];
            let person = |name: &str, login: &str, role: &str, joined: &str| RecordPerson {
                name: name.into(),
                login: login.into(),
                role: role.into(),
                joined_at: at(joined),
                entropy_sha256: cert
                    .entropy
                    .iter()
                    .find(|e| e.witness == login)
                    .map(|e| H256::of(e.text.as_bytes()).to_hex()),
                confirmed_at: None,
                declined: None,
            };
            let mut people = vec![
                person("赵明", "zhaoming", "组织人员", "09:20:00"),
                person("张伟", "zhangwei", "见证人", "09:25:12"),
                person("刘娜", "liuna", "见证人", "09:26:03"),
                person("孙丽", "sunli", "监督人员", "09:27:00"),
                person("钱峰", "qianfeng", "监督人员", "09:28:00"),
            ];
            people[3].confirmed_at = Some(at("09:40:00"));
            people[4].confirmed_at = Some(at("09:41:00"));
            people[4].declined = Some("对结果<有异议>".into());
            let log = vec![
                RecordLogLine {
                    at: at("09:20:00"),
                    text: "冻结快照，公布承诺值".into(),
                },
                RecordLogLine {
                    at: at("09:35:00"),
                    text: "揭晓密钥 & 完成抽取".into(),
                },
            ];
            Fixture {
                cert,
                enterprises,
                inspectors,
                items,
                people,
                log,
            }
        }

        fn input(&self) -> RecordInput<'_> {
            RecordInput {
                certificate: &self.cert,
                label: "2024Q2-1",
                quarter: "2024Q2",
                bureau: "唐山市生态环境局高新技术产业开发区分局",
                enterprise_names: &self.enterprises,
                inspector_names: &self.inspectors,
                item_names: &self.items,
                people: &self.people,
                log: &self.log,
                sealed_at: Some(at("10:00:00")),
                status_note: Some("组长已接受：经核实抽取过程无误"),
            }
        }
    }

    fn example() -> Fixture {
        Fixture::new(example::certificate().unwrap())
    }

    /// Every hex value the record must show.
    fn hexes(c: &Certificate) -> Vec<String> {
        let mut v: Vec<String> = c.hashes.parts().iter().map(|(_, h)| h.to_hex()).collect();
        v.push(c.commitment.to_hex());
        v.push(to_hex(&c.secret.0));
        v.push(c.seed.to_hex());
        v.extend(
            c.entropy
                .iter()
                .map(|e| H256::of(e.text.as_bytes()).to_hex()),
        );
        v
    }

    fn drawn(c: &Certificate) -> Vec<String> {
        c.outcome
            .selections
            .iter()
            .flat_map(|s| &s.targets)
            .map(|t| t.code.clone())
            .collect()
    }

    #[test]
    fn html_shows_parameters_hashes_results_people_and_signatures() {
        let fx = example();
        let c = &fx.cert;
        let html = record_html(&fx.input(), Lang::Zh);
        assert!(html.starts_with("<!DOCTYPE html>"));
        for s in [
            "<meta charset=\"utf-8\">",
            "@page { size: A4;",
            "page-break-inside: avoid",
            "随机抽取记录",
            "唐山市生态环境局高新技术产业开发区分局",
            "抽取标识：2024Q2-1　季度：2024Q2",
            "shuangsui-draw/1",
            "分类抽取",
            "35%",
            "HB-GF-02",
            "固体废物贮存检查",
            "监测",
            "03 09 14 22 27 31 + 12",
            "组织人员签字：",
            "监督人员签字：",
            "日期：",
            "组长已接受：经核实抽取过程无误",
            "不同意（2024-04-08 09:41:00）：对结果&lt;有异议&gt;",
            "已确认（2024-04-08 09:40:00）",
            "揭晓密钥 &amp; 完成抽取",
            "2024-04-08 10:00:00",
            "张伟（zhangwei）",
        ] {
            assert!(html.contains(s), "missing {s:?}");
        }
        for h in hexes(c) {
            assert!(html.contains(&h), "missing hash {h}");
        }
        // Witness entropy is shown only hashed.
        for e in &c.entropy {
            assert!(!html.contains(&e.text), "entropy text {:?} shown", e.text);
        }
        // Every drawn target with its name, in draw order; every team member with a mark.
        let mut last = 0;
        for code in drawn(c) {
            let at = html.find(&code).unwrap_or_else(|| panic!("missing {code}"));
            assert!(at > last, "{code} out of order");
            last = at;
            if fx.enterprises[&code] != EVIL {
                assert!(html.contains(&fx.enterprises[&code]));
            }
        }
        for t in &c.outcome.teams {
            let lead = format!("{}（{}，组长）", fx.inspectors[&t.lead], t.lead);
            assert!(html.contains(&lead), "missing {lead}");
            for a in &t.auxiliaries {
                let aux = format!("{}（{a}，辅助）", fx.inspectors[a]);
                assert!(html.contains(&aux), "missing {aux}");
            }
        }
        // Stratum headings carry count and population.
        assert!(html.contains("重点监管对象（快照中候选 3 家，抽中 2 家）"));
        // Input text is escaped; nothing active or external.
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;甲&#39;"));
        let lower = html.to_lowercase();
        for bad in ["<script", "src=", "href=", "url(", "@import"] {
            assert!(!lower.contains(bad), "{bad}");
        }
    }

    fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range(name).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{name}");
        range.rows().map(|r| r.to_vec()).collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            _ => "",
        }
    }

    #[test]
    fn xlsx_has_the_record_and_one_text_row_per_target() {
        let fx = example();
        let c = &fx.cert;
        let bytes = record_xlsx(&fx.input(), Lang::Zh).unwrap();
        let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(wb.sheet_names(), vec!["记录", "抽取结果"]);

        let results = sheet(&bytes, "抽取结果");
        let head: Vec<&str> = results[0].iter().map(text).collect();
        assert_eq!(
            head,
            [
                "抽取类别",
                "序号",
                "统一社会信用代码",
                "单位名称",
                "监管类别",
                "内部联合检查",
                "组长",
                "执法人员",
                "辅助检查人员"
            ]
        );
        let codes = drawn(c);
        assert_eq!(results.len() - 1, codes.len());
        for (row, code) in results[1..].iter().zip(&codes) {
            assert_eq!(row[2], Data::String(code.clone()), "codes are text");
            assert_eq!(row[1], Data::String(row[1].to_string()), "ranks are text");
            assert_eq!(text(&row[3]), fx.enterprises[code]);
            let team = c.outcome.teams.iter().find(|t| &t.code == code).unwrap();
            assert_eq!(
                text(&row[6]),
                format!("{}（{}）", fx.inspectors[&team.lead], team.lead)
            );
            assert_eq!(
                text(&row[7]).split('、').count(),
                c.params.team_size as usize
            );
        }
        assert_eq!(text(&results[1][0]), "重点监管对象");
        assert_eq!(text(&results[1][1]), "1");
        assert_eq!(text(&results[2][1]), "2");

        let record = sheet(&bytes, "记录");
        let value = |l: L| -> &str {
            let want = label(l, Lang::Zh);
            record
                .iter()
                .find(|r| text(&r[0]) == want)
                .map_or("", |r| text(&r[1]))
        };
        let h = &c.hashes;
        assert_eq!(value(L::CandidatesHash), h.candidates.to_hex());
        assert_eq!(value(L::InspectorsHash), h.inspectors.to_hex());
        assert_eq!(value(L::ConflictsHash), h.conflicts.to_hex());
        assert_eq!(value(L::ParamsHash), h.params.to_hex());
        assert_eq!(value(L::Commitment), c.commitment.to_hex());
        assert_eq!(value(L::Secret), to_hex(&c.secret.0));
        assert_eq!(value(L::Seed), c.seed.to_hex());
        assert_eq!(value(L::Version), "shuangsui-draw/1");
        assert_eq!(value(L::SealedAt), "2024-04-08 10:00:00");
        let all: Vec<&str> = record.iter().flatten().map(text).collect();
        for hx in hexes(c) {
            assert!(all.contains(&hx.as_str()), "missing {hx}");
        }
        for e in &c.entropy {
            assert!(
                !all.iter().any(|s| s.contains(&e.text)),
                "entropy text shown"
            );
        }
        for s in [
            "组织人员签字：",
            "监督人员签字：",
            "日期：",
            "HB-GF-02",
            "刘娜（liuna）",
        ] {
            assert!(all.contains(&s), "missing {s}");
        }
        // Every written cell is text, never a number.
        assert!(
            record
                .iter()
                .chain(&results)
                .flatten()
                .all(|d| matches!(d, Data::String(_) | Data::Empty))
        );
    }

    #[test]
    fn english_unclassified_record() {
        let mut p = example::params();
        p.quota = Quota::Unclassified { count: 3 };
        let cert = Certificate::issue(example::snapshot(), p, example::ceremony()).unwrap();
        let fx = Fixture::new(cert);
        let mut input = fx.input();
        input.bureau = "";
        input.status_note = None;
        input.sealed_at = None;
        let html = record_html(&input, Lang::En);
        for s in [
            "<html lang=\"en\">",
            "Random draw record",
            "Draw 2024Q2-1, quarter 2024Q2",
            "unclassified",
            "all (unclassified) (8 candidates in the snapshot, 3 drawn)",
            "Organizer&#39;s signature:",
            "Supervisor&#39;s signature:",
            "Date:",
            "not sealed",
            "declined (2024-04-08 09:41:00): 对结果&lt;有异议&gt;",
            ", lead)",
        ] {
            assert!(html.contains(s), "missing {s:?}");
        }
        assert!(!html.contains("class=\"bureau\""));
        assert!(!html.contains("签字"), "no Chinese labels");
        for code in drawn(&fx.cert) {
            assert!(html.contains(&code));
        }
        let bytes = record_xlsx(&input, Lang::En).unwrap();
        let results = sheet(&bytes, "Results");
        assert_eq!(results.len(), 4);
        assert_eq!(text(&results[0][2]), "Credit code");
        let record = sheet(&bytes, "Record");
        assert_eq!(text(&record[0][0]), "Random draw record");
    }
}
