//! The gates: what evidence a stage change needs, as a checklist people can read.

use chrono::NaiveDate;
use serde::Serialize;

use super::deal;
use super::qualification::{Evidence, IcpFit, RoleRelevance, stated};
use super::stage::Stage;
use super::vocabulary::vocabulary;

/// How recent a reason now must be, in days, unless the rules say otherwise.
pub const REASON_NOW_WINDOW_DAYS: i64 = 30;

vocabulary! {
    /// One thing a gate can require.
    pub enum GateItem ("gate item") {
        IcpFit => "icp_fit", "ICP fit";
        RoleRelevance => "role_relevance", "Role relevance";
        IntentSource => "intent_source", "Intent source";
        ReasonNow => "reason_now", "Reason now";
        PainPoint => "pain_point", "Pain point";
        Stakeholders => "stakeholders", "Stakeholders";
        NextStep => "next_step", "Next step";
        Timeline => "timeline", "Timeline";
        BudgetPath => "budget_path", "Budget path";
        DealSize => "deal_size", "Deal size";
        /// An AE accepted the handoff: only then does a prospect become an opportunity.
        HandoffAccepted => "handoff_accepted", "Handoff accepted";
        Exclusions => "exclusions", "Exclusions";
    }
}

/// Which items each gate requires, and how fresh a reason now must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateRules {
    pub to_prospect: Vec<GateItem>,
    pub to_opportunity: Vec<GateItem>,
    pub reason_now_window_days: i64,
    /// Days after a decision before a record is due for review again.
    pub review_cadence_days: i64,
    /// Days without a decision after which a prospect counts as stalled.
    pub stalled_days: i64,
    /// Items of [`CARRIED`] the opportunity gate may do without: a team must say so here,
    /// since by default a label never outlives the evidence that earned it.
    pub opportunity_allow_without: Vec<GateItem>,
    /// What the stakeholders item asks for.
    pub stakeholders: super::deal::StakeholderRule,
}

/// What a prospect is still required to show at every later stage: who the account and the
/// contact are, and that nothing excludes them. These can turn false after a promotion (a fit
/// re-judged, a new flag), unlike the intent and the reason now that earned it.
pub const CARRIED: [GateItem; 3] = [
    GateItem::IcpFit,
    GateItem::RoleRelevance,
    GateItem::Exclusions,
];

impl Default for GateRules {
    fn default() -> Self {
        Self {
            to_prospect: vec![
                GateItem::IcpFit,
                GateItem::RoleRelevance,
                GateItem::IntentSource,
                GateItem::ReasonNow,
                GateItem::Exclusions,
            ],
            to_opportunity: vec![
                GateItem::PainPoint,
                GateItem::Stakeholders,
                GateItem::NextStep,
                GateItem::Timeline,
                GateItem::HandoffAccepted,
            ],
            reason_now_window_days: REASON_NOW_WINDOW_DAYS,
            review_cadence_days: super::queue::REVIEW_CADENCE_DAYS,
            stalled_days: 14,
            opportunity_allow_without: Vec::new(),
            stakeholders: super::deal::StakeholderRule::default(),
        }
    }
}

impl GateRules {
    /// The items required to leave `from` for the next stage, if there is a next stage. The
    /// opportunity gate starts with the carried items (less those the rules allow without),
    /// then its own.
    #[must_use]
    pub fn items_from(&self, from: Stage) -> Option<Vec<GateItem>> {
        match from {
            Stage::Lead => Some(self.to_prospect.clone()),
            Stage::Prospect => {
                let mut items: Vec<GateItem> = CARRIED
                    .into_iter()
                    .filter(|i| !self.opportunity_allow_without.contains(i))
                    .collect();
                for &item in &self.to_opportunity {
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
                Some(items)
            }
            Stage::Opportunity | Stage::Customer => None,
        }
    }

    /// The items a record at `stage` must keep passing to hold it: those of the gate that led
    /// there, except the reason now, whose freshness only the promotion itself needed (an aged
    /// one is shown as stale instead).
    #[must_use]
    pub fn held_at(&self, stage: Stage) -> Vec<GateItem> {
        let gate = match stage {
            Stage::Prospect => self.items_from(Stage::Lead),
            Stage::Opportunity => self.items_from(Stage::Prospect),
            Stage::Lead | Stage::Customer => None,
        };
        gate.unwrap_or_default()
            .into_iter()
            .filter(|i| *i != GateItem::ReasonNow)
            .collect()
    }
}

/// One line of a checklist: the item, whether it passes, and a sentence saying why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckItem {
    pub item: GateItem,
    pub passed: bool,
    pub detail: String,
}

/// The checklist of the gate between two stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub from: Stage,
    pub to: Stage,
    pub items: Vec<CheckItem>,
}

impl Checklist {
    /// True when every item passes: the gate opens.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.items.iter().all(|i| i.passed)
    }

    /// The items that fail, in order.
    pub fn missing(&self) -> impl Iterator<Item = &CheckItem> {
        self.items.iter().filter(|i| !i.passed)
    }
}

