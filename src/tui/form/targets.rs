//! What each form is for: building a form for a record (with its widgets and defaults) and
//! saving it through the service, with the service's field problems shown beside the fields.

use super::*;

impl Form {
    pub fn enterprise(e: Option<Enterprise>) -> Form {
        let texts = match &e {
            Some(e) => forms::enterprise_texts(&e.data),
            None => forms::ENTERPRISE
                .iter()
                .map(|s| match s.key {
                    "permit_category" => "无".into(),
                    "status" => "在产".into(),
                    "listing" => "无".into(),
                    "code_check_waived" | "key_unit" | "positive_list" => "否".into(),
                    _ => String::new(),
                })
                .collect(),
        };
        Form::build(Target::Enterprise(e), forms::ENTERPRISE, texts)
    }

    pub fn inspector(i: Option<Inspector>) -> Form {
        let texts = match &i {
            Some(i) => forms::inspector_texts(&i.data),
            None => forms::INSPECTOR
                .iter()
                .map(|s| match s.key {
                    "kind" => "执法人员".into(),
                    "active" => "在岗".into(),
                    _ => String::new(),
                })
                .collect(),
        };
        Form::build(Target::Inspector(i), forms::INSPECTOR, texts)
    }

    /// A form for a new check item, or for a new version of `item` effective `today`.
    pub fn item(item: Option<ItemData>, today: chrono::NaiveDate) -> Form {
        let texts = match &item {
            Some(d) => forms::item_texts(d, today),
            None => forms::ITEM
                .iter()
                .map(|s| match s.key {
                    "method" => "现场检查".into(),
                    "effective_from" => today.to_string(),
                    _ => String::new(),
                })
                .collect(),
        };
        Form::build(Target::Item(item), forms::ITEM, texts)
    }

    /// A form for a new user, or to edit `user` (name fixed; a new password is optional).
    pub fn user(user: Option<User>, inspector_cert: Option<String>) -> Form {
        let texts = match &user {
            Some(u) => vec![
                u.name.clone(),
                u.display_name.clone(),
                u.roles
                    .iter()
                    .map(|r| r.zh())
                    .collect::<Vec<_>>()
                    .join("、"),
                String::new(),
                inspector_cert.unwrap_or_default(),
            ],
            None => vec![String::new(); forms::USER.len()],
        };
        Form::build(Target::User(user), forms::USER, texts)
    }

    /// A result form: `texts` in [`forms::RESULT`] order, the people and items to pick from.
    pub fn result(
        t: ResultTarget,
        texts: Vec<String>,
        people: Vec<String>,
        items: Vec<String>,
    ) -> Form {
        let categories: Vec<String> = t.categories.iter().map(|c| c.1.clone()).collect();
        let mut f = Form::build(Target::Result(t), forms::RESULT, texts);
        for fld in &mut f.fields {
            match fld.spec.key {
                "present" => fld.widget = Widget::Multi(people.clone()),
                "items" => fld.widget = Widget::Multi(items.clone()),
                "category" => fld.widget = Widget::Choice(categories.clone()),
                _ => {}
            }
        }
        f
    }

    /// A calendar day: a holiday, a make-up working day, or an ordinary day again.
    pub fn calendar_day(today: chrono::NaiveDate) -> Form {
        use crate::domain::calendar::DayKind;
        let texts = vec![
            today.to_string(),
            DayKind::Holiday.zh().into(),
            String::new(),
        ];
        let mut f = Form::build(Target::CalendarDay, forms::CALENDAR_DAY, texts);
        let mut kinds = names(DayKind::ALL, DayKind::zh, false);
        kinds.push(forms::ORDINARY_DAY.to_string());
        for fld in &mut f.fields {
            if fld.spec.key == "day_kind" {
                fld.widget = Widget::Choice(kinds.clone());
            }
        }
        f
    }

