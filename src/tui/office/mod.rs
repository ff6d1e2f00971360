//! The office's work that used to be console-only (issue 17), on the screen contract: the audit
//! chain check on the audit tab (`v`, [`verify`]) and conflicts of interest (回避, N2) declared
//! and withdrawn from an enterprise's or an inspector's detail (`c`, `w`, [`conflicts`]), and
//! a quarter's plan ratios from the home tab (`p`, [`plan`]).

pub mod conflicts;
pub mod plan;
pub mod verify;

#[cfg(test)]
mod tests;
