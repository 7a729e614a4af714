//! `leadgate report`: the figures of `report`, written as text, Markdown, HTML or JSON.

use chrono::{DateTime, NaiveDate, Utc};
use std::io::Write;

use super::args::{ReportArgs, ReportFormat};
use super::commands::CliError;
use super::filters::scope;
use crate::report::{Period, build, html, text};
use crate::store::{Ctx, Store};

fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(chrono::NaiveTime::MIN).and_utc()
}

/// `leadgate report`.
///
/// # Errors
/// A bad filter, a database or write error.
pub fn run(
    store: &Store,
    args: &ReportArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if args.ids && args.format != ReportFormat::Json {
        return Err(CliError::Usage(
            "--ids lists lead ids in the JSON report: add --format json".into(),
        ));
    }
    if let (Some(s), Some(u)) = (args.since, args.until)
        && u < s
    {
        return Err(CliError::Usage(format!(
            "--until {u} is before --since {s}"
        )));
    }
    let scope = scope(
        store,
        args.source.as_deref(),
        args.owner.as_deref(),
        args.batch.as_deref(),
    )?;
    let period = Period {
        since: args.since.map(midnight),
        // The day given is included.
        until: args.until.and_then(|d| d.succ_opt()).map(midnight),
        source: scope.source,
        owner: scope.owner,
        batch: scope.batch,
    };
    let report = build(store, &period, &ctx.rules, ctx.now, args.ids)?;
    let body = match args.format {
        ReportFormat::Text => text::render(&report, false),
        ReportFormat::Md => text::render(&report, true),
        ReportFormat::Html => html::render(&report),
        ReportFormat::Json => crate::safe_json::to_string_pretty(&report)? + "\n",
    };
    match &args.output {
        Some(path) => {
            // A report names people: owner-only, whole or not at all.
            crate::private_file::write(path, body.as_bytes())?;
            writeln!(out, "wrote the report to {}", path.display())?;
        }
        None => out.write_all(body.as_bytes())?,
    }
    Ok(())
}
