//! `plan` and `draw` commands: a quarter's plan, and a whole draw for scripted use.

use super::settings::{ratio_rows, set_ratio};
use super::{human, parse_quarter, print_table};
use anyhow::{Context, anyhow};
use clap::{Args, Subcommand};
use shuangsui::domain::figures::class_share_bp;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::quota::format_percent;
use shuangsui::service::{Actor, PreparationNotes, Service};
use shuangsui::strings::{self, Lang, cli as s, draw as ds};
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PlanCmd {
    /// Show a quarter's plan: per class population, required, drawn, inspected, remaining
    Show {
        /// Quarter, e.g. 2024Q2
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
    },
    /// Set one of the quarter's own ratios (key, special, general, positive, internal-joint,
    /// classified) as a percentage; the quarter starts from the default settings
    Set {
        /// Quarter, e.g. 2024Q2
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        name: String,
        percent: String,
    },
}

#[derive(Subcommand)]
pub enum DrawCmd {
    /// Prepare a draw: freeze the snapshot, check it, show its hashes and the commitment
    Prepare(DrawPrepare),
    /// Add a witness's random text, read from standard input (never echoed)
    AddEntropy {
        draw_id: i64,
        /// The witness's name
        #[arg(long)]
        witness: String,
    },
    /// Record the public random value of the source named at prepare
    PublicValue {
        draw_id: i64,
        #[arg(long)]
        value: String,
    },
    /// Write the announcement of a prepared draw before its reveal (commitment, hashes, counts,
    /// public source) as JSON and HTML into DIR, for the portal; recorded in the audit trail
    Announce {
        draw_id: i64,
        /// The folder to write into
        #[arg(long)]
        out: PathBuf,
        /// When the public value will be known, e.g. "2024-04-07 21:30"
        #[arg(long)]
        known: Option<String>,
    },
    /// Reveal the secret, derive the seed, run the draw and store its certificate
    Reveal { draw_id: i64 },
    /// Record a witness's confirmation of the revealed result (the draw is sealed once every
    /// witness who added entropy has confirmed); in the draw room each witness confirms
    /// with their own account
    Confirm {
        draw_id: i64,
        #[arg(long)]
        witness: String,
    },
    /// Record a witness's refusal to confirm, with the reason: the draw waits for a leader's
    /// decision in the draw room
    Decline {
        draw_id: i64,
        #[arg(long)]
        witness: String,
        #[arg(long)]
        reason: String,
    },
    /// Cancel a draw not yet revealed, with the reason (leaders decide revealed ones in the room)
    Cancel {
        draw_id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Release a sealed draw's assignments to the inspectors drawn
    Release { draw_id: i64 },
    /// Add a note to a draw before its reveal, or once sealed or cancelled (nothing else about
    /// a sealed draw can change)
    Annotate {
        draw_id: i64,
        #[arg(long)]
        note: String,
    },
    /// Write the draw record (抽取记录) for printing and signatures: FILE.html or FILE.xlsx
    Record { draw_id: i64, file: PathBuf },
    /// Show one draw
    Show { draw_id: i64 },
    /// List draws
    List,
    /// Write a revealed draw's certificate as JSON
    ExportCertificate { draw_id: i64, file: PathBuf },
    /// Recompute a certificate from the file alone: VALID (exit 0) or every difference (exit 1)
    Verify { file: PathBuf },
    /// Write the public verification page of a certificate: one HTML file that recomputes it
    /// in any browser, offline
    VerifyPage {
        file: PathBuf,
        out: PathBuf,
        /// The announcement made before the reveal (JSON), checked against the certificate
        #[arg(long)]
        announcement: Option<PathBuf>,
    },
}

#[derive(Args)]
pub struct DrawPrepare {
    /// Quarter, e.g. 2024Q2
    #[arg(long, value_parser = parse_quarter)]
    quarter: Quarter,
    /// Check-item codes, comma separated
    #[arg(long, value_delimiter = ',')]
    items: Vec<String>,
    /// Key targets to draw [default: the plan's remaining]
    #[arg(long)]
    key: Option<u32>,
    /// Special targets to draw [default: the plan's remaining]
    #[arg(long)]
    special: Option<u32>,
    /// General targets to draw [default: the plan's remaining]
    #[arg(long)]
    general: Option<u32>,
    /// Draw this many over the whole registry instead (unclassified)
    #[arg(long, conflicts_with_all = ["key", "special", "general"])]
    unclassified: Option<u32>,
    /// Officers per team (2–4)
    #[arg(long, default_value_t = 2)]
    team_size: u32,
    /// Auxiliary inspectors per team (0–2)
    #[arg(long, default_value_t = 0)]
    auxiliaries: u32,
    /// Most teams one person joins in this draw
    #[arg(long, default_value_t = 10)]
    cap: u32,
    /// Public random value source named in advance (e.g. a lottery of a stated date)
    #[arg(long)]
    public_source: Option<String>,
    /// Witnesses needed at reveal when no public value is given
    #[arg(long, default_value_t = 1)]
    witnesses: u32,
    /// For a quarter that has ended: why the draw is still needed (recorded in the audit trail
    /// and printed on the draw record); needs --leader
    #[arg(long, requires = "leader")]
    late_reason: Option<String>,
    /// The leader (an account with the leader role) who allows a draw for an ended quarter
    #[arg(long, requires = "late_reason")]
    leader: Option<String>,
}

pub fn plan_cmd(
    svc: &mut Service,
    me: &Actor,
    cmd: PlanCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let quarter = match cmd {
        PlanCmd::Show { quarter } => quarter,
        PlanCmd::Set {
            quarter,
            name,
            percent,
        } => {
            let (mut r, _) = svc.plan_ratios(quarter).map_err(h)?;
            set_ratio(&mut r, &name, &percent, lang)?;
            svc.set_plan_ratios(me, quarter, r).map_err(h)?;
            quarter
        }
    };
    let plan = svc.plan(me, quarter).map_err(h)?;
    let (ratios, own) = svc.plan_ratios(quarter).map_err(h)?;
    writeln!(out, "{}", ds::plan_title(quarter, lang))?;
    let rows = plan
        .iter()
        .map(|l| {
            vec![
                strings::group(l.group, lang).to_string(),
                l.population.to_string(),
                format_percent(l.ratio_bp),
                l.required.to_string(),
                l.drawn.to_string(),
                l.inspected.to_string(),
                format_percent(class_share_bp(l)),
                l.non_random.to_string(),
                l.remaining.to_string(),
            ]
        })
        .collect::<Vec<_>>();
    print_table(out, &ds::plan_headers(lang), &rows)?;
    writeln!(out)?;
    writeln!(out, "{}", ds::plan_ratio_source(own, lang))?;
    print_table(out, &s::settings_headers(lang), &ratio_rows(&ratios, lang))?;
    Ok(())
}

/// `draw verify`: from the file alone, no database.
pub fn verify_file(file: &std::path::Path, lang: Lang) -> anyhow::Result<()> {
    use shuangsui::domain::draw::{Certificate, verify};
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow!(ds::unreadable_certificate(file, &e, lang)))?;
    let cert = Certificate::from_json(&text)
        .map_err(|e| anyhow!(ds::unreadable_certificate(file, &e, lang)))?;
    let out = &mut std::io::stdout().lock();
    match verify(&cert) {
        Ok(()) => {
            writeln!(out, "VALID")?;
            Ok(())
        }
        Err(ms) => {
            for m in &ms {
                writeln!(out, "{}", ds::mismatch(m, lang))?;
            }
            Err(anyhow!(ds::invalid_certificate(ms.len(), lang)))
        }
    }
}

