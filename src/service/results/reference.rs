//! Publication of a quarter's approved results, off-site records of positive-list firms, and
//! the data the results rest on that administrators keep: result categories and the
//! working-day calendar.

use super::*;
use crate::domain::audit::{Action, Entity, Event};

/// The certificates and verification pages of the sealed draws whose drawn targets all have a
/// published result (N5: before that the list stays secret): the pages' names, and the files.
fn sealed_draw_files(
    draws: &[crate::store::QuarterDraw],
    published: &BTreeSet<&str>,
) -> Result<(Vec<String>, crate::service::Files)> {
    use crate::exchange::verify_page;
    let (mut pages, mut files) = (Vec::new(), Vec::new());
    for d in draws {
        let r = &d.head;
        let sealed =
            r.sealed_at.is_some() && r.status != crate::domain::ceremony::Status::Cancelled;
        let Some(stored) = d.certificate.as_ref().filter(|_| sealed) else {
            continue;
        };
        let (text, c) = (stored.text.as_str(), &stored.value);
        let mut drawn = c.outcome.selections.iter().flat_map(|s| &s.targets);
        if !drawn.all(|t| published.contains(t.code.as_str())) {
            continue;
        }
        let page = verify_page::page(text, None).map_err(|e| corrupt("certificate", e))?;
        let name = verify_page::file_name(&r.label);
        files.push((
            format!("{}-certificate.json", r.label),
            text.as_bytes().to_vec(),
        ));
        files.push((name.clone(), page.into_bytes()));
        pages.push(name);
    }
    Ok((pages, files))
}

impl Service {
    /// The approved results of a quarter's assignments, for the public notice; with
    /// `mark`, those not yet published are stamped as published now (administrators).
    pub fn publish(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
        mark: bool,
    ) -> Result<Vec<Published>> {
        actor.require(&[Role::Admin])?;
        let q = quarter.to_string();
        let at = self.stamp();
        let department = self.bureau_name()?;
        let (rows, items, cats) = self.store.read(|db| {
            Ok::<_, ServiceError>((db.assignments()?, db.item_versions()?, db.categories()?))
        })?;
        let item_name = |code: &String| {
            items
                .iter()
                .rev()
                .find(|v| &v.data.code == code)
                .map_or_else(|| code.clone(), |v| v.data.name.clone())
        };
        let out: Vec<Published> = rows
            .iter()
            .filter(|a| a.quarter == q)
            .filter_map(|a| {
                let r: &ResultRow = a.result.as_ref()?;
                (r.status == ReviewStatus::Approved).then(|| Published {
                    id: r.id,
                    name: a.name.clone(),
                    code: a.code.clone(),
                    items: r.data.items.iter().map(&item_name).collect(),
                    date: r.data.inspected_on,
                    category: cats
                        .iter()
                        .find(|(c, _)| c.code == r.data.category)
                        .map_or_else(|| r.data.category.clone(), |(c, _)| c.name.clone()),
                    department: department.clone(),
                })
            })
            .collect();
        if mark {
            let ids: Vec<i64> = out.iter().map(|p| p.id).collect();
            self.write(Change::Results, |db| {
                let n = db.mark_published(&ids, &at)?;
                audit(
                    db,
                    &at,
                    actor,
                    Event::new(Action::Publish, Entity::Quarter)
                        .summary(&q)
                        .after(Some(&n.to_string())),
                )
            })?;
        }
        Ok(out)
    }

