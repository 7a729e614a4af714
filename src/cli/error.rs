//! How a command fails: what it tells the person, and the exit status it ends with.

use thiserror::Error;

use crate::domain::{Refusal, UnknownValue};
use crate::store::StoreError;

/// A command that did not complete. Nothing was written.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Value(#[from] UnknownValue),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("no database given and no data folder found; pass --db PATH or set LEADGATE_DB")]
    NoDataDir,
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Rules(String),
    #[error("{}", .0.join("\n"))]
    Files(Vec<String>),
    /// A command that only reads was pointed at a file that does not exist.
    #[error(
        "no database at {}; `leadgate add` or `leadgate import FILE` creates one (or pass \
         --db PATH, or --demo for the demo database)",
        .0.display()
    )]
    NoDatabase(std::path::PathBuf),
    #[error("{0}")]
    NoMatch(String),
    /// A reopen of an opted-out lead that was not confirmed.
    #[error("{0}")]
    NotConfirmed(String),
    #[error(
        "the email {email} is already on lead {id}; pass --allow-duplicate to add another lead \
         with it"
    )]
    Duplicate { email: String, id: String },
    /// `db check` found problems (listed on stdout).
    #[error("{} found (listed above); the database was not changed", problems(*.0))]
    Unsound(usize),
    /// A backup of a database that has problems: written, and said to have them.
    #[error(
        "the copy {} was written, but it has the {problems} problem(s) listed above, as the \
         database itself has (leadgate db check); keep it before mending the database",
        copy.display()
    )]
    CopyHasProblems {
        copy: std::path::PathBuf,
        problems: usize,
    },
}

fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    }
}

impl CliError {
    /// 3 when a gate or rule refused, 1 for everything else.
    #[must_use]
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Store(StoreError::Refused(_) | StoreError::Changed(_))
            | CliError::NotConfirmed(_) => 3,
            CliError::Usage(_) | CliError::Store(StoreError::Exists(_)) => 2,
            _ => 1,
        }
    }

    /// The failing items, as (label, why), when a gate or the handoff package refused: to
    /// print under the message.
    #[must_use]
    pub fn missing_items(&self) -> Vec<(&'static str, &str)> {
        match self {
            CliError::Store(StoreError::Refused(Refusal::Gate(list))) => list
                .missing()
                .map(|i| (i.item.label(), i.detail.as_str()))
                .collect(),
            CliError::Store(StoreError::Refused(Refusal::Handoff(
                crate::domain::handoff::HandoffRefusal::Package(gaps),
            ))) => gaps
                .iter()
                .map(|g| (g.item.label(), g.detail.as_str()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Io(e.into())
    }
}
