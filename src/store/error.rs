use std::path::PathBuf;
use thiserror::Error;

use crate::domain::{EditError, Refusal};

/// What can go wrong in the store. Every variant leaves the database as it was.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[source] rusqlite::Error),
    /// Another program held the database longer than the store waits.
    #[error(
        "the database is in use by another program (a large import holds it until it \
         commits); try again when it is done"
    )]
    Busy(#[source] rusqlite::Error),
    #[error("cannot open {}: {source}", path.display())]
    Open {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error(
        "{} has schema version {found}, newer than this leadgate understands ({supported}); \
         upgrade leadgate to open it (the file was not changed)",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{} is not a leadgate database (the file was not changed)", path.display())]
    Foreign { path: PathBuf },
    #[error(
        "{} is read-only: leadgate can show what it holds but not change it (make the file \
         writable to work on it)",
        .0.display()
    )]
    ReadOnly(PathBuf),
    #[error("'{0}' is not a lead id: ids are hexadecimal (0-9, a-f)")]
    BadId(String),
    #[error("no lead has an id starting with '{0}'")]
    NotFound(String),
    #[error("'{prefix}' is ambiguous; it starts the ids of {}", candidates.join(", "))]
    Ambiguous {
        prefix: String,
        candidates: Vec<String>,
    },
    #[error("{0}")]
    Edit(#[from] EditError),
    #[error("refused: {0}")]
    Refused(Refusal),
    /// The record is not what the write expected (another program changed it).
    #[error("{0}")]
    Changed(Box<super::expect::Changed>),
    #[error("{0}")]
    Flag(#[from] crate::domain::flags::FlagError),
    #[error("no import batch starts with {0} (leadgate imports lists them)")]
    BatchNotFound(String),
    #[error("import {0} is already undone")]
    AlreadyUndone(String),
    #[error("{0}")]
    Touch(#[from] crate::domain::touch::TouchError),
    #[error(
        "no stakeholder number {number}: the lead has {count} (leadgate stakeholder list ID \
         shows them)"
    )]
    NoStakeholder { number: usize, count: usize },
    /// A row the program wrote that no longer reads back.
    #[error("the database holds a {what} that does not read back: '{value}'")]
    Unreadable { what: &'static str, value: String },
    /// A bug, not an input: an import used after it finished.
    #[error("the import has already finished")]
    ImportFinished,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) {
            StoreError::Busy(e)
        } else {
            StoreError::Sql(e)
        }
    }
}
