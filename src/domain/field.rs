//! Editable fields: parsing a person's input into an edit, and applying it to a record.

use chrono::NaiveDate;
use std::fmt;

use super::lead::{Contact, Lead};
use super::qualification::{IcpFit, IntentSource, RoleRelevance, stated};
use super::vocabulary::{UnknownValue, vocabulary};

vocabulary! {
    /// A field that `set` can change. Stage and state are not fields: only decisions move them.
    pub enum Field ("field") {
        Name => "name", "Name";
        Email => "email", "Email";
        Title => "title", "Title";
        Company => "company", "Company";
        Domain => "domain", "Domain";
        Industry => "industry", "Industry";
        Employees => "employees", "Employees";
        Country => "country", "Country";
        City => "city", "City";
        Phone => "phone", "Phone";
        LinkedinUrl => "linkedin_url", "LinkedIn";
        Source => "source", "Source";
        Owner => "owner", "Owner";
        LastActivity => "last_activity", "Last activity";
        IcpFit => "icp_fit", "ICP fit";
        RoleRelevance => "role_relevance", "Role relevance";
        IntentSource => "intent_source", "Intent source";
        ReasonNow => "reason_now", "Reason now";
        PainPoint => "pain_point", "Pain point";
        NextStep => "next_step", "Next step";
        Timeline => "timeline", "Timeline";
        BudgetPath => "budget_path", "Budget path";
        DealSize => "deal_size", "Deal size";
    }
}

impl Field {
    /// Qualification fields carry evidence; editing one counts as a review of the record.
    #[must_use]
    pub fn is_evidence(self) -> bool {
        matches!(
            self,
            Field::IcpFit
                | Field::RoleRelevance
                | Field::IntentSource
                | Field::ReasonNow
                | Field::PainPoint
                | Field::NextStep
                | Field::Timeline
                | Field::BudgetPath
                | Field::DealSize
        )
    }
}

/// A parsed, valid edit of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub field: Field,
    /// The new value in canonical spelling; `None` clears the field.
    pub value: Option<String>,
    /// The evidence (why / detail) for qualification fields, the business consequence of a
    /// pain point, or a note on the change.
    pub note: Option<String>,
    /// The day of a reason now (when it was observed) or of a next step (when it happens).
    pub day: Option<NaiveDate>,
}

/// What an edit changed, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
    pub note: Option<String>,
    pub day: Option<NaiveDate>,
}

/// Input that cannot become an edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    Value(UnknownValue),
    EmptyName,
    BadEmail(String),
    FutureDate(NaiveDate),
    /// A next step agreed for a day already past.
    PastDate(NaiveDate),
    DateNotFor(Field),
    /// A date field given something that is not a YYYY-MM-DD date.
    NotADay(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::Value(e) => e.fmt(f),
            EditError::EmptyName => f.write_str("a lead needs a name"),
            EditError::BadEmail(e) => write!(f, "'{e}' is not an email address"),
            EditError::FutureDate(d) => write!(
                f,
                "{d} is in the future; a date records when something was observed"
            ),
            EditError::PastDate(d) => write!(
                f,
                "{d} is past; a next step is agreed for today or a later day"
            ),
            EditError::DateNotFor(field) => write!(
                f,
                "--on dates a reason now or a next step; it does not apply to {field}"
            ),
            EditError::NotADay(s) => write!(f, "'{s}' is not a date: write it as YYYY-MM-DD"),
        }
    }
}

impl std::error::Error for EditError {}

