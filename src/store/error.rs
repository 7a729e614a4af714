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
    /// The disk holding a file leadgate writes is full (or the file hit its size limit).
    #[error(
        "{} cannot grow: the disk is full; nothing of this change was written (free some \
         space and try again)",
        .0.display()
    )]
    Full(PathBuf),
    /// Reading or writing a file failed below SQLite (a disk or file system error).
    #[error("{} could not be read or written: {source}; nothing of this change was written", path.display())]
    DiskIo {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A file a copy would overwrite.
    #[error("{} already exists; pass --force to replace it", .0.display())]
    Exists(PathBuf),
    /// A database (or a copy of one) that `db check` finds problems in.
    #[error("{}", unsound(path, checked))]
    Unsound {
        path: PathBuf,
        checked: Box<super::Checked>,
    },
    /// An empty file where a database was expected.
    #[error("{} is empty: it holds no leadgate database", .0.display())]
    Empty(PathBuf),
    /// A copy asked to go where it cannot: the database itself, its journal, a folder.
    #[error("{}", .0)]
    BadTarget(String),
    /// The database is open in another program, and the step needs it to itself.
    #[error(
        "{} is open in another leadgate program (the workstation, an import); close it and \
         try again",
        .0.display()
    )]
    InUse(PathBuf),
    /// A database a command reads as it is, at a schema this leadgate upgrades first.
    #[error(
        "{} has schema version {found}; this leadgate uses {latest}: open it once with any \
         other command to upgrade it (a copy is kept aside first)",
        path.display()
    )]
    Old {
        path: PathBuf,
        found: i64,
        latest: i64,
    },
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

/// The first problems of an unsound check, one a line.
fn unsound(path: &std::path::Path, checked: &super::Checked) -> String {
    let n = checked.problems.len();
    let mut lines = vec![format!(
        "{} does not pass its checks ({n} problem{}):",
        path.display(),
        if n == 1 { "" } else { "s" }
    )];
    lines.extend(checked.problems.iter().take(5).map(|p| format!("  {p}")));
    if checked.problems.len() > 5 {
        lines.push("  … (leadgate db check lists them all)".to_string());
    }
    lines.join("\n")
}

impl StoreError {
    /// The error said of `path` when it is about the file rather than the data: a full disk,
    /// a file that cannot be written, an I/O error.
    #[must_use]
    pub fn about_file(self, path: &std::path::Path) -> StoreError {
        use rusqlite::ErrorCode as C;
        let code = match &self {
            StoreError::Sql(e) | StoreError::Busy(e) => e.sqlite_error_code(),
            _ => None,
        };
        match (code, self) {
            (Some(C::DiskFull), _) => StoreError::Full(path.to_path_buf()),
            (Some(C::ReadOnly), _) => StoreError::ReadOnly(path.to_path_buf()),
            (Some(C::SystemIoFailure | C::CannotOpen), StoreError::Sql(source)) => {
                StoreError::DiskIo {
                    path: path.to_path_buf(),
                    source,
                }
            }
            (_, other) => other,
        }
    }
}
