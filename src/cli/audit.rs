//! `leadgate audit`: the list audit into a folder of its own, and what it wrote.

use std::io::Write;
use std::path::PathBuf;

use super::commands::CliError;
use crate::audit::{AUDIT_DB, OUTPUTS, run as audit};
use crate::store::Ctx;

/// `leadgate audit FILE... -o DIR`.
///
/// # Errors
/// An existing audit without --force, a folder or database error; `Files` when a file could
/// not be read (the others are audited and written).
pub fn run(
    files: &[PathBuf],
    dir: &std::path::Path,
    force: bool,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let done = audit(files, dir, force, ctx).map_err(|e| CliError::Usage(e.to_string()))?;
    let r = &done.report;
    writeln!(
        out,
        "audited {} rows from {} file(s): {} distinct people, {} duplicate rows, {} not leads",
        r.rows_read,
        r.files.len(),
        r.unique_leads,
        r.duplicates,
        r.skipped
    )?;
    writeln!(
        out,
        "  {} to work: {} likely fit, {} likely not, {} unknown (suggestions, not evidence)",
        r.clean, r.suggested.likely_fit, r.suggested.likely_not, r.suggested.unknown
    )?;
    if r.excluded > 0 {
        let why: Vec<String> = r
            .excluded_by
            .iter()
            .map(|c| format!("{} {}", c.n, c.key))
            .collect();
        writeln!(out, "  {} excluded: {}", r.excluded, why.join(", "))?;
    }
    writeln!(out, "wrote in {}:", dir.display())?;
    for name in OUTPUTS {
        writeln!(out, "  {name}")?;
    }
    writeln!(
        out,
        "work the list: leadgate --db {} ",
        dir.join(AUDIT_DB).display()
    )?;
    if r.failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Files(r.failed.clone()))
    }
}
