//! One decision over many leads. Each lead is decided on its own, as `decide` decides it:
//! the gate judges its own evidence, and its own events record what changed. The work goes in
//! chunks of one transaction each, so an interrupted run leaves every lead either decided or
//! as it was, never half-written; a dry run does the same work and rolls every chunk back.

use std::collections::BTreeMap;

use super::decide::decide_in;
use super::{Ctx, Store, StoreError};
use crate::domain::transition::Decision;

/// Leads decided in one transaction.
pub const CHUNK: usize = 2_000;

/// What a bulk decision did, by outcome.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BulkTally {
    /// Leads the decision applied to.
    pub done: u64,
    /// Leads it was refused for, by group ("missing reason now": 38).
    pub refused: BTreeMap<String, u64>,
    /// Leads that were gone by the time their turn came (another program removed them).
    pub missing: u64,
}

impl BulkTally {
    /// Every lead looked at.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.done + self.refused.values().sum::<u64>() + self.missing
    }
}

impl Store {
    /// Applies `decision` to each of `ids` in turn, a chunk a transaction, calling `progress`
    /// with the count so far after each chunk. With `dry_run` nothing is kept: each chunk is
    /// rolled back, and the tally says what would have happened.
    ///
    /// # Errors
    /// A database error; chunks committed before it stay.
    pub fn decide_many(
        &mut self,
        ids: &[String],
        decision: &Decision,
        note: Option<&str>,
        ctx: &Ctx,
        dry_run: bool,
        progress: &mut dyn FnMut(u64),
    ) -> Result<BulkTally, StoreError> {
        let mut tally = BulkTally::default();
        for chunk in ids.chunks(CHUNK) {
            let tx = self.write_tx(ctx)?;
            for id in chunk {
                match decide_in(&tx, id, decision, note, ctx) {
                    Ok(_) => tally.done += 1,
                    Err(StoreError::Refused(refusal)) => {
                        *tally.refused.entry(refusal.group()).or_default() += 1;
                    }
                    Err(StoreError::NotFound(_)) => tally.missing += 1,
                    Err(e) => return Err(e),
                }
            }
            if dry_run {
                tx.rollback()?;
            } else {
                tx.commit()?;
            }
            progress(tally.total());
        }
        Ok(tally)
    }
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
