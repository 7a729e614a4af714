//! The handoff from an SDR to an account executive: the evidence package it must carry, and
//! the steps after it (accept, reject with a reason code, dispute, a manager's settlement).
//!
//! Who may take each step is checked against the names on the record and the rules' managers.
//! leadgate is local, so this is not authentication: it keeps an honest record of who decided.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::GateItem;
use super::deal::Authority;
use super::gate::{GateRules, check};
use super::lead::Lead;
use super::qualification::stated;
use super::stage::{Stage, State};
use super::touch::Touch;
use super::vocabulary::vocabulary;

vocabulary! {
    /// Where a handoff stands.
    pub enum HandoffState ("handoff state") {
        /// Sent to the AE, waiting for them to accept or reject it.
        Sent => "sent", "Sent";
        /// The AE took it: they may promote it to opportunity once its evidence is there.
        Accepted => "accepted", "Accepted";
        /// The AE sent it back to the SDR with a reason code.
        Rejected => "rejected", "Rejected";
        /// The SDR disputes the rejection: a manager settles it.
        Disputed => "disputed", "Disputed";
    }
}

vocabulary! {
    /// Why an AE sends a handoff back.
    pub enum RejectCode ("reject reason") {
        MissingFitProof => "missing_fit_proof", "Fit is not proven";
        MissingRoleRelevance => "missing_role_relevance", "Why this contact matters is missing";
        MissingReasonNow => "missing_reason_now", "No reason to act now";
        WrongContact => "wrong_contact", "Wrong contact";
        NoBudgetPath => "no_budget_path", "No budget path";
        Duplicate => "duplicate", "Duplicate of another record";
        Other => "other", "Other (see note)";
    }
}

vocabulary! {
    /// One thing the handoff package must hold.
    pub enum PackageItem ("handoff item") {
        ConfirmedFit => "confirmed_fit", "Confirmed fit";
        RelevantContact => "relevant_contact", "Relevant contact";
        ProblemStatement => "problem_statement", "Problem statement";
        IntentBasis => "intent_basis", "Intent basis";
        Conversation => "conversation", "Conversation notes";
        StakeholderView => "stakeholder_view", "Stakeholder view";
    }
}

/// The handoff a record carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    pub state: HandoffState,
    /// The account executive it was sent to.
    pub to: String,
    /// The SDR who sent it: a rejection goes back to them.
    pub from: String,
    /// When it last changed.
    pub at: DateTime<Utc>,
    /// The AE's reason, once rejected (kept while disputed).
    pub reason: Option<RejectCode>,
    /// The note of the last step.
    pub note: Option<String>,
}

impl Handoff {
    /// One line for a record's pane: "Rejected by dana: No reason to act now (note)".
    #[must_use]
    pub fn describe(&self) -> String {
        let note = stated(self.note.as_deref()).map_or(String::new(), |n| format!(" ({n})"));
        let reason = self.reason.map_or("", RejectCode::label);
        match self.state {
            HandoffState::Sent => format!("Sent to {} by {}{note}", self.to, self.from),
            HandoffState::Accepted => format!("Accepted by {}{note}", self.to),
            HandoffState::Rejected => format!("Rejected by {}: {reason}{note}", self.to),
            HandoffState::Disputed => {
                format!(
                    "Disputed by {}: rejected as {reason}; waiting for a manager{note}",
                    self.from
                )
            }
        }
    }
}

/// One line of the package checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageCheck {
    pub item: PackageItem,
    pub passed: bool,
    pub detail: String,
}

