//! One ratio of a quarter's own plan set from the terminal UI (issue 17): leaders and
//! administrators, one ratio at a time, audited like `plan set` (entity `plan`, the quarter's
//! ratios before and after). The other quarters keep the defaults.

use super::{Actor, FieldIssue, Result, Service, ServiceError};
use crate::domain::fields::Problem;
use crate::domain::quarter::Quarter;
use crate::domain::quota::Ratios;
use crate::domain::user::Role;

/// Who sets a quarter's ratios in the UI.
pub const PLAN_ROLES: &[Role] = &[Role::Admin, Role::Leader];

pub use crate::domain::setting::PlanRatio;

impl Service {
    /// Sets one ratio of `quarter`'s own plan to `bp` basis points (0–10000); the quarter's
    /// other ratios are kept (the defaults, if it had none of its own). Returns the ratios now.
    pub fn set_quarter_ratio(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
        which: PlanRatio,
        bp: u32,
    ) -> Result<Ratios> {
        actor.require(PLAN_ROLES)?;
        if bp > 10_000 {
            return Err(ServiceError::Invalid(vec![FieldIssue {
                field: which.name(),
                value: bp.to_string(),
                problem: Problem::BadNumber {
                    min: 0,
                    max: 10_000,
                },
            }]));
        }
        let summary = format!("{quarter} {}", which.name());
        self.write_plan(actor, quarter, &summary, |mut r| {
            which.set(&mut r, bp);
            r
        })
    }
}
