//! A bulk action run from the workstation: the status line counts the leads as each chunk
//! of them commits, and Esc stops the run once the chunk under way is written.

use std::ops::ControlFlow;

use super::action::{BulkLeads, Command, Outcome};
use super::app::App;
use crate::store::{BulkRun, Store, StoreError};

/// Draws the screen and says whether the person asked to stop.
pub type Draw<'a> = &'a mut dyn FnMut(&App) -> bool;

/// Whether `command` is one this module runs.
#[must_use]
pub fn is_bulk(command: &Command) -> bool {
    matches!(command, Command::Bulk { .. } | Command::UndoBulk { .. })
}

/// Runs a bulk action or its undo, drawing the count after each chunk.
pub fn run(
    store: &mut Store,
    app: &mut App,
    actor: &str,
    command: &Command,
    draw: Draw,
) -> Outcome {
    let ctx = super::context(app, actor);
    let result: Result<Outcome, StoreError> = (|| match command {
        Command::Bulk {
            leads,
            change,
            note,
        } => {
            let ids = match leads {
                BulkLeads::Ids(ids) => ids.clone(),
                BulkLeads::All(list) => store.ids_of(list)?,
            };
            let run = BulkRun {
                note: note.as_deref(),
                dry_run: false,
                keep_undo: true,
            };
            let total = ids.len();
            let tally = store.change_many(&ids, change, run, &ctx, &mut |n| {
                counted(app, n, total, draw)
            })?;
            Ok(Outcome::Bulk {
                tally: Box::new(tally),
                change: change.clone(),
                undoing: None,
            })
        }
        Command::UndoBulk { steps, label } => {
            let total = steps.len();
            let tally = store.change_steps(steps, BulkRun::default(), &ctx, &mut |n| {
                counted(app, n, total, draw)
            })?;
            Ok(Outcome::Bulk {
                tally: Box::new(tally),
                change: crate::domain::BulkChange::Restore(Vec::new()),
                undoing: Some(label.clone()),
            })
        }
        _ => Ok(Outcome::Failed("not a bulk action".into())),
    })();
    result.unwrap_or_else(|e| Outcome::Failed(e.to_string()))
}

/// Shows how far the run is; stops it when the person pressed Esc.
fn counted(app: &mut App, done: u64, total: usize, draw: Draw) -> ControlFlow<()> {
    if done >= total as u64 {
        return ControlFlow::Continue(());
    }
    app.say(format!(
        "Working… {done} of {total} leads done · Esc stops after the chunk under way"
    ));
    if draw(app) {
        app.say("Stopping after this chunk…");
        ControlFlow::Break(())
    } else {
        ControlFlow::Continue(())
    }
}
