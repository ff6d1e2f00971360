//! Search as you type: case-insensitive substring over a row's text, and pinyin initials over
//! its Chinese name, where every reading of a polyphonic character counts (重庆 matches both
//! `cq` and `zq`; 长安 both `ca` and `za`). Built once per row, matched per keystroke.

use pinyin::ToPinyinMulti;

/// What a row is searched by.
#[derive(Debug, Clone, Default)]
pub struct SearchKey {
    /// Lower-cased text of every searchable field, separated by `\u{1}`.
    text: String,
    /// Per character of the name: the set of possible initials as a bit mask (a = bit 0).
    initials: Vec<u32>,
}

fn bit(c: char) -> u32 {
    if c.is_ascii_alphabetic() {
        1 << (c.to_ascii_lowercase() as u32 - 'a' as u32)
    } else {
        0
    }
}

/// The initials a character may have: every reading's first letter; ASCII letters stand for
/// themselves; digits and other characters have none (they can only match as text).
fn initials_of(c: char) -> u32 {
    if c.is_ascii_alphabetic() {
        return bit(c);
    }
    match c.to_pinyin_multi() {
        Some(multi) => multi
            .into_iter()
            .map(|p| p.first_letter().chars().next().map_or(0, bit))
            .fold(0, |a, b| a | b),
        None => 0,
    }
}

impl SearchKey {
    /// `name` gets pinyin initials; `others` are matched as text only.
    pub fn new(name: &str, others: &[&str]) -> SearchKey {
        let mut text = name.to_lowercase();
        for o in others {
            text.push('\u{1}');
            text.push_str(&o.to_lowercase());
        }
        SearchKey {
            text,
            initials: name.chars().map(initials_of).collect(),
        }
    }

    /// Whether the row matches a query (empty matches everything).
    pub fn matches(&self, query: &Query) -> bool {
        if query.lower.is_empty() {
            return true;
        }
        if self.text.contains(&query.lower) {
            return true;
        }
        let q = &query.letters;
        !q.is_empty()
            && q.len() <= self.initials.len()
            && self
                .initials
                .windows(q.len())
                .any(|w| w.iter().zip(q).all(|(m, b)| m & b != 0))
    }
}

/// A prepared query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    lower: String,
    /// The query as initials, when it is made of ASCII letters only.
    letters: Vec<u32>,
}

impl Query {
    pub fn new(s: &str) -> Query {
        let lower = s.trim().to_lowercase();
        let letters = if !lower.is_empty() && lower.chars().all(|c| c.is_ascii_alphabetic()) {
            lower.chars().map(bit).collect()
        } else {
            Vec::new()
        };
        Query { lower, letters }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(name: &str, q: &str) -> bool {
        SearchKey::new(name, &["91130273MA0A1B2C3X"]).matches(&Query::new(q))
    }

    #[test]
    fn initials_and_substrings() {
        assert!(m("唐山钢铁有限公司", "tsgt"));
        assert!(m("唐山钢铁有限公司", "GT"));
        assert!(m("唐山钢铁有限公司", "钢铁"));
        assert!(m("唐山钢铁有限公司", "ma0a"), "other fields match as text");
        assert!(!m("唐山钢铁有限公司", "tsgx"));
        assert!(m("唐山钢铁有限公司", ""));
    }

    #[test]
    fn every_reading_of_polyphonic_characters() {
        assert!(m("重庆机械", "cq") && m("重庆机械", "zq"));
        assert!(m("长安汽车", "ca") && m("长安汽车", "za"));
        assert!(m("单县化工", "sx") && m("单县化工", "dx"));
        assert!(m("曾氏陶瓷", "zs") && m("曾氏陶瓷", "cs"));
    }
}
