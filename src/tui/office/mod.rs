//! The office's work that used to be console-only (issue 17), on the screen contract: the audit
//! chain check on the audit tab (`v`, [`verify`]) and conflicts of interest (回避, N2) declared
//! and withdrawn from an enterprise's or an inspector's detail (`c`, `w`, [`conflicts`]), and
//! a quarter's plan ratios from the home tab (`p`, [`plan`]), and each user's own settings
//! (我的设置, `m` on the home tab, [`prefs`]), and the system settings (系统设置, `s` on the home
//! tab, administrators, [`settings`]) with the result categories (`c` there, [`categories`]).

pub mod categories;
pub mod conflicts;
pub mod edit;
pub mod plan;
pub mod prefs;
pub mod settings;
pub mod verify;

#[cfg(test)]
mod categories_tests;
#[cfg(test)]
mod records_tests;
#[cfg(test)]
mod tests;
