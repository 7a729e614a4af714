//! `leadgate export` and `leadgate exports`: leads out to a sequencer, a CRM or a file, with
//! a summary of what was written and what was left out, and why.

use std::collections::BTreeMap;
use std::io::Write;

use super::args::ExportArgs;
use super::commands::CliError;
use super::filters::scope;
use crate::domain::export::{Hold, holds, never_exported};
use crate::domain::{Stage, State};
use crate::interchange::export::{ExportWriter, Profile};
use crate::safe_text::one_line;
use crate::store::{Ctx, ExportInfo, ExportSpec, ListFilter, Store, Written};

/// What an export left out, by reason.
#[derive(Debug, Default)]
struct LeftOut {
    /// Written without a value the tool requires (it will refuse them).
    incomplete: u64,
    opted_out: u64,
    sent_before: u64,
    held: BTreeMap<Hold, u64>,
}

/// `leadgate export`.
///
/// # Errors
/// A bad profile or filter, an existing file without --force, a write or database error.
pub fn run(
    store: &mut Store,
    args: &ExportArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let profile = Profile::parse(&args.to)?;
    if args.bom && profile == Profile::Json {
        return Err(CliError::Usage(
            "--bom is for CSV files a spreadsheet opens; JSON has none".into(),
        ));
    }
    let ready = args.ready || profile.is_sequencer();
    if args.again && !ready {
        return Err(CliError::Usage(format!(
            "--again sends the ready list again; without --ready, {} gets every lead selected \
             anyway",
            profile.as_str()
        )));
    }
    let scope = scope(
        store,
        args.source.as_deref(),
        args.owner.as_deref(),
        args.batch.as_deref(),
    )?;
    let filter = ListFilter {
        stage: args.stage.as_deref().map(Stage::parse).transpose()?,
        state: args.state.as_deref().map(State::parse).transpose()?,
        stages: if ready {
            vec![Stage::Prospect, Stage::Opportunity]
        } else {
            Vec::new()
        },
        source: scope.source,
        owner: scope.owner,
        batch: scope.batch,
        ..ListFilter::default()
    };
    if let Some(path) = &args.output
        && path.exists()
        && !args.force
    {
        return Err(CliError::Usage(format!(
            "{} exists; pass --force to replace it",
            path.display()
        )));
    }
    let selection = serde_json::json!({
        "ready": ready,
        "again": args.again,
        "stage": filter.stage.map(Stage::as_str),
        "state": filter.state.map(State::as_str),
        "source": filter.source,
        "owner": filter.owner,
        "batch": filter.batch,
    });
    // Recorded in full: "ready.csv" says little a month later, from another folder.
    let file_text = args.output.as_ref().map(|p| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string()
    });
    let spec = ExportSpec {
        profile: profile.as_str(),
        file: file_text.as_deref(),
        filter: &filter,
        selection,
        per_lead: profile.records_each_lead(),
    };
    let today = ctx.now.date_naive();
    let mut left = LeftOut::default();
    let info = match &args.output {
        Some(path) => {
            // Renamed into place once the export is recorded: a failed export leaves no
            // half-written file.
            let temp = crate::private_file::beside(path)?;
            let writer = ExportWriter::start(profile, std::io::BufWriter::new(temp), args.bom)?;
            let (info, temp) = write_all(
                store, &spec, ctx, ready, args.again, today, &mut left, writer,
            )?;
            let temp = temp
                .into_inner()
                .map_err(|e| CliError::Io(e.into_error()))?;
            crate::private_file::put(temp, path)?;
            info
        }
        None => {
            let stdout = std::io::stdout();
            let writer = ExportWriter::start(profile, stdout.lock(), args.bom)?;
            write_all(
                store, &spec, ctx, ready, args.again, today, &mut left, writer,
            )?
            .0
        }
    };
    // With the leads on standard output, the summary goes to the terminal beside them.
    if args.output.is_some() {
        summary(profile, &info, &left, ready, out)?;
    } else {
        summary(profile, &info, &left, ready, &mut std::io::stderr())?;
    }
    Ok(())
}

