//! `leadgate queue`: a work queue in priority order, as the workstation shows it.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};

use super::args::{NextArgs, QueueArgs};
use super::commands::{CliError, JsonList, LeadJson};
use super::filters::stored_value;
use super::render;
use crate::domain::Queue;
use crate::domain::score::score;
use crate::store::{Ctx, Direction, FilterColumn, ListSource, PageKey, Store};

/// How many leads one rescoring transaction takes.
const RESCORE_CHUNK: usize = 5_000;
/// How many rows one page read takes.
const PAGE: usize = 200;

pub fn run(
    store: &mut Store,
    args: &QueueArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (queue, list) = scored_list(store, &args.name, &args.source, &args.owner, ctx)?;
    let window = ctx.rules.gates.reason_now_window_days;
    let mut key: Option<PageKey> = None;
    let mut printed = 0;
    let mut json = if args.json {
        Some(JsonList::start(out)?)
    } else {
        None
    };
    while printed < args.limit {
        let rows = store.page(
            &list,
            key.as_ref(),
            Direction::Forward,
            PAGE.min(args.limit - printed),
        )?;
        let Some(last) = rows.last() else { break };
        key = Some(last.key.clone());
        for row in &rows {
            let lead = &row.lead;
            let short_id = store.short_id(&lead.id);
            let score = score(lead, ctx.now, &ctx.rules.score, window);
            if let Some(list) = &mut json {
                let item = LeadJson {
                    short_id,
                    lead,
                    checklist: None,
                    score: Some(score),
                };
                list.item(out, &item)?;
            } else {
                writeln!(
                    out,
                    "{:>6.1}  {}\n        {}",
                    score.total,
                    render::list_line(&short_id, lead),
                    score.breakdown()
                )?;
                // A handoff says where it stands: a rejection's reason stays in view until
                // the SDR acts on it.
                if let Some(h) = &lead.evidence.handoff {
                    writeln!(
                        out,
                        "        Handoff: {}",
                        crate::safe_text::one_line(&h.describe())
                    )?;
                }
            }
            printed += 1;
        }
    }
    if let Some(list) = json {
        list.end(out)?;
    } else if printed == 0 {
        writeln!(out, "{queue} is empty")?;
    }
    // A manager's pipeline review also looks at labels their evidence no longer supports:
    // that list is a queue of its own, said here so it is not missed.
    if queue == Queue::Review && !args.json {
        let unsupported = store
            .queue_counts()?
            .into_iter()
            .find(|(q, _)| *q == Queue::Unsupported)
            .map_or(0, |(_, n)| n);
        if unsupported > 0 {
            writeln!(
                out,
                "Also in review: {unsupported} record(s) whose evidence no longer \
                 supports their stage: leadgate queue unsupported"
            )?;
        }
    }
    Ok(())
}

/// The queue named, with its filters as stored, its scores brought up to date first (a
/// read-only file is read as it is).
fn scored_list(
    store: &mut Store,
    name: &str,
    source: &Option<String>,
    owner: &Option<String>,
    ctx: &Ctx,
) -> Result<(Queue, ListSource), CliError> {
    let queue = Queue::parse(name)?;
    if store.read_only() {
        eprintln!(
            "leadgate: {} is read-only; scores are as last stored",
            store.path().display()
        );
    } else {
        rescore_all(store, ctx)?;
    }
    let stored = |column, given: &Option<String>| {
        given
            .as_deref()
            .map(|v| stored_value(store, column, v))
            .transpose()
    };
    let list = ListSource::Queue {
        queue,
        source: stored(FilterColumn::Source, source)?,
        owner: stored(FilterColumn::Owner, owner)?,
    };
    Ok((queue, list))
}

/// `leadgate next`: the id of the top lead of a queue, or its record as JSON.
///
/// # Errors
/// `NoMatch` when the queue is empty (exit status 1, so a shell loop ends); a misspelt
/// queue or filter; a database error.
pub fn next(
    store: &mut Store,
    args: &NextArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (queue, list) = scored_list(store, &args.name, &args.source, &args.owner, ctx)?;
    let Some(row) = store.page(&list, None, Direction::Forward, 1)?.pop() else {
        return Err(CliError::NoMatch(format!("{queue} is empty")));
    };
    if args.json {
        let window = ctx.rules.gates.reason_now_window_days;
        let item = LeadJson {
            short_id: store.short_id(&row.lead.id),
            lead: &row.lead,
            checklist: None,
            score: Some(score(&row.lead, ctx.now, &ctx.rules.score, window)),
        };
        crate::safe_json::to_writer_pretty(&mut *out, &item)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", row.lead.id)?;
    }
    Ok(())
}

/// Brings every score the clock or the rules changed up to date, with a progress bar on a
/// terminal when there are many.
fn rescore_all(store: &mut Store, ctx: &Ctx) -> Result<(), CliError> {
    let pending = store.rescore_pending(ctx)?;
    let bar = if pending > 20_000 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(pending);
        if let Ok(style) =
            ProgressStyle::with_template("scoring again [{bar:30}] {pos}/{len} {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    store.rescore_all(ctx, RESCORE_CHUNK, |n| {
        bar.inc(n as u64);
        true
    })?;
    bar.finish_and_clear();
    Ok(())
}
