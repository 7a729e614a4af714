//! `leadgate db check`: SQLite's own checks of the file, then the store's invariants — every
//! stage and state change has its event, every promotion shows the gate it passed, the
//! derived tables (counts, search index) match the leads, every lead says where it came from,
//! and each lead's history reads in order.

use chrono::DateTime;
use rusqlite::Connection;
use serde::Serialize;

use super::{Store, StoreError};
use crate::domain::Rules;
use crate::domain::integrity::promotion_problems;

/// At most this many problems of one kind are listed; the rest are counted.
const LISTED: usize = 1000;

/// One thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The check that found it: `integrity`, `foreign_keys`, `events`, `promotions`,
    /// `counts`, `search_index`, `origin`, `order` or `json`.
    pub check: &'static str,
    /// The lead it concerns, when it concerns one.
    pub lead: Option<String>,
    pub detail: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.lead {
            Some(lead) => write!(f, "{}: lead {lead}: {}", self.check, self.detail),
            None => write!(f, "{}: {}", self.check, self.detail),
        }
    }
}

/// What a check of the whole database found.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub leads: u64,
    pub events: u64,
    pub problems: Vec<Problem>,
}

impl Checked {
    #[must_use]
    pub fn sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The checks, in the order they run, each with what a progress line says of it.
pub const CHECKS: &[(&str, &str)] = &[
    ("integrity", "SQLite integrity check"),
    ("foreign_keys", "references between tables"),
    ("json", "structured columns"),
    ("events", "every stage and state change has its event"),
    ("promotions", "every promotion shows the gate it passed"),
    ("counts", "queue counts"),
    ("search_index", "search index"),
    ("origin", "every lead says where it came from"),
    ("email_keys", "every email is matched on its own key"),
    ("order", "histories in order"),
];

impl Store {
    /// Runs every check on one consistent view of the database (other programs may write
    /// meanwhile), calling `step` with each check's name before it runs. `rules` are the rules
    /// in force, under which promotions that name them are judged again.
    ///
    /// # Errors
    /// A database error (a problem found is not an error).
    pub fn check(
        &self,
        rules: &Rules,
        step: &mut dyn FnMut(&'static str),
    ) -> Result<Checked, StoreError> {
        let conn = &self.conn;
        // One read transaction: every check sees the same moment.
        conn.execute_batch("BEGIN")?;
        let result = run_checks(conn, rules, step);
        conn.execute_batch("ROLLBACK")?;
        result
    }
}

fn run_checks(
    conn: &Connection,
    rules: &Rules,
    step: &mut dyn FnMut(&'static str),
) -> Result<Checked, StoreError> {
    let count = |sql: &str| -> Result<u64, StoreError> {
        Ok(conn
            .query_row(sql, [], |r| r.get::<_, i64>(0))?
            .unsigned_abs())
    };
    let leads = count("SELECT count(*) FROM leads")?;
    let events = count("SELECT count(*) FROM events")?;
    let mut problems = Vec::new();
    for (name, _) in CHECKS {
        step(name);
        let found = match *name {
            "integrity" => integrity(conn)?,
            "foreign_keys" => foreign_keys(conn)?,
            "json" => json_columns(conn)?,
            "events" => change_events(conn)?,
            "promotions" => promotions(conn, rules)?,
            "counts" => counts(conn)?,
            "search_index" => search_index(conn)?,
            "origin" => origin(conn)?,
            "email_keys" => email_keys(conn)?,
            "order" => order(conn)?,
            _ => Vec::new(),
        };
        problems.extend(listed(name, found));
    }
    Ok(Checked {
        leads,
        events,
        problems,
    })
}

/// The first `LISTED` problems of a kind, and a line counting the rest.
fn listed(check: &'static str, found: Vec<(Option<String>, String)>) -> Vec<Problem> {
    let more = found.len().saturating_sub(LISTED);
    let mut out: Vec<Problem> = found
        .into_iter()
        .take(LISTED)
        .map(|(lead, detail)| Problem {
            check,
            lead,
            detail,
        })
        .collect();
    if more > 0 {
        out.push(Problem {
            check,
            lead: None,
            detail: format!("and {more} more problems of this kind"),
        });
    }
    out
}

type Found = Vec<(Option<String>, String)>;

/// Rows of `sql` as (lead, detail) pairs, the query selecting exactly those two.
fn rows(conn: &Connection, sql: &str) -> Result<Found, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let found = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(found)
}

fn integrity(conn: &Connection) -> Result<Found, StoreError> {
    let mut found = rows(
        conn,
        "SELECT NULL, integrity_check FROM pragma_integrity_check",
    )?;
    found.retain(|(_, d)| d != "ok");
    Ok(found)
}

fn foreign_keys(conn: &Connection) -> Result<Found, StoreError> {
    rows(
        conn,
        "SELECT NULL, format('%s row %d refers to a missing %s row', \"table\", rowid, parent) \
         FROM pragma_foreign_key_check",
    )
}

fn json_columns(conn: &Connection) -> Result<Found, StoreError> {
    rows(
        conn,
        "SELECT id, 'its ' || c || ' column is not valid JSON' FROM ( \
           SELECT id, 'flags' AS c FROM leads WHERE NOT json_valid(flags) \
           UNION ALL SELECT id, 'attributes' FROM leads WHERE NOT json_valid(attributes) \
           UNION ALL SELECT id, 'stakeholders' FROM leads WHERE NOT json_valid(stakeholders))",
    )
}

/// Each lead's stage and state are where its events took them, and each change starts where
/// the one before ended: a change made without its event breaks the chain.
fn change_events(conn: &Connection) -> Result<Found, StoreError> {
    let mut found = rows(
        conn,
        "SELECT l.id, format('its %s is %s but its history ends at %s', a.kind, \
                CASE a.kind WHEN 'stage' THEN l.stage ELSE l.state END, a.last) \
         FROM leads l JOIN ( \
           SELECT lead_id, kind, new_value AS last, \
                  row_number() OVER (PARTITION BY lead_id, kind ORDER BY at DESC, id DESC) AS n \
           FROM events WHERE kind IN ('stage', 'state')) a ON a.lead_id = l.id AND a.n = 1 \
         WHERE a.last IS NOT CASE a.kind WHEN 'stage' THEN l.stage ELSE l.state END",
    )?;
    found.extend(rows(
        conn,
        "SELECT id, format('its %s is %s with no event that changed it', \
                CASE WHEN stage <> 'lead' THEN 'stage' ELSE 'state' END, \
                CASE WHEN stage <> 'lead' THEN stage ELSE state END) \
         FROM leads l WHERE (stage <> 'lead' AND NOT EXISTS (SELECT 1 FROM events e \
                WHERE e.lead_id = l.id AND e.kind = 'stage')) \
            OR (state <> 'active' AND NOT EXISTS (SELECT 1 FROM events e \
                WHERE e.lead_id = l.id AND e.kind = 'state'))",
    )?);
    found.extend(rows(
        conn,
        "SELECT lead_id, format('a %s change at %s starts from %s, but the one before ended \
                at %s', kind, at, old_value, before) FROM ( \
           SELECT lead_id, kind, at, old_value, \
                  coalesce(lag(new_value) OVER (PARTITION BY lead_id, kind ORDER BY at, id), \
                           CASE kind WHEN 'stage' THEN 'lead' ELSE 'active' END) AS before \
           FROM events WHERE kind IN ('stage', 'state')) \
         WHERE old_value IS NOT before",
    )?);
    Ok(found)
}

fn promotions(conn: &Connection, rules: &Rules) -> Result<Found, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT lead_id, at, old_value, new_value, data FROM events WHERE kind = 'stage'",
    )?;
    let mut rows = stmt.query([])?;
    let mut found = Vec::new();
    while let Some(r) = rows.next()? {
        let lead: String = r.get(0)?;
        let at: String = r.get(1)?;
        let (from, to): (Option<String>, Option<String>) = (r.get(2)?, r.get(3)?);
        let data: Option<String> = r.get(4)?;
        let Ok(day) = DateTime::parse_from_rfc3339(&at).map(|t| t.date_naive()) else {
            // `order` reports an unreadable time.
            continue;
        };
        let (from, to) = (from.unwrap_or_default(), to.unwrap_or_default());
        for p in promotion_problems(&from, &to, data.as_deref(), day, rules) {
            found.push((Some(lead.clone()), format!("{p} (event at {at})")));
        }
    }
    Ok(found)
}