    /// An off-site check: `firms` are the labels `name(code)` of the positive-list firms.
    pub fn offsite(firms: Vec<String>, today: chrono::NaiveDate) -> Form {
        use crate::domain::result::OffsiteMethod;
        let texts = vec![
            String::new(),
            OffsiteMethod::OnlineMonitoring.zh().into(),
            today.to_string(),
            String::new(),
            String::new(),
        ];
        let mut f = Form::build(Target::Offsite, forms::OFFSITE, texts);
        for fld in &mut f.fields {
            match fld.spec.key {
                "enterprise" => fld.widget = Widget::Choice(firms.clone()),
                "offsite_method" => {
                    fld.widget = Widget::Choice(names(OffsiteMethod::ALL, OffsiteMethod::zh, false))
                }
                _ => {}
            }
        }
        f
    }

    /// The re-check of result `result`'s follow-up: `people` are the labels `name(id)` to pick
    /// the officers present from (the team first), `team` those picked to begin with.
    pub fn recheck(
        (result, title): (i64, String),
        people: Vec<String>,
        team: String,
        today: chrono::NaiveDate,
    ) -> Form {
        use crate::domain::followup::Outcome;
        let texts = vec![
            today.to_string(),
            team,
            Outcome::Rectified.zh().into(),
            String::new(),
            String::new(),
        ];
        let mut f = Form::build(Target::Recheck { result, title }, forms::RECHECK, texts);
        for fld in &mut f.fields {
            match fld.spec.key {
                "present" => fld.widget = Widget::Multi(people.clone()),
                "outcome" => fld.widget = Widget::Choice(names(&Outcome::ALL, Outcome::zh, false)),
                _ => {}
            }
        }
        f
    }

    /// An objection to result `result` or its correction, received `today`; `categories`
    /// (code, name) to pick a corrected result from.
    pub fn objection(
        result: i64,
        categories: Vec<(String, String)>,
        today: chrono::NaiveDate,
    ) -> Form {
        let kinds: Vec<String> = forms::CASE_KINDS
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        let texts = vec![kinds[0].clone(), today.to_string()];
        let texts = texts
            .into_iter()
            .chain(std::iter::repeat_n(String::new(), 5));
        let names = case_categories(&categories);
        let target = Target::Objection { result, categories };
        let mut f = Form::build(target, forms::OBJECTION, texts.collect());
        f.case_widgets(names, Some(kinds));
        f
    }

    /// A leader's decision of case `case`: 维持 to begin with.
    pub fn decision(case: i64, categories: Vec<(String, String)>) -> Form {
        use crate::domain::correction::Decision;
        let texts = vec![Decision::Uphold.zh().to_string()];
        let texts = texts
            .into_iter()
            .chain(std::iter::repeat_n(String::new(), 4));
        let names = case_categories(&categories);
        let target = Target::Decision { case, categories };
        let mut f = Form::build(target, forms::DECISION, texts.collect());
        f.case_widgets(names, None);
        f
    }

    /// The widgets of the case forms: kinds, decisions, corrected category, text lines.
    fn case_widgets(&mut self, categories: Vec<String>, kinds: Option<Vec<String>>) {
        use crate::domain::correction::Decision;
        for fld in &mut self.fields {
            match fld.spec.key {
                "case_kind" => fld.widget = Widget::Choice(kinds.clone().unwrap_or_default()),
                "decision" => {
                    fld.widget = Widget::Choice(names(&Decision::ALL, Decision::zh, false))
                }
                "new_category" => fld.widget = Widget::Choice(categories.clone()),
                "content" | "reason" | "new_findings" => fld.widget = Widget::Lines,
                _ => {}
            }
        }
    }

    /// A department-joint inspection: `firms` are the labels `name(code)` to pick subjects from.
    pub fn joint(firms: Vec<String>, today: chrono::NaiveDate) -> Form {
        let texts = vec![
            today.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ];
        let mut f = Form::build(Target::Joint, forms::JOINT, texts);
        for fld in &mut f.fields {
            if fld.spec.key == "subjects" {
                fld.widget = Widget::Multi(firms.clone());
            }
        }
        f
    }

