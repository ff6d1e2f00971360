//! The announcement of a prepared draw before its reveal (issue 20, RFC 3797's step): the
//! commitment, the hashes of the frozen snapshot and parameters, the counts and the public
//! source, as JSON and HTML for the portal; recorded in the audit trail with its time.

use super::*;
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::draw::announcement::{Announcement, AnnouncementInput};
use crate::exchange::announce::{announcement_html, file_names};
use crate::strings::Lang;

impl Service {
    /// Writes the announcement of a prepared, not yet revealed draw (administrators):
    /// `<draw>-announcement.json` and `.html`. `known` says when the public value will be
    /// known. Audited as `announce`, with the announcement.
    pub fn draw_announcement(
        &mut self,
        actor: &Actor,
        id: i64,
        known: Option<&str>,
        lang: Lang,
    ) -> Result<super::super::Files> {
        actor.require(&[Role::Admin])?;
        let known = known
            .map(|k| clean_line(k, "public_value_known"))
            .transpose()?;
        let at = self.stamp();
        let bureau = self.bureau_name()?;
        let a = self.write(Change::Draws, |db| {
            let DrawRow {
                head: r, snapshot, ..
            } = prepared(db, id)?;
            let params = &r.params;
            let commitment = H256::from_hex(&r.commitment)
                .ok_or_else(|| corrupt("commitment", &r.commitment))?;
            let a = Announcement::new(&AnnouncementInput {
                draw_id: u64::try_from(id).unwrap_or(0),
                quarter: &r.quarter,
                at: &at,
                params,
                hashes: hashes(&snapshot, params),
                commitment,
                public_source: r.public_source.as_deref(),
                public_value_known: known.as_deref(),
            });
            let after = a.to_json();
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Announce, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(&after)),
            )?;
            Ok(a)
        })?;
        let (json_name, html_name) = file_names(&a.draw);
        Ok(vec![
            (json_name, a.to_json().into_bytes()),
            (html_name, announcement_html(&a, &bureau, lang).into_bytes()),
        ])
    }
}
