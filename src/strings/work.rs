//! Text of the results tab: the worklist, the pre-visit view and the result form.

use super::Lang;
use crate::domain::calendar::Due;
use crate::domain::result::WorkState;

pub fn column(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "state" => ("状态", "state"),
        "due" => ("截止日期", "due"),
        "draw" => ("抽取", "draw"),
        "name" => ("检查对象", "target"),
        "team" => ("检查人员", "team"),
        "sections" => ("科室", "sections"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn state(s: WorkState, lang: Lang) -> &'static str {
    match s {
        WorkState::Returned => lang.t("已退回", "returned"),
        WorkState::Pending => lang.t("待录入", "to enter"),
        WorkState::Submitted => lang.t("待审核", "to review"),
        WorkState::Approved => lang.t("待公示", "approved"),
        WorkState::Published => lang.t("已公示", "published"),
    }
}

pub fn overdue(lang: Lang) -> &'static str {
    lang.t("!逾期", "!late")
}

pub fn no_calendar(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("缺{year}年日历"),
        Lang::En => format!("no {year} calendar"),
    }
}

/// A deadline in full: `2027-01-04`, or when the year's holidays are not entered
/// `2027-01-04（暂按周末计算，2027年节假日未录入）`.
pub fn due(d: &Due, lang: Lang) -> String {
    match (d.provisional, lang) {
        (None, _) => d.date.to_string(),
        (Some(y), Lang::Zh) => format!("{}（暂按周末计算，{y}年节假日未录入）", d.date),
        (Some(y), Lang::En) => format!(
            "{} (provisional: weekends only, no {y} holidays entered)",
            d.date
        ),
    }
}

/// A deadline in a list column: `2027-01-04`, or `2027-01-04暂定` when provisional.
pub fn due_short(d: &Due, lang: Lang) -> String {
    match d.provisional {
        None => d.date.to_string(),
        Some(_) => format!("{}{}", d.date, lang.t("暂定", " est.")),
    }
}

/// The width of the deadline column of the worklist: a provisional date fits.
pub const DUE_WIDTH: u16 = 15;

/// On the home screen, for administrators: a year's holidays are missing and how to enter them.
pub fn calendar_hint(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{year}年节假日和调休安排未录入，期限暂按周末计算。请按国务院办公厅公布的安排录入：首页按 c（工作日历），或命令 shuangsui calendar set {year}-01-01 holiday --note 元旦（逐日录入；全年无调休时用 shuangsui calendar year {year}）"
        ),
        Lang::En => format!(
            "No {year} holidays entered: deadlines count weekends only. Enter the State Council's \
             schedule: key c on this screen (working-day calendar), or shuangsui calendar set \
             {year}-01-01 holiday --note \"New Year\" (one day at a time; shuangsui calendar year \
             {year} for a year without changes)"
        ),
    }
}

/// The title of the re-check form (复查) of a target of a draw.
pub fn recheck_title(draw: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("复查 {draw} {name}"),
        Lang::En => format!("Re-check {draw} {name}"),
    }
}

pub fn form_title(draw: &str, name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("检查结果 {draw} {name}"),
        Lang::En => format!("Result {draw} {name}"),
    }
}

pub fn section(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "assignment" => ("检查任务", "Assignment"),
        "result" => ("检查结果", "Result"),
        "visits" => ("历次检查记录", "Inspections on record"),
        "earlier" => ("以往检查结果", "Earlier results"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn label(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "lead" => ("组长", "lead"),
        "items" => ("检查事项", "items"),
        "inspected_on" => ("检查日期", "inspected on"),
        "category" => ("检查结果", "result"),
        "findings" => ("发现问题", "findings"),
        "signature" => ("签字情况", "signature"),
        "review_comment" => ("审核意见", "review comment"),
        _ => ("", ""),
    };
    lang.t(zh, en)
}

pub fn published(n: usize, quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{quarter} 季度公示已生成：{n} 条已审核的检查结果"),
        Lang::En => format!("notice of {quarter} written: {n} approved results"),
    }
}

pub fn calendar_headers(lang: Lang) -> Vec<String> {
    [("日期", "date"), ("类型", "kind"), ("说明", "note")]
        .iter()
        .map(|(z, e)| lang.t(z, e).to_string())
        .collect()
}

pub fn calendar_years(years: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已录入节假日安排的年份：{}", years.join("、")),
        Lang::En => format!("years entered: {}", years.join(", ")),
    }
}

pub fn bad_day_kind(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是 holiday（放假）或 workday（调休上班）"),
        Lang::En => format!("{s:?} is not holiday or workday"),
    }
}

pub fn calendar_set(d: chrono::NaiveDate, kind: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{d} 设为{kind}"),
        Lang::En => format!("{d} is now a {kind} day"),
    }
}

pub fn calendar_cleared(d: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{d} 恢复为普通日期"),
        Lang::En => format!("{d} is an ordinary day again"),
    }
}

