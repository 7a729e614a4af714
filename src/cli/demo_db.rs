//! The demo database's file: where it is, starting it over, seeding it on first use. Shared
//! by the workstation and every command, so `--demo` means the same everywhere.

use chrono::Utc;
use std::path::{Path, PathBuf};

use super::commands::CliError;
use crate::store::Store;
use crate::{config, demo};

/// The demo database, seeded if it is not there yet (or `reset` asks to start it over).
///
/// # Errors
/// No data folder, a file error, or a database error while seeding.
pub fn demo_database(reset: bool) -> Result<PathBuf, CliError> {
    let path = config::demo_db_path().ok_or(CliError::NoDataDir)?;
    if reset {
        remove_database(&path)?;
    }
    if !path.exists() {
        seed(&path)?;
    }
    Ok(path)
}

/// Builds the demo database beside its final place and moves it there once complete, so an
/// interrupted first run never leaves a half-seeded demo behind.
fn seed(path: &Path) -> Result<(), CliError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    remove_database(&partial)?;
    {
        let mut store = Store::open(&partial)?;
        demo::seed(&mut store, Utc::now())?;
    } // closing the store folds the WAL into the file
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Deletes a database and its journals: a journal left beside a new file would be played
/// into it.
fn remove_database(path: &Path) -> Result<(), CliError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(PathBuf::from(p)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
