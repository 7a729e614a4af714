//! Arguments, with help that teaches the workflow.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use super::args_files::{AUDIT_HELP, EXPORT_HELP, IMPORT_HELP, REPORT_HELP};
pub use super::args_files::{ExportArgs, ImportArgs, ReportArgs, ReportFormat};
use std::path::PathBuf;

const ABOUT: &str = "Qualify sales leads offline. A lead becomes a prospect only when the \
evidence is on the record: ICP fit, role relevance, an intent source and a fresh reason now.";

const AFTER_HELP: &str = "\
A typical pass over one lead:
  leadgate add --name 'Maren Okafor' --email maren@brightkiln.example --company Brightkiln
  leadgate set 3fa2b1 icp_fit fit --note 'B2B SaaS, 40 staff, US'
  leadgate set 3fa2b1 role_relevance relevant --note 'Founder; owns the budget'
  leadgate set 3fa2b1 intent_source demo_request --note 'Booked a demo on the site'
  leadgate set 3fa2b1 reason_now 'Hiring two SDRs this quarter' --on 2026-11-20
  leadgate promote 3fa2b1

Without a command, leadgate opens the workstation (a terminal UI; press ? there for keys).
Try it on invented data first: leadgate --demo

Ids: any unambiguous prefix of a lead's id works, as with git commit hashes.
Exit status: 0 done, 1 error (nothing written), 2 usage error, 3 refused by a gate or rule.";

