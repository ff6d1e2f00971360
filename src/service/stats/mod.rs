//! Quarterly statistics (S11), department-joint inspections (S4) and inspector assessment
//! (S9): computed here once, so that the report, the summary draft and the dashboard show the
//! same numbers.

use super::draws::snapshot_id;
use super::followups::followup_of;
use super::results::{publication_deadline, quarter_deadlines};
use super::{Actor, Change, READERS, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::calendar::Calendar;
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::figures::{
    PlanLine, classified_share, followup_counts, internal_joint_share, offsite_share, plan_line,
    planned_joint_share,
};
use crate::domain::followup::Status;
use crate::domain::missing::Missing;
use crate::domain::quarter::Quarter;
use crate::domain::result::{Category, JointInspection, ReviewStatus, Signature};
use crate::domain::stats::{
    Assessment, ClassLine, JointLine, Period, QuarterStats, ResultLine, TypicalCase,
};
use crate::domain::user::Role;
use crate::exchange::report::{self, ReportInput};
use crate::store::AssignmentRow;
use crate::strings::Lang;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

mod joint;

/// Who reads the statistics.
pub const STATS_READERS: &[Role] = &[Role::Admin, Role::Leader, Role::Auditor];

impl Service {
    /// The quarterly statistics table (administrators, leaders, auditors).
    /// Computed once per change and shared by a server's sessions (`service::derived`).
    pub fn quarter_stats(&mut self, actor: &Actor, quarter: Quarter) -> Result<QuarterStats> {
        actor.require(STATS_READERS)?;
        let mark = self.mark()?;
        let derived = std::sync::Arc::clone(&self.derived);
        let stats = derived.stats(quarter, mark, || Ok(self.stats_and_rows(actor, quarter)?.0))?;
        Ok((*stats).clone())
    }

    /// The statistics, and the quarter's assignments they were counted from.
    fn stats_and_rows(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<(QuarterStats, Vec<AssignmentRow>)> {
        actor.require(STATS_READERS)?;
        let (cq, facts) = self.quarter_facts(&Actor::console(), quarter)?;
        let plan: Vec<PlanLine> = cq.quotas.iter().map(|q| plan_line(q, &facts)).collect();
        let ratios = cq.ratios;
        let q = quarter.to_string();
        let year_start =
            NaiveDate::from_ymd_opt(quarter.start().year(), 1, 1).unwrap_or(quarter.start());
        let (rows, cats, cal, joints, joints_ytd, targets) = self.store.read(|db| {
            Ok::<_, ServiceError>((
                db.assignments_of(&q)?,
                db.categories()?,
                db.calendar()?,
                db.joints_between(quarter.start(), quarter.end())?,
                db.joints_between(year_start, quarter.end())?,
                db.joint_targets(quarter.start().year())?,
            ))
        })?;
        let classes: Vec<ClassLine> = plan.iter().map(ClassLine::of).collect();
        let (ti, ts) = targets.unwrap_or((0, 0));
        let subjects = |js: &[JointInspection]| js.iter().map(|j| j.subjects.len() as u64).sum();
        let department_joint = JointLine {
            inspections: joints.len() as u64,
            subjects: subjects(&joints),
            inspections_ytd: joints_ytd.len() as u64,
            subjects_ytd: subjects(&joints_ytd),
            target_inspections: u64::from(ti),
            target_subjects: u64::from(ts),
        };
        let (res, typical) = count_results(&rows, &cats, &cal);
        let rechecks = self.store.read(|db| db.rechecks())?;
        let followups: Vec<_> = (rows.iter())
            .filter_map(|a| followup_of(a.result.as_ref()?, &cats, &rechecks))
            .collect();
        Ok((
            QuarterStats {
                quarter,
                classes,
                internal_joint: internal_joint_share(&facts, ratios.internal_joint),
                internal_joint_planned: planned_joint_share(&facts, ratios.internal_joint),
                classified: classified_share(&facts, ratios.classified_share),
                non_random: plan.iter().map(|l| l.non_random).sum(),
                offsite: offsite_share(&plan, ratios.positive_offsite),
                department_joint,
                results: res,
                followups: followup_counts(&followups, self.today()),
                typical,
            },
            rows,
        ))
    }

    /// Inspector assessment (S9) over one or more quarters (a year: its four): per person,
    /// assignments, completed, on time, signatures, problems, cases, returned for rework.
    pub fn assessment(&mut self, actor: &Actor, quarters: &[Quarter]) -> Result<Vec<Assessment>> {
        actor.require(STATS_READERS)?;
        let mut per = Vec::new();
        for q in quarters {
            per.push((*q, self.store.read(|db| db.assignments_of(&q.to_string()))?));
        }
        self.assess(per)
    }

    /// The assessment over the assignments of some quarters.
    fn assess(&mut self, per: Vec<(Quarter, Vec<AssignmentRow>)>) -> Result<Vec<Assessment>> {
        let (people, cats, cal, rechecks) = self.store.read(|db| {
            Ok::<_, ServiceError>((
                db.inspectors()?,
                db.categories()?,
                db.calendar()?,
                db.rechecks()?,
            ))
        })?;
        let today = self.today();
        let mut by: BTreeMap<String, Assessment> = people
            .iter()
            .map(|i| {
                let id = snapshot_id(i.id, &i.data.cert_no);
                (
                    id.clone(),
                    Assessment {
                        id,
                        name: i.data.name.clone(),
                        section: i.data.section.clone(),
                        ..Assessment::default()
                    },
                )
            })
            .collect();
        let n = per.len();
        for (i, (q, rows)) in per.into_iter().enumerate() {
            for e in self.store.read(|db| db.evaluations_of(&q.to_string()))? {
                let line = by.entry(e.inspector.clone()).or_insert_with(|| Assessment {
                    id: e.inspector.clone(),
                    ..Assessment::default()
                });
                line.evaluations.resize(n, None);
                line.evaluations[i] = Some(e);
            }
            let due = quarter_deadlines(&cal, q).work.map_or(q.end(), |d| d.date);
            for a in rows {
                for id in &a.team {
                    let e = by.entry(id.clone()).or_insert_with(|| Assessment {
                        id: id.clone(),
                        ..Assessment::default()
                    });
                    e.assignments += 1;
                    let Some(r) = &a.result else { continue };
                    let follow = followup_of(r, &cats, &rechecks).map(|f| f.status(today));
                    tally(e, r, &cats, due, follow);
                }
            }
        }
        Ok(by
            .into_values()
            .filter(|a| a.assignments > 0 || a.evaluations.iter().any(Option::is_some))
            .map(|mut a| {
                a.evaluations.resize(n, None);
                a
            })
            .collect())
    }

    /// The quarterly statistics table as XLSX (sheet 2: the quarter's assessment).
    pub fn report_xlsx(&mut self, actor: &Actor, q: Quarter, lang: Lang) -> Result<Vec<u8>> {
        Ok(self.render(actor, Period::Quarter(q), |i| report::report_xlsx(i, lang))??)
    }

    /// The draft of the quarterly work summary (工作总结) as HTML.
    pub fn summary_html(&mut self, actor: &Actor, q: Quarter, lang: Lang) -> Result<String> {
        self.render(actor, Period::Quarter(q), |i| report::summary_html(i, lang))
    }

    /// The inspector assessment of a quarter or a year as XLSX.
    pub fn assessment_xlsx(
        &mut self,
        actor: &Actor,
        period: Period,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        Ok(self.render(actor, period, |i| report::assessment_xlsx(i, lang))??)
    }

    /// The report's, summary's and assessment's files of a quarter, for the outbox; the figures
    /// are computed once for the three.
    pub fn report_files(&mut self, actor: &Actor, q: Quarter, lang: Lang) -> Result<super::Files> {
        use crate::strings::report::{assessment_stem, file_stem, summary_stem};
        let name = q.to_string();
        self.render(actor, Period::Quarter(q), |input| -> Result<super::Files> {
            Ok(vec![
                (
                    format!("{}.xlsx", file_stem(&name, lang)),
                    report::report_xlsx(input, lang)?,
                ),
                (
                    format!("{}.html", summary_stem(&name, lang)),
                    report::summary_html(input, lang).into_bytes(),
                ),
                (
                    format!("{}.xlsx", assessment_stem(&name, lang)),
                    report::assessment_xlsx(input, lang)?,
                ),
            ])
        })?
    }

    /// Runs `f` on the report input of `period` (see [`Service::report_parts`]).
    fn render<T>(
        &mut self,
        actor: &Actor,
        period: Period,
        f: impl FnOnce(&ReportInput<'_>) -> T,
    ) -> Result<T> {
        let (stats, assessment, bureau) = self.report_parts(actor, period)?;
        Ok(f(&ReportInput {
            bureau: &bureau,
            period,
            stats: &stats,
            assessment: &assessment,
            made_on: self.today(),
        }))
    }

    /// A quarter's statistics and assessment, its assignments read once for both.
    pub fn quarter_report(
        &mut self,
        actor: &Actor,
        q: Quarter,
    ) -> Result<(QuarterStats, Vec<Assessment>)> {
        let (stats, rows) = self.stats_and_rows(actor, q)?;
        Ok((stats, self.assess(vec![(q, rows)])?))
    }

    /// The statistics of the period's last quarter, the assessment over the period, the
    /// bureau.
    fn report_parts(
        &mut self,
        actor: &Actor,
        period: Period,
    ) -> Result<(QuarterStats, Vec<Assessment>, String)> {
        let quarters = period.quarters();
        let last = quarters
            .last()
            .copied()
            .ok_or_else(|| ServiceError::NotFound(Missing::Quarter))?;
        let (stats, assessment) = match period {
            Period::Quarter(q) => self.quarter_report(actor, q)?,
            Period::Year(_) => (
                self.quarter_stats(actor, last)?,
                self.assessment(actor, &quarters)?,
            ),
        };
        Ok((stats, assessment, self.bureau_name()?))
    }
}

/// Counts result `r` for a person of its team: completed, on time (by `due`), signature,
/// problem, case, returns, and its follow-up's state (`follow`), if it opened one.
fn tally(
    e: &mut Assessment,
    r: &crate::store::ResultRow,
    cats: &[(Category, bool)],
    due: NaiveDate,
    follow: Option<Status>,
) {
    let d = &r.data;
    let cat = cats
        .iter()
        .find(|(c, _)| c.code == d.category)
        .map(|(c, _)| c);
    e.completed += 1;
    e.on_time += u64::from(d.inspected_on <= due);
    e.signatures += u64::from(d.signature == Signature::Signed);
    e.problems += u64::from(cat.is_some_and(|c| c.problem));
    e.cases += u64::from(cat.is_some_and(|c| c.needs_case) || !d.case_no.is_empty());
    e.returned += u64::try_from(r.returns).unwrap_or(0);
    if let Some(status) = follow {
        e.followups += 1;
        e.rechecked += u64::from(status == Status::Closed);
        e.overdue += u64::from(status == Status::Overdue);
    }
}

/// The results of the quarter's assignments: per category (every active one listed), problems,
/// cases, rectifications, review, publication (on time: N3), signatures; and the typical cases.
fn count_results(
    rows: &[AssignmentRow],
    cats: &[(Category, bool)],
    cal: &Calendar,
) -> (ResultLine, Vec<TypicalCase>) {
    let mut res = ResultLine {
        by_category: cats
            .iter()
            .filter(|(_, active)| *active)
            .map(|(c, _)| (c.name.clone(), 0))
            .collect(),
        ..ResultLine::default()
    };
    let mut typical = Vec::new();
    for a in rows {
        let Some(r) = &a.result else { continue };
        let d = &r.data;
        res.entered += 1;
        let cat = cats
            .iter()
            .find(|(c, _)| c.code == d.category)
            .map(|(c, _)| c);
        let name = cat.map_or_else(|| d.category.clone(), |c| c.name.clone());
        match res.by_category.iter_mut().find(|(n, _)| *n == name) {
            Some(x) => x.1 += 1,
            None => res.by_category.push((name.clone(), 1)),
        }
        res.problems += u64::from(cat.is_some_and(|c| c.problem));
        res.cases += u64::from(cat.is_some_and(|c| c.needs_case) || !d.case_no.is_empty());
        res.rectifications += u64::from(d.rectify_by.is_some());
        res.approved += u64::from(r.status == ReviewStatus::Approved);
        if let Some(p) = &r.published_at {
            res.published += 1;
            let on = chrono::DateTime::parse_from_rfc3339(p).map(|t| t.date_naive());
            if let (Ok(on), Ok(due)) = (on, publication_deadline(cal, d.inspected_on)) {
                res.published_on_time += u64::from(on <= due.date);
            }
        }
        match d.signature {
            Signature::Signed => res.signed += 1,
            Signature::Refused => res.refused += 1,
            Signature::Unobtainable => res.unobtainable += 1,
        }
        if d.typical {
            typical.push(TypicalCase {
                name: a.name.clone(),
                code: a.code.clone(),
                date: d.inspected_on,
                category: name,
                findings: d.findings.clone(),
                note: d.typical_note.clone(),
            });
        }
    }
    (res, typical)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::draw::{Certificate, Quota};
    use crate::domain::inspector::InspectorKind;
    use crate::domain::quota::Group;
    use crate::domain::result::{Offsite, OffsiteMethod};
    use crate::service::DrawRequest;
    use crate::service::tests::{admin, service};
    use std::collections::BTreeSet;

    fn q() -> Quarter {
        "2024Q2".parse().unwrap()
    }

    /// The fixture quarter, counted by hand: a released draw of four targets (1 key, 1
    /// special, 2 general); three results — no problem (signed), a case filed (signature
    /// refused, a typical case) and a problem corrected with a deadline (signature not
    /// obtainable); the first two approved and published, the third returned once and entered
    /// again; one positive-list firm supervised off-site; one department-joint inspection of
    /// two firms against a year's target of 4 inspections and 10 subjects.
    pub(crate) fn fixture(s: &mut Service) -> Certificate {
        crate::demo::fill(s, &admin(), 60).unwrap();
        let me = admin();
        let mut r = DrawRequest::new(q());
        r.items = vec!["HB-STHJ-02".into()];
        r.quota = Some(Quota::Classified {
            key: 1,
            special: 1,
            general: 2,
        });
        let id = s.prepare_draw(&me, &r).unwrap().id;
        s.add_entropy(&me, id, "w1", "witness text 1").unwrap();
        let cert = s.reveal_draw(&me, id).unwrap();
        s.confirm_draw(&me, id, Some("w1")).unwrap();
        s.release_draw(&me, id).unwrap();
        let work = s.worklist(&me).unwrap();
        let today = s.today();
        let base = crate::service::results::tests::typical;
        let a: Vec<_> = work.iter().map(|w| w.a.clone()).collect();
        let d = base(s, &a[0]);
        s.save_result(&me, a[0].id, None, &d).unwrap();
        let mut d = base(s, &a[1]);
        d.category = "case_filed".into();
        d.case_no = "唐高环立〔2024〕12号".into();
        d.signature = Signature::Refused;
        d.signature_reason = "法定代表人拒绝签字".into();
        d.typical = true;
        d.typical_note = "未运行废气治理设施".into();
        d.findings = "废气治理设施未运行".into();
        s.save_result(&me, a[1].id, None, &d).unwrap();
        let mut d = base(s, &a[2]);
        d.category = "corrected".into();
        d.rectify_by = Some(today + chrono::Days::new(30));
        d.signature = Signature::Unobtainable;
        d.signature_reason = "负责人不在现场".into();
        s.save_result(&me, a[2].id, None, &d).unwrap();
        let result =
            |s: &mut Service, i: usize| s.assignment(&me, a[i].id).unwrap().result.unwrap();
        for i in [0, 1] {
            let r = result(s, i);
            s.review(&me, r.id, r.revision, true, "").unwrap();
        }
        let r = result(s, 2);
        s.review(&me, r.id, r.revision, false, "补充整改期限依据")
            .unwrap();
        let r = result(s, 2);
        s.save_result(&me, a[2].id, Some(r.revision), &d).unwrap();
        s.publish(&me, q(), true).unwrap();
        let pl = s.offsite(&me, q()).unwrap();
        s.put_offsite(
            &me,
            &pl[0].code,
            q(),
            &Offsite {
                method: OffsiteMethod::Video,
                checked_on: today,
                result: "正常".into(),
                note: String::new(),
            },
        )
        .unwrap();
        let codes: BTreeSet<String> = s
            .enterprises(&me)
            .unwrap()
            .into_iter()
            .take(2)
            .map(|e| e.data.credit_code.to_string())
            .collect();
        s.add_joint_inspection(
            &me,
            &JointInspection {
                date: today,
                departments: vec!["市场监管局".into()],
                lead: "生态环境局".into(),
                subjects: codes,
                note: String::new(),
            },
        )
        .unwrap();
        s.set_joint_targets(&me, 2024, 4, 10).unwrap();
        cert
    }

    #[test]
    fn the_fixture_quarter_counts_as_counted_by_hand() {
        let mut s = service();
        let cert = fixture(&mut s);
        let st = s.quarter_stats(&admin(), q()).unwrap();
        let r = &st.results;
        assert_eq!(r.entered, 3);
        assert_eq!((r.problems, r.cases, r.rectifications), (2, 1, 1));
        assert_eq!((r.approved, r.published, r.published_on_time), (2, 2, 2));
        assert_eq!((r.signed, r.refused, r.unobtainable), (1, 1, 1));
        let count = |name: &str| r.by_category.iter().find(|c| c.0 == name).unwrap().1;
        assert_eq!(
            (
                count("未发现问题"),
                count("立案查处"),
                count("发现问题已责令改正")
            ),
            (1, 1, 1)
        );
        assert_eq!(count("移送公安"), 0, "every category is listed");
        assert_eq!(st.typical.len(), 1);
        assert_eq!(st.typical[0].note, "未运行废气治理设施");
        // Classes: 1 key, 1 special, 2 general drawn; three of the four inspected.
        let line = |g: Group| st.classes.iter().find(|c| c.group == g).unwrap().clone();
        assert_eq!(
            (
                line(Group::Key).drawn,
                line(Group::Special).drawn,
                line(Group::General).drawn
            ),
            (1, 1, 2)
        );
        let inspected: u64 = [Group::Key, Group::Special, Group::General]
            .iter()
            .map(|g| line(*g).inspected)
            .sum();
        assert_eq!(inspected, 3);
        assert_eq!(line(Group::PositiveList).inspected, 1);
        assert_eq!(st.offsite.part, 1);
        assert_eq!(st.offsite.whole, line(Group::PositiveList).population);
        // Planned: the teams the draw marked joint, of 4; done: of the 3 results, those whose
        // officers present come from two or more sections (counted from the registry).
        let joint = cert.outcome.teams.iter().filter(|t| t.joint).count() as u64;
        assert_eq!(
            (
                st.internal_joint_planned.part,
                st.internal_joint_planned.whole
            ),
            (joint, 4)
        );
        assert_eq!(
            (st.internal_joint.part, st.internal_joint.whole),
            (sections_joint(&mut s), 3)
        );
        // Random checks: the three drawn targets inspected, all by a classified draw.
        assert_eq!(
            (st.classified.part, st.classified.whole, st.classified.met),
            (3, 3, true)
        );
        let dj = st.department_joint;
        assert_eq!((dj.inspections, dj.subjects, dj.inspections_ytd), (1, 2, 1));
        assert_eq!((dj.target_inspections, dj.target_subjects), (4, 10));
        // Assessment: everyone in a team has it counted; the returned result counts once.
        let a = s.assessment(&admin(), &[q()]).unwrap();
        assert_eq!(a.iter().map(|x| x.assignments).sum::<u64>(), 8);
        assert_eq!(a.iter().map(|x| x.completed).sum::<u64>(), 6);
        assert_eq!(a.iter().map(|x| x.returned).sum::<u64>(), 2);
        assert_eq!(a.iter().map(|x| x.cases).sum::<u64>(), 2);
    }

    /// The results of the quarter whose officers present come from two or more sections,
    /// counted directly from the registry.
    fn sections_joint(s: &mut Service) -> u64 {
        let people = s.inspectors(&admin()).unwrap();
        let section = |id: &String| {
            people
                .iter()
                .find(|i| &i.data.cert_no == id)
                .filter(|i| i.data.kind == InspectorKind::Officer)
                .map(|i| i.data.section.clone())
        };
        s.worklist(&admin())
            .unwrap()
            .iter()
            .filter_map(|w| w.a.result.as_ref())
            .filter(|r| {
                let secs: BTreeSet<String> = r.data.present.iter().filter_map(section).collect();
                secs.len() >= 2
            })
            .count() as u64
    }

    /// The cells of the produced XLSX, looked up by their column-A label, against the fixture
    /// counted by hand (see [`fixture`]).
    #[test]
    fn the_report_holds_the_fixture_cell_by_cell() {
        use calamine::{Data, Reader, Xlsx};
        let mut s = service();
        let cert = fixture(&mut s);
        let bytes = s.report_xlsx(&admin(), q(), Lang::Zh).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let sheet = wb.worksheet_range("季度统计表").unwrap();
        let row = |label: &str| -> Vec<Data> {
            sheet
                .rows()
                .find(|r| r.first().is_some_and(|c| *c == label))
                .unwrap_or_else(|| panic!("no row {label}"))
                .to_vec()
        };
        let num = |label: &str, col: usize| match &row(label)[col] {
            Data::Float(f) => *f as u64,
            Data::Int(i) => *i as u64,
            other => panic!("{label}[{col}] is {other:?}"),
        };
        let text = |label: &str, col: usize| row(label)[col].to_string();
        // Results, by hand: 3 entered, 2 with problems, 1 case, 1 rectification, 2 approved
        // and published on time, one signature of each kind.
        assert_eq!(num("已录入结果", 1), 3);
        assert_eq!(num("其中：未发现问题", 1), 1);
        assert_eq!(num("其中：立案查处", 1), 1);
        assert_eq!(num("其中：发现问题已责令改正", 1), 1);
        assert_eq!(num("其中：移送公安", 1), 0);
        assert_eq!(num("发现问题", 1), 2);
        assert_eq!(num("立案查处", 1), 1);
        assert_eq!(num("责令整改", 1), 1);
        assert_eq!(num("已审核", 1), 2);
        assert_eq!(num("已公示", 1), 2);
        assert_eq!(num("按时公示（20个工作日内）", 1), 2);
        assert_eq!(row("公示及时率")[2], Data::Float(1.0));
        assert_eq!(
            (num("已签字", 1), num("拒绝签字", 1), num("无法取得签字", 1)),
            (1, 1, 1)
        );
        // Draws: 4 targets, all by class; joint teams as the certificate says.
        let joint = cert.outcome.teams.iter().filter(|t| t.joint).count() as u64;
        assert_eq!(
            (
                num("部门内联合抽查（抽取时计划）", 1),
                num("部门内联合抽查（抽取时计划）", 2)
            ),
            (joint, 4)
        );
        assert_eq!(
            (num("部门内联合抽查", 1), num("部门内联合抽查", 2)),
            (sections_joint(&mut s), 3)
        );
        // Random checks (drawn and inspected): 3 of the 4 drawn targets, all by class.
        assert_eq!(
            (num("分级分类抽查占比", 1), num("分级分类抽查占比", 2)),
            (3, 3)
        );
        assert_eq!(row("分级分类抽查占比")[3], Data::Float(1.0));
        assert_eq!(text("分级分类抽查占比", 5), "是");
        assert_eq!(num("正面清单非现场监管", 1), 1);
        assert_eq!(
            (
                num("部门联合抽查次数（本年累计）", 1),
                num("部门联合抽查次数（本年累计）", 2)
            ),
            (1, 4)
        );
        assert_eq!(
            (
                num("部门联合抽查对象数（本年累计）", 1),
                num("部门联合抽查对象数（本年累计）", 2)
            ),
            (2, 10)
        );
        // Classes: drawn 1, 1, 2; three of them inspected in all.
        assert_eq!(num("重点监管对象", 4), 1);
        assert_eq!(num("特殊监管对象", 4), 1);
        assert_eq!(num("一般监管对象（正面清单外）", 4), 2);
        let inspected: u64 = ["重点监管对象", "特殊监管对象", "一般监管对象（正面清单外）"]
            .iter()
            .map(|l| num(l, 5))
            .sum();
        assert_eq!(inspected, 3);
        assert_eq!(num("正面清单企业（非现场）", 5), 1);
        // The assessment sheet: 8 team places, 2 returns counted.
        let sheet = wb.worksheet_range("检查人员考核").unwrap();
        // Rows 1–3 are the title, the reporting unit and the header; then one row per person
        // up to 合计, whose counts are the sums.
        let n = |d: &Data| match d {
            Data::Float(f) => *f as u64,
            _ => 0,
        };
        let people: Vec<_> = sheet
            .rows()
            .skip(3)
            .take_while(|r| r[0] != "合计")
            .collect();
        let col = |c: usize| -> u64 { people.iter().map(|r| n(&r[c])).sum() };
        assert_eq!((col(3), col(4), col(9)), (8, 6, 2));
        let total = sheet.rows().find(|r| r[0] == "合计").unwrap();
        assert_eq!((n(&total[3]), n(&total[4]), n(&total[9])), (8, 6, 2));
    }
}
