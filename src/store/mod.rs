//! The SQLite database: the only code that speaks SQL.
//!
//! - [`open`](Store::open): file permissions, pragmas, schema creation and migrations;
//! - `leads`: reading, inserting and finding records (ids by prefix);
//! - `decide`: the one function that changes a stage or state, and field edits;
//! - `events`: the append-only audit trail.

mod backup;
mod batches;
mod bulk;
mod check;
mod decide;
mod error;
mod events;
mod expect;
mod exports;
mod handoff;
mod import;
mod import_identity;
mod import_journal;
mod import_prepare;
mod import_undo;
mod leads;
mod open;
mod patience;
mod queue;
mod report;
mod restore;
mod rows;
mod schema;
mod snapshot;
mod standing;
mod triage;
mod upkeep;

pub use backup::{CopyProgress, Verified, beside_name};
pub use batches::BatchInfo;
pub use bulk::{BulkRun, BulkStep, BulkTally, CHANGED_SINCE, PROGRESS_FROM};
pub use check::{CHECKS, Checked, Problem};
pub use error::StoreError;
pub use events::Event;
pub use expect::{Changed, Expect};
pub use exports::{ExportInfo, ExportSpec, Written};
pub use handoff::StepDone;
pub use import::{Importer, RowOutcome};
pub use import_prepare::{Prepared, Preparer};
pub use import_undo::UndoReport;
pub use leads::{Added, ListFilter};
pub use open::Upgrade;
pub use patience::{Patience, import_running};
pub use queue::{Direction, FilterColumn, ListRow, ListSource, PageKey, fts_query};
pub use report::{ActorWork, ReportScope, StageStay};
pub use restore::{Restored, restore};
pub use schema::{LATEST_VERSION, MIGRATIONS};
pub use upkeep::{NOTE_ATTRIBUTES, search_rows};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

use crate::domain::Rules;

/// An open leadgate database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Whether the database is known to record its score rules: once it does, it always will,
    /// so writes stop asking.
    score_rules_known: bool,
    /// How long it waits for a database another program is writing.
    patience: Patience,
}

/// Who is acting, when, and under which rules: passed to every write.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: String,
    pub now: DateTime<Utc>,
    pub rules: Rules,
    /// When the write takes back an earlier one: that entry's id, recorded on every entry
    /// the write appends (`data.undoes`), so the history says what was undone.
    pub undoes: Option<String>,
}

impl Ctx {
    #[must_use]
    pub fn new(actor: impl Into<String>, now: DateTime<Utc>) -> Self {
        Self {
            actor: actor.into(),
            now,
            rules: Rules::default(),
            undoes: None,
        }
    }
}

impl Store {
    /// The database file this store is open on.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Caps the size the database file may grow to, in pages (SQLite's `max_page_count`),
    /// as a disk quota would: a write that needs more fails as on a full disk. For testing
    /// how a full disk is met; returns the cap in force.
    ///
    /// # Errors
    /// A database error.
    pub fn cap_pages(&self, pages: u64) -> Result<u64, StoreError> {
        let capped: i64 =
            self.conn
                .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |r| {
                    r.get(0)
                })?;
        Ok(capped.unsigned_abs())
    }

    /// Whether the database can only be read (its file is not writable): every write is
    /// refused with `StoreError::ReadOnly`, so a screen can say so before anyone tries.
    #[must_use]
    pub fn read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }
}

/// The actor and moment the store's unit tests write as.
#[cfg(test)]
pub(crate) mod test_ctx {
    use super::Ctx;
    use chrono::{TimeZone, Utc};

    pub(crate) fn ctx() -> Ctx {
        Ctx::new(
            "t",
            Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
                .single()
                .expect("time"),
        )
    }

    /// Sets `field` to `value` as a person would, with a note as its evidence.
    pub(crate) fn set(
        store: &mut super::Store,
        id: &str,
        field: crate::domain::Field,
        value: &str,
        c: &Ctx,
    ) {
        let edit = crate::domain::field::parse_edit(
            field,
            value,
            Some("said so on the call"),
            None,
            c.now.date_naive(),
        )
        .expect("edit");
        store.set_field(id, &edit, c).expect("set");
    }
}
