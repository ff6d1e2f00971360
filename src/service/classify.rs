//! Classifying the whole registry for a quarter (S5) and the S6 required numbers.

use super::{Actor, READERS, Result, Service};
use crate::domain::classify::{Classification, classify};
use crate::domain::enterprise::{Complaint, Enterprise, Penalty};
use crate::domain::quarter::Quarter;
use crate::domain::quota::{GroupQuota, Ratios, quotas};
use std::collections::HashMap;

/// Every enterprise still in business with its class, and the quotas per group.
#[derive(Debug, Clone)]
pub struct QuarterClassification {
    pub quarter: Quarter,
    pub ratios: Ratios,
    pub items: Vec<(Enterprise, Classification)>,
    /// Closed or deregistered firms, left out of the population.
    pub gone: usize,
    pub quotas: Vec<GroupQuota>,
}

impl Service {
    /// Classifies every enterprise not closed or deregistered for `quarter`.
    pub fn classify_quarter(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<QuarterClassification> {
        actor.require(READERS)?;
        let prev = quarter.prev();
        let (all, pens, comps, ratios) = self.store.read(|db| {
            Ok::<_, super::ServiceError>((
                db.enterprises()?,
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
        let items: Vec<(Enterprise, Classification)> = all
            .into_iter()
            .filter(|e| !e.data.status.is_gone())
            .map(|e| {
                let c = classify(
                    &e.data,
                    by_p.get(&e.id).map_or(&[][..], Vec::as_slice),
                    by_c.get(&e.id).map_or(&[][..], Vec::as_slice),
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