/// leadgate: evidence-gated lead qualification.
#[derive(Debug, Parser)]
#[command(name = "leadgate", version, about = ABOUT, after_help = AFTER_HELP)]
pub struct Cli {
    /// The database file [default: leadgate.db in your platform's data folder]
    #[arg(long, global = true, env = "LEADGATE_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Who is acting, as recorded in the history [default: your login name]
    #[arg(
        long = "as",
        global = true,
        env = "LEADGATE_ACTOR",
        value_name = "NAME"
    )]
    pub actor: Option<String>,

    /// The rules file [default: leadgate.toml in your platform's config folder]
    #[arg(long, global = true, env = "LEADGATE_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Work on the demo database (invented leads; created on first use), with the
    /// workstation or any command
    #[arg(long, global = true)]
    pub demo: bool,

    /// With --demo: recreate the demo database from scratch
    #[arg(long, global = true, requires = "demo")]
    pub reset: bool,

    /// Act as if it were this moment (RFC 3339, e.g. 2026-12-01T09:00:00Z): to replay a day
    /// or try what the clock does to stalled records and stale evidence
    #[arg(
        long,
        global = true,
        env = "LEADGATE_NOW",
        value_name = "TIME",
        hide = true
    )]
    pub now: Option<chrono::DateTime<chrono::Utc>>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a lead; prints its id
    Add(AddArgs),
    /// List leads, in the order they were added
    #[command(after_help = LIST_HELP)]
    List(ListArgs),
    /// Find leads by name, email, company, title or notes (imported Notes, Description and
    /// Comments columns too), as the workstation's / does
    Search {
        /// Words to find; each matches the start of a word
        text: String,
        /// At most this many leads (0: all)
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: u64,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Show a lead: contact, evidence and the checklist of its next gate
    Show {
        /// Lead id or unambiguous prefix
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Set a field; qualification fields take their evidence with --note
    #[command(after_help = SET_HELP)]
    Set(SetArgs),
    /// Accept what the rules suggest for a lead's unknown ICP fit and role relevance: you are
    /// recorded as having verified them, with the matching rules as the why
    Accept {
        /// Lead id or unambiguous prefix
        id: String,
    },
    /// Work a queue from the command line: the same leads in the same order as the
    /// workstation, highest priority score first, each with the terms of its score
    #[command(after_help = QUEUE_HELP)]
    Queue(QueueArgs),
    /// Print the id of the top lead of a queue, for a shell loop; fails (exit 1) when the
    /// queue is empty
    #[command(after_help = NEXT_HELP)]
    Next(NextArgs),
    /// Store the rules' suggestions on every active lead, to sort a list into likely fit,
    /// likely not, and unknown (suggestions are never evidence)
    Triage {
        /// Apply the suggestions (required: triage only suggests)
        #[arg(long)]
        suggest: bool,
        /// Print the counts as JSON
        #[arg(long)]
        json: bool,
    },
    /// Decide many leads at once: the leads `list` would select with the same filters, each
    /// through its own gate and with its own history entry
    #[command(after_help = super::bulk_args::BULK_HELP)]
    Bulk(super::bulk_args::BulkArgs),
    /// Move a lead to its next stage if its gate's checklist passes (exit 3 if not)
    Promote {
        /// Lead id or unambiguous prefix
        id: String,
        /// A note for the history
        #[arg(long)]
        note: Option<String>,
    },
    /// Move a prospect or opportunity one stage down, with a reason code, keeping it active:
    /// for a record whose evidence no longer supports its stage (`leadgate queue unsupported`)
    Demote(ParkArgs),
    /// Park a lead for later, with a reason code; a prospect is passed back to lead. With
    /// --until, it is back in Today on that day for a re-check
    Nurture(ParkArgs),
    /// Take a lead out of the queue, with a reason code; a prospect is passed back to lead
    Disqualify(ParkArgs),
    /// Put a nurtured or disqualified lead back in the active queue. A lead parked because
    /// the person opted out asks first (on a terminal) or needs --yes
    Reopen {
        /// Lead id or unambiguous prefix
        id: String,
        /// A note for the history (for an opt-out: how you know they want to hear from you)
        #[arg(long)]
        note: Option<String>,
        /// Reopen a lead parked as opted_out without asking
        #[arg(long)]
        yes: bool,
    },
    /// Show a lead's history, oldest first
    History {
        /// Lead id or unambiguous prefix
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// List the reason codes for nurture and disqualify
    Reasons,
    /// Where the rules file is, and write a commented default one
    #[command(subcommand)]
    Config(ConfigAction),
    /// Check the rules file, or show the rules in effect
    #[command(subcommand)]
    Rules(RulesAction),
    /// Check the database, back it up while others work, restore a backup
    #[command(subcommand, after_help = super::db::DB_HELP)]
    Db(super::db::DbAction),
    /// Import CSV exports (HubSpot, Salesforce, Apollo, Pipedrive, LinkedIn, spreadsheets)
    #[command(after_help = IMPORT_HELP)]
    Import(ImportArgs),
    /// List imports, newest first, with their counts
    Imports {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Write leads for a sequencer, a CRM or a file: the sales-ready list with --ready (what a
    /// sequencer only ever gets), or any selection for a CRM, csv or json
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// List exports, newest first: where leads were sent, when, by whom, how many
    Exports {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// The funnel and what converts: counts by stage and state, conversion by source, owner
    /// and import, time in stage, stalled records, reason codes, readiness, data quality,
    /// activity
    #[command(after_help = REPORT_HELP)]
    Report(ReportArgs),
    /// Audit a client's list offline: import FILEs into a new database in DIR, apply the
    /// rules' suggestions and the flags, and write the report and the files to hand back
    #[command(after_help = AUDIT_HELP)]
    Audit {
        /// The CSV files of the list (any of the layouts `import` reads)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The folder to write (created if missing; owner-only)
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// Replace an earlier audit in DIR
        #[arg(long)]
        force: bool,
    },
    /// Add, list or remove a lead's stakeholders: who shapes the decision, how engaged they
    /// are and whether their authority is confirmed (the opportunity gate reads them)
    #[command(subcommand, after_help = super::deal_args::STAKEHOLDER_HELP)]
    Stakeholder(super::deal_args::StakeholderAction),
    /// Log a touch on a lead: a call, email, meeting, LinkedIn message or note
    #[command(after_help = super::deal_args::LOG_HELP)]
    Log(super::deal_args::LogArgs),
    /// Hand a prospect to an account executive, and the AE's accept or reject; the SDR's
    /// dispute of a rejection
    #[command(subcommand, after_help = super::deal_args::HANDOFF_HELP)]
    Handoff(super::deal_args::HandoffAction),
    /// A manager's settlement of a disputed handoff (the Review queue)
    #[command(subcommand)]
    Review(super::deal_args::ReviewAction),
    /// Resolve an exclusion flag (free_mail, role_inbox, student, consultant, invalid_email,
    /// existing_account) with a note saying why the record is fine; promotion needs every flag
    /// resolved. An opt-out (do_not_contact) also needs the day the person consented again
    #[command(
        after_help = "Examples:\n  leadgate resolve 3f2a free_mail --note \"Founder's own address; the company has no domain\"\n  leadgate resolve 3f2a do_not_contact --consent-on 2026-11-30 --note \"Opted back in at the trade fair, signed form on file\""
    )]
    Resolve {
        /// Lead id or unambiguous prefix
        id: String,
        /// The flag to resolve
        flag: String,
        /// Why the record is fine after all (required)
        #[arg(long)]
        note: String,
        /// For do_not_contact: the day (YYYY-MM-DD, today or earlier) the person consented
        /// again; the history records it
        #[arg(long, value_name = "DAY")]
        consent_on: Option<String>,
    },
}

const SET_HELP: &str = "\
Qualification fields (the --note is the evidence the gate reads):
  icp_fit         fit | not_fit | unknown            --note: why the account fits
  role_relevance  relevant | not_relevant | unknown  --note: why this person matters
  intent_source   demo_request | pricing_page | webinar | content_download | reply |
                  referral | event | research_signal | other   --note: the signal
  reason_now      free text                          --on: the day it was observed [default: today]

The gate to opportunity:
  pain_point      the problem                        --consequence: what it costs them (required)
  next_step       what happens next                  --on: its day, today or later (required)
  timeline        the decision timeline or buying process
  budget_path     how it gets funded                 (required only if the rules say so)
  deal_size       the likely size                    (required only if the rules say so)
  Stakeholders are a list: leadgate stakeholder add ID --name N --engagement E --authority A

Engagement (a term of the priority score, never a gate item):
  last_activity   YYYY-MM-DD: the contact's latest reply, visit or meeting

Plain fields: name, email, title, company, domain, industry, employees, country, city,
phone, linkedin_url, source, owner. An empty VALUE clears a field.

Values may be written in kebab-case too (demo-request).";

impl Command {
    /// Whether the command only reads the database: then a missing file is an error, not a
    /// new empty database.
    #[must_use]
    pub fn only_reads(&self) -> bool {
        matches!(
            self,
            Command::List(_)
                | Command::Show { .. }
                | Command::Queue(_)
                | Command::History { .. }
                | Command::Imports { .. }
                | Command::Search { .. }
                | Command::Exports { .. }
                | Command::Report(_)
        )
    }
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the path of the rules file in use
    Path,
    /// Write the commented default rules file (refuses to overwrite without --force)
    Init {
        /// Replace an existing file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Check the rules file: every problem with its line and key; exit 1 if there are any
    Check,
    /// Print the rules in effect and their version
    Show,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The person's full name
    #[arg(long)]
    pub name: String,
    /// Email address
    #[arg(long)]
    pub email: Option<String>,
    /// Company or account
    #[arg(long)]
    pub company: Option<String>,
    /// Job title
    #[arg(long)]
    pub title: Option<String>,
    /// Where the lead came from (webinar, list purchase, form, ...)
    #[arg(long)]
    pub source: Option<String>,
    /// Who works the lead
    #[arg(long)]
    pub owner: Option<String>,
    /// The company's industry
    #[arg(long)]
    pub industry: Option<String>,
    /// The company's head count, as known ("140", "51-200")
    #[arg(long, value_name = "N")]
    pub employees: Option<String>,
    /// Country
    #[arg(long)]
    pub country: Option<String>,
    /// City
    #[arg(long)]
    pub city: Option<String>,
    /// Phone number, as written
    #[arg(long)]
    pub phone: Option<String>,
    /// LinkedIn profile URL
    #[arg(long, value_name = "URL")]
    pub linkedin: Option<String>,
    /// Add the lead even when its email is already on another lead
    #[arg(long)]
    pub allow_duplicate: bool,
}

/// Which leads a command works on: the same filters for `list` and `bulk`.
#[derive(Debug, Args)]
pub struct Selection {
    /// Only leads at this stage: lead, prospect, opportunity, customer
    #[arg(long)]
    pub stage: Option<String>,
    /// Only leads in this state: active, nurture, disqualified
    #[arg(long)]
    pub state: Option<String>,
    /// Only leads the last `triage --suggest` found likely fit, likely not, or could not judge:
    /// fit, not_fit, unknown
    #[arg(long, value_name = "FIT")]
    pub suggested: Option<String>,
    /// Only leads from this source (any letter case)
    #[arg(long)]
    pub source: Option<String>,
    /// Only leads of this owner (any letter case)
    #[arg(long)]
    pub owner: Option<String>,
    /// Only leads with an open exclusion flag of this kind: free_mail, role_inbox, student,
    /// consultant, invalid_email, do_not_contact, existing_account
    #[arg(long, value_name = "F")]
    pub flag: Option<String>,
    /// Only leads created by this import (its batch id or a prefix; see `leadgate imports`)
    #[arg(long, value_name = "B")]
    pub batch: Option<String>,
    /// Only leads whose next gate passes today
    #[arg(long)]
    pub passes: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub select: Selection,
    /// At most this many leads (0: all, the default)
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Output: text, csv, tsv or json (csv and tsv have a header row)
    #[arg(long, value_enum, default_value_t = ListFormat::Text, conflicts_with = "json")]
    pub format: ListFormat,
    /// The same as --format json
    #[arg(long)]
    pub json: bool,
}

/// How `list` writes its leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Csv,
    Tsv,
    Json,
}

const LIST_HELP: &str = "\
Examples:
  leadgate list --source webinar --passes
  leadgate list --flag free_mail --format csv > free-mail.csv
  leadgate list --batch 3fa2b1c0 --limit 0 --json

CSV and TSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
or a carriage return) start with an apostrophe; control characters and bidi overrides are removed.";

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Lead id or unambiguous prefix
    pub id: String,
    /// The field to set (see below)
    pub field: String,
    /// The new value; empty clears the field
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// The evidence for a qualification field, or a note on the change
    #[arg(long)]
    pub note: Option<String>,
    /// pain_point only: its business consequence (what the problem costs them)
    #[arg(long, conflicts_with = "note")]
    pub consequence: Option<String>,
    /// The day a reason now was observed, or the day a next step happens (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
    /// Write only if the field still holds VALUE (empty: no value), as your script last read
    /// it; otherwise nothing is written, and it says who changed it (exit 3)
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub expect: Option<String>,
}

#[derive(Debug, Args)]
pub struct ParkArgs {
    /// Lead id or unambiguous prefix
    pub id: String,
    /// Why: a reason code (see `leadgate reasons`)
    #[arg(long, value_name = "CODE")]
    pub reason: String,
    /// A note for the history (required with --reason other)
    #[arg(long)]
    pub note: Option<String>,
    /// nurture only: the day (YYYY-MM-DD, after today) it is back in Today for a re-check
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
}

pub(super) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::domain::field::parse_day(s)
        .ok_or_else(|| format!("'{s}' is not a date; write it as YYYY-MM-DD"))
}