/// A day written as people and the store write it, `YYYY-MM-DD` (surrounding space ignored).
#[must_use]
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// `day`, unless it is after `today`: evidence is observed, never foreseen.
fn not_future(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, EditError> {
    if day > today {
        Err(EditError::FutureDate(day))
    } else {
        Ok(day)
    }
}

/// The key two emails are the same person by: trimmed and lowercased in every script, so
/// `Chloé@x.fr` and `CHLOÉ@X.FR` are one address (SQLite's `lower` folds only A–Z).
#[must_use]
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// True when `s` looks like an address mail could be sent to. Deliberately loose: one `@`,
/// something before it, a dotted domain after it, no spaces.
#[must_use]
pub fn is_plausible_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// Parses what a person typed for `field` into an edit, judged on `today`.
///
/// An empty value clears the field. `on` dates a reason now (observed, so today or earlier;
/// defaults to `today`) or a next step (today or later; no default: the gate asks for one).
///
/// # Errors
/// `EditError` naming what is wrong; nothing should be written.
pub fn parse_edit(
    field: Field,
    raw: &str,
    note: Option<&str>,
    on: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Edit, EditError> {
    if on.is_some() && !matches!(field, Field::ReasonNow | Field::NextStep) {
        return Err(EditError::DateNotFor(field));
    }
    let text = stated(Some(raw)).map(str::to_string);
    let note = stated(note).map(str::to_string);
    let value = match field {
        Field::Name => Some(text.ok_or(EditError::EmptyName)?),
        Field::Email => match text {
            Some(e) if !is_plausible_email(&e) => return Err(EditError::BadEmail(e)),
            other => other,
        },
        Field::IcpFit => Some(parse_or_unknown(raw, IcpFit::parse, IcpFit::Unknown)?),
        Field::RoleRelevance => Some(parse_or_unknown(
            raw,
            RoleRelevance::parse,
            RoleRelevance::Unknown,
        )?),
        Field::IntentSource => match text {
            Some(t) => Some(
                IntentSource::parse(&t)
                    .map_err(EditError::Value)?
                    .as_str()
                    .to_string(),
            ),
            None => None,
        },
        Field::LastActivity => match text {
            Some(t) => {
                let day = parse_day(&t).ok_or_else(|| EditError::NotADay(t.clone()))?;
                Some(not_future(day, today)?.to_string())
            }
            None => None,
        },
        _ => text,
    };
    let day = match (field, &value, on) {
        (Field::ReasonNow, Some(_), _) => Some(not_future(on.unwrap_or(today), today)?),
        (Field::NextStep, Some(_), Some(day)) if day < today => {
            return Err(EditError::PastDate(day));
        }
        (Field::NextStep, Some(_), on) => on,
        _ => None,
    };
    Ok(Edit {
        field,
        value,
        note,
        day,
    })
}

fn parse_or_unknown<T: Copy + fmt::Display>(
    raw: &str,
    parse: fn(&str) -> Result<T, UnknownValue>,
    unknown: T,
) -> Result<String, EditError> {
    if raw.trim().is_empty() {
        return Ok(unknown.to_string());
    }
    parse(raw).map(|v| v.to_string()).map_err(EditError::Value)
}

fn contact_slot(c: &mut Contact, field: Field) -> Option<&mut Option<String>> {
    Some(match field {
        Field::Email => &mut c.email,
        Field::Title => &mut c.title,
        Field::Company => &mut c.company,
        Field::Domain => &mut c.domain,
        Field::Industry => &mut c.industry,
        Field::Employees => &mut c.employees,
        Field::Country => &mut c.country,
        Field::City => &mut c.city,
        Field::Phone => &mut c.phone,
        Field::LinkedinUrl => &mut c.linkedin_url,
        Field::Source => &mut c.source,
        Field::Owner => &mut c.owner,
        Field::LastActivity => &mut c.last_activity,
        _ => return None,
    })
}

/// The current value of `field` on `lead`, as text, with its evidence note where it has one.
#[must_use]
pub fn current(lead: &Lead, field: Field) -> (Option<String>, Option<String>) {
    let ev = &lead.evidence;
    match field {
        Field::Name => (Some(lead.contact.name.clone()), None),
        Field::IcpFit => (Some(ev.icp_fit.to_string()), ev.icp_fit_why.clone()),
        Field::RoleRelevance => (
            Some(ev.role_relevance.to_string()),
            ev.role_relevance_why.clone(),
        ),
        Field::IntentSource => (
            ev.intent_source.map(|s| s.to_string()),
            ev.intent_detail.clone(),
        ),
        Field::ReasonNow => (ev.reason_now.clone(), None),
        Field::PainPoint => (ev.pain_point.clone(), ev.pain_consequence.clone()),
        Field::NextStep => (ev.next_step.clone(), None),
        Field::Timeline => (ev.timeline.clone(), None),
        Field::BudgetPath => (ev.budget_path.clone(), None),
        Field::DealSize => (ev.deal_size.clone(), None),
        _ => {
            let mut contact = lead.contact.clone();
            (
                contact_slot(&mut contact, field).and_then(|s| s.take()),
                None,
            )
        }
    }
}

/// Applies `edit` to `lead`. Returns what changed, or `None` when the record already said so.
#[must_use]
pub fn apply(lead: &mut Lead, edit: &Edit) -> Option<Change> {
    let (old, old_note) = current(lead, edit.field);
    let carries_note = matches!(
        edit.field,
        Field::IcpFit | Field::RoleRelevance | Field::IntentSource | Field::PainPoint
    );
    // A cleared intent source or pain point keeps no note (the change still says why), so
    // clearing one that is already clear changes nothing, note or not.
    let kept_note =
        if edit.value.is_none() && matches!(edit.field, Field::IntentSource | Field::PainPoint) {
            None
        } else {
            edit.note.clone()
        };
    let same_note = !carries_note || old_note == kept_note;
    let same_date = match edit.field {
        Field::ReasonNow => lead.evidence.reason_now_on == edit.day,
        Field::NextStep => lead.evidence.next_step_on == edit.day,
        _ => true,
    };
    if old == edit.value && same_note && same_date {
        return None;
    }
    let ev = &mut lead.evidence;
    let value = edit.value.clone();
    match edit.field {
        Field::Name => {
            // The source's name parts described the old name; an export splits the new one.
            lead.contact.name = value.unwrap_or_default();
            lead.contact.given_name = None;
            lead.contact.family_name = None;
        }
        Field::IcpFit => {
            ev.icp_fit = value
                .as_deref()
                .and_then(|v| IcpFit::parse(v).ok())
                .unwrap_or(IcpFit::Unknown);
            ev.icp_fit_why.clone_from(&edit.note);
        }
        Field::RoleRelevance => {
            ev.role_relevance = value
                .as_deref()
                .and_then(|v| RoleRelevance::parse(v).ok())
                .unwrap_or(RoleRelevance::Unknown);
            ev.role_relevance_why.clone_from(&edit.note);
        }
        Field::IntentSource => {
            ev.intent_source = value.as_deref().and_then(|v| IntentSource::parse(v).ok());
            ev.intent_detail = if ev.intent_source.is_some() {
                edit.note.clone()
            } else {
                None
            };
        }
        Field::ReasonNow => {
            ev.reason_now = value;
            ev.reason_now_on = edit.day;
        }
        Field::PainPoint => {
            ev.pain_consequence = if value.is_some() {
                edit.note.clone()
            } else {
                None
            };
            ev.pain_point = value;
        }
        Field::NextStep => {
            ev.next_step_on = if value.is_some() { edit.day } else { None };
            ev.next_step = value;
        }
        Field::Timeline => ev.timeline = value,
        Field::BudgetPath => ev.budget_path = value,
        Field::DealSize => ev.deal_size = value,
        other => {
            if let Some(slot) = contact_slot(&mut lead.contact, other) {
                *slot = value;
            }
        }
    }
    Some(Change {
        field: edit.field,
        old,
        new: edit.value.clone(),
        note: edit.note.clone(),
        day: edit.day,
    })
}

#[cfg(test)]
#[path = "field_tests.rs"]
mod tests;

/// The field that holds a gate item's evidence, when one field does.
#[must_use]
pub fn field_of(item: super::gate::GateItem) -> Option<Field> {
    use super::gate::GateItem as G;
    Some(match item {
        G::IcpFit => Field::IcpFit,
        G::RoleRelevance => Field::RoleRelevance,
        G::IntentSource => Field::IntentSource,
        G::ReasonNow => Field::ReasonNow,
        G::PainPoint => Field::PainPoint,
        G::NextStep => Field::NextStep,
        G::Timeline => Field::Timeline,
        G::BudgetPath => Field::BudgetPath,
        G::DealSize => Field::DealSize,
        // A list of its own, a handoff step and the flags: not one field each.
        G::Stakeholders | G::HandoffAccepted | G::Exclusions => return None,
    })
}