/// Writes every selected lead, records the export, and gives back what the writer wrote to.
#[allow(clippy::too_many_arguments)]
fn write_all<W: Write>(
    store: &mut Store,
    spec: &ExportSpec<'_>,
    ctx: &Ctx,
    ready: bool,
    again: bool,
    today: chrono::NaiveDate,
    left: &mut LeftOut,
    writer: ExportWriter<W>,
) -> Result<(ExportInfo, W), CliError> {
    // Both the lead callback and the finish use the writer; the store calls them in turn.
    let writer = std::cell::RefCell::new(Some(writer));
    let mut finished: Option<crate::interchange::export::Finished<W>> = None;
    let rules = &ctx.rules.gates;
    let info = store.export(
        spec,
        ctx,
        |lead, sent_before| -> Result<Written, CliError> {
            if never_exported(lead) {
                left.opted_out += 1;
                return Ok(Written::No);
            }
            if ready {
                let held = holds(lead, today, rules);
                // Parked and earlier-stage leads are not candidates: not counted.
                if held.contains(&Hold::NotActive) || held.contains(&Hold::NotProspect) {
                    return Ok(Written::No);
                }
                if !held.is_empty() {
                    for h in held {
                        *left.held.entry(h).or_default() += 1;
                    }
                    return Ok(Written::No);
                }
                if sent_before && !again {
                    left.sent_before += 1;
                    return Ok(Written::No);
                }
            }
            if let Some(w) = writer.borrow_mut().as_mut() {
                w.lead(lead)?;
            }
            Ok(Written::Yes)
        },
        || -> Result<u64, CliError> {
            let Some(w) = writer.borrow_mut().take() else {
                return Ok(0);
            };
            let mut done = w.finish()?;
            done.out.flush()?;
            let split = done.split;
            finished = Some(done);
            Ok(split)
        },
    )?;
    let done = finished.ok_or_else(|| CliError::Usage("the export was not finished".into()))?;
    left.incomplete = done.incomplete;
    Ok((info, done.out))
}

fn summary(
    profile: Profile,
    info: &ExportInfo,
    left: &LeftOut,
    ready: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let to = info
        .file
        .as_deref()
        .map_or_else(|| "standard output".to_string(), one_line);
    let what = if ready { "sales-ready lead" } else { "lead" };
    writeln!(
        out,
        "wrote {} {what}{} to {to} for {}",
        info.count,
        if info.count == 1 { "" } else { "s" },
        profile.label()
    )?;
    if profile.is_sequencer() && ready {
        writeln!(
            out,
            "  {} is a sequencer: only leads whose prospect checklist passes today are sent",
            profile.label()
        )?;
    }
    if let Some(max) = profile.max_rows()
        && info.count > max
    {
        writeln!(
            out,
            "  warning: {} imports at most {max} rows a file; export in parts (--source, --batch)",
            profile.label()
        )?;
    }
    if info.split > 0 {
        writeln!(
            out,
            "  {} full name{} split into first and last name (see `leadgate export --help`)",
            info.split,
            if info.split == 1 { "" } else { "s" }
        )?;
    }
    let mut parts: Vec<String> = left
        .held
        .iter()
        .map(|(h, n)| format!("{n} {}", h.describe()))
        .collect();
    if left.sent_before > 0 {
        parts.push(format!(
            "{} sent to {} before (--again sends them again)",
            left.sent_before,
            profile.as_str()
        ));
    }
    if left.opted_out > 0 {
        parts.push(format!("{} opted out (never exported)", left.opted_out));
    }
    if !parts.is_empty() {
        writeln!(out, "  left out: {}", parts.join(" · "))?;
    }
    if left.incomplete > 0 {
        writeln!(
            out,
            "  warning: {} lead{} without a company or a last name, which {} requires: it will refuse them",
            left.incomplete,
            if left.incomplete == 1 { "" } else { "s" },
            profile.label()
        )?;
    }
    if info.count == 0 {
        writeln!(
            out,
            "  no lead was written (the file has the header row only), so no export is recorded"
        )?;
        return Ok(());
    }
    let recorded = if profile.records_each_lead() {
        "; each lead's history shows it"
    } else {
        ""
    };
    writeln!(
        out,
        "  recorded as export {} (leadgate exports){recorded}",
        &info.id[..8.min(info.id.len())]
    )?;
    Ok(())
}

/// `leadgate exports`.
///
/// # Errors
/// A database or write error.
pub fn list(store: &Store, json: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let exports = store.exports()?;
    if json {
        crate::safe_json::to_writer_pretty(&mut *out, &exports)?;
        writeln!(out)?;
        return Ok(());
    }
    if exports.is_empty() {
        writeln!(
            out,
            "no exports yet; `leadgate export --ready --to PROFILE -o FILE` writes one"
        )?;
    }
    for e in &exports {
        writeln!(
            out,
            "{}  {}  {:<10} {:>7} lead{}  {}  by {}",
            &e.id[..8.min(e.id.len())],
            e.at.format("%Y-%m-%d %H:%M"),
            e.profile,
            e.count,
            if e.count == 1 { " " } else { "s" },
            e.file
                .as_deref()
                .map_or_else(|| "standard output".into(), one_line),
            one_line(&e.actor)
        )?;
    }
    Ok(())
}
