//! Imports as a list: what `leadgate imports` shows, finding one by id prefix, and the rows
//! one skipped.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::Value;

use super::rows::time_at;
use super::{Store, StoreError};

/// One import, as `leadgate imports` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchInfo {
    pub id: String,
    pub file_name: String,
    pub source: Option<String>,
    pub actor: String,
    pub started_at: DateTime<Utc>,
    pub status: String,
    pub rows_read: u64,
    pub created: u64,
    pub merged: u64,
    pub skipped: u64,
    pub summary: Value,
}

impl Store {
    /// Every import, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn batches(&self) -> Result<Vec<BatchInfo>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, file_name, source, actor, started_at, status, rows_read, created, merged, \
             skipped, summary FROM import_batches ORDER BY started_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let count = |i: usize| r.get::<_, i64>(i).map(|n| u64::try_from(n).unwrap_or(0));
            let summary: String = r.get(10)?;
            Ok(BatchInfo {
                id: r.get(0)?,
                file_name: r.get(1)?,
                source: r.get(2)?,
                actor: r.get(3)?,
                started_at: time_at(r, 4)?,
                status: r.get(5)?,
                rows_read: count(6)?,
                created: count(7)?,
                merged: count(8)?,
                skipped: count(9)?,
                summary: serde_json::from_str(&summary).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The full id of the one import whose id starts with `prefix`.
    ///
    /// # Errors
    /// `BatchNotFound` (also for a prefix that is not hexadecimal: no batch starts with it)
    /// or `Ambiguous`.
    pub fn resolve_batch(&self, prefix: &str) -> Result<String, StoreError> {
        let (p, ids) = super::leads::ids_starting(&self.conn, "import_batches", prefix, 11)
            .map_err(|e| match e {
                StoreError::BadId(given) => {
                    StoreError::BatchNotFound(crate::safe_text::one_line(&given))
                }
                other => other,
            })?;
        match ids.as_slice() {
            [] => Err(StoreError::BatchNotFound(p)),
            [one] => Ok(one.clone()),
            many => Err(StoreError::Ambiguous {
                prefix: p,
                candidates: many
                    .iter()
                    .map(|i| crate::domain::id::prefix(i, 8).to_string())
                    .collect(),
            }),
        }
    }

    /// The rows an import skipped, by line.
    ///
    /// # Errors
    /// A database error.
    pub fn batch_problems(&self, batch_id: &str) -> Result<Vec<(u64, String)>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT line, reason FROM import_problems WHERE batch_id = ?1 ORDER BY line",
        )?;
        let rows = stmt.query_map([batch_id], |r| {
            Ok((u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0), r.get(1)?))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
