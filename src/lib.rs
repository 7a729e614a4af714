//! leadgate: qualify sales leads offline, with stage changes that need evidence.
//!
//! - [`domain`]: the rules (stages, evidence, gates, decisions). Pure Rust.
//! - [`store`]: the SQLite database; the only code that speaks SQL.
//! - [`cli`]: the headless command line over the same operations.

pub mod audit;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod import;
pub mod interchange;
pub mod private_file;
pub mod report;
pub mod safe_json;
pub mod safe_text;
pub mod store;
pub mod tui;
