//! The `leadgate` command: parse, run, report. Everything else lives in the library.

use chrono::Utc;
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use leadgate::cli::{Cli, CliError, open_store, rules_path, run};
use leadgate::safe_text::one_line;
use leadgate::store::Store;
use leadgate::{config, demo, tui};

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
            let _ = writeln!(err, "leadgate: {}", one_line(&e.to_string()));
            for item in e.missing_items() {
                let _ = writeln!(err, "  ✗ {}: {}", item.item.label(), one_line(&item.detail));
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
        config::demo_db_path().ok_or(CliError::NoDataDir)?
    } else {
        match &cli.db {
            Some(p) => p.clone(),
            None => config::default_db_path().ok_or(CliError::NoDataDir)?,
        }
    };
    if cli.demo && cli.reset {
        remove_database(&path)?;
    }
    if cli.demo && !path.exists() {
        seed_demo(&path)?;
    }
    let store = open_store(&path)?;
    let actor = cli.actor.clone().unwrap_or_else(config::default_actor);
    tui::run(store, &actor, rules)?;
    Ok(())
}

/// Builds the demo database beside its final place and moves it there once complete, so an
/// interrupted first run never leaves a half-seeded demo behind.
fn seed_demo(path: &Path) -> Result<(), CliError> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    remove_database(&partial)?;
    {
        let mut store = Store::open(&partial)?;
        demo::seed(&mut store, Utc::now())?;
    } // closing the store folds the WAL into the file
    std::fs::rename(&partial, path)?;
    Ok(())
}

/// Deletes a database and its journals: a journal left beside a new file would be played
/// into it.
fn remove_database(path: &Path) -> Result<(), CliError> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match std::fs::remove_file(PathBuf::from(p)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