const QUEUE_HELP: &str = "Queues:
  today         active leads, and nurtured leads whose review is due
  prospects     active prospects and opportunities
  nurture       every nurtured record
  disqualified  every disqualified record
  all           every record
  unsupported   prospects and opportunities whose evidence no longer supports their stage
                (a fit or role no longer passing, a new open flag, a next step whose day
                has passed): fix the evidence, or pass them back with demote, nurture or
                disqualify
  handoffs      prospects handed to an AE: waiting for them, or accepted (use --owner NAME)
  stalled       prospects and opportunities with no touch or change for the rules'
                stalled_days: nurture --until a re-check day, or demote, with a reason
  review        rejected handoffs their SDR disputes, for a manager to settle

Today also holds each rejected handoff, back with its SDR, until they act on it.

Scores that the clock has changed (a reason now going stale, another week of waiting) are
worked out again first.

Examples:
  leadgate queue
  leadgate queue prospects --owner dana --limit 10
  leadgate queue today --json";

const NEXT_HELP: &str = "Examples:
  leadgate next                       the top lead of today
  leadgate next prospects --owner dana
  while id=$(leadgate next today --source Webinar); do
      leadgate show \"$id\"; read -r -p 'nurture? ' ok; [ \"$ok\" = y ] || break
      leadgate nurture \"$id\" --reason no_reason_now
  done";

#[derive(Debug, Args)]
pub struct NextArgs {
    /// The queue: today, prospects, nurture, disqualified, all, unsupported, handoffs,
    /// stalled or review
    #[arg(default_value = "today")]
    pub name: String,
    /// Only leads from this source
    #[arg(long)]
    pub source: Option<String>,
    /// Only leads of this owner
    #[arg(long)]
    pub owner: Option<String>,
    /// Print the lead as JSON instead of its id
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct QueueArgs {
    /// The queue: today, prospects, nurture, disqualified, all, unsupported, handoffs,
    /// stalled or review
    #[arg(default_value = "today")]
    pub name: String,
    /// Only leads from this source
    #[arg(long)]
    pub source: Option<String>,
    /// Only leads of this owner
    #[arg(long)]
    pub owner: Option<String>,
    /// Print at most this many
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}
