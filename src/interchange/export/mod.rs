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
                serde_json::to_writer(&mut *out, &item).map_err(std::io::Error::other)
            }
        }
    }

    /// Ends the file and flushes it; returns how many full names were split.
    ///
    /// # Errors
    /// A write error.
    pub fn finish(self) -> std::io::Result<(W, u64)> {
        match self {
            ExportWriter::Csv { out, split, .. } => {
                let w = out.into_inner().map_err(|e| e.into_error())?;
                Ok((w, split))
            }
            ExportWriter::Json { mut out, first } => {
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
                out.flush()?;
                Ok((out, 0))
            }
        }
    }
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
        Col::Stakeholders => text(e.stakeholders.as_ref()),
        Col::NextStep => text(e.next_step.as_ref()),
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

/// Who they are and why now, for a template's first line: "Head of Operations at Brightkiln.
/// Why now: opening a second warehouse (2026-11-20)."
#[must_use]
pub fn opener(lead: &Lead) -> String {
    let (c, e) = (&lead.contact, &lead.evidence);
    let who = match (c.title.as_deref(), c.company.as_deref()) {
        (Some(t), Some(co)) => format!("{} at {}.", t.trim(), co.trim()),
        (Some(t), None) => format!("{}.", t.trim()),
        (None, Some(co)) => format!("At {}.", co.trim()),
        (None, None) => String::new(),
    };
    let now = match (e.reason_now.as_deref(), e.reason_now_on) {
        (Some(r), Some(on)) => format!("Why now: {} ({on}).", r.trim()),
        (Some(r), None) => format!("Why now: {}.", r.trim()),
        _ => String::new(),
    };
    [who, now]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
