//! Reading and writing lead rows, and finding a lead by id prefix.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeMap;
use std::ops::ControlFlow;

use super::events::{NewEvent, append};
use super::rows::{LEAD_COLUMNS, lead_columns, lead_from_row, time_text};
use super::{Ctx, Store, StoreError};
use crate::domain::field::email_key;
use crate::domain::id::{normalize_prefix, short_id};
use crate::domain::{Contact, Evidence, Lead, Stage, State};

/// How many candidates an ambiguous prefix lists.
const MAX_CANDIDATES: usize = 10;

/// Which leads `list` walks.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub stage: Option<Stage>,
    pub state: Option<State>,
    /// Only leads whose stored suggestion (see `store_suggestions`) says this ICP fit;
    /// `unknown` means no suggestion.
    pub suggested: Option<crate::domain::IcpFit>,
    /// Only leads from this source / of this owner (exact spelling, as stored).
    pub source: Option<String>,
    pub owner: Option<String>,
    /// Only leads with an open exclusion flag of this kind.
    pub flag: Option<crate::domain::Flag>,
    /// Only leads created by this import batch (its full id).
    pub batch: Option<String>,
    /// Only leads at one of these stages (empty: any); `stage` narrows further.
    pub stages: Vec<Stage>,
    /// Only leads created at or after / before these times.
    pub created_from: Option<DateTime<Utc>>,
    pub created_before: Option<DateTime<Utc>>,
    pub limit: Option<u64>,
}

/// What adding a lead unless known did.
#[derive(Debug)]
pub enum Added {
    New(Box<Lead>),
    /// The email is this lead's already (its id): nothing was added.
    Known(String),
}

impl Store {
    /// Adds a new lead at stage `lead`, state `active`, with a `created` event.
    ///
    /// # Errors
    /// `StoreError::Edit` for a blank name or a malformed email; a database error.
    pub fn add_lead(&mut self, contact: Contact, ctx: &Ctx) -> Result<Lead, StoreError> {
        let lead = new_lead(contact, ctx)?;
        let tx = self.write_tx(ctx)?;
        create(&tx, &lead, ctx)?;
        tx.commit()?;
        Ok(lead)
    }

    /// Adds a new lead as `add_lead` does, unless its email is already a lead's (in any
    /// letter case: the identity an import merges on). What the command line's `add` and
    /// the workstation's form both do.
    ///
    /// # Errors
    /// As `add_lead`.
    pub fn add_unless_known(&mut self, contact: Contact, ctx: &Ctx) -> Result<Added, StoreError> {
        let lead = new_lead(contact, ctx)?;
        // Looked up inside the write, so that two programs adding one email make one lead.
        let tx = self.write_tx(ctx)?;
        if let Some(email) = lead.contact.email.as_deref()
            && let Some(id) = email_owner(&tx, email)?
        {
            return Ok(Added::Known(id));
        }
        create(&tx, &lead, ctx)?;
        tx.commit()?;
        Ok(Added::New(Box::new(lead)))
    }

