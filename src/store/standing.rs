//! Keeping the stored standings true (see `domain::standing`): a lead's priority and waiting
//! flag hold until its `priority_until`, so only leads whose moment has come are scored again,
//! found through an index. A change to the score's rules starts a pass over every lead, done
//! a chunk at a time like the rest, so no single call ever scales with the table.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::rows::{LEAD_COLUMN_COUNT, LEAD_COLUMNS, lead_from_row, time_text};
use super::{Ctx, Store, StoreError};

impl Store {
    /// About how many leads are waiting to be scored again at `ctx.now`: those whose moment
    /// has come, plus what is left of a pass over every lead after the score's rules changed.
    ///
    /// # Errors
    /// A database error.
    pub fn rescore_pending(&mut self, ctx: &Ctx) -> Result<u64, StoreError> {
        self.take_score_rules(ctx)?;
        let expired: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM leads WHERE priority_until <= ?1")?
            .query_row([time_text(ctx.now)], |r| r.get(0))?;
        let pass = match setting(&self.conn, RESCORE_FROM)? {
            Some(from) => {
                let last: i64 =
                    self.conn
                        .query_row("SELECT COALESCE(max(rowid), 0) FROM leads", [], |r| {
                            r.get(0)
                        })?;
                (last - from.parse::<i64>().unwrap_or(0)).max(0)
            }
            None => 0,
        };
        Ok(u64::try_from(expired + pass).unwrap_or(0))
    }

    /// Scores again every lead that needs it, `chunk` leads a transaction, telling `each` how
    /// many each chunk scored; stops early when `each` says no. Returns how many it scored.
    ///
    /// # Errors
    /// A database error; the chunks before it are kept.
    pub fn rescore_all(
        &mut self,
        ctx: &Ctx,
        chunk: usize,
        mut each: impl FnMut(usize) -> bool,
    ) -> Result<usize, StoreError> {
        let mut total = 0;
        loop {
            let n = self.rescore(ctx, chunk)?;
            total += n;
            let go_on = each(n);
            if n < chunk || !go_on {
                return Ok(total);
            }
        }
    }

    /// Scores again up to `budget` leads, in one transaction: first the next stretch of a pass
    /// over every lead (after the score's rules changed), then those whose standing has run
    /// out, the longest overdue first. Returns how many it scored.
    ///
    /// # Errors
    /// A database error; then none of this call's scores are kept.
    pub fn rescore(&mut self, ctx: &Ctx, budget: usize) -> Result<usize, StoreError> {
        self.take_score_rules(ctx)?;
        let tx = self.immediate()?;
        let limit = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let mut done = 0;
        if let Some(from) = setting(&tx, RESCORE_FROM)? {
            let from: i64 = from.parse().unwrap_or(0);
            let (n, last) = restand_where(
                &tx,
                ctx,
                "rowid > ?1 ORDER BY rowid LIMIT ?2",
                params![from, limit(budget)],
            )?;
            if n < budget {
                tx.execute("DELETE FROM settings WHERE key = ?1", [RESCORE_FROM])?;
            } else {
                set_setting(&tx, RESCORE_FROM, &last.unwrap_or(from).to_string())?;
            }
            done += n;
        }
        if done < budget {
            let (n, _) = restand_where(
                &tx,
                ctx,
                "priority_until <= ?1 ORDER BY priority_until LIMIT ?2",
                params![time_text(ctx.now), limit(budget - done)],
            )?;
            done += n;
        }
        tx.commit()?;
        Ok(done)
    }

    /// Records the score's rules for a database that has none yet. Every write calls this
    /// first; a write under other rules than the stored ones scores its own lead by them and
    /// changes nothing else, so a one-off command with another rules file never restarts a pass.
    pub(super) fn adopt_score_rules(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        if !self.score_rules_known && setting(&self.conn, SCORE_VERSION)?.is_none() {
            self.take_score_rules(ctx)?;
        }
        self.score_rules_known = true;
        Ok(())
    }

    /// Begins a write: the score rules adopted first if the database records none yet, then
    /// an immediate transaction (the write lock taken at once, so it never waits halfway),
    /// waiting for an import as the store's patience says.
    pub(super) fn write_tx(&mut self, ctx: &Ctx) -> Result<Transaction<'_>, StoreError> {
        if self.read_only() {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        self.adopt_score_rules(ctx)?;
        self.immediate()
    }

    /// Starts a pass over every lead when the score's rules are not the ones the stored
    /// priorities were worked out with, and records the new ones; the pass itself is done a
    /// chunk at a time by `rescore`, which calls this.
    fn take_score_rules(&mut self, ctx: &Ctx) -> Result<(), StoreError> {
        let version = ctx.rules.score_version();
        let stored = setting(&self.conn, SCORE_VERSION)?;
        if stored.as_deref() == Some(version.as_str()) {
            return Ok(());
        }
        let tx = self.immediate()?;
        set_setting(&tx, SCORE_VERSION, &version)?;
        // With no version stored, every lead is new (written after this call) or was marked
        // to be scored by the migration that added scores: there is nothing to pass over.
        if stored.is_some() {
            set_setting(&tx, RESCORE_FROM, "0")?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// The version of the score's rules the stored priorities follow.
const SCORE_VERSION: &str = "score_version";
/// While a pass over every lead is under way: the last rowid it has scored.
const RESCORE_FROM: &str = "rescore_from";

fn setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

fn set_setting(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute([key, value])?;
    Ok(())
}

/// Scores again the leads `clause` selects; returns how many, and the last rowid.
fn restand_where(
    conn: &Connection,
    ctx: &Ctx,
    clause: &str,
    args: impl rusqlite::Params,
) -> Result<(usize, Option<i64>), StoreError> {
    let mut select = conn.prepare_cached(&format!(
        "SELECT {LEAD_COLUMNS}, rowid FROM leads WHERE {clause}"
    ))?;
    let mut update = conn.prepare_cached(
        "UPDATE leads SET priority = ?2, waiting = ?3, priority_until = ?4, unsupported = ?5, \
         stalled = ?6 WHERE rowid = ?1",
    )?;
    let mut rows = select.query(args)?;
    let (mut n, mut last) = (0, None);
    while let Some(row) = rows.next()? {
        let lead = lead_from_row(row)?;
        let rowid: i64 = row.get(LEAD_COLUMN_COUNT)?;
        let st = ctx.rules.standing(&lead, ctx.now);
        update.execute(params![
            rowid,
            st.priority,
            st.waiting,
            st.until.map(time_text),
            st.unsupported,
            st.stalled
        ])?;
        n += 1;
        last = Some(rowid);
    }
    Ok((n, last))
}

#[cfg(test)]
#[path = "standing_tests.rs"]
mod tests;