pub fn deadline_line(what: &str, date: &str, lang: Lang) -> String {
    let (zh, en) = match what {
        "work" => (
            "本季度抽查工作完成（季末前 5 个工作日）",
            "quarter's work done (5 working days before its end)",
        ),
        "statistics" => (
            "报送统计表（季后第 1 个工作日）",
            "statistics table (1st working day after)",
        ),
        _ => (
            "检查记录表移交（季后 7 个工作日内）",
            "record forms handed in (7 working days after)",
        ),
    };
    super::labelled(lang.t(zh, en), date, lang)
}

pub fn deadlines_title(lang: Lang) -> &'static str {
    lang.t("本季度时限", "Deadlines")
}

pub fn deadlines_short(work: &str, stats: &str, records: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("：完成 {work} · 统计表 {stats} · 记录表 {records}"),
        Lang::En => format!(": work {work} · statistics {stats} · records {records}"),
    }
}

pub fn joint_line(
    done: u64,
    target: u64,
    subjects: u64,
    target_subjects: u64,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => {
            format!("部门联合抽查（本年）{done}/{target} 次，对象 {subjects}/{target_subjects} 家")
        }
        Lang::En => format!(
            "department-joint (this year) {done}/{target} inspections, {subjects}/{target_subjects} subjects"
        ),
    }
}

/// Working days left to a deadline (negative: past), short.
pub fn days_left(n: i64, lang: Lang) -> String {
    match (lang, n >= 0) {
        (Lang::Zh, true) => format!("(剩{n})"),
        (Lang::Zh, false) => format!("(过{})", -n),
        (Lang::En, true) => format!(" ({n} left)"),
        (Lang::En, false) => format!(" ({} past)", -n),
    }
}

pub fn soon_line(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 条结果距公示时限不足 3 个工作日"),
        Lang::En => format!("{n} results within 3 working days of their publication deadline"),
    }
}

pub fn recent_title(lang: Lang) -> &'static str {
    lang.t("最近操作", "Recent activity")
}

pub fn waiting_line(to_enter: usize, to_review: usize, to_publish: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("待录入 {to_enter} 条 · 待审核 {to_review} 条 · 待公示 {to_publish} 条")
        }
        Lang::En => {
            format!("{to_enter} to enter · {to_review} to review · {to_publish} to publish")
        }
    }
}

pub fn late_line(enter: usize, publish: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("!逾期：{enter} 条未按时完成检查录入，{publish} 条超过 20 个工作日公示时限")
        }
        Lang::En => format!(
            "!late: {enter} not entered in time, {publish} past the 20-working-day publication deadline"
        ),
    }
}

pub fn bad_method(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是非现场监管方式：在线监测、分表计电或视频监控"),
        Lang::En => {
            format!("{s:?} is not an off-site method: online_monitoring, sub_metering or video")
        }
    }
}

pub fn offsite_headers(lang: Lang) -> Vec<String> {
    [
        ("统一社会信用代码", "credit code"),
        ("单位名称", "name"),
        ("非现场监管记录", "off-site records"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

pub fn offsite_coverage(quarter: &str, done: usize, all: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("{quarter} 正面清单企业 {all} 家，已开展非现场监管 {done} 家（要求 100%）")
        }
        Lang::En => format!(
            "{quarter}: {done} of {all} positive-list firms supervised off-site (100% required)"
        ),
    }
}

pub fn category_headers(lang: Lang) -> Vec<String> {
    [
        ("编码", "code"),
        ("名称", "name"),
        ("英文名称", "English"),
        ("发现问题", "problem"),
        ("需立案编号", "case no."),
        ("需说明", "remark"),
    ]
    .iter()
    .map(|(z, e)| lang.t(z, e).to_string())
    .collect()
}

pub fn return_prompt(lang: Lang) -> &'static str {
    lang.t(
        "退回原因（检查人员会看到），回车提交：",
        "Why is it returned (the inspectors see this)? Enter submits:",
    )
}

pub fn approved(lang: Lang) -> &'static str {
    lang.t("已审核通过", "approved")
}

pub fn returned(lang: Lang) -> &'static str {
    lang.t("已退回检查人员修改", "returned to the inspectors")
}

pub fn not_reviewable(lang: Lang) -> &'static str {
    lang.t(
        "所选任务没有待审核的结果",
        "the selected assignment has no result awaiting review",
    )
}

pub fn saved_next(lang: Lang) -> &'static str {
    lang.t("已保存，继续录入下一条", "saved; on to the next")
}

pub fn all_done(lang: Lang) -> &'static str {
    lang.t(
        "已保存，没有其他待录入的任务",
        "saved; nothing else to enter",
    )
}

#[cfg(test)]
mod due_tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn provisional_deadlines_say_so() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let p = Due {
            date,
            provisional: Some(2027),
        };
        assert_eq!(
            due(&p, Lang::Zh),
            "2027-01-04（暂按周末计算，2027年节假日未录入）"
        );
        assert_eq!(due_short(&p, Lang::Zh), "2027-01-04暂定");
        let known = Due {
            date,
            provisional: None,
        };
        assert_eq!(due(&known, Lang::En), "2027-01-04");
        use unicode_width::UnicodeWidthStr;
        for lang in [Lang::Zh, Lang::En] {
            assert!(due_short(&p, lang).width() <= usize::from(DUE_WIDTH));
        }
    }
}
