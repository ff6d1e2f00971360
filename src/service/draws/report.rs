//! A draw's preparation in words, one way for the console and the terminal UI: what `draw
//! prepare` prints and what the preparation wizard shows before `Ctrl-S` — the sizes of the
//! snapshot, the candidates and the number to draw per stratum, who was left out (already
//! drawn, inside the N4 window, no section) and who is suspended, and the refusals. `strings`
//! gets only primitive and `domain` values.

use super::{DrawCheck, PreparationNotes, PreparedDraw};
use crate::strings::{self, Lang, draw as ds};

/// Candidates listed at most this many at a time in a summary; `draw show` lists all.
const NOTES_SHOWN: usize = 5;

impl PreparationNotes {
    /// Who the preparation left out (N4) and who is suspended: all of them, or with `limit`
    /// the first few of each. The flag says whether a list was cut.
    pub fn lines(&self, limit: Option<usize>, lang: Lang) -> (Vec<String>, bool) {
        let shown = |n: usize| limit.map_or(n, |l| n.min(l));
        let mut out = Vec::new();
        let ex = &self.repeat_excluded;
        if !ex.is_empty() {
            out.push(ds::repeat_excluded(ex.len(), lang));
            for x in ex.iter().take(shown(ex.len())) {
                let visit = ds::repeat_visit(x.visit.date, &x.visit.items, lang);
                let name = strings::display(&x.name);
                out.push(format!("    {}  {name}  {visit}", x.code));
            }
        }
        let sus = &self.suspended;
        if !sus.is_empty() {
            out.push(ds::suspended(sus.len(), lang));
            let names = sus.iter().take(shown(sus.len()));
            out.extend(names.map(|n| format!("    {}", strings::display(n))));
        }
        let cut = ex.len() > shown(ex.len()) || sus.len() > shown(sus.len());
        (out, cut)
    }
}

impl DrawCheck {
    /// The snapshot as `draw prepare` describes it: its sizes, who has no section, the
    /// targets already drawn, per stratum the candidates and the number to draw, then the
    /// first few left out (N4) and suspended. The flag says whether those lists were cut.
    pub fn lines(&self, lang: Lang) -> (Vec<String>, bool) {
        let mut out = vec![ds::sizes(
            self.candidates,
            self.inspectors,
            self.conflicts,
            lang,
        )];
        if !self.no_section.is_empty() {
            out.push(ds::no_section(&self.no_section, lang));
        }
        if self.already_drawn > 0 {
            out.push(ds::already_drawn(self.already_drawn, lang));
        }
        for (st, n, k) in &self.strata {
            out.push(ds::stratum_line(*st, *n, *k, lang));
        }
        let (notes, cut) = self.notes().lines(Some(NOTES_SHOWN), lang);
        out.extend(notes);
        (out, cut)
    }

    /// The refusals of the check, each with what is missing.
    pub fn refusal_lines(&self, lang: Lang) -> Vec<String> {
        (self.refusals.iter())
            .map(|r| format!("  {}", ds::refusal(r, lang)))
            .collect()
    }

    fn notes(&self) -> PreparationNotes {
        PreparationNotes {
            repeat_excluded: self.repeat_excluded.clone(),
            suspended: self.suspended.clone(),
        }
    }
}

impl PreparedDraw {
    /// The hashes of the frozen snapshot and parameters, then the commitment.
    pub fn hash_lines(&self, lang: Lang) -> Vec<String> {
        let parts = self.hashes.parts().into_iter();
        let mut out: Vec<String> = parts
            .map(|(part, hash)| ds::hash_line(part.code(), &hash.to_hex(), lang))
            .collect();
        out.push(ds::hash_line("commitment", &self.commitment.to_hex(), lang));
        out
    }
}
