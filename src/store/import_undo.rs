//! Undoing an import: what it created and nobody touched since is removed, what its merges
//! filled is put back; every change is an event, and nothing is deleted.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};

use super::events::{NewEvent, append};
use super::leads::{get, update_facts};
use super::{Ctx, Store, StoreError};
use crate::domain::Decision;
use crate::domain::field::{Edit, Field, current};

/// What undoing an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct UndoReport {
    pub batch: String,
    /// Leads the import created and nobody touched since: now removed.
    pub removed: u64,
    /// Leads the import created that someone worked on since: kept as they are.
    pub kept: u64,
    /// Merges whose filled fields were put back as they were.
    pub merges_reverted: u64,
    /// Filled fields left alone because someone changed them since.
    pub fields_kept: u64,
}

impl Store {
    /// Undoes an import: removes the leads it created that nobody has touched since, and puts
    /// back the fields its merges filled, unless someone changed them since. Every change is an
    /// event; nothing is deleted.
    ///
    /// # Errors
    /// `NotFound`, `Refused` when the import is already undone, or a database error.
    pub fn undo_import(&mut self, batch_id: &str, ctx: &Ctx) -> Result<UndoReport, StoreError> {
        let tx = self.write_tx(ctx)?;
        let status: Option<String> = tx
            .query_row(
                "SELECT status FROM import_batches WHERE id = ?1",
                [batch_id],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            None => return Err(StoreError::BatchNotFound(batch_id.to_string())),
            Some("undone") => {
                return Err(StoreError::AlreadyUndone(
                    crate::domain::id::prefix(batch_id, 8).to_string(),
                ));
            }
            Some(_) => {}
        }
        let mut report = UndoReport {
            batch: batch_id.to_string(),
            ..UndoReport::default()
        };
        let note = format!("import {} undone", crate::domain::id::prefix(batch_id, 8));
        for id in ids(
            &tx,
            "SELECT id FROM leads WHERE batch_id = ?1 AND state != 'removed'",
            batch_id,
        )? {
            let touched: i64 = tx.query_row(
                "SELECT count(*) FROM events WHERE lead_id = ?1 AND (batch_id IS NULL OR batch_id != ?2)",
                params![id, batch_id],
                |r| r.get(0),
            )?;
            if touched == 0 {
                let lead = super::leads::get(&tx, &id)?;
                super::decide::decide_in(&tx, &lead, &Decision::Remove, Some(&note), ctx)?;
                report.removed += 1;
            } else {
                report.kept += 1;
            }
        }
        let merges: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT lead_id, data FROM events WHERE batch_id = ?1 AND kind = 'merge' ORDER BY at, id",
            )?;
            let rows = stmt.query_map([batch_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                ))
            })?;
            rows.collect::<Result<_, _>>()?
        };
        for (lead_id, data) in merges {
            let data = serde_json::from_str::<Value>(&data).unwrap_or(Value::Null);
            let part = |key: &str| {
                data.get(key)
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default()
            };
            report.fields_kept +=
                revert_merge(&tx, &lead_id, &part("filled"), &part("updated"), &note, ctx)?;
            report.merges_reverted += 1;
        }
        tx.execute(
            "UPDATE import_batches SET status = 'undone' WHERE id = ?1",
            [batch_id],
        )?;
        tx.commit()?;
        Ok(report)
    }
}

fn ids(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([arg], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Puts back the fields a merge filled or updated, where they still hold what it wrote: a
/// filled one is emptied, an updated one gets its old value. Returns how many were left alone
/// because they changed since.
fn revert_merge(
    conn: &Connection,
    lead_id: &str,
    filled: &Map<String, Value>,
    updated: &Map<String, Value>,
    note: &str,
    ctx: &Ctx,
) -> Result<u64, StoreError> {
    let mut kept = 0;
    // What the merge wrote and what goes back: an updated field's old value, else nothing.
    let updates = updated.iter().filter_map(|(name, change)| {
        let old = change.get("old").and_then(Value::as_str)?;
        let new = change.get("new").and_then(Value::as_str)?;
        Some((name, new, Some(old)))
    });
    let fills = filled
        .iter()
        .map(|(name, value)| (name, value.as_str().unwrap_or_default(), None));
    let changes: Vec<(&String, &str, Option<&str>)> = updates.chain(fills).collect();
    // Fields first, each through the store's one field write...
    let lead = get(conn, lead_id)?;
    for &(name, written, restore) in &changes {
        let Ok(field) = Field::parse(name) else {
            continue;
        };
        if current(&lead, field).0.as_deref() == Some(written) {
            let edit = Edit {
                field,
                value: restore.map(str::to_string),
                note: Some(note.to_string()),
                day: None,
            };
            super::decide::set_field_in(conn, lead_id, &edit, ctx)?;
        } else {
            kept += 1;
        }
    }
    // ...then attributes and the record id, on the lead as those writes left it.
    let mut lead = get(conn, lead_id)?;
    let mut facts_changed = false;
    for &(name, written, _) in &changes {
        let still = if let Some(header) = name.strip_prefix("attribute:") {
            let still = lead.attributes.get(header).map(String::as_str) == Some(written);
            if still {
                lead.attributes.remove(header);
            }
            still
        } else if let Some(slot) = match name.as_str() {
            "record_id" => Some(&mut lead.record_id),
            "given_name" => Some(&mut lead.contact.given_name),
            "family_name" => Some(&mut lead.contact.family_name),
            _ => None,
        } {
            let still = slot.as_deref() == Some(written);
            if still {
                *slot = None;
            }
            still
        } else {
            continue;
        };
        if still {
            facts_changed = true;
        } else {
            kept += 1;
        }
    }
    if facts_changed {
        update_facts(conn, &lead, ctx)?;
    }
    append(
        conn,
        ctx,
        lead_id,
        NewEvent {
            kind: "merge_undone",
            note: Some(note),
            ..NewEvent::default()
        },
    )?;
    Ok(kept)
}
