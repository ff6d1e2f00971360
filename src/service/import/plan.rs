//! Planning an import: every row checked against the file and the database into a list of
//! changes (or every problem), and applying those changes.

use super::*;
use crate::exchange::table::Row;

/// One planned change.
pub(super) enum Op {
    Enterprise {
        id: Option<(i64, i64)>,
        before: Option<EnterpriseData>,
        after: EnterpriseData,
    },
    Inspector {
        id: Option<(i64, i64)>,
        before: Option<InspectorData>,
        after: InspectorData,
    },
    Item {
        data: ItemData,
        from: NaiveDate,
        new: bool,
    },
    Penalty {
        enterprise: i64,
        existing: Option<i64>,
        before: Option<String>,
        p: crate::domain::enterprise::Penalty,
    },
    Complaint {
        enterprise: i64,
        existing: Option<i64>,
        before: Option<String>,
        c: crate::domain::enterprise::Complaint,
    },
    Inspection {
        enterprise: i64,
        existing: Option<i64>,
        before: Option<String>,
        v: Visit,
    },
}

impl Op {
    /// Whether the change creates a record (else it updates one).
    pub(super) fn creates(&self) -> bool {
        matches!(
            self,
            Op::Enterprise { id: None, .. }
                | Op::Inspector { id: None, .. }
                | Op::Item { new: true, .. }
                | Op::Penalty { existing: None, .. }
                | Op::Complaint { existing: None, .. }
                | Op::Inspection { existing: None, .. }
        )
    }
}

pub(super) struct Plan {
    pub ops: Vec<Op>,
    pub unchanged: usize,
    pub warnings: Vec<RowIssue>,
}

/// Validates every row and plans the changes; any row issue refuses the whole file.
pub(super) fn plan(db: Db<'_>, sheet: &Sheet, today: NaiveDate) -> Result<Plan> {
    let mut planner = Planner::new(db, sheet, today)?;
    for row in sheet.rows() {
        match sheet.kind {
            Kind::Enterprises => planner.enterprise(row)?,
            Kind::Inspectors => planner.inspector(row)?,
            Kind::Items => planner.item(row)?,
            Kind::Inspections => planner.inspection(row)?,
            Kind::Penalties | Kind::Complaints => planner.event(row)?,
        }
    }
    if planner.issues.is_empty() {
        Ok(planner.plan)
    } else {
        Err(ServiceError::Import(ImportError::Rows(planner.issues)))
    }
}

/// The planning of one file: what the rows are checked against, the keys seen so far, the
/// issues found and the plan made.
struct Planner<'a, 'd> {
    db: Db<'d>,
    sheet: &'a Sheet,
    today: NaiveDate,
    keys: HashMap<String, crate::store::EnterpriseKey>,
    /// Item codes and certificate numbers an inspection may name.
    item_codes: HashSet<String>,
    certs: HashSet<String>,
    /// The row each key was first seen in.
    seen: HashMap<String, usize>,
    issues: Vec<RowIssue>,
    plan: Plan,
}

impl<'a, 'd> Planner<'a, 'd> {
    fn new(db: Db<'d>, sheet: &'a Sheet, today: NaiveDate) -> Result<Self> {
        let keys = match sheet.kind {
            Kind::Enterprises | Kind::Penalties | Kind::Complaints | Kind::Inspections => {
                db.enterprise_keys()?
            }
            _ => HashMap::new(),
        };
        let (item_codes, certs) = if sheet.kind == Kind::Inspections {
            (
                db.item_versions()?
                    .into_iter()
                    .map(|v| v.data.code)
                    .collect::<HashSet<_>>(),
                db.inspectors()?
                    .into_iter()
                    .map(|i| i.data.cert_no)
                    .filter(|c| !c.is_empty())
                    .collect::<HashSet<_>>(),
            )
        } else {
            Default::default()
        };
        Ok(Planner {
            db,
            sheet,
            today,
            keys,
            item_codes,
            certs,
            seen: HashMap::new(),
            issues: Vec::new(),
            plan: Plan {
                ops: Vec::new(),
                unchanged: 0,
                warnings: Vec::new(),
            },
        })
    }

