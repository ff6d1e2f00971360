//! The quarterly statistics table (统计表), the inspector assessment (检查人员考核表) and the
//! draft of the quarterly work summary (工作总结): titles, table labels, section headings,
//! placeholders, and the sentences that put the figures into words.

use super::Lang;
use crate::domain::quarter::Quarter;
use crate::domain::quota::{Group, format_percent};
use crate::domain::stats::{ClassLine, Grade, JointLine, Period, ResultLine, Share};
use chrono::NaiveDate;

mod labels;

pub use labels::{Label, label};

/// A quarter for people: 2024年第二季度 (English: Q2 2024).
pub fn quarter(q: Quarter, lang: Lang) -> String {
    super::publish::quarter(&q.to_string(), lang)
}

/// A date in running text: 2024年7月1日 (English: 2024-07-01).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => d.format("%Y年%-m月%-d日").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// The statistics table's title, with the bureau's name when there is one.
pub fn stats_title(bureau: &str, q: Quarter, lang: Lang) -> String {
    let (bureau, q) = (bureau.trim(), quarter(q, lang));
    match (bureau.is_empty(), lang) {
        (false, Lang::Zh) => format!("{bureau} {q}“双随机、一公开”抽查统计表"),
        (true, Lang::Zh) => format!("{q}“双随机、一公开”抽查统计表"),
        (false, Lang::En) => {
            format!("{bureau}: statistics of random inspections (“double random, one public”), {q}")
        }
        (true, Lang::En) => {
            format!("Statistics of random inspections (“double random, one public”), {q}")
        }
    }
}

/// The assessment's title: of a quarter, or of a whole year.
pub fn assessment_title(bureau: &str, p: Period, lang: Lang) -> String {
    let bureau = bureau.trim();
    let period = match (p, lang) {
        (Period::Quarter(q), _) => quarter(q, lang),
        (Period::Year(y), Lang::Zh) => format!("{y}年度"),
        (Period::Year(y), Lang::En) => format!("year {y}"),
    };
    match (bureau.is_empty(), lang) {
        (false, Lang::Zh) => format!("{bureau} {period}检查人员考核表"),
        (true, Lang::Zh) => format!("{period}检查人员考核表"),
        (false, Lang::En) => format!("{bureau}: inspector assessment, {period}"),
        (true, Lang::En) => format!("Inspector assessment, {period}"),
    }
}

/// A unit of count (计量单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// 家: enterprises.
    Firms,
    /// 次: inspections, checks, results.
    Times,
    /// 件: cases.
    Cases,
    /// 份: signed records.
    Copies,
    /// 人: people.
    People,
}

pub fn unit(u: Unit, lang: Lang) -> &'static str {
    let (zh, en) = match u {
        Unit::Firms => ("家", "firms"),
        Unit::Times => ("次", "times"),
        Unit::Cases => ("件", "cases"),
        Unit::Copies => ("份", "records"),
        Unit::People => ("人", "persons"),
    };
    lang.t(zh, en)
}

/// A column head with its unit: 任务数（次）.
pub fn with_unit(l: Label, u: Unit, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}）", label(l, lang), unit(u, lang)),
        Lang::En => format!("{} ({})", label(l, lang), unit(u, lang)),
    }
}

/// The reporting unit line (填报单位（盖章）), with the bureau's name.
pub fn reporting_unit(bureau: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("填报单位（盖章）：{}", bureau.trim()),
        Lang::En => format!("Reporting unit (seal): {}", bureau.trim()),
    }
}

/// The heading of a quarter's grade column in the year's assessment: 第二季度 / Q2.
pub fn quarter_column(q: Quarter, lang: Lang) -> String {
    const N: [&str; 4] = ["一", "二", "三", "四"];
    let i = usize::from(q.number().saturating_sub(1)).min(3);
    match lang {
        Lang::Zh => format!("第{}季度{}", N[i], label(Label::Grade, lang)),
        Lang::En => format!("Q{} {}", i + 1, label(Label::Grade, lang)),
    }
}

/// The totals row's people count: 合计 12 人.
pub fn people(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 人"),
        Lang::En => format!("{n} persons"),
    }
}

/// A grade (S9) as shown.
pub fn grade(g: Grade, lang: Lang) -> &'static str {
    lang.t(g.zh(), g.en())
}