    /// The public notice of a quarter (一公开): HTML for the portal, CSV and XLSX, with the
    /// approved results and the check-item list in force; the results in it are stamped as
    /// published (administrators). Sealed draws become public only through this notice.
    pub fn publication_files(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
        lang: crate::strings::Lang,
    ) -> Result<(usize, crate::service::Files)> {
        use crate::exchange::publish::{NoticeInput, NoticeItem, NoticeRow, notice_files};
        let published = self.publish(actor, quarter, true)?;
        let today = self.today();
        let bureau = self.bureau_name()?;
        let items: Vec<NoticeItem> = self
            .items_in_force(today)?
            .into_iter()
            .map(|v| NoticeItem {
                code: v.data.code,
                name: v.data.name,
                basis: v.data.basis,
                subject: v.data.subject,
                method: lang.t(v.data.method.zh(), v.data.method.en()).to_string(),
                scope: v.data.scope,
            })
            .collect();
        let notes = self.correction_notes(lang)?;
        let rows: Vec<NoticeRow> = published
            .iter()
            .map(|p| NoticeRow {
                note: notes.get(&p.id).cloned().unwrap_or_default(),
                name: p.name.clone(),
                code: p.code.clone(),
                items: p.items.clone(),
                date: p.date,
                result: p.category.clone(),
                department: p.department.clone(),
            })
            .collect();
        let q = quarter.to_string();
        let codes: BTreeSet<&str> = published.iter().map(|p| p.code.as_str()).collect();
        let draws = self.store.read(|db| db.draws_of_quarter(&q))?;
        let (verify_pages, draw_files) = sealed_draw_files(&draws, &codes)?;
        let mut files = notice_files(
            &NoticeInput {
                bureau: &bureau,
                quarter: &q,
                published_on: today,
                rows: &rows,
                items: &items,
                verify_pages: &verify_pages,
            },
            lang,
        )?;
        files.extend(draw_files);
        Ok((rows.len(), files))
    }

    /// The positive-list firms of a quarter with their off-site records (S6: every one, every
    /// quarter). Administrators, leaders, auditors, inspectors.
    pub fn offsite(&mut self, actor: &Actor, quarter: Quarter) -> Result<Vec<OffsiteLine>> {
        actor.require(OFFSITE_READERS)?;
        let cq = self.classify_quarter(&Actor::console(), quarter)?;
        let records = self.store.read(|db| db.offsite_of(&quarter.to_string()))?;
        Ok(cq
            .items
            .iter()
            .filter(|(_, c)| c.offsite)
            .map(|(e, _)| OffsiteLine {
                enterprise_id: e.id,
                code: e.data.credit_code.to_string(),
                name: e.data.name.clone(),
                records: records
                    .iter()
                    .filter(|(id, _)| *id == e.id)
                    .map(|(_, o)| o.clone())
                    .collect(),
            })
            .collect())
    }

