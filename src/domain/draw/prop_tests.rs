//! Property tests on random registries: every rule holds whenever a draw succeeds, a passed
//! check with an unbinding cap always succeeds, results do not depend on row order, and
//! certificates of random draws verify.

use super::test_support::*;
use super::{Ceremony, Certificate, DrawError, EntropyEntry, H256, Signoff, check, draw};
use chrono::DateTime;
use proptest::prelude::*;

fn shuffled<T: Clone>(v: &[T], by: u64) -> Vec<T> {
    let mut out = v.to_vec();
    if !out.is_empty() {
        let n = out.len();
        out.rotate_left((by as usize) % n);
        out.reverse();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn every_rule_holds_on_random_registries((s, p) in registry(), sd in any::<[u8; 32]>()) {
        let seed = H256(sd);
        match (check(&s, &p), draw(&s, &p, &seed)) {
            (Err(r), Err(DrawError::Refused(d))) => prop_assert_eq!(r, d),
            (Ok(()), Ok(o)) => {
                prop_assert_eq!(rules_hold(&s, &p, &seed, &o), Ok(()));
                // Same inputs, same outputs; row order does not matter.
                prop_assert_eq!(draw(&s, &p, &seed), Ok(o.clone()));
                let mut t = s.clone();
                t.candidates = shuffled(&s.candidates, u64::from(sd[0]));
                t.inspectors = shuffled(&s.inspectors, u64::from(sd[1]));
                t.conflicts = shuffled(&s.conflicts, u64::from(sd[2]));
                let mut q = p.clone();
                q.items.reverse();
                prop_assert_eq!(draw(&t, &q, &seed), Ok(o));
            }
            (Ok(()), Err(DrawError::NoTeam { .. })) => {
                // Rare and allowed: only when the cap binds.
                prop_assert!(u64::from(p.workload_cap) < p.quota.total());
            }
            (c, d) => prop_assert!(false, "check {:?} but draw {:?}", c, d),
        }
    }

    #[test]
    fn with_an_unbinding_cap_a_passed_check_always_draws((s, mut p) in registry(), i in 0u64..1000) {
        p.workload_cap = u32::try_from(p.quota.total()).unwrap_or(u32::MAX).max(1);
        if check(&s, &p).is_ok() {
            let o = draw(&s, &p, &seed(i));
            prop_assert!(o.is_ok(), "{:?}", o);
            if let Ok(o) = o {
                prop_assert_eq!(rules_hold(&s, &p, &seed(i), &o), Ok(()));
            }
        }
    }

    #[test]
    fn certificates_of_random_draws_verify((s, p) in registry(), secret in any::<[u8; 32]>(), text in "\\PC{0,12}") {
        let at = DateTime::parse_from_rfc3339("2024-04-08T09:00:00+08:00").unwrap();
        let ceremony = Ceremony {
            commitment: H256::of(&secret),
            secret: secret.to_vec(),
            entropy: vec![EntropyEntry { witness: "w".into(), text, at }],
            public_value: None,
            prepared: Signoff { by: "a".into(), at },
            witnessed: vec![],
            confirmed: vec![],
            revealed_at: at,
        };
        if let Ok(c) = Certificate::issue(s, p, ceremony) {
            prop_assert_eq!(super::verify(&c), Ok(()));
            let back = Certificate::from_json(&c.to_json()).unwrap();
            prop_assert_eq!(&back, &c);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The bit-set assignment gives exactly what the plain reading of the spec gives.
    #[test]
    fn fast_teams_equal_the_naive_spec((s, p) in registry(), i in 0u64..1000) {
        if check(&s, &p).is_ok() {
            let sel = super::select(&s, &p, &seed(i));
            let fast = super::teams::assign(&s, &p, &seed(i), &sel, None).ok();
            prop_assert_eq!(fast, naive_teams(&s, &p, &seed(i), &sel));
        }
    }
}
