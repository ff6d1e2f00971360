//! The demo as the README promises it (issue 21, item 17): `demo-data` gives the same accounts
//! as `serve --demo`, and the README's search example finds its firm in the demo registry.

mod common;

use common::Env;
use shuangsui::domain::search::{Query, SearchKey};
use shuangsui::service::{Actor, Service};

/// The README's search example: `(on the demo, `QUERY` finds NAME;`.
fn readme_search_example() -> (String, String) {
    let readme = include_str!("../README.md");
    let (_, rest) = readme
        .split_once("on the demo, `")
        .expect("the README gives a search example on the demo");
    let (query, rest) = rest.split_once("` finds ").expect("`QUERY` finds NAME");
    let name = rest.split([';', ')']).next().unwrap_or_default();
    (query.to_string(), name.trim().to_string())
}

#[test]
fn demo_data_makes_the_demo_accounts_and_the_readme_search_works_on_it() {
    let env = Env::new();
    let out = env.ok(&["demo-data"]);
    for role in ["admin", "leader", "witness", "inspector", "auditor"] {
        assert!(
            out.lines().any(|l| l.trim_start().starts_with(role)),
            "{role}'s password is printed once: {out}"
        );
    }
    let users = env.ok(&["user", "list"]);
    assert_eq!(
        users.lines().count(),
        6,
        "a header and five accounts: {users}"
    );

    let (query, name) = readme_search_example();
    let mut svc = Service::open(&env.db()).expect("open the demo");
    let firms = svc.enterprises(&Actor::console()).expect("enterprises");
    let q = Query::new(&query);
    let found: Vec<_> = firms
        .iter()
        .filter(|e| SearchKey::new(&e.data.name, &[]).matches(&q))
        .map(|e| e.data.name.clone())
        .collect();
    assert!(
        found.contains(&name),
        "`{query}` finds {name} in the demo: {found:?}"
    );

    // A second demo-data is refused and makes no second set of accounts.
    let again = env.run(&["demo-data"]);
    assert!(!again.success());
    assert_eq!(env.ok(&["user", "list"]).lines().count(), 6);
}