/// The handoff package of `lead` with its conversation `touches`, judged on the record as it
/// stands: what an AE reads to pick up the account without starting discovery again.
#[must_use]
pub fn package(lead: &Lead, touches: &[Touch], rules: &GateRules) -> Vec<PackageCheck> {
    let ev = &lead.evidence;
    // The fit, contact and intent items read as their gate items do; the day only matters to
    // the reason now, which the package does not judge.
    let today = lead.updated_at.date_naive();
    let gate = |item| {
        let c = check(item, ev, today, rules);
        (c.passed, c.detail)
    };
    let items = [
        (PackageItem::ConfirmedFit, gate(GateItem::IcpFit)),
        (PackageItem::RelevantContact, gate(GateItem::RoleRelevance)),
        (
            PackageItem::ProblemStatement,
            match stated(ev.pain_point.as_deref()) {
                Some(p) => (true, p.to_string()),
                None => (
                    false,
                    "no problem statement; record the pain point the outreach is about".into(),
                ),
            },
        ),
        (PackageItem::IntentBasis, gate(GateItem::IntentSource)),
        (PackageItem::Conversation, conversation(touches)),
        (PackageItem::StakeholderView, stakeholder_view(lead)),
    ];
    items
        .into_iter()
        .map(|(item, (passed, detail))| PackageCheck {
            item,
            passed,
            detail,
        })
        .collect()
}

fn conversation(touches: &[Touch]) -> (bool, String) {
    let talks: Vec<&Touch> = touches
        .iter()
        .filter(|t| t.kind.is_conversation())
        .collect();
    match talks.last() {
        None => (
            false,
            "no conversation logged; log a call, email, meeting or LinkedIn message".into(),
        ),
        Some(last) => (
            true,
            format!(
                "{} touch{}, latest {} on {}: {}",
                talks.len(),
                if talks.len() == 1 { "" } else { "es" },
                last.kind.label().to_lowercase(),
                last.on,
                last.note
            ),
        ),
    }
}

fn stakeholder_view(lead: &Lead) -> (bool, String) {
    let list = &lead.evidence.stakeholders;
    if list.is_empty() {
        return (
            false,
            "no stakeholders; name who decides, or who you are still mapping".into(),
        );
    }
    // Who decides, when someone's authority is confirmed; else everyone named so far.
    let describe = super::deal::Stakeholder::describe;
    let deciders: Vec<String> = list
        .iter()
        .filter(|s| s.authority == Authority::Confirmed)
        .map(describe)
        .collect();
    if deciders.is_empty() {
        let names: Vec<String> = list.iter().map(describe).collect();
        return (
            true,
            format!("authority still mapping: {}", names.join("; ")),
        );
    }
    let more = match list.len() - deciders.len() {
        0 => String::new(),
        n => format!(" (and {n} more named)"),
    };
    (
        true,
        format!("authority confirmed: {}{more}", deciders.join("; ")),
    )
}

/// A step someone takes on a handoff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Send {
        to: String,
    },
    Accept,
    Reject(RejectCode),
    Dispute,
    /// A manager's settlement of a dispute: upheld leaves the rejection, overturned sends the
    /// handoff to the AE again.
    Settle {
        overturn: bool,
    },
}

impl Step {
    /// The verb the history records.
    #[must_use]
    pub fn verb(&self) -> &'static str {
        match self {
            Step::Send { .. } => "send",
            Step::Accept => "accept",
            Step::Reject(_) => "reject",
            Step::Dispute => "dispute",
            Step::Settle { overturn: false } => "uphold",
            Step::Settle { overturn: true } => "overturn",
        }
    }
}

/// What a step does: the handoff afterwards and the record's new owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepPlan {
    pub handoff: Handoff,
    pub owner: String,
}

/// Why a step was refused. Nothing changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoffRefusal {
    /// The package has gaps: the failing items.
    Package(Vec<PackageCheck>),
    NotProspect(Stage),
    NotActive(State),
    /// The step needs the handoff in another state (`None`: no handoff yet).
    WrongState {
        step: &'static str,
        now: Option<HandoffState>,
    },
    /// Only the AE it was sent to (or a manager) accepts or rejects.
    NotRecipient {
        to: String,
        actor: String,
    },
    /// Only the SDR who sent it (or a manager) disputes the rejection.
    NotSender {
        from: String,
        actor: String,
    },
    /// Only a manager named in the rules settles a dispute.
    NotManager {
        actor: String,
        managers: Vec<String>,
    },
    NoteRequired(&'static str),
    NoRecipient,
}

