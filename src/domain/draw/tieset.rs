//! Fast tie sets for the team assignment: one pool's people as bit sets (by workload level, by
//! expertise, by section, and the current target's exclusions), so that finding "the eligible
//! people with the lowest load, then the highest match, in id order" and its `r`-th member costs
//! a few word operations per 64 people instead of a pass over everyone. Bit `i` is the person at
//! index `i` of the pool, which is sorted by id, so bit order is id order. The result is the
//! same as the plain definition in the spec (checked against a naive version in the tests).

use super::hash::H256;
use super::pools::Person;
use crate::domain::inspector::Expertise;

/// What one slot's choice found.
pub(crate) struct Choice {
    pub person: usize,
    pub load: u32,
    pub matched: u32,
    pub tied: u32,
    pub index: u32,
}

/// One pool during the assignment.
pub(crate) struct PoolState<'p, 'a> {
    pub people: &'p [Person<'a>],
    words: usize,
    pub load: Vec<u32>,
    /// `levels[l]`: people whose load is `l`.
    levels: Vec<Vec<u64>>,
    /// People having `Expertise::ALL[e]`.
    by_expertise: Vec<Vec<u64>>,
    /// People of each section (indices of `Pools::sections`).
    by_section: Vec<Vec<u64>>,
    /// Conflicted with the current target or already in its team.
    excluded: Vec<u64>,
    excluded_list: Vec<usize>,
    /// The last tie set computed.
    tie: Vec<u64>,
    /// Scratch: no one, and the bit-sliced match counts.
    nobody: Vec<u64>,
    planes: Vec<[u64; 4]>,
}

