//! Leads out: a profile's columns filled from each lead, written as CSV that a spreadsheet
//! cannot run (see `csv_safe`) or as JSON, one lead at a time over any `io::Write`.

pub mod profiles;

use std::borrow::Cow;
use std::io::Write;

pub use profiles::{Col, Profile};

use super::csv_safe::cell;
use crate::domain::Lead;
use crate::domain::export::{NameParts, name_parts};

/// Writes leads for one profile; `finish` closes the file's shape and flushes.
pub enum ExportWriter<W: Write> {
    Csv {
        out: Box<csv::Writer<W>>,
        columns: &'static [(&'static str, Col)],
        /// Leads whose given and family names were split from the full name here.
        split: u64,
        /// A one-word name is the family name (the tool refuses a lead without one).
        family_required: bool,
        required: &'static [Col],
        /// Leads written without a value the tool requires.
        incomplete: u64,
    },
    Json {
        out: W,
        first: bool,
    },
}

impl<W: Write> ExportWriter<W> {
    /// Starts a file for `profile`: its header row (after a UTF-8 byte-order mark when `bom`,
    /// which Excel needs to read UTF-8), or `[` for JSON.
    ///
    /// # Errors
    /// A write error.
    pub fn start(profile: Profile, mut out: W, bom: bool) -> std::io::Result<Self> {
        if profile == Profile::Json {
            out.write_all(b"[")?;
            return Ok(ExportWriter::Json { out, first: true });
        }
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let columns = profile.columns();
        let mut out = Box::new(csv::WriterBuilder::new().from_writer(out));
        out.write_record(columns.iter().map(|(h, _)| *h))?;
        Ok(ExportWriter::Csv {
            out,
            columns,
            split: 0,
            family_required: profile.requires_family_name(),
            required: profile.required(),
            incomplete: 0,
        })
    }

    /// Writes one lead.
    ///
    /// # Errors
    /// A write error.
    pub fn lead(&mut self, lead: &Lead) -> std::io::Result<()> {
        match self {
            ExportWriter::Csv {
                out,
                columns,
                split,
                family_required,
                required,
                incomplete,
            } => {
                let mut parts = name_parts(&lead.contact);
                if *family_required && parts.family.is_empty() {
                    parts.family = std::mem::take(&mut parts.given);
                }
                let uses_parts = columns
                    .iter()
                    .any(|(_, c)| matches!(c, Col::GivenName | Col::FamilyName));
                if parts.split && uses_parts && !(parts.given.is_empty() || parts.family.is_empty())
                {
                    *split += 1;
                }
                if required
                    .iter()
                    .any(|c| value(*c, lead, &parts).trim().is_empty())
                {
                    *incomplete += 1;
                }
                for (_, col) in columns.iter() {
                    out.write_field(cell(&value(*col, lead, &parts)).as_bytes())?;
                }
                out.write_record(None::<&[u8]>)?;
                Ok(())
            }
            ExportWriter::Json { out, first } => {
                out.write_all(if *first { b"\n  " } else { b",\n  " })?;
                *first = false;
                let parts = name_parts(&lead.contact);
                let item = JsonLead {
                    lead,
                    first_name: &parts.given,
                    last_name: &parts.family,
                };
                crate::safe_json::to_writer(&mut *out, &item).map_err(std::io::Error::other)
            }
        }
    }

    /// Ends the file and flushes it.
    ///
    /// # Errors
    /// A write error.
    pub fn finish(self) -> std::io::Result<Finished<W>> {
        match self {
            ExportWriter::Csv {
                out,
                split,
                incomplete,
                ..
            } => {
                let out = out.into_inner().map_err(|e| e.into_error())?;
                Ok(Finished {
                    out,
                    split,
                    incomplete,
                })
            }
            ExportWriter::Json { mut out, first } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.flush()?;
                Ok(Finished {
                    out,
                    split: 0,
                    incomplete: 0,
                })
            }
        }
    }
}

/// A finished export file: where it went, and what the summary says about it.
pub struct Finished<W> {
    pub out: W,
    /// Full names split into given and family names.
    pub split: u64,
    /// Leads written without a value the tool requires (it will refuse them).
    pub incomplete: u64,
}

/// A lead in a JSON export: every field, with the name parts an importer wants apart.
#[derive(serde::Serialize)]
struct JsonLead<'a> {
    #[serde(flatten)]
    lead: &'a Lead,
    first_name: &'a str,
    last_name: &'a str,
}

fn text(v: Option<&String>) -> Cow<'_, str> {
    Cow::Borrowed(v.map_or("", String::as_str))
}

