//! Exclusion flags: signs that a record should stay out of outreach (a free-mail or role
//! inbox, a student, a consultant, an address that cannot be mailed). A flag blocks promotion
//! until someone resolves it with a note saying why the record is fine after all.

use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;

use super::flag_columns::{ColumnRule, parse_list, raised_by};
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
        DoNotContact => "do_not_contact", "Do not contact (opted out)";
        ExistingAccount => "existing_account", "Already a customer or an open deal";
    }
}

/// Who overrode a flag, when, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub by: String,
    pub at: DateTime<Utc>,
    pub note: String,
    /// For `do_not_contact`: the day the person consented again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_on: Option<NaiveDate>,
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
    /// Columns that record an opt-out: `do_not_contact`.
    pub do_not_contact: Vec<ColumnRule>,
    /// Columns that say the record is a customer or has an open deal: `existing_account`.
    pub existing_account: Vec<ColumnRule>,
}

const FREE_MAIL: &str = include_str!("../../assets/flags/free_mail_domains.txt");
const ROLE_INBOXES: &str = include_str!("../../assets/flags/role_inboxes.txt");
const STUDENTS: &str = include_str!("../../assets/flags/student_markers.txt");
const CONSULTANTS: &str = include_str!("../../assets/flags/consultant_markers.txt");
const DO_NOT_CONTACT: &str = include_str!("../../assets/flags/do_not_contact.txt");
const EXISTING_ACCOUNT: &str = include_str!("../../assets/flags/existing_account.txt");

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
            // The shipped lists are read by a test; a broken line there fails it.
            do_not_contact: parse_list(DO_NOT_CONTACT).unwrap_or_default(),
            existing_account: parse_list(EXISTING_ACCOUNT).unwrap_or_default(),
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

/// The flags a record's source columns raise: an opt-out, a customer or an open deal.
#[must_use]
pub fn column_flags(
    attributes: &BTreeMap<String, String>,
    lists: &FlagLists,
) -> Vec<(Flag, String)> {
    let mut found = Vec::new();
    if let Some(reason) = raised_by(&lists.do_not_contact, attributes) {
        found.push((Flag::DoNotContact, reason));
    }
    if let Some(reason) = raised_by(&lists.existing_account, attributes) {
        found.push((Flag::ExistingAccount, reason));
    }
    found
}

/// The flags a record raises, each with the reason in words.
///
/// `attributes` are the record's columns from its source files (an opt-out or a customer's
/// lifecycle stage raises a flag); `invalid_email` is an email value that did not parse as an
/// address (the record keeps it).
#[must_use]
pub fn detect(
    contact: &Contact,
    attributes: &BTreeMap<String, String>,
    invalid_email: Option<&str>,
    lists: &FlagLists,
) -> Vec<(Flag, String)> {
    let mut found = column_flags(attributes, lists);
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
    /// `do_not_contact` is resolved only by the day the person consented again.
    ConsentDateRequired,
    /// A consent day after today.
    ConsentInFuture(NaiveDate),
    /// A consent day given for a flag that is no opt-out.
    ConsentNotAsked(Flag),
    /// A consent day before the opt-out the flag records (its day, then the one given).
    ConsentBeforeOptOut(NaiveDate, NaiveDate),
}

impl std::fmt::Display for FlagError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FlagError::NotRaised(flag) => write!(f, "the record has no {flag} flag"),
            FlagError::AlreadyResolved(flag) => write!(f, "the {flag} flag is already resolved"),
            FlagError::NoteRequired => {
                f.write_str("resolving a flag needs a note saying why the record is fine")
            }
            FlagError::ConsentDateRequired => f.write_str(
                "the person opted out: resolving do_not_contact needs the day they consented again (--consent-on YYYY-MM-DD) and a note saying how",
            ),
            FlagError::ConsentInFuture(day) => {
                write!(f, "the consent day {day} is after today")
            }
            FlagError::ConsentBeforeOptOut(opted_out, given) => write!(
                f,
                "the person opted out on {opted_out}; consent given on {given}, before that, does not undo it"
            ),
            FlagError::ConsentNotAsked(flag) => write!(
                f,
                "a consent day resolves do_not_contact only, not the {flag} flag"
            ),
        }
    }
}

impl std::error::Error for FlagError {}

/// Resolves an open flag: a person says, with a note, why the record is fine after all. An
/// opt-out (`do_not_contact`) is not undone by a note alone: it needs `consent_on`, the day
/// the person consented again, today or earlier.
///
/// # Errors
/// `FlagError` when the flag is not raised, already resolved, or the note is blank; for
/// `do_not_contact` without a consent day or with one after `at`; for another flag with one.
pub fn resolve(
    flags: &mut [FlagNote],
    flag: Flag,
    by: &str,
    at: DateTime<Utc>,
    note: &str,
    consent_on: Option<NaiveDate>,
) -> Result<(), FlagError> {
    match (flag, consent_on) {
        (Flag::DoNotContact, None) => return Err(FlagError::ConsentDateRequired),
        (Flag::DoNotContact, Some(_)) | (_, None) => {}
        (other, Some(_)) => return Err(FlagError::ConsentNotAsked(other)),
    }
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
    if let Some(given) = consent_on {
        check_consent_day(&target.reason, given, at.date_naive())?;
    }
    target.resolved = Some(Resolution {
        by: by.to_string(),
        at,
        note: note.trim().to_string(),
        consent_on,
    });
    Ok(())
}

/// Whether `given` can be the day an opted-out person consented again: today or earlier, and
/// not before the opt-out the flag's `reason` dates ("UNSUB_TIME is '2025-06-11 …'").
///
/// # Errors
/// `ConsentInFuture` or `ConsentBeforeOptOut`.
pub fn check_consent_day(
    reason: &str,
    given: NaiveDate,
    today: NaiveDate,
) -> Result<(), FlagError> {
    if given > today {
        return Err(FlagError::ConsentInFuture(given));
    }
    match day_in(reason) {
        Some(opted_out) if given < opted_out => {
            Err(FlagError::ConsentBeforeOptOut(opted_out, given))
        }
        _ => Ok(()),
    }
}

/// The day a flag's reason quotes, when its value is one ("UNSUB_TIME is '2025-05-06
/// 08:44:19'" → 2025-05-06): when the opt-out was recorded.
fn day_in(reason: &str) -> Option<NaiveDate> {
    let (_, value) = reason.split_once(" is '")?;
    super::field::parse_day(value.get(..10)?)
}
