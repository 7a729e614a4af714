//! The activity log: touches on a lead (a call, an email, a meeting), appended and never
//! changed. A touch is what a rep did; the handoff's conversation notes are these.

use chrono::NaiveDate;
use serde::Serialize;

use super::vocabulary::vocabulary;

vocabulary! {
    /// What kind of touch it was.
    pub enum TouchKind ("touch kind") {
        Call => "call", "Call";
        Email => "email", "Email";
        Meeting => "meeting", "Meeting";
        Linkedin => "linkedin", "LinkedIn";
        /// An internal note: what the rep learned, not a conversation with the person.
        Note => "note", "Note";
    }
}

impl TouchKind {
    /// A call, email, meeting or LinkedIn message is a conversation with the person; a note
    /// is not, so it cannot stand for one in a handoff.
    #[must_use]
    pub fn is_conversation(self) -> bool {
        self != TouchKind::Note
    }
}

/// One touch as the log holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Touch {
    pub kind: TouchKind,
    /// The day it happened (today or earlier).
    pub on: NaiveDate,
    pub note: String,
    pub actor: String,
}

/// Why a touch cannot be logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TouchError {
    NoNote,
    Future(NaiveDate),
}

impl std::fmt::Display for TouchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TouchError::NoNote => f.write_str("a touch needs a note saying what happened"),
            TouchError::Future(d) => write!(
                f,
                "{d} is in the future; a touch records something that happened"
            ),
        }
    }
}

impl std::error::Error for TouchError {}

/// Checks a touch before it is logged: a note, and a day that is not in the future.
///
/// # Errors
/// `TouchError` saying what is wrong.
pub fn validate(note: &str, on: NaiveDate, today: NaiveDate) -> Result<(), TouchError> {
    if note.trim().is_empty() {
        return Err(TouchError::NoNote);
    }
    if on > today {
        return Err(TouchError::Future(on));
    }
    Ok(())
}