/// The summary's title.
pub fn summary_title(q: Quarter, lang: Lang) -> String {
    let q = quarter(q, lang);
    match lang {
        Lang::Zh => format!("{q}“双随机、一公开”工作总结（草稿）"),
        Lang::En => {
            format!("Work summary of random inspections (“double random, one public”), {q} (draft)")
        }
    }
}

/// The line with the date the table was made.
pub fn made_on(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("填报日期：{d}"),
        Lang::En => format!("Made on {d}"),
    }
}

/// A result category's row label in the results table (kept apart from the fixed labels).
pub fn category_row(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("其中：{name}"),
        Lang::En => format!("of which: {name}"),
    }
}

/// A target met or not, in a sentence.
fn met(b: bool, lang: Lang) -> &'static str {
    match b {
        true => lang.t("达到要求", "met"),
        false => lang.t("未达到要求", "not met"),
    }
}

/// The opening sentence of the overview.
pub fn intro(q: Quarter, lang: Lang) -> String {
    let (start, end) = (date(q.start(), lang), date(q.end(), lang));
    let q = quarter(q, lang);
    match lang {
        Lang::Zh => format!(
            "{q}（{start}至{end}），按照“双随机、一公开”监管工作要求，对各类检查对象开展随机抽查，现将有关情况总结如下。"
        ),
        Lang::En => format!(
            "In {q} ({start} to {end}), targets of every class were inspected at random under the \
             “double random, one public” rules, as follows."
        ),
    }
}

/// One class's figures in a sentence; `name` is the class's name.
pub fn class_sentence(name: &str, c: &ClassLine, lang: Lang) -> String {
    let ratio = format_percent(c.ratio_bp);
    let share = format_percent(c.share_bp);
    let m = met(c.met, lang);
    let (pop, req, drawn, insp) = (c.population, c.required, c.drawn, c.inspected);
    if pop == 0 {
        return match lang {
            Lang::Zh => format!("{name}：本季度无此类检查对象。"),
            Lang::En => format!("Class “{name}”: no targets this quarter."),
        };
    }
    match (c.group == Group::PositiveList, lang) {
        (true, Lang::Zh) => format!(
            "{name}共 {pop} 家，按 {ratio} 的比例应实施非现场监管 {req} 家，已实施 {insp} 家，占 {share}，{m}。"
        ),
        (true, Lang::En) => format!(
            "Class “{name}”: {pop} in total; at {ratio}, {req} to be supervised off-site; {insp} \
             supervised ({share}); {m}."
        ),
        (false, Lang::Zh) => format!(
            "{name}共 {pop} 家，按 {ratio} 的比例应抽查 {req} 家，已抽取 {drawn} 家，抽取后已检查 {insp} 家，检查比例 {share}，{m}。"
        ),
        (false, Lang::En) => format!(
            "Class “{name}”: {pop} in total; at {ratio}, {req} required; {drawn} drawn, {insp} \
             drawn and inspected ({share}); {m}."
        ),
    }
}

/// Internal-joint inspections (S4) in a sentence: the real share over inspections done, and
/// the share the draws planned.
pub fn internal_joint(s: &Share, planned: &Share, lang: Lang) -> String {
    let (share, target, m) = (
        format_percent(s.share_bp),
        format_percent(s.target_bp),
        met(s.met, lang),
    );
    let (part, whole, plan) = (s.part, s.whole, format_percent(planned.share_bp));
    match (whole, lang) {
        (0, Lang::Zh) => {
            format!(
                "本季度尚无已完成的随机抽查，部门内联合抽查比例（要求不低于 {target}）无从计算。"
            )
        }
        (0, Lang::En) => format!(
            "No random check was done this quarter, so the internal-joint share (target {target}) \
             cannot be computed."
        ),
        (_, Lang::Zh) => format!(
            "本季度已完成的 {whole} 次随机抽查中，实际由两个以上科室执法人员联合检查的 {part} 次，占 {share}（抽取时计划 {plan}），要求不低于 {target}，{m}。"
        ),
        (_, Lang::En) => format!(
            "Of the {whole} random checks done this quarter, {part} were made by officers of two \
             or more sections ({share}; planned at the draw {plan}; target {target}); {m}."
        ),
    }
}

