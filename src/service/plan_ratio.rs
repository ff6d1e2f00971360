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

/// One ratio of a plan, in the order `plan show` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRatio {
    Key,
    Special,
    General,
    Positive,
    InternalJoint,
    Classified,
}

impl PlanRatio {
    pub const ALL: [PlanRatio; 6] = [
        PlanRatio::Key,
        PlanRatio::Special,
        PlanRatio::General,
        PlanRatio::Positive,
        PlanRatio::InternalJoint,
        PlanRatio::Classified,
    ];

    /// The name `plan set` takes.
    pub fn name(self) -> &'static str {
        match self {
            PlanRatio::Key => "key",
            PlanRatio::Special => "special",
            PlanRatio::General => "general",
            PlanRatio::Positive => "positive",
            PlanRatio::InternalJoint => "internal-joint",
            PlanRatio::Classified => "classified",
        }
    }

    /// Its value in `r`, in basis points.
    pub fn of(self, r: &Ratios) -> u32 {
        *self.slot(&mut r.clone())
    }

    fn slot(self, r: &mut Ratios) -> &mut u32 {
        match self {
            PlanRatio::Key => &mut r.key,
            PlanRatio::Special => &mut r.special,
            PlanRatio::General => &mut r.general,
            PlanRatio::Positive => &mut r.positive_offsite,
            PlanRatio::InternalJoint => &mut r.internal_joint,
            PlanRatio::Classified => &mut r.classified_share,
        }
    }
}

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
            *which.slot(&mut r) = bp;
            r
        })
    }
}
