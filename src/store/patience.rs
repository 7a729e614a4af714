//! Waiting for an import. An import holds the database's write lock until it commits (a
//! large one written with a rollback journal holds the whole file, reads too): for a file of
//! 50,000 rows that is several seconds, for a million a minute, longer than the busy timeout.
//! So another program's command waits for it to end instead of giving up after the timeout.
//!
//! An import says it is running by holding a lock on a file beside the database
//! (`leads.db-import`, empty, owner-only); the operating system lets the lock go when the
//! import ends, however it ends (killed too), so a waiter never waits for an import that is
//! gone. A busy database with no import running is still reported after the busy timeout.

use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::{Store, StoreError};

/// How long a store waits for a database another program is writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Patience {
    /// For as long as an import of the database runs; any other holder, the busy timeout.
    /// What a command wants: its work done, not an error to retry.
    UntilImportsEnd,
    /// The busy timeout, import or not: for the workstation, whose screen must not freeze for
    /// as long as an import runs (it says the database is in use instead).
    BusyTimeout,
}

/// The file whose lock says an import of `db` is running.
fn lock_path(db: &Path) -> Option<PathBuf> {
    if db.as_os_str() == ":memory:" {
        return None;
    }
    let mut name = db.as_os_str().to_owned();
    name.push("-import");
    Some(PathBuf::from(name))
}

/// Whether an import of the database at `db` is running, in this program or another.
#[must_use]
pub fn import_running(db: &Path) -> bool {
    let Some(path) = lock_path(db) else {
        return false;
    };
    File::open(path).is_ok_and(|f| matches!(f.try_lock_shared(), Err(TryLockError::WouldBlock)))
}

/// Held for as long as an import runs (see the module's comment).
#[derive(Debug)]
pub(super) struct ImportLock {
    _file: Option<File>,
}

impl ImportLock {
    /// Takes the lock for an import of `db`, first waiting for any other import of it to end
    /// (two imports never wait on each other's write lock past the busy timeout). A lock
    /// file that cannot be made (a folder that cannot be written) is no lock: the import
    /// runs as it would have without one.
    pub(super) fn take(db: &Path) -> ImportLock {
        let file = lock_path(db).and_then(|path| {
            let mut options = OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let file = options.open(path).ok()?;
            file.lock().ok()?;
            Some(file)
        });
        ImportLock { _file: file }
    }
}

/// Runs `attempt`, and again for as long as it fails on a busy database while an import of
/// `db` runs (each attempt has waited the busy timeout). An import that was running when
/// an attempt began counts too: it may have ended just as the attempt gave up.
pub(super) fn patiently<T>(
    db: &Path,
    patience: Patience,
    mut attempt: impl FnMut() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    loop {
        let importing = patience == Patience::UntilImportsEnd && import_running(db);
        match attempt() {
            Err(StoreError::Busy(_))
                if patience == Patience::UntilImportsEnd && (importing || import_running(db)) => {}
            other => return other,
        }
    }
}

/// A transaction that takes the write lock at once (so it never has to upgrade a read to a
/// write halfway, which SQLite refuses outright when another program committed meanwhile),
/// waiting as `patience` says.
pub(super) fn begin<'c>(
    conn: &'c Connection,
    db: &Path,
    patience: Patience,
    behavior: TransactionBehavior,
) -> Result<Transaction<'c>, StoreError> {
    patiently(db, patience, || {
        Ok(Transaction::new_unchecked(conn, behavior)?)
    })
}

impl Store {
    /// How long this store waits for a database another program is writing; `Store::open`
    /// waits for imports to end.
    pub fn set_patience(&mut self, patience: Patience) {
        self.patience = patience;
    }

    /// An immediate transaction on this store's connection (see `begin`).
    pub(super) fn immediate(&self) -> Result<Transaction<'_>, StoreError> {
        begin(
            &self.conn,
            &self.path,
            self.patience,
            TransactionBehavior::Immediate,
        )
    }
}

#[cfg(test)]
#[path = "patience_tests.rs"]
mod tests;
