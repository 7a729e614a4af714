//! The headless command line: argument parsing and output. Thin: every operation is the
//! store's, under the domain's rules, exactly as the TUI uses them.

mod args;
mod commands;
mod import;
mod queue;
mod render;
mod rules;
mod triage;

pub use args::{Cli, Command, ConfigAction, RulesAction};
pub use commands::{CliError, open_store, rules_path, run};
