//! Whether a prospect's or opportunity's evidence still supports its stage: a label never
//! outlives its evidence. A record whose held items fail is *unsupported* until the evidence
//! passes again or a person passes it back (nurture, disqualify or demote, with a reason).

use chrono::NaiveDate;
use serde::Serialize;

use super::gate::{CheckItem, GateItem, GateRules, check};
use super::lead::Lead;
use super::stage::{Stage, State};

/// How a record's evidence stands against the stage it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Support {
    /// The stage the evidence is judged against.
    pub stage: Stage,
    /// Held items that fail now, in the gate's order.
    pub failing: Vec<CheckItem>,
    /// A prospect's reason now that is no longer fresh (aged past its window, or gone): it
    /// does not unsupport the record, but keeps it out of any "ready" selection.
    pub reason_now_stale: Option<StaleReason>,
}

/// A reason now that no longer counts, and how old it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleReason {
    /// The day it was observed, and days since; `None` when it has no text or date any more.
    pub on: Option<NaiveDate>,
    pub age_days: Option<i64>,
    /// The gate's sentence about it.
    pub detail: String,
}

impl Support {
    /// True when every held item passes.
    #[must_use]
    pub fn supported(&self) -> bool {
        self.failing.is_empty()
    }
}

/// How `lead`'s evidence stands on `today`; `None` for a record that holds no earned stage
/// (a lead, a customer, or one removed with its import).
#[must_use]
pub fn support(lead: &Lead, today: NaiveDate, rules: &GateRules) -> Option<Support> {
    if lead.state == State::Removed || !matches!(lead.stage, Stage::Prospect | Stage::Opportunity) {
        return None;
    }
    let failing = rules
        .held_at(lead.stage)
        .into_iter()
        .map(|item| check(item, &lead.evidence, today, rules))
        .filter(|c| !c.passed)
        .collect();
    let reason_now_stale = (lead.stage == Stage::Prospect)
        .then(|| check(GateItem::ReasonNow, &lead.evidence, today, rules))
        .filter(|c| !c.passed)
        .map(|c| StaleReason {
            on: lead.evidence.reason_now_on,
            age_days: lead
                .evidence
                .reason_now_on
                .map(|on| (today - on).num_days()),
            detail: c.detail,
        });
    Some(Support {
        stage: lead.stage,
        failing,
        reason_now_stale,
    })
}

/// True when `lead` holds a stage its evidence no longer supports.
impl StaleReason {
    /// One line for people: its age when it has one, else the gate's sentence.
    #[must_use]
    pub fn describe(&self, window_days: i64) -> String {
        match (self.on, self.age_days) {
            (Some(on), Some(age)) if age > window_days => format!(
                "Reason now is stale: observed {age} days ago ({on}), outside the \
                 {window_days}-day window"
            ),
            _ => format!("Reason now no longer counts: {}", self.detail),
        }
    }
}

#[must_use]
pub fn unsupported(lead: &Lead, today: NaiveDate, rules: &GateRules) -> bool {
    support(lead, today, rules).is_some_and(|s| !s.supported())
}

#[cfg(test)]
#[path = "support_tests.rs"]
mod tests;
