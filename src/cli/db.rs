//! `leadgate db`: check the database, back it up while others work, restore a backup; and
//! what a terminal shows while a database is copied or upgraded.

use crate::domain::vocabulary::counted;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::CliError;
use crate::domain::Rules;
use crate::safe_text::one_line;
use crate::store::{CHECKS, Checked, CopyProgress, Store, StoreError, Upgrade};

pub const DB_HELP: &str = "\
Examples:
  leadgate db check                      # exit 0 when sound, 1 with one line per problem
  leadgate db backup ~/backups/leads-monday.db
  leadgate db restore ~/backups/leads-monday.db --force

A backup can be taken while the workstation and an import run: it is the database at one
moment, written owner-only, and checked (as db check does) before it is reported done.
A restore checks the backup first, replaces a database only with --force and only when no
other leadgate program has it open, and keeps the file it replaced beside it as
leadgate.db.replaced-<time>.";

#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Check the database: SQLite's integrity and references, then leadgate's own rules —
    /// every stage and state change has its event, every promotion records the gate it
    /// passed, queue counts and the search index match the leads, every lead says where it
    /// came from, histories are in order. Reads only
    Check {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to PATH while others keep working (SQLite's online backup),
    /// owner-only, checked before it is reported done
    Backup {
        /// Where to write the copy
        #[arg(value_name = "FILE")]
        path: PathBuf,
        /// Replace a file already at PATH
        #[arg(long)]
        force: bool,
    },
    /// Put a backup in place of the database, once it passes the checks; the database it
    /// replaces is kept beside it as <name>.replaced-<time>
    Restore {
        /// The backup to restore
        #[arg(value_name = "FILE")]
        path: PathBuf,
        /// Replace the existing database (refused without it)
        #[arg(long)]
        force: bool,
    },
}

/// Runs a `db` command on the database at `db`.
///
/// # Errors
/// `Store(Unsound)` when the check finds problems (after they are printed); as the store.
pub fn run(
    action: DbAction,
    db: &Path,
    rules: &Rules,
    now: chrono::DateTime<chrono::Utc>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let missing = || CliError::NoDatabase(db.to_path_buf());
    match action {
        DbAction::Check { json } => {
            if !db.exists() {
                return Err(missing());
            }
            let store = Store::open_read_only(db)?;
            let bar = spinner();
            let checked = store.check(rules, &mut |name| {
                let what = CHECKS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(name, |c| c.1);
                bar.set_message(format!("checking: {what}"));
            })?;
            bar.finish_and_clear();
            print_check(db, &checked, json, out)?;
            if !checked.sound() {
                return Err(CliError::Unsound(checked.problems.len()));
            }
        }
        DbAction::Backup { path, force } => {
            if !db.exists() {
                return Err(missing());
            }
            let store = Store::open_read_only(db)?;
            let bar = copy_bar("backing up");
            let done = store.backup_to(&path, force, rules, &mut |p| show_copy(&bar, p));
            bar.finish_and_clear();
            let done = done?;
            if !done.checked.sound() {
                // Kept: a copy of a damaged database is what one wants before mending it.
                for p in &done.checked.problems {
                    writeln!(out, "{}", one_line(&p.to_string()))?;
                }
                return Err(CliError::CopyHasProblems {
                    copy: done.path,
                    problems: done.checked.problems.len(),
                });
            }
            writeln!(
                out,
                "backed up {} to {} ({}, {}; the copy passed every check)",
                db.display(),
                done.path.display(),
                counted(done.checked.leads, "lead", "leads"),
                counted(done.checked.events, "event", "events")
            )?;
        }
        DbAction::Restore { path, force } => {
            let bar = copy_bar("restoring");
            let done = crate::store::restore(&path, db, force, rules, now, &mut |p| {
                show_copy(&bar, p);
            });
            bar.finish_and_clear();
            let done = done.map_err(|e| match e {
                StoreError::Exists(p) => CliError::Usage(format!(
                    "{} is sound, but {} already exists: pass --force to replace it (the \
                     database it replaces is kept beside it as {}.replaced-<time>)",
                    path.display(),
                    p.display(),
                    p.file_name().unwrap_or_default().to_string_lossy()
                )),
                other => CliError::Store(other),
            })?;
            writeln!(
                out,
                "restored {} from {} ({}, {}; it passed every check)",
                db.display(),
                path.display(),
                counted(done.checked.leads, "lead", "leads"),
                counted(done.checked.events, "event", "events")
            )?;
            if let Some(kept) = done.kept {
                writeln!(
                    out,
                    "the database it replaced is kept as {}",
                    kept.display()
                )?;
            }
        }
    }
    Ok(())
}

fn print_check(
    db: &Path,
    checked: &Checked,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if json {
        let value = serde_json::json!({
            "database": db.display().to_string(),
            "sound": checked.sound(),
            "leads": checked.leads,
            "events": checked.events,
            "checks": CHECKS.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            "problems": checked.problems,
        });
        crate::safe_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    // A problem can quote what the file holds: never let it reach the terminal raw.
    for p in &checked.problems {
        writeln!(out, "{}", one_line(&p.to_string()))?;
    }
    if checked.sound() {
        writeln!(
            out,
            "{} is sound: {}, {}; {} checks passed ({})",
            db.display(),
            counted(checked.leads, "lead", "leads"),
            counted(checked.events, "event", "events"),
            CHECKS.len(),
            CHECKS
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

/// A line that says which check runs; hidden when stderr is not a terminal.
fn spinner() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// A bar for a database being copied, in pages; hidden when stderr is not a terminal.
fn copy_bar(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {percent}% {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// A bar over the migrations an upgrade runs, ticking while a long one works.
fn migration_bar(of: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(of).unwrap_or(0)),
        ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} migrations {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

fn show_copy(bar: &ProgressBar, p: CopyProgress) {
    bar.set_length(p.total);
    bar.set_position(p.done);
}

/// Opens the database, showing an upgrade as it goes: on stderr, the copy put aside first
/// (a bar), then each migration (a counter that keeps moving), then where the copy is.
/// Without a terminal, one line before and one after.
///
/// # Errors
/// As `Store::open`.
pub fn open_showing_upgrade(path: &Path) -> Result<Store, CliError> {
    let terminal = std::io::stderr().is_terminal();
    // Opening waits for another program's import to end; on a terminal, said so.
    if terminal && crate::store::import_running(path) {
        eprintln!(
            "leadgate: an import is writing {}; waiting for it to finish",
            path.display()
        );
    }
    let mut copying: Option<ProgressBar> = None;
    let mut bar: Option<ProgressBar> = None;
    let mut said = false;
    let store = Store::open_with(path, &mut |step| match step {
        Upgrade::Copying { to, progress } => {
            if !said {
                said = true;
                eprintln!(
                    "leadgate: upgrading {} to schema {}; first a copy as it is: {}",
                    path.display(),
                    crate::store::LATEST_VERSION,
                    to.display()
                );
            }
            let b = copying.get_or_insert_with(|| copy_bar("copying"));
            show_copy(b, progress);
        }
        Upgrade::Migrating { number, of, from } => {
            if let Some(b) = copying.take() {
                b.finish_and_clear();
            }
            if terminal {
                let b = bar.get_or_insert_with(|| migration_bar(of));
                b.set_position(u64::try_from(number).unwrap_or(0) - 1);
                let to = from + i64::try_from(number).unwrap_or(0);
                b.set_message(format!("upgrading to schema {to}"));
            }
        }
        Upgrade::Upgraded { copy } => {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
            eprintln!(
                "leadgate: upgraded; the copy from before is {} (delete it once you no longer \
                 need it)",
                copy.display()
            );
        }
    });
    for b in [copying, bar].into_iter().flatten() {
        b.finish_and_clear();
    }
    Ok(store?)
}
