//! `leadgate queue`: a work queue in priority order, as the workstation shows it.

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};

use super::args::QueueArgs;
use super::commands::CliError;
use super::render;
use crate::domain::score::{Score, score};
use crate::domain::{Lead, Queue};
use crate::store::{Ctx, Direction, ListSource, PageKey, Store};

/// How many leads one rescoring transaction takes.
const RESCORE_CHUNK: usize = 5_000;
/// How many rows one page read takes.
const PAGE: usize = 200;

#[derive(Serialize)]
struct Row<'a> {
    short_id: String,
    #[serde(flatten)]
    lead: &'a Lead,
    score: Score,
}

pub fn run(
    store: &mut Store,
    args: &QueueArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let queue = Queue::parse(&args.name)?;
    rescore_all(store, ctx)?;
    let list = ListSource::Queue {
        queue,
        source: args.source.clone(),
        owner: args.owner.clone(),
    };
    let window = ctx.rules.gates.reason_now_window_days;
    let mut key: Option<PageKey> = None;
    let mut printed = 0;
    if args.json {
        write!(out, "[")?;
    }
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
            let item = Row {
                short_id: store.short_id(&lead.id),
                lead,
                score: score(lead, ctx.now, &ctx.rules.score, window),
            };
            if args.json {
                write!(out, "{}\n  ", if printed == 0 { "" } else { "," })?;
                serde_json::to_writer(&mut *out, &item)?;
            } else {
                writeln!(
                    out,
                    "{:>6.1}  {}\n        {}",
                    item.score.total,
                    render::list_line(&item.short_id, lead),
                    item.score.breakdown()
                )?;
            }
            printed += 1;
        }
    }
    if args.json {
        writeln!(out, "{}]", if printed == 0 { "" } else { "\n" })?;
    } else if printed == 0 {
        writeln!(out, "{queue} is empty")?;
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
    loop {
        let n = store.rescore(ctx, RESCORE_CHUNK)?;
        bar.inc(n as u64);
        if n < RESCORE_CHUNK {
            break;
        }
    }
    bar.finish_and_clear();
    Ok(())
}
