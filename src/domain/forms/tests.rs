//! Tests of `forms`.

use super::*;
use std::collections::HashMap;

fn getter<'a>(m: &'a HashMap<&'static str, &'a str>) -> impl Fn(&str) -> Option<Raw<'a>> + 'a {
    move |k| m.get(k).map(|v| Raw::Text(v))
}

#[test]
fn export_then_import_round_trips() {
    let mut e = crate::domain::enterprise::tests::sample("91130273MA0A1B2C3");
    e.listing = Some(Listing {
        level: ListingLevel::Ministry,
        period: Period {
            from: NaiveDate::from_ymd_opt(2024, 1, 3),
            until: None,
        },
    });
    e.positive_list = Some(Period::default());
    e.pollutants = [Pollutant::Air, Pollutant::HazardousWaste].into();
    let texts = enterprise_texts(&e);
    assert_eq!(texts.len(), ENTERPRISE.len());
    let m: HashMap<&'static str, &str> = ENTERPRISE
        .iter()
        .zip(&texts)
        .map(|(s, t)| (s.key, t.as_str()))
        .collect();
    assert_eq!(enterprise(None, getter(&m)).unwrap(), e);
}

#[test]
fn absent_fields_keep_base_values() {
    let base = crate::domain::enterprise::tests::sample("91130273MA0A1B2C3");
    let code = base.credit_code.to_string();
    let m = HashMap::from([("credit_code", code.as_str()), ("credit_rating", "D")]);
    let e = enterprise(Some(&base), getter(&m)).unwrap();
    assert_eq!(e.credit_rating, Some(CreditRating::D));
    assert_eq!(e.name, base.name);
}

#[test]
fn reports_every_bad_field() {
    let m = HashMap::from([
        ("credit_code", "91350100M000100Y44"),
        ("name", ""),
        ("permit_category", "重点监管"),
    ]);
    let errs = enterprise(None, getter(&m)).unwrap_err();
    let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["credit_code", "name", "permit_category"]);
    let code = CreditCode::complete("91130273MA0A1B2C3")
        .unwrap()
        .to_string();
    let m = HashMap::from([
        ("credit_code", code.as_str()),
        ("name", ""),
        ("permit_category", "重点监管"),
        ("listing", "市级"),
    ]);
    let errs = enterprise(None, getter(&m)).unwrap_err();
    let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["name", "permit_category", "listing"]);
}

#[test]
fn inspector_rules_attach_to_fields() {
    let m = HashMap::from([("name", "王五"), ("kind", "执法人员")]);
    let errs = inspector(None, getter(&m)).unwrap_err();
    assert_eq!(errs[0].field, "cert_no");
    let m = HashMap::from([
        ("name", "王五"),
        ("kind", "辅助"),
        ("aux_type", "专家"),
        ("expertise", "大气、监测"),
    ]);
    let i = inspector(None, getter(&m)).unwrap();
    assert_eq!(i.kind, InspectorKind::Auxiliary);
    assert_eq!(inspector_texts(&i).len(), INSPECTOR.len());
}

#[test]
fn complaint_dates_must_agree() {
    let code = CreditCode::complete("91130273MA0A1B2C3")
        .unwrap()
        .to_string();
    let m = HashMap::from([
        ("credit_code", code.as_str()),
        ("received", "2024-03-01"),
        ("verified", "是"),
    ]);
    assert_eq!(complaint(getter(&m)).unwrap_err()[0].field, "verified_on");
    let m = HashMap::from([
        ("credit_code", code.as_str()),
        ("received", "2024-03-01"),
        ("verified", "是"),
        ("verified_on", "2024-03-09"),
    ]);
    assert!(complaint(getter(&m)).unwrap().1.verified);
}

