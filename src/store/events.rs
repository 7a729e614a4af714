//! The audit trail: one row per change, appended, never updated or deleted.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::leads::new_id;
use super::rows::{opt_vocab, time_at, time_text};
use super::{Ctx, Store, StoreError};
use crate::domain::ReasonCode;

/// One entry of a lead's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub lead_id: String,
    pub at: DateTime<Utc>,
    pub actor: String,
    /// `created`, `field`, `stage` or `state`.
    pub kind: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason_code: Option<ReasonCode>,
    pub note: Option<String>,
    /// Structured detail: the evidence snapshot of a stage change, the date of a reason now.
    pub data: Option<serde_json::Value>,
}

/// An event about to be written.
#[derive(Debug, Default)]
pub(super) struct NewEvent<'a> {
    pub kind: &'a str,
    pub field: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub reason_code: Option<ReasonCode>,
    pub note: Option<&'a str>,
    pub data: Option<String>,
    /// The import that writes the event, if one does.
    pub batch_id: Option<&'a str>,
}

/// Appends an event, stamped at `ctx.now` or one microsecond after the lead's latest event,
/// whichever is later: a lead's history then reads in the order things happened, even for
/// changes within one microsecond or a clock that stepped back.
pub(super) fn append(
    conn: &Connection,
    ctx: &Ctx,
    lead_id: &str,
    e: NewEvent<'_>,
) -> rusqlite::Result<()> {
    let latest: Option<String> = conn
        .prepare_cached("SELECT max(at) FROM events WHERE lead_id = ?1")?
        .query_row([lead_id], |r| r.get(0))?;
    let after_latest = latest
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.to_utc() + Duration::microseconds(1));
    let at = after_latest.map_or(ctx.now, |t| t.max(ctx.now));
    let mut e = e;
    if let Some(undone) = &ctx.undoes {
        let mut data = e
            .data
            .as_deref()
            .and_then(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            .filter(serde_json::Value::is_object)
            .unwrap_or_else(|| serde_json::json!({}));
        data["undoes"] = serde_json::Value::from(undone.as_str());
        e.data = Some(data.to_string());
    }
    insert_event(conn, ctx, lead_id, at, e)
}

fn insert_event(
    conn: &Connection,
    ctx: &Ctx,
    lead_id: &str,
    at: DateTime<Utc>,
    e: NewEvent<'_>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (id, lead_id, at, actor, kind, field, old_value, new_value, \
         reason_code, note, data, batch_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        new_id(),
        lead_id,
        time_text(at),
        ctx.actor,
        e.kind,
        e.field,
        e.old_value,
        e.new_value,
        e.reason_code.map(ReasonCode::as_str),
        e.note,
        e.data,
        e.batch_id,
    ])?;
    Ok(())
}

impl Event {
    /// The id of the entry this one takes back, when it is an undo.
    #[must_use]
    pub fn undoes(&self) -> Option<&str> {
        self.data.as_ref()?.get("undoes")?.as_str()
    }

    /// What the event says, in one line of plain text (control characters removed).
    #[must_use]
    pub fn describe(&self) -> String {
        let mut s = match self.kind.as_str() {
            "created" => "created".to_string(),
            "merge" => "merged".to_string(),
            "merge_undone" => "merge undone".to_string(),
            "exported" => format!(
                "exported to {} ({})",
                self.field.as_deref().unwrap_or("-"),
                self.new_value.as_deref().unwrap_or("-")
            ),
            "touch" => format!(
                "{} on {}",
                self.field.as_deref().unwrap_or("touch"),
                self.new_value.as_deref().unwrap_or("-")
            ),
            "handoff" => self.describe_handoff(),
            _ => format!(
                "{} {} → {}",
                self.field.as_deref().unwrap_or(&self.kind),
                self.old_value.as_deref().unwrap_or("-"),
                self.new_value.as_deref().unwrap_or("-")
            ),
        };
        if let Some(on) = self
            .data
            .as_ref()
            .and_then(|d| d.get("observed_on"))
            .and_then(|d| d.as_str())
        {
            s.push_str(&format!(" (observed {on})"));
        }
        if let Some(on) = self
            .data
            .as_ref()
            .and_then(|d| d.get("next_step_on"))
            .and_then(|d| d.as_str())
        {
            s.push_str(&format!(" (on {on})"));
        }
        if let Some(on) = self
            .data
            .as_ref()
            .and_then(|d| d.get("consent_on"))
            .and_then(|d| d.as_str())
        {
            s.push_str(&format!(" (consented again on {on})"));
        }
        if let Some(code) = self.reason_code {
            s.push_str(&format!(" [{code}]"));
        }
        if let Some(undone) = self.undoes() {
            s.push_str(&format!(
                " (undo of entry {})",
                &undone[..undone.len().min(8)]
            ));
        }
        if let Some(note) = &self.note {
            s.push_str(" — ");
            s.push_str(note);
        }
        crate::safe_text::one_line(&s)
    }
}

