//! Mapping between rows and domain values.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::Type;

use crate::domain::handoff::{Handoff, HandoffState, RejectCode};
use crate::domain::{
    Contact, Evidence, IcpFit, IntentSource, Lead, Origin, ReasonCode, RoleRelevance, Stage, State,
    UnknownValue,
};

/// Every lead column, in the order `lead_from_row` reads them; a macro, so that statements
/// run for every row can be built once, at compile time, with `concat!`.
macro_rules! lead_columns {
    () => {
        "id, name, email, title, company, domain, industry, \
        employees, country, city, phone, linkedin_url, source, owner, stage, state, state_reason, \
        state_note, icp_fit, icp_fit_why, role_relevance, role_relevance_why, intent_source, \
        intent_detail, reason_now, reason_now_on, pain_point, stakeholders_note, next_step, \
        created_at, updated_at, last_review_at, review_due_at, flags, attributes, record_id, \
        batch_id, batch_line, last_activity, version, given_name, family_name, pain_consequence, \
        stakeholders, next_step_on, timeline, budget_path, deal_size, handoff, handoff_to, \
        handoff_from, handoff_at, handoff_reason, handoff_note"
    };
}
pub(super) use lead_columns;

/// Every lead column, in the order `lead_from_row` reads them.
pub(super) const LEAD_COLUMNS: &str = lead_columns!();

/// How many columns `LEAD_COLUMNS` names: a query may select more after them.
pub(super) const LEAD_COLUMN_COUNT: usize = {
    let bytes = LEAD_COLUMNS.as_bytes();
    let (mut i, mut commas) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b',' {
            commas += 1;
        }
        i += 1;
    }
    commas + 1
};

/// JSON text of a column, read into `T`.
fn json_at<T: serde::de::DeserializeOwned>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    serde_json::from_str(&text).map_err(|e| conversion(idx, e))
}

/// Times are fixed-width text so that text order is time order: RFC 3339 in UTC with
/// microseconds. Written field by field, since a bulk import writes several per row and a
/// format string is parsed on every call.
#[must_use]
pub(super) fn time_text(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let (d, tm) = (t.date_naive(), t.time());
    // A leap second's extra nanoseconds stay in the same microsecond width.
    let micros = (tm.nanosecond() / 1_000).min(999_999);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        d.year(),
        d.month(),
        d.day(),
        tm.hour(),
        tm.minute(),
        tm.second()
    )
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

pub(super) fn time_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(idx)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.to_utc())
        .map_err(|e| conversion(idx, e))
}

fn opt_time_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(_) => time_at(row, idx).map(Some),
    }
}

fn date_at(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<NaiveDate>> {
    row.get::<_, Option<String>>(idx)?
        .map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| conversion(idx, e)))
        .transpose()
}

pub(super) fn vocab<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Result<T, UnknownValue>,
) -> rusqlite::Result<T> {
    let text: String = row.get(idx)?;
    parse(&text).map_err(|e| conversion(idx, e))
}

pub(super) fn opt_vocab<T>(
    row: &Row<'_>,
    idx: usize,
    parse: fn(&str) -> Result<T, UnknownValue>,
) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(idx)? {
        None => Ok(None),
        Some(_) => vocab(row, idx, parse).map(Some),
    }
}

/// Reads a lead selected with `LEAD_COLUMNS`.
pub(super) fn lead_from_row(r: &Row<'_>) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: r.get(0)?,
        contact: Contact {
            name: r.get(1)?,
            email: r.get(2)?,
            title: r.get(3)?,
            company: r.get(4)?,
            domain: r.get(5)?,
            industry: r.get(6)?,
            employees: r.get(7)?,
            country: r.get(8)?,
            city: r.get(9)?,
            phone: r.get(10)?,
            linkedin_url: r.get(11)?,
            source: r.get(12)?,
            owner: r.get(13)?,
            last_activity: r.get(38)?,
            given_name: r.get(40)?,
            family_name: r.get(41)?,
        },
        stage: vocab(r, 14, Stage::parse)?,
        state: vocab(r, 15, State::parse)?,
        state_reason: opt_vocab(r, 16, ReasonCode::parse)?,
        state_note: r.get(17)?,
        evidence: Evidence {
            icp_fit: vocab(r, 18, IcpFit::parse)?,
            icp_fit_why: r.get(19)?,
            role_relevance: vocab(r, 20, RoleRelevance::parse)?,
            role_relevance_why: r.get(21)?,
            intent_source: opt_vocab(r, 22, IntentSource::parse)?,
            intent_detail: r.get(23)?,
            reason_now: r.get(24)?,
            reason_now_on: date_at(r, 25)?,
            pain_point: r.get(26)?,
            stakeholders_note: r.get(27)?,
            next_step: r.get(28)?,
            flags: json_at(r, 33)?,
            pain_consequence: r.get(42)?,
            stakeholders: json_at(r, 43)?,
            next_step_on: date_at(r, 44)?,
            timeline: r.get(45)?,
            budget_path: r.get(46)?,
            deal_size: r.get(47)?,
            handoff: handoff_at(r, 48)?,
        },
        created_at: time_at(r, 29)?,
        updated_at: time_at(r, 30)?,
        last_review_at: opt_time_at(r, 31)?,
        review_due_at: time_at(r, 32)?,
        attributes: json_at(r, 34)?,
        record_id: r.get(35)?,
        version: r.get(39)?,
        origin: match (
            r.get::<_, Option<String>>(36)?,
            r.get::<_, Option<i64>>(37)?,
        ) {
            (Some(batch_id), Some(line)) => Some(Origin {
                batch_id,
                line: u64::try_from(line).unwrap_or(0),
            }),
            _ => None,
        },
    })
}

