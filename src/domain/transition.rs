//! Stage and state changes: what a decision does to a record, or why it is refused.
//!
//! This is the one place that decides; the store applies the plan in a transaction.

use chrono::NaiveDate;
use std::fmt;

use super::gate::{Checklist, GateRules, checklist};
use super::qualification::Evidence;
use super::reason::ReasonCode;
use super::stage::{Stage, State};

/// What a person decided about a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Move to the next stage, if the gate opens.
    Promote,
    /// Park for later; a prospect or opportunity is passed back to lead.
    Nurture(ReasonCode),
    /// Nurture until a re-check day (after today), when it is back in Today.
    NurtureUntil(ReasonCode, NaiveDate),
    /// Take out of the queue; a prospect or opportunity is passed back to lead.
    Disqualify(ReasonCode),
    /// Move a prospect or opportunity one stage down, with the reason: what a person does
    /// when its evidence no longer supports the stage but the record is still worth working.
    Demote(ReasonCode),
    /// Put a nurtured or disqualified record back in the active queue.
    Reopen,
    /// Return to an earlier stage and state, compensating the last decision. Moving a stage
    /// forward again passes through the gates like any promotion.
    Undo {
        stage: Stage,
        state: State,
        /// What else the record said before: its reason, note and review date.
        restore: Restore,
    },
    /// Take out a lead that an import created and nobody has touched since (undoing the
    /// import). The record stays, in the `removed` state, in no queue.
    Remove,
}

impl Decision {
    /// The verb used in events and messages.
    #[must_use]
    pub fn verb(&self) -> &'static str {
        match self {
            Decision::Promote => "promote",
            Decision::Nurture(_) | Decision::NurtureUntil(..) => "nurture",
            Decision::Disqualify(_) => "disqualify",
            Decision::Demote(_) => "demote",
            Decision::Reopen => "reopen",
            Decision::Remove => "remove",
            Decision::Undo { .. } => "undo",
        }
    }

    /// What a lead it applied to became, for a count: "214 promoted".
    #[must_use]
    pub fn done_word(&self) -> &'static str {
        match self {
            Decision::Promote => "promoted",
            Decision::Nurture(_) | Decision::NurtureUntil(..) => "nurtured",
            Decision::Disqualify(_) => "disqualified",
            Decision::Demote(_) => "demoted",
            Decision::Reopen => "reopened",
            Decision::Remove => "removed",
            Decision::Undo { .. } => "undone",
        }
    }

    /// The decision that puts `lead`'s stage and state back as they are now, with what its
    /// state said (reason, note, review date).
    #[must_use]
    pub fn undoing(lead: &crate::domain::Lead) -> Decision {
        Decision::Undo {
            stage: lead.stage,
            state: lead.state,
            restore: Restore {
                reason: lead.state_reason,
                note: lead.state_note.clone(),
                review_due_at: Some(lead.review_due_at),
            },
        }
    }

    #[must_use]
    pub fn reason(&self) -> Option<ReasonCode> {
        match self {
            Decision::Nurture(r)
            | Decision::NurtureUntil(r, _)
            | Decision::Disqualify(r)
            | Decision::Demote(r) => Some(*r),
            Decision::Promote | Decision::Reopen | Decision::Undo { .. } | Decision::Remove => None,
        }
    }
}

/// Why `decision` is not taken for `lead` as part of a bulk action, when it is not. Someone
/// who asked not to be contacted is put back in a queue only by a person looking at that one
/// record, with the reason they may be contacted again.
#[must_use]
pub fn not_in_bulk(decision: &Decision, lead: &crate::domain::Lead) -> Option<&'static str> {
    let opted_out = lead.state_reason == Some(ReasonCode::OptedOut);
    (matches!(decision, Decision::Reopen) && opted_out)
        .then_some("opted out: reopen each on its own")
}

/// The parts of a record's state an undo puts back besides stage and state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Restore {
    pub reason: Option<ReasonCode>,
    pub note: Option<String>,
    pub review_due_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What applying a decision changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `(old, new)` when the stage changes.
    pub stage: Option<(Stage, Stage)>,
    /// `(old, new)` when the state changes.
    pub state: Option<(State, State)>,
    /// The gate's checklist when the decision was a promotion (all items passed).
    pub checklist: Option<Checklist>,
}

