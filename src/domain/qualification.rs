//! Qualification fields: kept apart from the lifecycle stage, each with its evidence.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;

vocabulary! {
    /// Does the account match the ideal customer profile?
    pub enum IcpFit ("ICP fit") {
        Fit => "fit", "Fit";
        NotFit => "not_fit", "Not fit";
        Unknown => "unknown", "Unknown";
    }
}

vocabulary! {
    /// Does this person sit near the pain, the budget or the evaluation?
    pub enum RoleRelevance ("role relevance") {
        Relevant => "relevant", "Relevant";
        NotRelevant => "not_relevant", "Not relevant";
        Unknown => "unknown", "Unknown";
    }
}

vocabulary! {
    /// Where the signal of interest came from.
    pub enum IntentSource ("intent source") {
        DemoRequest => "demo_request", "Demo request";
        PricingPage => "pricing_page", "Pricing page";
        Webinar => "webinar", "Webinar";
        ContentDownload => "content_download", "Content download";
        Reply => "reply", "Reply";
        Referral => "referral", "Referral";
        Event => "event", "Event";
        ResearchSignal => "research_signal", "Research signal";
        Other => "other", "Other";
    }
}

/// The evidence on a record: what the gates read.
///
/// Text is stored as given; an empty or blank text counts as absent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub icp_fit: IcpFit,
    pub icp_fit_why: Option<String>,
    pub role_relevance: RoleRelevance,
    pub role_relevance_why: Option<String>,
    pub intent_source: Option<IntentSource>,
    pub intent_detail: Option<String>,
    pub reason_now: Option<String>,
    pub reason_now_on: Option<NaiveDate>,
    pub pain_point: Option<String>,
    /// What the pain point costs the business: the gate needs both parts.
    pub pain_consequence: Option<String>,
    /// Who shapes the decision, each with engagement and authority.
    #[serde(default)]
    pub stakeholders: Vec<super::deal::Stakeholder>,
    /// Stakeholders written as free text before they were a list: kept and shown, never
    /// counted by the gate.
    pub stakeholders_note: Option<String>,
    pub next_step: Option<String>,
    /// The day the next step happens: a day already past makes the evidence stale.
    pub next_step_on: Option<NaiveDate>,
    /// The timeline or buying process.
    pub timeline: Option<String>,
    pub budget_path: Option<String>,
    pub deal_size: Option<String>,
    /// The handoff to an account executive, once one was sent.
    #[serde(default)]
    pub handoff: Option<super::handoff::Handoff>,
    /// Exclusion flags, open or resolved.
    #[serde(default)]
    pub flags: Vec<super::flags::FlagNote>,
}

impl Default for Evidence {
    fn default() -> Self {
        Self {
            icp_fit: IcpFit::Unknown,
            icp_fit_why: None,
            role_relevance: RoleRelevance::Unknown,
            role_relevance_why: None,
            intent_source: None,
            intent_detail: None,
            reason_now: None,
            reason_now_on: None,
            pain_point: None,
            pain_consequence: None,
            stakeholders: Vec::new(),
            stakeholders_note: None,
            next_step: None,
            next_step_on: None,
            timeline: None,
            budget_path: None,
            deal_size: None,
            handoff: None,
            flags: Vec::new(),
        }
    }
}

/// The text if it says something, `None` if it is absent or blank.
#[must_use]
pub fn stated(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}
