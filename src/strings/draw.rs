//! The draw (issue 4): plans, preparation, entropy, reveal, certificates.

use super::Lang;
use crate::domain::ceremony::MIN_ENTROPY_CHARS;
use crate::domain::ceremony::Status;
use crate::domain::draw::DrawProblem;
use crate::domain::draw::{DrawError, Mismatch, Refusal, SeedError, Stratum};
use crate::domain::inspector::InspectorKind;
use crate::domain::quarter::Quarter;
use std::path::Path;

fn role(k: InspectorKind, lang: Lang) -> &'static str {
    match k {
        InspectorKind::Officer => lang.t("执法人员", "officers"),
        InspectorKind::Auxiliary => lang.t("辅助检查人员", "auxiliary inspectors"),
    }
}

pub fn stratum(s: Stratum, lang: Lang) -> &'static str {
    match s {
        Stratum::Key => lang.t("重点监管对象", "key"),
        Stratum::Special => lang.t("特殊监管对象", "special"),
        Stratum::General => lang.t("一般监管对象", "general"),
        Stratum::All => lang.t("全部检查对象（不分类）", "all (unclassified)"),
    }
}

/// One refusal of the feasibility check: what is missing.
pub fn refusal(r: &Refusal, lang: Lang) -> String {
    match lang {
        Lang::Zh => input_refusal_zh(r).unwrap_or_else(|| capacity_refusal_zh(r)),
        Lang::En => r.to_string(),
    }
}

/// A refusal about the draw's input (fields, duplicates, parameters), in Chinese.
fn input_refusal_zh(r: &Refusal) -> Option<String> {
    Some(match r {
        Refusal::BadField { part, key, field } => {
            format!("{}中的 {key}：字段 {field} 为空或含控制字符", part.code())
        }
        Refusal::BadCreditCode { code } => {
            format!("检查对象 {code} 的统一社会信用代码不是 18 位有效字符")
        }
        Refusal::DuplicateCandidate { code } => format!("检查对象 {code} 出现多次"),
        Refusal::DuplicateInspector { id } => {
            format!("检查人员编号 {id} 出现多次（执法证号重复）")
        }
        Refusal::DuplicateConflict { inspector, code } => {
            format!("回避关系 {inspector} / {code} 重复申报")
        }
        Refusal::DuplicateItem { item } => format!("检查事项 {item} 重复列出"),
        Refusal::TeamSize { size } => {
            format!("每组执法人员 {size} 人，须为 2–4 人")
        }
        Refusal::AuxiliariesPerTeam { per_team } => {
            format!("每组辅助检查人员 {per_team} 人，最多 2 人")
        }
        Refusal::JointShare { bp } => {
            format!("内部联合检查比例 {bp} 个基点超过 100%")
        }
        Refusal::ZeroWorkloadCap => "每人任务上限为 0".into(),
        Refusal::NothingToDraw => {
            "本次抽取数量为 0，没有可抽取的检查对象（本季度计划可能已完成）".into()
        }
        _ => return None,
    })
}

/// A refusal about too few candidates or inspectors, in Chinese (the others in English).
fn capacity_refusal_zh(r: &Refusal) -> String {
    match r {
        Refusal::CountExceedsPopulation {
            stratum: st,
            count,
            population,
        } => format!(
            "{}：要求抽取 {count} 家，只有 {population} 家候选",
            stratum(*st, Lang::Zh)
        ),
        Refusal::TooFew {
            role: k,
            available,
            needed,
        } => format!(
            "{}：可用 {available} 人，至少需要 {needed} 人",
            role(*k, Lang::Zh)
        ),
        Refusal::Capacity {
            role: k,
            needed,
            capacity,
        } => format!(
            "{}：需要 {needed} 人次，按每人任务上限最多 {capacity} 人次",
            role(*k, Lang::Zh)
        ),
        Refusal::TooFewSections { sections } => {
            format!("需要内部联合检查，但执法人员只来自 {sections} 个科室（至少需要 2 个）")
        }
        Refusal::JointCapacity {
            section,
            needed,
            capacity,
        } => format!(
            "{needed} 个联合检查组需要 {section} 以外的执法人员，按任务上限最多 {capacity} 人次"
        ),
        Refusal::TargetTooFew {
            code,
            role: k,
            available,
            needed,
        } => format!(
            "检查对象 {code}：无回避关系的{}只有 {available} 人，需要 {needed} 人",
            role(*k, Lang::Zh)
        ),
        Refusal::TargetOneSection { code } => {
            format!("检查对象 {code}：无回避关系的执法人员都在同一科室")
        }
        r => r.to_string(),
    }
}

