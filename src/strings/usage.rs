//! A command line the argument parser refused, said in Chinese. The parser (clap) words its
//! own refusals in English; `--lang en` keeps those, the default language gets these.

/// What was wrong with the command line, with the words the parser found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usage {
    /// An option or argument no command takes (`--cpa`), maybe with the one meant.
    UnknownArgument { arg: String, meant: Option<String> },
    /// A command that does not exist (`draw prpare`), maybe with the one meant.
    UnknownCommand {
        command: String,
        meant: Option<String>,
    },
    /// Required arguments left out.
    Missing { args: Vec<String> },
    /// A value the argument does not take; `valid` lists those it does, `reason` is the
    /// value's own check (already worded for both languages).
    BadValue {
        arg: String,
        value: String,
        valid: Vec<String>,
        reason: Option<String>,
    },
    /// Two arguments that cannot be given together.
    Conflict { arg: String, other: String },
    /// An argument given more times or with more values than it takes.
    TooMany { arg: String },
    /// Anything else the parser refused.
    Other,
}

/// The refusal, then how to see the usage (`help` is the command line's own word).
pub fn usage_zh(u: &Usage) -> String {
    let mut meant = None;
    let what = match u {
        Usage::UnknownArgument { arg, meant: m } => {
            meant = m.as_deref();
            format!("无法识别的参数“{arg}”")
        }
        Usage::UnknownCommand { command, meant: m } => {
            meant = m.as_deref();
            format!("没有“{command}”这个命令")
        }
        Usage::Missing { args } => format!("缺少必需的参数：{}", args.join("、")),
        Usage::BadValue {
            arg,
            value,
            valid,
            reason,
        } => {
            let mut s = format!("参数 {arg} 的值“{value}”无效");
            if let Some(r) = reason {
                s.push_str(&format!("：{r}"));
            }
            if !valid.is_empty() {
                s.push_str(&format!("；可用的值：{}", valid.join("、")));
            }
            s
        }
        Usage::Conflict { arg, other } => format!("参数 {arg} 不能与 {other} 同时使用"),
        Usage::TooMany { arg } => format!("参数 {arg} 给得太多"),
        Usage::Other => "命令行有误".to_string(),
    };
    let meant = meant
        .map(|m| format!("是否要用“{m}”？"))
        .unwrap_or_default();
    format!("{what}；未作任何改动。{meant}运行 shuangsui help 或在命令后加 --help 查看用法")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::words::english_in_chinese;

    #[test]
    fn each_refusal_is_chinese_around_the_words_typed() {
        let said = usage_zh(&Usage::UnknownCommand {
            command: "prpare".into(),
            meant: Some("prepare".into()),
        });
        assert!(
            said.starts_with("没有“prpare”这个命令；未作任何改动。是否要用“prepare”？"),
            "{said}"
        );
        let missing = usage_zh(&Usage::Missing {
            args: vec!["--quarter <QUARTER>".into()],
        });
        assert!(
            missing.contains("缺少必需的参数：--quarter <QUARTER>"),
            "{missing}"
        );
        for u in [Usage::Other, Usage::TooMany { arg: "--x".into() }] {
            let s = usage_zh(&u);
            assert!(
                english_in_chinese(&s, &["shuangsui", "help", "--help", "--x"]).is_empty(),
                "{s}"
            );
        }
    }
}