fn set(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

fn clear(bits: &mut [u64], i: usize) {
    bits[i / 64] &= !(1 << (i % 64));
}

impl<'p, 'a> PoolState<'p, 'a> {
    pub fn new(people: &'p [Person<'a>], sections: usize) -> Self {
        let words = people.len().div_ceil(64);
        let mut level0 = vec![0; words];
        let mut by_expertise = vec![vec![0; words]; Expertise::ALL.len()];
        let mut by_section = vec![vec![0; words]; sections];
        for (i, p) in people.iter().enumerate() {
            set(&mut level0, i);
            for (e, bits) in by_expertise.iter_mut().enumerate() {
                if p.expertise >> e & 1 == 1 {
                    set(bits, i);
                }
            }
            if let Some(bits) = by_section.get_mut(p.section) {
                set(bits, i);
            }
        }
        PoolState {
            people,
            words,
            load: vec![0; people.len()],
            levels: vec![level0],
            by_expertise,
            by_section,
            excluded: vec![0; words],
            excluded_list: Vec::new(),
            tie: vec![0; words],
            nobody: vec![0; words],
            planes: vec![[0; 4]; words],
        }
    }

    /// Starts a target: only `conflicted` are excluded.
    pub fn begin(&mut self, conflicted: impl Iterator<Item = usize>) {
        for i in self.excluded_list.drain(..) {
            clear(&mut self.excluded, i);
        }
        for i in conflicted {
            if i < self.people.len() {
                set(&mut self.excluded, i);
                self.excluded_list.push(i);
            }
        }
    }

    /// Puts person `i` in the current team.
    pub fn take(&mut self, i: usize) {
        let l = self.load[i] as usize;
        if let Some(level) = self.levels.get_mut(l) {
            clear(level, i);
        }
        if self.levels.len() <= l + 1 {
            self.levels.push(vec![0; self.words]);
        }
        set(&mut self.levels[l + 1], i);
        self.load[i] += 1;
        set(&mut self.excluded, i);
        self.excluded_list.push(i);
    }

    /// The tie set of a slot (left in `self.tie`) and the member at `h mod |tie set|`.
    pub fn choose(
        &mut self,
        cap: u32,
        want: u16,
        not_section: Option<usize>,
        h: &H256,
    ) -> Option<Choice> {
        let words = self.words;
        let barred = not_section
            .and_then(|s| self.by_section.get(s))
            .unwrap_or(&self.nobody);
        // The lowest load level with an eligible person.
        let top = self
            .levels
            .len()
            .min(usize::try_from(cap).unwrap_or(usize::MAX));
        let mut load = None;
        for (l, level) in self.levels.iter().enumerate().take(top) {
            let mut any = 0;
            for w in 0..words {
                self.tie[w] = level[w] & !self.excluded[w] & !barred[w];
                any |= self.tie[w];
            }
            if any != 0 {
                load = Some(l as u32);
                break;
            }
        }
        let load = load?;
        let matched = self.keep_best_match(want);
        let tied: u32 = self.tie.iter().map(|w| w.count_ones()).sum();
        let index = h.mod_u32(tied);
        let person = nth_bit(&self.tie, index)?;
        Some(Choice {
            person,
            load,
            matched,
            tied,
            index,
        })
    }

    /// Narrows `self.tie` to the people covering most of `want`; returns that number. Counts
    /// are kept bit-sliced (four planes, up to 15) and the maximum found plane by plane.
    fn keep_best_match(&mut self, want: u16) -> u32 {
        let wanted: Vec<&Vec<u64>> = self
            .by_expertise
            .iter()
            .enumerate()
            .filter(|(e, _)| want >> e & 1 == 1)
            .map(|(_, b)| b)
            .collect();
        if wanted.is_empty() {
            return 0;
        }
        let planes = &mut self.planes;
        for (w, pl) in planes.iter_mut().enumerate() {
            *pl = [0; 4];
            for bits in &wanted {
                let mut carry = bits[w];
                for p in pl.iter_mut() {
                    let next = *p & carry;
                    *p ^= carry;
                    carry = next;
                }
            }
        }
        let mut best = 0;
        for p in (0..4).rev() {
            if planes.iter().zip(&self.tie).any(|(pl, t)| pl[p] & t != 0) {
                best |= 1 << p;
                for (t, pl) in self.tie.iter_mut().zip(planes.iter()) {
                    *t &= pl[p];
                }
            }
        }
        best
    }

    /// The members of the last tie set, in id order.
    pub fn tie_set(&self) -> impl Iterator<Item = usize> + '_ {
        self.tie.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |b| word >> b & 1 == 1)
                .map(move |b| w * 64 + b)
        })
    }
}

/// The index of the `n`-th (0-based) set bit.
fn nth_bit(bits: &[u64], mut n: u32) -> Option<usize> {
    for (w, &word) in bits.iter().enumerate() {
        let c = word.count_ones();
        if n < c {
            let mut x = word;
            for _ in 0..n {
                x &= x - 1;
            }
            return Some(w * 64 + x.trailing_zeros() as usize);
        }
        n -= c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_bit_counts_across_words() {
        let bits = [0b1010u64, 0, 1 << 63 | 1];
        assert_eq!(nth_bit(&bits, 0), Some(1));
        assert_eq!(nth_bit(&bits, 1), Some(3));
        assert_eq!(nth_bit(&bits, 2), Some(128));
        assert_eq!(nth_bit(&bits, 3), Some(191));
        assert_eq!(nth_bit(&bits, 4), None);
    }

    #[test]
    fn best_match_keeps_the_highest_count() {
        let people: Vec<Person> = (0..130u16)
            .map(|i| Person {
                id: "x",
                section: 0,
                expertise: i % 8,
            })
            .collect();
        let mut st = PoolState::new(&people, 1);
        st.tie = vec![u64::MAX, u64::MAX, 3];
        assert_eq!(st.keep_best_match(0b111), 3);
        assert!(st.tie_set().all(|i| i % 8 == 7));
        assert_eq!(st.tie_set().count(), 16);
        st.tie = vec![u64::MAX, u64::MAX, 3];
        assert_eq!(st.keep_best_match(0b100), 1);
        assert_eq!(st.tie_set().count(), 64);
    }
}
