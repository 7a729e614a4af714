//! What the user asked for (actions), what the app asks of the store (commands), and what
//! comes back (outcomes, fed to the app as actions).

use ratatui::crossterm::event::KeyEvent;

use crate::domain::{Change, Decision, Edit, Lead, Plan, Queue};
use crate::store::{Direction, FilterColumn, ListRow, PageKey};

/// Something the user asked for, or the result of a command.
#[derive(Debug)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    FocusNext,
    FocusPrev,
    Queue(Queue),
    NextQueue,
    PrevQueue,
    Promote,
    Nurture,
    Disqualify,
    Reopen,
    Accept,
    Undo,
    Edit,
    CycleIcpFit,
    CycleRoleRelevance,
    Search,
    ResolveFlag,
    Import,
    FilterSource,
    FilterOwner,
    Back,
    Help,
    Quit,
    /// A key for the open modal (text entry, pickers).
    Input(KeyEvent),
    /// The terminal is this many columns by rows.
    Resize {
        width: u16,
        height: u16,
    },
    Done(Outcome),
}

/// How loaded rows join the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Replace the list, selecting this row (from the top; `usize::MAX` for the last).
    Replace { select: usize },
    /// Add after the last row, then move the selection to this index.
    Append { select: usize },
    /// Add before the first row, then move the selection this many rows up from the old first.
    Prepend { up: usize },
}

/// Input/output the app needs; the loop runs it against the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    LoadPage {
        from: Option<PageKey>,
        dir: Direction,
        placement: Placement,
    },
    LoadDetail(String),
    LoadCounts,
    Decide {
        id: String,
        decision: Decision,
        note: Option<String>,
        undoing: bool,
    },
    SetField {
        id: String,
        edit: Edit,
        undoing: bool,
    },
    /// Import a CSV file, as `leadgate import FILE` does.
    Import(std::path::PathBuf),
    ResolveFlag {
        id: String,
        flag: crate::domain::Flag,
        note: String,
    },
    LoadValues(FilterColumn),
    /// Read the folder of a path being typed, to complete it.
    CompletePath(String),
}

/// What a command produced.
#[derive(Debug)]
pub enum Outcome {
    Page {
        rows: Vec<ListRow>,
        asked: usize,
        placement: Placement,
    },
    Detail {
        lead: Box<Lead>,
        short_id: String,
        events: Vec<crate::store::Event>,
    },
    Counts(Vec<(Queue, u64)>),
    Decided {
        lead: Box<Lead>,
        decision: Decision,
        plan: Plan,
        /// The record as it was before the decision, for undo.
        before: Box<Lead>,
        undoing: bool,
    },
    Refused {
        id: String,
        refusal: crate::domain::Refusal,
        decision: Decision,
    },
    FieldSet {
        lead: Box<Lead>,
        change: Option<Change>,
        before: Box<Lead>,
        undoing: bool,
    },
    Imported(Box<crate::import::FileSummary>),
    FlagResolved {
        lead: Box<Lead>,
        flag: crate::domain::Flag,
    },
    Values(FilterColumn, Vec<String>),
    /// What the folder of a typed path holds: names, and whether each is a folder.
    PathEntries {
        typed: String,
        entries: Vec<(String, bool)>,
    },
    Failed(String),
}
