//! Evidence files in a result's detail (issue 18): `i` picks a file of the user's inbox and
//! attaches it, `x` picks one of the result's files and copies it to the outbox. The service
//! checks who may do either; refusals are said in the message line.

use super::*;
use crate::exchange::inbox;
use crate::strings::evidence as ev;

impl App {
    /// Opens the picker for `Attach` (inbox files) or `Export` (the result's files).
    pub(super) fn evidence_action(&mut self, a: Action) {
        let lang = self.lang();
        let Some(d) = &self.detail else { return };
        let Some(result) = d.result() else {
            return self.say(ev::no_result(lang).to_string());
        };
        let (purpose, title, options) = if a == Action::Attach {
            let files = match inbox::list(self.svc.db_path(), &self.s.actor.name) {
                Ok(f) => f,
                Err(e) => return self.say(e.to_string()),
            };
            let names: Vec<String> = files.into_iter().map(|f| f.name).collect();
            if names.is_empty() {
                return self.say(ev::inbox_empty(lang).to_string());
            }
            (Pick::Attach(result), ev::pick_inbox(lang), names)
        } else {
            let names: Vec<String> = d
                .evidence()
                .iter()
                .map(|(id, name)| format!("#{id} {}", strings::display(name)))
                .collect();
            if names.is_empty() {
                return self.say(ev::no_files(lang).to_string());
            }
            (Pick::EvidenceOut, ev::pick_export(lang), names)
        };
        self.popup = Some(Popup::Pick {
            purpose,
            title: title.to_string(),
            options,
            cursor: 0,
        });
    }

    /// Attaches the inbox file chosen, or copies the evidence file chosen to the outbox.
    pub(super) fn evidence_picked(&mut self, purpose: Pick, choice: usize, option: &str) {
        let lang = self.lang();
        let (svc, actor) = (&mut self.svc, &self.s.actor);
        let said = match purpose {
            Pick::Attach(result) => svc.attach_from_inbox(actor, result, option).and_then(|id| {
                let (e, _) = svc.evidence_file(actor, id)?;
                Ok(ev::added(id, &e.name, &e.sha256, lang))
            }),
            _ => {
                let id = self
                    .detail
                    .as_ref()
                    .and_then(|d| d.evidence().get(choice))
                    .map(|(id, _)| *id);
                let Some(id) = id else { return };
                svc.export_evidence(actor, id)
                    .map(|name| ev::copied(&name, lang))
            }
        };
        match said {
            Ok(m) => {
                self.saved_at = Some(Instant::now());
                if let Some(d) = &mut self.detail {
                    let (svc, actor) = (&mut self.svc, &self.s.actor);
                    if let Err(e) = d.reload(svc, actor, lang) {
                        return self.error(e);
                    }
                }
                self.say(m);
            }
            Err(e) => self.error(e),
        }
    }
}
