//! The demo data as data: how much of each kind `shuangsui demo` (and `serve --demo`) wrote.

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoCounts {
    pub enterprises: usize,
    pub penalties: usize,
    pub complaints: usize,
    pub inspectors: usize,
    pub auxiliary: usize,
    pub items: usize,
    pub conflicts: usize,
}
