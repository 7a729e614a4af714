//! The headless command line: argument parsing and output. Thin: every operation is the
//! store's, under the domain's rules, exactly as the TUI uses them.

mod args;
mod args_files;
mod audit;
mod bulk;
mod bulk_args;
mod commands;
mod db;
mod deal;
mod deal_args;
mod demo_db;
mod error;
mod export;
mod filters;
mod import;
mod list;
mod queue;
mod render;
mod report;
mod rules;
mod triage;

pub use args::{Cli, Command, ConfigAction, RulesAction};
pub use commands::{CliError, open_store, rules_path, run};
pub use demo_db::demo_database;
