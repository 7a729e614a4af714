//! Arguments of the second gate's commands: stakeholders, the activity log, the handoff and
//! a manager's review.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::args::parse_date;

#[derive(Debug, Subcommand)]
pub enum StakeholderAction {
    /// Add a stakeholder (or replace the one of the same name)
    Add {
        /// Lead id or unambiguous prefix
        id: String,
        /// Their name
        #[arg(long)]
        name: String,
        /// Their role in the decision ("CFO, signs the contract")
        #[arg(long, default_value = "")]
        role: String,
        /// engaged (takes part in the evaluation), aware, or not_yet
        #[arg(long)]
        engagement: String,
        /// confirmed (you know what they decide) or mapping (still finding out)
        #[arg(long)]
        authority: String,
    },
    /// List a lead's stakeholders, numbered
    List {
        /// Lead id or unambiguous prefix
        id: String,
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Remove a stakeholder by the number `list` shows
    Remove {
        /// Lead id or unambiguous prefix
        id: String,
        /// The stakeholder's number
        number: usize,
    },
}

pub const STAKEHOLDER_HELP: &str = "\
The opportunity gate asks for engagement beyond a single casual contact: by default at least
one stakeholder engaged, and either one with authority confirmed or a second person named
(gates.stakeholders_min_engaged and gates.stakeholders_authority_or_second in the rules file).

Examples:
  leadgate stakeholder add 3fa2 --name 'Dana Reyes' --role 'CFO, signs the contract' \\
      --engagement engaged --authority confirmed
  leadgate stakeholder list 3fa2
  leadgate stakeholder remove 3fa2 2";

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Lead id or unambiguous prefix
    pub id: String,
    /// call, email, meeting, linkedin, or note (an internal note: not a conversation)
    #[arg(long)]
    pub kind: String,
    /// What happened: the reply, the call's outcome, objections, the next step
    #[arg(long)]
    pub note: String,
    /// The day it happened (YYYY-MM-DD, today or earlier) [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub on: Option<NaiveDate>,
}

pub const LOG_HELP: &str = "\
A touch is appended to the lead's history and never changed; it sets the lead's last
activity (a term of the priority score) and counts as a change for the Stalled queue. The
handoff package needs at least one conversation: a call, email, meeting or LinkedIn touch.

Examples:
  leadgate log 3fa2 --kind call --note 'Discovery call: routes planned by hand, 3 h a day'
  leadgate log 3fa2 --kind email --note 'Sent the case study' --on 2026-11-28";

#[derive(Debug, Subcommand)]
pub enum HandoffAction {
    /// Hand a prospect to an account executive: the package must be complete (exit 3,
    /// naming each gap, if not); the AE becomes the owner
    Send {
        /// Lead id or unambiguous prefix
        id: String,
        /// The account executive
        #[arg(long, value_name = "NAME")]
        to: String,
        /// A note for the AE
        #[arg(long)]
        note: Option<String>,
    },
    /// Show the handoff package: what an AE reads before the first call
    Show {
        /// Lead id or unambiguous prefix
        id: String,
        /// text, md (Markdown) or json
        #[arg(long, value_enum, default_value_t = PackageFormat::Text)]
        format: PackageFormat,
    },
    /// Accept a handoff sent to you: you may then promote it to opportunity once its
    /// evidence is there
    Accept {
        /// Lead id or unambiguous prefix
        id: String,
        /// A note for the history
        #[arg(long)]
        note: Option<String>,
    },
    /// Send a handoff back to its SDR with a reason code; it returns to their Today queue
    /// with the reason shown until they act on it
    Reject {
        /// Lead id or unambiguous prefix
        id: String,
        /// missing_fit_proof, missing_role_relevance, missing_reason_now, wrong_contact,
        /// no_budget_path, duplicate, or other (needs --note)
        #[arg(long, value_name = "CODE")]
        reason: String,
        /// What is missing or wrong
        #[arg(long)]
        note: Option<String>,
    },
    /// Dispute a rejection (the SDR who sent it): the record goes to the Review queue for a
    /// manager to settle
    Dispute {
        /// Lead id or unambiguous prefix
        id: String,
        /// Why the rejection is wrong (required)
        #[arg(long)]
        note: String,
    },
}

/// How `handoff show` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PackageFormat {
    Text,
    Md,
    Json,
}

pub const HANDOFF_HELP: &str = "\
The package an AE needs before taking a prospect: confirmed fit (with its why), why this
contact matters, the problem statement (the pain point), the intent basis, at least one
conversation (leadgate log), and the stakeholder view (leadgate stakeholder add: authority
confirmed or still mapping).

A walk:
  leadgate handoff send 3fa2 --to morgan            the AE becomes the owner (Handoffs queue)
  leadgate handoff show 3fa2 --format md
  leadgate --as morgan handoff accept 3fa2          or: reject --reason missing_reason_now
  leadgate --as sam handoff dispute 3fa2 --note '...'   (Review queue)
  leadgate --as dana review settle 3fa2 --overturn --note '...'

Only the AE it was sent to accepts or rejects it, only its SDR disputes it, and only a
manager named in the rules file ([team] managers) settles a dispute; a manager may take any
step. leadgate is local, so this is not a login: --as says who you are, and the history
records it honestly.";

#[derive(Debug, Subcommand)]
pub enum ReviewAction {
    /// Settle a disputed handoff (managers only): uphold the rejection, or overturn it and
    /// send the handoff to the AE again
    Settle {
        /// Lead id or unambiguous prefix
        id: String,
        /// The rejection stands: the record stays with its SDR
        #[arg(
            long,
            conflicts_with = "overturn",
            required_unless_present = "overturn"
        )]
        uphold: bool,
        /// The rejection was wrong: the handoff goes back to the AE
        #[arg(long)]
        overturn: bool,
        /// Why (required)
        #[arg(long)]
        note: String,
    },
}
