//! The inspectors indexed for the feasibility check and the team assignment: officers and
//! auxiliaries each sorted by id (the order tie sets are read in), sections numbered, expertise
//! as bit masks, and declared conflicts looked up by credit code. Lookups only: no result
//! depends on a hash map's iteration order.

use super::snapshot::{Candidate, Params, Snapshot};
use crate::domain::inspector::{Expertise, InspectorKind};
use std::collections::{BTreeMap, HashMap};

/// One person as the team assignment sees them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Person<'a> {
    pub id: &'a str,
    /// Index into [`Pools::sections`].
    pub section: usize,
    /// Bit `i` set when the person has `Expertise::ALL[i]`.
    pub expertise: u16,
}

/// The indexed inspectors of a snapshot.
#[derive(Debug)]
pub(crate) struct Pools<'a> {
    pub officers: Vec<Person<'a>>,
    pub auxiliaries: Vec<Person<'a>>,
    /// Distinct section names, sorted.
    pub sections: Vec<&'a str>,
    /// Credit code → conflicted people (kind, index in their pool), sorted, no repeats.
    pub conflicts: HashMap<&'a str, Vec<(InspectorKind, usize)>>,
}

/// The bit of one expertise.
fn bit(e: Expertise) -> u16 {
    Expertise::ALL
        .iter()
        .position(|&x| x == e)
        .map_or(0, |i| 1 << i)
}

/// The mask of a set of expertise.
pub(crate) fn mask<'e>(set: impl IntoIterator<Item = &'e Expertise>) -> u16 {
    set.into_iter().fold(0, |m, &e| m | bit(e))
}

/// What a target's team should cover: the expertise named like its pollutant types, plus the
/// expertise the draw's items call for.
pub(crate) fn needs(c: &Candidate, p: &Params) -> u16 {
    let from_pollutants = c
        .pollutants
        .iter()
        .filter_map(|pol| Expertise::from_code(pol.code()))
        .fold(0, |m, e| m | bit(e));
    from_pollutants | mask(&p.item_expertise)
}

impl<'a> Pools<'a> {
    pub fn new(s: &'a Snapshot) -> Pools<'a> {
        let sections: Vec<&str> = s
            .inspectors
            .iter()
            .map(|i| i.section.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let section_no: BTreeMap<&str, usize> =
            sections.iter().enumerate().map(|(i, &n)| (n, i)).collect();
        let mut sorted: Vec<_> = s.inspectors.iter().collect();
        sorted.sort_by(|a, b| a.id.cmp(&b.id));
        let (mut officers, mut auxiliaries) = (Vec::new(), Vec::new());
        let mut by_id: HashMap<&str, (InspectorKind, usize)> = HashMap::new();
        for i in sorted {
            let pool = match i.kind {
                InspectorKind::Officer => &mut officers,
                InspectorKind::Auxiliary => &mut auxiliaries,
            };
            by_id.entry(i.id.as_str()).or_insert((i.kind, pool.len()));
            pool.push(Person {
                id: &i.id,
                section: section_no.get(i.section.as_str()).copied().unwrap_or(0),
                expertise: mask(&i.expertise),
            });
        }
        let mut conflicts: HashMap<&str, Vec<(InspectorKind, usize)>> = HashMap::new();
        for c in &s.conflicts {
            if let Some(&who) = by_id.get(c.inspector.as_str()) {
                conflicts.entry(c.code.as_str()).or_default().push(who);
            }
        }
        for v in conflicts.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        Pools {
            officers,
            auxiliaries,
            sections,
            conflicts,
        }
    }

    /// The pool of one kind.
    pub fn pool(&self, kind: InspectorKind) -> &[Person<'a>] {
        match kind {
            InspectorKind::Officer => &self.officers,
            InspectorKind::Auxiliary => &self.auxiliaries,
        }
    }

    /// The people of `kind` in conflict with the target `code`.
    pub fn conflicted(&self, code: &str, kind: InspectorKind) -> impl Iterator<Item = usize> + '_ {
        self.conflicts
            .get(code)
            .into_iter()
            .flatten()
            .filter(move |(k, _)| *k == kind)
            .map(|&(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::snapshot::{ConflictPair, Inspector, Quota};
    use crate::domain::enterprise::Pollutant;
    use crate::domain::quota::Group;

    #[test]
    fn pools_sort_by_id_and_index_conflicts() {
        let person = |id: &str, kind, section: &str| Inspector {
            id: id.into(),
            kind,
            section: section.into(),
            expertise: [Expertise::Air].into(),
        };
        let s = Snapshot {
            candidates: vec![],
            inspectors: vec![
                person("B", InspectorKind::Officer, "水"),
                person("A", InspectorKind::Officer, "大气"),
                person("X", InspectorKind::Auxiliary, "监测站"),
            ],
            conflicts: vec![
                ConflictPair {
                    inspector: "B".into(),
                    code: "C1".into(),
                },
                ConflictPair {
                    inspector: "nobody".into(),
                    code: "C1".into(),
                },
                ConflictPair {
                    inspector: "X".into(),
                    code: "C1".into(),
                },
            ],
        };
        let p = Pools::new(&s);
        let ids: Vec<&str> = p.officers.iter().map(|o| o.id).collect();
        assert_eq!(ids, ["A", "B"]);
        assert_eq!(p.sections, ["大气", "水", "监测站"]);
        assert_eq!(p.officers[1].section, 1);
        assert_eq!(
            p.conflicted("C1", InspectorKind::Officer)
                .collect::<Vec<_>>(),
            [1]
        );
        assert_eq!(
            p.conflicted("C1", InspectorKind::Auxiliary)
                .collect::<Vec<_>>(),
            [0]
        );
        assert_eq!(p.conflicted("C2", InspectorKind::Officer).count(), 0);
    }

    #[test]
    fn needs_join_pollutants_and_items() {
        let c = Candidate {
            code: "X".into(),
            group: Group::Key,
            pollutants: [Pollutant::HazardousWaste, Pollutant::Water].into(),
            previous_lead: None,
        };
        let mut p = Params::new("d", Quota::Unclassified { count: 1 });
        assert_eq!(
            needs(&c, &p),
            mask(&[Expertise::HazardousWaste, Expertise::Water])
        );
        p.item_expertise = [Expertise::Law].into();
        assert_eq!(needs(&c, &p).count_ones(), 3);
        // Every pollutant type has an expertise of the same code.
        for pol in Pollutant::ALL {
            assert!(Expertise::from_code(pol.code()).is_some(), "{pol:?}");
        }
    }
}
