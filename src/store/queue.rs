//! Paging through work queues and search results without ever loading the table.
//!
//! A queue is a union of index ranges (see `domain::queue`). A page is read by keyset: for the
//! last key `(due, id)` each range contributes `due = ? AND id > ?` and `due > ?` as separate
//! arms, so every arm seeks in its index instead of stepping through rows that share a due
//! time, and SQLite merges the ordered arms up to the page size.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

use super::rows::{LEAD_COLUMN_COUNT, LEAD_COLUMNS, lead_from_row};
use super::{Event, Store, StoreError};
use crate::domain::queue::Mark;
use crate::domain::{Lead, Queue, State};

/// Which rows a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    Queue {
        queue: Queue,
        source: Option<String>,
        owner: Option<String>,
    },
    /// Full-text search over name, email, company, title and notes.
    Search(String),
}

/// Where a row sits in its list, to page from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageKey {
    /// The stored priority (score in hundredths) the list is sorted on.
    pub priority: i64,
    pub id: String,
    pub rowid: i64,
}

/// Which way to page from a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Forward,
    Backward,
    /// Forward, starting with the key's own row: to read a window again in place.
    From,
}

/// One row of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    pub lead: Lead,
    pub key: PageKey,
}

/// The filter column a picker offers values of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterColumn {
    Source,
    Owner,
}

impl Store {
    /// The ids of every lead `list` shows, in its order, read a page at a time: what a
    /// bulk action over "every lead of this list" applies to.
    ///
    /// # Errors
    /// A database error.
    pub fn ids_of(&self, list: &ListSource) -> Result<Vec<String>, StoreError> {
        let mut ids = Vec::new();
        let mut key: Option<PageKey> = None;
        loop {
            let rows = self.page(list, key.as_ref(), Direction::Forward, 1_000)?;
            let Some(last) = rows.last() else { break };
            key = Some(last.key.clone());
            ids.extend(rows.into_iter().map(|r| r.lead.id));
        }
        Ok(ids)
    }

