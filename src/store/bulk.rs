//! One change over many leads. Each lead is changed on its own, as the one-lead write changes
//! it (`decide`, `set_field`, `resolve_flag`): the gate judges its own evidence, and its own
//! events record what changed. The work goes in
//! chunks of one transaction each, so an interrupted run leaves every lead either decided or
//! as it was, never half-written; a dry run does the same work and rolls every chunk back.
//!
//! A chunk ends after `CHUNK_TIME` (or `CHUNK_MAX` leads), not after a fixed count: every
//! commit writes again the index pages the chunk touched, so fewer, larger chunks cost less
//! (on the million, 2,000 leads a chunk took 33 s for 121,000 leads, 60,000 a chunk 20 s),
//! while another program waiting to write waits no longer than one chunk, well inside its
//! busy timeout.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use super::decide::{decide_in, resolve_flag_in, set_field_in};
use super::expect::{Expect, check};
use super::leads::get;
use super::{Ctx, Store, StoreError};
use crate::domain::Lead;
use crate::domain::bulk::{BulkChange, UNCHANGED, restoring_edits};
use crate::domain::field::{Edit, Field};
use crate::domain::flags::FlagError;
use crate::domain::transition::Decision;

/// How long one transaction of a bulk action runs before it commits.
pub const CHUNK_TIME: std::time::Duration = std::time::Duration::from_millis(1_500);

/// The most leads one transaction of a bulk action changes.
pub const CHUNK_MAX: usize = 50_000;

/// Under this many leads a bulk action is over too soon to need a progress bar.
pub const PROGRESS_FROM: usize = 2_000;

/// The page cache of a bulk decision, in KiB (SQLite's default is 2 MB).
const BULK_CACHE_KIB: u32 = 64 * 1024;

/// How a bulk action runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct BulkRun<'a> {
    /// The note every change carries.
    pub note: Option<&'a str>,
    /// Do the work, keep nothing: each chunk is rolled back.
    pub dry_run: bool,
    /// Keep, for each lead decided, the step that takes it back (`BulkTally::undo`).
    pub keep_undo: bool,
}

/// One lead's part of a bulk action that differs lead by lead: an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkStep {
    pub id: String,
    pub change: BulkChange,
    /// The version the lead must still be at (what the action being undone left).
    pub expect: Option<i64>,
    /// The history entry the step takes back.
    pub undoes: Option<String>,
}

/// What a bulk decision did, by outcome.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct BulkTally {
    /// Leads the decision applied to.
    pub done: u64,
    /// Leads it was refused for, by group ("missing reason now": 38).
    pub refused: BTreeMap<String, u64>,
    /// Leads that were gone by the time their turn came (another program removed them).
    pub missing: u64,
    /// Stopped part way by the caller's `progress`: the leads after the last whole chunk
    /// were not looked at.
    pub stopped: bool,
    /// With `keep_undo`: the steps that put every decided lead back, in order.
    #[serde(skip)]
    pub undo: Vec<BulkStep>,
}

impl BulkTally {
    /// Every lead looked at.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.done + self.refused.values().sum::<u64>() + self.missing
    }

    /// The refusals, the largest group first: what stopped most leads is what to fix first.
    #[must_use]
    pub fn groups(&self) -> Vec<(&str, u64)> {
        let mut groups: Vec<(&str, u64)> =
            self.refused.iter().map(|(g, n)| (g.as_str(), *n)).collect();
        groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        groups
    }
}

/// A lead's part of the run, borrowed from whichever list holds it.
struct Step<'s> {
    id: &'s str,
    change: &'s BulkChange,
    expect: Option<i64>,
    undoes: Option<&'s str>,
}

/// Refused with this group when a lead changed since the undo's action (another program,
/// or a later decision of one's own).
pub const CHANGED_SINCE: &str = "changed since";

impl Store {
    /// Applies `change` to each of `ids` in turn, a chunk a transaction, calling `progress`
    /// with the count so far after each chunk; it may stop the run there.
    ///
    /// # Errors
    /// A database error; chunks committed before it stay.
    pub fn change_many(
        &mut self,
        ids: &[String],
        change: &BulkChange,
        run: BulkRun<'_>,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<BulkTally, StoreError> {
        let step = |i: usize| Step {
            id: &ids[i],
            change,
            expect: None,
            undoes: None,
        };
        self.run_steps(ids.len(), &step, run, ctx, progress)
    }

    /// Carries out steps that each say their own change: the undo of a bulk action. A lead
    /// that changed since is left as it is, counted under `CHANGED_SINCE`.
    ///
    /// # Errors
    /// A database error; chunks committed before it stay.
    pub fn change_steps(
        &mut self,
        steps: &[BulkStep],
        run: BulkRun<'_>,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<BulkTally, StoreError> {
        let step = |i: usize| {
            let s = &steps[i];
            Step {
                id: &s.id,
                change: &s.change,
                expect: s.expect,
                undoes: s.undoes.as_deref(),
            }
        };
        self.run_steps(steps.len(), &step, run, ctx, progress)
    }

