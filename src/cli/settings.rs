//! `settings` and the ratio rows shared with `plan`: default ratios (S4, S6) and the draw rules.

use super::print_table;
use anyhow::anyhow;
use clap::Subcommand;
use shuangsui::domain::evidence::{EvidenceLimits, FileKind};
use shuangsui::domain::fields::{Raw, yes_no};
use shuangsui::domain::quota::{Group, Ratios, format_percent, parse_percent};
use shuangsui::exchange::inbox::FileLimits;
use shuangsui::service::{Actor, DrawRules, Service};
use shuangsui::strings::{Lang, cli as s, evidence as ev, sftp};
use std::io::Write;

#[derive(Subcommand)]
pub enum SettingsCmd {
    /// Show the settings
    Show,
    /// Set one: a ratio (key, special, general, positive, internal-joint, classified) as a
    /// percentage; repeat-window in days (N4, 0 = off); previous-lead-may-lead yes or no;
    /// bureau-name (printed on draw records); backup-dir (the daily backup's folder, off for
    /// none), backup-keep-days (0 keeps all), backup-hour (0-23, Beijing time); upload-max-mb
    /// (largest file uploaded over SFTP), inbox-max-files (files a user's inbox holds);
    /// evidence-max-mb (largest evidence file), evidence-types (e.g. pdf,jpg,png,xlsx,docx)
    Set { name: String, value: String },
}

/// The names of the ratios, as typed on the command line.
pub const RATIO_NAMES: [&str; 6] = [
    "key",
    "special",
    "general",
    "positive",
    "internal-joint",
    "classified",
];

/// The ratio a name stands for.
pub fn ratio_slot<'a>(r: &'a mut Ratios, name: &str) -> Option<&'a mut u32> {
    Some(match name {
        "key" => &mut r.key,
        "special" => &mut r.special,
        "general" => &mut r.general,
        "positive" => &mut r.positive_offsite,
        "internal-joint" => &mut r.internal_joint,
        "classified" => &mut r.classified_share,
        _ => return None,
    })
}

/// Sets the ratio `name` to `percent`, or says what is wrong.
pub fn set_ratio(r: &mut Ratios, name: &str, percent: &str, lang: Lang) -> anyhow::Result<()> {
    let bp = parse_percent(percent).ok_or_else(|| anyhow!(s::bad_percent(percent, lang)))?;
    let slot = ratio_slot(r, name).ok_or_else(|| anyhow!(s::bad_setting(name, lang)))?;
    *slot = bp;
    Ok(())
}

/// One row per ratio: name, meaning, value.
pub fn ratio_rows(r: &Ratios, lang: Lang) -> Vec<Vec<String>> {
    let meaning = |name: &str| match name {
        "key" => s::group_label(Group::Key, lang),
        "special" => s::group_label(Group::Special, lang),
        "general" => s::group_label(Group::General, lang),
        "positive" => s::group_label(Group::PositiveList, lang),
        "internal-joint" => s::internal_joint(lang).into(),
        _ => s::classified_share(lang).into(),
    };
    let mut r = *r;
    RATIO_NAMES
        .iter()
        .map(|&n| {
            let v = ratio_slot(&mut r, n).map_or(0, |v| *v);
            vec![n.to_string(), meaning(n), format_percent(v)]
        })
        .collect()
}

pub fn settings_cmd(
    svc: &mut Service,
    me: &Actor,
    cmd: SettingsCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| super::human(e, None, lang);
    let mut r = svc.ratios().map_err(h)?;
    let mut rules = svc.draw_rules().map_err(h)?;
    if let SettingsCmd::Set { name, value } = &cmd {
        set(svc, me, name, value, (&mut r, &mut rules), lang)?;
    }
    let rows = setting_rows(svc, &r, &rules, lang)?;
    print_table(out, &s::settings_headers(lang), &rows)?;
    Ok(())
}