/// Random checks that used the classes (S6 85% rule) in a sentence.
pub fn classified(s: &Share, lang: Lang) -> String {
    let (share, target, m) = (
        format_percent(s.share_bp),
        format_percent(s.target_bp),
        met(s.met, lang),
    );
    let (part, whole) = (s.part, s.whole);
    match (whole, lang) {
        (0, Lang::Zh) => {
            format!("本季度尚无已完成的随机抽查，分级分类抽查占比（要求不低于 {target}）无从计算。")
        }
        (0, Lang::En) => format!(
            "No random check was done this quarter, so the share of checks using the classes \
             (target {target}) cannot be computed."
        ),
        (_, Lang::Zh) => format!(
            "本季度随机抽查 {whole} 次，其中运用信用风险分级分类开展的 {part} 次，占 {share}，要求不低于 {target}，{m}。"
        ),
        (_, Lang::En) => format!(
            "Of the {whole} random checks this quarter, {part} used the classes ({share}, target              {target}); {m}."
        ),
    }
}

/// Inspections of targets no draw selected (非随机检查), in a sentence.
pub fn non_random(n: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "另有非随机检查（投诉举报核查、导入的历史记录等，未经本季度摇号抽取）{n} 次，不计入以上抽查比例。"
        ),
        Lang::En => format!(
            "Besides, {n} inspections of targets no draw of the quarter selected (complaints, \
             imported records) are not counted in the ratios above."
        ),
    }
}

/// Off-site supervision of positive-list firms (S6) in a sentence.
pub fn offsite(s: &Share, lang: Lang) -> String {
    let (share, target, m) = (
        format_percent(s.share_bp),
        format_percent(s.target_bp),
        met(s.met, lang),
    );
    let (part, whole) = (s.part, s.whole);
    match (whole, lang) {
        (0, Lang::Zh) => "本季度无正面清单企业。".to_string(),
        (0, Lang::En) => "No positive-list firms this quarter.".to_string(),
        (_, Lang::Zh) => format!(
            "正面清单企业 {whole} 家中，{part} 家已通过在线监测、分表计电、视频监控等方式实施非现场监管，覆盖率 {share}，要求 {target}，{m}。"
        ),
        (_, Lang::En) => format!(
            "Of the {whole} positive-list firms, {part} were supervised off-site (online \
             monitoring, metered power, video) ({share}, target {target}); {m}."
        ),
    }
}

/// A year-to-date count against the year's target.
fn against_target(done: u64, target: u64, unit: &str, lang: Lang) -> String {
    if target == 0 {
        return match lang {
            Lang::Zh => "未设定全年目标".to_string(),
            Lang::En => "no target set for the year".to_string(),
        };
    }
    let s = Share::new(done, target, 10_000);
    let p = format_percent(s.share_bp);
    match (s.met, lang) {
        (true, Lang::Zh) => format!("全年目标 {target} {unit}，已完成"),
        (false, Lang::Zh) => format!("全年目标 {target} {unit}，已完成 {p}"),
        (true, Lang::En) => format!("year's target {target}, reached"),
        (false, Lang::En) => format!("year's target {target}, {p} reached"),
    }
}

/// Department-joint inspections (S4) in a sentence.
pub fn department_joint(j: &JointLine, lang: Lang) -> String {
    let ti = against_target(j.inspections_ytd, j.target_inspections, "次", lang);
    let ts = against_target(j.subjects_ytd, j.target_subjects, "家", lang);
    match lang {
        Lang::Zh => format!(
            "部门联合抽查：本季度开展 {} 次，检查对象 {} 家；本年累计开展 {} 次（{ti}），检查对象 {} 家（{ts}）。",
            j.inspections, j.subjects, j.inspections_ytd, j.subjects_ytd
        ),
        Lang::En => format!(
            "Department-joint inspections: {} this quarter covering {} subjects; {} so far this \
             year ({ti}) covering {} subjects ({ts}).",
            j.inspections, j.subjects, j.inspections_ytd, j.subjects_ytd
        ),
    }
}

/// Results entered and their categories in a sentence.
pub fn results_entered(r: &ResultLine, lang: Lang) -> String {
    let cats: Vec<String> = r
        .by_category
        .iter()
        .map(|(name, n)| match lang {
            Lang::Zh => format!("{name} {n} 条"),
            Lang::En => format!("{name}: {n}"),
        })
        .collect();
    match (cats.is_empty(), lang) {
        (true, Lang::Zh) => format!("本季度共录入检查结果 {} 条。", r.entered),
        (true, Lang::En) => format!(
            "{} inspection results were entered this quarter.",
            r.entered
        ),
        (false, Lang::Zh) => format!(
            "本季度共录入检查结果 {} 条，其中{}。",
            r.entered,
            cats.join("，")
        ),
        (false, Lang::En) => format!(
            "{} inspection results were entered this quarter ({}).",
            r.entered,
            cats.join("; ")
        ),
    }
}