/// The handoff read from its six columns from `idx`: state, to, from, at, reason, note.
pub(super) fn handoff_at(r: &Row<'_>, idx: usize) -> rusqlite::Result<Option<Handoff>> {
    let Some(state) = opt_vocab(r, idx, HandoffState::parse)? else {
        return Ok(None);
    };
    Ok(Some(Handoff {
        state,
        to: r.get::<_, Option<String>>(idx + 1)?.unwrap_or_default(),
        from: r.get::<_, Option<String>>(idx + 2)?.unwrap_or_default(),
        at: time_at(r, idx + 3)?,
        reason: opt_vocab(r, idx + 4, RejectCode::parse)?,
        note: r.get(idx + 5)?,
    }))
}

/// What the report reads of each lead, in the order `report_lead_from_row` reads it.
pub(super) const REPORT_COLUMNS: &str = "id, name, email, title, company, source, owner, stage, \
    state, icp_fit, icp_fit_why, role_relevance, role_relevance_why, intent_source, \
    intent_detail, reason_now, reason_now_on, flags, updated_at, batch_id";

/// A lead with only the fields the report reads (`REPORT_COLUMNS`); the rest are empty. Its
/// last change (`updated_at`, for the stalled check) is read for prospects and opportunities
/// only; the other times are the Unix epoch.
pub(super) fn report_lead_from_row(r: &Row<'_>) -> rusqlite::Result<Lead> {
    let flags: String = r.get(17)?;
    let stage = vocab(r, 7, Stage::parse)?;
    let updated = if matches!(stage, Stage::Prospect | Stage::Opportunity) {
        time_at(r, 18)?
    } else {
        DateTime::<Utc>::UNIX_EPOCH
    };
    Ok(Lead {
        id: r.get(0)?,
        contact: Contact {
            name: r.get(1)?,
            email: r.get(2)?,
            title: r.get(3)?,
            company: r.get(4)?,
            source: r.get(5)?,
            owner: r.get(6)?,
            ..Contact::default()
        },
        stage,
        state: vocab(r, 8, State::parse)?,
        state_reason: None,
        state_note: None,
        evidence: Evidence {
            icp_fit: vocab(r, 9, IcpFit::parse)?,
            icp_fit_why: r.get(10)?,
            role_relevance: vocab(r, 11, RoleRelevance::parse)?,
            role_relevance_why: r.get(12)?,
            intent_source: opt_vocab(r, 13, IntentSource::parse)?,
            intent_detail: r.get(14)?,
            reason_now: r.get(15)?,
            reason_now_on: date_at(r, 16)?,
            // Most leads have no flag: no JSON to parse.
            flags: if flags == "[]" {
                Vec::new()
            } else {
                serde_json::from_str(&flags).map_err(|e| conversion(17, e))?
            },
            ..Evidence::default()
        },
        created_at: updated,
        updated_at: updated,
        last_review_at: None,
        review_due_at: updated,
        attributes: std::collections::BTreeMap::new(),
        record_id: None,
        origin: r
            .get::<_, Option<String>>(19)?
            .map(|batch_id| Origin { batch_id, line: 0 }),
        version: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    proptest! {
        /// The hand-written form is exactly chrono's, and reads back to the same instant.
        #[test]
        fn time_text_is_rfc3339_with_microseconds(secs in 0i64..253_402_300_799, micros in 0u32..1_000_000) {
            let t = Utc.timestamp_opt(secs, micros * 1_000).single().expect("time");
            let text = time_text(t);
            prop_assert_eq!(&text, &t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string());
            let back = DateTime::parse_from_rfc3339(&text).expect("parses").to_utc();
            prop_assert_eq!(back, t);
        }
    }
}
