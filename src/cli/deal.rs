//! The second gate's commands: stakeholders, touches, the handoff and a manager's review.

use std::io::Write;

use super::commands::CliError;
use super::deal_args::{HandoffAction, LogArgs, PackageFormat, ReviewAction, StakeholderAction};
use crate::domain::deal::{Authority, Engagement, Stakeholder};
use crate::domain::handoff::{RejectCode, Step, package};
use crate::domain::touch::TouchKind;
use crate::report::package::Package;
use crate::safe_text::one_line;
use crate::store::{Ctx, StepDone, Store};

/// `leadgate stakeholder ...`.
///
/// # Errors
/// A bad value, an unknown lead, a database error.
pub fn stakeholder(
    store: &mut Store,
    action: StakeholderAction,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match action {
        StakeholderAction::Add {
            id,
            name,
            role,
            engagement,
            authority,
        } => {
            let id = store.resolve(&id)?;
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(CliError::Usage("a stakeholder needs a --name".into()));
            }
            let person = Stakeholder {
                name,
                role: role.trim().to_string(),
                engagement: Engagement::parse(&engagement)?,
                authority: Authority::parse(&authority)?,
            };
            let shown = person.describe();
            store.add_stakeholder(&id, person, None, ctx)?;
            writeln!(
                out,
                "{}: stakeholder {}",
                store.short_id(&id),
                one_line(&shown)
            )?;
        }
        StakeholderAction::List { id, json } => {
            let id = store.resolve(&id)?;
            let lead = store.lead(&id)?;
            let list = &lead.evidence.stakeholders;
            if json {
                crate::safe_json::to_writer_pretty(&mut *out, list)?;
                writeln!(out)?;
            } else if list.is_empty() {
                writeln!(out, "{}: no stakeholders yet", store.short_id(&id))?;
            } else {
                for (i, person) in list.iter().enumerate() {
                    writeln!(out, "{}. {}", i + 1, one_line(&person.describe()))?;
                }
            }
        }
        StakeholderAction::Remove { id, number } => {
            let id = store.resolve(&id)?;
            let gone = store.remove_stakeholder(&id, number, None, ctx)?;
            writeln!(
                out,
                "{}: removed stakeholder {}",
                store.short_id(&id),
                one_line(&gone.describe())
            )?;
        }
    }
    Ok(())
}

/// `leadgate log ID --kind K --note N [--on DAY]`.
///
/// # Errors
/// A bad kind, a blank note or a future day; an unknown lead; a database error.
pub fn log(store: &mut Store, a: LogArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<(), CliError> {
    let id = store.resolve(&a.id)?;
    let kind = TouchKind::parse(&a.kind)?;
    let on = a.on.unwrap_or_else(|| ctx.now.date_naive());
    store.log_touch(&id, kind, on, &a.note, None, ctx)?;
    writeln!(
        out,
        "{}: {} on {on} logged",
        store.short_id(&id),
        kind.label().to_lowercase()
    )?;
    Ok(())
}

/// `leadgate handoff ...`.
///
/// # Errors
/// `Refused` (exit 3) for a step the record or the person may not take; a bad reason code;
/// an unknown lead; a database error.
pub fn handoff(
    store: &mut Store,
    action: HandoffAction,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (id, step, note) = match action {
        HandoffAction::Show { id, format } => return show(store, &id, format, ctx, out),
        HandoffAction::Send { id, to, note } => (id, Step::Send { to }, note),
        HandoffAction::Accept { id, note } => (id, Step::Accept, note),
        HandoffAction::Reject { id, reason, note } => {
            (id, Step::Reject(RejectCode::parse(&reason)?), note)
        }
        HandoffAction::Dispute { id, note } => (id, Step::Dispute, Some(note)),
    };
    take(store, &id, &step, note.as_deref(), ctx, out)
}

/// `leadgate review settle ...`.
///
/// # Errors
/// As `handoff`.
pub fn review(
    store: &mut Store,
    action: ReviewAction,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let ReviewAction::Settle {
        id, overturn, note, ..
    } = action;
    take(
        store,
        &id,
        &Step::Settle { overturn },
        Some(&note),
        ctx,
        out,
    )
}

fn take(
    store: &mut Store,
    prefix: &str,
    step: &Step,
    note: Option<&str>,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = store.resolve(prefix)?;
    let done = store.handoff(&id, step, note, None, ctx)?;
    writeln!(out, "{}: {}", store.short_id(&id), said(step, &done))?;
    Ok(())
}

/// What a step did, in one line.
fn said(step: &Step, done: &StepDone) -> String {
    let h = &done.handoff;
    let owner = match &done.owner_before {
        Some(before) if !crate::domain::handoff::same_person(before, &done.owner) => {
            format!("; owner {} → {}", one_line(before), one_line(&done.owner))
        }
        None => format!("; owner → {}", one_line(&done.owner)),
        Some(_) => String::new(),
    };
    let what = match step {
        Step::Send { .. } => format!("handed off to {} (their Handoffs queue)", one_line(&h.to)),
        Step::Accept => {
            "handoff accepted; promote it once the opportunity evidence is there".to_string()
        }
        Step::Reject(code) => format!(
            "handoff rejected ({}): back to {} in their Today queue",
            code.as_str(),
            one_line(&h.from)
        ),
        Step::Dispute => "rejection disputed: in the Review queue for a manager".to_string(),
        Step::Settle { overturn: true } => {
            format!(
                "dispute settled: rejection overturned, sent to {} again",
                one_line(&h.to)
            )
        }
        Step::Settle { overturn: false } => format!(
            "dispute settled: rejection upheld; stays with {}",
            one_line(&h.from)
        ),
    };
    format!("{what}{owner}")
}

fn show(
    store: &Store,
    prefix: &str,
    format: PackageFormat,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = store.resolve(prefix)?;
    let lead = store.lead(&id)?;
    let touches = store.touches(&id)?;
    let checks = package(&lead, &touches, &ctx.rules.gates);
    let view = Package::new(&lead, store.short_id(&id), checks, &touches);
    match format {
        PackageFormat::Json => {
            crate::safe_json::to_writer_pretty(&mut *out, &view)?;
            writeln!(out)?;
        }
        PackageFormat::Md | PackageFormat::Text => {
            write!(out, "{}", view.text(format == PackageFormat::Md))?;
        }
    }
    Ok(())
}
