//! The journal of a large import. In write-ahead-log mode every page is written twice: into
//! the log, then back into the database file. A large import into a database nobody else has
//! open is written with a rollback journal instead: new pages go straight into the file, and
//! a journal keeps only the pages it overwrites, so an interrupted import still rolls back
//! whole the next time the file is opened.

use rusqlite::{Connection, TransactionBehavior};
use std::time::Instant;

use super::open::{BUSY_TIMEOUT, switch_journal};

/// Whether an import changed the journal, and so must put it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BulkJournal {
    Unchanged,
    /// Left write-ahead logging for a rollback journal, synced fully for the import.
    Rollback,
}

impl BulkJournal {
    /// Leaves write-ahead logging if no other connection has the file open. When another
    /// has (a second window, another program) the import stays in the log and takes the
    /// slower way: it never waits for the others or disturbs them.
    pub(super) fn enter(conn: &Connection) -> BulkJournal {
        // In rollback mode only FULL syncing makes a commit safe against a power cut; it is
        // set before the switch, so no commit in that mode ever goes without it.
        if conn.execute_batch("PRAGMA synchronous = FULL").is_err() {
            return BulkJournal::Unchanged;
        }
        // One try, no waiting: busy means someone else has the file open.
        let switched = switch_journal(conn, "DELETE", Instant::now())
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        if switched {
            BulkJournal::Rollback
        } else {
            let _ = conn.execute_batch("PRAGMA synchronous = NORMAL");
            BulkJournal::Unchanged
        }
    }

    /// Back to write-ahead logging, once the import has committed or rolled back. Should that
    /// fail, the next opening of the file switches it back.
    pub(super) fn leave(&mut self, conn: &Connection) {
        if std::mem::replace(self, BulkJournal::Unchanged) == BulkJournal::Rollback {
            let _ = switch_journal(conn, "WAL", Instant::now() + BUSY_TIMEOUT);
            let _ = conn.execute_batch("PRAGMA synchronous = NORMAL");
        }
    }

    /// The transaction an import runs in. In rollback mode it is exclusive from the start:
    /// a reader let in meanwhile could otherwise hold off the commit past the busy timeout and
    /// so throw the whole import away.
    pub(super) fn behavior(self) -> TransactionBehavior {
        match self {
            BulkJournal::Unchanged => TransactionBehavior::Immediate,
            BulkJournal::Rollback => TransactionBehavior::Exclusive,
        }
    }
}

#[cfg(test)]
#[path = "import_journal_tests.rs"]
mod tests;