/// Problems, cases and rectifications in a sentence.
pub fn findings(r: &ResultLine, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "检查中发现问题 {} 条，立案查处 {} 件，责令整改 {} 条。",
            r.problems, r.cases, r.rectifications
        ),
        Lang::En => format!(
            "Problems were found in {}; {} cases were filed; {} were ordered to rectify.",
            r.problems, r.cases, r.rectifications
        ),
    }
}

/// Review and publication (N3) in a sentence.
pub fn publication(r: &ResultLine, lang: Lang) -> String {
    let rate = format_percent(crate::domain::stats::share_bp(
        r.published_on_time,
        r.published,
    ));
    match (r.published, lang) {
        (0, Lang::Zh) => format!("已审核 {} 条，本季度尚未公示检查结果。", r.approved),
        (0, Lang::En) => format!(
            "{} results were approved; none has been published yet.",
            r.approved
        ),
        (_, Lang::Zh) => format!(
            "已审核 {} 条，已公示 {} 条，其中 20 个工作日内按时公示 {} 条，公示及时率 {rate}。",
            r.approved, r.published, r.published_on_time
        ),
        (_, Lang::En) => format!(
            "{} results were approved and {} published, {} of them within 20 working days \
             ({rate}).",
            r.approved, r.published, r.published_on_time
        ),
    }
}

/// Signatures on the inspection records (S8) in a sentence.
pub fn signatures(r: &ResultLine, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "检查记录取得当事人签字 {} 份，当事人拒绝签字 {} 份，无法取得签字 {} 份。",
            r.signed, r.refused, r.unobtainable
        ),
        Lang::En => format!(
            "Inspection records signed: {}; signature refused: {}; signature unobtainable: {}.",
            r.signed, r.refused, r.unobtainable
        ),
    }
}

/// A number in Chinese (1–99; larger numbers in digits).
fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10..=19 => format!("十{}", D[n % 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The heading of the `n`-th typical case (1-based).
pub fn case_heading(n: usize, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{}）{name}", chinese_number(n)),
        Lang::En => format!("Case {n}: {name}"),
    }
}

/// A typical case's code, inspection date and result in one sentence.
pub fn case_facts(code: &str, d: NaiveDate, category: &str, lang: Lang) -> String {
    let parts = [
        labelled(Label::CaseCode, code, lang),
        labelled(Label::CaseDate, &date(d, lang), lang),
        labelled(Label::CaseCategory, category, lang),
    ];
    match lang {
        Lang::Zh => format!("{}。", parts.join("；")),
        Lang::En => format!("{}.", parts.join("; ")),
    }
}

/// A label and its value in running text.
pub fn labelled(l: Label, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}：{value}", label(l, lang)),
        Lang::En => format!("{}: {value}", label(l, lang)),
    }
}

/// Why the report could not be written: the XLSX writer's message `m`.
pub fn report_error(m: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法生成季度统计 XLSX 文件：{m}"),
        Lang::En => format!("cannot write the quarterly report as XLSX: {m}"),
    }
}

// File names and the reports tab (preview).

pub fn file_stem(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("季度统计表-{quarter}"),
        Lang::En => format!("quarterly-statistics-{quarter}"),
    }
}

pub fn summary_stem(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("工作总结草稿-{quarter}"),
        Lang::En => format!("summary-draft-{quarter}"),
    }
}

pub fn assessment_stem(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("检查人员考核表-{quarter}"),
        Lang::En => format!("assessment-{quarter}"),
    }
}

pub fn tab_title(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("统计报表 {quarter}（< > 切换季度）"),
        Lang::En => format!("Reports {quarter} (< > change quarter)"),
    }
}

