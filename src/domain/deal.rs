//! The evidence of a deal inside a prospect: the opportunity gate's items. A pain point with
//! its business consequence, the stakeholders and how engaged each is, a next step with its
//! day, and the timeline, budget path and deal size.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::qualification::{Evidence, stated};
use super::vocabulary::vocabulary;

vocabulary! {
    /// How far a stakeholder takes part in the evaluation.
    pub enum Engagement ("engagement") {
        Engaged => "engaged", "Engaged";
        Aware => "aware", "Aware";
        NotYet => "not_yet", "Not yet";
    }
}

vocabulary! {
    /// Whether a stakeholder's authority in the decision is known.
    pub enum Authority ("authority") {
        Confirmed => "confirmed", "Confirmed";
        Mapping => "mapping", "Still mapping";
    }
}

/// One person who shapes the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stakeholder {
    pub name: String,
    pub role: String,
    pub engagement: Engagement,
    pub authority: Authority,
}

impl Stakeholder {
    /// "Dana Reyes, CFO (engaged, authority confirmed)".
    #[must_use]
    pub fn describe(&self) -> String {
        let role = stated(Some(&self.role)).map_or(String::new(), |r| format!(", {r}"));
        let authority = match self.authority {
            Authority::Confirmed => "authority confirmed",
            Authority::Mapping => "authority still mapping",
        };
        format!(
            "{}{role} ({}, {authority})",
            self.name,
            self.engagement.label().to_lowercase()
        )
    }
}

/// What the stakeholders item asks for. By default engagement beyond a single casual contact:
/// at least one engaged stakeholder, and either an authority confirmed or a second person
/// named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderRule {
    pub min_engaged: usize,
    pub authority_or_second: bool,
}

impl Default for StakeholderRule {
    fn default() -> Self {
        Self {
            min_engaged: 1,
            authority_or_second: true,
        }
    }
}

pub(super) fn check_pain_point(ev: &Evidence) -> (bool, String) {
    let pain = stated(ev.pain_point.as_deref());
    let consequence = stated(ev.pain_consequence.as_deref());
    match (pain, consequence) {
        (Some(p), Some(c)) => (true, format!("{p}; consequence: {c}")),
        (Some(p), None) => (
            false,
            format!("pain point '{p}' has no business consequence; say what it costs them"),
        ),
        (None, _) => (
            false,
            "no pain point; record the confirmed problem and its business consequence".into(),
        ),
    }
}

pub(super) fn check_stakeholders(ev: &Evidence, rule: &StakeholderRule) -> (bool, String) {
    let list = &ev.stakeholders;
    if list.is_empty() {
        return (
            false,
            "no stakeholders; name who takes part in the decision and how engaged they are".into(),
        );
    }
    let engaged = list
        .iter()
        .filter(|s| s.engagement == Engagement::Engaged)
        .count();
    let confirmed = list.iter().any(|s| s.authority == Authority::Confirmed);
    let names = list
        .iter()
        .map(Stakeholder::describe)
        .collect::<Vec<_>>()
        .join("; ");
    if engaged < rule.min_engaged.max(1) {
        let need = rule.min_engaged.max(1);
        return (
            false,
            format!(
                "{engaged} of {} stakeholders engaged, {need} needed: {names}",
                list.len()
            ),
        );
    }
    if rule.authority_or_second && !confirmed && list.len() < 2 {
        return (
            false,
            format!(
                "one contact only and no authority confirmed: {names}; confirm who decides or \
                 name a second stakeholder"
            ),
        );
    }
    (true, names)
}

pub(super) fn check_next_step(ev: &Evidence, today: NaiveDate) -> (bool, String) {
    let Some(text) = stated(ev.next_step.as_deref()) else {
        return (
            false,
            "no next step; record the agreed follow-up and its day".into(),
        );
    };
    match ev.next_step_on {
        None => (
            false,
            format!("next step '{text}' has no day; agree when it happens"),
        ),
        Some(on) if on < today => {
            let ago = (today - on).num_days();
            (
                false,
                format!(
                    "next step '{text}' was due {on}, {ago} day{} ago: stale; agree a new one",
                    if ago == 1 { "" } else { "s" }
                ),
            )
        }
        Some(on) => (true, format!("{text} (on {on})")),
    }
}

/// A text item the rules may require: the timeline, the budget path, the deal size.
pub(super) fn check_stated(text: Option<&str>, name: &str, what: &str) -> (bool, String) {
    match stated(text) {
        Some(text) => (true, text.to_string()),
        None => (false, format!("no {name}; record {what}")),
    }
}

/// Puts every item of the opportunity gate's own on `ev`, the next step on `next_step_on` and
/// the handoff accepted: for the domain's tests.
#[cfg(test)]
pub(crate) fn complete_deal(ev: &mut Evidence, next_step_on: NaiveDate) {
    use super::handoff::{Handoff, HandoffState};
    ev.pain_point = Some("Routes planned by hand".into());
    ev.pain_consequence = Some("Overtime up 25%".into());
    ev.stakeholders = vec![Stakeholder {
        name: "Dana".into(),
        role: "CFO".into(),
        engagement: Engagement::Engaged,
        authority: Authority::Confirmed,
    }];
    ev.next_step = Some("Scoping call".into());
    ev.next_step_on = Some(next_step_on);
    ev.timeline = Some("Decision in Q1".into());
    ev.handoff = Some(Handoff {
        state: HandoffState::Accepted,
        to: "morgan".into(),
        from: "sam".into(),
        at: chrono::DateTime::UNIX_EPOCH,
        reason: None,
        note: None,
    });
}

#[cfg(test)]
#[path = "deal_tests.rs"]
mod tests;