impl fmt::Display for HandoffRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandoffRefusal::Package(gaps) => {
                let n = gaps.len();
                write!(
                    f,
                    "the handoff package is incomplete: {n} item{} missing",
                    if n == 1 { "" } else { "s" }
                )
            }
            HandoffRefusal::NotProspect(stage) => write!(
                f,
                "only a prospect is handed off; this record is a{} {}",
                if *stage == Stage::Opportunity {
                    "n"
                } else {
                    ""
                },
                stage.as_str()
            ),
            HandoffRefusal::NotActive(state) => {
                write!(
                    f,
                    "the record is {}; reopen it first",
                    super::transition::state_word(*state)
                )
            }
            HandoffRefusal::WrongState { step, now } => match now {
                None => write!(f, "there is no handoff to {step}; send one first"),
                Some(s) => write!(f, "cannot {step} a handoff that is {}", s.as_str()),
            },
            HandoffRefusal::NotRecipient { to, actor } => write!(
                f,
                "the handoff was sent to {to}; only they or a manager can decide it (you are \
                 {actor})"
            ),
            HandoffRefusal::NotSender { from, actor } => write!(
                f,
                "the handoff was sent by {from}; only they or a manager can dispute it (you are \
                 {actor})"
            ),
            HandoffRefusal::NotManager { actor, managers } => {
                if managers.is_empty() {
                    write!(
                        f,
                        "only a manager settles a dispute, and the rules name none; add \
                         [team] managers = [\"name\"] to the rules file (you are {actor})"
                    )
                } else {
                    write!(
                        f,
                        "only a manager settles a dispute ({}); you are {actor}",
                        managers.join(", ")
                    )
                }
            }
            HandoffRefusal::NoteRequired(what) => write!(f, "{what} needs a note saying why"),
            HandoffRefusal::NoRecipient => f.write_str("say who receives the handoff: --to NAME"),
        }
    }
}

/// Whether two names are the same person as the record writes them: letter case and
/// surrounding space do not count.
#[must_use]
pub fn same_person(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Who may do what: the rules' managers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Team {
    pub managers: Vec<String>,
}

impl Team {
    #[must_use]
    pub fn is_manager(&self, actor: &str) -> bool {
        self.managers.iter().any(|m| same_person(m, actor))
    }
}