pub fn heading(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "progress" => (
            "各类对象检查进度（已检查/应抽查）",
            "Progress per class (inspected/required)",
        ),
        "internal_joint" => ("部门内联合抽查（实际）", "internal-joint (done)"),
        "internal_joint_planned" => ("部门内联合（抽取计划）", "internal-joint (planned)"),
        "classified" => ("分级分类抽查占比", "checks using the classes"),
        "offsite" => ("正面清单非现场监管", "positive list off-site"),
        "department_joint" => ("部门联合抽查（本年）", "department-joint (year)"),
        "trend" => (
            "近四个季度完成情况（现场检查类）",
            "Last four quarters (on-site classes)",
        ),
        "results" => ("检查结果分类", "Results by category"),
        "assessment" => ("检查人员考核", "Inspector assessment"),
        "typical" => ("典型案例", "Typical cases"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn subjects(done: u64, target: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("次；对象 {done}/{target} 家"),
        Lang::En => format!("inspections; {done}/{target} subjects"),
    }
}

pub fn results_summary(r: &crate::domain::stats::ResultLine, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "录入 {} · 发现问题 {} · 立案 {} · 责令整改 {} · 已公示 {}（按时 {}） · 签字 {}/拒签 {}/无法签字 {}",
            r.entered,
            r.problems,
            r.cases,
            r.rectifications,
            r.published,
            r.published_on_time,
            r.signed,
            r.refused,
            r.unobtainable
        ),
        Lang::En => format!(
            "entered {} · problems {} · cases {} · rectifications {} · published {} (on time {}) · signed {}/refused {}/not obtainable {}",
            r.entered,
            r.problems,
            r.cases,
            r.rectifications,
            r.published,
            r.published_on_time,
            r.signed,
            r.refused,
            r.unobtainable
        ),
    }
}

pub fn assessment_line(a: &crate::domain::stats::Assessment, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "任务 {} 完成 {} 按时 {} 签字 {} 问题 {} 立案 {} 退回 {}",
            a.assignments, a.completed, a.on_time, a.signatures, a.problems, a.cases, a.returned
        ),
        Lang::En => format!(
            "assigned {} done {} on time {} signed {} problems {} cases {} returned {}",
            a.assignments, a.completed, a.on_time, a.signatures, a.problems, a.cases, a.returned
        ),
    }
}

pub fn exported(names: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写入发件箱：{}", names.join("、")),
        Lang::En => format!("written to your outbox: {}", names.join(", ")),
    }
}

pub fn bad_period(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是季度（如 2024Q2）或年份（如 2024）"),
        Lang::En => format!("{s:?} is neither a quarter (2024Q2) nor a year (2024)"),
    }
}

pub fn bad_grade(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是评估等次；可选：优秀、合格、基本合格、不合格"),
        Lang::En => format!("{s:?} is not a grade; use excellent, pass, basic or fail"),
    }
}

pub fn evaluation_title(q: Quarter, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}检查人员综合评估", quarter(q, lang)),
        Lang::En => format!("Inspector evaluations, {}", quarter(q, lang)),
    }
}

pub fn evaluation_headers(lang: Lang) -> Vec<String> {
    [
        ("执法证号", "certificate"),
        ("姓名", "name"),
        ("综合评估", "grade"),
        ("评估意见", "remark"),
        ("评估人", "by"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

pub fn joint_headers(lang: Lang) -> Vec<String> {
    [
        ("日期", "date"),
        ("牵头部门", "lead"),
        ("联合部门", "departments"),
        ("检查对象", "subjects"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_dates_and_numbers() {
        let q = Quarter::new(2024, 2).unwrap();
        assert_eq!(
            stats_title("唐山市生态环境局", q, Lang::Zh),
            "唐山市生态环境局 2024年第二季度“双随机、一公开”抽查统计表"
        );
        assert_eq!(
            summary_title(q, Lang::Zh),
            "2024年第二季度“双随机、一公开”工作总结（草稿）"
        );
        assert_eq!(date(q.end(), Lang::Zh), "2024年6月30日");
        assert_eq!(chinese_number(1), "一");
        assert_eq!(chinese_number(10), "十");
        assert_eq!(chinese_number(12), "十二");
        assert_eq!(chinese_number(40), "四十");
        assert_eq!(chinese_number(57), "五十七");
        assert_eq!(chinese_number(100), "100");
    }

    #[test]
    fn yearly_targets() {
        assert_eq!(against_target(3, 0, "次", Lang::Zh), "未设定全年目标");
        assert_eq!(
            against_target(5, 4, "次", Lang::Zh),
            "全年目标 4 次，已完成"
        );
        assert_eq!(
            against_target(1, 4, "家", Lang::Zh),
            "全年目标 4 家，已完成 25%"
        );
    }
}
