//! Starting the SSH server from the command line (first-start administrator, demo accounts,
//! host key, logging, signals) and running the UI on the local terminal.

use anyhow::{Context, anyhow};
use rand::RngExt;
use shuangsui::domain::draw::Quota;
use shuangsui::domain::inspector::InspectorKind;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::user::Role;
use shuangsui::service::hub::Hub;
use shuangsui::service::{Actor, DrawRequest, NewUser, Service};
use shuangsui::ssh::{self, Settings};
use shuangsui::strings::{self, Lang};
use shuangsui::tui::theme::Theme;
use shuangsui::tui::{App, Event, Outcome, Session};
use std::path::Path;
use std::time::Duration;

/// Prints a line for the operator; a closed standard output (a service without a console) is
/// not an error.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}

/// A random password of 14 characters without look-alikes (0/O, 1/l/I).
fn random_password() -> String {
    const CHARS: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..14)
        .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
        .collect()
}

fn human(e: shuangsui::service::ServiceError, lang: Lang) -> anyhow::Error {
    anyhow!(e.say(None, lang))
}

/// Creates the accounts a fresh server needs and prints their passwords once.
fn bootstrap(svc: &mut Service, demo: bool, lang: Lang) -> anyhow::Result<()> {
    let me = Actor::console();
    let has_users = !svc.users(&me).map_err(|e| human(e, lang))?.is_empty();
    if demo && svc.enterprises(&me).map_err(|e| human(e, lang))?.is_empty() {
        let n = shuangsui::demo::fill(svc, &me, 120).map_err(|e| human(e, lang))?;
        say!("{}", strings::cli::demo_filled(&n, lang));
        // A prepared draw of this quarter, so that the draw room can be tried at once.
        let mut req = DrawRequest::new(Quarter::of(svc.today()));
        req.items = vec!["HB-STHJ-02".into()];
        req.quota = Some(Quota::Classified {
            key: 2,
            special: 2,
            general: 3,
        });
        let p = svc.prepare_draw(&me, &req).map_err(|e| human(e, lang))?;
        say!("{}", strings::cli::demo_draw(&p.check.label, lang));
    }
    if has_users {
        return Ok(());
    }
    if demo {
        demo_accounts(svc, lang, &mut std::io::stdout())?;
    } else {
        let password = random_password();
        let nu = NewUser {
            name: "admin".into(),
            roles: [Role::Admin].into(),
            password: Some(password.clone()),
            must_change_password: true,
            ..Default::default()
        };
        svc.add_user(&me, &nu).map_err(|e| human(e, lang))?;
        say!("{}", strings::cli::first_admin(&password, lang));
    }
    Ok(())
}

/// One account per role with a random password, printed once; the inspector is the demo's
/// first active officer. Used by `serve --demo` and `demo-data`, so both give the same demo.
pub fn demo_accounts(
    svc: &mut Service,
    lang: Lang,
    out: &mut impl std::io::Write,
) -> anyhow::Result<()> {
    let me = Actor::console();
    let officer = svc
        .inspectors(&me)
        .map_err(|e| human(e, lang))?
        .into_iter()
        .find(|i| i.data.kind == InspectorKind::Officer && i.data.active);
    // A closed standard output (a service without a console) is not an error.
    let _ = writeln!(out, "{}", strings::cli::demo_accounts(lang));
    for role in Role::ALL {
        let password = random_password();
        let nu = NewUser {
            name: role.code().to_string(),
            display_name: lang.t(role.zh(), role.en()).to_string(),
            roles: [*role].into(),
            password: Some(password.clone()),
            inspector_cert: (*role == Role::Inspector)
                .then(|| officer.as_ref().map(|o| o.data.cert_no.clone()))
                .flatten(),
            ..Default::default()
        };
        svc.add_user(&me, &nu).map_err(|e| human(e, lang))?;
        let _ = writeln!(out, "  {:<10} {password}", role.code());
    }
    Ok(())
}

/// How to serve (from the flags and the configuration file).
pub struct Options {
    pub listen: String,
    pub demo: bool,
    pub idle_minutes: u64,
    pub ascii: bool,
    /// Host key and logs [default: the database's folder].
    pub data_dir: Option<std::path::PathBuf>,
    pub log_keep_days: u32,
    pub failed_logins: usize,
    pub failure_window_minutes: u64,
    /// Grace time and caps on connections that have not logged in.
    pub door: ssh::DoorLimits,
    /// Offer older clients' algorithms too (`[ssh] legacy_algorithms`).
    pub legacy_algorithms: bool,
    /// Default ratios for a database that has none yet.
    pub ratios: Option<shuangsui::domain::quota::Ratios>,
}