/// Plans `step` on `lead` by `actor` at `now`; `touches` are the lead's touches (for a send).
///
/// # Errors
/// A `HandoffRefusal` saying why the step is not allowed.
#[allow(clippy::too_many_arguments)] // each is a distinct input of the decision
pub fn plan_step(
    lead: &Lead,
    step: &Step,
    note: Option<&str>,
    actor: &str,
    touches: &[Touch],
    team: &Team,
    rules: &GateRules,
    now: DateTime<Utc>,
) -> Result<StepPlan, HandoffRefusal> {
    if lead.stage != Stage::Prospect {
        return Err(HandoffRefusal::NotProspect(lead.stage));
    }
    if lead.state != State::Active {
        return Err(HandoffRefusal::NotActive(lead.state));
    }
    let current = lead.evidence.handoff.as_ref();
    let now_state = current.map(|h| h.state);
    let note = stated(note).map(str::to_string);
    let wrong = |step| HandoffRefusal::WrongState {
        step,
        now: now_state,
    };
    let manager = team.is_manager(actor);
    match step {
        Step::Send { to } => {
            if matches!(
                now_state,
                Some(HandoffState::Sent | HandoffState::Accepted | HandoffState::Disputed)
            ) {
                return Err(wrong("send"));
            }
            let to = to.trim();
            if to.is_empty() {
                return Err(HandoffRefusal::NoRecipient);
            }
            let gaps: Vec<PackageCheck> = package(lead, touches, rules)
                .into_iter()
                .filter(|c| !c.passed)
                .collect();
            if !gaps.is_empty() {
                return Err(HandoffRefusal::Package(gaps));
            }
            let from = stated(lead.contact.owner.as_deref())
                .filter(|o| !same_person(o, to))
                .unwrap_or(actor)
                .to_string();
            Ok(StepPlan {
                handoff: Handoff {
                    state: HandoffState::Sent,
                    to: to.to_string(),
                    from,
                    at: now,
                    reason: None,
                    note,
                },
                owner: to.to_string(),
            })
        }
        Step::Accept | Step::Reject(_) => {
            let h = current
                .filter(|h| h.state == HandoffState::Sent)
                .ok_or_else(|| wrong(step.verb()))?;
            if !manager && !same_person(&h.to, actor) {
                return Err(HandoffRefusal::NotRecipient {
                    to: h.to.clone(),
                    actor: actor.to_string(),
                });
            }
            if let Step::Reject(code) = step {
                if *code == RejectCode::Other && note.is_none() {
                    return Err(HandoffRefusal::NoteRequired("reject reason 'other'"));
                }
                return Ok(StepPlan {
                    handoff: Handoff {
                        state: HandoffState::Rejected,
                        reason: Some(*code),
                        at: now,
                        note,
                        ..h.clone()
                    },
                    owner: h.from.clone(),
                });
            }
            Ok(StepPlan {
                handoff: Handoff {
                    state: HandoffState::Accepted,
                    at: now,
                    reason: None,
                    note,
                    ..h.clone()
                },
                owner: h.to.clone(),
            })
        }
        Step::Dispute => {
            let h = current
                .filter(|h| h.state == HandoffState::Rejected)
                .ok_or_else(|| wrong("dispute"))?;
            if !manager && !same_person(&h.from, actor) {
                return Err(HandoffRefusal::NotSender {
                    from: h.from.clone(),
                    actor: actor.to_string(),
                });
            }
            if note.is_none() {
                return Err(HandoffRefusal::NoteRequired("a dispute"));
            }
            Ok(StepPlan {
                handoff: Handoff {
                    state: HandoffState::Disputed,
                    at: now,
                    note,
                    ..h.clone()
                },
                owner: lead.contact.owner.clone().unwrap_or_else(|| h.from.clone()),
            })
        }
        Step::Settle { overturn } => {
            let h = current
                .filter(|h| h.state == HandoffState::Disputed)
                .ok_or_else(|| wrong("settle"))?;
            if !manager {
                return Err(HandoffRefusal::NotManager {
                    actor: actor.to_string(),
                    managers: team.managers.clone(),
                });
            }
            if note.is_none() {
                return Err(HandoffRefusal::NoteRequired("a settlement"));
            }
            let (state, owner, reason) = if *overturn {
                (HandoffState::Sent, h.to.clone(), None)
            } else {
                (HandoffState::Rejected, h.from.clone(), h.reason)
            };
            Ok(StepPlan {
                handoff: Handoff {
                    state,
                    at: now,
                    reason,
                    note,
                    ..h.clone()
                },
                owner,
            })
        }
    }
}

/// The opportunity gate's handoff item: only an accepted handoff lets a prospect become an
/// opportunity.
pub(super) fn check_accepted(handoff: Option<&Handoff>) -> (bool, String) {
    match handoff {
        Some(h) if h.state == HandoffState::Accepted => (
            true,
            format!("accepted by {} on {}", h.to, h.at.date_naive()),
        ),
        Some(h) => (false, format!("handoff not accepted: {}", h.describe())),
        None => (
            false,
            "no accepted handoff; send it to an AE (leadgate handoff send ID --to NAME)".into(),
        ),
    }
}

#[cfg(test)]
#[path = "handoff_tests.rs"]
mod tests;
