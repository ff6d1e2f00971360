//! The form of a result category (检查结果类别): its fields, the builder that checks them, the
//! texts of one on record. The console's `category set` is checked by the same builder, run
//! on the category's texts ([`category_issues`]).

use super::*;
use crate::domain::result::Category;

/// A result category's fields.
pub const CATEGORY: &[FieldSpec] = &[
    fs("code", "类别编码", "code", &[], true),
    fs("name", "类别名称", "name", &[], true),
    fs("name_en", "英文名称", "English name", &[], false),
    fs("problem", "发现问题", "problem found", &[], false),
    fs("needs_case", "须填立案编号", "needs a case no.", &[], false),
    fs("needs_remark", "须说明情况", "needs a remark", &[], false),
];

/// The longest code and name.
const CODE_MAX: usize = 32;
const NAME_MAX: usize = 50;

/// A code: lower-case ASCII letters and `_`, at most 32.
fn code(r: &Raw<'_>) -> Result<String, Problem> {
    let t = r.text().trim().to_string();
    let ok = t.len() <= CODE_MAX && t.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    match (t.is_empty(), ok) {
        (false, true) => Ok(t),
        _ => Err(Problem::BadCategoryCode),
    }
}

/// Builds a category from raw fields.
pub fn category<'a>(get: impl Fn(&str) -> Option<Raw<'a>>) -> Result<Category, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let yes = |r: &Raw<'_>| Ok(f::yes_no(r)?.unwrap_or(false));
    let code = b.required("code", code, None);
    let name = b.required("name", |r| f::required_line(r, NAME_MAX), None);
    let name_en = b.field("name_en", |r| f::line(r, NAME_MAX), String::new);
    let problem = b.field("problem", yes, || false);
    let needs_case = b.field("needs_case", yes, || false);
    let needs_remark = b.field("needs_remark", yes, || false);
    let built = (|| {
        Some(Category {
            code: code?,
            name: name?,
            name_en: name_en?,
            problem: problem?,
            needs_case: needs_case?,
            needs_remark: needs_remark?,
        })
    })();
    b.finish(built)
}

/// A category as field texts in [`CATEGORY`] order.
pub fn category_texts(c: &Category) -> Vec<String> {
    let yes = |b: bool| if b { "是" } else { "否" }.to_string();
    vec![
        c.code.clone(),
        c.name.clone(),
        c.name_en.clone(),
        yes(c.problem),
        yes(c.needs_case),
        yes(c.needs_remark),
    ]
}

/// What is wrong with a category as given (by the console or a form): the builder's issues.
pub fn category_issues(c: &Category) -> Vec<FieldIssue> {
    let texts = category_texts(c);
    let get = |key: &str| {
        (CATEGORY.iter().zip(&texts))
            .find(|(s, _)| s.key == key)
            .map(|(_, t)| Raw::Text(t.as_str()))
    };
    category(get).err().unwrap_or_default()
}