/// `shuangsui serve`.
pub fn serve(svc: &mut Service, db: &Path, o: Options, lang: Lang) -> anyhow::Result<()> {
    bootstrap(svc, o.demo, lang)?;
    if svc
        .bureau_name()
        .map_err(|e| human(e, lang))?
        .trim()
        .is_empty()
    {
        say!("{}", strings::cli::bureau_unset(lang));
    }
    if let Some(r) = o.ratios {
        svc.seed_ratios(&Actor::console(), r)
            .map_err(|e| human(e, lang))?;
    }
    let dir = o.data_dir.clone().unwrap_or_else(|| {
        db.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf()
    });
    let logs = dir.join("logs");
    crate::logs::init(&logs, o.log_keep_days).with_context(|| logs.display().to_string())?;
    let settings = settings(db, &dir, &o, lang);
    let listen = o.listen;
    let keys = ssh::host_keys(&settings.host_key, settings.legacy_algorithms)
        .map_err(|e| anyhow!("{e}"))?;
    ssh::heap::limit_arenas();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let mut running = ssh::start(&listen, settings)
            .await
            .map_err(|e| anyhow!("{e}"))?;
        let fingerprints = ssh::hostkeys::fingerprints(&keys);
        say!(
            "{}",
            strings::cli::listening(&running.addr.to_string(), &fingerprints.join("\n  "), lang)
        );
        tracing::info!(addr = %running.addr, "listening");
        tokio::spawn(scheduled_backups(db.to_path_buf()));
        // The accept loop rides out its own errors (descriptors included); should it end all
        // the same (an internal failure), the process ends with an error, so that the service
        // manager restarts it (`Restart=on-failure`).
        let failed = tokio::select! {
            r = stop_signal() => {
                r?;
                None
            }
            why = running.ended() => Some(why),
        };
        if let Some(why) = failed {
            tracing::error!(reason = %why, "the server stopped accepting connections");
            return Err(anyhow!("{why}"));
        }
        say!("{}", strings::cli::stopping(lang));
        running.shutdown(strings::cli::stopping(lang)).await;
        Ok(())
    })
}

/// The server's settings: the database, the host key in the data folder, the limits.
fn settings(db: &Path, dir: &Path, o: &Options, lang: Lang) -> Settings {
    Settings {
        db: db.to_path_buf(),
        host_key: dir.join("ssh_host_ed25519_key"),
        idle: Duration::from_secs(o.idle_minutes.max(1) * 60),
        lang,
        ascii: o.ascii,
        failed_logins: o.failed_logins.max(1),
        failure_window: Duration::from_secs(o.failure_window_minutes.max(1) * 60),
        door: o.door,
        legacy_algorithms: o.legacy_algorithms,
    }
}

/// The daily backup (a setting): checked every ten minutes on a connection of its own.
async fn scheduled_backups(db: std::path::PathBuf) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let db = db.clone();
        let done = tokio::task::spawn_blocking(move || {
            Service::open(&db).and_then(|mut s| s.run_scheduled_backup(chrono::Utc::now()))
        })
        .await;
        match done {
            Ok(Ok(Some(p))) => tracing::info!(file = %p.display(), "scheduled backup"),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => tracing::error!(error = %e, "scheduled backup failed"),
            Err(e) => tracing::error!(error = %e, "scheduled backup task"),
        }
    }
}

/// Ctrl-C, or on Unix a SIGTERM.
async fn stop_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c().await?;
    Ok::<_, std::io::Error>(())
}

/// `shuangsui tui --user NAME`: the same app on this terminal.
pub fn local_tui(mut svc: Service, user: &str, ascii: bool, lang: Lang) -> anyhow::Result<()> {
    let u = svc
        .user(user)
        .map_err(|e| human(e, lang))?
        .filter(|u| !u.disabled)
        .ok_or_else(|| anyhow!(strings::cli::no_such_user(user, lang)))?;
    let actor = Actor {
        user_id: Some(u.id),
        name: u.name.clone(),
        roles: u.roles.clone(),
    };
    let session = Session {
        actor,
        lang,
        theme: Theme { ascii },
        must_change_password: false,
    };
    let mut app = App::new(session, svc, Hub::new());
    let mut term = ratatui::init();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::EnableBracketedPaste
    );
    let result = (|| -> anyhow::Result<()> {
        loop {
            term.draw(|f| app.view(f))?;
            let ev = if ratatui::crossterm::event::poll(Duration::from_secs(1))? {
                match ratatui::crossterm::event::read()? {
                    ratatui::crossterm::event::Event::Key(k)
                        if k.kind == ratatui::crossterm::event::KeyEventKind::Press =>
                    {
                        Event::Key(k)
                    }
                    ratatui::crossterm::event::Event::Paste(p) => Event::Paste(p),
                    _ => Event::Tick,
                }
            } else {
                Event::Tick
            };
            match app.update(ev) {
                Outcome::Quit => return Ok(()),
                Outcome::Redraw => term.clear()?,
                Outcome::Continue => {}
            }
        }
    })();
    let _ = ratatui::crossterm::execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste
    );
    ratatui::restore();
    result
}