    /// Records an off-site check of a positive-list firm (administrators, inspectors): the
    /// firm must be on the positive list that quarter, the date inside the quarter and not in
    /// the future. One record per firm, quarter and method (entering it again replaces it).
    pub fn put_offsite(
        &mut self,
        actor: &Actor,
        code: &str,
        quarter: Quarter,
        o: &Offsite,
    ) -> Result<()> {
        actor.require(&[Role::Admin, Role::Inspector])?;
        let today = self.today();
        let mut issues = Vec::new();
        let line = self
            .offsite(&Actor::console(), quarter)?
            .into_iter()
            .find(|l| l.code == code.trim());
        if line.is_none() {
            issues.push(FieldIssue {
                field: "enterprise",
                value: code.to_string(),
                problem: Problem::NotOnPositiveList,
            });
        }
        if o.checked_on < quarter.start() || o.checked_on > quarter.end() {
            issues.push(FieldIssue {
                field: "checked_on",
                value: o.checked_on.to_string(),
                problem: Problem::OutsideQuarter(quarter.to_string()),
            });
        } else if o.checked_on > today {
            issues.push(FieldIssue {
                field: "checked_on",
                value: o.checked_on.to_string(),
                problem: Problem::FutureDate,
            });
        }
        let mut o = o.clone();
        match crate::domain::text::required_line(&o.result, 200) {
            Ok(t) => o.result = t,
            Err(e) => issues.push(FieldIssue {
                field: "result",
                value: o.result.clone(),
                problem: e.into(),
            }),
        }
        match crate::domain::text::clean_line(&o.note, 500) {
            Ok(t) => o.note = t,
            Err(e) => issues.push(FieldIssue {
                field: "note",
                value: o.note.clone(),
                problem: e.into(),
            }),
        }
        let Some(line) = line.filter(|_| issues.is_empty()) else {
            return Err(ServiceError::Invalid(issues));
        };
        let at = self.stamp();
        let q = quarter.to_string();
        self.write(Change::Results, |db| {
            db.put_offsite(line.enterprise_id, &q, &o, &actor.name, &at)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Offsite, Entity::Enterprise)
                    .id(line.enterprise_id)
                    .summary(&q)
                    .after(Some(&json(&o))),
            )
        })
    }

    /// The result categories in use (everyone who enters results).
    pub fn categories(&mut self) -> Result<Vec<Category>> {
        Ok(self
            .store
            .read(|db| db.categories())?
            .into_iter()
            .filter(|(_, active)| *active)
            .map(|(c, _)| c)
            .collect())
    }

    /// Every result category in its order, with whether it is in use (retired ones too).
    pub fn category_list(&mut self, actor: &Actor) -> Result<Vec<(Category, bool)>> {
        actor.require(&[Role::Admin])?;
        Ok(self.store.read(|db| db.categories())?)
    }

    /// Adds or changes a result category by its code, or retires it (`active` false):
    /// administrators; checked by the category form's builder, audited with what it was.
    pub fn put_category(&mut self, actor: &Actor, c: &Category, active: bool) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let issues = crate::domain::forms::category_issues(c);
        if !issues.is_empty() {
            return Err(ServiceError::Invalid(issues));
        }
        let at = self.stamp();
        self.write(Change::Settings, |db| {
            let old = db.categories()?.into_iter().find(|o| o.0.code == c.code);
            let before = old.map(|(o, on)| json(&serde_json::json!({"category": o, "active": on})));
            let action = match active {
                true => Action::upsert(&before),
                false => Action::Retire,
            };
            db.put_category(c, active)?;
            let after = json(&serde_json::json!({"category": c, "active": active}));
            let e = Event::new(action, Entity::Category).summary(&c.code);
            audit(
                db,
                &at,
                actor,
                e.before(before.as_deref()).after(Some(&after)),
            )
        })
    }

    /// The working-day calendar.
    pub fn calendar(&mut self) -> Result<Calendar> {
        Ok(self.store.read(|db| db.calendar())?)
    }

    /// Sets or clears (`kind` none) one day of the calendar (administrators).
    pub fn set_calendar_day(
        &mut self,
        actor: &Actor,
        day: NaiveDate,
        kind: Option<DayKind>,
        note: &str,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let note = crate::domain::text::clean_line(note, 50).map_err(|e| {
            ServiceError::Invalid(vec![FieldIssue {
                field: "note",
                value: note.to_string(),
                problem: e.into(),
            }])
        })?;
        let at = self.stamp();
        self.write(Change::Settings, |db| {
            match kind {
                Some(k) => {
                    // The calendar refuses a holiday on a weekend or a make-up day on a weekday.
                    let mut entries: Vec<_> = db.calendar()?.entries().cloned().collect();
                    entries.retain(|e| e.date != day);
                    entries.push(crate::domain::calendar::CalendarEntry::new(day, k, &note));
                    if let Err(e) = Calendar::new(entries) {
                        return Err(ServiceError::Invalid(vec![FieldIssue {
                            field: "day",
                            value: day.to_string(),
                            problem: Problem::Calendar(e),
                        }]));
                    }
                    db.set_calendar_day(day, k, &note)?;
                }
                None => {
                    db.remove_calendar_day(day)?;
                }
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::Calendar)
                    .summary(&day.to_string())
                    .after(Some(kind.map_or("workday-default", |k| k.code()))),
            )
        })
    }

    /// Marks a year's schedule as entered (administrators), e.g. a year whose holidays all
    /// fall on weekends.
    pub fn add_calendar_year(&mut self, actor: &Actor, year: i32) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Settings, |db| {
            db.add_calendar_year(year)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::Calendar)
                    .summary(&year.to_string())
                    .after(Some("year entered")),
            )
        })
    }
}