/// The keys a builder asks for when given nothing.
fn keys_read<T>(build: impl FnOnce(&dyn Fn(&str) -> Option<Raw<'static>>) -> T) -> Vec<String> {
    let asked = std::cell::RefCell::new(Vec::new());
    build(&|k: &str| {
        asked.borrow_mut().push(k.to_string());
        None
    });
    asked.into_inner()
}

fn spec_keys(specs: &[FieldSpec]) -> Vec<String> {
    specs.iter().map(|s| s.key.to_string()).collect()
}

#[test]
fn specs_fields_and_builders_name_the_same_fields() {
    let typed = |keys: Vec<&'static str>| keys.into_iter().map(String::from).collect::<Vec<_>>();
    let enterprise_fields = typed(EnterpriseField::ALL.iter().map(|f| f.key()).collect());
    let inspector_fields = typed(InspectorField::ALL.iter().map(|f| f.key()).collect());
    let item_fields = typed(ItemField::ALL.iter().map(|f| f.key()).collect());
    assert_eq!(enterprise_fields, spec_keys(ENTERPRISE));
    assert_eq!(inspector_fields, spec_keys(INSPECTOR));
    assert_eq!(item_fields, spec_keys(ITEM));
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    let read = keys_read(|g| enterprise(None, g));
    assert_eq!(sorted(read), sorted(spec_keys(ENTERPRISE)));
    let read = keys_read(|g| inspector(None, g));
    assert_eq!(sorted(read), sorted(spec_keys(INSPECTOR)));
    let read = keys_read(|g| item(g));
    assert_eq!(sorted(read), sorted(spec_keys(ITEM)));
    let read = keys_read(|g| result(g, |_| None));
    assert_eq!(sorted(read), sorted(spec_keys(RESULT)));
}

#[test]
fn texts_follow_the_specs_by_field() {
    let e = crate::domain::enterprise::tests::sample("91130273MA0A1B2C3");
    let texts = enterprise_texts(&e);
    for (spec, text) in ENTERPRISE.iter().zip(&texts) {
        let field = EnterpriseField::from_key(spec.key).unwrap();
        assert_eq!(text, &enterprise_text(&e, field), "{}", spec.key);
    }
    assert_eq!(texts[0], e.name);
}

/// Issue 17: the draw wizard's fields are the builder's, and what it reads.
#[test]
fn a_draw_as_typed_names_its_items_and_each_problem_its_field() {
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v.dedup();
        v
    };
    assert_eq!(
        sorted(keys_read(|g| draw(g))),
        sorted(spec_keys(DRAW)),
        "every field read"
    );
    let typed = |over: &[(&str, &'static str)]| {
        let mut v: Vec<(&str, &'static str)> = vec![
            ("quarter", "2026q4"),
            ("draw_items", "HB-01 排污许可、HB-02 大气 污染"),
            ("key_count", "2"),
            ("special_count", "1"),
            ("general_count", "0"),
            ("team_size", "2"),
            ("auxiliaries", "0"),
            ("workload_cap", "10"),
            ("public_source", " "),
            ("witnesses", "1"),
            ("late_reason", ""),
        ];
        for (k, t) in over {
            if let Some(x) = v.iter_mut().find(|(key, _)| key == k) {
                x.1 = t;
            }
        }
        draw(|k| {
            v.iter()
                .find(|(key, _)| *key == k)
                .map(|(_, t)| Raw::Text(t))
        })
    };
    let d = typed(&[]).unwrap();
    assert_eq!(d.quarter.to_string(), "2026Q4");
    assert_eq!(d.items, ["HB-01", "HB-02"]);
    assert_eq!(
        d.quota,
        crate::domain::draw::Quota::Classified {
            key: 2,
            special: 1,
            general: 0
        }
    );
    assert_eq!(d.public_source, None, "blank is none");
    assert_eq!(d.late_reason, None, "blank is none");
    let late = typed(&[("late_reason", "上季度抽取记录损毁")]).unwrap();
    assert_eq!(late.late_reason.as_deref(), Some("上季度抽取记录损毁"));
    let bad = typed(&[
        ("quarter", "2026Q5"),
        ("draw_items", ""),
        ("key_count", "-1"),
        ("team_size", "两"),
    ])
    .unwrap_err();
    let problems: Vec<(&str, &Problem)> = bad.iter().map(|i| (i.field, &i.problem)).collect();
    assert_eq!(
        problems,
        [
            ("quarter", &Problem::BadQuarter),
            ("draw_items", &Problem::NoItem),
            (
                "key_count",
                &Problem::BadNumber {
                    min: 0,
                    max: 1_000_000
                }
            ),
            ("team_size", &Problem::BadNumber { min: 1, max: 99 }),
        ]
    );
}