    fn bad(&mut self, row: &Row, key: &str, value: String, problem: Problem) {
        self.issues.push(self.sheet.issue(row, key, value, problem));
    }

    fn bad_fields(&mut self, row: &Row, errs: Vec<fields::FieldIssue>) {
        for e in errs {
            self.bad(row, e.field, e.value, e.problem);
        }
    }

    /// The cell's text as the file has it (empty when the column is missing).
    fn cell(&self, row: &Row, key: &str) -> String {
        self.sheet
            .get(row, key)
            .map(|r| r.text().into_owned())
            .unwrap_or_default()
    }

    /// Whether `key` is seen for the first time in the file; a repeat is an issue in `field`.
    fn first_seen(&mut self, row: &Row, key: String, field: &'static str) -> bool {
        match self.seen.get(&key) {
            Some(&first_row) => {
                let value = self.cell(row, field);
                self.bad(row, field, value, Problem::DuplicateInFile { first_row });
                false
            }
            None => {
                self.seen.insert(key, row.number);
                true
            }
        }
    }

    fn enterprise(&mut self, row: &Row) -> Result<()> {
        let (db, sheet) = (self.db, self.sheet);
        let get = |k: &str| sheet.get(row, k);
        let code = get("credit_code").and_then(|r| fields::credit_code(&r, true).ok());
        let existing = match &code {
            Some(c) if self.keys.contains_key(c.as_str()) => db.enterprise_by_code(c.as_str())?,
            _ => None,
        };
        let after = match forms::enterprise(existing.as_ref().map(|e| &e.data), get) {
            Err(errs) => {
                self.bad_fields(row, errs);
                return Ok(());
            }
            Ok(after) => after,
        };
        if !self.first_seen(row, after.credit_code.to_string(), "credit_code") {
            return Ok(());
        }
        if after.code_check_waived && !after.credit_code.check_ok() {
            self.plan.warnings.push(sheet.issue(
                row,
                "credit_code",
                after.credit_code.to_string(),
                Problem::CheckWaived,
            ));
        }
        match existing {
            Some(e) if e.data == after => self.plan.unchanged += 1,
            Some(e) => self.plan.ops.push(Op::Enterprise {
                id: Some((e.id, e.revision)),
                before: Some(e.data),
                after,
            }),
            None => self.plan.ops.push(Op::Enterprise {
                id: None,
                before: None,
                after,
            }),
        }
        Ok(())
    }

    fn inspector(&mut self, row: &Row) -> Result<()> {
        let (db, sheet) = (self.db, self.sheet);
        let get = |k: &str| sheet.get(row, k);
        let text = |k: &str| {
            get(k)
                .map(|r| r.text().trim().to_string())
                .unwrap_or_default()
        };
        let kind = get("kind")
            .and_then(|r| InspectorKind::parse(&r.text()))
            .unwrap_or(InspectorKind::Officer);
        let cert = text("cert_no");
        let existing = if cert.is_empty() {
            db.inspector_by_name_unit(kind, &text("name"), &text("unit"))?
        } else {
            db.inspector_by_cert(kind, &cert)?
        };
        let after = match forms::inspector(existing.as_ref().map(|i| &i.data), get) {
            Err(errs) => {
                self.bad_fields(row, errs);
                return Ok(());
            }
            Ok(after) => after,
        };
        let (key, field) = if after.cert_no.is_empty() {
            let key = format!("{:?}|{}|{}", after.kind, after.name, after.unit);
            (key, "name")
        } else {
            (format!("{:?}#{}", after.kind, after.cert_no), "cert_no")
        };
        if !self.first_seen(row, key, field) {
            return Ok(());
        }
        match existing {
            Some(i) if i.data == after => self.plan.unchanged += 1,
            Some(i) => self.plan.ops.push(Op::Inspector {
                id: Some((i.id, i.revision)),
                before: Some(i.data),
                after,
            }),
            None => self.plan.ops.push(Op::Inspector {
                id: None,
                before: None,
                after,
            }),
        }
        Ok(())
    }

