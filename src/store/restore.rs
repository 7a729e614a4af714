//! `leadgate db restore`: a backup put in place of the database, checked first, and the file
//! it replaces kept beside it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::backup::{CopyProgress, copy, free_name, sync_folder};
use super::{Checked, Patience, Store, StoreError};
use crate::domain::Rules;

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// What the checks found in the restored copy (sound, or there would be no restore).
    pub checked: Checked,
    /// Where the database that was replaced now is, if there was one.
    pub kept: Option<PathBuf>,
}

/// Puts the backup at `from` in place of the database at `db`.
///
/// The backup is copied beside `db`, upgraded there if an older leadgate wrote it, and
/// checked as `db check` does; only a sound copy goes on. An existing database is replaced
/// only with `replace`, never while another program has it open, and is kept as
/// `<db>.replaced-<time>`.
///
/// # Errors
/// `Unsound` (nothing replaced); `Exists` without `replace`; `InUse`; `Open` naming a file
/// that cannot be read or written; a database error.
pub fn restore(
    from: &Path,
    db: &Path,
    replace: bool,
    rules: &Rules,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(CopyProgress),
) -> Result<Restored, StoreError> {
    // Read as it is, and refused before anything is written if it is not leadgate's.
    if from.is_dir() {
        return Err(StoreError::BadTarget(format!(
            "{} is a folder: name the backup file",
            from.display()
        )));
    }
    let len = fs::metadata(from)
        .map_err(|e| StoreError::Open {
            path: from.to_path_buf(),
            source: Box::new(e),
        })?
        .len();
    if len == 0 {
        return Err(StoreError::Empty(from.to_path_buf()));
    }
    if db.exists() && super::backup::same_file(from, db) {
        return Err(StoreError::BadTarget(format!(
            "{} is the database itself: name a backup",
            from.display()
        )));
    }
    let source =
        Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| {
            StoreError::Open {
                path: from.to_path_buf(),
                source: Box::new(e),
            }
        })?;
    let version = source
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::Foreign {
                path: from.to_path_buf(),
            },
            _ => StoreError::from(e).about_file(from),
        })?;
    let tables: i64 = source.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if version == 0 && tables == 0 {
        return Err(StoreError::Empty(from.to_path_buf()));
    }
    if version > super::LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: from.to_path_buf(),
            found: version,
            supported: super::LATEST_VERSION,
        });
    }
    let temp = crate::private_file::beside(db).map_err(|e| StoreError::Open {
        path: db.to_path_buf(),
        source: Box::new(e),
    })?;
    copy(&source, temp.path(), progress).map_err(|e| match &e {
        // A damaged or cut-off backup is said of the backup.
        StoreError::Sql(inner)
            if matches!(
                inner.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            ) =>
        {
            StoreError::Open {
                path: from.to_path_buf(),
                source: Box::new(e),
            }
        }
        _ => e.about_file(db),
    })?;
    drop(source);
    // Opened as the workstation would: an older backup is upgraded here, in the copy, and a
    // file that is not a leadgate database is refused.
    let checked = {
        let store = Store::open_inner(temp.path(), &mut |_| {}, false, Patience::BusyTimeout)
            .map_err(|e| match e {
                StoreError::Foreign { .. } => StoreError::Foreign {
                    path: from.to_path_buf(),
                },
                other => other,
            })?;
        let checked = store.check(rules, &mut |_| {})?;
        // Back to one file, so nothing is left beside it when it is renamed.
        store
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        checked
    };
    if !checked.sound() {
        return Err(StoreError::Unsound {
            path: from.to_path_buf(),
            checked: Box::new(checked),
        });
    }
    let kept = if db.exists() {
        if !replace {
            return Err(StoreError::Exists(db.to_path_buf()));
        }
        // The owner's mark that the file must not change holds against a restore too.
        if fs::metadata(db).is_ok_and(|m| m.permissions().readonly()) {
            return Err(StoreError::ReadOnly(db.to_path_buf()));
        }
        let kept = free_name(db, "replaced", now);
        set_aside(db, &kept)?;
        Some(kept)
    } else {
        None
    };
    crate::private_file::put(temp, db).map_err(|e| StoreError::Open {
        path: db.to_path_buf(),
        source: Box::new(e),
    })?;
    sync_folder(db);
    Ok(Restored { checked, kept })
}

/// Moves the database at `db` to `kept`, whole: its WAL folded in first, which SQLite allows
/// only when no other connection has it open, so a program still working on it is never left
/// writing to a file that is no longer the database.
fn set_aside(db: &Path, kept: &Path) -> Result<(), StoreError> {
    {
        let conn =
            Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).map_err(|e| {
                StoreError::Open {
                    path: db.to_path_buf(),
                    source: Box::new(e),
                }
            })?;
        conn.busy_timeout(Duration::ZERO)?;
        let mode = conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            })
            .map_err(|e| match StoreError::from(e) {
                StoreError::Busy(_) => StoreError::InUse(db.to_path_buf()),
                other => other.about_file(db),
            })?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Err(StoreError::InUse(db.to_path_buf()));
        }
    }
    fs::rename(db, kept).map_err(|e| StoreError::Open {
        path: kept.to_path_buf(),
        source: Box::new(e),
    })?;
    Ok(())
}
