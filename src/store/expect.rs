//! Writes that say what they expect the record to be, so that two programs on one database
//! never overwrite each other: a write made from a stale screen (or a script's stale read) is
//! refused, naming what changed and who changed it, instead of silently undoing their work.

use rusqlite::Connection;

use super::events::Event;
use super::{Store, StoreError};
use crate::domain::Lead;
use crate::domain::field::{Field, current};

/// What a write expects of the record it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// The record's version as it was shown (see `Lead::version`): any change since refuses.
    Version(i64),
    /// The field's current value (empty for none), as a script read it: `set --expect`.
    Value(Field, String),
}

/// The record changed since the writer saw it: nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    pub lead_id: String,
    pub name: String,
    /// What the writer expected and what the record holds, in words.
    pub expected: String,
    pub found: String,
    /// The record's version now, to reapply the write over it knowingly.
    pub version: i64,
    /// The latest change to the record: what, by whom and when.
    pub latest: Option<Event>,
}

impl std::fmt::Display for Changed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} changed since you saw it", self.name)?;
        if let Some(e) = &self.latest {
            write!(
                f,
                ": {} by {} at {}",
                e.describe(),
                e.actor,
                e.at.format("%Y-%m-%d %H:%M")
            )?;
        } else {
            write!(f, " (expected {}, found {})", self.expected, self.found)?;
        }
        f.write_str("; nothing was written")
    }
}

/// Refuses with `Changed` unless `lead` is what `expect` says.
pub(super) fn check(
    conn: &Connection,
    lead: &Lead,
    expect: Option<&Expect>,
) -> Result<(), StoreError> {
    let Some(expect) = expect else { return Ok(()) };
    let (expected, found) = match expect {
        Expect::Version(v) if *v == lead.version => return Ok(()),
        Expect::Version(v) => (format!("version {v}"), format!("version {}", lead.version)),
        Expect::Value(field, want) => {
            let have = current(lead, *field).0.unwrap_or_default();
            if have.trim() == want.trim() {
                return Ok(());
            }
            (show(want), show(&have))
        }
    };
    let latest = super::events::latest(conn, &lead.id)?;
    Err(StoreError::Changed(Box::new(Changed {
        lead_id: lead.id.clone(),
        name: lead.contact.name.clone(),
        expected,
        found,
        version: lead.version,
        latest,
    })))
}

fn show(value: &str) -> String {
    if value.trim().is_empty() {
        "no value".to_string()
    } else {
        format!("'{}'", value.trim())
    }
}

impl Store {
    /// A number that changes whenever another connection commits to the database (SQLite's
    /// `PRAGMA data_version`): the workstation polls it to notice other programs' writes.
    ///
    /// # Errors
    /// A database error.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A mark that moves with every change a person or an import makes (each appends to the
    /// history or records a batch), and not with scores worked out again: the workstation's
    /// own scoring thread commits those, and they need no screen read again.
    ///
    /// # Errors
    /// A database error.
    pub fn change_mark(&self) -> Result<(i64, i64), StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT COALESCE(max(rowid), 0) FROM events), \
                    (SELECT COALESCE(max(rowid), 0) FROM import_batches)",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}