impl Event {
    /// A handoff step in words: who it went to, the reason of a rejection, the new owner.
    fn describe_handoff(&self) -> String {
        let data = |key: &str| {
            self.data
                .as_ref()
                .and_then(|d| d.get(key))
                .and_then(|v| v.as_str())
                .unwrap_or("-")
                .to_string()
        };
        let mut s = match self.field.as_deref().unwrap_or("-") {
            "send" => format!("handoff sent to {}", data("to")),
            "accept" => "handoff accepted".to_string(),
            "reject" => format!("handoff rejected: {}", data("reason")),
            "dispute" => "handoff rejection disputed".to_string(),
            "uphold" => "dispute settled: rejection upheld".to_string(),
            "overturn" => format!(
                "dispute settled: rejection overturned, sent to {}",
                data("to")
            ),
            "close" => "handoff closed".to_string(),
            other => format!("handoff {other}"),
        };
        let owners = self
            .data
            .as_ref()
            .and_then(|d| d.get("owner"))
            .and_then(|o| o.as_array())
            .map(|o| {
                o.iter()
                    .map(|v| v.as_str().unwrap_or("-").to_string())
                    .collect::<Vec<_>>()
            });
        if let Some([before, after]) = owners.as_deref()
            && before != after
        {
            s.push_str(&format!(" (owner {before} → {after})"));
        }
        s
    }
}

impl Store {
    /// The history of a lead, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub fn history(&self, lead_id: &str) -> Result<Vec<Event>, StoreError> {
        let mut events = self.history_where(lead_id, "ORDER BY at, id", usize::MAX)?;
        if let Some(imported) = self.import_entry(lead_id)? {
            events.insert(0, imported);
        }
        Ok(events)
    }

    /// The first entry of an imported lead's history, read from its import batch: who imported
    /// it, when, from which file and line. Its id is the batch's.
    pub(super) fn import_entry(&self, lead_id: &str) -> Result<Option<Event>, StoreError> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT b.id, b.started_at, b.actor, b.file_name, l.batch_line FROM leads l \
                 JOIN import_batches b ON b.id = l.batch_id WHERE l.id = ?1",
            )?
            .query_row([lead_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    time_at(r, 1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })
            .optional()?;
        Ok(row.map(|(batch, at, actor, file, line)| Event {
            id: batch.clone(),
            lead_id: lead_id.to_string(),
            at,
            actor,
            kind: "created".to_string(),
            field: None,
            old_value: None,
            new_value: None,
            reason_code: None,
            note: Some(format!("imported from {file} line {line}")),
            data: Some(serde_json::json!({ "file": file, "line": line, "batch": batch })),
        }))
    }

    /// The first `limit` events of a lead in the order `order_by` says.
    pub(super) fn history_where(
        &self,
        lead_id: &str,
        order_by: &str,
        limit: usize,
    ) -> Result<Vec<Event>, StoreError> {
        events_where(&self.conn, lead_id, order_by, limit)
    }
}

/// The newest event of a lead, if it has one.
pub(super) fn latest(conn: &Connection, lead_id: &str) -> Result<Option<Event>, StoreError> {
    Ok(events_where(conn, lead_id, "ORDER BY at DESC, id DESC", 1)?
        .into_iter()
        .next())
}

fn events_where(
    conn: &Connection,
    lead_id: &str,
    order_by: &str,
    limit: usize,
) -> Result<Vec<Event>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, lead_id, at, actor, kind, field, old_value, new_value, reason_code, \
             note, data FROM events WHERE lead_id = ?1 {order_by}"
    ))?;
    // The limit is where the stepping stops, not a bound `LIMIT ?`: SQLite plans a statement
    // again each time its limit is bound, and this one runs on every move in the queue.
    let rows = stmt.query_map([lead_id], |r| {
        let data: Option<String> = r.get(10)?;
        Ok(Event {
            id: r.get(0)?,
            lead_id: r.get(1)?,
            at: time_at(r, 2)?,
            actor: r.get(3)?,
            kind: r.get(4)?,
            field: r.get(5)?,
            old_value: r.get(6)?,
            new_value: r.get(7)?,
            reason_code: opt_vocab(r, 8, ReasonCode::parse)?,
            note: r.get(9)?,
            data: data.and_then(|d| serde_json::from_str(&d).ok()),
        })
    })?;
    Ok(rows.take(limit).collect::<Result<_, _>>()?)
}
