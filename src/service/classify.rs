//! Classifying the whole registry for a quarter (S5) and the S6 required numbers: from the
//! whole records (what screens show) or from the brief ones a draw reads.

use super::{Actor, READERS, Result, Service};
use crate::domain::classify::{ClassInput, Classification, classify_tags};
use crate::domain::enterprise::{Complaint, Enterprise, EnterpriseBrief, Penalty};
use crate::domain::quarter::Quarter;
use crate::domain::quota::{GroupQuota, Ratios, quotas};
use crate::store::Db;
use std::collections::HashMap;

/// Every enterprise still in business with its class, and the quotas per group. `E` is the
/// record as read: whole ([`Enterprise`]) or brief ([`EnterpriseBrief`], for a draw).
#[derive(Debug, Clone)]
pub struct QuarterClassification<E = Enterprise> {
    pub quarter: Quarter,
    pub ratios: Ratios,
    pub items: Vec<(E, Classification)>,
    /// Closed or deregistered firms, left out of the population.
    pub gone: usize,
    pub quotas: Vec<GroupQuota>,
}

/// An enterprise as a classification reads it.
pub trait Classified: Sized {
    /// Every enterprise, ordered by id.
    fn read_all(db: Db<'_>) -> crate::store::Result<Vec<Self>>;
    fn id(&self) -> i64;
    /// Its credit code as stored.
    fn code(&self) -> &str;
    /// Closed or deregistered.
    fn gone(&self) -> bool;
    fn tags(&self) -> ClassInput;
}

impl Classified for Enterprise {
    fn read_all(db: Db<'_>) -> crate::store::Result<Vec<Self>> {
        db.enterprises()
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn code(&self) -> &str {
        self.data.credit_code.as_str()
    }
    fn gone(&self) -> bool {
        self.data.status.is_gone()
    }
    fn tags(&self) -> ClassInput {
        ClassInput::of(&self.data)
    }
}

impl Classified for EnterpriseBrief {
    fn read_all(db: Db<'_>) -> crate::store::Result<Vec<Self>> {
        db.enterprise_briefs()
    }
    fn id(&self) -> i64 {
        self.id
    }
    fn code(&self) -> &str {
        &self.credit_code
    }
    fn gone(&self) -> bool {
        self.status.is_gone()
    }
    fn tags(&self) -> ClassInput {
        self.tags
    }
}

impl Service {
    /// Classifies every enterprise not closed or deregistered for `quarter`.
    pub fn classify_quarter(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<QuarterClassification> {
        self.classify_as(actor, quarter)
    }

    /// As [`Service::classify_quarter`], reading of each enterprise only what a draw needs:
    /// the same classes and quotas at a fraction of the reading.
    pub fn classify_quarter_brief(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<QuarterClassification<EnterpriseBrief>> {
        self.classify_as(actor, quarter)
    }

    /// Classifies every enterprise not closed or deregistered for `quarter`, read as `E`.
    fn classify_as<E: Classified>(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<QuarterClassification<E>> {
        actor.require(READERS)?;
        let prev = quarter.prev();
        let (all, pens, comps, ratios) = self.store.read(|db| {
            Ok::<_, super::ServiceError>((
                E::read_all(db)?,
                db.penalties_between(prev.start(), prev.end())?,
                db.complaints_verified_between(prev.start(), prev.end())?,
                super::plan_ratios(db, quarter)?.0,
            ))
        })?;
        let mut by_p: HashMap<i64, Vec<Penalty>> = HashMap::new();
        for (id, p) in pens {
            by_p.entry(id).or_default().push(p);
        }
        let mut by_c: HashMap<i64, Vec<Complaint>> = HashMap::new();
        for (id, c) in comps {
            by_c.entry(id).or_default().push(c);
        }
        let total = all.len();
        let items: Vec<(E, Classification)> = all
            .into_iter()
            .filter(|e| !e.gone())
            .map(|e| {
                let c = classify_tags(
                    &e.tags(),
                    by_p.get(&e.id()).map_or(&[][..], Vec::as_slice),
                    by_c.get(&e.id()).map_or(&[][..], Vec::as_slice),
                    quarter,
                );
                (e, c)
            })
            .collect();
        let quotas = quotas(items.iter().map(|(_, c)| c), &ratios);
        Ok(QuarterClassification {
            quarter,
            ratios,
            gone: total - items.len(),
            items,
            quotas,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::service::tests::{admin, service};

    /// The brief read a draw classifies from gives every enterprise the class, the reasons
    /// and the quotas the whole records give.
    #[test]
    fn the_brief_read_classifies_as_the_whole_records_do() {
        let mut s = service();
        crate::demo::fill(&mut s, &admin(), 400).unwrap();
        for q in ["2024Q2", "2024Q3", "2026Q4"] {
            let q = q.parse().unwrap();
            let full = s.classify_quarter(&admin(), q).unwrap();
            let brief = s.classify_quarter_brief(&admin(), q).unwrap();
            assert!(full.items.len() > 300, "{}", full.items.len());
            assert_eq!((brief.gone, &brief.quotas), (full.gone, &full.quotas));
            assert_eq!(brief.items.len(), full.items.len());
            // The registry has every kind of tag the classes depend on.
            let classes: std::collections::BTreeSet<_> =
                full.items.iter().map(|(_, c)| c.class).collect();
            assert_eq!(classes.len(), 3);
            assert!(full.items.iter().any(|(e, _)| e.data.listing.is_some()));
            assert!(
                full.items
                    .iter()
                    .any(|(e, _)| e.data.positive_list.is_some())
            );
            for ((b, bc), (e, ec)) in brief.items.iter().zip(&full.items) {
                assert_eq!(
                    (b.id, b.credit_code.as_str()),
                    (e.id, e.data.credit_code.as_str())
                );
                assert_eq!((&b.name, &b.pollutants), (&e.data.name, &e.data.pollutants));
                assert_eq!(b.status, e.data.status);
                assert_eq!(bc, ec, "{}", b.credit_code);
            }
        }
    }
}
