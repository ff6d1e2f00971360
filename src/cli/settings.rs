//! `settings` and the ratio rows shared with `plan`: default ratios (S4, S6) and the draw rules.

use super::print_table;
use anyhow::anyhow;
use clap::Subcommand;
use shuangsui::domain::quota::{Ratios, format_percent, parse_percent};
use shuangsui::domain::setting::{PlanRatio, SettingProblem};
use shuangsui::service::{Actor, Service};
use shuangsui::strings::{self, Lang, cli as s};
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

/// Sets the ratio `name` of `r` to `percent`, or says what is wrong (`plan set`).
pub fn set_ratio(r: &mut Ratios, name: &str, percent: &str, lang: Lang) -> anyhow::Result<()> {
    let say = |p: SettingProblem| anyhow!(strings::setting::problem(&p, lang));
    let which = PlanRatio::from_name(name.trim())
        .ok_or_else(|| say(SettingProblem::Unknown(name.into())))?;
    let bp = parse_percent(percent).ok_or_else(|| say(SettingProblem::Percent(percent.into())))?;
    which.set(r, bp);
    Ok(())
}

/// One row per ratio: name, meaning, value.
pub fn ratio_rows(r: &Ratios, lang: Lang) -> Vec<Vec<String>> {
    PlanRatio::ALL
        .iter()
        .map(|&p| {
            let meaning = strings::setting::ratio_meaning(p, lang);
            vec![p.name().to_string(), meaning, format_percent(p.of(r))]
        })
        .collect()
}

/// `settings show|set`: one path with the settings screen (`service::setting`).
pub fn settings_cmd(
    svc: &mut Service,
    me: &Actor,
    cmd: SettingsCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| super::human(e, None, lang);
    if let SettingsCmd::Set { name, value } = &cmd {
        svc.change_setting(me, name, value).map_err(h)?;
    }
    let rows: Vec<Vec<String>> = (svc.setting_lines(me, lang).map_err(h)?.into_iter())
        .map(|l| vec![l.setting.name().to_string(), l.meaning, l.shown])
        .collect();
    print_table(out, &s::settings_headers(lang), &rows)?;
    Ok(())
}
