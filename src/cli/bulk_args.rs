//! Arguments of `leadgate bulk`: what to do to each lead, and which leads.

use chrono::NaiveDate;
use clap::Args;

use super::args::parse_date;

#[derive(Debug, Args)]
pub struct BulkArgs {
    /// What to do to each lead
    #[arg(value_enum)]
    pub action: BulkAction,
    /// Why, for nurture, disqualify and demote: a reason code (see `leadgate reasons`)
    #[arg(long, value_name = "CODE")]
    pub reason: Option<String>,
    /// A note for each lead's history (required with --reason other, and for resolve: what
    /// makes each record fine)
    #[arg(long)]
    pub note: Option<String>,
    /// assign only: the new owner (an empty name takes the owner off)
    #[arg(long, value_name = "OWNER")]
    pub to: Option<String>,
    /// nurture only: the day (YYYY-MM-DD, after today) they are back in Today for a re-check
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub select: super::args::Selection,
    /// Only leads the workstation's search finds for these words
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Say what would happen, by outcome, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Print the outcome as JSON
    #[arg(long)]
    pub json: bool,
}

/// What `bulk` does to each lead it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BulkAction {
    /// Move each lead whose gate passes to its next stage
    Promote,
    /// Park each lead for later (needs --reason)
    Nurture,
    /// Take each lead out of the queue (needs --reason)
    Disqualify,
    /// Move each prospect or opportunity one stage down (needs --reason)
    Demote,
    /// Put each nurtured or disqualified lead back in the active queue (not those parked
    /// because the person opted out: reopen those one by one)
    Reopen,
    /// Give each lead an owner (needs --to OWNER)
    Assign,
    /// Accept the rules' suggestions of fit and role for each lead: you vouch for them
    Accept,
    /// Resolve the exclusion flag --flag names on each lead (needs --note: why the record is
    /// fine); do_not_contact is resolved one lead at a time, with the day they consented
    Resolve,
}

pub(super) const BULK_HELP: &str = "\
Each lead is decided on its own, exactly as the one-lead command would decide it: a promotion
checks that lead's gate, and each lead that changes gets its own history entry. The result
counts the leads by outcome, the refused ones by why (\"38 missing reason now\").

Examples:
  leadgate bulk disqualify --flag student --reason student --dry-run
  leadgate bulk disqualify --flag student --reason student
  leadgate bulk nurture --source webinar --state active --reason no_reason_now --until 2027-03-01
  leadgate bulk promote --batch 3fa2b1c0 --passes --json
  leadgate bulk assign --source webinar --stage prospect --to maren
  leadgate bulk resolve --flag free_mail --source founder_network --note \"founders use gmail\"

The work goes in chunks of one transaction, each committed after 1.5 s: stopped part way,
every lead is either decided or as it was.";
