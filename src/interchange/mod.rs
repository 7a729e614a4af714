//! CSV in and out: reading real exports (encodings, delimiters, preambles, footers), mapping their
//! columns to lead fields, and normalizing each row. Streams only: no paths, no SQL.
//!
//! - `read`: bytes to rows of text with the line numbers a person sees in an editor;
//! - `headers`, `content`: what a column holds, by its header's synonyms or by its values;
//! - `mapping`: columns to lead fields and why, with `--map` overrides;
//! - `normalize`: one row to an [`Incoming`] lead, or the reason it is not one;
//! - `csv_safe`: cells written out safe to open in a spreadsheet;
//! - `export`: leads out, in the columns each sequencer or CRM imports.

pub mod content;
pub mod csv_safe;
pub mod export;
pub mod headers;
pub mod mapping;
pub mod normalize;
pub mod read;

/// A lead field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A full name ("Maren Okafor").
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Title,
    Company,
    /// A company domain or a website URL; the domain is derived from it.
    Website,
    Industry,
    Employees,
    Country,
    City,
    LinkedinUrl,
    Source,
    Owner,
    /// When the source tool created the record (kept as an attribute).
    Created,
    /// The day of the contact's latest activity the source tool saw: engagement.
    LastActivity,
    Notes,
    /// The source tool's own record id (HubSpot Record ID, Salesforce Id, ...).
    RecordId,
}

/// One row of a file, as text, with the line it starts on (1-based, as an editor counts).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRow {
    pub line: u64,
    pub fields: Vec<String>,
    /// What was removed from the row's text so it could be imported ("a NUL byte from
    /// 'First Name'"), to report with its line.
    pub repaired: Vec<String>,
}

/// A row that could not be read or is not a lead, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub reason: String,
}

/// A normalized lead from one row, ready to be stored or merged (defined with the domain's
/// records, since the store takes it too).
pub use crate::domain::Incoming;