fn counts(conn: &Connection) -> Result<Found, StoreError> {
    rows(
        conn,
        "WITH recount AS (SELECT stage, state, count(*) AS n FROM leads GROUP BY stage, state), \
              kept AS (SELECT stage, state, n FROM lead_counts WHERE n <> 0) \
         SELECT NULL, format('the count of %s/%s says %d, a recount finds %d', \
                stage, state, coalesce(k, 0), coalesce(r, 0)) FROM ( \
           SELECT stage, state, kept.n AS k, (SELECT n FROM recount r WHERE r.stage = kept.stage \
                  AND r.state = kept.state) AS r FROM kept \
           UNION SELECT stage, state, (SELECT n FROM kept k WHERE k.stage = recount.stage \
                  AND k.state = recount.state), recount.n FROM recount) \
         WHERE k IS NOT r",
    )
}

/// Builds the search index again beside the stored one and compares them document by
/// document (the token count of each column): a lead missing, one left in after it was
/// removed, or one indexed with text it no longer holds.
fn search_index(conn: &Connection) -> Result<Found, StoreError> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.check_fts; \
         CREATE VIRTUAL TABLE temp.check_fts USING fts5 (name, email, company, title, notes, \
         content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');",
    )?;
    conn.execute_batch(&format!(
        "{} WHERE state != 'removed'",
        super::upkeep::search_rows("temp.check_fts")
    ))?;
    let found = rows(
        conn,
        "SELECT l.id, CASE WHEN d.kept THEN 'its search entry does not match its text' \
                ELSE 'it is missing from the search index' END \
         FROM (SELECT id, EXISTS (SELECT 1 FROM main.leads_fts_docsize k WHERE k.id = c.id) \
               AS kept FROM (SELECT id, sz FROM temp.check_fts_docsize \
               EXCEPT SELECT id, sz FROM main.leads_fts_docsize) c) d \
         JOIN leads l ON l.rowid = d.id \
         UNION ALL \
         SELECT l.id, CASE WHEN l.state = 'removed' THEN 'it is removed but still found by search' \
                ELSE 'its search entry does not match its text' END \
         FROM (SELECT id FROM main.leads_fts_docsize \
               EXCEPT SELECT id FROM temp.check_fts_docsize) x \
         LEFT JOIN leads l ON l.rowid = x.id",
    );
    // Equal token counts can still be other tokens (a name changed for one as long): the
    // terms themselves are compared too, and the leads holding a term that differs named.
    let terms = conn
        .execute_batch(
            "CREATE VIRTUAL TABLE temp.check_kept_row USING fts5vocab(main, leads_fts, row); \
             CREATE VIRTUAL TABLE temp.check_new_row USING fts5vocab(temp, check_fts, row); \
             CREATE VIRTUAL TABLE temp.check_kept_at USING fts5vocab(main, leads_fts, instance); \
             CREATE VIRTUAL TABLE temp.check_new_at USING fts5vocab(temp, check_fts, instance);",
        )
        .map_err(StoreError::from)
        .and_then(|()| differing_terms(conn));
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.check_kept_row; DROP TABLE IF EXISTS temp.check_new_row; \
         DROP TABLE IF EXISTS temp.check_kept_at; DROP TABLE IF EXISTS temp.check_new_at; \
         DROP TABLE temp.check_fts;",
    )?;
    let mut found = found?;
    for (lead, detail) in &mut found {
        if lead.is_none() {
            *detail = "the search index holds an entry for no lead".to_string();
        }
    }
    for lead in terms? {
        if !found.iter().any(|(l, _)| l.as_ref() == Some(&lead)) {
            found.push((
                Some(lead),
                "its search entry does not match its text".to_string(),
            ));
        }
    }
    Ok(found)
}

