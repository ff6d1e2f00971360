//! Text of the draws tab and the live draw room.

use super::Lang;
use crate::domain::ceremony::ShownTeam;
use crate::domain::ceremony::Status;
use crate::domain::draw::{Params, Quota, Stratum};
use crate::domain::quota::format_percent;

pub fn list_title(lang: Lang) -> &'static str {
    super::ui::tab(4, lang).0
}

pub fn list_header(lang: Lang) -> &'static str {
    lang.t(
        " 编号        季度    状态                      准备人  准备时间",
        " draw        quarter status                    by      prepared",
    )
}

pub fn no_draws(lang: Lang) -> &'static str {
    lang.t(
        "  还没有抽取。管理员可在命令行用 shuangsui draw prepare 准备。",
        "  No draws yet. An administrator prepares one with shuangsui draw prepare.",
    )
}

pub fn room_title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("摇号室 {label}"),
        Lang::En => format!("Draw room {label}"),
    }
}

pub fn mode_line(p: &Params, quarter: &str, lang: Lang) -> String {
    let mode = match (p.quota, lang) {
        (Quota::Classified { .. }, Lang::Zh) => "分类抽取",
        (Quota::Classified { .. }, Lang::En) => "classified",
        (Quota::Unclassified { .. }, Lang::Zh) => "不分类抽取",
        (Quota::Unclassified { .. }, Lang::En) => "unclassified",
    };
    let joint = format_percent(p.joint_bp);
    match lang {
        Lang::Zh => format!(
            "{quarter} {mode} 每组执法人员 {} 人 辅助 {} 人 部门内联合≥{joint} 每人至多 {} 组",
            p.team_size, p.auxiliaries, p.workload_cap
        ),
        Lang::En => format!(
            "{quarter} {mode}, {} officers + {} auxiliary per team, joint ≥{joint}, cap {}",
            p.team_size, p.auxiliaries, p.workload_cap
        ),
    }
}

pub fn counts_line(strata: &[(Stratum, usize, u32)], lang: Lang) -> String {
    let parts: Vec<String> = strata
        .iter()
        .map(|(s, pop, k)| {
            let name = match s {
                Stratum::Key => lang.t("重点", "key"),
                Stratum::Special => lang.t("特殊", "special"),
                Stratum::General => lang.t("一般", "general"),
                Stratum::All => lang.t("全部", "all"),
            };
            format!("{name} {k}/{pop}")
        })
        .collect();
    format!(
        "{}{}",
        lang.t("抽取数量/候选总数：", "to draw / candidates: "),
        parts.join("  ")
    )
}

pub fn items_line(items: &[String], lang: Lang) -> String {
    format!(
        "{}{}",
        lang.t("检查事项：", "check items: "),
        items.join("、")
    )
}

pub fn witness_line(
    have: usize,
    need: u32,
    public_source: Option<&str>,
    public_value: bool,
    lang: Lang,
) -> String {
    let mut s = match lang {
        Lang::Zh => format!("见证人随机字符串：已输入 {have} 份，揭晓至少需要 {need} 份"),
        Lang::En => format!("witness entropy: {have} entered, {need} needed to reveal"),
    };
    if let Some(src) = public_source {
        let state = if public_value {
            lang.t("已录入", "entered")
        } else {
            lang.t("未录入", "not yet entered")
        };
        s.push_str(&match lang {
            Lang::Zh => format!("；公开随机值（{src}）{state}"),
            Lang::En => format!("; public value ({src}) {state}"),
        });
    }
    s
}

pub fn decision_line(status: Status, by: &str, at: &str, note: &str, lang: Lang) -> String {
    match (status, lang) {
        (Status::Cancelled, Lang::Zh) => format!("已作废（{by} {at}）：{note}"),
        (Status::Cancelled, Lang::En) => format!("cancelled by {by} at {at}: {note}"),
        (_, Lang::Zh) => format!("领导小组 {by} {at} 采纳结果：{note}"),
        (_, Lang::En) => format!("accepted by leader {by} at {at}: {note}"),
    }
}