    fn run_steps<'s>(
        &mut self,
        count: usize,
        step: &dyn Fn(usize) -> Step<'s>,
        run: BulkRun<'_>,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    ) -> Result<BulkTally, StoreError> {
        // Each decision moves its lead in every queue index, far from where the last one
        // went: a larger page cache keeps those indexes' upper pages in memory meanwhile.
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
        let mut tally = BulkTally::default();
        let mut ctx = ctx.clone();
        let mut result = Ok(());
        let mut start = 0;
        while start < count {
            let end = (start + CHUNK_MAX).min(count);
            let done = self.run_chunk(start..end, step, run, &mut ctx, &mut tally);
            let Ok(next) = done else {
                result = done.map(|_| ());
                break;
            };
            start = next;
            if progress(tally.total()).is_break() {
                tally.stopped = start < count;
                break;
            }
        }
        self.conn.execute_batch("PRAGMA cache_size = -2000")?;
        result.map(|()| tally)
    }

    fn run_chunk<'s>(
        &mut self,
        range: std::ops::Range<usize>,
        step: &dyn Fn(usize) -> Step<'s>,
        run: BulkRun<'_>,
        ctx: &mut Ctx,
        tally: &mut BulkTally,
    ) -> Result<usize, StoreError> {
        let tx = self.write_tx(ctx)?;
        let kept = tally.undo.len();
        let began = std::time::Instant::now();
        let mut next = range.end;
        for i in range.clone() {
            if i > range.start && began.elapsed() >= CHUNK_TIME {
                next = i;
                break;
            }
            let s = step(i);
            ctx.undoes = s.undoes.map(str::to_string);
            let before = match get(&tx, s.id) {
                Ok(lead) => lead,
                Err(StoreError::NotFound(_)) => {
                    tally.missing += 1;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if let Err(changed) = check(&tx, &before, s.expect.map(Expect::Version).as_ref()) {
                match changed {
                    StoreError::Changed(_) => {
                        *tally.refused.entry(CHANGED_SINCE.to_string()).or_default() += 1;
                        continue;
                    }
                    e => return Err(e),
                }
            }
            match apply(&tx, &before, s.change, run.note, ctx)? {
                Applied::Refused(group) => *tally.refused.entry(group).or_default() += 1,
                Applied::Done { undo, writes } => {
                    tally.done += 1;
                    if let Some(change) = undo.filter(|_| run.keep_undo) {
                        tally.undo.push(BulkStep {
                            id: before.id.clone(),
                            change,
                            expect: Some(before.version + writes),
                            undoes: super::events::latest(&tx, s.id)?.map(|e| e.id),
                        });
                    }
                }
            }
        }
        if run.dry_run {
            tx.rollback()?;
            tally.undo.truncate(kept);
        } else {
            tx.commit()?;
        }
        Ok(next)
    }
}

/// What one lead's part of a bulk action came to.
enum Applied {
    /// Changed, with the change that takes it back (none for a resolved flag, which stays
    /// resolved) and how many writes it took (each moves the lead one version on).
    Done {
        undo: Option<BulkChange>,
        writes: i64,
    },
    /// Left as it is, counted under this group.
    Refused(String),
}

/// Applies `change` to the lead `before` shows, inside the caller's transaction.
fn apply(
    tx: &rusqlite::Connection,
    before: &Lead,
    change: &BulkChange,
    note: Option<&str>,
    ctx: &Ctx,
) -> Result<Applied, StoreError> {
    let id = before.id.as_str();
    match change {
        BulkChange::Decide(decision) => {
            if let Some(why) = crate::domain::transition::not_in_bulk(decision, before) {
                return Ok(Applied::Refused(why.to_string()));
            }
            match decide_in(tx, before, decision, note, ctx) {
                Ok(_) => Ok(Applied::Done {
                    undo: Some(BulkChange::Decide(Decision::undoing(before))),
                    writes: 1,
                }),
                Err(StoreError::Refused(refusal)) => Ok(Applied::Refused(refusal.group())),
                Err(e) => Err(e),
            }
        }
        BulkChange::Assign(owner) => {
            let edit = Edit {
                field: Field::Owner,
                value: owner.clone(),
                note: note.map(str::to_string),
                day: None,
            };
            edits(tx, before, &[edit], ctx)
        }
        BulkChange::Accept => {
            let suggested = crate::domain::icp::suggestions(before, &ctx.rules);
            let accepting = crate::domain::icp::accepting_edits(&suggested);
            if accepting.is_empty() {
                return Ok(Applied::Refused("with nothing suggested".to_string()));
            }
            edits(tx, before, &accepting, ctx)
        }
        BulkChange::Resolve(flag, why) => match resolve_flag_in(tx, id, *flag, why, None, ctx) {
            Ok(()) => Ok(Applied::Done {
                undo: None,
                writes: 1,
            }),
            Err(StoreError::Flag(FlagError::NotRaised(_) | FlagError::AlreadyResolved(_))) => Ok(
                Applied::Refused(format!("with no open {} flag", flag.as_str())),
            ),
            Err(StoreError::Flag(FlagError::ConsentDateRequired)) => Ok(Applied::Refused(
                "do-not-contact: resolve each with the day they consented".to_string(),
            )),
            Err(e) => Err(e),
        },
        BulkChange::Restore(restoring) => edits(tx, before, restoring, ctx),
    }
}

/// Field edits on one lead; the undo puts back the fields they changed.
fn edits(
    tx: &rusqlite::Connection,
    before: &Lead,
    edits: &[Edit],
    ctx: &Ctx,
) -> Result<Applied, StoreError> {
    let mut changed = Vec::new();
    for edit in edits {
        if let Some(change) = set_field_in(tx, &before.id, edit, ctx)? {
            changed.push(change.field);
        }
    }
    if changed.is_empty() {
        return Ok(Applied::Refused(UNCHANGED.to_string()));
    }
    let undo = restoring_edits(before, &changed, ctx.now.date_naive());
    Ok(Applied::Done {
        writes: i64::try_from(changed.len()).unwrap_or(i64::MAX),
        undo: Some(BulkChange::Restore(undo)),
    })
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
