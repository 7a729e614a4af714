//! A label never outlives its evidence: for any sequence of edits and decisions, no record is
//! promoted past a gate whose items fail at that moment, and every prospect or opportunity
//! whose evidence fails is in the Unsupported queue (and no other record is).

use chrono::{Duration, TimeZone, Utc};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::domain::gate::checklist;
use leadgate::domain::support::unsupported;
use leadgate::domain::{Contact, Decision, Flag, Queue, ReasonCode};
use leadgate::store::{Ctx, Direction, ListSource, Store, StoreError};
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
enum Op {
    Set(Field, &'static str, Option<&'static str>, Option<i64>),
    Resolve(Flag),
    Decide(Decision),
}

fn op() -> impl Strategy<Value = Op> {
    let set = prop_oneof![
        Just((Field::IcpFit, "fit", Some("Logistics, 80 staff"), None)),
        Just((Field::IcpFit, "fit", None, None)),
        Just((Field::IcpFit, "not_fit", Some("B2C"), None)),
        Just((Field::IcpFit, "unknown", None, None)),
        Just((Field::RoleRelevance, "relevant", Some("Head of Ops"), None)),
        Just((Field::RoleRelevance, "not_relevant", Some("Intern"), None)),
        Just((Field::IntentSource, "demo_request", Some("Booked"), None)),
        Just((Field::IntentSource, "", None, None)),
        Just((Field::ReasonNow, "New warehouse", None, Some(2))),
        Just((Field::ReasonNow, "New warehouse", None, Some(90))),
        Just((Field::PainPoint, "Routing by hand", None, None)),
        Just((Field::PainPoint, "", None, None)),
        Just((Field::Timeline, "Decision this quarter", None, None)),
        Just((Field::NextStep, "Pilot call", None, None)),
        Just((Field::Email, "someone@gmail.com", None, None)),
        Just((Field::Email, "ops@kestrel.example", None, None)),
        Just((Field::Title, "Student", None, None)),
        Just((Field::Title, "COO", None, None)),
    ]
    .prop_map(|(f, v, n, d)| Op::Set(f, v, n, d));
    prop_oneof![
        6 => set,
        1 => prop_oneof![Just(Flag::FreeMail), Just(Flag::Student)].prop_map(Op::Resolve),
        4 => Just(Op::Decide(Decision::Promote)),
        1 => Just(Op::Decide(Decision::Demote(ReasonCode::NotIcp))),
        1 => Just(Op::Decide(Decision::Nurture(ReasonCode::Stalled))),
        1 => Just(Op::Decide(Decision::Disqualify(ReasonCode::BadData))),
        1 => Just(Op::Decide(Decision::Reopen)),
    ]
}

fn apply(store: &mut Store, id: &str, op: &Op, ctx: &Ctx) -> Result<(), StoreError> {
    let today = ctx.now.date_naive();
    match op {
        Op::Set(field, value, note, days_ago) => {
            let on = days_ago.map(|d| today - Duration::days(d));
            let edit = parse_edit(*field, value, *note, on, today)?;
            store.set_field(id, &edit, ctx).map(|_| ())
        }
        Op::Resolve(flag) => store.resolve_flag(id, *flag, "checked by hand", ctx),
        Op::Decide(d) => store.decide(id, d, None, ctx).map(|_| ()),
    }
}

/// Every lead the Unsupported queue lists, by paging it to the end.
fn unsupported_queue(store: &Store) -> BTreeSet<String> {
    let list = ListSource::Queue {
        queue: Queue::Unsupported,
        source: None,
        owner: None,
    };
    let mut ids = BTreeSet::new();
    let mut from = None;
    loop {
        let rows = store
            .page(&list, from.as_ref(), Direction::Forward, 7)
            .unwrap();
        let Some(last) = rows.last() else { break };
        from = Some(last.key.clone());
        ids.extend(rows.iter().map(|r| r.lead.id.clone()));
    }
    ids
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_promotion_past_a_failing_gate_and_every_unsupported_record_is_queued(
        ops in proptest::collection::vec((0usize..2, op()), 1..40)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let start = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).single().unwrap();
        let ids: Vec<String> = ["Ada", "Bo"]
            .iter()
            .map(|name| {
                let contact = Contact { name: (*name).into(), ..Contact::default() };
                store.add_lead(contact, &Ctx::new("t", start)).unwrap().id
            })
            .collect();
        for (step, (which, op)) in ops.iter().enumerate() {
            let ctx = Ctx::new("t", start + Duration::hours(i64::try_from(step).unwrap()));
            let today = ctx.now.date_naive();
            let id = &ids[*which];
            let before = store.lead(id).unwrap();
            let _ = apply(&mut store, id, op, &ctx);
            let after = store.lead(id).unwrap();
            if after.stage > before.stage {
                let gate = checklist(before.stage, &before.evidence, today, &ctx.rules.gates)
                    .unwrap();
                prop_assert!(gate.passed(), "promoted past {gate:?} by {op:?}");
            }
            let expected: BTreeSet<String> = ids
                .iter()
                .filter(|id| unsupported(&store.lead(id).unwrap(), today, &ctx.rules.gates))
                .cloned()
                .collect();
            prop_assert_eq!(unsupported_queue(&store), expected, "after {:?}", op);
        }
    }
}