    /// A leader's evaluation (S9) for `quarter`: `people` are the labels `name(id)` to pick
    /// from; the grade starts at 合格.
    pub fn evaluation(people: Vec<String>, quarter: crate::domain::quarter::Quarter) -> Form {
        let first = people.first().cloned().unwrap_or_default();
        let texts = vec![
            first,
            crate::domain::stats::Grade::Pass.zh().to_string(),
            String::new(),
        ];
        let mut f = Form::build(Target::Evaluation(quarter), forms::EVALUATION, texts);
        for fld in &mut f.fields {
            if fld.spec.key == "evaluee" {
                fld.widget = Widget::Choice(people.clone());
            }
        }
        f
    }

    /// The year's department-joint targets, with the current ones.
    pub fn joint_targets(year: i32, inspections: u64, subjects: u64) -> Form {
        let texts = vec![
            year.to_string(),
            inspections.to_string(),
            subjects.to_string(),
        ];
        Form::build(Target::JointTargets, forms::JOINT_TARGETS, texts)
    }

    /// A draw's preparation for `req`'s quarter and settings: `items` are the labels
    /// `code name` of the items in force to choose from, `counts` the plan's remaining per
    /// class (key, special, general). The items have focus: a draw must name them.
    pub fn draw(req: &crate::service::DrawRequest, items: Vec<String>, counts: [u64; 3]) -> Form {
        let [key, special, general] = counts.map(|n| n.to_string());
        let texts = vec![
            req.quarter.to_string(),
            String::new(),
            key,
            special,
            general,
            req.team_size.to_string(),
            req.auxiliaries.to_string(),
            req.workload_cap.to_string(),
            String::new(),
            req.min_witnesses.to_string(),
            String::new(),
        ];
        let mut f = Form::build(Target::Draw, forms::DRAW, texts);
        for fld in &mut f.fields {
            if fld.spec.key == "draw_items" {
                fld.widget = Widget::Multi(items.clone());
            }
        }
        f.focus = 1;
        f
    }

    pub(super) fn save(&mut self, svc: &mut Service, actor: &Actor, lang: Lang) -> FormOutcome {
        for f in &mut self.fields {
            f.error = None;
        }
        self.message = None;
        let values: Vec<(&'static str, String)> = (self.fields.iter())
            .map(|f| (f.spec.key, f.input.value()))
            .collect();
        let built = (self.save_registry(svc, actor, &values))
            .or_else(|| self.save_record(svc, actor, &values))
            .or_else(|| self.save_event(svc, actor, &values));
        let Some(built) = built else {
            return FormOutcome::Stay;
        };
        match built {
            Err(issues) | Ok((Err(ServiceError::Invalid(issues)), _)) => {
                // Checks the service makes (against the database) show beside the fields too.
                self.show_issues(issues, lang);
                FormOutcome::Stay
            }
            Ok((Err(e), kind)) => {
                self.message = Some(e.say(Some(kind), lang));
                FormOutcome::Stay
            }
            Ok((Ok(id), _)) => FormOutcome::Saved(id),
        }
    }

    /// Puts each issue beside its field and focuses the first.
    pub(crate) fn show_issues(
        &mut self,
        issues: Vec<crate::domain::fields::FieldIssue>,
        lang: Lang,
    ) {
        let n = issues.len();
        for i in issues {
            if let Some(f) = self.fields.iter_mut().find(|f| f.spec.key == i.field) {
                f.error = Some(strings::problem(&i.problem, lang));
            }
        }
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = first;
        }
        self.message = Some(ui::fix_fields(n, lang));
    }

