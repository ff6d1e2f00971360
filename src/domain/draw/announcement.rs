//! The announcement made before a draw's reveal (RFC 3797's step, issue 20): what the public
//! can hold the bureau to before anyone knows the result — the draw, its quarter, when it was
//! announced, the commitment to the server secret, the hashes of the frozen snapshot and
//! parameters, how many targets each stratum gets, and the public random source named in
//! advance with when its value will be known. A certificate matches its announcement when all
//! of these agree ([`Announcement::differences`]; the verification page checks the same).

use super::canon::Hashes;
use super::certificate::Certificate;
use super::hash::H256;
use super::snapshot::{Params, Stratum};
use serde::{Deserialize, Serialize};

/// The `kind` written in every announcement.
pub const KIND: &str = "shuangsui-draw/1 announcement";

/// How many targets one stratum gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StratumCount {
    pub stratum: Stratum,
    pub count: u32,
}

/// A draw announced before its reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// [`KIND`].
    pub kind: String,
    /// The draw's number in the bureau's system.
    pub draw_id: u64,
    /// The draw's identifier written into its parameters (`2024Q2-1`).
    pub draw: String,
    pub quarter: String,
    /// When the announcement was made (RFC 3339).
    pub at: String,
    pub commitment: H256,
    pub hashes: Hashes,
    pub counts: Vec<StratumCount>,
    /// The public random source named in advance, if the draw uses one.
    pub public_source: Option<String>,
    /// When the public value will be known (as the administrator states it).
    pub public_value_known: Option<String>,
}

/// What an announcement is made from.
pub struct AnnouncementInput<'a> {
    pub draw_id: u64,
    pub quarter: &'a str,
    pub at: &'a str,
    pub params: &'a Params,
    pub hashes: Hashes,
    pub commitment: H256,
    pub public_source: Option<&'a str>,
    pub public_value_known: Option<&'a str>,
}

impl Announcement {
    pub fn new(i: &AnnouncementInput) -> Announcement {
        Announcement {
            kind: KIND.to_string(),
            draw_id: i.draw_id,
            draw: i.params.draw.clone(),
            quarter: i.quarter.to_string(),
            at: i.at.to_string(),
            commitment: i.commitment,
            hashes: i.hashes,
            counts: i
                .params
                .quota
                .strata()
                .into_iter()
                .map(|(stratum, count)| StratumCount { stratum, count })
                .collect(),
            public_source: i.public_source.map(str::to_string),
            public_value_known: i.public_value_known.map(str::to_string),
        }
    }

    /// Pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// What differs between a certificate and this announcement, named as the verification
    /// page names it (`announcement:draw`, `announcement:commitment`,
    /// `announcement:hash:<part>`, `announcement:counts`, `announcement:public_source`).
    pub fn differences(&self, c: &Certificate) -> Vec<String> {
        let mut out = Vec::new();
        if self.draw != c.params.draw {
            out.push("announcement:draw".to_string());
        }
        if self.commitment != c.commitment {
            out.push("announcement:commitment".to_string());
        }
        for ((part, a), (_, b)) in self.hashes.parts().into_iter().zip(c.hashes.parts()) {
            if a != b {
                let name = serde_json::to_value(part).ok();
                let name = name.as_ref().and_then(|v| v.as_str()).unwrap_or("");
                out.push(format!("announcement:hash:{name}"));
            }
        }
        let strata: Vec<(Stratum, u32)> =
            self.counts.iter().map(|s| (s.stratum, s.count)).collect();
        if strata != c.params.quota.strata() {
            out.push("announcement:counts".to_string());
        }
        let source = c.public_value.as_ref().map(|p| p.source.as_str());
        if self.public_source.as_deref() != source {
            out.push("announcement:public_source".to_string());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::example;

    #[test]
    fn an_announcement_matches_its_certificate_and_nothing_else() {
        let c = example::certificate().unwrap();
        let a = Announcement::new(&AnnouncementInput {
            draw_id: 7,
            quarter: "2024Q2",
            at: "2024-04-08T09:21:00+08:00",
            params: &c.params,
            hashes: c.hashes,
            commitment: c.commitment,
            public_source: c.public_value.as_ref().map(|p| p.source.as_str()),
            public_value_known: Some("2024-04-07 21:30"),
        });
        assert!(a.differences(&c).is_empty());
        let back: Announcement = serde_json::from_str(&a.to_json()).unwrap();
        assert_eq!(back, a);
        let mut other = c.clone();
        other.commitment = H256([0; 32]);
        other.hashes.conflicts = H256([1; 32]);
        other.public_value = None;
        assert_eq!(
            a.differences(&other),
            [
                "announcement:commitment",
                "announcement:hash:conflicts",
                "announcement:public_source"
            ]
        );
    }
}
