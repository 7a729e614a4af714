//! `leadgate bulk`: one change over the leads a selection finds, each changed on its own.

use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;

use super::bulk_args::{BulkAction, BulkArgs};
use super::commands::CliError;
use super::filters::{list_filter, passes};
use crate::domain::{BulkChange, Decision, Flag, ReasonCode};
use crate::store::{BulkRun, BulkTally, Ctx, ListSource, Store};

/// The change `args` asks for, its reason (or owner, or flag) checked.
fn change(args: &BulkArgs) -> Result<BulkChange, CliError> {
    let usage = |what: String| Err(CliError::Usage(what));
    let verb = verb(args.action);
    let reason = || -> Result<ReasonCode, CliError> {
        let code = args.reason.as_deref().ok_or_else(|| {
            CliError::Usage(format!(
                "bulk {verb} needs --reason CODE (see leadgate reasons)"
            ))
        })?;
        Ok(ReasonCode::parse(code)?)
    };
    if args.until.is_some() && args.action != BulkAction::Nurture {
        return usage("--until is the re-check day of a nurture; it does not apply here".into());
    }
    if args.to.is_some() && args.action != BulkAction::Assign {
        return usage(format!(
            "bulk {verb} takes no --to: that is the owner of an assign"
        ));
    }
    let takes_reason = matches!(
        args.action,
        BulkAction::Nurture | BulkAction::Disqualify | BulkAction::Demote
    );
    if args.reason.is_some() && !takes_reason {
        return usage(format!("bulk {verb} takes no --reason"));
    }
    Ok(match args.action {
        BulkAction::Promote => BulkChange::Decide(Decision::Promote),
        BulkAction::Reopen => BulkChange::Decide(Decision::Reopen),
        BulkAction::Disqualify => BulkChange::Decide(Decision::Disqualify(reason()?)),
        BulkAction::Demote => BulkChange::Decide(Decision::Demote(reason()?)),
        BulkAction::Nurture => BulkChange::Decide(match args.until {
            Some(day) => Decision::NurtureUntil(reason()?, day),
            None => Decision::Nurture(reason()?),
        }),
        BulkAction::Assign => {
            let Some(to) = &args.to else {
                return usage(
                    "bulk assign needs --to OWNER (--to \"\" takes the owner off)".into(),
                );
            };
            let to = to.trim();
            BulkChange::Assign((!to.is_empty()).then(|| to.to_string()))
        }
        BulkAction::Accept => BulkChange::Accept,
        BulkAction::Resolve => {
            let Some(flag) = args.select.flag.as_deref() else {
                return usage(
                    "bulk resolve needs --flag F: the flag to resolve on each lead".into(),
                );
            };
            let flag = Flag::parse(flag)?;
            if flag == Flag::DoNotContact {
                return usage(
                    "do_not_contact is resolved one lead at a time, with the day they consented: \
                     leadgate resolve ID do_not_contact --consent-on YYYY-MM-DD --note …"
                        .into(),
                );
            }
            let note = args.note.as_deref().map(str::trim).unwrap_or_default();
            if note.is_empty() {
                return usage("bulk resolve needs --note: why each record is fine".into());
            }
            BulkChange::Resolve(flag, note.to_string())
        }
    })
}

fn verb(action: BulkAction) -> &'static str {
    match action {
        BulkAction::Promote => "promote",
        BulkAction::Nurture => "nurture",
        BulkAction::Disqualify => "disqualify",
        BulkAction::Demote => "demote",
        BulkAction::Reopen => "reopen",
        BulkAction::Assign => "assign",
        BulkAction::Accept => "accept",
        BulkAction::Resolve => "resolve",
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
    if len <= crate::store::PROGRESS_FROM || !std::io::stderr().is_terminal() {
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
    let change = change(args)?;
    let selected = select(store, args, ctx)?;
    if selected.ids.is_empty() && selected.opted_out == 0 {
        return Err(CliError::NoMatch("no lead matches".to_string()));
    }
    let bar = bar(selected.ids.len(), args.dry_run);
    let tally = store.change_many(
        &selected.ids,
        &change,
        BulkRun {
            // A resolution carries its note in the change itself.
            note: args.note.as_deref(),
            dry_run: args.dry_run,
            keep_undo: false,
        },
        ctx,
        &mut |n| {
            bar.set_position(n);
            ControlFlow::Continue(())
        },
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
            crate::domain::vocabulary::capitalized(change.done_word()),
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
