//! The public verification page in a real browser (headless Chromium, `--dump-dom`): for the
//! worked example, every negative vector of docs/draw-algorithm.md §12 and a set of single
//! tamperings, the page's machine-readable verdict and the differences it names are exactly
//! the program's (`verify` and `Mismatch::tags`). Also: the page makes no request, survives a
//! certificate holding `</script>`, and checks a certificate against its announcement.
//! Chromium must be installed (CI installs it); without it these tests fail and say so.

use serde_json::Value;
use shuangsui::domain::draw::announcement::{Announcement, AnnouncementInput};
use shuangsui::domain::draw::negative::{self, resign};
use shuangsui::domain::draw::{Certificate, H256, example, verify};
use shuangsui::exchange::verify_page::page;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.exists() {
        return fixed;
    }
    let on_path = std::env::var_os("PATH")
        .map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("chromium"))
                .find(|c| c.exists())
        })
        .unwrap_or_default();
    on_path.unwrap_or_else(|| {
        panic!("Chromium is needed for the verification-page tests: apt-get install chromium")
    })
}

/// The DOM after the page's scripts ran.
fn dump(file: &Path) -> String {
    dump_url(&format!("file://{}", file.display()))
}

fn dump_url(url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        dom.contains("id=\"verdict\""),
        "no page: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dom
}

/// The verdict (`data-valid`) and the tags of the differences listed.
fn read_dom(dom: &str) -> (bool, Vec<String>) {
    let at = dom.find("id=\"verdict\"").expect("verdict");
    let tag_start = dom[..at].rfind('<').expect("output tag");
    let tag = &dom[tag_start..tag_start + dom[tag_start..].find('>').expect("tag end")];
    let valid = if tag.contains("data-valid=\"true\"") {
        true
    } else {
        assert!(tag.contains("data-valid=\"false\""), "{tag}");
        false
    };
    let list = &dom[dom.find("id=\"differences\"").expect("list")..];
    let list = &list[..list.find("</ul>").expect("end of list")];
    let tags = list
        .split("data-tag=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quote")].to_string())
        .collect();
    (valid, tags)
}

/// What the program says: `unreadable`, or every mismatch's tags.
fn program(json: &str) -> Vec<String> {
    match Certificate::from_json(json) {
        Err(_) => vec!["unreadable".into()],
        Ok(c) => match verify(&c) {
            Ok(()) => vec![],
            Err(ms) => ms.iter().flat_map(|m| m.tags()).collect(),
        },
    }
}

struct Case {
    name: String,
    html: String,
    valid: bool,
    tags: Vec<String>,
}

fn case(name: &str, json: &str) -> Case {
    let tags = program(json);
    Case {
        name: name.into(),
        html: page(json, None).expect("JSON"),
        valid: tags.is_empty(),
        tags,
    }
}

/// Opens every case's page, two browsers at a time, and compares.
fn run(cases: Vec<Case>) {
    let dir = tempfile::tempdir().expect("dir");
    let start = std::time::Instant::now();
    let n = cases.len();
    let chunks: Vec<Vec<Case>> = {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (i, c) in cases.into_iter().enumerate() {
            if i % 2 == 0 { a.push(c) } else { b.push(c) }
        }
        vec![a, b]
    };
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let dir = dir.path();
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for c in chunk {
                        let file = dir.join(format!("{}.html", c.name));
                        std::fs::write(&file, &c.html).expect("write page");
                        let (valid, tags) = read_dom(&dump(&file));
                        if valid != c.valid || tags != c.tags {
                            bad.push(format!(
                                "{}: page says {valid} {tags:?}, program {} {:?}",
                                c.name, c.valid, c.tags
                            ));
                        }
                    }
                    bad
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    eprintln!("{n} pages in {:?}", start.elapsed());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn example_json() -> String {
    example::certificate().expect("example").to_json()
}

fn edited(name: &str, edit: impl Fn(&mut Value)) -> Case {
    let mut v: Value = serde_json::from_str(&example_json()).expect("json");
    edit(&mut v);
    case(name, &serde_json::to_string_pretty(&v).expect("json"))
}

fn set(v: &mut Value, pointer: &str, x: Value) {
    *v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer}")) = x;
}

