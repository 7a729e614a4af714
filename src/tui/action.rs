//! What the user asked for (actions), what the app asks of the store (commands), and what
//! comes back (outcomes, fed to the app as actions).

use ratatui::crossterm::event::KeyEvent;

use crate::domain::{Change, Decision, Edit, Lead, Plan, Queue};
use crate::store::{Direction, FilterColumn, ListRow, ListSource, PageKey};

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
    Demote,
    Reopen,
    Accept,
    /// Mark or unmark the selected lead for a bulk action.
    Mark,
    /// Mark every lead from where the range began (the last `v`, or the first `V`).
    MarkRange,
    /// Mark every lead of the list on screen (again: clear).
    MarkAll,
    Undo,
    Edit,
    CycleIcpFit,
    CycleRoleRelevance,
    Search,
    ResolveFlag,
    Import,
    FilterSource,
    FilterOwner,
    /// Give the selected (or marked) leads an owner.
    AssignOwner,
    /// Open the Reports screen, or work its figures out again.
    Reports,
    /// Open the selected lead's handoff package.
    Package,
    /// Log a touch on the selected lead.
    LogTouch,
    /// The selected lead's whole history, full screen.
    History,
    /// The form that adds a lead.
    AddLead,
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
    /// Another program committed to the database: read what is on screen again.
    Refresh,
    /// No key for a moment (`App::settle_wait`): do what was left for a pause.
    Settled,
    Done(Outcome),
}

/// How loaded rows join the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Replace the list, selecting this row (from the top; `usize::MAX` for the last).
    Replace { select: usize },
    /// Add after the last row, then move the selection to this index.
    Append { select: usize },
    /// Add before the first row, then move the selection this many rows up from the old first.
    Prepend { up: usize },
    /// The window read again from its first visible row: keep the selected lead (by id, else
    /// its place) and the scroll.
    Refresh { keep: Option<String> },
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
    /// Every history entry of a lead, oldest first.
    LoadHistory(String),
    /// Add this lead unless its email is a lead's already.
    AddLead(Box<crate::domain::Contact>),
    LoadCounts,
    /// Work out the report's figures for the leads of the filters in force.
    LoadReport {
        source: Option<String>,
        owner: Option<String>,
    },
    Decide {
        id: String,
        decision: Decision,
        note: Option<String>,
        /// What the write expects the record's version to be (see `store::Expect`); the
        /// app fills it in from what it showed.
        expect: Option<i64>,
        /// `Some` for an undo: the id of the history entry it takes back (empty when the
        /// entry could not be read back after the original write).
        undoes: Option<String>,
    },
    SetField {
        id: String,
        edit: Edit,
        expect: Option<i64>,
        undoes: Option<String>,
    },
    /// Import a CSV file, as `leadgate import FILE` does.
    Import(std::path::PathBuf),
    ResolveFlag {
        id: String,
        flag: crate::domain::Flag,
        note: String,
        /// For an opt-out: the day the person consented again.
        consent_on: Option<chrono::NaiveDate>,
        expect: Option<i64>,
    },
    LoadValues(FilterColumn),
    /// The owners in the database, for the owner picker.
    LoadOwners,
    /// Read the list again around a lead that moved out of the window (its score changed
    /// under another program's edit), so it stays selected.
    Locate(String),
    /// Take back an import batch, as `leadgate import --undo BATCH` does.
    UndoImport {
        batch: String,
        file: String,
    },
    /// Read the folder of a path being typed, to complete it.
    CompletePath(String),
    /// Count the leads a list shows (every lead of it marked, or a search typed), counting
    /// no further than `cap` plus one.
    CountList {
        list: ListSource,
        cap: Option<u64>,
    },
    /// One change over many leads, each through its own gate, as `leadgate bulk` does.
    Bulk {
        leads: BulkLeads,
        change: crate::domain::BulkChange,
        note: Option<String>,
    },
    /// Take a bulk action back, lead by lead, as one step.
    UndoBulk {
        steps: Vec<crate::store::BulkStep>,
        label: String,
    },
    /// One of the second gate's writes: a handoff step, a touch, a stakeholder.
    Write {
        id: String,
        write: Write,
        expect: Option<i64>,
    },
}

/// The leads a bulk action applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkLeads {
    /// The ones marked one by one.
    Ids(Vec<String>),
    /// Every lead the list shows when the action runs.
    All(ListSource),
}

