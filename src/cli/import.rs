//! `leadgate import` and `leadgate imports`.

use std::io::Write;

use super::args::ImportArgs;
use super::commands::CliError;
use crate::import::{DryRun, FileSummary, ImportOptions, Skip, dry_run, import_file};
use crate::interchange::mapping::parse_override;
use crate::safe_text::one_line;
use crate::store::{Ctx, Store};

/// How many rows `--dry-run` shows.
const DRY_RUN_ROWS: usize = 5;

/// Runs an import, a dry run or an undo. Files that fail are reported and the others still
/// import; the error returned then names how many failed.
pub fn run(
    store: &mut Store,
    a: &ImportArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if let Some(batch) = &a.undo {
        let id = store.resolve_batch(batch)?;
        let report = store.undo_import(&id, ctx)?;
        if a.json {
            crate::safe_json::to_writer_pretty(&mut *out, &report)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "import {} undone: {} lead(s) removed, {} kept (worked on since), {} merge(s) reverted, {} field(s) kept (changed since)",
                crate::domain::id::prefix(&id, 8),
                report.removed,
                report.kept,
                report.merges_reverted,
                report.fields_kept
            )?;
        }
        return Ok(());
    }
    let options = options(a)?;
    let mut failed = Vec::new();
    let mut summaries = Vec::new();
    for path in &a.files {
        match import_file(store, path, &options, ctx, !a.json) {
            Ok(summary) => {
                if !a.json {
                    write_summary(&summary, out)?;
                }
                summaries.push(summary);
            }
            Err(e) => failed.push(e.about_database(store.path()).to_string()),
        }
    }
    if a.json {
        match summaries.as_slice() {
            [one] => crate::safe_json::to_writer_pretty(&mut *out, one)?,
            many => crate::safe_json::to_writer_pretty(&mut *out, many)?,
        }
        writeln!(out)?;
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Files(failed))
    }
}

fn options(a: &ImportArgs) -> Result<ImportOptions, CliError> {
    let maps = a
        .maps
        .iter()
        .map(|m| parse_override(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| CliError::Usage(e.to_string()))?;
    Ok(ImportOptions {
        source: a.source.clone(),
        maps,
        keep_duplicates: false,
    })
}

/// `import --dry-run`: reads the files, shows what would be stored, writes nothing.
pub fn dry_runs(a: &ImportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let options = options(a)?;
    let mut failed = Vec::new();
    for path in &a.files {
        match dry_run(path, &options, DRY_RUN_ROWS) {
            Ok(run) => write_dry_run(&run, a.json, out)?,
            Err(e) => failed.push(e.to_string()),
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(CliError::Files(failed))
    }
}

fn write_summary(s: &FileSummary, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(
        out,
        "{} (batch {}): {} rows read: {} created, {} merged, {} unchanged, {} skipped",
        one_line(&s.file),
        crate::domain::id::prefix(&s.batch, 8),
        s.read,
        s.created,
        s.merged,
        s.unchanged,
        s.skipped.len()
    )?;
    if !s.flagged.is_empty() {
        let flags: Vec<String> = s.flagged.iter().map(|(f, n)| format!("{f} {n}")).collect();
        writeln!(out, "  flagged: {}", flags.join(", "))?;
    }
    write_mapping(s, out)?;
    write_skipped(&s.file, &s.skipped, out)?;
    write_repaired(&s.file, &s.repaired, out)
}

/// The rows a file did not import, as `FILE:LINE: reason`.
fn write_skipped(file: &str, skipped: &[Skip], out: &mut dyn Write) -> Result<(), CliError> {
    for skip in skipped {
        writeln!(
            out,
            "  skipped {}:{}: {}",
            one_line(file),
            skip.line,
            one_line(&skip.reason)
        )?;
    }
    Ok(())
}

fn write_dry_run(run: &DryRun, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if json {
        let rows: Vec<serde_json::Value> = run
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "line": r.line, "contact": r.contact, "record_id": r.record_id,
                    "invalid_email": r.invalid_email, "attributes": r.attributes,
                })
            })
            .collect();
        let value = serde_json::json!({ "dry_run": run, "rows": rows });
        crate::safe_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "{}: {}, {}-separated, header on line {} (dry run: nothing is written)",
        one_line(&run.file),
        run.encoding,
        run.delimiter,
        run.header_line
    )?;
    writeln!(out, "Columns:")?;
    for column in &run.mapping {
        writeln!(
            out,
            "  {:<32} → {:<13} {}",
            one_line(&column.header),
            column.field,
            one_line(&column.why)
        )?;
    }
    writeln!(out, "First rows as they would be stored:")?;
    for r in &run.rows {
        let c = &r.contact;
        let parts: Vec<String> = [
            Some(c.name.as_str()),
            c.email.as_deref(),
            c.title.as_deref(),
            c.company.as_deref(),
            c.domain.as_deref(),
            c.phone.as_deref(),
            c.source.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(one_line)
        .collect();
        writeln!(out, "  line {}: {}", r.line, parts.join(" · "))?;
        if let Some(bad) = &r.invalid_email {
            writeln!(out, "    invalid email kept and flagged: {}", one_line(bad))?;
        }
        if !r.attributes.is_empty() {
            let attrs: Vec<String> = r
                .attributes
                .iter()
                .map(|(k, v)| format!("{}={}", one_line(k), one_line(v)))
                .collect();
            writeln!(out, "    attributes: {}", attrs.join(", "))?;
        }
    }
    write_skipped(&run.file, &run.skipped, out)?;
    write_repaired(&run.file, &run.repaired, out)
}

/// The rows imported after something was removed from them, as `FILE:LINE: what`.
fn write_repaired(file: &str, repaired: &[Skip], out: &mut dyn Write) -> Result<(), CliError> {
    for fix in repaired {
        writeln!(
            out,
            "  repaired {}:{}: {}",
            one_line(file),
            fix.line,
            one_line(&fix.reason)
        )?;
    }
    Ok(())
}

/// The columns that filled a field, and how many were kept as attributes.
fn write_mapping(s: &FileSummary, out: &mut dyn Write) -> Result<(), CliError> {
    let mapped: Vec<String> = s
        .mapping
        .iter()
        .filter(|c| c.field != "attribute")
        .map(|c| format!("{} ← '{}'", c.field, one_line(&c.header)))
        .collect();
    let kept = match s.mapping.len() - mapped.len() {
        1 => "1 kept as an attribute".to_string(),
        n => format!("{n} kept as attributes"),
    };
    writeln!(
        out,
        "  columns: {}; {kept} (--dry-run says why)",
        if mapped.is_empty() {
            "none filled a field".to_string()
        } else {
            mapped.join(", ")
        }
    )?;
    Ok(())
}

/// `leadgate imports`.
pub fn list(store: &Store, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let batches = store.batches()?;
    if json {
        crate::safe_json::to_writer_pretty(&mut *out, &batches)?;
        writeln!(out)?;
        return Ok(());
    }
    if batches.is_empty() {
        writeln!(out, "no imports yet")?;
    }
    for b in batches {
        writeln!(
            out,
            "{}  {}  {:<7} {:<32} read {:>6}  created {:>6}  merged {:>5}  skipped {:>4}  by {}",
            crate::domain::id::prefix(&b.id, 8),
            b.started_at.format("%Y-%m-%d %H:%M"),
            b.status,
            one_line(&b.file_name),
            b.rows_read,
            b.created,
            b.merged,
            b.skipped,
            one_line(&b.actor)
        )?;
    }
    Ok(())
}
