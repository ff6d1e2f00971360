//! The command line as the argument parser reads it, with its refusals in the user's language:
//! clap words them in English; for the default language (Chinese) they are said again from the
//! error's context (`strings::usage`). The language is read from the arguments (`--lang`) or
//! `SHUANGSUI_LANG`, as the parser would have; help and version print as clap prints them.

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use shuangsui::strings::Lang;
use shuangsui::strings::usage::{Usage, usage_zh};
use std::process::ExitCode;

/// The parsed command line, or the exit status after the refusal (or help) was printed.
pub fn parse<C: Parser>() -> Result<C, ExitCode> {
    C::try_parse().map_err(|e| {
        let explained = e.use_stderr() && !shows_help(e.kind()) && lang() == Lang::Zh;
        if explained {
            eprintln!("{}", usage_zh(&usage(&e)));
        } else {
            let _ = e.print();
        }
        ExitCode::from(e.exit_code().clamp(0, 255) as u8)
    })
}

/// Kinds that print the usage itself (a command given without its subcommand).
fn shows_help(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand
    )
}

/// `--lang X`, `--lang=X` or `SHUANGSUI_LANG`; Chinese by default.
fn lang() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let given = (args.iter().enumerate()).find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some("") => args.get(i + 1).cloned(),
        Some(rest) => rest.strip_prefix('=').map(str::to_string),
        None => None,
    });
    given
        .or_else(|| std::env::var("SHUANGSUI_LANG").ok())
        .map(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// What the parser refused, from its error's context.
fn usage(e: &clap::Error) -> Usage {
    let one = |k| text(e.get(k)).into_iter().next().unwrap_or_default();
    let meant = |k| text(e.get(k)).into_iter().next();
    let arg = one(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::UnknownArgument => Usage::UnknownArgument {
            meant: meant(ContextKind::SuggestedArg),
            arg,
        },
        ErrorKind::InvalidSubcommand => Usage::UnknownCommand {
            command: one(ContextKind::InvalidSubcommand),
            meant: meant(ContextKind::SuggestedSubcommand),
        },
        ErrorKind::MissingRequiredArgument => Usage::Missing {
            args: text(e.get(ContextKind::InvalidArg)),
        },
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => Usage::BadValue {
            arg,
            value: one(ContextKind::InvalidValue),
            valid: text(e.get(ContextKind::ValidValue)),
            reason: std::error::Error::source(e).map(|s| s.to_string()),
        },
        ErrorKind::ArgumentConflict => Usage::Conflict {
            arg,
            other: one(ContextKind::PriorArg),
        },
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            Usage::TooMany { arg }
        }
        _ => Usage::Other,
    }
}

/// The words of a context value.
fn text(v: Option<&ContextValue>) -> Vec<String> {
    match v {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}