/// `settings set NAME VALUE`: checks the value and stores the setting it names (a ratio when
/// no other setting has that name). The ratios and draw rules shown after are kept up to date.
fn set(
    svc: &mut Service,
    me: &Actor,
    name: &str,
    value: &str,
    (r, rules): (&mut Ratios, &mut DrawRules),
    lang: Lang,
) -> anyhow::Result<()> {
    let h = |e| super::human(e, None, lang);
    match name {
        "repeat-window" => {
            rules.repeat_window_days = value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= 3660)
                .ok_or_else(|| anyhow!(s::bad_days(value, lang)))?;
            svc.set_draw_rules(me, *rules).map_err(h)?;
        }
        "bureau-name" => svc.set_bureau_name(me, value).map_err(h)?,
        n @ ("upload-max-mb" | "inbox-max-files") => {
            let mut l = svc.file_limits().map_err(h)?;
            let (slot, max) = if n == "upload-max-mb" {
                (&mut l.max_file_mb, FileLimits::MAX_FILE_MB)
            } else {
                (&mut l.max_files, FileLimits::MAX_FILES)
            };
            *slot = value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|v| (1..=max).contains(v))
                .ok_or_else(|| anyhow!(sftp::bad_limit(value, max, lang)))?;
            svc.set_file_limits(me, l).map_err(h)?;
        }
        "evidence-max-mb" | "evidence-types" => {
            let mut l = svc.evidence_limits().map_err(h)?;
            set_evidence_limit(&mut l, name, value, lang)?;
            svc.set_evidence_limits(me, l).map_err(h)?;
        }
        n if super::backup::SETTING_NAMES.contains(&n) => {
            let mut b = svc.backup_schedule().map_err(h)?;
            super::backup::set_schedule(&mut b, n, value, lang)?;
            svc.set_backup_schedule(me, &b).map_err(h)?;
        }
        "previous-lead-may-lead" => {
            rules.previous_lead_may_lead = yes_no(&Raw::Text(value))
                .ok()
                .flatten()
                .ok_or_else(|| anyhow!(s::bad_yes_no(value, lang)))?;
            svc.set_draw_rules(me, *rules).map_err(h)?;
        }
        _ => {
            set_ratio(r, name, value, lang)?;
            svc.set_ratios(me, *r).map_err(h)?;
        }
    }
    Ok(())
}

/// Every setting with its meaning and value, as `settings` shows them.
fn setting_rows(
    svc: &mut Service,
    r: &Ratios,
    rules: &DrawRules,
    lang: Lang,
) -> anyhow::Result<Vec<Vec<String>>> {
    let h = |e| super::human(e, None, lang);
    let mut rows = ratio_rows(r, lang);
    rows.extend(rule_rows(rules, lang));
    rows.push(vec![
        "bureau-name".into(),
        s::bureau_name(lang).into(),
        svc.bureau_name().map_err(h)?,
    ]);
    rows.extend(super::backup::schedule_rows(
        &svc.backup_schedule().map_err(h)?,
        lang,
    ));
    let l = svc.file_limits().map_err(h)?;
    rows.push(vec![
        "upload-max-mb".into(),
        sftp::max_file_label(lang).into(),
        l.max_file_mb.to_string(),
    ]);
    rows.push(vec![
        "inbox-max-files".into(),
        sftp::max_files_label(lang).into(),
        l.max_files.to_string(),
    ]);
    let e = svc.evidence_limits().map_err(h)?;
    rows.push(vec![
        "evidence-max-mb".into(),
        ev::max_mb_label(lang).into(),
        e.max_mb.to_string(),
    ]);
    rows.push(vec![
        "evidence-types".into(),
        ev::types_label(lang).into(),
        e.kinds
            .iter()
            .map(|k| k.code())
            .collect::<Vec<_>>()
            .join(","),
    ]);
    Ok(rows)
}

/// Sets `evidence-max-mb` or `evidence-types` from the text typed.
fn set_evidence_limit(
    l: &mut EvidenceLimits,
    name: &str,
    value: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    if name == "evidence-max-mb" {
        l.max_mb = value
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (1..=EvidenceLimits::MAX_MB).contains(v))
            .ok_or_else(|| anyhow!(sftp::bad_limit(value, EvidenceLimits::MAX_MB, lang)))?;
        return Ok(());
    }
    let kinds: Option<Vec<FileKind>> = value
        .split([',', ' '])
        .filter(|x| !x.is_empty())
        .map(|x| FileKind::of_name(&format!(".{}", x.trim().to_ascii_lowercase())))
        .collect();
    l.kinds = kinds
        .filter(|k| !k.is_empty())
        .ok_or_else(|| anyhow!(ev::bad_types(value, lang)))?;
    Ok(())
}

fn rule_rows(r: &DrawRules, lang: Lang) -> Vec<Vec<String>> {
    vec![
        vec![
            "repeat-window".into(),
            s::repeat_window(lang).into(),
            s::days(r.repeat_window_days, lang),
        ],
        vec![
            "previous-lead-may-lead".into(),
            s::previous_lead_may_lead(lang).into(),
            s::yes_no(r.previous_lead_may_lead, lang).into(),
        ],
    ]
}
