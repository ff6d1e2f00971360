//! Files in and out from the registry screens: the import wizard (opened with `i` by
//! administrators on the enterprises, inspectors and check-items screens) and lists written to
//! the user's outbox with `x`: registries as the XLSX that `import` reads back, the users and
//! audit lists as shown. Either all records or, when a search or filter narrows the list, those
//! shown; the message says which, and the file name to download.

use super::*;
use crate::exchange::import::Kind;
use crate::tui::wizard::Reply;

impl App {
    pub(super) fn open_wizard(&mut self) {
        let kinds: &[Kind] = match self.current() {
            Tab::Enterprises => &[
                Kind::Enterprises,
                Kind::Penalties,
                Kind::Complaints,
                Kind::Inspections,
            ],
            Tab::Inspectors => &[Kind::Inspectors],
            Tab::Items => &[Kind::Items],
            _ => return,
        };
        if let Err(e) = self.s.actor.require(&[Role::Admin]) {
            return self.error(e);
        }
        self.wizard = Some(Wizard::open(kinds, &self.svc, &self.s.actor));
    }

    pub(super) fn wizard_key(&mut self, k: KeyEvent) {
        let Some(action) = keymap::lookup(&self.bindings(), &k) else {
            return;
        };
        if action == Action::Help {
            self.popup = Some(Popup::Help);
            return;
        }
        let lang = self.lang();
        let Some(w) = &mut self.wizard else { return };
        match w.act(action, &mut self.svc, &self.s.actor, lang) {
            Reply::Nothing => {}
            Reply::Close => self.wizard = None,
            Reply::Imported(m) => {
                // The change notice of this session's own import needs no "changed" message.
                self.saved_at = Some(Instant::now());
                self.load_current();
                self.say(m);
            }
            Reply::Say(m) => self.say(m),
            Reply::Error(e) => self.error(e),
        }
    }

    /// Writes the current list to the outbox and says the file name.
    pub(super) fn export_list(&mut self) {
        let tab = self.current();
        let lang = self.lang();
        let Some(l) = self.lists.get(&tab) else {
            return;
        };
        let narrowed = l.narrowed();
        let kind = match tab {
            Tab::Enterprises => Some(Kind::Enterprises),
            Tab::Inspectors => Some(Kind::Inspectors),
            Tab::Items => Some(Kind::Items),
            _ => None,
        };
        let made = match kind {
            Some(kind) => {
                let ids = l.shown_ids();
                let only = narrowed.then_some(ids.as_slice());
                self.svc.registry_export(&self.s.actor, kind, only, lang)
            }
            None if matches!(tab, Tab::Users | Tab::Audit) => {
                let title = ui::tab(tab.index(), lang).0;
                let headers: Vec<&str> =
                    l.listing.columns.iter().map(|c| c.title.as_str()).collect();
                let rows: Vec<Vec<String>> = l.shown_cells().cloned().collect();
                let name = format!("{title}-{}.xlsx", self.svc.now().format("%Y%m%d-%H%M%S"));
                crate::exchange::write::xlsx_bytes(title, &headers, &rows)
                    .map(|bytes| (rows.len(), vec![(name, bytes)]))
                    .map_err(ServiceError::from)
            }
            None => return,
        };
        match made {
            Ok((n, files)) => match self.to_outbox(files) {
                Ok(names) => self.say(strings::wizard::exported(n, narrowed, &names, lang)),
                Err(m) => self.say(m),
            },
            Err(e) => self.error(e),
        }
    }
}