pub fn draw_error(e: &DrawError, lang: Lang) -> String {
    match (e, lang) {
        (DrawError::Refused(rs), _) => refusals(rs, lang),
        (
            DrawError::NoTeam {
                code,
                role: k,
                slot,
                ..
            },
            Lang::Zh,
        ) => format!(
            "检查对象 {code} 的第 {} 个{}岗位找不到符合条件的人员",
            slot + 1,
            role(*k, lang)
        ),
        (DrawError::Seed(s), Lang::Zh) => seed_error(s, lang),
        (e, Lang::En) => e.to_string(),
    }
}

fn seed_error(e: &SeedError, lang: Lang) -> String {
    match (e, lang) {
        (SeedError::CommitmentMismatch { .. }, Lang::Zh) => {
            "服务器密钥与事先公布的承诺值不符".into()
        }
        (SeedError::SecretTooShort { len }, Lang::Zh) => {
            format!("服务器密钥只有 {len} 字节，至少需要 16 字节")
        }
        (SeedError::NoOutsideInput, Lang::Zh) => {
            "没有见证人熵值也没有公开随机值：种子将由一方单独控制".into()
        }
        (SeedError::BadText { field }, Lang::Zh) => {
            format!("种子输入 {field} 为空或含控制字符")
        }
        (e, Lang::En) => e.to_string(),
    }
}

fn refusals(rs: &[Refusal], lang: Lang) -> String {
    let mut out = lang
        .t(
            "抽取被拒绝，未作任何改动。缺少的条件：",
            "the draw is refused; nothing was changed. What is missing:",
        )
        .to_string();
    for r in rs {
        out.push_str("\n  ");
        out.push_str(&refusal(r, lang));
    }
    out
}

fn status(s: &str, lang: Lang) -> &str {
    Status::from_code(s).map_or(s, |st| lang.t(st.zh(), st.en()))
}

pub fn status_label(s: &str, lang: Lang) -> String {
    status(s, lang).to_string()
}