/// The second gate's writes, each as the CLI does it.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Handoff {
        step: crate::domain::handoff::Step,
        note: Option<String>,
    },
    Touch {
        kind: crate::domain::touch::TouchKind,
        note: String,
    },
    AddStakeholder(crate::domain::deal::Stakeholder),
    /// By its 1-based number in the list.
    RemoveStakeholder(usize),
}

impl Command {
    /// Whether the command writes to a lead.
    #[must_use]
    pub fn is_write(&self) -> bool {
        matches!(
            self,
            Command::Decide { .. }
                | Command::SetField { .. }
                | Command::ResolveFlag { .. }
                | Command::Write { .. }
        )
    }

    /// The lead a write changes, and the slot for the version it expects.
    pub fn expectation(&mut self) -> Option<(&str, &mut Option<i64>)> {
        match self {
            Command::Decide { id, expect, .. }
            | Command::SetField {
                id,
                edit: _,
                expect,
                ..
            }
            | Command::ResolveFlag { id, expect, .. }
            | Command::Write { id, expect, .. } => Some((id.as_str(), expect)),
            _ => None,
        }
    }
}

/// What a command produced.
#[derive(Debug)]
pub enum Outcome {
    Report(Box<crate::report::Report>),
    Page {
        rows: Vec<ListRow>,
        asked: usize,
        placement: Placement,
    },
    Detail {
        lead: Box<Lead>,
        short_id: String,
        events: Vec<crate::store::Event>,
        /// The tools the lead was sent to, and when (newest first).
        sent: Vec<(String, chrono::DateTime<chrono::Utc>)>,
        /// Its touches, oldest first: the handoff package's conversations.
        touches: Vec<crate::domain::touch::Touch>,
    },
    Counts(Vec<(Queue, u64)>),
    Decided {
        lead: Box<Lead>,
        decision: Decision,
        plan: Plan,
        /// The record as it was before the decision, for undo.
        before: Box<Lead>,
        /// The newest history entry the decision wrote.
        event: Option<String>,
        undoing: bool,
    },
    Refused {
        id: String,
        refusal: crate::domain::Refusal,
        decision: Decision,
        /// The decision's note: for an undo, what it was taking back.
        note: Option<String>,
    },
    FieldSet {
        lead: Box<Lead>,
        change: Option<Change>,
        before: Box<Lead>,
        event: Option<String>,
        undoing: bool,
    },
    /// The record changed since it was shown: nothing was written.
    Changed {
        changed: Box<crate::store::Changed>,
        retry: Box<Command>,
    },
    ImportUndone(crate::store::UndoReport, String),
    /// The rows from a located lead on, when it still belongs to the list.
    Located(Option<Vec<ListRow>>),
    Imported(Box<crate::import::FileSummary>),
    FlagResolved {
        lead: Box<Lead>,
        flag: crate::domain::Flag,
    },
    /// A second-gate write went through.
    Wrote {
        lead: Box<Lead>,
        write: Write,
    },
    Values(FilterColumn, Vec<String>),
    Owners(Vec<String>),
    /// What the folder of a typed path holds: names, and whether each is a folder.
    PathEntries {
        typed: String,
        entries: Vec<(String, bool)>,
    },
    /// A lead's whole history.
    History {
        lead_id: String,
        events: Vec<crate::store::Event>,
    },
    /// The form's lead was added.
    Added {
        lead: Box<Lead>,
        short_id: String,
    },
    /// The form's lead was not added, and why: its email is a lead's already, or is no
    /// email at all.
    NotAdded {
        message: String,
        /// The email was the trouble: the form goes back to it.
        email: bool,
    },
    /// How many leads a list shows.
    ListCount {
        list: ListSource,
        count: u64,
        cap: Option<u64>,
    },
    /// What a bulk action (or its undo) did.
    Bulk {
        tally: Box<crate::store::BulkTally>,
        change: crate::domain::BulkChange,
        /// For an undo: what it took back.
        undoing: Option<String>,
    },
    Failed(String),
    /// A write the disk did not take (full, failing, or held too long by another program):
    /// the message, and the write itself, kept so nothing typed is lost.
    NotWritten {
        message: String,
        retry: Box<Command>,
    },
}