    /// Adds many leads in one transaction, each as `add_lead` would (stage `lead`, a `created`
    /// event), calling `added` for each. All or nothing: on an error none are added.
    ///
    /// # Errors
    /// As `add_lead`, for the first lead that fails.
    pub fn add_leads(
        &mut self,
        contacts: impl IntoIterator<Item = (Contact, Ctx)>,
        mut added: impl FnMut(&Lead),
    ) -> Result<usize, StoreError> {
        let mut contacts = contacts.into_iter().peekable();
        let Some(first) = contacts.peek().map(|(_, ctx)| ctx.clone()) else {
            return Ok(0);
        };
        let tx = self.write_tx(&first)?;
        let mut n = 0;
        for (contact, ctx) in contacts {
            let lead = new_lead(contact, &ctx)?;
            create(&tx, &lead, &ctx)?;
            added(&lead);
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }

    /// How many leads the database holds (from the counts the store keeps, not a scan).
    ///
    /// # Errors
    /// A database error.
    pub fn lead_count(&self) -> Result<u64, StoreError> {
        let n: i64 =
            self.conn
                .query_row("SELECT COALESCE(sum(n), 0) FROM lead_counts", [], |r| {
                    r.get(0)
                })?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The lead with this full id.
    ///
    /// # Errors
    /// `StoreError::NotFound`; a database error.
    pub fn lead(&self, id: &str) -> Result<Lead, StoreError> {
        get(&self.conn, id)
    }

    /// The full id of the one lead whose id starts with `prefix`, as git resolves hashes.
    ///
    /// # Errors
    /// `BadId` when it cannot be part of an id, `NotFound`, or `Ambiguous` with candidates.
    pub fn resolve(&self, prefix: &str) -> Result<String, StoreError> {
        let (p, ids) = ids_starting(&self.conn, "leads", prefix, MAX_CANDIDATES + 1)?;
        match ids.as_slice() {
            [] => Err(StoreError::NotFound(p)),
            [one] => Ok(one.clone()),
            many => Err(StoreError::Ambiguous {
                prefix: p,
                candidates: many
                    .iter()
                    .take(MAX_CANDIDATES)
                    .map(|id| self.short_id(id))
                    .collect(),
            }),
        }
    }

    /// The shortest unambiguous prefix of `id` (at least six characters).
    #[must_use]
    pub fn short_id(&self, id: &str) -> String {
        let neighbour = |sql: &str| -> Option<String> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
                .ok()
                .flatten()
        };
        let before = neighbour("SELECT id FROM leads WHERE id < ?1 ORDER BY id DESC LIMIT 1");
        let after = neighbour("SELECT id FROM leads WHERE id > ?1 ORDER BY id LIMIT 1");
        short_id(id, before.as_deref(), after.as_deref()).to_string()
    }

    /// Calls `each` for every lead matching `filter`, in the order they were added, without
    /// loading them all.
    ///
    /// # Errors
    /// A database error, or the first error `each` returns.
    pub fn for_each_lead<E: From<StoreError>>(
        &self,
        filter: &ListFilter,
        mut each: impl FnMut(Lead) -> Result<(), E>,
    ) -> Result<(), E> {
        self.walk_leads(filter, |lead| {
            each(lead).map(|()| ControlFlow::Continue(()))
        })
    }

    /// `for_each_lead` that `each` can stop early, for a caller that filters further.
    ///
    /// # Errors
    /// A database error, or the first error `each` returns.
    pub fn walk_leads<E: From<StoreError>>(
        &self,
        filter: &ListFilter,
        each: impl FnMut(Lead) -> Result<ControlFlow<()>, E>,
    ) -> Result<(), E> {
        walk(&self.conn, filter, each)
    }

    /// The lead that already has `email`, in any letter case, as an import matches it.
    ///
    /// # Errors
    /// A database error.
    pub fn lead_with_email(&self, email: &str) -> Result<Option<String>, StoreError> {
        email_owner(&self.conn, email)
    }
}

/// The id of the lead whose email is `email`, in any letter case.
fn email_owner(conn: &Connection, email: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached(super::import_identity::Identity::Email.lookup())?
        .query_row([email_key(email)], |r| r.get(0))
        .optional()?)
}

/// A valid new lead, at stage `lead`, active, due for review at once.
pub(super) fn new_lead(contact: Contact, ctx: &Ctx) -> Result<Lead, StoreError> {
    use crate::domain::field::{EditError, is_plausible_email};
    if contact.name.trim().is_empty() {
        return Err(EditError::EmptyName.into());
    }
    if let Some(email) = contact.email.as_deref().filter(|e| !is_plausible_email(e)) {
        return Err(EditError::BadEmail(email.to_string()).into());
    }
    let mut evidence = Evidence::default();
    let raised = crate::domain::flags::detect(&contact, &BTreeMap::new(), None, &ctx.rules.flags);
    crate::domain::flags::refresh(&mut evidence.flags, raised);
    Ok(Lead {
        id: new_id(),
        contact,
        stage: Stage::Lead,
        state: State::Active,
        state_reason: None,
        state_note: None,
        evidence,
        created_at: ctx.now,
        updated_at: ctx.now,
        last_review_at: None,
        review_due_at: ctx.now,
        attributes: std::collections::BTreeMap::new(),
        record_id: None,
        origin: None,
        version: 0,
    })
}

