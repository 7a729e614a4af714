//! Popups: each takes every key while it is open; the one on top is drawn last.

use ratatui_textarea::TextArea;

use super::editor::Editor;
use crate::domain::{Decision, Flag, ReasonCode};
use crate::store::FilterColumn;

/// Nurture or disqualify: the decisions that need a reason code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parking {
    Nurture,
    Disqualify,
}

impl Parking {
    #[must_use]
    pub fn decision(self, code: ReasonCode) -> Decision {
        match self {
            Parking::Nurture => Decision::Nurture(code),
            Parking::Disqualify => Decision::Disqualify(code),
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Parking::Nurture => "Nurture: why?",
            Parking::Disqualify => "Disqualify: why?",
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
        lead_id: String,
        parking: Parking,
        selected: usize,
    },
    /// A note for a reason code that needs one.
    Note {
        lead_id: String,
        decision: Decision,
        text: TextArea<'static>,
        error: Option<String>,
    },
    /// The gate refused: the live checklist, each item fillable in place.
    Refused {
        lead_id: String,
        selected: usize,
    },
    Editor(Box<Editor>),
    Search {
        text: TextArea<'static>,
    },
    /// The path of a file to import.
    ImportPath {
        text: TextArea<'static>,
    },
    /// What an import did.
    ImportSummary(Box<crate::import::FileSummary>),
    /// A note that resolves an exclusion flag.
    ResolveFlag {
        lead_id: String,
        flag: Flag,
        reason: String,
        text: TextArea<'static>,
        error: Option<String>,
    },
    Values {
        column: FilterColumn,
        values: Vec<String>,
        selected: usize,
    },
}
