//! Pure domain rules of 双随机、一公开 supervision: the registries' types and their validation,
//! identifiers (统一社会信用代码, 排污许可证编号), quarters, the working-day calendar, the S5
//! classification and the S6 quotas, the draw and its ceremony. Nothing here does I/O; the clock
//! is passed in where a rule needs "today".

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod ceremony;
pub mod classify;
pub mod correction;
pub mod credit_code;
pub mod demo;
pub mod draw;
pub mod eligibility;
pub mod enterprise;
pub mod evidence;
pub mod fields;
pub mod figures;
pub mod followup;
pub mod forms;
pub mod inspection;
pub mod inspector;
pub mod item;
pub mod missing;
pub mod permit;
pub mod quarter;
pub mod quota;
pub mod result;
pub mod search;
pub mod setting;
pub mod stats;
pub mod text;
pub mod user;
#[macro_use]
pub mod vocab;

pub use chrono::NaiveDate;