    /// Up to `limit` rows of `list` after (or before) `from`, in list order: a queue by
    /// stored priority (see `rescore`), a search by rowid.
    ///
    /// # Errors
    /// A database error.
    pub fn page(
        &self,
        list: &ListSource,
        from: Option<&PageKey>,
        dir: Direction,
        limit: usize,
    ) -> Result<Vec<ListRow>, StoreError> {
        let (sql, args) = match list {
            ListSource::Queue {
                queue,
                source,
                owner,
            } => queue_sql(
                *queue,
                source.as_deref(),
                owner.as_deref(),
                from,
                dir,
                limit,
            ),
            ListSource::Search(text) => search_sql(text, from, dir, limit),
        };
        let Some(sql) = sql else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            let lead = lead_from_row(r)?;
            let rowid: i64 = r.get(LEAD_COLUMN_COUNT)?;
            let priority: i64 = r.get(LEAD_COLUMN_COUNT + 1)?;
            Ok((lead, rowid, priority))
        })?;
        let mut out = Vec::with_capacity(limit);
        for row in rows {
            let (lead, rowid, priority) = row?;
            let key = PageKey {
                priority,
                id: lead.id.clone(),
                rowid,
            };
            out.push(ListRow { lead, key });
        }
        if dir == Direction::Backward {
            out.reverse();
        }
        Ok(out)
    }

    /// How many leads `list` shows, up to `cap` when given: for a filtered queue, its
    /// slices' index ranges counted; for a search, the search index's matches.
    ///
    /// # Errors
    /// A database error.
    pub fn count_of(&self, list: &ListSource, cap: Option<u64>) -> Result<u64, StoreError> {
        let (sql, args) = match list {
            ListSource::Queue {
                queue,
                source,
                owner,
            } => {
                let (arms, args) = queue_arms(*queue, source.as_deref(), owner.as_deref(), None);
                let union = arms
                    .iter()
                    .map(|w| format!("SELECT 1 FROM leads WHERE {w}"))
                    .collect::<Vec<_>>()
                    .join(" UNION ALL ");
                (union, args)
            }
            ListSource::Search(text) => match fts_query(text) {
                None => return Ok(0),
                Some(q) => (
                    "SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?".to_string(),
                    vec![Value::from(q)],
                ),
            },
        };
        let (sql, args) = match cap {
            Some(cap) => {
                let mut args = args;
                args.push(Value::from(i64::try_from(cap).unwrap_or(i64::MAX)));
                (format!("SELECT count(*) FROM ({sql} LIMIT ?)"), args)
            }
            None => (format!("SELECT count(*) FROM ({sql})"), args),
        };
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// How many records each queue holds. Reads the counts the store keeps, plus one index
    /// range for nurtured leads that are due.
    ///
    /// # Errors
    /// A database error.
    pub fn queue_counts(&self) -> Result<Vec<(Queue, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT stage, state, n FROM lead_counts")?;
        let counts: Vec<(String, String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for &queue in Queue::ALL {
            let mut total: i64 = 0;
            for s in queue.slices() {
                total += if let Some(mark) = s.mark {
                    let (cond, arg) = mark_sql(mark);
                    let sql = format!(
                        "SELECT count(*) FROM leads WHERE state = ?1 AND stage = ?2 \
                         AND waiting = 0{cond}"
                    );
                    let mut args = vec![
                        Value::from(s.state.as_str().to_string()),
                        Value::from(s.stage.as_str().to_string()),
                    ];
                    args.extend(arg);
                    self.conn
                        .prepare_cached(&sql)?
                        .query_row(params_from_iter(args), |r| r.get::<_, i64>(0))?
                } else if s.due_only {
                    self.conn
                        .prepare_cached(
                            "SELECT count(*) FROM leads WHERE state = ?1 AND stage = ?2 \
                             AND waiting = 0",
                        )?
                        .query_row((s.state.as_str(), s.stage.as_str()), |r| r.get::<_, i64>(0))?
                } else {
                    counts
                        .iter()
                        .find(|(stage, state, _)| {
                            stage == s.stage.as_str() && state == s.state.as_str()
                        })
                        .map_or(0, |c| c.2)
                };
            }
            out.push((queue, u64::try_from(total).unwrap_or(0)));
        }
        Ok(out)
    }

    /// The newest `limit` events of a lead, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn recent_events(&self, lead_id: &str, limit: usize) -> Result<Vec<Event>, StoreError> {
        let mut events = self.history_where(lead_id, "ORDER BY at DESC, id DESC", limit)?;
        if events.len() < limit {
            events.extend(self.import_entry(lead_id)?);
        }
        Ok(events)
    }

    /// Where a lead sits in the lists, to page from it.
    ///
    /// # Errors
    /// `NotFound`; a database error.
    pub fn page_key(&self, id: &str) -> Result<PageKey, StoreError> {
        self.conn
            .prepare_cached("SELECT priority, rowid FROM leads WHERE id = ?1")?
            .query_row([id], |r| {
                Ok(PageKey {
                    priority: r.get(0)?,
                    id: id.to_string(),
                    rowid: r.get(1)?,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// The first value of `column` sorting after `after`: walks distinct values one index seek
    /// at a time, so a picker never scans the table.
    ///
    /// # Errors
    /// A database error.
    pub fn next_value(
        &self,
        column: FilterColumn,
        after: Option<&str>,
    ) -> Result<Option<String>, StoreError> {
        let sql = match column {
            FilterColumn::Source => {
                "SELECT source FROM leads WHERE source > ?1 ORDER BY source LIMIT 1"
            }
            FilterColumn::Owner => {
                "SELECT owner FROM leads WHERE owner > ?1 ORDER BY owner LIMIT 1"
            }
        };
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_row([after.unwrap_or("")], |r| r.get(0))
            .optional()?)
    }
}

impl Store {
    /// Every distinct value of `column`, in order, one index seek each (see `next_value`).
    ///
    /// # Errors
    /// A database error.
    pub fn values(&self, column: FilterColumn) -> Result<Vec<String>, StoreError> {
        let mut out: Vec<String> = Vec::new();
        while let Some(v) = self.next_value(column, out.last().map(String::as_str))? {
            out.push(v);
        }
        Ok(out)
    }
}

/// The conditions of a queue's slices (each one index range), joined by `UNION ALL`, and
/// their arguments; from a page key, with how to compare the priority and the id to it.
/// Highest priority first, ties by id: a stable order that paging can resume from.
fn queue_arms(
    queue: Queue,
    source: Option<&str>,
    owner: Option<&str>,
    from: Option<(&PageKey, &str, &str)>,
) -> (Vec<String>, Vec<Value>) {
    let mut arms = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    for s in queue.slices() {
        // Only a nurtured lead can be waiting; Today leaves the waiting ones out.
        let waiting: &[i64] = if s.state == State::Nurture && !s.due_only {
            &[0, 1]
        } else {
            &[0]
        };
        for &w in waiting {
            let mut base = String::from("state = ? AND stage = ? AND waiting = ?");
            let mut base_args = vec![
                Value::from(s.state.as_str().to_string()),
                Value::from(s.stage.as_str().to_string()),
                Value::from(w),
            ];
            if let Some(mark) = s.mark {
                let (cond, arg) = mark_sql(mark);
                base.push_str(cond);
                base_args.extend(arg);
            }
            if let Some(v) = source {
                base.push_str(" AND source = ?");
                base_args.push(Value::from(v.to_string()));
            }
            if let Some(v) = owner {
                base.push_str(" AND owner = ?");
                base_args.push(Value::from(v.to_string()));
            }
            match from {
                None => {
                    arms.push(base.clone());
                    args.extend(base_args);
                }
                Some((k, below, id_cmp)) => {
                    arms.push(format!("{base} AND priority = ? AND id {id_cmp} ?"));
                    args.extend(base_args.iter().cloned());
                    args.push(Value::from(k.priority));
                    args.push(Value::from(k.id.clone()));
                    arms.push(format!("{base} AND priority {below} ?"));
                    args.extend(base_args);
                    args.push(Value::from(k.priority));
                }
            }
        }
    }
    (arms, args)
}

/// The SQL and arguments of one queue page. `None` when nothing can match.
fn queue_sql(
    queue: Queue,
    source: Option<&str>,
    owner: Option<&str>,
    from: Option<&PageKey>,
    dir: Direction,
    limit: usize,
) -> (Option<String>, Vec<Value>) {
    let (below, id_cmp) = match dir {
        Direction::Forward => ("<", ">"),
        Direction::From => ("<", ">="),
        Direction::Backward => (">", "<"),
    };
    let (order, id_order) = match dir {
        Direction::Forward | Direction::From => ("DESC", "ASC"),
        Direction::Backward => ("ASC", "DESC"),
    };
    let (arms, mut args) = queue_arms(queue, source, owner, from.map(|k| (k, below, id_cmp)));
    let union = arms
        .iter()
        .map(|w| format!("SELECT {LEAD_COLUMNS}, rowid, priority FROM leads WHERE {w}"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    args.push(Value::from(i64::try_from(limit).unwrap_or(i64::MAX)));
    let sql = format!("{union} ORDER BY priority {order}, id {id_order} LIMIT ?");
    (Some(sql), args)
}

/// The condition of a marked slice, and its argument. Marks kept as 0/1 columns are
/// literals, so that their partial indexes serve them.
fn mark_sql(mark: Mark) -> (&'static str, Option<Value>) {
    match mark {
        Mark::Unsupported => (" AND unsupported = 1", None),
        Mark::Stalled => (" AND stalled = 1", None),
        Mark::Handoff(h) => (
            " AND handoff = ?",
            Some(Value::from(h.as_str().to_string())),
        ),
    }
}

/// A full-text query from what a person typed: every word must match as a prefix.
#[must_use]
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn search_sql(
    text: &str,
    from: Option<&PageKey>,
    dir: Direction,
    limit: usize,
) -> (Option<String>, Vec<Value>) {
    let Some(query) = fts_query(text) else {
        return (None, Vec::new());
    };
    let (cmp, order) = match dir {
        Direction::Forward => (">", "ASC"),
        Direction::From => (">=", "ASC"),
        Direction::Backward => ("<", "DESC"),
    };
    let start = from.map_or(
        if dir != Direction::Backward {
            i64::MIN
        } else {
            i64::MAX
        },
        |k| k.rowid,
    );
    let sql = format!(
        "SELECT {LEAD_COLUMNS}, rowid, priority FROM leads WHERE rowid IN (SELECT rowid FROM leads_fts \
         WHERE leads_fts MATCH ?1 AND rowid {cmp} ?2 ORDER BY rowid {order} LIMIT ?3) \
         ORDER BY rowid {order}"
    );
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    (
        Some(sql),
        vec![Value::from(query), Value::from(start), Value::from(limit)],
    )
}

#[cfg(test)]
#[path = "queue_tests.rs"]
mod tests;