pub fn problem(p: &DrawProblem, lang: Lang) -> String {
    let texts = match p {
        DrawProblem::Refused { refusals: rs } => return refusals(rs, lang),
        DrawProblem::Failed { error } => return draw_error(error, lang),
        p => ceremony_texts(p).or_else(|| input_texts(p)),
    };
    let (zh, en) = texts.unwrap_or_default();
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A refusal by the ceremony's state, in both languages.
fn ceremony_texts(p: &DrawProblem) -> Option<(String, String)> {
    match p {
        DrawProblem::Status { draw, status: st } => Some((
            format!(
                "抽取 {draw} 当前状态为“{}”，不能执行此操作；未作任何改动",
                status(st, Lang::Zh)
            ),
            format!(
                "draw {draw} is {}; this cannot be done now; nothing was changed",
                status(st, Lang::En)
            ),
        )),
        DrawProblem::NoPublicSource { draw } => Some((
            format!("抽取 {draw} 准备时未指定公开随机值来源，不能录入公开值"),
            format!("draw {draw} named no public source when prepared"),
        )),
        DrawProblem::RoomClosed { draw } => Some((
            format!("抽取 {draw} 的摇号室尚未由管理员开启，请稍候"),
            format!("the room of draw {draw} is not open yet; an administrator opens it"),
        )),
        DrawProblem::AlreadyAnswered { draw } => Some((
            format!("您已对抽取 {draw} 的结果作出确认或提出异议，不能重复"),
            format!("you already confirmed or declined the result of draw {draw}"),
        )),
        DrawProblem::AlreadyEntered { draw } => Some((
            format!("您已为抽取 {draw} 输入过随机字符串，每位见证人只能输入一次"),
            format!("you already added entropy to draw {draw}; once per witness"),
        )),
        _ => None,
    }
}

/// A refusal of what was asked, in both languages.
fn input_texts(p: &DrawProblem) -> Option<(String, String)> {
    match p {
        DrawProblem::EntropyTooShort { chars } => Some((
            format!("见证人输入的随机字符串只有 {chars} 个字符，至少需要 {MIN_ENTROPY_CHARS} 个"),
            format!("the witness text has {chars} characters; at least {MIN_ENTROPY_CHARS} needed"),
        )),
        DrawProblem::TooFewWitnesses { have, need } => Some((
            format!(
                "见证人熵值来自 {have} 位见证人，至少需要 {need} 位（或录入公开随机值）；未作任何改动"
            ),
            format!("entropy from {have} witnesses; at least {need} needed (or a public value)"),
        )),
        DrawProblem::UnknownItem { code } => Some((
            format!("检查事项 {code} 不存在或已不在有效期内"),
            format!("check item {code} does not exist or is not in force"),
        )),
        DrawProblem::NoItems { in_force } => Some((
            format!(
                "抽取须指定检查事项；现行检查事项：{}",
                super::record::join(in_force, Lang::Zh)
            ),
            format!(
                "a draw must name its check items; in force: {}",
                super::record::join(in_force, Lang::En)
            ),
        )),
        DrawProblem::BadText { field } => Some((
            format!(
                "{}：不能为空、不能含控制字符、最多 200 字",
                text_field(field, Lang::Zh)
            ),
            format!(
                "{}: must be non-empty, without control characters, at most 200",
                text_field(field, Lang::En)
            ),
        )),
        DrawProblem::ReasonRequired => Some((
            "请填写理由或说明（一行，1–200 字，不含控制字符）；未作任何改动".into(),
            "a reason or note is required (one line, 1–200 characters); nothing was changed".into(),
        )),
        DrawProblem::QuarterEnded { quarter, ended } => Some((
            format!(
                "{quarter} 已于 {ended} 结束，抽取应在本季度内进行；确需补充抽取的，须由领导小组成员批准并说明理由：由兼有领导角色的管理员在“补抽原因”中填写（命令行：--late-reason 理由 --leader 领导账号）；未作任何改动"
            ),
            format!(
                "{quarter} ended on {ended}: draws belong to a live quarter; a leader may allow a late draw with a reason: an administrator who is also a leader gives it in 'late draw: reason' (command line: --late-reason TEXT --leader ACCOUNT); nothing was changed"
            ),
        )),
        _ => None,
    }
}

/// The name of a draw's free-text field in a refusal.
fn text_field(field: &str, lang: Lang) -> &str {
    let (zh, en) = match field {
        "entropy" => ("随机字符串", "entropy"),
        "public_value" => ("公开随机值", "public value"),
        "public_source" => ("公开随机值来源", "public source"),
        "reason" => ("理由", "reason"),
        "note" => ("备注", "note"),
        other => return other,
    };
    lang.t(zh, en)
}

pub fn mismatch(m: &Mismatch, lang: Lang) -> String {
    let detail = serde_json::to_string(m).unwrap_or_default();
    let what = match m {
        Mismatch::Version { .. } => lang.t("算法版本不同", "algorithm version differs"),
        Mismatch::Hash { .. } => lang.t("快照或参数哈希不符", "snapshot or parameter hash differs"),
        Mismatch::Commitment { .. } => {
            lang.t("密钥与承诺值不符", "secret does not match the commitment")
        }
        Mismatch::SeedInput { .. } => lang.t("种子输入不合规则", "seed inputs break a rule"),
        Mismatch::Seed { .. } => lang.t("种子不符", "seed differs"),
        Mismatch::Draw { .. } => lang.t(
            "记录的输入无法完成抽取",
            "the recorded inputs do not allow a draw",
        ),
        Mismatch::Stratum { .. } => lang.t("抽取分层或总体数不符", "strata or population differ"),
        Mismatch::Selected { .. } => lang.t("抽中的检查对象不符", "a drawn target differs"),
        Mismatch::Team { .. } => lang.t("检查组不符", "a team differs"),
    };
    super::labelled(what, &detail, lang)
}

pub fn invalid_certificate(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("INVALID：证书有 {n} 处与重新计算的结果不符"),
        Lang::En => format!("INVALID: {n} differences from the recomputation"),
    }
}

pub fn unreadable_certificate(p: &Path, e: &dyn std::fmt::Display, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取证书文件 {}：{e}", p.display()),
        Lang::En => format!("cannot read the certificate {}: {e}", p.display()),
    }
}

pub fn prepared(id: i64, label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已准备抽取 {id}（{label}），状态：已准备。快照已冻结："),
        Lang::En => format!("prepared draw {id} ({label}); snapshot frozen:"),
    }
}

pub fn sizes(candidates: usize, inspectors: usize, conflicts: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "  候选检查对象 {candidates} 家，检查人员 {inspectors} 人，回避关系 {conflicts} 条"
        ),
        Lang::En => {
            format!("  {candidates} candidates, {inspectors} inspectors, {conflicts} conflicts")
        }
    }
}

/// Targets of the quarter an earlier draw already drew: not candidates again.
pub fn already_drawn(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  本季度已抽中的 {n} 家不再参加本次抽取"),
        Lang::En => format!("  {n} targets already drawn this quarter are left out"),
    }
}