    fn item(&mut self, row: &Row) -> Result<()> {
        let sheet = self.sheet;
        let (data, from) = match forms::item(|k: &str| sheet.get(row, k)) {
            Err(errs) => {
                self.bad_fields(row, errs);
                return Ok(());
            }
            Ok(x) => x,
        };
        if !self.first_seen(row, data.code.clone(), "code") {
            return Ok(());
        }
        let today = self.today;
        match self.db.latest_item(&data.code)? {
            Some(v) if v.data == data && v.effective_until.is_none() => self.plan.unchanged += 1,
            Some(v) if from.unwrap_or(today) <= v.effective_from => {
                let value = sheet
                    .get(row, "effective_from")
                    .map(|r| r.text().into_owned())
                    .unwrap_or_else(|| today.to_string());
                self.bad(
                    row,
                    "effective_from",
                    value,
                    Problem::MustBeAfter(v.effective_from),
                );
            }
            other => self.plan.ops.push(Op::Item {
                data,
                from: from.unwrap_or(today),
                new: other.is_none(),
            }),
        }
        Ok(())
    }

    /// A past inspection: its items and the certificate numbers it names must be known.
    fn inspection(&mut self, row: &Row) -> Result<()> {
        let sheet = self.sheet;
        let (code, v) = match forms::inspection(|k: &str| sheet.get(row, k)) {
            Err(errs) => {
                self.bad_fields(row, errs);
                return Ok(());
            }
            Ok(x) => x,
        };
        if v.date > self.today {
            self.bad(row, "date", v.date.to_string(), Problem::FutureDate);
        }
        self.check_named(row, &v);
        let Some(ent) = self.keys.get(code.as_str()).map(|k| k.id) else {
            self.bad(
                row,
                "credit_code",
                code.to_string(),
                Problem::UnknownEnterprise,
            );
            return Ok(());
        };
        if !self.first_seen(row, format!("{code}#{}", v.date), "date") {
            return Ok(());
        }
        match self.db.inspection_on(ent, v.date)? {
            Some((_, old)) if old == v => self.plan.unchanged += 1,
            old => self.plan.ops.push(Op::Inspection {
                enterprise: ent,
                existing: old.as_ref().map(|o| o.0),
                before: old.map(|o| json(&o.1)),
                v,
            }),
        }
        Ok(())
    }

    /// The items, lead and team an inspection names that the registries do not know.
    fn check_named(&mut self, row: &Row, v: &Visit) {
        let unknown: Vec<String> = v
            .items
            .iter()
            .filter(|c| !self.item_codes.contains(*c))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            let value = self.cell(row, "items");
            self.bad(row, "items", value, Problem::UnknownItems(unknown));
        }
        for key in ["lead", "team"] {
            let named: Vec<&String> = if key == "lead" {
                std::iter::once(&v.lead).filter(|l| !l.is_empty()).collect()
            } else {
                v.team.iter().collect()
            };
            let unknown: Vec<String> = named
                .into_iter()
                .filter(|c| !self.certs.contains(*c))
                .cloned()
                .collect();
            if !unknown.is_empty() {
                let value = self.cell(row, key);
                self.bad(row, key, value, Problem::UnknownCertificates(unknown));
            }
        }
    }

    /// A penalty or a complaint: dated not after today, of a known enterprise.
    fn event(&mut self, row: &Row) -> Result<()> {
        let sheet = self.sheet;
        let get = |k: &str| sheet.get(row, k);
        let built = if sheet.kind == Kind::Penalties {
            forms::penalty(get).map(|(c, x)| (c, Ok(x)))
        } else {
            forms::complaint(get).map(|(c, x)| (c, Err(x)))
        };
        let (code, event): (CreditCode, _) = match built {
            Err(errs) => {
                self.bad_fields(row, errs);
                return Ok(());
            }
            Ok(v) => v,
        };
        let (date_key, date) = match &event {
            Ok(pen) => ("date", pen.date),
            Err(c) => ("received", c.received),
        };
        if date > self.today {
            self.bad(row, date_key, date.to_string(), Problem::FutureDate);
            return Ok(());
        }
        let Some(ent) = self.keys.get(code.as_str()).map(|k| k.id) else {
            self.bad(
                row,
                "credit_code",
                code.to_string(),
                Problem::UnknownEnterprise,
            );
            return Ok(());
        };
        match event {
            Ok(pen) => self.penalty(row, &code, ent, pen),
            Err(c) => self.complaint(row, &code, ent, c),
        }
    }

    fn penalty(
        &mut self,
        row: &Row,
        code: &CreditCode,
        ent: i64,
        pen: crate::domain::enterprise::Penalty,
    ) -> Result<()> {
        if !self.first_seen(row, format!("{code}#{}", pen.doc_no), "doc_no") {
            return Ok(());
        }
        match self.db.penalty_by_doc(ent, &pen.doc_no)? {
            Some((_, old)) if old == pen => self.plan.unchanged += 1,
            old => self.plan.ops.push(Op::Penalty {
                enterprise: ent,
                existing: old.as_ref().map(|o| o.0),
                before: old.map(|o| json(&o.1)),
                p: pen,
            }),
        }
        Ok(())
    }

    fn complaint(
        &mut self,
        row: &Row,
        code: &CreditCode,
        ent: i64,
        c: crate::domain::enterprise::Complaint,
    ) -> Result<()> {
        let key = format!("{code}#{}#{}", c.received, c.ref_no);
        if !self.first_seen(row, key, "received") {
            return Ok(());
        }
        match self.db.complaint_by_key(ent, c.received, &c.ref_no)? {
            Some((_, old)) if old == c => self.plan.unchanged += 1,
            old => self.plan.ops.push(Op::Complaint {
                enterprise: ent,
                existing: old.as_ref().map(|o| o.0),
                before: old.map(|o| json(&o.1)),
                c,
            }),
        }
        Ok(())
    }
}

