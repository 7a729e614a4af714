//! `leadgate bulk`: one decision over the leads a selection finds, each decided on its own.

use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;

use super::args::{BulkAction, BulkArgs};
use super::commands::CliError;
use super::filters::{list_filter, passes};
use crate::domain::{Decision, ReasonCode};
use crate::store::{BulkRun, BulkTally, Ctx, ListSource, Store};

/// The decision `args` asks for, its reason checked.
fn decision(args: &BulkArgs) -> Result<Decision, CliError> {
    let reason = || -> Result<ReasonCode, CliError> {
        let code = args.reason.as_deref().ok_or_else(|| {
            CliError::Usage(format!(
                "bulk {} needs --reason CODE (see leadgate reasons)",
                verb(args.action)
            ))
        })?;
        Ok(ReasonCode::parse(code)?)
    };
    if args.until.is_some() && args.action != BulkAction::Nurture {
        return Err(CliError::Usage(
            "--until is the re-check day of a nurture; it does not apply here".into(),
        ));
    }
    let takes_reason = matches!(
        args.action,
        BulkAction::Nurture | BulkAction::Disqualify | BulkAction::Demote
    );
    if args.reason.is_some() && !takes_reason {
        return Err(CliError::Usage(format!(
            "bulk {} takes no --reason",
            verb(args.action)
        )));
    }
    Ok(match args.action {
        BulkAction::Promote => Decision::Promote,
        BulkAction::Reopen => Decision::Reopen,
        BulkAction::Disqualify => Decision::Disqualify(reason()?),
        BulkAction::Demote => Decision::Demote(reason()?),
        BulkAction::Nurture => match args.until {
            Some(day) => Decision::NurtureUntil(reason()?, day),
            None => Decision::Nurture(reason()?),
        },
    })
}

fn verb(action: BulkAction) -> &'static str {
    match action {
        BulkAction::Promote => "promote",
        BulkAction::Nurture => "nurture",
        BulkAction::Disqualify => "disqualify",
        BulkAction::Demote => "demote",
        BulkAction::Reopen => "reopen",
    }
}

/// The ids the workstation's search finds for `text`.
fn found_by_search(store: &Store, text: &str) -> Result<HashSet<String>, CliError> {
    if crate::store::fts_query(text).is_none() {
        return Err(CliError::Usage(
            "--search needs at least one word to find".to_string(),
        ));
    }
    let list = ListSource::Search(text.to_string());
    Ok(store.ids_of(&list)?.into_iter().collect())
}

/// What `bulk` selected: the leads to decide, and the opted-out ones a reopen leaves alone.
struct Selected {
    ids: Vec<String>,
    opted_out: u64,
}

fn select(store: &Store, args: &BulkArgs, ctx: &Ctx) -> Result<Selected, CliError> {
    let filter = list_filter(store, &args.select, None)?;
    let found = args
        .search
        .as_deref()
        .map(|t| found_by_search(store, t))
        .transpose()?;
    let today = ctx.now.date_naive();
    let mut selected = Selected {
        ids: Vec::new(),
        opted_out: 0,
    };
    store.walk_leads(&filter, |lead| -> Result<ControlFlow<()>, CliError> {
        let wanted = found.as_ref().is_none_or(|f| f.contains(&lead.id))
            && (!args.select.passes || passes(&lead, today, ctx));
        if !wanted {
            return Ok(ControlFlow::Continue(()));
        }
        // Someone who asked not to be contacted is put back in a queue only by a person
        // looking at that one record (`leadgate reopen` asks first).
        if args.action == BulkAction::Reopen && lead.state_reason == Some(ReasonCode::OptedOut) {
            selected.opted_out += 1;
        } else {
            selected.ids.push(lead.id);
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(selected)
}

/// A bar over the leads decided, on a terminal and for more than one chunk.
fn bar(len: usize, dry_run: bool) -> ProgressBar {
    if len <= crate::store::CHUNK || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let what = if dry_run { "trying" } else { "deciding" };
    if let Ok(style) = ProgressStyle::with_template(&format!(
        "{what} [{{bar:30}}] {{pos}}/{{len}} leads {{eta}}"
    )) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

#[derive(serde::Serialize)]
struct BulkJson<'a> {
    action: &'static str,
    dry_run: bool,
    selected: u64,
    #[serde(flatten)]
    tally: &'a BulkTally,
    /// Opted-out leads a reopen left alone.
    opted_out: u64,
}

/// `leadgate bulk`.
///
/// # Errors
/// A usage error for a missing or unneeded reason; `NoMatch` when nothing is selected; a
/// database error (chunks written before it stay written).
pub fn bulk(
    store: &mut Store,
    args: &BulkArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let decision = decision(args)?;
    let selected = select(store, args, ctx)?;
    if selected.ids.is_empty() && selected.opted_out == 0 {
        return Err(CliError::NoMatch("no lead matches".to_string()));
    }
    let bar = bar(selected.ids.len(), args.dry_run);
    let tally = store.decide_many(
        &selected.ids,
        &decision,
        BulkRun {
            note: args.note.as_deref(),
            dry_run: args.dry_run,
            keep_undo: false,
        },
        ctx,
        &mut |n| bar.set_position(n),
    )?;
    bar.finish_and_clear();
    let selected_count = selected.ids.len() as u64 + selected.opted_out;
    if args.json {
        let json = BulkJson {
            action: verb(args.action),
            dry_run: args.dry_run,
            selected: selected_count,
            tally: &tally,
            opted_out: selected.opted_out,
        };
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?
        )?;
        return Ok(());
    }
    let leads = |n: u64| if n == 1 { "lead" } else { "leads" };
    if args.dry_run {
        writeln!(
            out,
            "Would {} {} of {selected_count} {}; nothing was written.",
            verb(args.action),
            tally.done,
            leads(selected_count)
        )?;
    } else {
        writeln!(
            out,
            "{} {} of {selected_count} {}.",
            crate::domain::vocabulary::capitalized(decision.done_word()),
            tally.done,
            leads(selected_count)
        )?;
    }
    for (group, n) in tally.groups() {
        writeln!(out, "  {n} {group}")?;
    }
    if tally.missing > 0 {
        writeln!(
            out,
            "  {} gone meanwhile (removed by another program)",
            tally.missing
        )?;
    }
    if selected.opted_out > 0 {
        writeln!(
            out,
            "  {} opted out, left as they are: reopen each with leadgate reopen ID",
            selected.opted_out
        )?;
    }
    Ok(())
}