/// The text of `col` for `lead` (control characters are removed by the writer).
#[must_use]
pub fn value<'a>(col: Col, lead: &'a Lead, parts: &'a NameParts) -> Cow<'a, str> {
    let (c, e) = (&lead.contact, &lead.evidence);
    let owned = |s: String| Cow::Owned(s);
    match col {
        Col::Id => Cow::Borrowed(lead.id.as_str()),
        Col::FullName => Cow::Borrowed(c.name.as_str()),
        Col::GivenName => Cow::Borrowed(parts.given.as_str()),
        Col::FamilyName => Cow::Borrowed(parts.family.as_str()),
        Col::Email => text(c.email.as_ref()),
        Col::Title => text(c.title.as_ref()),
        Col::Company => text(c.company.as_ref()),
        Col::Domain => text(c.domain.as_ref()),
        Col::Website => c
            .domain
            .as_ref()
            .map_or(Cow::Borrowed(""), |d| owned(format!("https://{d}"))),
        Col::Industry => text(c.industry.as_ref()),
        Col::Employees => text(c.employees.as_ref()),
        Col::EmployeeCount => c
            .employees
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty() && e.chars().all(|ch| ch.is_ascii_digit()))
            .map_or(Cow::Borrowed(""), Cow::Borrowed),
        Col::Country => text(c.country.as_ref()),
        Col::City => text(c.city.as_ref()),
        Col::Location => owned(
            [c.city.as_deref(), c.country.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Col::Phone => text(c.phone.as_ref()),
        Col::Linkedin => text(c.linkedin_url.as_ref()),
        Col::Source => text(c.source.as_ref()),
        Col::Owner => text(c.owner.as_ref()),
        Col::OwnerEmail => c
            .owner
            .as_deref()
            .filter(|o| o.contains('@'))
            .map_or(Cow::Borrowed(""), Cow::Borrowed),
        Col::LastActivity => text(c.last_activity.as_ref()),
        Col::Stage => Cow::Borrowed(lead.stage.as_str()),
        Col::HubspotLifecycle => Cow::Borrowed(match lead.stage {
            crate::domain::Stage::Lead => "Lead",
            crate::domain::Stage::Prospect => "Sales Qualified Lead",
            crate::domain::Stage::Opportunity => "Opportunity",
            crate::domain::Stage::Customer => "Customer",
        }),
        Col::State => Cow::Borrowed(lead.state.as_str()),
        Col::StateReason => Cow::Borrowed(lead.state_reason.map_or("", |r| r.as_str())),
        Col::IcpFit => Cow::Borrowed(e.icp_fit.as_str()),
        Col::IcpFitWhy => text(e.icp_fit_why.as_ref()),
        Col::RoleRelevance => Cow::Borrowed(e.role_relevance.as_str()),
        Col::RoleRelevanceWhy => text(e.role_relevance_why.as_ref()),
        Col::IntentSource => Cow::Borrowed(e.intent_source.map_or("", |s| s.as_str())),
        Col::IntentDetail => text(e.intent_detail.as_ref()),
        Col::Intent => owned(intent(lead)),
        Col::ReasonNow => text(e.reason_now.as_ref()),
        Col::ReasonNowOn => e
            .reason_now_on
            .map_or(Cow::Borrowed(""), |d| owned(d.to_string())),
        Col::PainPoint => text(e.pain_point.as_ref()),
        Col::Stakeholders => {
            let list: Vec<String> = e
                .stakeholders
                .iter()
                .map(crate::domain::deal::Stakeholder::describe)
                .collect();
            (!list.is_empty())
                .then(|| list.join("; "))
                .map(Cow::Owned)
                .unwrap_or_default()
        }
        Col::NextStep => text(e.next_step.as_ref()),
        Col::PainConsequence => text(e.pain_consequence.as_ref()),
        Col::NextStepOn => e
            .next_step_on
            .map_or(Cow::Borrowed(""), |d| owned(d.to_string())),
        Col::Timeline => text(e.timeline.as_ref()),
        Col::BudgetPath => text(e.budget_path.as_ref()),
        Col::DealSize => text(e.deal_size.as_ref()),
        Col::Handoff => e
            .handoff
            .as_ref()
            .map_or(Cow::Borrowed(""), |h| owned(h.describe())),
        Col::Flags => owned(
            e.flags
                .iter()
                .map(|f| {
                    if f.is_open() {
                        f.flag.as_str().to_string()
                    } else {
                        format!("{} (resolved)", f.flag.as_str())
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Col::RecordId => text(lead.record_id.as_ref()),
        Col::CreatedAt => owned(lead.created_at.to_rfc3339()),
        Col::Opener => owned(opener(lead)),
    }
}

fn intent(lead: &Lead) -> String {
    let e = &lead.evidence;
    match (e.intent_source, e.intent_detail.as_deref()) {
        (Some(s), Some(d)) if !d.trim().is_empty() => format!("{}: {}", s.label(), d.trim()),
        (Some(s), _) => s.label().to_string(),
        (None, _) => String::new(),
    }
}

/// Who they are and why now, for a template's first line: "Head of Operations at Brightkiln:
/// opening a second warehouse." (The day it was seen is in its own column.)
#[must_use]
pub fn opener(lead: &Lead) -> String {
    let (c, e) = (&lead.contact, &lead.evidence);
    fn clean(s: Option<&str>) -> Option<&str> {
        s.map(str::trim).filter(|s| !s.is_empty())
    }
    let who = match (clean(c.title.as_deref()), clean(c.company.as_deref())) {
        (Some(t), Some(co)) => Some(format!("{t} at {co}")),
        (Some(t), None) => Some(t.to_string()),
        (None, Some(co)) => Some(co.to_string()),
        (None, None) => None,
    };
    let now = clean(e.reason_now.as_deref()).map(|r| r.trim_end_matches('.').to_string());
    match (who, now) {
        (Some(w), Some(n)) => format!("{w}: {n}."),
        (Some(w), None) => format!("{w}."),
        (None, Some(n)) => format!("{n}."),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
