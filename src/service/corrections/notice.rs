//! The correction notice (更正公示) of a quarter, and the note the quarter's notice gives a
//! corrected result: both from the cases decided 更正 and the versions they replaced.

use super::super::{Actor, Change, Files, Result, Service, ServiceError, audit};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::correction::{Decision, Field, changed};
use crate::domain::quarter::Quarter;
use crate::domain::result::{Category, ResultData};
use crate::domain::user::Role;
use crate::exchange::publish::{CorrectionInput, CorrectionRow, correction_files};
use crate::store::{AssignmentRow, CaseRow, Db, VersionRow};
use crate::strings::{Lang, correction as cs, publish as ps};
use std::collections::HashMap;

/// A corrected case: its version before and after.
struct Corrected<'a> {
    case: &'a CaseRow,
    before: &'a ResultData,
    after: &'a ResultData,
}

/// What the values of a field read as, by category and item names.
struct Names {
    categories: Vec<(Category, bool)>,
    items: HashMap<String, String>,
}

impl Names {
    fn read(db: Db<'_>) -> Result<Names> {
        Ok(Names {
            categories: db.categories()?,
            items: db
                .item_versions()?
                .into_iter()
                .map(|v| (v.data.code, v.data.name))
                .collect(),
        })
    }

    fn value(&self, f: Field, d: &ResultData, lang: Lang) -> String {
        let or_none = |s: String| {
            if s.is_empty() {
                cs::none(lang).into()
            } else {
                s
            }
        };
        match f {
            Field::Date => d.inspected_on.to_string(),
            Field::Category => self
                .categories
                .iter()
                .find(|(c, _)| c.code == d.category)
                .map_or_else(|| d.category.clone(), |(c, _)| c.name.clone()),
            Field::Items => {
                let names: Vec<String> = d
                    .items
                    .iter()
                    .map(|i| self.items.get(i).cloned().unwrap_or_else(|| i.clone()))
                    .collect();
                or_none(ps::items(&names, lang))
            }
            Field::Findings => or_none(d.findings.clone()),
            Field::RectifyBy => or_none(d.rectify_by.map(|d| d.to_string()).unwrap_or_default()),
            Field::CaseNo => or_none(d.case_no.clone()),
        }
    }
}

/// The corrections among `cases`, each with the version it replaced and the one it made.
fn corrected<'a>(
    cases: &'a [CaseRow],
    versions: &'a [VersionRow],
    current: &'a HashMap<i64, ResultData>,
) -> Vec<Corrected<'a>> {
    let data = |result: i64, v: i64| {
        versions
            .iter()
            .find(|x| x.result_id == result && x.version == v)
            .map(|x| &x.data)
            .or_else(|| current.get(&result))
    };
    cases
        .iter()
        .filter(|c| c.case.decided.as_ref().map(|d| d.decision) == Some(Decision::Correct))
        .filter_map(|c| {
            let v = c.version?;
            Some(Corrected {
                case: c,
                before: data(c.result_id, v - 1)?,
                after: data(c.result_id, v)?,
            })
        })
        .collect()
}

/// What a quarter's correction notice is made from.
struct Quarterly {
    assignments: Vec<AssignmentRow>,
    cases: Vec<CaseRow>,
    versions: Vec<VersionRow>,
    names: Names,
}

impl Quarterly {
    /// The notice's rows, and the ids of the quarter's cases.
    fn rows(&self, department: &str, lang: Lang) -> (Vec<CorrectionRow>, Vec<i64>) {
        let current: HashMap<i64, ResultData> = self
            .assignments
            .iter()
            .filter_map(|a| a.result.as_ref().map(|r| (r.id, r.data.clone())))
            .collect();
        let of_quarter: Vec<CaseRow> = self
            .cases
            .iter()
            .filter(|c| current.contains_key(&c.result_id))
            .cloned()
            .collect();
        let rows = corrected(&of_quarter, &self.versions, &current)
            .into_iter()
            .filter_map(|c| {
                let a = self
                    .assignments
                    .iter()
                    .find(|a| a.result.as_ref().is_some_and(|r| r.id == c.case.result_id))?;
                let d = c.case.case.decided.as_ref()?;
                Some(CorrectionRow {
                    name: a.name.clone(),
                    code: a.code.clone(),
                    version: c.case.version.unwrap_or(2),
                    changes: changed(c.before, c.after)
                        .into_iter()
                        .map(|f| {
                            (
                                cs::field(f, lang).to_string(),
                                self.names.value(f, c.before, lang),
                                self.names.value(f, c.after, lang),
                            )
                        })
                        .collect(),
                    reason: d.reason.clone(),
                    decided_on: d.on,
                    department: department.to_string(),
                })
            })
            .collect();
        (rows, of_quarter.iter().map(|c| c.id).collect())
    }
}

impl Service {
    /// The note of each corrected result for the quarter's notice: the current version and
    /// when it was corrected (the last correction).
    pub(in crate::service) fn correction_notes(
        &mut self,
        lang: Lang,
    ) -> Result<HashMap<i64, String>> {
        let cases = self.store.read(|db| db.cases())?;
        Ok(cases
            .iter()
            .filter_map(|c| {
                let d = c.case.decided.as_ref()?;
                (d.decision == Decision::Correct).then_some((c.result_id, (c.version?, d.on)))
            })
            .fold(HashMap::new(), |mut m, (id, (v, on))| {
                m.insert(id, ps::corrected_note(v, on, lang));
                m
            }))
    }

    /// The correction notice of a quarter (更正公示): HTML, CSV and XLSX naming, for every
    /// correction of the quarter's results, what changed, why and when; the corrections in it
    /// are stamped as published (administrators). The number of corrections, and the files.
    pub fn correction_notice(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
        lang: Lang,
    ) -> Result<(usize, Files)> {
        actor.require(&[Role::Admin])?;
        let q = quarter.to_string();
        let (today, at) = (self.today(), self.stamp());
        let department = self.bureau_name()?;
        let data = self.store.read(|db| {
            Ok::<_, ServiceError>(Quarterly {
                assignments: db.assignments_of(&q)?,
                cases: db.cases()?,
                versions: db.versions()?,
                names: Names::read(db)?,
            })
        })?;
        let (rows, ids) = data.rows(&department, lang);
        self.write(Change::Results, |db| {
            let n = db.mark_cases_published(&ids, &at)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Publish, Entity::Objection)
                    .summary(&q)
                    .after(Some(&n.to_string())),
            )
        })?;
        let input = CorrectionInput {
            bureau: &department,
            quarter: &q,
            published_on: today,
            rows: &rows,
        };
        Ok((rows.len(), correction_files(&input, lang)?))
    }
}
