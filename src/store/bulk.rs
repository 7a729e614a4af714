//! One decision over many leads. Each lead is decided on its own, as `decide` decides it:
//! the gate judges its own evidence, and its own events record what changed. The work goes in
//! chunks of one transaction each, so an interrupted run leaves every lead either decided or
//! as it was, never half-written; a dry run does the same work and rolls every chunk back.

use std::collections::BTreeMap;

use super::decide::decide_in;
use super::expect::{Expect, check};
use super::leads::get;
use super::{Ctx, Store, StoreError};
use crate::domain::transition::Decision;

/// Leads decided in one transaction.
pub const CHUNK: usize = 2_000;

/// The page cache of a bulk decision, in KiB (SQLite's default is 2 MB).
const BULK_CACHE_KIB: u32 = 64 * 1024;

/// How a bulk decision runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct BulkRun<'a> {
    /// The note every decision carries.
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
    pub decision: Decision,
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
    decision: &'s Decision,
    expect: Option<i64>,
    undoes: Option<&'s str>,
}

/// Refused with this group when a lead changed since the undo's action (another program,
/// or a later decision of one's own).
pub const CHANGED_SINCE: &str = "changed since";

impl Store {
    /// Applies `decision` to each of `ids` in turn, a chunk a transaction, calling `progress`
    /// with the count so far after each chunk.
    ///
    /// # Errors
    /// A database error; chunks committed before it stay.
    pub fn decide_many(
        &mut self,
        ids: &[String],
        decision: &Decision,
        run: BulkRun<'_>,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64),
    ) -> Result<BulkTally, StoreError> {
        let step = |i: usize| Step {
            id: &ids[i],
            decision,
            expect: None,
            undoes: None,
        };
        self.run_steps(ids.len(), &step, run, ctx, progress)
    }

    /// Carries out steps that each say their own decision: the undo of a bulk action. A lead
    /// that changed since is left as it is, counted under `CHANGED_SINCE`.
    ///
    /// # Errors
    /// A database error; chunks committed before it stay.
    pub fn decide_steps(
        &mut self,
        steps: &[BulkStep],
        run: BulkRun<'_>,
        ctx: &Ctx,
        progress: &mut dyn FnMut(u64),
    ) -> Result<BulkTally, StoreError> {
        let step = |i: usize| {
            let s = &steps[i];
            Step {
                id: &s.id,
                decision: &s.decision,
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
        progress: &mut dyn FnMut(u64),
    ) -> Result<BulkTally, StoreError> {
        // Each decision moves its lead in every queue index, far from where the last one
        // went: a larger page cache keeps those indexes' upper pages in memory meanwhile.
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = -{BULK_CACHE_KIB}"))?;
        let mut tally = BulkTally::default();
        let mut ctx = ctx.clone();
        let mut result = Ok(());
        for start in (0..count).step_by(CHUNK) {
            let end = (start + CHUNK).min(count);
            result = self.run_chunk(start..end, step, run, &mut ctx, &mut tally);
            if result.is_err() {
                break;
            }
            progress(tally.total());
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
    ) -> Result<(), StoreError> {
        let tx = self.write_tx(ctx)?;
        let kept = tally.undo.len();
        for i in range {
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
            if let Some(why) = crate::domain::transition::not_in_bulk(s.decision, &before) {
                *tally.refused.entry(why.to_string()).or_default() += 1;
                continue;
            }
            let checked = check(&tx, &before, s.expect.map(Expect::Version).as_ref());
            match checked.and_then(|()| decide_in(&tx, s.id, s.decision, run.note, ctx)) {
                Ok(_) => {
                    tally.done += 1;
                    if run.keep_undo {
                        tally.undo.push(BulkStep {
                            id: before.id.clone(),
                            decision: Decision::undoing(&before),
                            expect: Some(before.version + 1),
                            undoes: super::events::latest(&tx, s.id)?.map(|e| e.id),
                        });
                    }
                }
                Err(StoreError::Refused(refusal)) => {
                    *tally.refused.entry(refusal.group()).or_default() += 1;
                }
                Err(StoreError::Changed(_)) => {
                    *tally.refused.entry(CHANGED_SINCE.to_string()).or_default() += 1;
                }
                Err(e) => return Err(e),
            }
        }
        if run.dry_run {
            tx.rollback()?;
            tally.undo.truncate(kept);
        } else {
            tx.commit()?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