/// Writes a new lead and its `created` event.
fn create(conn: &Connection, lead: &Lead, ctx: &Ctx) -> Result<(), StoreError> {
    insert(conn, lead, ctx)?;
    let snapshot = serde_json::to_string(&lead.contact).ok();
    let created = NewEvent {
        kind: "created",
        data: snapshot,
        ..NewEvent::default()
    };
    append(conn, ctx, &lead.id, created)?;
    Ok(())
}

/// The normalized `prefix` and up to `limit` ids of `table` (leads or import batches) that
/// start with it, in order, as git resolves hashes.
///
/// # Errors
/// `BadId` when `prefix` cannot be part of an id; a database error.
pub(super) fn ids_starting(
    conn: &Connection,
    table: &'static str,
    prefix: &str,
    limit: usize,
) -> Result<(String, Vec<String>), StoreError> {
    let p = normalize_prefix(prefix).ok_or_else(|| StoreError::BadId(prefix.to_string()))?;
    // Hex digits sort below 'g', so this range is exactly the ids that start with p.
    let upper = format!("{p}g");
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let ids = conn
        .prepare_cached(&format!(
            "SELECT id FROM {table} WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3"
        ))?
        .query_map(params![p, upper, limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok((p, ids))
}

/// A new random id: 128 bits as 32 lowercase hex digits.
#[must_use]
pub(super) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

pub(super) fn get(conn: &Connection, id: &str) -> Result<Lead, StoreError> {
    conn.prepare_cached(concat!(
        "SELECT ",
        lead_columns!(),
        " FROM leads WHERE id = ?1"
    ))?
    .query_row([id], lead_from_row)
    .optional()?
    .ok_or_else(|| StoreError::NotFound(id.to_string()))
}

fn opt_time(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(time_text)
}

/// Writes a new lead, its count and its search entry.
pub(super) fn insert(conn: &Connection, l: &Lead, ctx: &Ctx) -> rusqlite::Result<()> {
    let rowid = insert_row(conn, l, ctx)?;
    super::upkeep::count(conn, l.stage, l.state, 1)?;
    super::upkeep::index_new(conn, rowid)
}

/// Writes a new lead's row only, with its standing at `ctx.now`, returning its rowid; the
/// caller keeps counts and search.
pub(super) fn insert_row(conn: &Connection, l: &Lead, ctx: &Ctx) -> rusqlite::Result<i64> {
    let (c, e) = (&l.contact, &l.evidence);
    let st = ctx.rules.standing(l, ctx.now);
    // Built at compile time: this runs for every row of an import.
    conn.prepare_cached(concat!(
        "INSERT INTO leads (",
        lead_columns!(),
        ", priority, waiting, priority_until, unsupported, stalled, email_key) VALUES (?1, \
         ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, \
         ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, \
         ?37, ?38, ?39, ?40, ?41, ?42, ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53, \
         ?54, ?55, ?56, ?57, ?58, ?59, ?60)"
    ))?
    .execute(params![
        l.id,
        c.name,
        c.email,
        c.title,
        c.company,
        c.domain,
        c.industry,
        c.employees,
        c.country,
        c.city,
        c.phone,
        c.linkedin_url,
        c.source,
        c.owner,
        l.stage.as_str(),
        l.state.as_str(),
        l.state_reason.map(|r| r.as_str()),
        l.state_note,
        e.icp_fit.as_str(),
        e.icp_fit_why,
        e.role_relevance.as_str(),
        e.role_relevance_why,
        e.intent_source.map(|s| s.as_str()),
        e.intent_detail,
        e.reason_now,
        e.reason_now_on.map(|d| d.to_string()),
        e.pain_point,
        e.stakeholders_note,
        e.next_step,
        time_text(l.created_at),
        time_text(l.updated_at),
        opt_time(l.last_review_at),
        time_text(l.review_due_at),
        json(&e.flags),
        json(&l.attributes),
        l.record_id,
        l.origin.as_ref().map(|o| o.batch_id.as_str()),
        l.origin
            .as_ref()
            .map(|o| i64::try_from(o.line).unwrap_or(i64::MAX)),
        c.last_activity,
        l.version,
        c.given_name,
        c.family_name,
        e.pain_consequence,
        json(&e.stakeholders),
        e.next_step_on.map(|d| d.to_string()),
        e.timeline,
        e.budget_path,
        e.deal_size,
        e.handoff.as_ref().map(|h| h.state.as_str()),
        e.handoff.as_ref().map(|h| h.to.as_str()),
        e.handoff.as_ref().map(|h| h.from.as_str()),
        e.handoff.as_ref().map(|h| time_text(h.at)),
        e.handoff
            .as_ref()
            .and_then(|h| h.reason)
            .map(|r| r.as_str()),
        e.handoff.as_ref().and_then(|h| h.note.as_deref()),
        st.priority,
        st.waiting,
        opt_time(st.until),
        st.unsupported,
        st.stalled,
        c.email.as_deref().map(email_key),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Writes a lead's facts and evidence back. Stage and state are not written here: only
/// `decide` moves them.
pub(super) fn update_facts(conn: &Connection, l: &Lead, ctx: &Ctx) -> rusqlite::Result<()> {
    update_row(conn, l, ctx)?;
    super::upkeep::reindex(conn, &l.id)
}

/// `update_facts` without the search index, for bulk writes that index once at the end.
pub(super) fn update_row(conn: &Connection, l: &Lead, ctx: &Ctx) -> rusqlite::Result<()> {
    let (c, e) = (&l.contact, &l.evidence);
    let st = ctx.rules.standing(l, ctx.now);
    conn.prepare_cached(
        "UPDATE leads SET name = ?2, email = ?3, title = ?4, company = ?5, domain = ?6, \
         industry = ?7, employees = ?8, country = ?9, city = ?10, phone = ?11, \
         linkedin_url = ?12, source = ?13, owner = ?14, icp_fit = ?15, icp_fit_why = ?16, \
         role_relevance = ?17, role_relevance_why = ?18, intent_source = ?19, \
         intent_detail = ?20, reason_now = ?21, reason_now_on = ?22, pain_point = ?23, \
         stakeholders_note = ?24, next_step = ?25, updated_at = ?26, last_review_at = ?27, \
         flags = ?28, attributes = ?29, record_id = ?30, priority = ?31, waiting = ?32, \
         priority_until = ?33, last_activity = ?34, unsupported = ?35, \
         given_name = ?36, family_name = ?37, pain_consequence = ?38, stakeholders = ?39, \
         next_step_on = ?40, timeline = ?41, budget_path = ?42, deal_size = ?43, \
         handoff = ?44, handoff_to = ?45, handoff_from = ?46, handoff_at = ?47, \
         handoff_reason = ?48, handoff_note = ?49, stalled = ?50, email_key = ?51, \
         version = version + 1 WHERE id = ?1",
    )?
    .execute(params![
        l.id,
        c.name,
        c.email,
        c.title,
        c.company,
        c.domain,
        c.industry,
        c.employees,
        c.country,
        c.city,
        c.phone,
        c.linkedin_url,
        c.source,
        c.owner,
        e.icp_fit.as_str(),
        e.icp_fit_why,
        e.role_relevance.as_str(),
        e.role_relevance_why,
        e.intent_source.map(|s| s.as_str()),
        e.intent_detail,
        e.reason_now,
        e.reason_now_on.map(|d| d.to_string()),
        e.pain_point,
        e.stakeholders_note,
        e.next_step,
        time_text(l.updated_at),
        opt_time(l.last_review_at),
        json(&e.flags),
        json(&l.attributes),
        l.record_id,
        st.priority,
        st.waiting,
        opt_time(st.until),
        c.last_activity,
        st.unsupported,
        c.given_name,
        c.family_name,
        e.pain_consequence,
        json(&e.stakeholders),
        e.next_step_on.map(|d| d.to_string()),
        e.timeline,
        e.budget_path,
        e.deal_size,
        e.handoff.as_ref().map(|h| h.state.as_str()),
        e.handoff.as_ref().map(|h| h.to.as_str()),
        e.handoff.as_ref().map(|h| h.from.as_str()),
        e.handoff.as_ref().map(|h| time_text(h.at)),
        e.handoff
            .as_ref()
            .and_then(|h| h.reason)
            .map(|r| r.as_str()),
        e.handoff.as_ref().and_then(|h| h.note.as_deref()),
        st.stalled,
        c.email.as_deref().map(email_key),
    ])?;
    Ok(())
}

/// JSON text for a column; these values always serialize.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `Store::walk_leads` on any connection or transaction.
pub(super) fn walk<E: From<StoreError>>(
    conn: &Connection,
    filter: &ListFilter,
    each: impl FnMut(Lead) -> Result<ControlFlow<()>, E>,
) -> Result<(), E> {
    walk_reading(conn, filter, LEAD_COLUMNS, lead_from_row, each)
}

/// `walk` reading `columns` with `read`: a pass that needs a few fields of every lead reads
/// only those.
pub(super) fn walk_reading<E: From<StoreError>>(
    conn: &Connection,
    filter: &ListFilter,
    columns: &str,
    read: fn(&rusqlite::Row<'_>) -> rusqlite::Result<Lead>,
    mut each: impl FnMut(Lead) -> Result<ControlFlow<()>, E>,
) -> Result<(), E> {
    // Only the filters given become conditions, so SQLite can seek an index that serves
    // one (a batch, a source, an owner) instead of testing every row; without any, the
    // list streams in the order added.
    let stage_in: String;
    let mut conditions = vec![match filter.state {
        Some(_) => "state = ?",
        None => "state != 'removed'",
    }];
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let text = |v: &str| rusqlite::types::Value::from(v.to_string());
    if let Some(state) = filter.state {
        args.push(text(state.as_str()));
    }
    if let Some(stage) = filter.stage {
        conditions.push("stage = ?");
        args.push(text(stage.as_str()));
    }
    if !filter.stages.is_empty() {
        let marks = vec!["?"; filter.stages.len()].join(", ");
        stage_in = format!("stage IN ({marks})");
        conditions.push(&stage_in);
        for s in &filter.stages {
            args.push(text(s.as_str()));
        }
    }
    if let Some(t) = filter.created_from {
        conditions.push("created_at >= ?");
        args.push(text(&time_text(t)));
    }
    if let Some(t) = filter.created_before {
        conditions.push("created_at < ?");
        args.push(text(&time_text(t)));
    }
    if let Some(fit) = filter.suggested {
        conditions.push("COALESCE(json_extract(suggestion, '$.icp_fit.value'), 'unknown') = ?");
        args.push(text(fit.as_str()));
    }
    for (column, value) in [
        ("source = ?", &filter.source),
        ("owner = ?", &filter.owner),
        ("batch_id = ?", &filter.batch),
    ] {
        if let Some(v) = value {
            conditions.push(column);
            args.push(text(v));
        }
    }
    if let Some(flag) = filter.flag {
        conditions.push(
            "EXISTS (SELECT 1 FROM json_each(flags) WHERE json_extract(value, '$.flag') = ? \
             AND json_extract(value, '$.resolved') IS NULL)",
        );
        args.push(text(flag.as_str()));
    }
    let limit = filter
        .limit
        .map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
    args.push(rusqlite::types::Value::from(limit));
    let sql = format!(
        "SELECT {columns} FROM leads WHERE {} ORDER BY rowid LIMIT ?",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql).map_err(StoreError::from)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), read)
        .map_err(StoreError::from)?;
    for lead in rows {
        if each(lead.map_err(StoreError::from)?)?.is_break() {
            break;
        }
    }
    Ok(())
}