/// The leads whose stored search entry holds other words than their text: through the terms
/// whose counts differ between the stored index and the one built again (at most `LISTED`).
fn differing_terms(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT term FROM (SELECT term, doc, cnt FROM temp.check_kept_row \
                           EXCEPT SELECT term, doc, cnt FROM temp.check_new_row) \
         UNION SELECT term FROM (SELECT term, doc, cnt FROM temp.check_new_row \
                           EXCEPT SELECT term, doc, cnt FROM temp.check_kept_row) \
         LIMIT ?1",
    )?;
    let terms: Vec<String> = stmt
        .query_map([i64::try_from(LISTED).unwrap_or(i64::MAX)], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut docs = conn.prepare(
        "SELECT l.id FROM leads l WHERE l.rowid IN ( \
           SELECT doc FROM (SELECT doc, col, offset FROM temp.check_kept_at WHERE term = ?1 \
                            EXCEPT SELECT doc, col, offset FROM temp.check_new_at WHERE term = ?1) \
           UNION SELECT doc FROM (SELECT doc, col, offset FROM temp.check_new_at WHERE term = ?1 \
                            EXCEPT SELECT doc, col, offset FROM temp.check_kept_at WHERE term = ?1))",
    )?;
    let mut leads: Vec<String> = Vec::new();
    for term in &terms {
        for id in docs.query_map([term], |r| r.get::<_, String>(0))? {
            let id = id?;
            if !leads.contains(&id) {
                leads.push(id);
            }
        }
    }
    Ok(leads)
}