/// Why a decision was refused. Nothing changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The gate's checklist has failing items.
    Gate(Checklist),
    /// Only active records are promoted.
    NotActive(State),
    /// leadgate does not promote beyond this stage.
    NoNextStage(Stage),
    /// There is no earned stage below this one to demote to.
    NoStageBelow(Stage),
    /// The record is already in that state.
    AlreadyInState(State),
    /// Customers are closed deals; qualification decisions do not apply.
    Customer,
    /// The reason code needs a note.
    NoteRequired(ReasonCode),
    /// The record was removed by undoing its import.
    Removed,
    /// Only a lead still being evaluated can be removed.
    NotRemovable(Stage),
    /// A handoff step that is not allowed.
    Handoff(super::handoff::HandoffRefusal),
    /// A nurture's re-check day must be after today.
    RecheckNotAhead(NaiveDate),
}

/// A state as a sentence says it ("is nurtured", not "is nurture").
pub(super) fn state_word(state: State) -> &'static str {
    match state {
        State::Nurture => "nurtured",
        other => other.as_str(),
    }
}

impl Refusal {
    /// The group a bulk result counts a refused lead in: "missing reason now" for a gate's
    /// first missing item, "flagged" for an open exclusion flag, "already disqualified".
    #[must_use]
    pub fn group(&self) -> String {
        match self {
            Refusal::Gate(list) => match list.missing().next().map(|i| i.item) {
                Some(super::gate::GateItem::Exclusions) => "flagged".to_string(),
                Some(item) => format!("missing {}", item.label().to_lowercase()),
                None => "gate closed".to_string(),
            },
            Refusal::NotActive(state) => format!("{}, not active", state_word(*state)),
            Refusal::NoNextStage(stage) => format!("no stage after {}", stage.as_str()),
            Refusal::NoStageBelow(stage) => format!("no stage below {}", stage.as_str()),
            Refusal::AlreadyInState(state) => format!("already {}", state_word(*state)),
            Refusal::Customer => "customers".to_string(),
            Refusal::NoteRequired(_) => "a note is needed".to_string(),
            Refusal::Removed => "removed".to_string(),
            Refusal::NotRemovable(stage) => format!("{}, not removable", stage.as_str()),
            Refusal::Handoff(_) => "handoff not allowed".to_string(),
            Refusal::RecheckNotAhead(_) => "re-check day not ahead".to_string(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Gate(list) => {
                let n = list.missing().count();
                write!(
                    f,
                    "the {} gate is closed: {n} item{} missing",
                    list.to.as_str(),
                    if n == 1 { "" } else { "s" }
                )
            }
            Refusal::NotActive(state) => write!(
                f,
                "the record is {}; reopen it before promoting",
                state_word(*state)
            ),
            Refusal::NoNextStage(stage) => write!(
                f,
                "leadgate does not promote beyond {}; a deal closes in your CRM",
                stage.as_str()
            ),
            Refusal::NoStageBelow(stage) => write!(
                f,
                "a {} has no earned stage to lose; nurture or disqualify it instead",
                stage.as_str()
            ),
            Refusal::AlreadyInState(state) => {
                write!(f, "the record is already {}", state_word(*state))
            }
            Refusal::Customer => {
                f.write_str("the record is a customer; qualification decisions do not apply")
            }
            Refusal::Removed => f.write_str("the record was removed when its import was undone"),
            Refusal::NotRemovable(stage) => {
                write!(
                    f,
                    "a {} is not removed by undoing an import",
                    stage.as_str()
                )
            }
            Refusal::NoteRequired(code) => {
                write!(f, "reason code '{}' needs a note saying why", code.as_str())
            }
            Refusal::Handoff(r) => r.fmt(f),
            Refusal::RecheckNotAhead(day) => write!(
                f,
                "the re-check day {day} is not after today; nurture until a later day"
            ),
        }
    }
}

/// Decides what `decision` does to a record at `stage`/`state` with `evidence`, on `today`.
///
/// # Errors
/// A `Refusal` when the decision is not allowed; the record must then stay as it is.
pub fn plan(
    stage: Stage,
    state: State,
    evidence: &Evidence,
    decision: &Decision,
    note: Option<&str>,
    today: NaiveDate,
    rules: &GateRules,
) -> Result<Plan, Refusal> {
    if state == State::Removed {
        return Err(Refusal::Removed);
    }
    match decision {
        Decision::Remove => {
            if stage != Stage::Lead {
                return Err(Refusal::NotRemovable(stage));
            }
            Ok(Plan {
                stage: None,
                state: Some((state, State::Removed)),
                checklist: None,
            })
        }
        Decision::Promote => {
            if state != State::Active {
                return Err(Refusal::NotActive(state));
            }
            let list =
                checklist(stage, evidence, today, rules).ok_or(Refusal::NoNextStage(stage))?;
            if !list.passed() {
                return Err(Refusal::Gate(list));
            }
            Ok(Plan {
                stage: Some((stage, list.to)),
                state: None,
                checklist: Some(list),
            })
        }
        Decision::Demote(code) => demote(stage, state, *code, note),
        Decision::Nurture(code) => park(stage, state, State::Nurture, *code, note),
        Decision::NurtureUntil(code, day) => {
            if *day <= today {
                return Err(Refusal::RecheckNotAhead(*day));
            }
            park(stage, state, State::Nurture, *code, note)
        }
        Decision::Disqualify(code) => park(stage, state, State::Disqualified, *code, note),
        Decision::Reopen => {
            if state == State::Active {
                return Err(Refusal::AlreadyInState(State::Active));
            }
            Ok(Plan {
                stage: None,
                state: Some((state, State::Active)),
                checklist: None,
            })
        }
        Decision::Undo {
            stage: to_stage,
            state: to_state,
            ..
        } => undo(stage, state, *to_stage, *to_state, evidence, today, rules),
    }
}

fn undo(
    stage: Stage,
    state: State,
    to_stage: Stage,
    to_state: State,
    evidence: &Evidence,
    today: NaiveDate,
    rules: &GateRules,
) -> Result<Plan, Refusal> {
    if (stage, state) == (to_stage, to_state) {
        return Err(Refusal::AlreadyInState(state));
    }
    // Going back is always allowed; going forward again needs every gate on the way.
    let mut at = stage;
    let mut last = None;
    while at < to_stage {
        let list = checklist(at, evidence, today, rules).ok_or(Refusal::NoNextStage(at))?;
        if !list.passed() {
            return Err(Refusal::Gate(list));
        }
        at = list.to;
        last = Some(list);
    }
    Ok(Plan {
        stage: (stage != to_stage).then_some((stage, to_stage)),
        state: (state != to_state).then_some((state, to_state)),
        checklist: last,
    })
}

/// One stage down, staying active: the record is worked again from there.
fn demote(
    stage: Stage,
    state: State,
    code: ReasonCode,
    note: Option<&str>,
) -> Result<Plan, Refusal> {
    let below = match stage {
        Stage::Opportunity => Stage::Prospect,
        Stage::Prospect => Stage::Lead,
        Stage::Lead => return Err(Refusal::NoStageBelow(stage)),
        Stage::Customer => return Err(Refusal::Customer),
    };
    if state != State::Active {
        return Err(Refusal::NotActive(state));
    }
    if code.needs_note() && super::qualification::stated(note).is_none() {
        return Err(Refusal::NoteRequired(code));
    }
    Ok(Plan {
        stage: Some((stage, below)),
        state: None,
        checklist: None,
    })
}

/// Nurture or disqualify. A prospect or opportunity is passed back to lead: its label must
/// not outlive the evidence that earned it.
fn park(
    stage: Stage,
    state: State,
    to: State,
    code: ReasonCode,
    note: Option<&str>,
) -> Result<Plan, Refusal> {
    if stage == Stage::Customer {
        return Err(Refusal::Customer);
    }
    if state == to {
        return Err(Refusal::AlreadyInState(to));
    }
    if code.needs_note() && super::qualification::stated(note).is_none() {
        return Err(Refusal::NoteRequired(code));
    }
    let stage_change = (stage != Stage::Lead).then_some((stage, Stage::Lead));
    Ok(Plan {
        stage: stage_change,
        state: Some((state, to)),
        checklist: None,
    })
}

#[cfg(test)]
#[path = "transition_tests.rs"]
mod tests;
