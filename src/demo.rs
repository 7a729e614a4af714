//! The demo database: a realistic list of invented leads, worked through the same operations
//! a person would use, so its history and stages are honest.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;

use crate::domain::deal::{Authority, Engagement, Stakeholder};
use crate::domain::field::{Field, parse_edit};
use crate::domain::handoff::{RejectCode, Step};
use crate::domain::touch::TouchKind;
use crate::domain::{Contact, Decision, ReasonCode};
use crate::store::{Ctx, Store, StoreError};

/// The demo list, shipped in the binary: nothing is downloaded.
const DEMO_CSV: &str = include_str!("../assets/demo_leads.csv");

#[derive(Debug, Deserialize)]
struct Row {
    name: String,
    email: String,
    title: String,
    company: String,
    domain: String,
    industry: String,
    employees: String,
    country: String,
    city: String,
    phone: String,
    linkedin_url: String,
    source: String,
    owner: String,
    created_days_ago: i64,
    icp_fit: String,
    icp_fit_why: String,
    role_relevance: String,
    role_relevance_why: String,
    intent_source: String,
    intent_detail: String,
    reason_now: String,
    reason_now_days_ago: Option<i64>,
    outcome: String,
    reason_code: String,
    outcome_note: String,
    pain_point: String,
    stakeholders: String,
    next_step: String,
    pain_consequence: String,
    timeline: String,
    /// `sent`, or `rejected:CODE` / `disputed:CODE`: how far the record's handoff got.
    handoff: String,
    handoff_note: String,
}

/// The account executive the demo's SDRs hand prospects to.
const DEMO_AE: &str = "morgan";

/// "Name (Role, detail); Name (Role)" as written in the demo list: the first person is
/// engaged, the rest aware; whoever signs or buys has their authority confirmed.
fn stakeholders(text: &str) -> Vec<Stakeholder> {
    text.split(';')
        .filter_map(|part| {
            let part = part.trim();
            let (name, role) = part.split_once('(').unwrap_or((part, ""));
            let role = role.trim_end_matches(')').trim().to_string();
            let name = name.trim().to_string();
            (!name.is_empty()).then_some((name, role))
        })
        .enumerate()
        .map(|(i, (name, role))| {
            let decides =
                role.contains("signs") || role.contains("buyer") || role.contains("budget");
            Stakeholder {
                name,
                role,
                engagement: if i == 0 {
                    Engagement::Engaged
                } else {
                    Engagement::Aware
                },
                authority: if decides {
                    Authority::Confirmed
                } else {
                    Authority::Mapping
                },
            }
        })
        .collect()
}

fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Fills an empty store with the demo list, as of `now`. Returns how many leads it added.
///
/// # Errors
/// A database error, or a malformed demo row (a bug in the shipped asset).
pub fn seed(store: &mut Store, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let mut reader = csv::Reader::from_reader(DEMO_CSV.as_bytes());
    let mut added = 0;
    for row in reader.deserialize::<Row>() {
        let row = row.map_err(|e| StoreError::Open {
            path: "assets/demo_leads.csv".into(),
            source: Box::new(e),
        })?;
        let created = now - Duration::days(row.created_days_ago) - Duration::hours(2);
        let actor = row.owner.clone();
        let actor = if actor.is_empty() {
            "demo".to_string()
        } else {
            actor
        };
        let contact = Contact {
            name: row.name.clone(),
            email: some(&row.email),
            title: some(&row.title),
            company: some(&row.company),
            domain: some(&row.domain),
            industry: some(&row.industry),
            employees: some(&row.employees),
            country: some(&row.country),
            city: some(&row.city),
            phone: some(&row.phone),
            linkedin_url: some(&row.linkedin_url),
            source: some(&row.source),
            owner: some(&row.owner),
            // A lead with a reason now was last active the day it was observed.
            last_activity: row
                .reason_now_days_ago
                .map(|d| (now - Duration::days(d)).date_naive().to_string()),
            given_name: None,
            family_name: None,
        };
        let id = store.add_lead(contact, &Ctx::new("import", created))?.id;
        // Evidence is gathered a little after the lead arrives, and decisions follow it.
        let worked = (created + Duration::hours(20)).min(now - Duration::minutes(30));
        let ctx = Ctx::new(actor, worked);
        let today = now.date_naive();
        let mut set = |field: Field,
                       value: &str,
                       note: &str,
                       days_ago: Option<i64>|
         -> Result<(), StoreError> {
            if value.trim().is_empty() {
                return Ok(());
            }
            let on = days_ago.map(|d| today - Duration::days(d));
            let edit = parse_edit(field, value, some(note).as_deref(), on, today)?;
            store.set_field(&id, &edit, &ctx).map(|_| ())
        };
        set(Field::IcpFit, &row.icp_fit, &row.icp_fit_why, None)?;
        set(
            Field::RoleRelevance,
            &row.role_relevance,
            &row.role_relevance_why,
            None,
        )?;
        set(
            Field::IntentSource,
            &row.intent_source,
            &row.intent_detail,
            None,
        )?;
        set(
            Field::ReasonNow,
            &row.reason_now,
            "",
            row.reason_now_days_ago,
        )?;
        set(
            Field::PainPoint,
            &row.pain_point,
            &row.pain_consequence,
            None,
        )?;
        set(Field::Timeline, &row.timeline, "", None)?;
        if let Some(step) = some(&row.next_step) {
            let on = Some(today + Duration::days(3));
            let edit = parse_edit(Field::NextStep, &step, None, on, today)?;
            store.set_field(&id, &edit, &ctx)?;
        }
        for person in stakeholders(&row.stakeholders) {
            store.add_stakeholder(&id, person, None, &ctx)?;
        }
        // A decision follows the reason now it relies on, while it is fresh: on the day it
        // was observed (and never before the evidence was written, nor after now).
        let observed = row
            .reason_now_days_ago
            .and_then(|d| (now - Duration::days(d)).date_naive().and_hms_opt(10, 0, 0))
            .map(|t| t.and_utc());
        let at = observed
            .map_or(now, |t| t.max(worked + Duration::hours(1)))
            .min(now - Duration::minutes(10));
        let decided = Ctx::new(ctx.actor.clone(), at);
        let after = |minutes: i64, actor: &str| {
            Ctx::new(
                actor,
                (at + Duration::minutes(minutes)).min(now - Duration::minutes(1)),
            )
        };
        let note = some(&row.outcome_note);
        let handed = row.outcome == "opportunity" || !row.handoff.is_empty();
        if matches!(row.outcome.as_str(), "prospect" | "opportunity") {
            store.decide(&id, &Decision::Promote, None, &decided)?;
        }
        if handed {
            // The SDR talked to them before handing over: the package needs a conversation.
            let sdr = if ctx.actor == "demo" {
                "sam"
            } else {
                ctx.actor.as_str()
            };
            let call = after(2, sdr);
            let said = format!("Discovery call: {}", row.pain_point.trim());
            store.log_touch(
                &id,
                TouchKind::Call,
                call.now.date_naive(),
                &said,
                None,
                &call,
            )?;
            let send = Step::Send {
                to: DEMO_AE.to_string(),
            };
            let note = some(&row.handoff_note).filter(|_| row.handoff == "sent");
            store.handoff(&id, &send, note.as_deref(), None, &after(3, sdr))?;
            let (step, code) = row.handoff.split_once(':').unwrap_or((&row.handoff, ""));
            let code = RejectCode::parse(code).ok();
            if row.outcome == "opportunity" {
                store.handoff(&id, &Step::Accept, None, None, &after(4, DEMO_AE))?;
            } else if let Some(code) = code {
                let reject = Step::Reject(code);
                let why = if step == "rejected" {
                    some(&row.handoff_note)
                } else {
                    Some("Not enough to act on yet".to_string())
                };
                store.handoff(&id, &reject, why.as_deref(), None, &after(4, DEMO_AE))?;
            }
            if step == "disputed" {
                store.handoff(
                    &id,
                    &Step::Dispute,
                    some(&row.handoff_note).as_deref(),
                    None,
                    &after(5, sdr),
                )?;
            }
        }
        match row.outcome.as_str() {
            "opportunity" => {
                store.decide(&id, &Decision::Promote, None, &after(6, DEMO_AE))?;
            }
            "nurture" | "disqualified" => {
                let code = ReasonCode::parse(&row.reason_code).unwrap_or(ReasonCode::Other);
                let decision = if row.outcome == "nurture" {
                    Decision::Nurture(code)
                } else {
                    Decision::Disqualify(code)
                };
                store.decide(&id, &decision, note.as_deref(), &decided)?;
            }
            _ => {}
        }
        added += 1;
    }
    // Leads were scored as of their own days; score them all as of today.
    let today = Ctx::new("demo", now);
    store.rescore_all(&today, 1_000, |_| true)?;
    Ok(added)
}
