//! The second gate's writes: the activity log, the stakeholder list and each step of a
//! handoff. Each is one transaction that appends its event.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde_json::json;

use super::events::{NewEvent, append};
use super::expect::{Expect, check};
use super::leads::{get, update_facts};
use super::{Ctx, Store, StoreError};
use crate::domain::deal::Stakeholder;
use crate::domain::handoff::{Handoff, Step, plan_step};
use crate::domain::qualification::stated;
use crate::domain::touch::{Touch, TouchKind, validate};
use crate::domain::transition::Refusal;

/// What a handoff step did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDone {
    pub handoff: Handoff,
    pub owner_before: Option<String>,
    pub owner: String,
}

impl Store {
    /// Logs a touch on a lead: an event of its own, and the lead's last activity when the
    /// touch is later than what it held.
    ///
    /// # Errors
    /// `Touch` for a blank note or a future day; `NotFound`; `Changed`; a database error.
    pub fn log_touch(
        &mut self,
        id: &str,
        kind: TouchKind,
        on: NaiveDate,
        note: &str,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        validate(note, on, ctx.now.date_naive())?;
        let tx = self.write_tx(ctx)?;
        let mut lead = get(&tx, id)?;
        check(&tx, &lead, expect)?;
        let day = on.to_string();
        // Days are YYYY-MM-DD text, so text order is day order.
        if lead
            .contact
            .last_activity
            .as_deref()
            .is_none_or(|d| d < day.as_str())
        {
            lead.contact.last_activity = Some(day.clone());
        }
        lead.updated_at = ctx.now;
        update_facts(&tx, &lead, ctx)?;
        append(
            &tx,
            ctx,
            id,
            NewEvent {
                kind: "touch",
                field: Some(kind.as_str()),
                new_value: Some(&day),
                note: Some(note.trim()),
                ..NewEvent::default()
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// A lead's touches, oldest first.
    ///
    /// # Errors
    /// A database error.
    pub fn touches(&self, id: &str) -> Result<Vec<Touch>, StoreError> {
        touches_in(&self.conn, id)
    }

    /// Adds a stakeholder to a lead's list, or replaces the one of the same name.
    ///
    /// # Errors
    /// `NotFound`; `Changed`; a database error.
    pub fn add_stakeholder(
        &mut self,
        id: &str,
        person: Stakeholder,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx(ctx)?;
        let mut lead = get(&tx, id)?;
        check(&tx, &lead, expect)?;
        let list = &mut lead.evidence.stakeholders;
        let old = list
            .iter()
            .position(|s| s.name.trim().eq_ignore_ascii_case(person.name.trim()))
            .map(|i| list.remove(i));
        let new = person.describe();
        list.push(person);
        write_stakeholders(&tx, &mut lead, old.map(|s| s.describe()), Some(new), ctx)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes the stakeholder at 1-based `number` of a lead's list; returns who it was.
    ///
    /// # Errors
    /// `NoStakeholder` when there is none at that number; `NotFound`; `Changed`; a database
    /// error.
    pub fn remove_stakeholder(
        &mut self,
        id: &str,
        number: usize,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<Stakeholder, StoreError> {
        let tx = self.write_tx(ctx)?;
        let mut lead = get(&tx, id)?;
        check(&tx, &lead, expect)?;
        let count = lead.evidence.stakeholders.len();
        if number == 0 || number > count {
            return Err(StoreError::NoStakeholder { number, count });
        }
        let gone = lead.evidence.stakeholders.remove(number - 1);
        write_stakeholders(&tx, &mut lead, Some(gone.describe()), None, ctx)?;
        tx.commit()?;
        Ok(gone)
    }

    /// Takes one step of a handoff: checks who may take it and, for a send, the package;
    /// then writes the handoff, the new owner and an event in one transaction.
    ///
    /// # Errors
    /// `Refused` with the reason (the package's gaps for a send); `NotFound`; `Changed`; a
    /// database error.
    pub fn handoff(
        &mut self,
        id: &str,
        step: &Step,
        note: Option<&str>,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<StepDone, StoreError> {
        let tx = self.write_tx(ctx)?;
        let mut lead = get(&tx, id)?;
        check(&tx, &lead, expect)?;
        let touches = touches_in(&tx, id)?;
        let plan = plan_step(
            &lead,
            step,
            note,
            &ctx.actor,
            &touches,
            &ctx.rules.team,
            &ctx.rules.gates,
            ctx.now,
        )
        .map_err(|r| StoreError::Refused(Refusal::Handoff(r)))?;
        let before = lead.evidence.handoff.as_ref().map(|h| h.state);
        let owner_before = lead.contact.owner.clone();
        lead.evidence.handoff = Some(plan.handoff.clone());
        lead.contact.owner = Some(plan.owner.clone());
        lead.updated_at = ctx.now;
        lead.last_review_at = Some(ctx.now);
        update_facts(&tx, &lead, ctx)?;
        let data = json!({
            "to": plan.handoff.to,
            "from": plan.handoff.from,
            "reason": plan.handoff.reason.map(|r| r.as_str()),
            "owner": [owner_before, plan.owner],
        });
        append(
            &tx,
            ctx,
            id,
            NewEvent {
                kind: "handoff",
                field: Some(step.verb()),
                old_value: before.map(|s| s.as_str()),
                new_value: Some(plan.handoff.state.as_str()),
                note: stated(note),
                data: Some(data.to_string()),
                ..NewEvent::default()
            },
        )?;
        tx.commit()?;
        Ok(StepDone {
            handoff: plan.handoff,
            owner_before,
            owner: plan.owner,
        })
    }
}

fn write_stakeholders(
    tx: &Connection,
    lead: &mut crate::domain::Lead,
    old: Option<String>,
    new: Option<String>,
    ctx: &Ctx,
) -> Result<(), StoreError> {
    lead.updated_at = ctx.now;
    lead.last_review_at = Some(ctx.now);
    update_facts(tx, lead, ctx)?;
    append(
        tx,
        ctx,
        &lead.id,
        NewEvent {
            kind: "field",
            field: Some("stakeholders"),
            old_value: old.as_deref(),
            new_value: new.as_deref(),
            ..NewEvent::default()
        },
    )?;
    Ok(())
}

pub(super) fn touches_in(conn: &Connection, id: &str) -> Result<Vec<Touch>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, new_value, note, actor FROM events \
         WHERE lead_id = ?1 AND kind = 'touch' ORDER BY at, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, on, note, actor) = row?;
        let unreadable = |value: &str| StoreError::Unreadable {
            what: "touch",
            value: value.to_string(),
        };
        let kind = TouchKind::parse(&kind).map_err(|_| unreadable(&kind))?;
        let on = crate::domain::field::parse_day(&on).ok_or_else(|| unreadable(&on))?;
        out.push(Touch {
            kind,
            on,
            note: note.unwrap_or_default(),
            actor,
        });
    }
    Ok(out)
}

/// Takes the handoff off a record passed back to lead.
pub(super) fn clear(tx: &Connection, id: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE leads SET handoff = NULL, handoff_to = NULL, handoff_from = NULL, \
         handoff_at = NULL, handoff_reason = NULL, handoff_note = NULL WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}