/// Writes the planned changes in order: each run of new enterprises many records to a
/// statement, with their entries likewise (the same rows, ids and chain as one by one), the
/// other changes one by one ([`apply`]).
pub(super) fn apply_all(
    db: Db<'_>,
    ops: Vec<Op>,
    at: &str,
    actor: &Actor,
    summary: &str,
) -> Result<()> {
    let mut new = Vec::new();
    for op in ops {
        match op {
            Op::Enterprise {
                id: None, after, ..
            } => new.push(after),
            op => {
                create_enterprises(db, std::mem::take(&mut new), at, actor, summary)?;
                apply(db, op, at, actor, summary)?;
            }
        }
    }
    create_enterprises(db, new, at, actor, summary)
}

/// New enterprises, each with its `create` entry (without a copy of its fields, as
/// [`apply`] writes it).
fn create_enterprises(
    db: Db<'_>,
    new: Vec<EnterpriseData>,
    at: &str,
    actor: &Actor,
    summary: &str,
) -> Result<()> {
    if new.is_empty() {
        return Ok(());
    }
    let ids = db.insert_enterprises(&new, at)?;
    let entries: Vec<crate::store::AuditEntry<'_>> = (ids.into_iter())
        .map(|id| crate::store::AuditEntry {
            at,
            actor: &actor.name,
            action: Action::Create.name(),
            entity: Entity::Enterprise.name(),
            entity_id: Some(id),
            summary,
            before: None,
            after: None,
        })
        .collect();
    db.append_audits(&entries)?;
    Ok(())
}

/// Writes one planned change with its audit entry. A record the import creates gets an entry
/// without a copy of its fields (`after` empty): the kept file, named in `summary` and in the
/// import's own entry, holds them. Updates keep before and after.
pub(super) fn apply(db: Db<'_>, op: Op, at: &str, actor: &Actor, summary: &str) -> Result<()> {
    match op {
        Op::Inspection {
            enterprise,
            existing,
            before,
            v,
        } => apply_inspection(db, at, actor, summary, (enterprise, existing, before, v)),
        Op::Enterprise { id, before, after } => {
            apply_enterprise(db, at, actor, summary, id, before, after)
        }
        Op::Inspector { id, before, after } => {
            apply_inspector(db, at, actor, summary, id, before, after)
        }
        Op::Item { data, from, .. } => {
            let latest = db.latest_item(&data.code)?;
            crate::service::registry::write_item_version(
                db, at, actor, &data, from, summary, latest,
            )
            .map(|_| ())
        }
        Op::Penalty {
            enterprise,
            existing,
            before,
            p,
        } => apply_penalty(db, at, actor, summary, (enterprise, existing, before, p)),
        Op::Complaint {
            enterprise,
            existing,
            before,
            c,
        } => apply_complaint(db, at, actor, summary, (enterprise, existing, before, c)),
    }
}

