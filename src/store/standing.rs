//! Keeping the stored standings true (see `domain::standing`): a lead's priority and waiting
//! flag hold until its `priority_until`, so only leads whose moment has come are scored again,
//! found through an index. A change to the score's rules makes every stored priority stale.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::rows::{LEAD_COLUMNS, lead_column_count, lead_from_row, time_text};
use super::{Ctx, Store, StoreError};

impl Store {
    /// How many leads are waiting to be scored again at `ctx.now`. If the score's rules
    /// changed since the stored priorities were worked out, every lead is.
    ///
    /// # Errors
    /// A database error.
    pub fn rescore_pending(&mut self, ctx: &Ctx) -> Result<u64, StoreError> {
        self.adopt_score_rules(ctx)?;
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM leads WHERE priority_until <= ?1")?
            .query_row([time_text(ctx.now)], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// Scores again up to `budget` of the leads whose standing has run out, the longest
    /// overdue first, in one transaction. Returns how many it scored.
    ///
    /// # Errors
    /// A database error; then none of this call's scores are kept.
    pub fn rescore(&mut self, ctx: &Ctx, budget: usize) -> Result<usize, StoreError> {
        self.adopt_score_rules(ctx)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut done = 0;
        {
            let mut select = tx.prepare_cached(&format!(
                "SELECT {LEAD_COLUMNS}, rowid FROM leads WHERE priority_until <= ?1 \
                 ORDER BY priority_until LIMIT ?2"
            ))?;
            let mut update = tx.prepare_cached(
                "UPDATE leads SET priority = ?2, waiting = ?3, priority_until = ?4 \
                 WHERE rowid = ?1",
            )?;
            let limit = i64::try_from(budget).unwrap_or(i64::MAX);
            let mut rows = select.query(params![time_text(ctx.now), limit])?;
            while let Some(row) = rows.next()? {
                let lead = lead_from_row(row)?;
                let rowid: i64 = row.get(lead_column_count())?;
                let st = ctx.rules.standing(&lead, ctx.now);
                update.execute(params![
                    rowid,
                    st.priority,
                    st.waiting,
                    st.until.map(time_text)
                ])?;
                done += 1;
            }
        }
        tx.commit()?;
        Ok(done)
    }

    /// Marks every lead to be scored again when the score's rules are not the ones the stored
    /// priorities were worked out with, and records the new ones. Every write calls this
    /// first, so a row is never scored under rules the database does not know of.
    pub(super) fn adopt_score_rules(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let version = ctx.rules.score_version();
        let stored: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = 'score_version'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        if stored.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "UPDATE leads SET priority_until = '' WHERE state != 'removed'",
            [],
        )?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES ('score_version', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [version],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "standing_tests.rs"]
mod tests;
