//! Key dispatch: popups and prompts first, then text input, the import wizard, tab digits, and
//! the bindings of the screen in force.

use super::*;

impl App {
    pub(super) fn key(&mut self, k: KeyEvent) -> Outcome {
        let ctrl_c = k.code == KeyCode::Char('c') && k.modifiers == KeyModifiers::CONTROL;
        if let Some(Popup::ConfirmQuit) = self.popup {
            match keymap::lookup(&[keymap::CONFIRM], &k) {
                Some(Action::Yes) => return Outcome::Quit,
                Some(Action::No) => self.popup = None,
                _ => {}
            }
            return Outcome::Continue;
        }
        if ctrl_c {
            if self.form.as_ref().is_some_and(|f| f.changed()) {
                self.popup = Some(Popup::ConfirmQuit);
                return Outcome::Continue;
            }
            return Outcome::Quit;
        }
        if let Some(Popup::ReturnComment {
            result,
            revision,
            input,
        }) = &mut self.popup
        {
            match keymap::lookup(&[keymap::PROMPT], &k) {
                Some(Action::Save) => {
                    let (id, rev, comment) = (*result, *revision, input.value());
                    self.popup = None;
                    match self.svc.review(&self.s.actor, id, rev, false, &comment) {
                        Ok(()) => {
                            self.saved_at = Some(Instant::now());
                            self.say(ws::returned(self.lang()).to_string());
                            self.load_current();
                        }
                        Err(e) => self.error(e),
                    }
                }
                Some(Action::Back) => self.popup = None,
                _ => {
                    input.key(&k);
                }
            }
            return Outcome::Continue;
        }
        if let Some(Popup::Deactivate { id, input, .. }) = &mut self.popup {
            match k.code {
                KeyCode::Enter => {
                    let (id, reason) = (*id, input.value());
                    let tab = self.current();
                    let r = match tab {
                        Tab::Enterprises => {
                            self.svc.deactivate_enterprise(&self.s.actor, id, &reason)
                        }
                        Tab::Items => {
                            // Retired from tomorrow: today's inspections keep the list in force.
                            let today = self.svc.today();
                            let today = today.succ_opt().unwrap_or(today);
                            match self
                                .svc
                                .item_versions(&self.s.actor)
                                .map(|all| all.into_iter().find(|v| v.id == id))
                            {
                                Ok(Some(v)) => self.svc.retire_item(
                                    &self.s.actor,
                                    &v.data.code,
                                    today,
                                    &reason,
                                ),
                                Ok(None) => Err(ServiceError::NotFound(format!("item {id}"))),
                                Err(e) => Err(e),
                            }
                        }
                        Tab::Users => {
                            let name = self
                                .svc
                                .users(&self.s.actor)
                                .map(|all| all.into_iter().find(|u| u.id == id).map(|u| u.name));
                            match name {
                                Ok(Some(n)) => self.svc.disable_user(&self.s.actor, &n, &reason),
                                Ok(None) => Err(ServiceError::NotFound(format!("user {id}"))),
                                Err(e) => Err(e),
                            }
                        }
                        _ => self.svc.deactivate_inspector(&self.s.actor, id, &reason),
                    };
                    self.popup = None;
                    match r {
                        Ok(()) => {
                            self.saved_at = Some(Instant::now());
                            self.say(ui::deactivated(self.lang()).to_string());
                        }
                        Err(e) => self.error(e),
                    }
                }
                KeyCode::Esc => self.popup = None,
                _ => {
                    input.key(&k);
                }
            }
            return Outcome::Continue;
        }
        if let Some(f) = &mut self.form {
            let lang = self.s.lang;
            let f_target_assignment = f.result_assignment();
            match f.key(&k, &mut self.svc, &self.s.actor, lang) {
                FormOutcome::Stay => {}
                FormOutcome::Close => self.form = None,
                FormOutcome::SavedNext(id) => {
                    self.form = None;
                    self.saved_at = Some(Instant::now());
                    let after = match &f_target_assignment {
                        Some(a) => *a,
                        None => -1,
                    };
                    let _ = id;
                    self.load_current();
                    match work::next_pending(&mut self.svc, &self.s.actor, after) {
                        Ok(Some(next)) => {
                            self.open_result_form(next);
                            if self.form.is_some() {
                                self.say(ws::saved_next(lang).to_string());
                            }
                        }
                        Ok(None) => self.say(ws::all_done(lang).to_string()),
                        Err(e) => self.error(e),
                    }
                }
                FormOutcome::Saved(id) => {
                    self.form = None;
                    self.saved_at = Some(Instant::now());
                    // Reload now (the change notice may come later) and show the saved record.
                    self.load_current();
                    if let (Some(l), Some(id)) = (self.lists.get_mut(&self.current()), id) {
                        l.select_id(id);
                    }
                    self.say(ui::saved(lang).to_string());
                }
            }
            return Outcome::Continue;
        }
        if self.password.is_some() {
            self.password_key(k);
            return Outcome::Continue;
        }
        if self.searching {
            match keymap::lookup(&[keymap::SEARCHING], &k) {
                Some(Action::Open) => self.searching = false,
                Some(Action::Back) => {
                    self.searching = false;
                    self.set_query(String::new());
                }
                _ => match k.code {
                    KeyCode::Backspace => {
                        let mut q = self.list_query();
                        q.pop();
                        self.set_query(q);
                    }
                    KeyCode::Char(c)
                        if !k.modifiers.contains(KeyModifiers::CONTROL)
                            && !k.modifiers.contains(KeyModifiers::ALT) =>
                    {
                        let q = format!("{}{c}", self.list_query());
                        self.set_query(q);
                    }
                    KeyCode::Up | KeyCode::Down => {
                        self.searching = false;
                        return self.key(k);
                    }
                    _ => {}
                },
            }
            return Outcome::Continue;
        }
        if let Some(p) = &mut self.popup {
            match (p, keymap::lookup(&[keymap::POPUP], &k)) {
                (_, Some(Action::Back)) => self.popup = None,
                (Popup::Help, _) => self.popup = None,
                (Popup::Pick { cursor, .. }, Some(Action::Up)) => {
                    *cursor = cursor.saturating_sub(1)
                }
                (
                    Popup::Pick {
                        cursor, options, ..
                    },
                    Some(Action::Down),
                ) => *cursor = (*cursor + 1).min(options.len().saturating_sub(1)),
                (
                    Popup::Pick {
                        purpose,
                        cursor,
                        options,
                        ..
                    },
                    Some(Action::Open),
                ) => {
                    let (purpose, c) = (*purpose, *cursor);
                    let option = options.get(c).cloned().unwrap_or_default();
                    self.popup = None;
                    self.picked(purpose, c, option);
                }
                _ => {}
            }
            return Outcome::Continue;
        }
        if self.wizard.is_some() {
            self.wizard_key(k);
            return Outcome::Continue;
        }
        if self.current() == Tab::Draws && self.draws.typing() {
            match keymap::lookup(&[keymap::PROMPT], &k) {
                Some(a) => self.draws_action(a),
                None => {
                    self.draws.prompt_key(&k);
                }
            }
            return Outcome::Continue;
        }
        // Digits pick a tab wherever no text field has focus.
        if let KeyCode::Char(d @ '1'..='9') = k.code
            && k.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE
        {
            let i = d as usize - '1' as usize;
            if i < self.tabs.len() {
                self.switch(i);
            }
            return Outcome::Continue;
        }
        let action = keymap::lookup(&self.bindings(), &k);
        let Some(action) = action else {
            return Outcome::Continue;
        };
        match action {
            Action::Quit => return Outcome::Quit,
            Action::Redraw => return Outcome::Redraw,
            Action::Help => self.popup = Some(Popup::Help),
            Action::NextTab => self.switch((self.tab + 1) % self.tabs.len().max(1)),
            Action::PrevTab => {
                self.switch((self.tab + self.tabs.len().max(1) - 1) % self.tabs.len().max(1))
            }
            _ if self.current() == Tab::Draws => self.draws_action(action),
            _ if self.current() == Tab::Reports => self.reports_action(action),
            Action::Calendar => self.form = Some(Form::calendar_day(self.svc.today())),
            Action::EnterResult
            | Action::Approve
            | Action::ReturnResult
            | Action::Publish
            | Action::Offsite
                if self.current() == Tab::Results && self.detail.is_none() =>
            {
                self.work_action(action)
            }
            _ if self.detail.is_some() => self.detail_action(action),
            _ => self.list_action(action),
        }
        Outcome::Continue
    }
}
