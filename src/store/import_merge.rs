//! A row that matches a lead already there: what it fills, what it updates, and what it says
//! differently, kept as the lead's history in a `merge` event.

use serde_json::{Map, Value, json};

use super::{INVALID_EMAIL, Importer, attributes_of};
use crate::domain::Incoming;
use crate::domain::field::{Edit, Field, apply, current};
use crate::domain::flags::{detect, refresh};
use crate::store::StoreError;
use crate::store::events::{NewEvent, append};
use crate::store::import_identity::Identity;
use crate::store::leads::{get, update_row};

impl Importer<'_> {
    /// Fills what the lead lacks and keeps what differs as history. Returns whether anything
    /// was filled or differed.
    pub(super) fn merge(
        &mut self,
        id: &str,
        row: &Incoming,
        matched_by: Identity,
    ) -> Result<bool, StoreError> {
        let mut lead = get(self.tx()?, id)?;
        let mut filled = Map::new();
        let mut conflicts = Map::new();
        // Values replaced because the row's is newer: {field: {old, new}}.
        let mut updated = Map::new();
        for &field in Field::ALL.iter().filter(|f| !f.is_evidence()) {
            let Some(new) = contact_value(&row.contact, field).filter(|v| !v.trim().is_empty())
            else {
                continue;
            };
            match current(&lead, field).0 {
                None => {
                    let edit = Edit {
                        field,
                        value: Some(new.to_string()),
                        note: None,
                        day: None,
                    };
                    let _ = apply(&mut lead, &edit);
                    filled.insert(field.as_str().to_string(), Value::from(new));
                }
                // A later activity day is news about the same person: it replaces the older.
                Some(old) if field == Field::LastActivity && later_day(new, &old) => {
                    lead.contact.last_activity = Some(new.to_string());
                    updated.insert(field.as_str().to_string(), json!({"old": old, "new": new}));
                }
                Some(old) if !old.trim().eq_ignore_ascii_case(new.trim()) => {
                    conflicts.insert(field.as_str().to_string(), Value::from(new));
                }
                Some(_) => {}
            }
        }
        // Name parts describe one spelling of the name: taken only for the same name.
        let c = &row.contact;
        if lead.contact.given_name.is_none()
            && lead.contact.family_name.is_none()
            && (c.given_name.is_some() || c.family_name.is_some())
            && lead.contact.name.trim().eq_ignore_ascii_case(c.name.trim())
        {
            lead.contact.given_name.clone_from(&c.given_name);
            lead.contact.family_name.clone_from(&c.family_name);
            for (key, v) in [
                ("given_name", &c.given_name),
                ("family_name", &c.family_name),
            ] {
                if let Some(v) = v {
                    filled.insert(key.into(), Value::from(v.as_str()));
                }
            }
        }
        match (&lead.record_id, &row.record_id) {
            (None, Some(new)) => {
                lead.record_id = Some(new.clone());
                filled.insert("record_id".into(), Value::from(new.as_str()));
            }
            (Some(old), Some(new)) if old != new => {
                conflicts.insert("record_id".into(), Value::from(new.as_str()));
            }
            _ => {}
        }
        for (header, value) in attributes_of(row) {
            match lead.attributes.get(&header) {
                None => {
                    filled.insert(format!("attribute:{header}"), Value::from(value.as_str()));
                    lead.attributes.insert(header, value);
                }
                Some(old) if *old != value => {
                    conflicts.insert(format!("attribute:{header}"), Value::from(value));
                }
                Some(_) => {}
            }
        }
        // A differing value already in the lead's history is not news.
        if !conflicts.is_empty() {
            let known = self.known_conflicts(id)?;
            conflicts.retain(|field, value| !known.contains(&(field.clone(), value.clone())));
        }
        if filled.is_empty() && conflicts.is_empty() && updated.is_empty() {
            return Ok(false);
        }
        let raised = detect(
            &lead.contact,
            &lead.attributes,
            lead.attributes.get(INVALID_EMAIL).map(String::as_str),
            &self.ctx.rules.flags,
        );
        refresh(&mut lead.evidence.flags, raised);
        lead.updated_at = self.ctx.now;
        update_row(self.tx()?, &lead, &self.ctx)?;
        let rowid: i64 = self
            .tx()?
            .prepare_cached("SELECT rowid FROM leads WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        if rowid < self.first_new_rowid {
            self.touched(rowid)?;
        }
        let first = lead.origin.as_ref().map(|o| o.line);
        let note = match first {
            Some(line) => format!(
                "line {} of {} merged into the record from line {line} (matched by {})",
                row.line,
                self.file_name,
                matched_by.said()
            ),
            None => format!(
                "line {} of {} merged into an existing record (matched by {})",
                row.line,
                self.file_name,
                matched_by.said()
            ),
        };
        let data = json!({
            "file": self.file_name,
            "line": row.line,
            "first_line": first,
            "first_batch": lead.origin.as_ref().map(|o| o.batch_id.clone()),
            "matched_by": matched_by.said(),
            "filled": filled,
            "updated": updated,
            "conflicts": conflicts,
        });
        append(
            self.tx()?,
            &self.ctx,
            id,
            NewEvent {
                kind: "merge",
                note: Some(&note),
                data: Some(data.to_string()),
                batch_id: Some(&self.batch_id),
                ..NewEvent::default()
            },
        )?;
        Ok(true)
    }

    /// The (field, value) pairs earlier merges kept as differing values of a lead.
    fn known_conflicts(&self, id: &str) -> Result<Vec<(String, Value)>, StoreError> {
        let mut stmt = self
            .tx()?
            .prepare_cached("SELECT data FROM events WHERE lead_id = ?1 AND kind = 'merge'")?;
        let datas: Vec<Option<String>> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut known = Vec::new();
        for data in datas.into_iter().flatten() {
            let parsed: Value = serde_json::from_str(&data).unwrap_or(Value::Null);
            if let Some(map) = parsed.get("conflicts").and_then(Value::as_object) {
                known.extend(map.iter().map(|(k, v)| (k.clone(), v.clone())));
            }
        }
        Ok(known)
    }
}

/// Whether `new` is a later YYYY-MM-DD day than `old`.
fn later_day(new: &str, old: &str) -> bool {
    use crate::domain::field::parse_day;
    matches!((parse_day(new), parse_day(old)), (Some(n), Some(o)) if n > o)
}

fn contact_value(c: &crate::domain::Contact, field: Field) -> Option<&str> {
    match field {
        Field::Name => Some(c.name.as_str()),
        Field::Email => c.email.as_deref(),
        Field::Title => c.title.as_deref(),
        Field::Company => c.company.as_deref(),
        Field::Domain => c.domain.as_deref(),
        Field::Industry => c.industry.as_deref(),
        Field::Employees => c.employees.as_deref(),
        Field::Country => c.country.as_deref(),
        Field::City => c.city.as_deref(),
        Field::Phone => c.phone.as_deref(),
        Field::LinkedinUrl => c.linkedin_url.as_deref(),
        Field::Source => c.source.as_deref(),
        Field::Owner => c.owner.as_deref(),
        Field::LastActivity => c.last_activity.as_deref(),
        _ => None,
    }
}