/// `draw verify-page`: from the files alone, no database. The page is written for any JSON
/// (it shows why a certificate does not verify); the program's own verdict is printed too.
pub fn verify_page_file(
    file: &std::path::Path,
    out_file: &std::path::Path,
    announcement: Option<&std::path::Path>,
    lang: Lang,
) -> anyhow::Result<()> {
    use shuangsui::domain::draw::{Certificate, verify};
    use shuangsui::exchange::verify_page;
    let read = |p: &std::path::Path| {
        std::fs::read_to_string(p).map_err(|e| anyhow!(ds::unreadable_certificate(p, &e, lang)))
    };
    let text = read(file)?;
    let ann = announcement.map(read).transpose()?;
    let html = verify_page::page(&text, ann.as_deref())
        .map_err(|e| anyhow!(ds::unreadable_certificate(file, &e, lang)))?;
    std::fs::write(out_file, html).with_context(|| s::cannot_open(out_file, lang))?;
    let valid = Certificate::from_json(&text).is_ok_and(|c| verify(&c).is_ok());
    writeln!(
        std::io::stdout().lock(),
        "{}",
        ds::page_written(out_file, valid, lang)
    )?;
    Ok(())
}

pub fn draw_cmd(
    svc: &mut Service,
    me: &Actor,
    cmd: DrawCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    match cmd {
        DrawCmd::Prepare(a) => prepare(svc, me, a, lang, out)?,
        DrawCmd::AddEntropy { draw_id, witness } => {
            let line = read_entropy(lang)?;
            let text = line.as_str();
            let hash = svc.add_entropy(me, draw_id, &witness, text).map_err(h)?;
            writeln!(out, "{}", ds::entropy_added(draw_id, &hash, lang))?;
        }
        DrawCmd::PublicValue { draw_id, value } => {
            svc.set_public_value(me, draw_id, &value).map_err(h)?;
            writeln!(out, "{}", ds::public_value_set(draw_id, lang))?;
        }
        DrawCmd::Reveal { draw_id } => reveal(svc, me, draw_id, lang, out)?,
        DrawCmd::Confirm { draw_id, witness } => {
            svc.confirm_draw(me, draw_id, Some(&witness)).map_err(h)?;
            answered(svc, me, draw_id, &witness, lang, out)?;
        }
        DrawCmd::Decline {
            draw_id,
            witness,
            reason,
        } => {
            svc.decline_draw(me, draw_id, &reason, Some(&witness))
                .map_err(h)?;
            answered(svc, me, draw_id, &witness, lang, out)?;
        }
        DrawCmd::Cancel { draw_id, reason } => {
            svc.cancel_draw(me, draw_id, &reason).map_err(h)?;
            done(svc, me, draw_id, "cancelled", lang, out)?;
        }
        DrawCmd::Release { draw_id } => {
            svc.release_draw(me, draw_id).map_err(h)?;
            done(svc, me, draw_id, "released", lang, out)?;
        }
        DrawCmd::Annotate { draw_id, note } => {
            svc.annotate_draw(me, draw_id, &note).map_err(h)?;
            done(svc, me, draw_id, "annotated", lang, out)?;
        }
        DrawCmd::Record { draw_id, file } => write_record(svc, me, draw_id, &file, lang, out)?,
        DrawCmd::Show { draw_id } => show(svc, me, draw_id, lang, out)?,
        DrawCmd::List => list(svc, me, lang, out)?,
        DrawCmd::ExportCertificate { draw_id, file } => {
            let json = svc.draw_certificate(me, draw_id).map_err(h)?;
            std::fs::write(&file, json.as_bytes()).with_context(|| s::cannot_open(&file, lang))?;
            let draw = label(svc, me, draw_id);
            writeln!(out, "{}", ds::exported(&draw, false, &file, lang))?;
        }
        DrawCmd::Announce {
            draw_id,
            out: dir,
            known,
        } => announce(svc, me, draw_id, &dir, known.as_deref(), lang, out)?,
        DrawCmd::Verify { file } => verify_file(&file, lang)?,
        DrawCmd::VerifyPage {
            file,
            out: page,
            announcement,
        } => verify_page_file(&file, &page, announcement.as_deref(), lang)?,
    }
    Ok(())
}

