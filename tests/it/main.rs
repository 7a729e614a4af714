//! One integration test binary (each extra binary costs a link on small machines).

#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod audit;
mod cli;
mod cli_bulk;
mod cli_input;
mod cli_lists;
mod cli_reads;
mod crash;
mod db;
mod evidence_holds;
mod export;
mod faults;
mod handoff;
mod hostile_cli;
mod hostile_files;
mod hostile_text;
mod hostile_tui;
mod import;
mod import_consent;
mod import_layouts;
mod import_props;
mod import_regression;
mod priority;
mod pty;
mod report;
mod rules;
mod store;
mod support;
mod tui;
mod tui_add_lead;
mod tui_bulk;
mod tui_bulk_more;
mod tui_consent;
mod tui_handoff;
mod tui_pty;
mod tui_reports;
mod tui_support;
mod two_programs;
mod waits;
