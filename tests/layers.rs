//! Keeps the layers honest, on the code itself (comments, doc lines and string literals are
//! left out): what each layer may import (`use crate::…` lines, grouped or not, `use super::…`
//! resolved to the module it names, and `crate::x::` paths written inline), SQL only in
//! `store/` and SSH only in `ssh/`.
//!
//! The layers, from the bottom: `domain` imports nothing above itself; `strings` only `domain`;
//! `store` only `domain`; the terminal UI (`tui`) never reaches into `store`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// One source file: its path under `src/`, its module path and its code without comments and
/// literals.
struct Source {
    rel: String,
    module: Vec<String>,
    code: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 10, "found the sources");
    files
        .into_iter()
        .map(|f| {
            let rel = f
                .strip_prefix(&src)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&f).expect("read source");
            Source {
                module: module_path(&rel),
                code: code_only(&text),
                rel,
            }
        })
        .collect()
}

/// `strings/backup.rs` → `[strings, backup]`; `strings/mod.rs` → `[strings]`; `lib.rs` → `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_string)
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Whether the text before a `r` continues an identifier (a `b` prefix, as in `br"…"`, does
/// not count).
fn ident_before(before: &[char]) -> bool {
    match before {
        [.., p, 'b'] => word(*p),
        [.., p] => word(*p),
        [] => false,
    }
}

/// The code of a Rust file with comments (line, doc and block) and string and character
/// literals blanked out, so that only code is checked.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        let rest = |k: usize| c.get(i + k).copied();
        if c[i] == '/' && rest(1) == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && rest(1) == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && (rest(1) == Some('"') || rest(1) == Some('#'))
            && !ident_before(&c[..i])
        {
            // A raw string: r"…", r#"…"#, …
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= c.len() {
                    break;
                }
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && (rest(2) == Some('\'') || rest(1) == Some('\\')) {
            // A character literal ('x', '\n', '\u{1b}'); a lifetime has no closing quote.
            i += 1;
            if c[i] == '\\' {
                i += 2;
            }
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The top-level modules of the crate a `use` tree names, from a tree's text after `use `.
fn use_targets(tree: &str, module: &[String], tops: &BTreeSet<String>) -> BTreeSet<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let mut found = BTreeSet::new();
    // Resolve the prefix (`crate::`, `super::…`, `self::`) to an absolute module path.
    let (base, mut rest): (Vec<String>, &str) = if let Some(r) = tree.strip_prefix("crate::") {
        (Vec::new(), r)
    } else if tree.starts_with("super::") || tree.starts_with("self::") {
        let mut base = module.to_vec();
        let mut r = tree.as_str();
        if let Some(x) = r.strip_prefix("self::") {
            r = x;
        }
        while let Some(x) = r.strip_prefix("super::") {
            base.pop();
            r = x;
        }
        (base, r)
    } else {
        return found;
    };
    if let Some(top) = base.first() {
        found.insert(top.clone());
        return found;
    }
    // At the crate root: the first segment, or each branch of a group.
    if let Some(group) = rest.strip_prefix('{') {
        rest = group.strip_suffix('}').unwrap_or(group);
        found.extend(
            split_top(rest)
                .into_iter()
                .map(ident)
                .filter(|n| tops.contains(n)),
        );
    } else {
        found.extend(Some(ident(rest)).filter(|n| tops.contains(n)));
    }
    found
}

/// Whether `c` can be part of an identifier.
fn word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier `s` starts with (empty when none).
fn ident(s: &str) -> String {
    s.chars().take_while(|c| word(*c)).collect()
}

/// The comma-separated branches of a group, at its top level.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, ch) in s.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// Every top-level module a file names: its `use` items and its inline `crate::x` paths.
fn imports(s: &Source, tops: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code = &s.code;
    let mut at = 0;
    while let Some(pos) = code[at..].find("use ") {
        let start = at + pos;
        at = start + 4;
        let before = code[..start].chars().last();
        if before.is_some_and(word) {
            continue;
        }
        let Some(end) = code[at..].find(';') else {
            break;
        };
        found.extend(use_targets(&code[at..at + end], &s.module, tops));
    }
    let mut at = 0;
    while let Some(pos) = code[at..].find("crate::") {
        let start = at + pos;
        at = start + "crate::".len();
        let before = code[..start].chars().last();
        if before.is_some_and(word) {
            continue;
        }
        found.extend(Some(ident(&code[at..])).filter(|n| tops.contains(n)));
    }
    found
}

fn top_modules(all: &[Source]) -> BTreeSet<String> {
    all.iter()
        .filter_map(|s| s.module.first().cloned())
        .collect()
}

/// Files of layer `layer` that name a top-level module outside `allowed`.
fn offenders(layer: &str, allowed: &[&str]) -> Vec<String> {
    let all = sources();
    let tops = top_modules(&all);
    assert!(tops.contains(layer), "{layer} is a module");
    let mut bad = Vec::new();
    for s in all
        .iter()
        .filter(|s| s.module.first().map(String::as_str) == Some(layer))
    {
        for m in imports(s, &tops) {
            if m != layer && !allowed.contains(&m.as_str()) {
                bad.push(format!("{} uses crate::{m}", s.rel));
            }
        }
    }
    bad
}

#[test]
fn domain_imports_nothing_above_itself() {
    let bad = offenders("domain", &[]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn strings_import_only_the_domain() {
    let bad = offenders("strings", &["domain"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn store_imports_only_the_domain() {
    let bad = offenders("store", &["domain"]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn tui_does_not_reach_into_the_store() {
    let all = sources();
    let tops = top_modules(&all);
    let bad: Vec<String> = all
        .iter()
        .filter(|s| s.module.first().map(String::as_str) == Some("tui"))
        .filter(|s| imports(s, &tops).contains("store"))
        .map(|s| s.rel.clone())
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn rusqlite_only_in_store_and_russh_only_in_ssh() {
    let mut offenders = Vec::new();
    for s in sources() {
        let names = |name: &str| {
            s.code.match_indices(name).any(|(i, _)| {
                let before = s.code[..i].chars().last();
                let after = s.code[i + name.len()..].chars().next();
                !before.is_some_and(word) && !after.is_some_and(word)
            })
        };
        if names("rusqlite") && !s.rel.starts_with("store/") {
            offenders.push(format!("{} names rusqlite", s.rel));
        }
        if names("russh") && !s.rel.starts_with("ssh/") {
            offenders.push(format!("{} names russh", s.rel));
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// The checks above see what they must: grouped and inline imports, `super` paths, and not
/// comments or strings.
#[test]
fn the_import_reader_reads_use_trees() {
    let tops: BTreeSet<String> = ["domain", "store", "service", "strings"]
        .map(String::from)
        .into();
    let src = |module: &[&str], text: &str| Source {
        rel: "x.rs".into(),
        module: module.iter().map(|m| m.to_string()).collect(),
        code: code_only(text),
    };
    let names = |s: &Source| imports(s, &tops).into_iter().collect::<Vec<_>>();
    let s = src(
        &["strings", "x"],
        "use crate::{domain::a, store::{B, c}};\nuse super::Lang;\n// use crate::service::X;\n/// crate::service::Y\nfn f() { let q = '\\''; let s = \"crate::service::Z\"; let r = br#\"crate::tui::\\\"#; crate::service::go(); }",
    );
    assert_eq!(names(&s), ["domain", "service", "store", "strings"]);
    let s = src(
        &["strings"],
        "use super::store::Row;\nfn f<'a>(x: &'a str) -> char { 'u' }",
    );
    assert_eq!(names(&s), ["store"]);
    let s = src(&["domain"], "/* use crate::store::X; */ use std::fmt;");
    assert!(names(&s).is_empty());
}
