//! Copies of the database: an online backup that other programs can keep writing through,
//! a restore that keeps what it replaces, and the copy put aside before an upgrade.
//!
//! Every copy is made by SQLite's backup API from one read transaction, so it is the database
//! at one moment even while an import or the workstation writes. It is written owner-only
//! beside its destination, left in rollback-journal mode (one file, no `-wal` beside it) and
//! renamed into place only once whole.

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Checked, Store, StoreError};
use crate::domain::Rules;

/// Pages copied per step: about 4 MiB, so progress moves often on a large file (one page in
/// tests, so that a small database takes many steps).
const PAGES_PER_STEP: i32 = if cfg!(test) { 1 } else { 1024 };

/// How a copy is getting on: pages done of pages in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopyProgress {
    pub done: u64,
    pub total: u64,
}

/// What a backup or restore checked: the copy's own `db check`.
#[derive(Debug)]
pub struct Verified {
    pub path: PathBuf,
    pub checked: Checked,
}

impl Store {
    /// Writes a copy of the database to `to` (refusing an existing file unless `replace`),
    /// owner-only, and runs every check of `db check` on the copy before it is put in place:
    /// a copy that does not pass is deleted and reported.
    ///
    /// # Errors
    /// `Unsound` when the copy fails its checks (the message lists the first problems); an
    /// error naming `to` when it cannot be written; a database error.
    pub fn backup_to(
        &self,
        to: &Path,
        replace: bool,
        rules: &Rules,
        progress: &mut dyn FnMut(CopyProgress),
    ) -> Result<Verified, StoreError> {
        refuse_target(to, &self.path)?;
        if to.exists() && !replace {
            return Err(StoreError::Exists(to.to_path_buf()));
        }
        let temp = crate::private_file::beside(to).map_err(|e| io_at(to, e))?;
        copy(&self.conn, temp.path(), progress).map_err(|e| at(to, e))?;
        // A database with problems is still copied (a copy is what a person wants before
        // trying to mend it); the caller says that the copy has them too.
        let checked = Store::open_read_only(temp.path())?.check(rules, &mut |_| {})?;
        crate::private_file::put(temp, to).map_err(|e| io_at(to, e))?;
        sync_folder(to);
        Ok(Verified {
            path: to.to_path_buf(),
            checked,
        })
    }
}

/// Copies the database `src` is open on into the empty file at `dst`, as of one moment.
pub(super) fn copy(
    src: &Connection,
    dst: &Path,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<(), StoreError> {
    // Held across every step: the copy reads one snapshot however long it takes, and other
    // programs' writes (which go to the WAL) neither wait for it nor restart it.
    let own_read = src.is_autocommit();
    if own_read {
        src.execute_batch("BEGIN; SELECT count(*) FROM sqlite_schema;")?;
    }
    let result = (|| {
        let mut out = Connection::open(dst)?;
        {
            let backup = Backup::new(src, &mut out)?;
            loop {
                let step = backup.step(PAGES_PER_STEP)?;
                let p = backup.progress();
                let total = u64::try_from(p.pagecount).unwrap_or(0);
                let left = u64::try_from(p.remaining).unwrap_or(0);
                progress(CopyProgress {
                    done: total.saturating_sub(left),
                    total,
                });
                match step {
                    StepResult::Done => break,
                    StepResult::More => {}
                    // Only the new file can be busy, and nothing else knows it yet.
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        }
        // One file, readable by anything that reads SQLite, with nothing beside it.
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        out.close().map_err(|(_, e)| e)?;
        fs::File::open(dst)
            .and_then(|f| f.sync_all())
            .map_err(|e| StoreError::Open {
                path: dst.to_path_buf(),
                source: Box::new(e),
            })
    })();
    if own_read {
        src.execute_batch("COMMIT")?;
    }
    result
}

/// The name a copy gets beside `db` (`leadgate.db` → `leadgate.db.<what>-<when>`), `when`
/// in UTC to the second.
#[must_use]
pub fn beside_name(db: &Path, what: &str, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".{what}-{}", now.format("%Y%m%dT%H%M%SZ")));
    db.with_file_name(name)
}

/// Refuses a copy's destination that is a folder, the database itself or one of the files
/// SQLite keeps beside it (overwriting its WAL would corrupt it).
pub(super) fn refuse_target(to: &Path, db: &Path) -> Result<(), StoreError> {
    if to.is_dir() {
        return Err(StoreError::BadTarget(format!(
            "{} is a folder: name a file in it",
            to.display()
        )));
    }
    let beside_db = |suffix: &str| {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        same_file(to, Path::new(&name))
    };
    if same_file(to, db) || ["-wal", "-shm", "-journal"].into_iter().any(beside_db) {
        return Err(StoreError::BadTarget(format!(
            "{} is the database or one of its own files: name another file",
            to.display()
        )));
    }
    Ok(())
}

/// A name for a copy beside `db` that no file has yet: `beside_name`, then `-2`, `-3`, …
#[must_use]
pub fn free_name(db: &Path, what: &str, now: chrono::DateTime<chrono::Utc>) -> PathBuf {
    let first = beside_name(db, what, now);
    let mut candidate = first.clone();
    let mut n = 2;
    while candidate.exists() {
        let mut name = first.as_os_str().to_os_string();
        name.push(format!("-{n}"));
        candidate = PathBuf::from(name);
        n += 1;
    }
    candidate
}

/// Whether two paths name one file.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Makes a rename durable: the folder's entry is flushed too.
pub(super) fn sync_folder(path: &Path) {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A database error met while writing `path`, said of `path` when it is about the disk.
pub(super) fn at(path: &Path, e: StoreError) -> StoreError {
    e.about_file(path)
}

fn io_at(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        source: Box::new(e),
    }
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
