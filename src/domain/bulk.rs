//! What one bulk action does to each lead it is given. Each lead is changed on its own, by
//! the same rule the one-lead action follows; this names the action and says it in words.

use super::field::{Edit, Field, current, parse_edit};
use super::flags::Flag;
use super::transition::Decision;
use super::{Lead, ReasonCode};

/// The change a bulk action makes to each lead.
#[derive(Debug, Clone, PartialEq)]
pub enum BulkChange {
    /// A stage or state decision, each lead through its own gate.
    Decide(Decision),
    /// Give every lead this owner (`None`: no owner).
    Assign(Option<String>),
    /// Accept the rules' suggestions, each lead's own (the person verifies them).
    Accept,
    /// Resolve this exclusion flag, with the note vouching for each record.
    Resolve(Flag, String),
    /// Put fields back as they were: the undo of an assignment or an acceptance.
    Restore(Vec<Edit>),
}

/// Refused with this group when the change would leave a lead as it is.
pub const UNCHANGED: &str = "already so";

impl BulkChange {
    /// What it does to `whom`: "nurture 12 leads", "assign 12 leads to Maren".
    #[must_use]
    pub fn applied_to(&self, whom: &str) -> String {
        match self {
            Self::Decide(d) => format!("{} {whom}", d.verb()),
            Self::Assign(Some(owner)) => format!("assign {whom} to {owner}"),
            Self::Assign(None) => format!("take the owner off {whom}"),
            Self::Accept => format!("accept the suggestions for {whom}"),
            Self::Resolve(flag, _) => {
                format!("resolve the {} flag of {whom}", flag.label().to_lowercase())
            }
            Self::Restore(_) => format!("put back {whom}"),
        }
    }

    /// What a lead it applied to became, for a count: "214 assigned".
    #[must_use]
    pub fn done_word(&self) -> &'static str {
        match self {
            Self::Decide(d) => d.done_word(),
            Self::Assign(Some(_)) => "assigned",
            Self::Assign(None) => "unassigned",
            Self::Accept => "accepted",
            Self::Resolve(..) => "resolved",
            Self::Restore(_) => "put back",
        }
    }

    /// The reason code a decision carries.
    #[must_use]
    pub fn reason(&self) -> Option<ReasonCode> {
        match self {
            Self::Decide(d) => d.reason(),
            _ => None,
        }
    }
}

/// The edits that put `fields` of `before` back as they were.
#[must_use]
pub fn restoring_edits(before: &Lead, fields: &[Field], today: chrono::NaiveDate) -> Vec<Edit> {
    fields
        .iter()
        .filter_map(|&field| restoring_edit(before, field, today))
        .collect()
}

/// The edit that puts `field` of `before` back as it was.
#[must_use]
pub fn restoring_edit(before: &Lead, field: Field, today: chrono::NaiveDate) -> Option<Edit> {
    let (value, note) = current(before, field);
    let on = (field == Field::ReasonNow)
        .then_some(before.evidence.reason_now_on)
        .flatten();
    parse_edit(
        field,
        value.as_deref().unwrap_or(""),
        note.as_deref(),
        on,
        today,
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assignment_names_the_owner_and_a_decision_keeps_its_words() {
        let assign = BulkChange::Assign(Some("Maren".into()));
        assert_eq!(assign.applied_to("3 leads"), "assign 3 leads to Maren");
        assert_eq!(assign.done_word(), "assigned");
        let nurture = BulkChange::Decide(Decision::Nurture(ReasonCode::NoReasonNow));
        assert_eq!(nurture.applied_to("1 lead"), "nurture 1 lead");
        assert_eq!(nurture.reason(), Some(ReasonCode::NoReasonNow));
        assert_eq!(BulkChange::Assign(None).reason(), None);
    }
}