pub fn result_title(lang: Lang) -> &'static str {
    lang.t("抽取结果", "Result")
}

pub fn stratum_title(name: &str, drawn: usize, population: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：抽中 {drawn} 家（共 {population} 家）"),
        Lang::En => format!("{name}: {drawn} drawn of {population}"),
    }
}

pub fn team_line(t: &ShownTeam, lang: Lang) -> String {
    let others: Vec<&str> = t
        .officers
        .iter()
        .filter(|o| **o != t.lead)
        .map(String::as_str)
        .collect();
    let mut s = match lang {
        Lang::Zh => format!("组长 {}  组员 {}", t.lead, others.join("、")),
        Lang::En => format!("lead {}  with {}", t.lead, others.join(", ")),
    };
    if !t.auxiliaries.is_empty() {
        s.push_str(&match lang {
            Lang::Zh => format!("  辅助 {}", t.auxiliaries.join("、")),
            Lang::En => format!("  auxiliary {}", t.auxiliaries.join(", ")),
        });
    }
    if t.joint {
        s.push_str(lang.t("  [部门内联合]", "  [joint]"));
    }
    s
}

pub fn people_title(lang: Lang) -> &'static str {
    lang.t("在场人员", "People")
}

pub fn here_since(since: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("在场 自{since}"),
        Lang::En => format!("here since {since}"),
    }
}

pub fn away(lang: Lang) -> &'static str {
    lang.t("已离开", "away")
}

pub fn entropy_in(hash: &str, at: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已输入 {at} SHA-256 {hash}…"),
        Lang::En => format!("entered {at} SHA-256 {hash}…"),
    }
}

pub fn answer(confirmed: bool, reason: &str, at: &str, lang: Lang) -> String {
    match (confirmed, lang) {
        (true, Lang::Zh) => format!("已确认 {at}"),
        (true, Lang::En) => format!("confirmed {at}"),
        (false, Lang::Zh) => format!("有异议 {at}：{reason}"),
        (false, Lang::En) => format!("declined {at}: {reason}"),
    }
}

pub fn hashes_title(lang: Lang) -> &'static str {
    lang.t(
        "快照哈希与承诺值（SHA-256）",
        "Hashes and commitment (SHA-256)",
    )
}

