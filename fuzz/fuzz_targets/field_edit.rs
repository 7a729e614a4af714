//! What a person types to edit a field, through `leadgate set ID FIELD VALUE [--note N]
//! [--on DAY]` and the workstation's editor: the field's name, the value, the note and the day
//! parsed into an edit, applied to a record, and put back as the workstation's undo does.
//!
//! Input: `field=value`, then optionally a NUL and the note, then a NUL and the `--on` day.

#![no_main]

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use leadgate::domain::field::{Field, apply, current, parse_day, parse_edit};
use leadgate::domain::{Contact, Evidence, Lead, Stage, State};
use libfuzzer_sys::fuzz_target;

fn lead() -> Lead {
    let at = Utc.with_ymd_and_hms(2025, 3, 10, 9, 30, 0).unwrap();
    Lead {
        id: "0".repeat(32),
        contact: Contact {
            name: "Maren Okafor".into(),
            email: Some("maren@northwind.example".into()),
            title: Some("Head of Operations".into()),
            company: Some("Northwind Freight".into()),
            given_name: Some("Maren".into()),
            family_name: Some("Okafor".into()),
            ..Contact::default()
        },
        stage: Stage::Lead,
        state: State::Active,
        state_reason: None,
        state_note: None,
        evidence: Evidence::default(),
        created_at: at,
        updated_at: at,
        last_review_at: None,
        review_due_at: at,
        attributes: BTreeMap::new(),
        record_id: None,
        origin: None,
        version: 1,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let edit = parts.next().unwrap_or_default();
    let note = parts.next();
    let on = parts.next();
    let Some((field, value)) = edit.split_once('=') else {
        return;
    };
    let Ok(field) = Field::parse(field) else {
        return;
    };
    let on = match on {
        Some(day) => match parse_day(day) {
            Some(day) => Some(day),
            None => return,
        },
        None => None,
    };
    let today = NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    let Ok(edit) = parse_edit(field, value, note, on, today) else {
        return;
    };
    assert_eq!(edit.field, field);
    let mut lead = lead();
    let before = lead.clone();
    let _ = apply(&mut lead, &edit);
    // The record now says what the edit said: the same edit again changes nothing.
    let mut again = lead.clone();
    assert_eq!(
        apply(&mut again, &edit),
        None,
        "the same edit twice changed the record twice: {edit:?}"
    );
    assert_eq!(again, lead);
    // What the record now holds reads back as an edit (the workstation edits and undoes with
    // it), and that edit changes nothing.
    let (value, note) = current(&lead, field);
    let day = match field {
        Field::ReasonNow => lead.evidence.reason_now_on,
        Field::NextStep => lead.evidence.next_step_on,
        _ => None,
    };
    let reread = parse_edit(
        field,
        value.as_deref().unwrap_or(""),
        note.as_deref(),
        day,
        today,
    )
    .unwrap_or_else(|e| panic!("{field} as stored does not read back: {e}"));
    let mut same = lead.clone();
    assert_eq!(apply(&mut same, &reread), None, "{reread:?} after {edit:?}");
    // And the record before it reads back too: undo puts it back.
    let (value, note) = current(&before, field);
    if let Ok(undo) = parse_edit(
        field,
        value.as_deref().unwrap_or(""),
        note.as_deref(),
        None,
        today,
    ) {
        let _ = apply(&mut lead, &undo);
    }
});
