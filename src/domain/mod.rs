//! The rules of qualification, in plain Rust: no storage, no terminal, no clock.
//!
//! Every rule lives here once: the vocabularies, the gates and their checklists, what a
//! decision does to a record, and how edits are parsed and applied. Time comes in as a
//! parameter so every rule can be tested on any day.

pub mod bulk;
pub mod deal;
pub mod export;
pub mod field;
pub mod flag_columns;
pub mod flags;
pub mod gate;
pub mod handoff;
pub mod icp;
pub mod id;
pub mod integrity;
pub mod lead;
pub mod qualification;
pub mod queue;
pub mod reason;
pub mod rules;
pub mod score;
pub mod stage;
pub mod standing;
pub mod support;
pub mod touch;
pub mod transition;
pub(crate) mod vocabulary;

pub use bulk::BulkChange;
pub use field::{Change, Edit, EditError, Field};
pub use flags::{Flag, FlagLists, FlagNote};
pub use gate::{CheckItem, Checklist, GateItem, GateRules, REASON_NOW_WINDOW_DAYS};
pub use lead::{Contact, Incoming, Lead, Origin};
pub use qualification::{Evidence, IcpFit, IntentSource, RoleRelevance};
pub use queue::Queue;
pub use reason::ReasonCode;
pub use rules::Rules;
pub use stage::{Stage, State};
pub use standing::Standing;
pub use support::Support;
pub use transition::{Decision, Plan, Refusal, Restore};
pub use vocabulary::UnknownValue;
