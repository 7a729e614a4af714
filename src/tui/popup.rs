//! Popups: each takes every key while it is open; the one on top is drawn last.

use ratatui_textarea::TextArea;

use super::editor::Editor;
use crate::domain::{Decision, Flag, ReasonCode};
use crate::store::FilterColumn;

/// Nurture, disqualify or demote: the decisions that need a reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parking {
    Nurture,
    Disqualify,
    Demote,
}

impl Parking {
    #[must_use]
    pub fn decision(self, code: ReasonCode) -> Decision {
        match self {
            Parking::Nurture => Decision::Nurture(code),
            Parking::Disqualify => Decision::Disqualify(code),
            Parking::Demote => Decision::Demote(code),
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Parking::Nurture => "Nurture: why?",
            Parking::Disqualify => "Disqualify: why?",
            Parking::Demote => "Demote one stage: why?",
        }
    }
}

#[derive(Debug)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    /// Pick a reason code for a nurture or disqualification.
    Reasons {
        target: Target,
        parking: Parking,
        selected: usize,
    },
    /// The gate refused: the live checklist, each item fillable in place.
    Refused {
        lead_id: String,
        selected: usize,
    },
    Editor(Box<Editor>),
    /// A line (or a few) of text to type: a note, a search, a path.
    Prompt {
        prompt: Prompt,
        text: Box<TextArea<'static>>,
        error: Option<String>,
    },
    /// What an import did.
    ImportSummary(Box<crate::import::FileSummary>),
    /// A write was refused because another program changed the record since it was shown:
    /// what changed and by whom, and the write to apply over it if the person still wants it.
    Changed {
        message: String,
        retry: Box<super::action::Command>,
    },
    /// A write the disk did not take: why, and the write to try again once it can be.
    NotWritten {
        message: String,
        retry: Box<super::action::Command>,
    },
    Values {
        column: FilterColumn,
        values: Vec<String>,
        selected: usize,
    },
    /// The handoff package of a lead: its items (each fillable in place) and the steps the
    /// handoff allows.
    Package {
        lead_id: String,
        selected: usize,
    },
    /// Pick a touch's kind, or a rejection's reason code.
    Pick {
        lead_id: String,
        pick: Pick,
        selected: usize,
    },
    Stakeholder(Box<super::stakeholder_form::StakeholderForm>),
    /// Whom the selected or marked leads go to.
    Owner(Box<super::owner_pick::OwnerPick>),
    /// The form that adds a lead; it stays open until the lead is added.
    AddLead(Box<super::lead_form::LeadForm>),
    /// The selected lead's whole history, full screen.
    History(Box<crate::tui::app::HistoryView>),
    /// Search as you type: the words so far, in the tab bar, over the list they filter.
    Search {
        text: Box<TextArea<'static>>,
    },
    /// A bulk action, asked once before it runs: how many leads and what.
    ConfirmBulk {
        change: crate::domain::BulkChange,
        note: Option<String>,
    },
    /// What a bulk action did: how many moved and, grouped, what stopped the rest.
    BulkResult {
        title: String,
        lines: Vec<String>,
        /// `u` takes it back (it is the newest undo entry).
        undoable: bool,
    },
}

/// Whom a decision is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The selected lead.
    One(String),
    /// The marked leads, after one confirmation.
    Marked,
}

/// What a `Pick` list picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    TouchKind,
    RejectCode,
    /// The flag a bulk resolution resolves on each marked lead.
    BulkFlag,
}

impl Pick {
    /// The choices, as (canonical name, label).
    #[must_use]
    pub fn items(self) -> Vec<(&'static str, &'static str)> {
        use crate::domain::handoff::RejectCode;
        use crate::domain::touch::TouchKind;
        match self {
            Pick::TouchKind => TouchKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label()))
                .collect(),
            Pick::RejectCode => RejectCode::ALL
                .iter()
                .map(|c| (c.as_str(), c.label()))
                .collect(),
            // An opt-out is resolved one lead at a time, with the day they consented.
            Pick::BulkFlag => crate::domain::Flag::ALL
                .iter()
                .filter(|f| **f != crate::domain::Flag::DoNotContact)
                .map(|f| (f.as_str(), f.label()))
                .collect(),
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Pick::TouchKind => "Log a touch: what kind?",
            Pick::RejectCode => "Reject the handoff: why?",
            Pick::BulkFlag => "Resolve which flag on the marked leads?",
        }
    }
}

