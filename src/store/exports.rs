//! Exports: the leads an export selects, read in one transaction, and the record of what was
//! written (an `exports` row, and an `exported` event on each lead a tool will contact).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use serde_json::Value;
use std::ops::ControlFlow;

use super::events::{NewEvent, append};
use super::leads::{ListFilter, new_id, walk};
use super::rows::{time_at, time_text};
use super::{Ctx, Store, StoreError};
use crate::domain::Lead;

/// One export, as `leadgate exports` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportInfo {
    pub id: String,
    pub profile: String,
    /// The file written; `None` for standard output.
    pub file: Option<String>,
    pub actor: String,
    pub at: DateTime<Utc>,
    pub count: u64,
    /// How many full names were split into given and family names.
    pub split: u64,
    /// The selection, as given.
    pub filter: Value,
}

/// What an export is, before it runs.
#[derive(Debug, Clone)]
pub struct ExportSpec<'a> {
    pub profile: &'a str,
    pub file: Option<&'a str>,
    pub filter: &'a ListFilter,
    /// The selection as the person gave it, kept with the record.
    pub selection: Value,
    /// Each lead written gets an `exported` event: the whole export then runs in one write
    /// transaction, so what is recorded is exactly what was read.
    pub per_lead: bool,
}

/// What the caller did with one lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Yes,
    No,
}

impl Store {
    /// Walks the leads `spec.filter` selects, calling `each` with the lead and whether it was
    /// exported to this profile before; then `done` (which finishes the file and returns how
    /// many names it split), and records the export. Nothing is recorded if `each` or `done`
    /// fails, or if no lead was written.
    ///
    /// # Errors
    /// A database error, or the first error of `each` or `done`.
    pub fn export<E: From<StoreError>>(
        &mut self,
        spec: &ExportSpec<'_>,
        ctx: &Ctx,
        mut each: impl FnMut(&Lead, bool) -> Result<Written, E>,
        done: impl FnOnce() -> Result<u64, E>,
    ) -> Result<ExportInfo, E> {
        if spec.per_lead && self.read_only() {
            return Err(StoreError::ReadOnly(self.path.clone()).into());
        }
        let behavior = if spec.per_lead {
            TransactionBehavior::Immediate
        } else {
            TransactionBehavior::Deferred
        };
        let tx = super::patience::begin(&self.conn, &self.path, self.patience, behavior)?;
        let mut ids = Vec::new();
        let mut count = 0u64;
        {
            let mut sent = tx
                .prepare_cached(
                    "SELECT 1 FROM events WHERE lead_id = ?1 AND field = ?2 AND kind = 'exported' \
                     LIMIT 1",
                )
                .map_err(StoreError::from)?;
            walk(&tx, spec.filter, |lead| {
                let before = spec.per_lead
                    && sent
                        .query_row(params![lead.id, spec.profile], |_| Ok(()))
                        .optional()
                        .map_err(StoreError::from)?
                        .is_some();
                if each(&lead, before)? == Written::Yes {
                    count += 1;
                    if spec.per_lead {
                        ids.push(lead.id);
                    }
                }
                Ok::<_, E>(ControlFlow::Continue(()))
            })?;
        }
        let split = done()?;
        let info = ExportInfo {
            id: new_id(),
            profile: spec.profile.to_string(),
            file: spec.file.map(str::to_string),
            actor: ctx.actor.clone(),
            at: ctx.now,
            count,
            split,
            filter: spec.selection.clone(),
        };
        if count == 0 {
            // Nothing left the tool: there is nothing to record.
            tx.commit().map_err(StoreError::from)?;
        } else if spec.per_lead {
            record(&tx, &info, &ids, ctx)?;
            tx.commit().map_err(StoreError::from)?;
        } else {
            // A data file records no event per lead: the read ends, and the record is one
            // short write of its own.
            tx.commit().map_err(StoreError::from)?;
            if !self.read_only() {
                let tx = self.write_tx(ctx)?;
                record(&tx, &info, &[], ctx)?;
                tx.commit().map_err(StoreError::from)?;
            }
        }
        Ok(info)
    }

    /// The tools `lead_id` was exported to and when, newest first (one entry a tool: its
    /// latest export).
    ///
    /// # Errors
    /// A database error.
    pub fn sent_to(&self, lead_id: &str) -> Result<Vec<(String, DateTime<Utc>)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT field, max(at) FROM events WHERE lead_id = ?1 AND kind = 'exported' \
             GROUP BY field ORDER BY max(at) DESC, field",
        )?;
        let rows = stmt.query_map([lead_id], |r| Ok((r.get(0)?, time_at(r, 1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every export, newest first.
    ///
    /// # Errors
    /// A database error.
    pub fn exports(&self) -> Result<Vec<ExportInfo>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, profile, file, actor, at, count, split, filter FROM exports \
             ORDER BY at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let n = |i: usize| r.get::<_, i64>(i).map(|n| u64::try_from(n).unwrap_or(0));
            let filter: String = r.get(7)?;
            Ok(ExportInfo {
                id: r.get(0)?,
                profile: r.get(1)?,
                file: r.get(2)?,
                actor: r.get(3)?,
                at: time_at(r, 4)?,
                count: n(5)?,
                split: n(6)?,
                filter: serde_json::from_str(&filter).unwrap_or(Value::Null),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn record(
    conn: &Connection,
    info: &ExportInfo,
    ids: &[String],
    ctx: &Ctx,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO exports (id, profile, file, actor, at, count, split, filter) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            info.id,
            info.profile,
            info.file,
            info.actor,
            time_text(info.at),
            i64::try_from(info.count).unwrap_or(i64::MAX),
            i64::try_from(info.split).unwrap_or(i64::MAX),
            info.filter.to_string(),
        ],
    )?;
    let data = serde_json::json!({ "export": info.id }).to_string();
    for id in ids {
        append(
            conn,
            ctx,
            id,
            NewEvent {
                kind: "exported",
                field: Some(&info.profile),
                new_value: info.file.as_deref().or(Some("standard output")),
                data: Some(data.clone()),
                ..NewEvent::default()
            },
        )?;
    }
    Ok(())
}
