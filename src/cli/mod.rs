//! The headless command line: argument parsing and output. Thin: every operation is the
//! store's, under the domain's rules, exactly as the TUI uses them.

mod args;
mod commands;
mod import;
mod render;

pub use args::{Cli, Command};
pub use commands::{CliError, run};
