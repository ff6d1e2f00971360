//! The configuration file (`--config PATH`, TOML): where the database and the server's files
//! live, the listen address, the language, timeouts, login limits and the default ratios. Every
//! key is optional; a command-line flag wins over the file, the file over the built-in default.
//! Unknown keys are refused (a typo should not be silently ignored).

use serde::Deserialize;
use shuangsui::domain::quota::{Ratios, parse_percent};
use shuangsui::strings::{Lang, cli as s};
use std::path::{Path, PathBuf};

/// Login limits.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Failed logins allowed per address and per user within the window.
    pub failed_logins: Option<usize>,
    pub failure_window_minutes: Option<u64>,
}

/// Default ratios, as percentages (`"25%"`, `"3.5"`); applied when the database has none yet.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RatioText {
    pub key: Option<String>,
    pub special: Option<String>,
    pub general: Option<String>,
    pub positive: Option<String>,
    pub internal_joint: Option<String>,
    pub classified: Option<String>,
}

/// The file as written.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SQLite database [default: `<data_dir>/shuangsui.sqlite3`, or db/shuangsui.sqlite3].
    pub database: Option<PathBuf>,
    /// The folder of the host key and the logs [default: the database's folder].
    pub data_dir: Option<PathBuf>,
    /// `ADDR:PORT` [default: 0.0.0.0:2222].
    pub listen: Option<String>,
    /// `zh` or `en` [default: zh].
    pub language: Option<String>,
    /// Sessions idle this long are logged out [default: 30].
    pub idle_minutes: Option<u64>,
    /// Plain ASCII borders for everyone [default: false].
    pub ascii: Option<bool>,
    /// Days of log files kept [default: 30].
    pub log_keep_days: Option<u32>,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub ratios: RatioText,
}

impl Config {
    /// Reads and checks the file; every problem is said in `lang`.
    pub fn load(path: &Path, lang: Lang) -> anyhow::Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!(s::config_unreadable(path, &e.to_string(), lang)))?;
        Config::parse(&text).map_err(|e| anyhow::anyhow!(s::config_invalid(path, &e, lang)))
    }

    /// Parses and checks the text.
    pub fn parse(text: &str) -> Result<Config, String> {
        let c: Config = toml::from_str(text).map_err(|e| e.to_string())?;
        if let Some(l) = &c.listen
            && l.parse::<std::net::SocketAddr>().is_err()
        {
            return Err(format!("listen = {l:?}: not ADDR:PORT"));
        }
        if let Some(l) = &c.language
            && !matches!(l.as_str(), "zh" | "en")
        {
            return Err(format!("language = {l:?}: zh or en"));
        }
        if c.idle_minutes == Some(0) || c.limits.failed_logins == Some(0) {
            return Err("idle_minutes and failed_logins must be at least 1".into());
        }
        c.ratios()?;
        Ok(c)
    }

    /// The default ratios with the file's changes, when it names any.
    pub fn ratios(&self) -> Result<Option<Ratios>, String> {
        let t = &self.ratios;
        if *t == RatioText::default() {
            return Ok(None);
        }
        let mut r = Ratios::default();
        for (name, text, slot) in [
            ("key", &t.key, &mut r.key),
            ("special", &t.special, &mut r.special),
            ("general", &t.general, &mut r.general),
            ("positive", &t.positive, &mut r.positive_offsite),
            ("internal_joint", &t.internal_joint, &mut r.internal_joint),
            ("classified", &t.classified, &mut r.classified_share),
        ] {
            if let Some(v) = text {
                *slot = parse_percent(v).ok_or_else(|| format!("ratios.{name} = {v:?}"))?;
            }
        }
        Ok(Some(r))
    }

    /// The database path: the flag, the file's, inside the data folder, or the default.
    pub fn database(&self, flag: Option<PathBuf>) -> PathBuf {
        flag.or_else(|| self.database.clone())
            .or_else(|| self.data_dir.as_ref().map(|d| d.join("shuangsui.sqlite3")))
            .unwrap_or_else(|| PathBuf::from("db/shuangsui.sqlite3"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses_and_mistakes_are_refused() {
        let c = Config::parse(
            r#"
            database = "/var/lib/shuangsui/shuangsui.sqlite3"
            listen = "0.0.0.0:2222"
            language = "zh"
            idle_minutes = 20
            log_keep_days = 60
            [limits]
            failed_logins = 8
            failure_window_minutes = 10
            [ratios]
            general = "5%"
            "#,
        )
        .unwrap();
        assert_eq!(c.idle_minutes, Some(20));
        assert_eq!(c.ratios().unwrap().unwrap().general, 500);
        assert_eq!(c.ratios().unwrap().unwrap().key, 2500);
        assert_eq!(
            c.database(None),
            PathBuf::from("/var/lib/shuangsui/shuangsui.sqlite3")
        );
        assert_eq!(c.database(Some("x.db".into())), PathBuf::from("x.db"));
        let d = Config::parse("data_dir = \"/srv/s\"").unwrap();
        assert_eq!(d.database(None), PathBuf::from("/srv/s/shuangsui.sqlite3"));
        assert!(Config::parse("").unwrap().ratios().unwrap().is_none());
        for bad in [
            "lisen = \"0.0.0.0:22\"",
            "listen = \"nowhere\"",
            "language = \"fr\"",
            "idle_minutes = 0",
            "[ratios]\nkey = \"120%\"",
            "idle_minutes = \"ten\"",
        ] {
            assert!(Config::parse(bad).is_err(), "{bad}");
        }
    }
}