fn origin(conn: &Connection) -> Result<Found, StoreError> {
    rows(
        conn,
        "SELECT id, 'it has neither a created event nor an import line' FROM leads l \
         WHERE (batch_id IS NULL AND NOT EXISTS (SELECT 1 FROM events e \
                WHERE e.lead_id = l.id AND e.kind = 'created')) \
            OR (batch_id IS NOT NULL AND batch_line IS NULL)",
    )
}

/// Each lead's email key is what the domain makes of its email: a key left behind by an
/// edit made elsewhere would let an import create the same person twice.
fn email_keys(conn: &Connection) -> Result<Found, StoreError> {
    let mut found = Vec::new();
    let mut stmt = conn.prepare("SELECT id, email, email_key FROM leads")?;
    let mut all = stmt.query([])?;
    while let Some(r) = all.next()? {
        let email: Option<String> = r.get(1)?;
        let key: Option<String> = r.get(2)?;
        if key != email.as_deref().map(crate::domain::field::email_key) {
            found.push((
                r.get(0)?,
                "its email's match key is out of date".to_string(),
            ));
        }
    }
    Ok(found)
}

/// Each lead's events were appended in the order of their times, and every time reads.
fn order(conn: &Connection) -> Result<Found, StoreError> {
    let mut found = rows(
        conn,
        "SELECT lead_id, format('an event written after another is dated earlier (%s before %s)', \
                at, before) FROM ( \
           SELECT lead_id, at, lag(at) OVER (PARTITION BY lead_id ORDER BY rowid) AS before \
           FROM events) WHERE at <= before",
    )?;
    let mut stmt = conn.prepare("SELECT lead_id, at FROM events")?;
    let mut all = stmt.query([])?;
    while let Some(r) = all.next()? {
        let at: String = r.get(1)?;
        if DateTime::parse_from_rfc3339(&at).is_err() {
            found.push((r.get(0)?, format!("an event's time does not read: '{at}'")));
        }
    }
    Ok(found)
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