/// A planned event change: the enterprise, the existing record's id, its JSON before, the new
/// value.
type Record<T> = (i64, Option<i64>, Option<String>, T);

fn apply_inspection(
    db: Db<'_>,
    at: &str,
    actor: &Actor,
    summary: &str,
    (enterprise, existing, before, v): Record<Visit>,
) -> Result<()> {
    let id = match existing {
        Some(id) => {
            db.update_inspection(id, &v)?;
            id
        }
        None => db.insert_inspection(enterprise, &v, SOURCE_IMPORT, &actor.name, at)?,
    };
    audit(
        db,
        at,
        actor,
        Event::new(Action::upsert(&before), Entity::Inspection)
            .id(id)
            .summary(summary)
            .before(before.as_deref())
            .after(
                before
                    .as_ref()
                    .map(|_| json(&serde_json::json!({"enterprise": enterprise, "visit": v})))
                    .as_deref(),
            ),
    )
}

#[allow(clippy::too_many_arguments)]
fn apply_enterprise(
    db: Db<'_>,
    at: &str,
    actor: &Actor,
    summary: &str,
    id: Option<(i64, i64)>,
    before: Option<EnterpriseData>,
    after: EnterpriseData,
) -> Result<()> {
    let Some((id, rev)) = id else {
        let id = db.insert_enterprise(&after, at)?;
        return audit(
            db,
            at,
            actor,
            Event::new(Action::Create, Entity::Enterprise)
                .id(id)
                .summary(summary),
        );
    };
    if !db.update_enterprise(id, rev, &after, at)? {
        return Err(ServiceError::Stale);
    }
    audit(
        db,
        at,
        actor,
        Event::new(Action::Update, Entity::Enterprise)
            .id(id)
            .summary(summary)
            .before(before.map(|b| json(&b)).as_deref())
            .after(Some(&json(&after))),
    )
}

#[allow(clippy::too_many_arguments)]
fn apply_inspector(
    db: Db<'_>,
    at: &str,
    actor: &Actor,
    summary: &str,
    id: Option<(i64, i64)>,
    before: Option<InspectorData>,
    after: InspectorData,
) -> Result<()> {
    let Some((id, rev)) = id else {
        let id = db.insert_inspector(&after, at)?;
        return audit(
            db,
            at,
            actor,
            Event::new(Action::Create, Entity::Inspector)
                .id(id)
                .summary(summary),
        );
    };
    if !db.update_inspector(id, rev, &after, at)? {
        return Err(ServiceError::Stale);
    }
    audit(
        db,
        at,
        actor,
        Event::new(Action::Update, Entity::Inspector)
            .id(id)
            .summary(summary)
            .before(before.map(|b| json(&b)).as_deref())
            .after(Some(&json(&after))),
    )
}

fn apply_penalty(
    db: Db<'_>,
    at: &str,
    actor: &Actor,
    summary: &str,
    (enterprise, existing, before, p): Record<crate::domain::enterprise::Penalty>,
) -> Result<()> {
    db.insert_penalty(enterprise, &p, existing.map(|id| (id, at)))?;
    audit(
        db,
        at,
        actor,
        Event::new(Action::upsert(&before), Entity::Penalty)
            .id(enterprise)
            .summary(summary)
            .before(before.as_deref())
            .after(before.as_ref().map(|_| json(&p)).as_deref()),
    )
}

fn apply_complaint(
    db: Db<'_>,
    at: &str,
    actor: &Actor,
    summary: &str,
    (enterprise, existing, before, c): Record<crate::domain::enterprise::Complaint>,
) -> Result<()> {
    db.insert_complaint(enterprise, &c, existing.map(|id| (id, at)))?;
    audit(
        db,
        at,
        actor,
        Event::new(Action::upsert(&before), Entity::Complaint)
            .id(enterprise)
            .summary(summary)
            .before(before.as_deref())
            .after(before.as_ref().map(|_| json(&c)).as_deref()),
    )
}
