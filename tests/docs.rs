//! The documents promise what the code does: every import header, synonym and vocabulary value
//! is documented in `docs/import-format.md`.

use shuangsui::domain::{enterprise::*, forms, inspector::*, item::Method};

fn doc() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/import-format.md"
    ))
    .expect("docs/import-format.md")
}

#[test]
fn import_format_documents_every_header_and_synonym() {
    let doc = doc();
    for specs in [
        forms::ENTERPRISE,
        forms::INSPECTOR,
        forms::ITEM,
        forms::PENALTY,
        forms::COMPLAINT,
        forms::INSPECTION,
    ] {
        for s in specs {
            for name in std::iter::once(&s.zh).chain(s.synonyms) {
                assert!(
                    doc.contains(name),
                    "docs/import-format.md does not mention header {name:?}"
                );
            }
        }
    }
}

#[test]
fn import_format_documents_every_value() {
    let doc = doc();
    let mut values: Vec<&str> = Vec::new();
    macro_rules! all {
        ($($t:ty),+) => {$(
            for v in <$t>::ALL {
                values.push(v.zh());
                values.extend(v.synonyms());
            }
        )+};
    }
    all!(
        PermitCategory,
        Pollutant,
        Construction,
        Scale,
        Cycle,
        Monitoring,
        CreditRating,
        ListingLevel,
        OperatingStatus,
        InspectorKind,
        AuxiliaryType,
        Method
    );
    for g in WeatherGrade::ALL {
        values.push(g.zh());
    }
    for v in values {
        assert!(
            doc.contains(v),
            "docs/import-format.md does not mention value {v:?}"
        );
    }
}