/// Single tamperings, not re-signed.
fn tampered() -> Vec<Case> {
    let flip = |h: &str| format!("{}{}", if h.starts_with('0') { '1' } else { '0' }, &h[1..]);
    let c = example::certificate().expect("example");
    let (seed, rank) = (
        c.seed.to_hex(),
        c.outcome.selections[0].targets[0].rank.to_hex(),
    );
    vec![
        edited("t_secret", |v| {
            set(
                v,
                "/secret",
                Value::from(format!("ff{}", &example::SEED[2..])),
            )
        }),
        edited("t_seed", |v| set(v, "/seed", Value::from(flip(&seed)))),
        edited("t_rank", |v| {
            set(
                v,
                "/outcome/selections/0/targets/0/rank",
                Value::from(flip(&rank)),
            )
        }),
        edited("t_population", |v| {
            set(v, "/outcome/selections/1/population", Value::from(3))
        }),
        edited("t_lead", |v| {
            set(v, "/outcome/teams/0/lead", Value::from("13020002"))
        }),
        edited("t_joint", |v| {
            set(v, "/outcome/teams/2/joint", Value::from(true))
        }),
        edited("t_entropy", |v| {
            set(v, "/entropy/1/text", Value::from("20240408-7392"))
        }),
        edited("t_public_value", |v| {
            set(
                v,
                "/public_value/value",
                Value::from("03 09 14 22 27 31 + 13"),
            )
        }),
        edited("t_group", |v| {
            set(v, "/snapshot/candidates/6/group", Value::from("special"))
        }),
        edited("t_cap", |v| set(v, "/params/workload_cap", Value::from(1))),
        edited("t_section", |v| {
            set(v, "/snapshot/inspectors/1/section", Value::from("水土科"))
        }),
        edited("t_conflict", |v| {
            set(
                v,
                "/snapshot/conflicts/0/inspector",
                Value::from("13020004"),
            )
        }),
        edited("t_swap_teams", |v| {
            if let Some(Value::Array(a)) = v.pointer_mut("/outcome/teams") {
                a.swap(0, 1);
            }
        }),
        edited("t_drop_team", |v| {
            if let Some(Value::Array(a)) = v.pointer_mut("/outcome/teams") {
                a.pop();
            }
        }),
        edited("t_float", |v| {
            set(v, "/params/team_size", serde_json::json!(2.0))
        }),
        edited("t_split_id", |v| {
            let ids = serde_json::json!(["13020004\n13020002", " "]);
            set(v, "/outcome/teams/0/officers", ids)
        }),
    ]
}

#[test]
fn the_page_agrees_with_the_program() {
    let mut cases = vec![case("valid", &example_json())];
    // A valid certificate whose text could end the script element it is embedded in.
    let mut c = example::certificate().expect("example");
    c.entropy[0].text = "</script><script>document.title='x'</script><!--".into();
    resign(&mut c);
    cases.push(case("valid_script_text", &c.to_json()));
    for n in negative::vectors() {
        let tags: Vec<String> = n.tags.iter().map(|t| t.to_string()).collect();
        let cs = case(n.name, &n.json);
        assert_eq!(cs.tags, tags, "{}: the program disagrees with §12", n.name);
        cases.push(cs);
    }
    cases.extend(tampered());
    assert!(
        cases.iter().filter(|c| c.valid).count() == 2,
        "only two valid cases"
    );
    run(cases);
}

#[test]
fn the_page_checks_the_announcement() {
    let c = example::certificate().expect("example");
    let ann = |commitment: H256| {
        Announcement::new(&AnnouncementInput {
            draw_id: 7,
            quarter: "2024Q2",
            at: "2024-04-08T09:21:00+08:00",
            params: &c.params,
            hashes: c.hashes,
            commitment,
            public_source: c.public_value.as_ref().map(|p| p.source.as_str()),
            public_value_known: Some("2024-04-07 21:30"),
        })
    };
    let json = c.to_json();
    let (a, other) = (ann(c.commitment), ann(H256([0; 32])));
    assert!(a.differences(&c).is_empty());
    assert_eq!(other.differences(&c), ["announcement:commitment"]);
    let good = page(&json, Some(&a.to_json())).expect("page");
    let bad = page(&json, Some(&other.to_json())).expect("page");
    let dir = tempfile::tempdir().expect("dir");
    let (g, b) = (dir.path().join("good.html"), dir.path().join("bad.html"));
    std::fs::write(&g, good).expect("write");
    std::fs::write(&b, bad).expect("write");
    // Chinese by default, English on request.
    let zh = dump(&g);
    assert_eq!(read_dom(&zh), (true, vec![]));
    assert!(zh.contains("有效：重算结果与证书完全一致。"), "{zh}");
    assert!(zh.contains("证书与事先公告一致"));
    let en = dump_url(&format!("file://{}#en", g.display()));
    assert!(en.contains("VALID: the recomputation matches"), "{en}");
    assert!(en.contains("lang=\"en\""));
    assert_eq!(
        read_dom(&dump(&b)),
        (false, vec!["announcement:commitment".to_string()])
    );
}

#[test]
fn the_page_makes_no_request() {
    let html = page(&example_json(), None).expect("page");
    let start = html.find("id=\"certificate\">").expect("certificate");
    let end = start + html[start..].find("</script>").expect("end");
    let code = format!("{}{}", &html[..start], &html[end..]).to_ascii_lowercase();
    for needle in [
        "http://",
        "https://",
        "//cdn",
        "<link",
        " src=",
        "src =",
        "fetch(",
        "xmlhttprequest",
        "import(",
        "@import",
        "url(",
        "websocket",
        "eventsource",
        "sendbeacon",
        "<img",
        "<iframe",
        "<object",
        "<embed",
        "navigator.",
        "worker(",
    ] {
        assert!(
            !code.contains(needle),
            "the page must not contain {needle:?}"
        );
    }
    assert!(
        code.contains("default-src 'none'"),
        "a CSP forbids any request"
    );
}
