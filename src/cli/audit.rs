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
    let done = audit(files, dir, force, ctx).map_err(|e| match e {
        crate::audit::AuditError::Exists(_) => CliError::Usage(e.to_string()),
        crate::audit::AuditError::Unreadable(mut list) => {
            list.push("nothing was written; fix or leave out the file(s) above".into());
            CliError::Files(list)
        }
        crate::audit::AuditError::Store(e) => CliError::Store(e),
        other => CliError::Io(std::io::Error::other(other.to_string())),
    })?;
    let r = &done.report;
    writeln!(
        out,
        "audited {} rows from {} file(s): {} records after merging (about {} people), {} duplicate rows, {} not leads",
        r.rows_read,
        r.files.len(),
        r.unique_leads,
        r.unique_leads - r.probable_duplicates,
        r.duplicates,
        r.skipped
    )?;
    if r.probable_duplicates > 0 {
        writeln!(
            out,
            "  {} more records are probably people listed already (same name at the same \
             company, or the same LinkedIn profile): in duplicates.csv, not clean.csv",
            r.probable_duplicates
        )?;
    }
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
        if r.probable_same_person > 0 {
            writeln!(
                out,
                "  ({} of them only as probably the same person as an excluded record)",
                r.probable_same_person
            )?;
        }
    }
    writeln!(out, "wrote in {}:", dir.display())?;
    for name in OUTPUTS {
        writeln!(out, "  {name}")?;
    }
    let db = dir.join(AUDIT_DB).display().to_string();
    let db = if db.contains(char::is_whitespace) || db.contains('\'') {
        format!("'{}'", db.replace('\'', "'\\''"))
    } else {
        db
    };
    writeln!(out, "work the list: leadgate --db {db}")?;
    if r.failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Files(r.failed.clone()))
    }
}
