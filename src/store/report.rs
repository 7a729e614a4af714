//! Aggregates for the report, as plain values: which leads ever reached a stage, every stage
//! change with the time it ended, and counts of the work in a period. The leads themselves
//! are walked with `walk_leads`; everything is figured in `report`, not here.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use std::collections::HashMap;

use super::leads::{ListFilter, walk_reading};
use super::rows::{REPORT_COLUMNS, report_lead_from_row, time_at, time_text, vocab};
use super::{Store, StoreError};
use crate::domain::{Lead, ReasonCode, Stage};

/// Which leads a report covers, besides the period.
#[derive(Debug, Clone, Default)]
pub struct ReportScope {
    pub source: Option<String>,
    pub owner: Option<String>,
    pub batch: Option<String>,
}

/// One stage change: the lead was at `from` from `since` (its previous change, or its
/// creation) until `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageStay {
    pub lead_id: String,
    pub from: Stage,
    pub to: Stage,
    pub since: DateTime<Utc>,
    pub at: DateTime<Utc>,
}

/// How many events of a kind an actor wrote in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorWork {
    pub actor: String,
    pub kind: String,
    pub n: u64,
}

/// The SQL conditions (on leads as `l`) and arguments of a scope.
fn scope_sql(scope: &ReportScope) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args = Vec::new();
    for (column, value) in [
        ("l.source", &scope.source),
        ("l.owner", &scope.owner),
        ("l.batch_id", &scope.batch),
    ] {
        if let Some(v) = value {
            sql.push_str(&format!(" AND {column} = ?"));
            args.push(Value::from(v.clone()));
        }
    }
    (sql, args)
}

/// The join to the leads an event belongs to, needed only when the scope names leads.
fn join_leads(scope: &ReportScope) -> &'static str {
    if scope.source.is_some() || scope.owner.is_some() || scope.batch.is_some() {
        " JOIN leads l ON l.id = e.lead_id"
    } else {
        ""
    }
}

/// The period's conditions on an event time column.
fn period_sql(
    column: &str,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    args: &mut Vec<Value>,
) -> String {
    let mut sql = String::new();
    if let Some(t) = since {
        sql.push_str(&format!(" AND {column} >= ?"));
        args.push(Value::from(time_text(t)));
    }
    if let Some(t) = until {
        sql.push_str(&format!(" AND {column} < ?"));
        args.push(Value::from(time_text(t)));
    }
    sql
}

/// A stage change that an undo took back does not count as reached.
const NOT_UNDONE: &str = "NOT EXISTS (SELECT 1 FROM events u WHERE u.lead_id = e.lead_id \
     AND u.at > e.at AND json_extract(u.data, '$.undoes') = e.id)";

impl Store {
    /// Every lead `filter` selects, with only what the report reads: name, email, title,
    /// company, source, owner, stage, state, the prospect gate's evidence and flags, when it
    /// was created and last changed, and its import (other fields are empty).
    ///
    /// # Errors
    /// A database error, or the first error `each` returns.
    pub fn walk_for_report<E: From<StoreError>>(
        &self,
        filter: &ListFilter,
        each: impl FnMut(Lead) -> Result<std::ops::ControlFlow<()>, E>,
    ) -> Result<(), E> {
        walk_reading(
            &self.conn,
            filter,
            REPORT_COLUMNS,
            report_lead_from_row,
            each,
        )
    }

    /// The furthest stage each lead ever reached by a promotion that was not undone (only
    /// leads that reached prospect or beyond are listed).
    ///
    /// # Errors
    /// A database error.
    pub fn stages_reached(&self) -> Result<HashMap<String, Stage>, StoreError> {
        let sql = format!(
            "SELECT e.lead_id, e.new_value FROM events e \
             WHERE e.kind = 'stage' AND e.new_value IN ('prospect', 'opportunity', 'customer') \
             AND e.old_value IN ('lead', 'prospect', 'opportunity') AND {NOT_UNDONE}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, vocab(r, 1, Stage::parse)?))
        })?;
        let mut reached: HashMap<String, Stage> = HashMap::new();
        for row in rows {
            let (id, stage) = row?;
            let e = reached.entry(id).or_insert(stage);
            if stage > *e {
                *e = stage;
            }
        }
        Ok(reached)
    }

    /// Every stage change of the leads in `scope`, each with the time its lead had been at the
    /// stage it left, in order of lead and time.
    ///
    /// # Errors
    /// A database error.
    pub fn stage_stays(
        &self,
        scope: &ReportScope,
        mut each: impl FnMut(StageStay),
    ) -> Result<(), StoreError> {
        let (cond, args) = scope_sql(scope);
        // Found through the stage index (every stage named, so it is sought, not scanned) and
        // sorted here: ordering in SQL would walk every event of every lead.
        let sql = format!(
            "SELECT e.lead_id, e.old_value, e.new_value, e.at, e.id, l.created_at FROM events e \
             JOIN leads l ON l.id = e.lead_id \
             WHERE e.kind = 'stage' AND e.new_value IN ('lead', 'prospect', 'opportunity', \
             'customer') AND e.old_value IS NOT NULL{cond}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                time_at(r, 3)?,
                r.get::<_, String>(4)?,
                time_at(r, 5)?,
            ))
        })?;
        let mut changes = rows.collect::<Result<Vec<_>, _>>()?;
        changes.sort_by(|a, b| (&a.0, a.3, &a.4).cmp(&(&b.0, b.3, &b.4)));
        let mut last: Option<(String, DateTime<Utc>)> = None;
        for (lead_id, from, to, at, _, created) in changes {
            let (Ok(from), Ok(to)) = (Stage::parse(&from), Stage::parse(&to)) else {
                continue;
            };
            let since = match &last {
                Some((id, t)) if *id == lead_id => *t,
                _ => created,
            };
            last = Some((lead_id.clone(), at));
            each(StageStay {
                lead_id,
                from,
                to,
                since,
                at,
            });
        }
        Ok(())
    }

    /// The reason codes of the nurture and disqualify decisions made in the period, with
    /// the state they moved to and how many.
    ///
    /// # Errors
    /// A database error.
    pub fn decision_reasons(
        &self,
        scope: &ReportScope,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Vec<(String, ReasonCode, u64)>, StoreError> {
        let (cond, mut args) = scope_sql(scope);
        let period = period_sql("e.at", since, until, &mut args);
        let join = join_leads(scope);
        let sql = format!(
            "SELECT e.new_value, e.reason_code, count(*) FROM events e{join} \
             WHERE e.kind <> 'created' AND e.kind = 'state' AND e.reason_code IS NOT NULL \
             AND e.new_value IN ('nurture', 'disqualified'){period}{cond} \
             GROUP BY e.new_value, e.reason_code ORDER BY count(*) DESC, e.reason_code"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                vocab(r, 1, ReasonCode::parse)?,
                u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Who did what in the period: events by actor and kind (decisions, edits, merges,
    /// exports), leaving out the `created` events of imports and adds.
    ///
    /// # Errors
    /// A database error.
    pub fn work_by_actor(
        &self,
        scope: &ReportScope,
        since: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> Result<Vec<ActorWork>, StoreError> {
        let (cond, mut args) = scope_sql(scope);
        let period = period_sql("e.at", since, until, &mut args);
        let join = join_leads(scope);
        let sql = format!(
            "SELECT e.actor, e.kind, count(*) FROM events e{join} \
             WHERE e.kind <> 'created'{period}{cond} \
             GROUP BY e.actor, e.kind ORDER BY e.actor, e.kind"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            Ok(ActorWork {
                actor: r.get(0)?,
                kind: r.get(1)?,
                n: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
