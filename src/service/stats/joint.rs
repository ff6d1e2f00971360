//! Department-joint inspections (S4): recording them with their checks, the year's targets set
//! by the leadership-group office, and the year's list.

use super::*;

impl Service {
    /// Records a department-joint inspection (administrators).
    pub fn add_joint_inspection(&mut self, actor: &Actor, j: &JointInspection) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        let mut issues = Vec::new();
        let today = self.today();
        if j.date > today {
            issues.push(FieldIssue {
                field: "date",
                value: j.date.to_string(),
                problem: Problem::FutureDate,
            });
        }
        let mut j = j.clone();
        let depts: Vec<String> = j
            .departments
            .iter()
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty())
            .collect();
        if depts.is_empty()
            || depts
                .iter()
                .chain(std::iter::once(&j.lead))
                .any(|d| crate::domain::text::check_line(d, 50).is_err())
        {
            issues.push(FieldIssue {
                field: "departments",
                value: j.departments.join("、"),
                problem: Problem::Text(crate::domain::text::TextError::Empty),
            });
        }
        j.departments = depts;
        let known = self.store.read(|db| db.enterprise_keys())?;
        let unknown: Vec<String> = j
            .subjects
            .iter()
            .filter(|c| !known.contains_key(c.as_str()))
            .cloned()
            .collect();
        if j.subjects.is_empty() || !unknown.is_empty() {
            issues.push(FieldIssue {
                field: "subjects",
                value: unknown.join("、"),
                problem: Problem::UnknownEnterprise,
            });
        }
        if !issues.is_empty() {
            return Err(ServiceError::Invalid(issues));
        }
        let at = self.stamp();
        self.write(Change::Results, |db| {
            let id = db.insert_joint(&j, &actor.name, &at)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::JointInspection)
                    .id(id)
                    .summary(&j.date.to_string())
                    .after(Some(&json(&j))),
            )?;
            Ok(id)
        })
    }

    /// Sets the year's department-joint targets (administrators).
    pub fn set_joint_targets(
        &mut self,
        actor: &Actor,
        year: i32,
        inspections: u32,
        subjects: u32,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Settings, |db| {
            db.set_joint_targets(year, inspections, subjects)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::JointTargets)
                    .summary(&year.to_string())
                    .after(Some(&format!("{inspections}/{subjects}"))),
            )
        })
    }

    /// Department-joint inspections of a year (readers).
    pub fn joint_inspections(&mut self, actor: &Actor, year: i32) -> Result<Vec<JointInspection>> {
        actor.require(READERS)?;
        let (from, to) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        );
        let (Some(from), Some(to)) = (from, to) else {
            return Ok(Vec::new());
        };
        Ok(self.store.read(|db| db.joints_between(from, to))?)
    }
}
