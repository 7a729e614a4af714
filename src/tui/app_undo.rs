//! Undo: the entries that take back the workstation's own actions, each by a new
//! compensating change that expects the record as the action left it.

use super::App;
use crate::domain::Lead;
use crate::domain::field::{Edit, Field};
use crate::tui::action::Command;

/// How to take back an action: by a new, compensating change that expects the record to be
/// as the action left it (`version`), so it never rolls back someone else's later edit.
#[derive(Debug, Clone)]
pub(crate) enum UndoEntry {
    Decision {
        id: String,
        /// The decision that puts it back.
        undo: crate::domain::Decision,
        label: String,
        version: i64,
        event: Option<String>,
    },
    Field {
        id: String,
        edit: Edit,
        label: String,
        version: i64,
        event: Option<String>,
    },
    Import {
        batch: String,
        file: String,
    },
    /// A bulk action: the step that puts back each lead it moved.
    Bulk {
        steps: Vec<crate::store::BulkStep>,
        label: String,
    },
    /// An action taken that cannot be taken back from here, and why.
    Cannot {
        label: String,
        why: &'static str,
    },
}

/// Why a resolved flag is not undone.
pub(super) const RESOLVED_STAYS: &str = "a resolved flag stays resolved with its note; \
    disqualify the lead with a reason if the record is not fine after all";

impl App {
    pub(super) fn undo(&mut self) -> Vec<Command> {
        let Some(entry) = self.undo.pop() else {
            self.say("Nothing to undo");
            return Vec::new();
        };
        match entry {
            UndoEntry::Decision {
                id,
                undo,
                label,
                version,
                event,
            } => {
                self.say(format!("Undoing: {label}"));
                vec![Command::Decide {
                    id,
                    decision: undo,
                    note: Some(format!("undo: {label}")),
                    expect: Some(version),
                    undoes: event.or_else(|| Some(String::new())),
                }]
            }
            UndoEntry::Field {
                id,
                edit,
                label,
                version,
                event,
            } => {
                self.say(format!("Undoing: {label}"));
                vec![Command::SetField {
                    id,
                    edit,
                    expect: Some(version),
                    undoes: event.or_else(|| Some(String::new())),
                }]
            }
            UndoEntry::Import { batch, file } => {
                self.say(format!("Undoing the import of {file}"));
                vec![Command::UndoImport { batch, file }]
            }
            UndoEntry::Bulk { steps, label } => {
                self.say(format!("Undoing: {label}…"));
                vec![Command::UndoBulk { steps, label }]
            }
            UndoEntry::Cannot { label, why } => {
                self.warn(format!("Cannot undo {label}: {why}"));
                Vec::new()
            }
        }
    }

    /// An edit that puts `field` of `before` back as it was.
    pub(super) fn restoring_edit(&self, before: &Lead, field: Field) -> Option<Edit> {
        crate::domain::bulk::restoring_edit(before, field, self.now.date_naive())
    }

    /// This workstation's own write moved `lead` one version on: the older undo entries on
    /// it now expect that version, so undo steps back through its own actions in turn.
    pub(super) fn own_write(&mut self, lead: &crate::domain::Lead) {
        for entry in &mut self.undo {
            match entry {
                UndoEntry::Decision { id, version, .. } | UndoEntry::Field { id, version, .. }
                    if *id == lead.id && *version == lead.version - 1 =>
                {
                    *version = lead.version;
                }
                _ => {}
            }
        }
    }
}