/// What was done to a draw, named by its label.
fn done(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    what: &str,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    writeln!(out, "{}", ds::done(&label(svc, me, draw_id), what, lang))?;
    Ok(())
}

/// A witness's answer was recorded: the draw's status now.
fn answered(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    witness: &str,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let d = svc
        .draw_summary(me, draw_id)
        .map_err(|e| human(e, None, lang))?;
    let status = ds::status_label(&d.status, lang);
    writeln!(out, "{}", ds::answered(&d.label, witness, &status, lang))?;
    Ok(())
}

/// A draw's label as users know it (`2024Q2-1`), or its number when it cannot be read.
fn label(svc: &mut Service, me: &Actor, id: i64) -> String {
    svc.draw_summary(me, id)
        .map_or_else(|_| id.to_string(), |d| d.label)
}

/// `draw prepare`: the request from the arguments, and what the preparation found.
fn prepare(
    svc: &mut Service,
    me: &Actor,
    a: DrawPrepare,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    use shuangsui::domain::draw::Quota;
    use shuangsui::service::DrawRequest;
    let h = |e| human(e, None, lang);
    let quota = match (a.unclassified, a.key, a.special, a.general) {
        (Some(count), None, None, None) => Some(Quota::Unclassified { count }),
        (None, None, None, None) => None,
        (None, Some(key), Some(special), Some(general)) => Some(Quota::Classified {
            key,
            special,
            general,
        }),
        _ => return Err(anyhow!(ds::bad_quota(lang))),
    };
    let mut req = DrawRequest::new(a.quarter);
    req.items = a
        .items
        .into_iter()
        .filter(|i| !i.trim().is_empty())
        .collect();
    req.quota = quota;
    req.team_size = a.team_size;
    req.auxiliaries = a.auxiliaries;
    req.workload_cap = a.cap;
    req.public_source = a.public_source;
    req.min_witnesses = a.witnesses;
    req.late = a
        .late_reason
        .map(|reason| shuangsui::service::LateOverride {
            leader: a.leader,
            reason,
        });
    let p = svc.prepare_draw(me, &req).map_err(h)?;
    writeln!(out, "{}", ds::prepared(p.id, &p.check.label, lang))?;
    let (lines, cut) = p.check.lines(lang);
    for l in lines {
        writeln!(out, "{l}")?;
    }
    if cut {
        writeln!(out, "{}", ds::full_lists(p.id, lang))?;
    }
    for l in p.hash_lines(lang) {
        writeln!(out, "{l}")?;
    }
    Ok(())
}