/// One stratum of a draw being prepared: its candidates and the number to draw.
pub fn stratum_line(s: Stratum, candidates: usize, k: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  {}：候选 {candidates} 家，抽取 {k} 家", stratum(s, lang)),
        Lang::En => format!(
            "  {}: {candidates} candidates, {k} to draw",
            stratum(s, lang)
        ),
    }
}

pub fn repeat_excluded(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("  以下 {n} 家在重复检查间隔内已检查过本次事项（N4），不参加本次抽取：")
        }
        Lang::En => format!(
            "  {n} targets were inspected for these items within the repeat window (N4) and are left out:"
        ),
    }
}

pub fn repeat_visit(date: chrono::NaiveDate, items: &[String], lang: Lang) -> String {
    match (lang, items.is_empty()) {
        (Lang::Zh, true) => format!("{date} 已检查"),
        (Lang::Zh, false) => format!("{date} 已检查 {}", items.join("、")),
        (Lang::En, true) => format!("inspected {date}"),
        (Lang::En, false) => format!("inspected {date} for {}", items.join(", ")),
    }
}

pub fn suspended(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  注意：以下 {n} 家处于停产状态，仍参加抽取，抽中后请先电话核实："),
        Lang::En => format!(
            "  note: {n} candidates have suspended production; they take part, call ahead if drawn:"
        ),
    }
}

/// After a summary of the lists: where they are in full.
pub fn full_lists(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  （以上只列前几家；完整名单：shuangsui draw show {id}）"),
        Lang::En => {
            format!("  (only the first few are listed; all of them: shuangsui draw show {id})")
        }
    }
}

pub fn no_section(people: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "  注意：以下 {} 名在岗人员未登记科室，未纳入本次抽取：{}",
            people.len(),
            people.join("、")
        ),
        Lang::En => format!(
            "  note: {} active people have no section recorded and were left out: {}",
            people.len(),
            people.join(", ")
        ),
    }
}

pub fn hash_line(name: &str, hex: &str, lang: Lang) -> String {
    let label = match name {
        "candidates" => lang.t("检查对象快照哈希", "candidates hash"),
        "inspectors" => lang.t("检查人员快照哈希", "inspectors hash"),
        "conflicts" => lang.t("回避关系快照哈希", "conflicts hash"),
        "params" | "parameters" => lang.t("抽取参数哈希", "parameters hash"),
        "commitment" => lang.t("服务器密钥承诺值", "commitment"),
        "seed" => lang.t("随机种子", "seed"),
        "secret" => lang.t("服务器密钥（已公开）", "secret (revealed)"),
        other => other,
    };
    format!("  {}", super::labelled(label, hex, lang))
}

pub fn quota_line(s: Stratum, k: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("  {}：抽取 {k} 家", stratum(s, lang)),
        Lang::En => format!("  {}: {k} to draw", stratum(s, lang)),
    }
}

pub fn entropy_added(id: i64, hash: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已为抽取 {id} 记录见证人熵值，SHA-256：{hash}"),
        Lang::En => format!("entropy recorded for draw {id}; SHA-256: {hash}"),
    }
}

pub fn entropy_prompt(lang: Lang) -> &'static str {
    lang.t(
        "请输入随机字符串（至少 8 个字符，不回显），按回车结束：",
        "type a random string (at least 8 characters, not echoed), then Enter:",
    )
}

pub fn public_value_set(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已为抽取 {id} 录入公开随机值"),
        Lang::En => format!("public value recorded for draw {id}"),
    }
}

pub fn revealed(id: i64, label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("抽取 {id}（{label}）已揭晓："),
        Lang::En => format!("draw {id} ({label}) revealed:"),
    }
}

pub fn targets_title(s: Stratum, population: u64, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}（候选 {population} 家，抽中 {n} 家）：",
            stratum(s, lang)
        ),
        Lang::En => format!("{} ({population} candidates, {n} drawn):", stratum(s, lang)),
    }
}

