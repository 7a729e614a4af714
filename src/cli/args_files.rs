//! Arguments of the commands that read and write files: import, export, report and the list
//! audit, with their help.

use chrono::NaiveDate;
use clap::Args;
use std::path::PathBuf;

pub(super) const AUDIT_HELP: &str = "\
Example:
  leadgate audit client-list.csv webinar.csv --config client-rules.toml -o acme-audit/

DIR gets:
  audit.db        a database of its own (never yours): leadgate --db DIR/audit.db opens
                  the workstation on it to work the list
  report.html     one self-contained page (no script, nothing fetched), also report.md and
                  report.json: likely fit, likely not and unknown (suggestions from the rules,
                  not evidence), what is excluded and why, duplicates, data missing most
  clean.csv       the people to work, unique and not excluded, each with its suggestion and
                  the rule that made it, and the client's own columns
  excluded.csv    each excluded person with the reasons (a flag, an opt-out, an existing
                  customer or open deal)
  duplicates.csv  each row that matched an earlier one, by file and line

The rules come from --config (your ICP and titles for this client) or your own rules file.";

/// `leadgate report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Leads created on or after this day (YYYY-MM-DD), and the work done since
    #[arg(long, value_name = "DAY")]
    pub since: Option<NaiveDate>,
    /// ... up to and including this day
    #[arg(long, value_name = "DAY")]
    pub until: Option<NaiveDate>,
    /// Only leads from this source (any letter case)
    #[arg(long)]
    pub source: Option<String>,
    /// Only leads of this owner (any letter case)
    #[arg(long)]
    pub owner: Option<String>,
    /// Only leads created by this import (its batch id or a prefix)
    #[arg(long, value_name = "B")]
    pub batch: Option<String>,
    /// text, md (Markdown), html (one self-contained file) or json
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// The file to write [default: standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format json: the lead ids behind the readiness counts
    #[arg(long)]
    pub ids: bool,
}

/// How `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Md,
    Html,
    Json,
}

pub(super) const REPORT_HELP: &str = "\
Examples:
  leadgate report
  leadgate report --since 2026-11-01 --source webinar
  leadgate report --format html -o report.html     (one file: no script, nothing fetched)
  leadgate report --format json --ids | jq .readiness

Conversion counts the leads created in the period that ever reached prospect (a promotion
that was not undone) and, of those, the ones that reached opportunity. Readiness is judged
today, against the rules in effect. The JSON has a report_version key; new keys may be
added, existing ones keep their meaning.";

/// `leadgate export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where the leads are going: instantly, smartlead, lemlist, apollo (sequencers: only
    /// sales-ready leads), hubspot, salesforce (CRMs), csv (every field, leadgate's names),
    /// json
    #[arg(long = "to", value_name = "PROFILE", default_value = "csv")]
    pub to: String,
    /// Only the sales-ready list: prospects and opportunities whose checklist passes today,
    /// with an email, no open flag, not sent to this profile before
    #[arg(long)]
    pub ready: bool,
    /// With --ready: include leads already sent to this profile
    #[arg(long)]
    pub again: bool,
    /// Only leads at this stage: lead, prospect, opportunity, customer
    #[arg(long)]
    pub stage: Option<String>,
    /// Only leads in this state: active, nurture, disqualified
    #[arg(long)]
    pub state: Option<String>,
    /// Only leads from this source (any letter case)
    #[arg(long)]
    pub source: Option<String>,
    /// Only leads of this owner (any letter case)
    #[arg(long)]
    pub owner: Option<String>,
    /// Only leads created by this import (its batch id or a prefix; see `leadgate imports`)
    #[arg(long, value_name = "B")]
    pub batch: Option<String>,
    /// The file to write (created owner-only) [default: standard output]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
    /// Start the file with a UTF-8 byte-order mark, which Excel needs to show accents
    #[arg(long)]
    pub bom: bool,
}

pub(super) const EXPORT_HELP: &str = "\
Examples:
  leadgate export --ready --to instantly -o ready.csv
  leadgate export --ready --to lemlist --source webinar -o webinar-ready.csv
  leadgate export --stage opportunity --to hubspot -o opportunities.csv
  leadgate export --to csv -o everything.csv      (import reads the contacts back; stages
                                                   and evidence are never taken from a file)

Each profile writes the headers its tool's importer recognises without mapping. The
evidence travels as personalization columns (reason_now, reason_now_on, intent, fit_why,
role_why, and one opener sentence: who they are and why now) for a template to fill in.

A tool that wants first and last names gets the source file's when it had them apart;
otherwise the full name is split: 'Family, Given' as written, else the first word(s) are
the given name and the family name is the last word, starting earlier at a particle (van,
de, al, ...) and keeping a suffix (Jr., III). The summary says how many were split.

Never written, whatever the selection: a person who opted out (an open do_not_contact
flag, or parked as opted_out). Sequencers only ever get sales-ready leads.
Each export is recorded (leadgate exports); a lead sent to a sequencer or CRM gets an
'exported' entry in its history, and --ready skips it for that profile next time.
Cells that a spreadsheet would run as a formula start with ' ; control characters and bidi
overrides are removed.";

pub(super) const IMPORT_HELP: &str = "\
Columns are mapped from their headers (First Name, EMAIL, Person - Email - Work, Company /
Account, linkedInProfileUrl, ...); columns that map to nothing are kept on the lead as
attributes. Check the mapping first with --dry-run, and correct it with --map:
  leadgate import list.csv --dry-run
  leadgate import list.csv --map 'Work Email=email' --map 'Segment=-'

A row is a lead when it has an email or a name. A lead whose email (else the tool's record id,
else the LinkedIn profile) is already known is merged: empty fields are filled, differing
values are kept in its history, evidence and stage are never touched. Importing the same file
twice creates nothing new. Rows that cannot be read are reported as FILE:LINE: reason.

Each file is one batch, all or nothing. Undo one with: leadgate import --undo BATCH
(it removes the leads the batch created that nobody touched since, and reverts its merges).

Fields for --map: name, first_name, last_name, email, phone, title, company, website (or
domain), industry, employees, country, city, linkedin_url, source, owner, created, notes,
record_id, and - (keep as an attribute).";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV files to import, one batch each
    #[arg(required_unless_present = "undo", value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The source of leads whose file has no source column (e.g. "Webinar 2026-11")
    #[arg(long)]
    pub source: Option<String>,
    /// Map a column: "Header=field" (repeatable); see below
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub maps: Vec<String>,
    /// Show the mapping and the first rows as they would be stored; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the summary as JSON
    #[arg(long)]
    pub json: bool,
    /// Undo an import: its batch id or an unambiguous prefix (see `leadgate imports`)
    #[arg(long, value_name = "BATCH", conflicts_with_all = ["files", "dry_run", "maps"])]
    pub undo: Option<String>,
}
