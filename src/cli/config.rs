//! The configuration file (`--config PATH`, TOML): where the database and the server's files
//! live, the listen address, the language, timeouts, login limits and the default ratios. Every
//! key is optional; a command-line flag wins over the file, the file over the built-in default.
//! Unknown keys are refused (a typo should not be silently ignored).

use serde::Deserialize;
use shuangsui::domain::quota::{Ratios, parse_percent};
use shuangsui::ssh::DoorLimits;
use shuangsui::strings::{Lang, cli as s};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Login limits.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Failed logins allowed per address and per user within the window.
    pub failed_logins: Option<usize>,
    pub failure_window_minutes: Option<u64>,
    /// A connection not logged in by then is closed [default: 60].
    pub login_grace_seconds: Option<u64>,
    /// Connections not logged in yet, in total [default: 64].
    pub max_unauthenticated: Option<usize>,
    /// Connections not logged in yet, from one address [default: 10].
    pub max_unauthenticated_per_address: Option<usize>,
}

/// The SSH protocol.
#[derive(Debug, Clone, Deserialize, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SshSection {
    /// Also offer RSA/ECDSA host keys, NIST ECDH and AES-128-GCM for older clients
    /// [default: false].
    pub legacy_algorithms: Option<bool>,
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
    pub ssh: SshSection,
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
        let l = &c.limits;
        for (name, zero) in [
            ("idle_minutes", c.idle_minutes == Some(0)),
            ("failed_logins", l.failed_logins == Some(0)),
            ("login_grace_seconds", l.login_grace_seconds == Some(0)),
            ("max_unauthenticated", l.max_unauthenticated == Some(0)),
            (
                "max_unauthenticated_per_address",
                l.max_unauthenticated_per_address == Some(0),
            ),
        ] {
            if zero {
                return Err(format!("{name} must be at least 1"));
            }
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

    /// The door's limits: the file's, or the defaults.
    pub fn door(&self) -> DoorLimits {
        let d = DoorLimits::default();
        let l = &self.limits;
        DoorLimits {
            login_grace: l
                .login_grace_seconds
                .map(Duration::from_secs)
                .unwrap_or(d.login_grace),
            max_unauthenticated: l.max_unauthenticated.unwrap_or(d.max_unauthenticated),
            max_unauthenticated_per_address: l
                .max_unauthenticated_per_address
                .unwrap_or(d.max_unauthenticated_per_address),
        }
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
            login_grace_seconds = 30
            max_unauthenticated = 100
            max_unauthenticated_per_address = 5
            [ssh]
            legacy_algorithms = true
            [ratios]
            general = "5%"
            "#,
        )
        .unwrap();
        assert_eq!(c.idle_minutes, Some(20));
        assert_eq!(c.limits.login_grace_seconds, Some(30));
        assert_eq!(c.limits.max_unauthenticated_per_address, Some(5));
        assert_eq!(c.ssh.legacy_algorithms, Some(true));
        assert_eq!(c.door().login_grace, Duration::from_secs(30));
        assert_eq!(c.door().max_unauthenticated, 100);
        assert_eq!(Config::default().door(), DoorLimits::default());
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
            "[limits]\nlogin_grace_seconds = 0",
            "[limits]\nmax_unauthenticated_per_address = 0",
            "[ssh]\nlegacy = true",
            "[ratios]\nkey = \"120%\"",
            "idle_minutes = \"ten\"",
        ] {
            assert!(Config::parse(bad).is_err(), "{bad}");
        }
    }
}