pub fn team_headers(lang: Lang) -> Vec<String> {
    [
        ("信用代码", "credit code"),
        ("检查对象", "enterprise"),
        ("联合", "joint"),
        ("组长", "lead"),
        ("执法人员", "officers"),
        ("辅助人员", "auxiliaries"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

/// A draw's certificate (`record` false) or its record for the file (`record` true) was
/// written to `p`; `draw` is its label.
pub fn exported(draw: &str, record: bool, p: &Path, lang: Lang) -> String {
    match (record, lang) {
        (false, Lang::Zh) => format!("抽取 {draw} 的证书已写入 {}", p.display()),
        (false, Lang::En) => format!("certificate of draw {draw} written to {}", p.display()),
        (true, Lang::Zh) => format!("抽取 {draw} 的抽取记录已写入 {}", p.display()),
        (true, Lang::En) => format!("record of draw {draw} written to {}", p.display()),
    }
}

pub fn list_headers(lang: Lang) -> Vec<String> {
    [
        ("编号", "id"),
        ("季度", "quarter"),
        ("标识", "label"),
        ("状态", "status"),
        ("见证人", "witnesses"),
        ("准备人", "prepared by"),
        ("准备时间", "prepared at"),
        ("揭晓时间", "revealed at"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

pub fn show_field(name: &str, value: &str, lang: Lang) -> String {
    let label = match name {
        "id" => lang.t("编号", "id"),
        "label" => lang.t("标识", "label"),
        "quarter" => lang.t("季度", "quarter"),
        "status" => lang.t("状态", "status"),
        "prepared" => lang.t("准备", "prepared"),
        "revealed" => lang.t("揭晓时间", "revealed at"),
        "sealed" => lang.t("封存时间", "sealed at"),
        "released" => lang.t("下发时间", "released at"),
        "decision" => lang.t("决定/作废说明", "decision"),
        "public_source" => lang.t("公开随机值来源", "public source"),
        "public_value" => lang.t("公开随机值", "public value"),
        "min_witnesses" => lang.t("至少见证人数", "witnesses needed"),
        "entropy" => lang.t("见证人熵值（SHA-256）", "entropy (SHA-256)"),
        other => other,
    };
    super::labelled(label, value, lang)
}

pub fn plan_title(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{q} 季度抽查计划："),
        Lang::En => format!("plan of {q}:"),
    }
}

pub fn answered(draw: &str, witness: &str, status: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已记录见证人 {witness} 对抽取 {draw} 的意见；当前状态：{status}"),
        Lang::En => format!("recorded {witness}'s answer on draw {draw}; now {status}"),
    }
}

/// What was done to a draw (`draw` is its label).
pub fn done(draw: &str, what: &str, lang: Lang) -> String {
    let (zh, en) = match what {
        "cancelled" => ("已作废", "cancelled"),
        "released" => ("任务已下发检查人员", "released to the inspectors"),
        _ => ("备注已添加", "annotated"),
    };
    match lang {
        Lang::Zh => format!("抽取 {draw}：{zh}"),
        Lang::En => format!("draw {draw}: {en}"),
    }
}

pub fn page_written(p: &Path, valid: bool, lang: Lang) -> String {
    let verdict = match (valid, lang) {
        (true, Lang::Zh) => "本程序验证结果：VALID",
        (false, Lang::Zh) => "本程序验证结果：INVALID（页面列出不符之处）",
        (true, Lang::En) => "this program's verdict: VALID",
        (false, Lang::En) => "this program's verdict: INVALID (the page lists the differences)",
    };
    match lang {
        Lang::Zh => format!("验证页面已写入 {}；{verdict}", p.display()),
        Lang::En => format!("verification page written to {}; {verdict}", p.display()),
    }
}

pub fn record_extension(p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：抽取记录只能写成 .html 或 .xlsx 文件", p.display()),
        Lang::En => format!(
            "{}: the draw record is written as .html or .xlsx",
            p.display()
        ),
    }
}

pub fn plan_ratio_source(own: bool, lang: Lang) -> &'static str {
    if own {
        lang.t(
            "本季度计划自定的比例（plan set 修改）：",
            "this quarter's own ratios (change with plan set):",
        )
    } else {
        lang.t(
            "本季度计划沿用默认比例（plan set 可为本季度单独设定；settings set 修改默认值）：",
            "this quarter uses the default ratios (plan set gives it its own; settings set changes the defaults):",
        )
    }
}

pub fn plan_headers(lang: Lang) -> Vec<String> {
    [
        ("类别", "group"),
        ("总数", "population"),
        ("比例", "ratio"),
        ("应抽", "required"),
        ("已抽", "drawn"),
        ("已检查", "inspected"),
        ("检查比例", "share"),
        ("非随机检查", "non-random"),
        ("剩余应抽", "remaining"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

pub fn bad_quota(lang: Lang) -> &'static str {
    lang.t(
        "请同时给出 --key、--special、--general 三个数量，或只给出 --unclassified",
        "give all of --key, --special and --general, or --unclassified alone",
    )
}

pub fn no_entropy(lang: Lang) -> &'static str {
    lang.t("未读到见证人输入", "no witness input was read")
}