/// A witness's random text from standard input, not echoed on a terminal; refused when empty.
fn read_entropy(lang: Lang) -> anyhow::Result<String> {
    let tty = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let stty = |arg: &str| {
        // Best effort: without `stty` the text is still never printed by us.
        let _ = std::process::Command::new("stty")
            .arg(arg)
            .stdin(std::process::Stdio::inherit())
            .status();
    };
    if tty {
        eprintln!("{}", ds::entropy_prompt(lang));
        stty("-echo");
    }
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    if tty {
        stty("echo");
        eprintln!();
    }
    read?;
    let text = line.trim_end_matches(['\r', '\n']);
    if text.is_empty() {
        return Err(anyhow!(ds::no_entropy(lang)));
    }
    Ok(text.to_string())
}

fn reveal(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let cert = svc.reveal_draw(me, draw_id).map_err(h)?;
    // Thousands of lines (every target and team): written in blocks, not one call a line.
    let out = &mut std::io::BufWriter::new(out);
    writeln!(out, "{}", ds::revealed(draw_id, &cert.params.draw, lang))?;
    writeln!(
        out,
        "{}",
        ds::hash_line(
            "secret",
            &shuangsui::domain::draw::hash::to_hex(&cert.secret.0),
            lang
        )
    )?;
    writeln!(out, "{}", ds::hash_line("seed", &cert.seed.to_hex(), lang))?;
    print_outcome(svc, me, &cert, lang, out)?;
    out.flush()?;
    Ok(())
}

/// `draw record`: the record in the format the file's extension names, with the
/// verification page beside an HTML one.
fn write_record(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    file: &std::path::Path,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let files = svc.draw_record(me, draw_id, lang).map_err(h)?;
    let page = |n: &str| n.ends_with("-verify.html");
    let Some((_, bytes)) = files
        .iter()
        .find(|(n, _)| n.ends_with(&format!(".{ext}")) && !page(n))
    else {
        return Err(anyhow!(ds::record_extension(file, lang)));
    };
    std::fs::write(file, bytes).with_context(|| s::cannot_open(file, lang))?;
    // The verification page the HTML record links to, beside it.
    if let Some((name, bytes)) = files.iter().find(|(n, _)| page(n) && ext == "html") {
        let p = file.with_file_name(name);
        std::fs::write(&p, bytes).with_context(|| s::cannot_open(&p, lang))?;
    }
    let draw = label(svc, me, draw_id);
    writeln!(out, "{}", ds::exported(&draw, true, file, lang))?;
    Ok(())
}

