//! The forms of an enterprise's penalty (行政处罚) and complaint (信访举报), opened from its
//! detail (issue 17): the import's fields (`forms::PENALTY`, `forms::COMPLAINT`), built and
//! checked by the import's own row builders, saved by the service as a new record or as a
//! correction that supersedes the record chosen; and the form of a result category (from the
//! system settings).

use super::targets::{Built, getter};
use super::*;
use crate::service::Entry;

impl Form {
    /// A penalty of the enterprise with credit code `code`: a new one, or a correction of `p`.
    pub fn penalty(code: &str, p: Option<&Kept<Penalty>>) -> Form {
        let (texts, entry) = match p {
            Some(p) => (
                forms::penalty_texts(code, &p.record),
                Entry::Correction(p.id),
            ),
            None => {
                let mut t = vec![String::new(); forms::PENALTY.len()];
                t[0] = code.to_string();
                (t, Entry::New)
            }
        };
        Form::build(Target::Penalty(entry), forms::PENALTY, texts)
    }

    /// A complaint of the enterprise with credit code `code`: a new one (verified, as those
    /// that make a firm special are), or a correction of `c`.
    pub fn complaint(code: &str, c: Option<&Kept<Complaint>>) -> Form {
        let (texts, entry) = match c {
            Some(c) => (
                forms::complaint_texts(code, &c.record),
                Entry::Correction(c.id),
            ),
            None => {
                let mut t = vec![String::new(); forms::COMPLAINT.len()];
                t[0] = code.to_string();
                t[3] = "是".to_string();
                (t, Entry::New)
            }
        };
        Form::build(Target::Complaint(entry), forms::COMPLAINT, texts)
    }

    /// A result category: a new one, or `c` on record (with whether it is in use).
    pub fn category(c: Option<(crate::domain::result::Category, bool)>) -> Form {
        let texts = match &c {
            Some((c, _)) => forms::category_texts(c),
            None => ["", "", "", "否", "否", "否"].map(String::from).to_vec(),
        };
        Form::build(Target::Category(c), forms::CATEGORY, texts)
    }

    /// Saves a penalty, a complaint or a result category, when the form is for one.
    pub(super) fn save_event(
        &self,
        svc: &mut Service,
        actor: &Actor,
        values: &[(&'static str, String)],
    ) -> Option<Built> {
        use crate::exchange::import::Kind;
        let get = getter(values);
        Some(match &self.target {
            Target::Penalty(entry) => forms::penalty(get).map(|(code, p)| {
                let r = svc.record_penalty(actor, &code, &p, *entry).map(Some);
                (r, Kind::Penalties)
            }),
            Target::Complaint(entry) => forms::complaint(get).map(|(code, c)| {
                let r = svc.record_complaint(actor, &code, &c, *entry).map(Some);
                (r, Kind::Complaints)
            }),
            Target::Category(old) => forms::category(get).map(|c| {
                let active = old.as_ref().is_none_or(|o| o.1);
                let r = svc.put_category(actor, &c, active).map(|()| None);
                (r, Kind::Items)
            }),
            _ => return None,
        })
    }
}