pub fn part_name(code: &str, lang: Lang) -> &'static str {
    let (zh, en) = match code {
        "candidates" => ("候选对象", "targets"),
        "inspectors" => ("检查人员", "inspectors"),
        "conflicts" => ("回避关系", "conflicts"),
        "parameters" => ("抽取参数", "params"),
        "commitment" => ("承诺值", "commitment"),
        "secret" => ("服务器密钥", "secret"),
        "seed" => ("随机种子", "seed"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn log_title(lang: Lang) -> &'static str {
    lang.t("过程记录", "Log")
}

pub fn step(action: &str, lang: Lang) -> &'static str {
    let (zh, en) = match action {
        "prepare" => (
            "准备抽取，冻结快照，公布承诺值",
            "prepared; snapshot frozen, commitment shown",
        ),
        "open_room" => ("开启摇号室", "opened the room"),
        "join" => ("进入摇号室", "joined"),
        "add_entropy" => ("输入随机字符串", "added entropy"),
        "public_value" => ("录入公开随机值", "entered the public value"),
        "reveal" => ("揭晓结果", "revealed the result"),
        "confirm" => ("确认结果", "confirmed the result"),
        "decline" => ("提出异议", "declined to confirm"),
        "accept" => ("领导小组采纳结果", "accepted the result"),
        "cancel" => ("作废本次抽取", "cancelled the draw"),
        "seal" => ("结果封存", "sealed"),
        "release" => ("任务下发检查人员", "released to inspectors"),
        "annotate" => ("备注", "note"),
        "announce" => ("发布事先公告", "announced before the reveal"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn typed_chars(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已输入 {n} 个字符（不显示内容）"),
        Lang::En => format!("{n} characters typed (not shown)"),
    }
}

pub fn ask_title(ask: &str, lang: Lang) -> &'static str {
    let (zh, en) = match ask {
        "entropy" => (
            "请输入只有您知道的随机字符串（至少 8 个字符，不会显示），回车提交：",
            "Type a random text only you know (at least 8 characters, not shown), Enter:",
        ),
        "decline" => (
            "请填写异议理由，回车提交：",
            "Why do you decline? Enter submits:",
        ),
        "accept" => (
            "采纳结果的说明（将记入抽取记录），回车提交：",
            "Note for accepting the result (goes into the record), Enter:",
        ),
        "cancel" => (
            "作废理由（将记入抽取记录），回车提交：",
            "Reason for cancelling (goes into the record), Enter:",
        ),
        "public_value" => (
            "公开随机值（准备时指定的来源公布的值），回车提交：",
            "The public value (as the source named at preparation published it), Enter:",
        ),
        _ => ("备注内容，回车提交：", "Note, Enter submits:"),
    };
    lang.t(zh, en)
}

pub fn sure_title(what: &str, lang: Lang) -> &'static str {
    let (zh, en) = match what {
        "reveal" => (
            "揭晓后结果立即向所有在场人员公布，且不能更改。确定揭晓？",
            "The result appears to everyone at once and cannot change. Reveal now?",
        ),
        "confirm" => (
            "以您本人账号确认本次抽取结果（现场监督人员确认）？",
            "Confirm this result with your own account?",
        ),
        _ => (
            "向抽中的检查人员下发各自的检查任务？",
            "Release their assignments to the inspectors drawn?",
        ),
    };
    lang.t(zh, en)
}

pub fn entropy_short(min: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("至少需要 {min} 个字符"),
        Lang::En => format!("at least {min} characters needed"),
    }
}

pub fn entropy_done(hash: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "随机字符串已记录，SHA-256 {}…",
            hash.get(..16).unwrap_or(hash)
        ),
        Lang::En => format!(
            "entropy recorded, SHA-256 {}…",
            hash.get(..16).unwrap_or(hash)
        ),
    }
}

pub fn revealed(lang: Lang) -> &'static str {
    lang.t(
        "已揭晓，请监督人员确认",
        "revealed; witnesses, please confirm",
    )
}

pub fn confirmed(lang: Lang) -> &'static str {
    lang.t("您已确认", "you confirmed")
}

pub fn declined(lang: Lang) -> &'static str {
    lang.t(
        "异议已记录，待领导小组决定",
        "decline recorded; a leader decides",
    )
}

pub fn accepted(lang: Lang) -> &'static str {
    lang.t("已采纳结果并封存", "accepted and sealed")
}

pub fn cancelled(lang: Lang) -> &'static str {
    lang.t("本次抽取已作废", "the draw is cancelled")
}

pub fn annotated(lang: Lang) -> &'static str {
    lang.t("备注已添加", "note added")
}

pub fn released(lang: Lang) -> &'static str {
    lang.t("任务已下发", "assignments released")
}

/// The draw record's file name stem.
pub fn record_file(lang: Lang) -> &'static str {
    lang.t("抽取记录", "draw-record")
}

pub fn record_written(names: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("抽取记录已写入发件箱：{}", names.join("、")),
        Lang::En => format!("draw record written to your outbox: {}", names.join(", ")),
    }
}

/// On the draw record: the draw was prepared after its quarter ended, with a leader's reason.
pub fn late_note(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("本次抽取在季度结束后经领导批准进行，理由：{reason}"),
        Lang::En => format!("Prepared after the quarter ended, allowed by a leader: {reason}"),
    }
}