#[test]
fn a_prospect_judged_not_fit_is_refused_the_opportunity_and_listed_until_demoted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let now = Utc
        .with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
        .single()
        .unwrap();
    let ctx = Ctx::new("t", now);
    let today = now.date_naive();
    let contact = Contact {
        name: "Maren Okafor".into(),
        ..Contact::default()
    };
    let id = store.add_lead(contact, &ctx).unwrap().id;
    let set = |store: &mut Store, field, value: &str, note: Option<&str>, on| {
        let edit = parse_edit(field, value, note, on, today).unwrap();
        store.set_field(&id, &edit, &ctx).unwrap();
    };
    set(&mut store, Field::IcpFit, "fit", Some("B2B"), None);
    set(
        &mut store,
        Field::RoleRelevance,
        "relevant",
        Some("COO"),
        None,
    );
    set(
        &mut store,
        Field::IntentSource,
        "demo_request",
        Some("Booked"),
        None,
    );
    set(&mut store, Field::ReasonNow, "Hiring", None, Some(today));
    store.decide(&id, &Decision::Promote, None, &ctx).unwrap();
    crate::support::make_deal(&mut store, &id, &ctx);
    set(
        &mut store,
        Field::IcpFit,
        "not_fit",
        Some("B2C after all"),
        None,
    );
    assert!(matches!(
        store.decide(&id, &Decision::Promote, None, &ctx),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(unsupported_queue(&store), BTreeSet::from([id.clone()]));
    let counts = store.queue_counts().unwrap();
    assert!(counts.contains(&(Queue::Unsupported, 1)), "{counts:?}");
    store
        .decide(&id, &Decision::Demote(ReasonCode::NotIcp), None, &ctx)
        .unwrap();
    assert!(unsupported_queue(&store).is_empty());
    let history = store.history(&id).unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.new_value.as_deref(), Some("lead"));
    assert_eq!(last.reason_code, Some(ReasonCode::NotIcp));
}

/// The command line as a user meets it: promote, re-judge, refused, listed, shown, demoted.
#[test]
fn the_command_line_shows_and_lists_a_prospect_its_evidence_no_longer_supports() {
    let db = crate::support::Db::new();
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    db.fill_evidence(&id, 2);
    db.ok(&["promote", &id]);
    db.fill_deal(&id);
    db.ok(&["set", &id, "icp_fit", "not_fit", "--note", "B2C after all"]);
    let refused = db.cmd().args(["promote", &id]).output().unwrap();
    assert_eq!(refused.status.code(), Some(3));
    assert!(crate::support::stderr_of(&refused).contains("ICP fit"));
    let on = crate::support::days_ago_date(400).to_string();
    db.ok(&["set", &id, "reason_now", "Hiring", "--on", &on]);
    let shown = db.ok(&["show", &id]);
    assert!(
        shown.starts_with("Evidence no longer supports prospect:\n  ✗ ICP fit"),
        "{shown}"
    );
    assert!(
        shown.contains("Reason now is stale: observed 400 days ago"),
        "{shown}"
    );
    let json: serde_json::Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["standing"]["supported"], false);
    assert_eq!(json["standing"]["failing"][0]["item"], "icp_fit");
    assert_eq!(json["standing"]["reason_now_stale"]["age_days"], 400);
    assert!(db.ok(&["queue", "unsupported"]).contains("Maren Okafor"));
    let demoted = db.ok(&["demote", &id, "--reason", "not_icp"]);
    assert!(demoted.contains("stage prospect → lead"), "{demoted}");
    let after = db.cmd().args(["queue", "unsupported"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&after.stdout).contains("Maren"));
    let json: serde_json::Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).unwrap();
    assert!(json["standing"].is_null());
}

#[test]
fn an_import_merge_that_raises_a_flag_on_a_prospect_unsupports_it() {
    let db = crate::support::Db::new();
    let id = db
        .ok(&["add", "--name", "Maren Okafor", "--company", "Brightkiln"])
        .trim()
        .to_string();
    let profile = "https://www.linkedin.com/in/marenokafor";
    db.ok(&["set", &id, "linkedin_url", profile]);
    db.fill_evidence(&id, 2);
    db.ok(&["promote", &id]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("webinar.csv");
    std::fs::write(
        &file,
        format!(
            "First Name,Last Name,Email,LinkedIn URL\nMaren,Okafor,maren@gmail.com,{profile}\n"
        ),
    )
    .unwrap();
    let summary = db.ok(&["import", file.to_str().unwrap()]);
    assert!(summary.contains("1 merged"), "{summary}");
    let shown = db.ok(&["show", &id]);
    assert!(
        shown.starts_with("Evidence no longer supports prospect:\n  ✗ Exclusions"),
        "{shown}"
    );
    assert!(db.ok(&["queue", "unsupported"]).contains("Maren Okafor"));
}
