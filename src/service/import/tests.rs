use super::*;
use crate::domain::fields::Problem;
use crate::service::tests::{admin, inspector, service};

fn code(first17: &str) -> String {
    CreditCode::complete(first17).unwrap().to_string()
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn file(bad: bool) -> Vec<u8> {
    let (a, b) = (code("91130273MA0A00001"), code("91130273MA0A00002"));
    let b = if bad { format!("{}X", &b[..17]) } else { b };
    gb18030(&format!(
        "序号,企业名称,统一社会信用代码,所在区域\r\n1,唐山甲钢铁有限公司,{a},高新区\r\n2,唐山乙机械有限公司,{b},高新区\r\n"
    ))
}

#[test]
fn preview_shows_encoding_mapping_rows_and_every_bad_row() {
    let mut s = service();
    let before = s.enterprises(&admin()).unwrap().len();
    let p = s
        .import_preview(&admin(), Kind::Enterprises, "企业.csv", &file(true))
        .unwrap();
    assert!(!p.importable());
    assert_eq!(p.sha256, hex(&Sha256::digest(file(true))));
    let t = p.table.as_ref().unwrap();
    assert_eq!(
        (
            t.format,
            t.encoding,
            t.sheet.as_deref(),
            t.header_row,
            t.rows
        ),
        (Format::Csv, "GB18030", None, 1, 2)
    );
    assert_eq!(t.columns[0], ("序号".to_string(), Mapping::Ignored));
    assert!(matches!(&t.columns[1], (h, Mapping::Field(f)) if h == "企业名称" && f.key == "name"));
    assert!(t.missing.is_empty());
    assert_eq!(t.sample.len(), 2);
    assert_eq!(t.sample[1].0, 3);
    assert_eq!(t.sample[1].1[1], "唐山乙机械有限公司");
    let Err(ImportError::Rows(rows)) = &p.check else {
        panic!("{:?}", p.check)
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].row, rows[0].column.as_str()),
        (3, "统一社会信用代码")
    );
    assert!(matches!(rows[0].problem, Problem::Code(_)));
    assert_eq!(
        s.enterprises(&admin()).unwrap().len(),
        before,
        "nothing written"
    );
    assert!(matches!(
        s.import_preview(&inspector(), Kind::Enterprises, "企业.csv", &file(false)),
        Err(ServiceError::Forbidden(Role::Admin))
    ));
}

#[test]
fn preview_counts_what_the_import_then_does() {
    let mut s = service();
    let good = file(false);
    let p = s
        .import_preview(&admin(), Kind::Enterprises, "企业.csv", &good)
        .unwrap();
    let o = p.check.as_ref().unwrap();
    assert_eq!(
        (o.rows, o.created, o.updated, o.unchanged, o.dry_run),
        (2, 2, 0, 0, true)
    );
    assert!(
        s.audit_recent(&admin(), 10).unwrap().is_empty(),
        "a preview is not audited"
    );
    let done = s
        .import_bytes(&admin(), Kind::Enterprises, "企业.csv", &good, false)
        .unwrap();
    assert_eq!((done.created, done.dry_run), (2, false));
    let audit = s.audit_recent(&admin(), 10).unwrap();
    let entry = audit.iter().find(|a| a.action == "import").unwrap();
    assert!(entry.summary.contains("企业.csv") && entry.summary.contains(&p.sha256));
    let again = s
        .import_preview(&admin(), Kind::Enterprises, "企业.csv", &good)
        .unwrap();
    let o = again.check.unwrap();
    assert_eq!((o.created, o.updated, o.unchanged), (0, 0, 2));
}

#[test]
fn preview_explains_headers_and_files_that_are_no_table() {
    let mut s = service();
    let p = s
        .import_preview(
            &admin(),
            Kind::Inspectors,
            "x.csv",
            "姓名,颜色\n张三,红\n".as_bytes(),
        )
        .unwrap();
    let t = p.table.as_ref().unwrap();
    assert!(matches!(t.columns[1].1, Mapping::Unknown { .. }));
    assert!(matches!(p.check, Err(ImportError::Headers(_))));
    let p = s
        .import_preview(
            &admin(),
            Kind::Items,
            "x.xls",
            &[0xD0, 0xCF, 0x11, 0xE0, 0xA1],
        )
        .unwrap();
    assert!(p.table.is_none());
    assert!(matches!(
        p.check,
        Err(ImportError::Table(TableError::OldExcel))
    ));
    let x = crate::exchange::write::xlsx_bytes(
        "名录",
        &["单位名称", "统一社会信用代码"],
        &[vec!["唐山甲钢铁有限公司".into(), code("91130273MA0A00001")]],
    )
    .unwrap();
    let p = s
        .import_preview(&admin(), Kind::Enterprises, "x.xlsx", &x)
        .unwrap();
    let t = p.table.as_ref().unwrap();
    assert_eq!((t.format, t.sheet.as_deref()), (Format::Xlsx, Some("名录")));
    assert!(p.importable());
}

#[test]
fn an_import_that_changes_a_penalty_supersedes_it_and_the_class_follows_the_new_one() {
    let mut s = service();
    s.import_bytes(&admin(), Kind::Enterprises, "企业.csv", &file(false), false)
        .unwrap();
    let a = code("91130273MA0A00001");
    let penalty = |date: &str| {
        format!(
            "统一社会信用代码,处罚日期,处罚文书号,处罚事由\n{a},{date},唐环罚〔2024〕7号,超标排放\n"
        )
    };
    let q: crate::domain::quarter::Quarter = "2024Q2".parse().unwrap();
    let penalized = |s: &mut crate::service::Service| {
        let c = s.classify_quarter(&admin(), q).unwrap();
        let (_, c) = c
            .items
            .iter()
            .find(|(e, _)| e.data.credit_code.as_str() == a)
            .unwrap();
        c.reasons
            .iter()
            .any(|r| matches!(r, crate::domain::classify::Reason::Penalized { .. }))
    };
    let first = penalty("2024-03-05");
    s.import_bytes(
        &admin(),
        Kind::Penalties,
        "处罚.csv",
        first.as_bytes(),
        false,
    )
    .unwrap();
    assert!(
        penalized(&mut s),
        "a penalty in 2024Q1 makes the firm special in 2024Q2"
    );
    let moved = penalty("2023-12-20");
    let done = s
        .import_bytes(
            &admin(),
            Kind::Penalties,
            "处罚2.csv",
            moved.as_bytes(),
            false,
        )
        .unwrap();
    assert_eq!((done.created, done.updated), (0, 1));
    assert!(!penalized(&mut s), "the corrected date is in 2023Q4");
    let id = s.enterprise_by_code(&admin(), &a).unwrap().id;
    let (pens, _) = s.enterprise_records(&admin(), id).unwrap();
    let dates: Vec<_> = pens
        .iter()
        .map(|p| (p.record.date.to_string(), p.is_current()))
        .collect();
    assert_eq!(
        dates,
        [
            ("2023-12-20".to_string(), true),
            ("2024-03-05".to_string(), false)
        ]
    );
    assert_eq!(pens[0].supersedes, Some(pens[1].id));
}
