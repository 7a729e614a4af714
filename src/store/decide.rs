//! The only writes that change a lead after it is created: field edits and decisions.

use rusqlite::{Connection, params};
use serde_json::json;

use super::events::{NewEvent, append};
use super::expect::{Expect, check};
use super::leads::{get, update_facts};
use super::rows::time_text;
use super::{Ctx, Store, StoreError};
use crate::domain::field::{Change, Edit, Field, apply};
use crate::domain::flags::{Flag, detect, refresh, resolve};
use crate::domain::queue::next_review;
use crate::domain::transition::{Decision, Plan, plan};

impl Store {
    /// Applies an edit to one field and records it. Returns `None` when nothing changed.
    ///
    /// # Errors
    /// `NotFound`; a database error. Nothing is written on error.
    pub fn set_field(
        &mut self,
        id: &str,
        edit: &Edit,
        ctx: &Ctx,
    ) -> Result<Option<Change>, StoreError> {
        self.set_field_expecting(id, edit, None, ctx)
    }

    /// `set_field`, refused with `Changed` unless the record is what `expect` says.
    ///
    /// # Errors
    /// As `set_field`; `Changed`.
    pub fn set_field_expecting(
        &mut self,
        id: &str,
        edit: &Edit,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<Option<Change>, StoreError> {
        let tx = self.write_tx(ctx)?;
        check(&tx, &get(&tx, id)?, expect)?;
        let change = set_field_in(&tx, id, edit, ctx)?;
        tx.commit()?;
        Ok(change)
    }

    /// Resolves an exclusion flag with a note: the person vouches for the record.
    ///
    /// # Errors
    /// `Flag` when the flag is not open or the note is blank, or for `do_not_contact`, which
    /// needs a consent day (`resolve_flag_expecting`); `NotFound`; a database error.
    pub fn resolve_flag(
        &mut self,
        id: &str,
        flag: Flag,
        note: &str,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        self.resolve_flag_expecting(id, flag, note, None, None, ctx)
    }

    /// `resolve_flag`, with the day the person consented again for `do_not_contact` (the
    /// event records it), refused with `Changed` unless the record is what `expect` says.
    ///
    /// # Errors
    /// As `resolve_flag`; `Changed`.
    pub fn resolve_flag_expecting(
        &mut self,
        id: &str,
        flag: Flag,
        note: &str,
        consent_on: Option<chrono::NaiveDate>,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<(), StoreError> {
        let tx = self.write_tx(ctx)?;
        check(&tx, &get(&tx, id)?, expect)?;
        resolve_flag_in(&tx, id, flag, note, consent_on, ctx)?;
        tx.commit()?;
        Ok(())
    }

    /// Carries out a decision: the one way a stage or state changes.
    ///
    /// In one transaction it reads the record, asks the domain whether the decision is allowed
    /// (the gate, for a promotion), writes the change and appends an event for each axis that
    /// moved, a stage change carrying a snapshot of the evidence it relied on. A refusal
    /// writes nothing.
    ///
    /// # Errors
    /// `Refused` with the reason (the failing checklist for a closed gate); `NotFound`; a
    /// database error.
    pub fn decide(
        &mut self,
        id: &str,
        decision: &Decision,
        note: Option<&str>,
        ctx: &Ctx,
    ) -> Result<Plan, StoreError> {
        self.decide_expecting(id, decision, note, None, ctx)
    }

    /// `decide`, refused with `Changed` unless the record is what `expect` says.
    ///
    /// # Errors
    /// As `decide`; `Changed`.
    pub fn decide_expecting(
        &mut self,
        id: &str,
        decision: &Decision,
        note: Option<&str>,
        expect: Option<&Expect>,
        ctx: &Ctx,
    ) -> Result<Plan, StoreError> {
        let tx = self.write_tx(ctx)?;
        let lead = get(&tx, id)?;
        check(&tx, &lead, expect)?;
        let outcome = decide_in(&tx, &lead, decision, note, ctx)?;
        tx.commit()?;
        Ok(outcome)
    }
}

/// `decide` inside a transaction the caller holds, on `lead` as the caller read it in that
/// transaction (so it is not read twice).
pub(super) fn decide_in(
    tx: &Connection,
    lead: &crate::domain::Lead,
    decision: &Decision,
    note: Option<&str>,
    ctx: &Ctx,
) -> Result<Plan, StoreError> {
    let id = lead.id.as_str();
    let today = ctx.now.date_naive();
    let outcome = plan(
        lead.stage,
        lead.state,
        &lead.evidence,
        decision,
        note,
        today,
        &ctx.rules.gates,
    )
    .map_err(StoreError::Refused)?;
    let stage = outcome.stage.map_or(lead.stage, |(_, to)| to);
    let state = outcome.state.map_or(lead.state, |(_, to)| to);
    // An undo puts back what the record said; other decisions say it anew.
    let (reason, state_note, due) = match decision {
        Decision::Undo { restore, .. } => (
            restore.reason,
            restore.note.as_deref(),
            restore.review_due_at.unwrap_or(ctx.now),
        ),
        _ => (
            decision.reason(),
            note,
            next_review(decision, ctx.now, ctx.rules.gates.review_cadence_days),
        ),
    };
    let (reason, state_note) = match state {
        crate::domain::State::Active => (None, None),
        _ => (reason, state_note),
    };
    // Where the lead stands once decided: its stage, state and review date are what count.
    let mut decided = crate::domain::Lead {
        stage,
        state,
        review_due_at: due,
        updated_at: ctx.now,
        ..lead.clone()
    };
    // A record passed back to lead has no handoff any more: it must earn one again.
    let closed_handoff = if stage == crate::domain::Stage::Lead {
        decided.evidence.handoff.take()
    } else {
        None
    };
    let st = ctx.rules.standing(&decided, ctx.now);
    tx.prepare_cached(
        "UPDATE leads SET stage = ?2, state = ?3, state_reason = ?4, state_note = ?5, \
             updated_at = ?6, last_review_at = ?6, review_due_at = ?7, priority = ?8, \
             waiting = ?9, priority_until = ?10, unsupported = ?11, stalled = ?12, \
             version = version + 1 WHERE id = ?1",
    )?
    .execute(params![
        id,
        stage.as_str(),
        state.as_str(),
        reason.map(|r| r.as_str()),
        state_note,
        time_text(ctx.now),
        time_text(due),
        st.priority,
        st.waiting,
        st.until.map(time_text),
        st.unsupported,
        st.stalled,
    ])?;
    if let Some(h) = &closed_handoff {
        super::handoff::clear(tx, id)?;
        append(
            tx,
            ctx,
            id,
            NewEvent {
                kind: "handoff",
                field: Some("close"),
                old_value: Some(h.state.as_str()),
                note: Some("passed back to lead"),
                ..NewEvent::default()
            },
        )?;
    }
    if (stage, state) != (lead.stage, lead.state) {
        super::upkeep::count(tx, lead.stage, lead.state, -1)?;
        super::upkeep::count(tx, stage, state, 1)?;
    }
    // The state's note is the one searchable text a decision changes; a removed lead is not
    // found at all. A decision that leaves both as they were leaves the search index be (the
    // most costly part of a bulk decision without a note).
    let removed = crate::domain::State::Removed;
    if state == removed {
        super::upkeep::unindex(tx, id)?;
    } else if lead.state == removed || state_note != lead.state_note.as_deref() {
        super::upkeep::reindex(tx, id)?;
    }
    if let Some((from, to)) = outcome.stage {
        let snapshot = crate::domain::integrity::stage_snapshot(
            decision.verb(),
            &ctx.rules,
            &lead.evidence,
            outcome.checklist.as_ref(),
        );
        append(
            tx,
            ctx,
            id,
            NewEvent {
                kind: "stage",
                field: Some("stage"),
                old_value: Some(from.as_str()),
                new_value: Some(to.as_str()),
                reason_code: decision.reason(),
                note,
                data: Some(snapshot.to_string()),
                batch_id: None,
            },
        )?;
    }
    if let Some((from, to)) = outcome.state {
        append(
            tx,
            ctx,
            id,
            NewEvent {
                kind: "state",
                field: Some("state"),
                old_value: Some(from.as_str()),
                new_value: Some(to.as_str()),
                reason_code: decision.reason(),
                note,
                data: None,
                batch_id: None,
            },
        )?;
    }
    Ok(outcome)
}

/// `set_field` inside a transaction the caller holds.
pub(super) fn set_field_in(
    tx: &Connection,
    id: &str,
    edit: &Edit,
    ctx: &Ctx,
) -> Result<Option<Change>, StoreError> {
    let mut lead = get(tx, id)?;
    let Some(change) = apply(&mut lead, edit) else {
        return Ok(None);
    };
    lead.updated_at = ctx.now;
    if edit.field.is_evidence() {
        lead.last_review_at = Some(ctx.now);
    }
    // A new address or title can raise (or clear) exclusion flags. An invalid address an
    // import kept counts until someone sets a real one.
    let (raised_flags, dropped_flags) = if matches!(edit.field, Field::Email | Field::Title) {
        let invalid = lead
            .attributes
            .get(super::import::INVALID_EMAIL)
            .filter(|_| lead.contact.email.is_none())
            .cloned();
        let raised = detect(
            &lead.contact,
            &lead.attributes,
            invalid.as_deref(),
            &ctx.rules.flags,
        );
        refresh(&mut lead.evidence.flags, raised)
    } else {
        (Vec::new(), Vec::new())
    };
    update_facts(tx, &lead, ctx)?;
    // A reason now's day is when it was observed; a next step's, when it happens.
    let day_key = if change.field == Field::NextStep {
        "next_step_on"
    } else {
        "observed_on"
    };
    let data = change.day.map(|d| json!({ day_key: d }).to_string());
    append(
        tx,
        ctx,
        id,
        NewEvent {
            kind: "field",
            field: Some(change.field.as_str()),
            old_value: change.old.as_deref(),
            new_value: change.new.as_deref(),
            note: change.note.as_deref(),
            data,
            ..NewEvent::default()
        },
    )?;
    for flag in raised_flags {
        let reason = lead
            .evidence
            .flags
            .iter()
            .find(|f| f.flag == flag)
            .map(|f| f.reason.clone());
        let event = NewEvent {
            kind: "flag",
            field: Some(flag.as_str()),
            new_value: Some("raised"),
            note: reason.as_deref(),
            ..NewEvent::default()
        };
        append(tx, ctx, id, event)?;
    }
    for flag in dropped_flags {
        let event = NewEvent {
            kind: "flag",
            field: Some(flag.as_str()),
            new_value: Some("cleared"),
            note: Some("no longer applies after the change"),
            ..NewEvent::default()
        };
        append(tx, ctx, id, event)?;
    }
    Ok(Some(change))
}

/// `resolve_flag` inside a transaction the caller holds.
pub(super) fn resolve_flag_in(
    tx: &Connection,
    id: &str,
    flag: Flag,
    note: &str,
    consent_on: Option<chrono::NaiveDate>,
    ctx: &Ctx,
) -> Result<(), StoreError> {
    let mut lead = get(tx, id)?;
    resolve(
        &mut lead.evidence.flags,
        flag,
        &ctx.actor,
        ctx.now,
        note,
        consent_on,
    )?;
    lead.updated_at = ctx.now;
    lead.last_review_at = Some(ctx.now);
    update_facts(tx, &lead, ctx)?;
    append(
        tx,
        ctx,
        id,
        NewEvent {
            kind: "flag",
            field: Some(flag.as_str()),
            old_value: Some("raised"),
            new_value: Some("resolved"),
            note: Some(note.trim()),
            data: consent_on.map(|day| json!({ "consent_on": day }).to_string()),
            ..NewEvent::default()
        },
    )?;
    Ok(())
}
