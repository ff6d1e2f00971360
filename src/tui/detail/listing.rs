//! The registry listings: per source its columns, its rows' display cells (sanitised) and
//! search keys. Built once per change and role set and shared through the hub.

use super::col;
use crate::domain::quarter::Quarter;
use crate::domain::search::SearchKey;
use crate::service::hub::{Listing, Row, Source};
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{self, Lang, display, ui};

/// Builds the listing of a source for a language.
pub fn build_listing(
    svc: &mut Service,
    actor: &Actor,
    source: Source,
    lang: Lang,
) -> Result<Listing, ServiceError> {
    match source {
        Source::Work => crate::tui::work::listing(svc, actor, lang),
        Source::Enterprises => enterprises(svc, actor, lang),
        Source::Inspectors => inspectors(svc, actor, lang),
        Source::Items => items(svc, lang),
        Source::Users => users(svc, actor, lang),
        Source::Audit => audit(svc, actor, lang),
    }
}

/// The registry of enterprises with this quarter's class.
fn enterprises(svc: &mut Service, actor: &Actor, lang: Lang) -> Result<Listing, ServiceError> {
    let quarter = Quarter::of(svc.today());
    let classes: std::collections::HashMap<i64, _> = svc
        .classify_quarter(actor, quarter)?
        .items
        .into_iter()
        .map(|(e, c)| (e.id, c.class))
        .collect();
    let rows = svc
        .enterprises(actor)?
        .into_iter()
        .map(|e| {
            let d = &e.data;
            let class = classes.get(&e.id).map_or("—", |c| strings::class(*c, lang));
            Row {
                id: e.id,
                key: SearchKey::new(&d.name, &[d.credit_code.as_str(), &d.area, &d.industry]),
                cells: vec![
                    display(&d.name),
                    d.credit_code.to_string(),
                    class.to_string(),
                    display(&d.area),
                    lang.t(d.status.zh(), d.status.en()).to_string(),
                ],
            }
        })
        .collect();
    Ok(Listing::new(
        vec![
            col(ui::label("name", lang), 0),
            col(ui::label("credit_code", lang), 18),
            col(ui::label("class", lang), 8),
            col(ui::label("area", lang), 14),
            col(ui::label("status", lang), 8),
        ],
        rows,
    ))
}

/// The officers.
fn inspectors(svc: &mut Service, actor: &Actor, lang: Lang) -> Result<Listing, ServiceError> {
    let rows = svc
        .inspectors(actor)?
        .into_iter()
        .map(|i| {
            let d = &i.data;
            let exp = d
                .expertise
                .iter()
                .map(|x| lang.t(x.zh(), x.en()))
                .collect::<Vec<_>>()
                .join(lang.t("、", ", "));
            Row {
                id: i.id,
                key: SearchKey::new(&d.name, &[&d.cert_no, &d.section, &d.unit]),
                cells: vec![
                    display(&d.name),
                    lang.t(d.kind.zh(), d.kind.en()).to_string(),
                    display(&d.section),
                    display(&d.cert_no),
                    exp,
                    if d.active {
                        ui::label("active", lang).to_string()
                    } else {
                        ui::label("inactive", lang).to_string()
                    },
                ],
            }
        })
        .collect();
    Ok(Listing::new(
        vec![
            col(ui::label("name_2", lang), 10),
            col(ui::label("kind", lang), 12),
            col(ui::label("section", lang), 10),
            col(ui::label("cert_no", lang), 14),
            col(ui::label("expertise", lang), 0),
            col(ui::label("status", lang), 8),
        ],
        rows,
    ))
}

/// The check items in force.
fn items(svc: &mut Service, lang: Lang) -> Result<Listing, ServiceError> {
    let today = svc.today();
    let rows = svc
        .items_in_force(today)?
        .into_iter()
        .map(|v| Row {
            id: v.id,
            key: SearchKey::new(&v.data.name, &[&v.data.code, &v.data.basis]),
            cells: vec![
                display(&v.data.code),
                display(&v.data.name),
                lang.t(v.data.method.zh(), v.data.method.en()).to_string(),
                v.effective_from.to_string(),
                v.version.to_string(),
            ],
        })
        .collect();
    Ok(Listing::new(
        vec![
            col(ui::label("code", lang), 12),
            col(ui::label("item", lang), 0),
            col(ui::label("method", lang), 10),
            col(ui::label("from", lang), 10),
            col(ui::label("ver", lang), 4),
        ],
        rows,
    ))
}

/// The accounts.
fn users(svc: &mut Service, actor: &Actor, lang: Lang) -> Result<Listing, ServiceError> {
    let rows = svc
        .users(actor)?
        .into_iter()
        .map(|u| Row {
            id: u.id,
            key: SearchKey::new(&u.display_name, &[&u.name]),
            cells: vec![
                u.name.clone(),
                display(&u.display_name),
                u.roles
                    .iter()
                    .map(|r| lang.t(r.zh(), r.en()))
                    .collect::<Vec<_>>()
                    .join(lang.t("、", ", ")),
                strings::cli::enabled(!u.disabled, lang).to_string(),
            ],
        })
        .collect();
    Ok(Listing::new(
        vec![
            col(ui::label("user", lang), 14),
            col(ui::label("name_2", lang), 10),
            col(ui::label("roles", lang), 0),
            col(ui::label("status", lang), 6),
        ],
        rows,
    ))
}

/// The latest entries of the audit trail.
fn audit(svc: &mut Service, actor: &Actor, lang: Lang) -> Result<Listing, ServiceError> {
    let rows = svc
        .audit_recent(actor, 2000)?
        .into_iter()
        .map(|a| {
            let what = format!(
                "{}{}",
                strings::audit::entity(&a.entity, lang),
                a.entity_id.map(|i| format!("#{i}")).unwrap_or_default()
            );
            let action = strings::audit::action(&a.action, lang);
            let codes = [&a.actor, &a.action, &a.entity, &action, &what, &a.at];
            Row {
                id: a.id,
                key: SearchKey::new(&a.summary, &codes.map(String::as_str)),
                cells: vec![
                    a.at.chars().take(19).collect::<String>().replace('T', " "),
                    display(&strings::audit::actor(&a.actor, lang)),
                    action,
                    what,
                    display(&a.summary),
                ],
            }
        })
        .collect();
    Ok(Listing::new(
        vec![
            col(ui::label("time", lang), 19),
            col(ui::label("actor", lang), 14),
            col(ui::label("action", lang), 10),
            col(ui::label("record", lang), 16),
            col(ui::label("summary", lang), 0),
        ],
        rows,
    ))
}