fn show(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let d = svc.draw_summary(me, draw_id).map_err(h)?;
    let f = |n: &str, v: &str| ds::show_field(n, v, lang);
    writeln!(out, "{}", f("id", &d.id.to_string()))?;
    writeln!(out, "{}", f("label", &d.label))?;
    writeln!(out, "{}", f("quarter", &d.quarter))?;
    writeln!(out, "{}", f("status", &ds::status_label(&d.status, lang)))?;
    writeln!(
        out,
        "{}",
        f(
            "prepared",
            &format!(
                "{} {}",
                strings::audit::actor(&d.prepared_by, lang),
                d.prepared_at
            )
        )
    )?;
    writeln!(out, "{}", ds::hash_line("commitment", &d.commitment, lang))?;
    if let Some(src) = &d.public_source {
        writeln!(out, "{}", f("public_source", src))?;
        writeln!(
            out,
            "{}",
            f("public_value", d.public_value.as_deref().unwrap_or("-"))
        )?;
    }
    writeln!(out, "{}", f("min_witnesses", &d.min_witnesses.to_string()))?;
    let notes = svc.draw_preparation_notes(me, draw_id).map_err(h)?;
    write_notes(out, &notes, lang)?;
    for (w, hash) in &d.entropy {
        writeln!(out, "{}", f("entropy", &format!("{w} {hash}")))?;
    }
    if let Some(r) = &d.revealed_at {
        writeln!(out, "{}", f("revealed", r))?;
    }
    if let Some(r) = &d.sealed_at {
        writeln!(out, "{}", f("sealed", r))?;
    }
    if let Some(r) = &d.released_at {
        writeln!(out, "{}", f("released", r))?;
    }
    if let Some(n) = &d.decision_note {
        writeln!(out, "{}", f("decision", n))?;
    }
    if let Some(c) = &d.certificate {
        writeln!(out, "{}", ds::hash_line("seed", &c.seed.to_hex(), lang))?;
        print_outcome(svc, me, c, lang, out)?;
    } else if let Some(p) = &d.params {
        for (st, k) in p.quota.strata() {
            writeln!(out, "{}", ds::quota_line(st, k, lang))?;
        }
    }
    Ok(())
}

fn list(svc: &mut Service, me: &Actor, lang: Lang, out: &mut impl Write) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let rows = svc
        .draw_list(me)
        .map_err(h)?
        .into_iter()
        .map(|d| {
            vec![
                d.id.to_string(),
                d.quarter,
                d.label,
                ds::status_label(&d.status, lang),
                d.entropy.len().to_string(),
                strings::audit::actor(&d.prepared_by, lang),
                d.prepared_at,
                d.revealed_at.unwrap_or_default(),
            ]
        })
        .collect::<Vec<_>>();
    print_table(out, &ds::list_headers(lang), &rows)?;
    Ok(())
}

/// `draw announce`: the announcement's files written into `dir`.
fn announce(
    svc: &mut Service,
    me: &Actor,
    draw_id: i64,
    dir: &std::path::Path,
    known: Option<&str>,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let files = svc.draw_announcement(me, draw_id, known, lang).map_err(h)?;
    std::fs::create_dir_all(dir).with_context(|| s::cannot_open(dir, lang))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let p = dir.join(name);
        std::fs::write(&p, bytes).with_context(|| s::cannot_open(&p, lang))?;
        written.push(p.display().to_string());
    }
    writeln!(
        out,
        "{}",
        strings::announce::written(draw_id, &written, lang)
    )?;
    Ok(())
}

/// Targets per stratum and teams, with names.
fn print_outcome(
    svc: &mut Service,
    me: &Actor,
    cert: &shuangsui::domain::draw::Certificate,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let names = svc
        .draw_names_of(me, cert)
        .map_err(|e| human(e, None, lang))?;
    let ent = |c: &str| names.enterprises.get(c).cloned().unwrap_or_default();
    let person = |id: &str| {
        names
            .inspectors
            .get(id)
            .map_or_else(|| id.to_string(), |n| format!("{n}({id})"))
    };
    for sel in &cert.outcome.selections {
        writeln!(
            out,
            "{}",
            ds::targets_title(sel.stratum, sel.population, sel.targets.len(), lang)
        )?;
        for t in &sel.targets {
            writeln!(out, "  {}  {}", t.code, strings::display(&ent(&t.code)))?;
        }
    }
    let rows = cert
        .outcome
        .teams
        .iter()
        .map(|t| {
            vec![
                t.code.clone(),
                ent(&t.code),
                s::yes_no(t.joint, lang).to_string(),
                person(&t.lead),
                t.officers
                    .iter()
                    .map(|o| person(o))
                    .collect::<Vec<_>>()
                    .join("、"),
                t.auxiliaries
                    .iter()
                    .map(|o| person(o))
                    .collect::<Vec<_>>()
                    .join("、"),
            ]
        })
        .collect::<Vec<_>>();
    print_table(out, &ds::team_headers(lang), &rows)?;
    Ok(())
}

/// Who the preparation left out (N4) and who is suspended, in full (`draw show`).
fn write_notes(out: &mut dyn Write, notes: &PreparationNotes, lang: Lang) -> anyhow::Result<()> {
    for l in notes.lines(None, lang).0 {
        writeln!(out, "{l}")?;
    }
    Ok(())
}