/// The checklist for promoting a record at stage `from`, judged on `today`.
///
/// `None` when leadgate does not promote from `from`.
#[must_use]
pub fn checklist(
    from: Stage,
    evidence: &Evidence,
    today: NaiveDate,
    rules: &GateRules,
) -> Option<Checklist> {
    let to = from.next()?;
    let items = rules
        .items_from(from)?
        .into_iter()
        .map(|item| check(item, evidence, today, rules))
        .collect();
    Some(Checklist { from, to, items })
}

/// Judges one item against the evidence.
#[must_use]
pub fn check(item: GateItem, ev: &Evidence, today: NaiveDate, rules: &GateRules) -> CheckItem {
    let (passed, detail) = match item {
        GateItem::IcpFit => check_icp_fit(ev),
        GateItem::RoleRelevance => check_role_relevance(ev),
        GateItem::IntentSource => check_intent(ev),
        GateItem::ReasonNow => check_reason_now(ev, today, rules.reason_now_window_days),
        GateItem::PainPoint => deal::check_pain_point(ev),
        GateItem::Stakeholders => deal::check_stakeholders(ev, &rules.stakeholders),
        GateItem::NextStep => deal::check_next_step(ev, today),
        GateItem::Timeline => deal::check_stated(
            ev.timeline.as_deref(),
            "timeline",
            "the decision timeline or buying process",
        ),
        GateItem::BudgetPath => deal::check_stated(
            ev.budget_path.as_deref(),
            "budget path",
            "how the purchase gets funded",
        ),
        GateItem::DealSize => {
            deal::check_stated(ev.deal_size.as_deref(), "deal size", "the likely deal size")
        }
        GateItem::HandoffAccepted => super::handoff::check_accepted(ev.handoff.as_ref()),
        GateItem::Exclusions => check_exclusions(ev),
    };
    CheckItem {
        item,
        passed,
        detail,
    }
}

fn check_icp_fit(ev: &Evidence) -> (bool, String) {
    let why = stated(ev.icp_fit_why.as_deref());
    match (ev.icp_fit, why) {
        (IcpFit::Fit, Some(why)) => (true, format!("fits the ICP: {why}")),
        (IcpFit::Fit, None) => (
            false,
            "ICP fit is marked fit but no reason is stated; say why the account fits".into(),
        ),
        (IcpFit::NotFit, _) => (false, "the account is marked not fit for the ICP".into()),
        (IcpFit::Unknown, _) => (
            false,
            "ICP fit is unknown; verify the account against the ICP and say why it fits".into(),
        ),
    }
}

fn check_role_relevance(ev: &Evidence) -> (bool, String) {
    let why = stated(ev.role_relevance_why.as_deref());
    match (ev.role_relevance, why) {
        (RoleRelevance::Relevant, Some(why)) => (true, format!("relevant role: {why}")),
        (RoleRelevance::Relevant, None) => (false, "role relevance is marked relevant but no reason is stated; say why this person matters".into()),
        (RoleRelevance::NotRelevant, _) => (false, "the contact is marked not relevant to the decision".into()),
        (RoleRelevance::Unknown, _) => (false, "role relevance is unknown; check the contact's role and say why it matters".into()),
    }
}

fn check_intent(ev: &Evidence) -> (bool, String) {
    let detail = stated(ev.intent_detail.as_deref());
    match (ev.intent_source, detail) {
        (Some(source), Some(detail)) => (true, format!("{}: {detail}", source.label())),
        (Some(source), None) => (
            false,
            format!(
                "intent source is {} but has no detail; describe the signal",
                source.as_str()
            ),
        ),
        (None, _) => (
            false,
            "no intent source; record the signal that shows interest".into(),
        ),
    }
}

fn check_reason_now(ev: &Evidence, today: NaiveDate, window_days: i64) -> (bool, String) {
    let Some(text) = stated(ev.reason_now.as_deref()) else {
        return (false, "no reason now; record why outreach is timely".into());
    };
    let Some(on) = ev.reason_now_on else {
        return (false, "reason now has no observed date".into());
    };
    let age = (today - on).num_days();
    if age < 0 {
        (false, format!("reason now is dated {on}, in the future"))
    } else if age > window_days {
        (
            false,
            format!(
                "reason now was observed {age} days ago ({on}); it must be within the last {window_days} days"
            ),
        )
    } else {
        (true, format!("{text} (observed {on}, {age} days ago)"))
    }
}

fn check_exclusions(ev: &Evidence) -> (bool, String) {
    let open: Vec<String> = ev
        .flags
        .iter()
        .filter(|f| f.is_open())
        .map(|f| format!("{} ({})", f.flag.label().to_lowercase(), f.reason))
        .collect();
    if open.is_empty() {
        let detail = match ev.flags.len() {
            0 => "no exclusion flags".to_string(),
            n => format!("{n} flag(s) resolved with a note"),
        };
        (true, detail)
    } else {
        let opted_out = ev
            .flags
            .iter()
            .any(|f| f.is_open() && f.flag == super::flags::Flag::DoNotContact);
        let how = if opted_out {
            "an opt-out is resolved only with the day the person consented again"
        } else {
            "resolve with a note if the record is fine"
        };
        (false, format!("flagged: {}; {how}", open.join("; ")))
    }
}

#[cfg(test)]
#[path = "gate_tests.rs"]
mod tests;