    /// Saves a registry record: an enterprise, an officer, a check item, an account.
    fn save_registry(
        &self,
        svc: &mut Service,
        actor: &Actor,
        values: &[(&'static str, String)],
    ) -> Option<Built> {
        use crate::exchange::import::Kind;
        let get = getter(values);
        let today = svc.today();
        Some(match &self.target {
            Target::Enterprise(e) => forms::enterprise(e.as_ref().map(|e| &e.data), get).map(|d| {
                let r = match e {
                    Some(e) => svc
                        .update_enterprise(actor, e.id, e.revision, &d)
                        .map(|()| e.id),
                    None => svc.create_enterprise(actor, &d),
                }
                .map(Some);
                (r, Kind::Enterprises)
            }),
            Target::Inspector(i) => forms::inspector(i.as_ref().map(|i| &i.data), get).map(|d| {
                let r = match i {
                    Some(i) => svc
                        .update_inspector(actor, i.id, i.revision, &d)
                        .map(|()| i.id),
                    None => svc.create_inspector(actor, &d),
                }
                .map(Some);
                (r, Kind::Inspectors)
            }),
            Target::Item(_) => forms::item(get).map(|(d, from)| {
                let r = svc.put_item(actor, &d, from.unwrap_or(today)).map(|_| None);
                (r, Kind::Items)
            }),
            Target::User(u) => user_from(values, u.is_none()).map(
                |UserInput {
                     name,
                     display,
                     roles,
                     password,
                     cert,
                 }| {
                    let r = match u {
                        Some(u) => svc
                            .update_user(actor, &u.name, &display, &roles, cert.as_deref())
                            .and_then(|()| match &password {
                                Some(p) => svc.set_password(actor, &u.name, p, true),
                                None => Ok(()),
                            })
                            .map(|()| Some(u.id)),
                        None => svc
                            .add_user(
                                actor,
                                &crate::service::NewUser {
                                    name,
                                    display_name: display,
                                    roles,
                                    password,
                                    inspector_cert: cert,
                                    must_change_password: true,
                                    ..Default::default()
                                },
                            )
                            .map(Some),
                    };
                    (r, Kind::Inspectors)
                },
            ),
            _ => return None,
        })
    }

    /// Saves any other record: a result, a calendar day, an off-site check, a joint
    /// inspection, the year's joint targets, an evaluation.
    fn save_record(
        &self,
        svc: &mut Service,
        actor: &Actor,
        values: &[(&'static str, String)],
    ) -> Option<Built> {
        use crate::exchange::import::Kind;
        let get = getter(values);
        Some(match &self.target {
            Target::Result(t) => forms::result(get, code_of(&t.categories)).map(|d| {
                let r = svc
                    .save_result(actor, t.assignment, t.revision, &d)
                    .map(Some);
                (r, Kind::Inspections)
            }),
            Target::CalendarDay => forms::calendar_day(get).map(|(day, kind, note)| {
                let r = svc.set_calendar_day(actor, day, kind, &note).map(|()| None);
                (r, Kind::Items)
            }),
            Target::Offsite => forms::offsite(get).map(|(code, o)| {
                let q = crate::domain::quarter::Quarter::of(o.checked_on);
                let r = svc.put_offsite(actor, &code, q, &o).map(|()| None);
                (r, Kind::Enterprises)
            }),
            Target::Joint => forms::joint(get).map(|j| {
                let r = svc.add_joint_inspection(actor, &j).map(Some);
                (r, Kind::Enterprises)
            }),
            Target::JointTargets => forms::joint_targets(get).map(|(y, i, s)| {
                let r = svc.set_joint_targets(actor, y, i, s).map(|()| None);
                (r, Kind::Enterprises)
            }),
            Target::Evaluation(q) => forms::evaluation(get).map(|(id, g, remark)| {
                let r = svc.set_evaluation(actor, &id, *q, g, &remark).map(|_| None);
                (r, Kind::Inspectors)
            }),
            Target::Recheck { result, .. } => forms::recheck(get).map(|r| {
                (
                    svc.recheck(actor, *result, &r).map(|()| None),
                    Kind::Inspections,
                )
            }),
            Target::Objection { .. } | Target::Decision { .. } => {
                return self.save_case(svc, actor, get);
            }
            _ => return None,
        })
    }
}

impl Form {
    /// Saves an objection or correction, or a leader's decision of one.
    fn save_case<'a>(
        &self,
        svc: &mut Service,
        actor: &Actor,
        get: impl Fn(&str) -> Option<Raw<'a>>,
    ) -> Option<Built> {
        use crate::exchange::import::Kind;
        let r = match &self.target {
            Target::Objection { result, categories } => forms::objection(get, code_of(categories))
                .map(|f| svc.file_case(actor, *result, &f).map(Some)),
            Target::Decision { case, categories } => {
                forms::decision(get, code_of(categories)).map(|(decision, reason, changes)| {
                    let d = crate::service::Decide {
                        decision,
                        reason,
                        changes,
                    };
                    svc.decide_case(actor, *case, &d).map(|_| None)
                })
            }
            _ => return None,
        };
        Some(r.map(|r| (r, Kind::Inspections)))
    }
}

/// What a save produced: the validation issues, or the service's answer (with the saved
/// record's id when known) and the kind of record, for naming fields in messages.
pub(super) type Built = Result<
    (
        Result<Option<i64>, ServiceError>,
        crate::exchange::import::Kind,
    ),
    Vec<crate::domain::fields::FieldIssue>,
>;

/// The user form's values.
struct UserInput {
    name: String,
    display: String,
    roles: BTreeSet<Role>,
    /// A new password, when one was typed.
    password: Option<String>,
    /// Certificate number of the linked officer.
    cert: Option<String>,
}

/// Reads the user form's values.
fn user_from(
    values: &[(&'static str, String)],
    new: bool,
) -> Result<UserInput, Vec<crate::domain::fields::FieldIssue>> {
    let get = |k: &str| {
        values
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let roles =
        crate::domain::fields::choices(&Raw::Text(&get("roles")), Role::parse, Role::ALL, Role::zh);
    let mut issues = Vec::new();
    let roles = match roles {
        Ok(r) if r.is_empty() => {
            issues.push(crate::domain::fields::FieldIssue {
                field: "roles",
                value: String::new(),
                problem: crate::domain::fields::Problem::NoRole,
            });
            r
        }
        Ok(r) => r,
        Err(p) => {
            issues.push(crate::domain::fields::FieldIssue {
                field: "roles",
                value: get("roles"),
                problem: p,
            });
            BTreeSet::new()
        }
    };
    let password = Some(get("password")).filter(|p| !p.is_empty());
    if new && password.is_none() {
        issues.push(crate::domain::fields::FieldIssue {
            field: "password",
            value: String::new(),
            problem: crate::domain::fields::Problem::ShortPassword(
                crate::domain::user::PASSWORD_MIN,
            ),
        });
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let cert = Some(get("inspector")).filter(|c| !c.is_empty());
    Ok(UserInput {
        name: get("user"),
        display: get("display_name"),
        roles,
        password,
        cert,
    })
}

/// Reads a form's values by field key, as the import's row builders read a row.
pub(super) fn getter<'a>(
    values: &'a [(&'static str, String)],
) -> impl Fn(&str) -> Option<Raw<'a>> + 'a {
    move |key| (values.iter().find(|(k, _)| *k == key)).map(|(_, v)| Raw::Text(v.as_str()))
}

/// The corrected categories offered: unchanged (empty) first, then every name.
fn case_categories(categories: &[(String, String)]) -> Vec<String> {
    std::iter::once(String::new())
        .chain(categories.iter().map(|c| c.1.clone()))
        .collect()
}

/// A category's code by its name, among `categories`.
fn code_of(categories: &[(String, String)]) -> impl Fn(&str) -> Option<String> + '_ {
    move |name| categories.iter().find(|c| c.1 == name).map(|c| c.0.clone())
}
