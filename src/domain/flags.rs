//! Exclusion flags: signs that a record should stay out of outreach (a free-mail or role
//! inbox, a student, a consultant, an address that cannot be mailed). A flag blocks promotion
//! until someone resolves it with a note saying why the record is fine after all.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::field::is_plausible_email;
use super::lead::Contact;
use super::vocabulary::vocabulary;

vocabulary! {
    /// Why a record is flagged.
    pub enum Flag ("flag") {
        FreeMail => "free_mail", "Free-mail address";
        RoleInbox => "role_inbox", "Role inbox";
        Student => "student", "Student";
        Consultant => "consultant", "Consultant or freelancer";
        InvalidEmail => "invalid_email", "Invalid email";
    }
}

/// Who overrode a flag, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: String,
}

/// A flag on a record, with the reason it was raised and its resolution, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagNote {
    pub flag: Flag,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolution>,
}

impl FlagNote {
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.resolved.is_none()
    }
}

/// The lists flags are detected from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagLists {
    pub free_mail_domains: Vec<String>,
    pub role_inboxes: Vec<String>,
    pub student_domains: Vec<String>,
    pub student_titles: Vec<String>,
    pub consultant_titles: Vec<String>,
}

const FREE_MAIL: &str = include_str!("../../assets/flags/free_mail_domains.txt");
const ROLE_INBOXES: &str = include_str!("../../assets/flags/role_inboxes.txt");
const STUDENTS: &str = include_str!("../../assets/flags/student_markers.txt");
const CONSULTANTS: &str = include_str!("../../assets/flags/consultant_markers.txt");

/// The entries of a list file: one a line, `#` comments and blank lines skipped, lower-cased.
fn entries(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_lowercase)
}

/// The entries of a marker file whose lines read `kind: value`.
fn markers(text: &str, kind: &str) -> Vec<String> {
    entries(text)
        .filter_map(|l| {
            l.split_once(':')
                .and_then(|(k, v)| (k.trim() == kind).then(|| v.trim().to_string()))
        })
        .collect()
}

impl Default for FlagLists {
    /// The lists shipped in `assets/flags/`.
    fn default() -> Self {
        Self {
            free_mail_domains: entries(FREE_MAIL).collect(),
            role_inboxes: entries(ROLE_INBOXES).collect(),
            student_domains: markers(STUDENTS, "domain"),
            student_titles: markers(STUDENTS, "title"),
            consultant_titles: markers(CONSULTANTS, "title"),
        }
    }
}

/// The words of a title, split once for every phrase it is checked against.
fn words(title: &str) -> Vec<&str> {
    title
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `words` contain `phrase` as whole words, in order.
fn has_words(words: &[&str], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split_whitespace().collect();
    !wanted.is_empty() && words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// The flags a record raises, each with the reason in words.
///
/// `invalid_email` is an email value that did not parse as an address (the record keeps it).
#[must_use]
pub fn detect(
    contact: &Contact,
    invalid_email: Option<&str>,
    lists: &FlagLists,
) -> Vec<(Flag, String)> {
    let mut found = Vec::new();
    let unmailable = invalid_email
        .filter(|e| !e.trim().is_empty())
        .or_else(|| contact.email.as_deref().filter(|e| !is_plausible_email(e)));
    if let Some(bad) = unmailable {
        found.push((
            Flag::InvalidEmail,
            format!("'{bad}' is not an email address"),
        ));
    }
    if let Some((local, domain)) = contact.email.as_deref().and_then(|e| e.rsplit_once('@')) {
        let (local, domain) = (local.to_lowercase(), domain.to_lowercase());
        if lists.free_mail_domains.contains(&domain) {
            found.push((Flag::FreeMail, format!("{domain} is a free-mail domain")));
        }
        if lists.role_inboxes.contains(&local) {
            found.push((
                Flag::RoleInbox,
                format!("{local}@ is a shared inbox, not a person"),
            ));
        }
        if let Some(suffix) = lists
            .student_domains
            .iter()
            .find(|s| domain.ends_with(s.as_str()))
        {
            found.push((
                Flag::Student,
                format!("{domain} is an academic domain ({suffix})"),
            ));
        }
    }
    let title = contact.title.as_deref().unwrap_or_default().to_lowercase();
    let title = words(&title);
    let student_title = lists.student_titles.iter().find(|w| has_words(&title, w));
    if let Some(word) = student_title.filter(|_| !found.iter().any(|f| f.0 == Flag::Student)) {
        found.push((Flag::Student, format!("the title says '{word}'")));
    }
    if let Some(word) = lists
        .consultant_titles
        .iter()
        .find(|w| has_words(&title, w))
    {
        found.push((Flag::Consultant, format!("the title says '{word}'")));
    }
    found
}

/// Brings a record's flags up to date with what its data raises now: flags still raised keep
/// their resolution, new ones are added open, ones no longer raised are dropped.
/// Returns the flags newly raised and the flags dropped, for the history.
pub fn refresh(flags: &mut Vec<FlagNote>, raised: Vec<(Flag, String)>) -> (Vec<Flag>, Vec<Flag>) {
    let dropped: Vec<Flag> = flags
        .iter()
        .map(|f| f.flag)
        .filter(|f| !raised.iter().any(|r| r.0 == *f))
        .collect();
    let mut new = Vec::new();
    let mut next = Vec::with_capacity(raised.len());
    for (flag, reason) in raised {
        match flags.iter().find(|f| f.flag == flag) {
            Some(old) => next.push(FlagNote {
                reason,
                ..old.clone()
            }),
            None => {
                new.push(flag);
                next.push(FlagNote {
                    flag,
                    reason,
                    resolved: None,
                });
            }
        }
    }
    *flags = next;
    (new, dropped)
}

#[cfg(test)]
#[path = "flags_tests.rs"]
mod tests;

/// Why a flag could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlagError {
    NotRaised(Flag),
    AlreadyResolved(Flag),
    NoteRequired,
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagError::NotRaised(flag) => write!(f, "the record has no {flag} flag"),
            FlagError::AlreadyResolved(flag) => write!(f, "the {flag} flag is already resolved"),
            FlagError::NoteRequired => {
                f.write_str("resolving a flag needs a note saying why the record is fine")
            }
        }
    }
}

impl std::error::Error for FlagError {}

/// Resolves an open flag: a person says, with a note, why the record is fine after all.
///
/// # Errors
/// `FlagError` when the flag is not raised, already resolved, or the note is blank.
pub fn resolve(
    flags: &mut [FlagNote],
    flag: Flag,
    by: &str,
    at: DateTime<Utc>,
    note: &str,
) -> Result<(), FlagError> {
    if note.trim().is_empty() {
        return Err(FlagError::NoteRequired);
    }
    let target = flags
        .iter_mut()
        .find(|f| f.flag == flag)
        .ok_or(FlagError::NotRaised(flag))?;
    if target.resolved.is_some() {
        return Err(FlagError::AlreadyResolved(flag));
    }
    target.resolved = Some(Resolution {
        by: by.to_string(),
        at,
        note: note.trim().to_string(),
    });
    Ok(())
}