/// What a prompt asks for, and what its answer is for.
#[derive(Debug)]
pub enum Prompt {
    /// The note of a decision: asked after its reason code; `required` for a code that says
    /// nothing by itself (`other`).
    Note {
        target: Target,
        decision: Decision,
        required: bool,
    },
    /// A note that resolves an exclusion flag.
    ResolveFlag {
        lead_id: String,
        flag: Flag,
        reason: String,
        /// For an opt-out, the day asked first (`ConsentDay`).
        consent_on: Option<chrono::NaiveDate>,
    },
    /// The note that resolves one flag on every marked lead.
    BulkResolve { flag: Flag },
    /// The day an opted-out person consented again: asked before the note that resolves
    /// their `do_not_contact` flag.
    ConsentDay { lead_id: String, reason: String },
    /// Why a lead parked as opted out is reopened: the warning and its confirmation.
    ReopenOptedOut { lead_id: String, name: String },
    /// What a touch was about.
    Touch {
        lead_id: String,
        kind: crate::domain::touch::TouchKind,
    },
    /// Who receives a handoff.
    SendTo { lead_id: String },
    /// The note of a handoff step; `required` for a dispute, a settlement, a rejection as
    /// `other`.
    HandoffNote {
        lead_id: String,
        step: crate::domain::handoff::Step,
        required: bool,
    },
    /// The number of the stakeholder to remove.
    RemoveStakeholder { lead_id: String },
    /// The path of a file to import, with the names Tab found when it could not choose.
    ImportPath { matches: Vec<String> },
}

impl Prompt {
    /// Notes may span lines; searches and paths are one line.
    #[must_use]
    pub fn multi_line(&self) -> bool {
        matches!(
            self,
            Prompt::Note { .. }
                | Prompt::ResolveFlag { .. }
                | Prompt::BulkResolve { .. }
                | Prompt::ReopenOptedOut { .. }
                | Prompt::Touch { .. }
                | Prompt::HandoffNote { .. }
        )
    }

    /// What Enter does, in a word, for the hint.
    #[must_use]
    pub fn enter_does(&self) -> &'static str {
        match self {
            Prompt::Note { .. } => "save",
            Prompt::ResolveFlag { .. } => "resolve",
            Prompt::BulkResolve { .. } => "go on",
            Prompt::ConsentDay { .. } => "go on",
            Prompt::ReopenOptedOut { .. } => "reopen",
            Prompt::ImportPath { .. } => "import",
            Prompt::Touch { .. } => "log",
            Prompt::SendTo { .. } => "send",
            Prompt::HandoffNote { .. } => "save",
            Prompt::RemoveStakeholder { .. } => "remove",
        }
    }

    /// The popup's title and the line that says what is asked.
    #[must_use]
    pub fn question(&self) -> (String, String) {
        match self {
            Prompt::Note {
                required: true,
                decision,
                ..
            } => (
                note_title(decision),
                "A note is needed: this reason code says nothing by itself.".into(),
            ),
            Prompt::Note { decision, .. } => (
                note_title(decision),
                "A note for the history (Enter with none to skip)".into(),
            ),
            Prompt::ResolveFlag {
                flag,
                reason,
                consent_on,
                ..
            } => (
                format!("Resolve the {} flag", flag.label().to_lowercase()),
                match consent_on {
                    Some(day) => format!("They consented again on {day}. How do you know?"),
                    None => format!(
                        "Flagged because {}. Why is this record fine?",
                        crate::tui::long_text::cut(reason)
                    ),
                },
            ),
            Prompt::BulkResolve { flag } => (
                format!(
                    "Resolve the {} flag on the marked leads",
                    flag.label().to_lowercase()
                ),
                "Why are these records fine? The note goes on each one's history".into(),
            ),
            Prompt::ConsentDay { reason, .. } => (
                "The person opted out".into(),
                format!(
                    "{}. Only renewed consent resolves it: the day they consented again (YYYY-MM-DD)",
                    crate::tui::long_text::cut(reason)
                ),
            ),
            Prompt::ReopenOptedOut { name, .. } => (
                "Reopen someone who opted out?".into(),
                format!(
                    "{} asked not to be contacted. Reopen only if they consented again: how do you know?",
                    crate::tui::long_text::cut(name)
                ),
            ),
            Prompt::ImportPath { .. } => (
                "Import a CSV file".into(),
                "Its path (~/ is your home folder; Tab completes it)".into(),
            ),
            Prompt::Touch { kind, .. } => (
                format!("Log a touch: {}", kind.label()),
                "What happened: the reply, the outcome, objections, the next step".into(),
            ),
            Prompt::SendTo { .. } => (
                "Hand off to an account executive".into(),
                "Their name, as they pass it to --as (they become the owner)".into(),
            ),
            Prompt::HandoffNote { step, required, .. } => (
                match step {
                    crate::domain::handoff::Step::Reject(code) => {
                        format!("Reject: {}", code.label())
                    }
                    crate::domain::handoff::Step::Dispute => "Dispute the rejection".into(),
                    crate::domain::handoff::Step::Settle { overturn: true } => {
                        "Overturn the rejection".into()
                    }
                    crate::domain::handoff::Step::Settle { overturn: false } => {
                        "Uphold the rejection".into()
                    }
                    _ => "A note".into(),
                },
                if *required {
                    "Why? A note is needed.".into()
                } else {
                    "A note for the SDR (Enter with none to skip)".into()
                },
            ),
            Prompt::RemoveStakeholder { .. } => (
                "Remove a stakeholder".into(),
                "Their number in the package's list".into(),
            ),
        }
    }
}

/// "Disqualify: Student", the title of a decision's note.
fn note_title(decision: &Decision) -> String {
    let mut title = crate::domain::vocabulary::capitalized(decision.verb());
    if let Some(code) = decision.reason() {
        title.push_str(": ");
        title.push_str(code.label());
    }
    title
}
