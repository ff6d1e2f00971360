//! Checks that a text is in one language (issue 21, item 14), for the tests that scan every
//! screen and command output: English words in Chinese text, and Chinese punctuation in English.

/// Lower-case English words a Chinese text may show: file and protocol names, commands.
const LATIN_IN_CHINESE: &[&str] = &[
    "inbox",
    "outbox",
    "shuangsui",
    "sftp",
    "ssh",
    "csv",
    "xlsx",
    "html",
    "json",
    "pdf",
    "jpg",
    "png",
    "docx",
    "off",
    "sha",
    "import",
    "export",
    "settings",
    "set",
    "bureau",
    "name",
    "calendar",
    "year",
    "put",
];

/// Words of English in Chinese text: lower-case runs of three or more letters that are not
/// file, protocol or command names, nor one of `data` (account names and the like), nor quoted
/// input (“…”). A token with `/`, `.`, `-`, `_`, `[` or `"` is a path, a name or stored JSON;
/// one with digits a code or a hash.
pub fn english_in_chinese(text: &str, data: &[&str]) -> Vec<String> {
    let mut unquoted = String::with_capacity(text.len());
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            c if !quoted => unquoted.push(c),
            _ => {}
        }
    }
    unquoted
        .split(|c: char| !c.is_ascii_graphic())
        .filter(|t| !t.contains(['/', '.', '-', '_', '"', '=', '`', '<', '>', '[']))
        .filter(|t| !t.contains(|c: char| c.is_ascii_digit()))
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_lowercase()))
        .filter(|w| !LATIN_IN_CHINESE.contains(w) && !data.contains(w))
        .map(str::to_string)
        .collect()
}

/// Chinese punctuation in English text: a Chinese colon, comma, full stop, semicolon,
/// parenthesis, enumeration comma, question or exclamation mark with no Chinese character on
/// either side (next to one, it belongs to Chinese data such as a name list or a reason).
pub fn chinese_punctuation(text: &str) -> String {
    let cjk = |c: Option<&char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut bad = String::new();
    for (i, c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| chars.get(j));
        if "：，。；（）、？！".contains(*c) && !cjk(before) && !cjk(chars.get(i + 1)) {
            bad.push(*c);
        }
    }
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_other_language() {
        assert_eq!(
            english_in_chinese("日历设置不成立：2025-01-04 is a Saturday, a day away", &[]),
            vec!["day".to_string(), "away".to_string()],
            "capitalised words (key names) and two letters pass"
        );
        assert_eq!(
            english_in_chinese(
                "最近操作 admin create user 见 docs/x.md，运行 shuangsui import",
                &["admin"]
            ),
            vec!["create".to_string(), "user".to_string()]
        );
        assert!(
            english_in_chinese("“abc”不是天数", &[]).is_empty(),
            "quoted input"
        );
        assert_eq!(chinese_punctuation("candidates hash：ab"), "：");
        assert_eq!(chinese_punctuation("air、monitoring"), "、");
        assert!(chinese_punctuation("candidates hash: ab “x” 离职未满三年，配偶").is_empty());
        assert!(chinese_punctuation("present 李宏伟(13023000211)、何志强(13023000248)").is_empty());
    }
}
