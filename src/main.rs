//! The `leadgate` command: parse, run, report. Everything else lives in the library.

use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use leadgate::cli::{Cli, CliError, demo_database, open_store, rules_path, run};
use leadgate::safe_text::one_line;
use leadgate::{config, tui};

// An import reads rows on one thread and stores them on another: glibc's allocator spends a
// third of the reading thread's time on memory freed across threads; mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = if cli.command.is_some() {
        command(cli)
    } else {
        workstation(&cli)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`leadgate list | head`) is not an error worth a word.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            // A message of several lines (every problem of a rules file) keeps one a line.
            let message = e.to_string();
            let mut lines = message.lines();
            let _ = writeln!(
                err,
                "leadgate: {}",
                one_line(lines.next().unwrap_or_default())
            );
            for line in lines {
                let _ = writeln!(err, "  {}", one_line(line));
            }
            for (label, detail) in e.missing_items() {
                let _ = writeln!(err, "  ✗ {label}: {}", one_line(detail));
            }
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(1))
        }
    }
}

fn command(cli: Cli) -> Result<(), CliError> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = run(cli, &mut out);
    let _ = out.flush();
    result
}

/// Opens the terminal UI on the chosen database (the demo one with `--demo`).
fn workstation(cli: &Cli) -> Result<(), CliError> {
    // Invalid rules stop the workstation before it opens, with the same messages as
    // `leadgate rules check`.
    let (rules_path, explicit) = rules_path(cli.config.as_deref())?;
    let rules = config::load_rules(&rules_path, explicit).map_err(CliError::Rules)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::Io(std::io::Error::other(
            "the workstation needs a terminal; for scripts use a command (see leadgate --help)",
        )));
    }
    let path = if cli.demo {
        demo_database(cli.reset)?
    } else {
        match &cli.db {
            Some(p) => p.clone(),
            None => config::default_db_path().ok_or(CliError::NoDataDir)?,
        }
    };
    let store = open_store(&path)?;
    let actor = cli.actor.clone().unwrap_or_else(config::default_actor);
    tui::run(store, &actor, rules)?;
    Ok(())
}
