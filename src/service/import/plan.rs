//! Planning an import: every row checked against the file and the database into a list of
//! changes (or every problem), and applying those changes.

use super::*;
use crate::domain::audit::{Action, Entity, Event};

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

pub(super) struct Plan {
    pub ops: Vec<Op>,
    pub unchanged: usize,
    pub warnings: Vec<RowIssue>,
}

/// Validates every row and plans the changes; any row issue refuses the whole file.
pub(super) fn plan(db: Db<'_>, sheet: &Sheet, today: NaiveDate) -> Result<Plan> {
    let mut p = Plan {
        ops: Vec::new(),
        unchanged: 0,
        warnings: Vec::new(),
    };
    let mut issues: Vec<RowIssue> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
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
    for row in sheet.rows() {
        let get = |k: &str| sheet.get(row, k);
        let mut bad = |key: &'static str, value: String, problem: Problem| {
            issues.push(sheet.issue(row, key, value, problem))
        };
        let mut first_seen = |key: String,
                              field: &'static str,
                              bad: &mut dyn FnMut(&'static str, String, Problem)|
         -> bool {
            match seen.get(&key) {
                Some(&first_row) => {
                    bad(
                        field,
                        get(field)
                            .map(|r| r.text().into_owned())
                            .unwrap_or_default(),
                        Problem::DuplicateInFile { first_row },
                    );
                    false
                }
                None => {
                    seen.insert(key, row.number);
                    true
                }
            }
        };
        match sheet.kind {
            Kind::Enterprises => {
                let code = get("credit_code").and_then(|r| fields::credit_code(&r, true).ok());
                let existing = match &code {
                    Some(c) if keys.contains_key(c.as_str()) => {
                        db.enterprise_by_code(c.as_str())?
                    }
                    _ => None,
                };
                match forms::enterprise(existing.as_ref().map(|e| &e.data), get) {
                    Err(errs) => errs
                        .into_iter()
                        .for_each(|e| bad(e.field, e.value, e.problem)),
                    Ok(after) => {
                        if !first_seen(after.credit_code.to_string(), "credit_code", &mut bad) {
                            continue;
                        }
                        if after.code_check_waived && !after.credit_code.check_ok() {
                            p.warnings.push(sheet.issue(
                                row,
                                "credit_code",
                                after.credit_code.to_string(),
                                Problem::CheckWaived,
                            ));
                        }
                        match existing {
                            Some(e) if e.data == after => p.unchanged += 1,
                            Some(e) => p.ops.push(Op::Enterprise {
                                id: Some((e.id, e.revision)),
                                before: Some(e.data),
                                after,
                            }),
                            None => p.ops.push(Op::Enterprise {
                                id: None,
                                before: None,
                                after,
                            }),
                        }
                    }
                }
            }
            Kind::Inspectors => {
                let kind = get("kind")
                    .and_then(|r| InspectorKind::parse(&r.text()))
                    .unwrap_or(InspectorKind::Officer);
                let cert = get("cert_no")
                    .map(|r| r.text().trim().to_string())
                    .unwrap_or_default();
                let existing = if cert.is_empty() {
                    let name = get("name")
                        .map(|r| r.text().trim().to_string())
                        .unwrap_or_default();
                    let unit = get("unit")
                        .map(|r| r.text().trim().to_string())
                        .unwrap_or_default();
                    db.inspector_by_name_unit(kind, &name, &unit)?
                } else {
                    db.inspector_by_cert(kind, &cert)?
                };
                match forms::inspector(existing.as_ref().map(|i| &i.data), get) {
                    Err(errs) => errs
                        .into_iter()
                        .for_each(|e| bad(e.field, e.value, e.problem)),
                    Ok(after) => {
                        let key = if after.cert_no.is_empty() {
                            format!("{:?}|{}|{}", after.kind, after.name, after.unit)
                        } else {
                            format!("{:?}#{}", after.kind, after.cert_no)
                        };
                        if !first_seen(
                            key,
                            if after.cert_no.is_empty() {
                                "name"
                            } else {
                                "cert_no"
                            },
                            &mut bad,
                        ) {
                            continue;
                        }
                        match existing {
                            Some(i) if i.data == after => p.unchanged += 1,
                            Some(i) => p.ops.push(Op::Inspector {
                                id: Some((i.id, i.revision)),
                                before: Some(i.data),
                                after,
                            }),
                            None => p.ops.push(Op::Inspector {
                                id: None,
                                before: None,
                                after,
                            }),
                        }
                    }
                }
            }
            Kind::Items => match forms::item(get) {
                Err(errs) => errs
                    .into_iter()
                    .for_each(|e| bad(e.field, e.value, e.problem)),
                Ok((data, from)) => {
                    if !first_seen(data.code.clone(), "code", &mut bad) {
                        continue;
                    }
                    let latest = db.latest_item(&data.code)?;
                    match latest {
                        Some(v) if v.data == data && v.effective_until.is_none() => {
                            p.unchanged += 1
                        }
                        Some(v) if from.unwrap_or(today) <= v.effective_from => {
                            let value = get("effective_from")
                                .map(|r| r.text().into_owned())
                                .unwrap_or_else(|| today.to_string());
                            bad(
                                "effective_from",
                                value,
                                Problem::MustBeAfter(v.effective_from),
                            );
                        }
                        other => p.ops.push(Op::Item {
                            data,
                            from: from.unwrap_or(today),
                            new: other.is_none(),
                        }),
                    }
                }
            },
            Kind::Inspections => {
                let (code, v) = match forms::inspection(get) {
                    Err(errs) => {
                        errs.into_iter()
                            .for_each(|e| bad(e.field, e.value, e.problem));
                        continue;
                    }
                    Ok(x) => x,
                };
                let cell = |k: &str| get(k).map(|r| r.text().into_owned()).unwrap_or_default();
                if v.date > today {
                    bad("date", v.date.to_string(), Problem::FutureDate);
                }
                let unknown: Vec<String> = v
                    .items
                    .iter()
                    .filter(|c| !item_codes.contains(*c))
                    .cloned()
                    .collect();
                if !unknown.is_empty() {
                    bad("items", cell("items"), Problem::UnknownItems(unknown));
                }
                for key in ["lead", "team"] {
                    let named: Vec<&String> = if key == "lead" {
                        std::iter::once(&v.lead).filter(|l| !l.is_empty()).collect()
                    } else {
                        v.team.iter().collect()
                    };
                    let unknown: Vec<String> = named
                        .into_iter()
                        .filter(|c| !certs.contains(*c))
                        .cloned()
                        .collect();
                    if !unknown.is_empty() {
                        bad(key, cell(key), Problem::UnknownCertificates(unknown));
                    }
                }
                let Some(ent) = keys.get(code.as_str()) else {
                    bad("credit_code", code.to_string(), Problem::UnknownEnterprise);
                    continue;
                };
                if !first_seen(format!("{code}#{}", v.date), "date", &mut bad) {
                    continue;
                }
                match db.inspection_on(ent.id, v.date)? {
                    Some((_, old)) if old == v => p.unchanged += 1,
                    old => p.ops.push(Op::Inspection {
                        enterprise: ent.id,
                        existing: old.as_ref().map(|o| o.0),
                        before: old.map(|o| json(&o.1)),
                        v,
                    }),
                }
            }
            Kind::Penalties | Kind::Complaints => {
                let built = if sheet.kind == Kind::Penalties {
                    forms::penalty(get).map(|(c, x)| (c, Ok(x)))
                } else {
                    forms::complaint(get).map(|(c, x)| (c, Err(x)))
                };
                let (code, event): (CreditCode, _) = match built {
                    Err(errs) => {
                        errs.into_iter()
                            .for_each(|e| bad(e.field, e.value, e.problem));
                        continue;
                    }
                    Ok(v) => v,
                };
                let (date_key, date) = match &event {
                    Ok(pen) => ("date", pen.date),
                    Err(c) => ("received", c.received),
                };
                if date > today {
                    bad(date_key, date.to_string(), Problem::FutureDate);
                    continue;
                }
                let Some(ent) = keys.get(code.as_str()) else {
                    bad("credit_code", code.to_string(), Problem::UnknownEnterprise);
                    continue;
                };
                match event {
                    Ok(pen) => {
                        if !first_seen(format!("{code}#{}", pen.doc_no), "doc_no", &mut bad) {
                            continue;
                        }
                        match db.penalty_by_doc(ent.id, &pen.doc_no)? {
                            Some((_, old)) if old == pen => p.unchanged += 1,
                            old => p.ops.push(Op::Penalty {
                                enterprise: ent.id,
                                existing: old.as_ref().map(|o| o.0),
                                before: old.map(|o| json(&o.1)),
                                p: pen,
                            }),
                        }
                    }
                    Err(c) => {
                        if !first_seen(
                            format!("{code}#{}#{}", c.received, c.ref_no),
                            "received",
                            &mut bad,
                        ) {
                            continue;
                        }
                        match db.complaint_by_key(ent.id, c.received, &c.ref_no)? {
                            Some((_, old)) if old == c => p.unchanged += 1,
                            old => p.ops.push(Op::Complaint {
                                enterprise: ent.id,
                                existing: old.as_ref().map(|o| o.0),
                                before: old.map(|o| json(&o.1)),
                                c,
                            }),
                        }
                    }
                }
            }
        }
    }
    if issues.is_empty() {
        Ok(p)
    } else {
        Err(ServiceError::Import(ImportError::Rows(issues)))
    }
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
        } => {
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
                            .map(|_| {
                                json(&serde_json::json!({"enterprise": enterprise, "visit": v}))
                            })
                            .as_deref(),
                    ),
            )
        }
        Op::Enterprise {
            id: None, after, ..
        } => {
            let id = db.insert_enterprise(&after, at)?;
            audit(
                db,
                at,
                actor,
                Event::new(Action::Create, Entity::Enterprise)
                    .id(id)
                    .summary(summary),
            )
        }
        Op::Enterprise {
            id: Some((id, rev)),
            before,
            after,
        } => {
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
        Op::Inspector {
            id: None, after, ..
        } => {
            let id = db.insert_inspector(&after, at)?;
            audit(
                db,
                at,
                actor,
                Event::new(Action::Create, Entity::Inspector)
                    .id(id)
                    .summary(summary),
            )
        }
        Op::Inspector {
            id: Some((id, rev)),
            before,
            after,
        } => {
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
        } => {
            match existing {
                Some(id) => db.update_penalty(id, &p)?,
                None => {
                    db.insert_penalty(enterprise, &p)?;
                }
            }
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
        Op::Complaint {
            enterprise,
            existing,
            before,
            c,
        } => {
            match existing {
                Some(id) => db.update_complaint(id, &c)?,
                None => {
                    db.insert_complaint(enterprise, &c)?;
                }
            }
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
    }
}
