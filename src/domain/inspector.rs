//! The inspector registry (检查人员名录库, S1) and its auxiliary part (辅助检查人员, S2), and
//! declared conflicts of interest (回避, N2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

crate::vocab! {
    /// Whether a person is an enforcement officer or an auxiliary inspector.
    pub enum InspectorKind {
        Officer = "officer", "执法人员", "enforcement officer", ["检查人员", "执法", "在编"];
        Auxiliary = "auxiliary", "辅助检查人员", "auxiliary inspector", ["辅助", "专家"];
    }
}

crate::vocab! {
    /// 业务专长 (matched against targets' pollutant types and items).
    pub enum Expertise {
        Air = "air", "大气", "air", ["大气污染防治"];
        Water = "water", "水", "water", ["水污染防治", "水环境"];
        Soil = "soil", "土壤", "soil", ["土壤污染防治"];
        Noise = "noise", "噪声", "noise", [];
        SolidWaste = "solid_waste", "固废", "solid waste", ["固体废物"];
        HazardousWaste = "hazardous_waste", "危废", "hazardous waste", ["危险废物"];
        Radiation = "radiation", "辐射", "radiation", ["核与辐射"];
        Ecology = "ecology", "生态", "ecology", ["自然生态"];
        Monitoring = "monitoring", "监测", "monitoring", ["环境监测"];
        Law = "law", "法制", "law", ["法律", "执法稽查"];
    }
}

crate::vocab! {
    /// For auxiliary inspectors: the kind of entrusted unit (S2).
    pub enum AuxiliaryType {
        MonitoringAgency = "monitoring_agency", "监测检测机构", "monitoring agency", ["监测机构", "检测机构"];
        Institute = "institute", "科研院所", "research institute", ["科研机构"];
        Expert = "expert", "专家", "expert", ["专技人员", "专家专技人员"];
    }
}

crate::impl_vocab!(Expertise);

/// The editable content of an inspector record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectorData {
    pub name: String,
    pub kind: InspectorKind,
    /// Only for auxiliary inspectors.
    pub aux_type: Option<AuxiliaryType>,
    pub unit: String,
    /// 执法证号 for officers (required, unique among officers); a work or appointment number
    /// for auxiliary inspectors (unique among them when given).
    pub cert_no: String,
    pub post: String,
    /// 科室 (大气科, 水土科, 执法大队, …).
    pub section: String,
    pub region: String,
    pub years_of_service: Option<u32>,
    pub expertise: BTreeSet<Expertise>,
    pub phone: String,
    pub active: bool,
    /// Why the person is inactive (required when inactive).
    pub inactive_reason: String,
}

/// An inspector as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inspector {
    pub id: i64,
    pub revision: i64,
    #[serde(flatten)]
    pub data: InspectorData,
}

/// A declared conflict of interest: the inspector must never inspect the enterprise (N2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: i64,
    pub inspector_id: i64,
    pub enterprise_id: i64,
    pub reason: String,
    pub declared_on: NaiveDate,
    /// A withdrawn declaration stays on record.
    pub withdrawn: Option<NaiveDate>,
}

/// Whole-record rules for inspectors.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InspectorError {
    #[error("an enforcement officer needs a certificate number")]
    MissingCert,
    #[error("inactive without a reason")]
    MissingReason,
    #[error("auxiliary type given for an officer")]
    AuxTypeForOfficer,
}

impl InspectorData {
    pub fn check(&self) -> Result<(), InspectorError> {
        if self.kind == InspectorKind::Officer && self.cert_no.is_empty() {
            return Err(InspectorError::MissingCert);
        }
        if self.kind == InspectorKind::Officer && self.aux_type.is_some() {
            return Err(InspectorError::AuxTypeForOfficer);
        }
        if !self.active && self.inactive_reason.is_empty() {
            return Err(InspectorError::MissingReason);
        }
        Ok(())
    }

    /// Only certified, active officers count towards N1's two per inspection.
    pub fn counts_as_officer(&self) -> bool {
        self.active && self.kind == InspectorKind::Officer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer() -> InspectorData {
        InspectorData {
            name: "李明".into(),
            kind: InspectorKind::Officer,
            aux_type: None,
            unit: "高新区生态环境分局".into(),
            cert_no: "13020012345".into(),
            post: "科员".into(),
            section: "执法大队".into(),
            region: "高新区".into(),
            years_of_service: Some(5),
            expertise: [Expertise::Air].into(),
            phone: String::new(),
            active: true,
            inactive_reason: String::new(),
        }
    }

    #[test]
    fn officer_rules() {
        let mut o = officer();
        assert_eq!(o.check(), Ok(()));
        assert!(o.counts_as_officer());
        o.cert_no.clear();
        assert_eq!(o.check(), Err(InspectorError::MissingCert));
        let mut o = officer();
        o.active = false;
        assert_eq!(o.check(), Err(InspectorError::MissingReason));
        o.inactive_reason = "调离".into();
        assert_eq!(o.check(), Ok(()));
        assert!(!o.counts_as_officer());
    }

    #[test]
    fn auxiliary_never_counts_as_officer() {
        let mut a = officer();
        a.kind = InspectorKind::Auxiliary;
        a.aux_type = Some(AuxiliaryType::Expert);
        a.cert_no.clear();
        assert_eq!(a.check(), Ok(()));
        assert!(!a.counts_as_officer());
    }
}
