//! A lead record as the rest of the program sees it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

use super::qualification::Evidence;
use super::reason::ReasonCode;
use super::stage::{Stage, State};

/// Contact and company facts: plain fields, edited freely, never gating anything by themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub domain: Option<String>,
    pub industry: Option<String>,
    pub employees: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    pub phone: Option<String>,
    pub linkedin_url: Option<String>,
    pub source: Option<String>,
    pub owner: Option<String>,
    /// The day of the contact's latest activity (YYYY-MM-DD), as a source tool or a person
    /// recorded it: the engagement term of the score.
    pub last_activity: Option<String>,
    /// The given and family names as the source file had them apart; `name` stays the name
    /// shown. Editing the name clears them, so they never outlive it.
    pub given_name: Option<String>,
    pub family_name: Option<String>,
}

/// A record: contact facts, lifecycle stage, working state and qualification evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lead {
    pub id: String,
    #[serde(flatten)]
    pub contact: Contact,
    pub stage: Stage,
    pub state: State,
    /// Why the record is in nurture or disqualified.
    pub state_reason: Option<ReasonCode>,
    pub state_note: Option<String>,
    pub evidence: Evidence,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When someone last made a qualification decision or edited evidence.
    pub last_review_at: Option<DateTime<Utc>>,
    /// When the record is next due in the Today queue (new records: at once).
    pub review_due_at: DateTime<Utc>,
    /// Columns of an imported file that map to no field, by header.
    pub attributes: BTreeMap<String, String>,
    /// The source tool's record id, prefixed with the tool ("hubspot:31845700000").
    pub record_id: Option<String>,
    /// The import and line the record came from.
    pub origin: Option<Origin>,
    /// How many times the record has been written: a write made from what a screen showed
    /// states the version it saw, and is refused if the record changed since.
    pub version: i64,
}

/// Where an imported record came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub batch_id: String,
    pub line: u64,
}

/// A lead as read from one row of an imported file, normalized, before it is stored or
/// merged into an existing record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Incoming {
    /// The line of the file the row starts on.
    pub line: u64,
    pub contact: Contact,
    /// The source tool's record id, prefixed with the tool ("hubspot:31845700000").
    pub record_id: Option<String>,
    /// Further addresses and numbers beyond the first of each.
    pub other_emails: Vec<String>,
    pub other_phones: Vec<String>,
    /// An email value that is not a valid address: kept and flagged, never dropped.
    pub invalid_email: Option<String>,
    /// Every non-empty value of a column that maps to no field, by header.
    pub attributes: BTreeMap<String, String>,
    /// A hash of the row's header-and-value pairs, whatever they were mapped to: the same row
    /// imported again is found by it.
    pub row_print: Option<String>,
}

impl Lead {
    /// Parked because the person asked not to be contacted (nurtured or disqualified with
    /// `opted_out`): it never comes back to Today by itself, and reopening it is confirmed.
    #[must_use]
    pub fn opted_out(&self) -> bool {
        matches!(self.state, State::Nurture | State::Disqualified)
            && self.state_reason == Some(ReasonCode::OptedOut)
    }
}

#[cfg(test)]
impl Lead {
    /// A lead named "P" that arrived at `created`, holding `evidence`: for the domain's tests.
    pub(crate) fn sample(evidence: Evidence, created: DateTime<Utc>) -> Self {
        Lead {
            id: "0".repeat(32),
            contact: Contact {
                name: "P".into(),
                ..Contact::default()
            },
            stage: Stage::Lead,
            state: State::Active,
            state_reason: None,
            state_note: None,
            evidence,
            created_at: created,
            updated_at: created,
            last_review_at: None,
            review_due_at: created,
            attributes: BTreeMap::new(),
            record_id: None,
            origin: None,
            version: 0,
        }
    }
}
