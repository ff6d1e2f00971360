//! The keys of the screens beyond the registries: the reports tab, the worklist (enter,
//! review, publish, off-site records), the draw room, and files written to the user's outbox.

use super::*;

impl App {
    pub(super) fn reports_action(&mut self, a: Action) {
        let r = &mut self.reports;
        match a {
            Action::Up => r.scroll = r.scroll.saturating_sub(1),
            Action::Down => r.scroll = r.scroll.saturating_add(1),
            Action::PageUp => r.scroll = r.scroll.saturating_sub(10),
            Action::PageDown => r.scroll = r.scroll.saturating_add(10),
            Action::PrevQuarter => r.step(-1),
            Action::NextQuarter => r.step(1),
            Action::Joint => match self.svc.enterprises(&self.s.actor) {
                Ok(all) => {
                    let firms = all
                        .iter()
                        .filter(|e| !e.data.status.is_gone())
                        .map(|e| {
                            format!("{}({})", strings::display(&e.data.name), e.data.credit_code)
                        })
                        .collect();
                    self.form = Some(Form::joint(firms, self.svc.today()));
                }
                Err(e) => self.error(e),
            },
            Action::JointTargets => {
                let year = chrono::Datelike::year(&self.reports.quarter.start());
                let d = self
                    .svc
                    .quarter_stats(&self.s.actor, self.reports.quarter)
                    .map(|s| s.department_joint)
                    .unwrap_or_default();
                self.form = Some(Form::joint_targets(
                    year,
                    d.target_inspections,
                    d.target_subjects,
                ));
            }
            Action::Evaluate => match self.svc.evaluees(&self.s.actor) {
                Ok(people) => {
                    let labels = people
                        .iter()
                        .map(|p| format!("{}({})", strings::display(&p.name), p.id))
                        .collect();
                    self.form = Some(Form::evaluation(labels, self.reports.quarter));
                }
                Err(e) => self.error(e),
            },
            Action::Bundle => {
                let lang = self.lang();
                let q = self.reports.quarter;
                match self.svc.report_bundle(&self.s.actor, q, lang) {
                    Ok((zip, _)) => {
                        let name = crate::strings::evidence::bundle_name(&q.to_string(), lang);
                        match self.to_outbox(vec![(name, zip)]) {
                            Ok(names) => self.say(crate::strings::report::exported(&names, lang)),
                            Err(m) => self.say(m),
                        }
                    }
                    Err(e) => self.error(e),
                }
            }
            Action::Export => {
                let lang = self.lang();
                let q = self.reports.quarter;
                match self.svc.report_files(&self.s.actor, q, lang) {
                    Ok(files) => match self.to_outbox(files) {
                        Ok(names) => self.say(crate::strings::report::exported(&names, lang)),
                        Err(m) => self.say(m),
                    },
                    Err(e) => self.error(e),
                }
            }
            _ => {}
        }
        self.load_current();
    }

    /// Opens the result form of an assignment.
    pub(super) fn open_result_form(&mut self, id: i64) {
        let lang = self.lang();
        match work::result_form(&mut self.svc, &self.s.actor, id, lang) {
            Ok(f) => self.form = Some(f),
            Err(e) => self.error(e),
        }
    }

    /// Writes files to this user's outbox; the names written, or why not.
    pub(super) fn to_outbox(&self, files: crate::service::Files) -> Result<Vec<String>, String> {
        let db = self.svc.db_path().to_path_buf();
        let lang = self.lang();
        files
            .into_iter()
            .map(|(name, bytes)| {
                crate::exchange::outbox::write(&db, &self.s.actor.name, &name, &bytes)
                    .map(|_| format!("outbox/{}", crate::exchange::outbox::safe_name(&name)))
                    .map_err(|e| ui::cannot_write(&name, &e.to_string(), lang))
            })
            .collect()
    }

    /// Worklist keys: enter a result, approve or return one, publish the quarter, record an
    /// off-site check.
    pub(super) fn work_action(&mut self, a: Action) {
        if a == Action::Offsite {
            match self.svc.offsite(&self.s.actor, self.quarter) {
                Ok(lines) => {
                    let firms = lines
                        .iter()
                        .map(|l| format!("{}({})", strings::display(&l.name), l.code))
                        .collect();
                    self.form = Some(Form::offsite(firms, self.svc.today()));
                }
                Err(e) => self.error(e),
            }
            return;
        }
        if a == Action::Publish {
            let lang = self.lang();
            match self
                .svc
                .publication_files(&self.s.actor, self.quarter, lang)
            {
                Ok((n, files)) => match self.to_outbox(files) {
                    Ok(names) => {
                        self.say(format!(
                            "{} {}",
                            ws::published(n, &self.quarter.to_string(), lang),
                            names.join("、")
                        ));
                        self.load_current();
                    }
                    Err(m) => self.say(m),
                },
                Err(e) => self.error(e),
            }
            return;
        }
        let Some(id) = self.lists.get(&Tab::Results).and_then(|l| l.selected_id()) else {
            return;
        };
        if a == Action::EnterResult {
            self.open_result_form(id);
            return;
        }
        let lang = self.lang();
        let submitted = match self.svc.assignment(&self.s.actor, id) {
            Ok(x) => x.result.filter(|r| r.status == ReviewStatus::Submitted),
            Err(e) => return self.error(e),
        };
        let Some(r) = submitted else {
            self.say(ws::not_reviewable(lang).to_string());
            return;
        };
        if a == Action::Approve {
            match self.svc.review(&self.s.actor, r.id, r.revision, true, "") {
                Ok(()) => {
                    self.saved_at = Some(Instant::now());
                    self.say(ws::approved(lang).to_string());
                    self.load_current();
                }
                Err(e) => self.error(e),
            }
        } else {
            self.popup = Some(Popup::ReturnComment {
                result: r.id,
                revision: r.revision,
                input: TextInput::default(),
            });
        }
    }

    pub(super) fn draws_action(&mut self, a: Action) {
        let lang = self.lang();
        let reply = self
            .draws
            .act(a, &mut self.svc, &self.s.actor, &self.hub, lang);
        match reply {
            room::Reply::Nothing => {}
            room::Reply::Files(files) => match self.to_outbox(files) {
                Ok(names) => self.say(crate::strings::room::record_written(&names, lang)),
                Err(m) => self.say(m),
            },
            room::Reply::Say(m) => {
                self.saved_at = Some(Instant::now());
                self.say(m);
            }
            room::Reply::Error(e) => self.error(e),
        }
        self.load_current();
    }
}
