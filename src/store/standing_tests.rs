use super::*;
use crate::domain::{Contact, Edit, Field, Queue, Rules};
use crate::store::{Direction, ListSource};
use chrono::{DateTime, Duration, TimeZone, Utc};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .expect("time")
}

fn add(store: &mut Store, name: &str, ctx: &Ctx) -> String {
    let contact = Contact {
        name: name.into(),
        ..Contact::default()
    };
    store.add_lead(contact, ctx).expect("add").id
}

/// `n` leads named L0, L1, …; their ids.
fn add_leads(store: &mut Store, n: usize, ctx: &Ctx) -> Vec<String> {
    (0..n).map(|i| add(store, &format!("L{i}"), ctx)).collect()
}

fn set(store: &mut Store, id: &str, field: Field, value: &str, ctx: &Ctx) {
    let edit = Edit {
        field,
        value: Some(value.into()),
        note: Some("said so on the call".into()),
        day: Some(ctx.now.date_naive()),
    };
    store.set_field(id, &edit, ctx).expect("set");
}

fn today_names(store: &Store) -> Vec<String> {
    let list = ListSource::Queue {
        queue: Queue::Today,
        source: None,
        owner: None,
    };
    store
        .page(&list, None, Direction::Forward, 50)
        .expect("page")
        .into_iter()
        .map(|r| r.lead.contact.name)
        .collect()
}

fn stored(store: &Store, id: &str) -> (i64, Option<String>) {
    store
        .conn
        .query_row(
            "SELECT priority, priority_until FROM leads WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("row")
}

#[test]
fn writes_store_the_standing_and_the_queue_follows_it() {
    let mut store = Store::open_in_memory().expect("open");
    let ctx = Ctx::new("t", t0());
    let plain = add(&mut store, "Plain", &ctx);
    let hot = add(&mut store, "Hot", &ctx);
    let warm = add(&mut store, "Warm", &ctx);
    set(
        &mut store,
        &hot,
        Field::ReasonNow,
        "new depot opening",
        &ctx,
    );
    set(&mut store, &hot, Field::IcpFit, "fit", &ctx);
    set(&mut store, &warm, Field::IcpFit, "fit", &ctx);
    assert_eq!(today_names(&store), ["Hot", "Warm", "Plain"]);
    // fit 5 + fresh reason 4, good until its first week of waiting ends (the reason stays
    // fresh until Nov 10).
    assert_eq!(
        stored(&store, &hot),
        (900, Some("2026-11-09T09:00:00.000000Z".into()))
    );
    assert_eq!(
        stored(&store, &plain),
        (0, Some("2026-11-09T09:00:00.000000Z".into())),
        "a new lead's age term starts after a week"
    );
}

#[test]
fn the_clock_moves_scores_only_when_leads_are_scored_again() {
    let mut store = Store::open_in_memory().expect("open");
    let ctx = Ctx::new("t", t0());
    let hot = add(&mut store, "Hot", &ctx);
    add(&mut store, "Plain", &ctx);
    set(
        &mut store,
        &hot,
        Field::ReasonNow,
        "new depot opening",
        &ctx,
    );
    let later = Ctx::new("t", t0() + Duration::days(8));
    assert_eq!(store.rescore_pending(&later).expect("pending"), 2);
    // A budget is honoured, and the rest waits for the next call.
    assert_eq!(store.rescore(&later, 1).expect("rescore"), 1);
    assert_eq!(store.rescore(&later, 10).expect("rescore"), 1);
    assert_eq!(store.rescore(&later, 10).expect("rescore"), 0);
    // Reason now 8 days old: recent (+2) instead of fresh; one week waiting (-0.2).
    assert_eq!(stored(&store, &hot).0, 180);
}

#[test]
fn new_score_weights_make_every_stored_priority_stale() {
    let mut store = Store::open_in_memory().expect("open");
    let ctx = Ctx::new("t", t0());
    let a = add(&mut store, "A", &ctx);
    set(&mut store, &a, Field::IcpFit, "fit", &ctx);
    assert_eq!(store.rescore_pending(&ctx).expect("pending"), 0);
    let mut rules = Rules::default();
    rules.score.fit = 9.5;
    let heavier = Ctx {
        rules,
        ..ctx.clone()
    };
    assert_eq!(store.rescore_pending(&heavier).expect("pending"), 1);
    assert_eq!(store.rescore(&heavier, 10).expect("rescore"), 1);
    assert_eq!(stored(&store, &a).0, 950);
    // Gates that leave the score alone leave the stored priorities alone too.
    let mut rules = heavier.rules.clone();
    rules.gates.review_cadence_days = 5;
    let other = Ctx { rules, ..ctx };
    assert_eq!(store.rescore_pending(&other).expect("pending"), 0);
}

#[test]
fn a_pass_after_new_weights_goes_a_chunk_at_a_time_and_writes_keep_up() {
    let mut store = Store::open_in_memory().expect("open");
    let ctx = Ctx::new("t", t0());
    let ids = add_leads(&mut store, 5, &ctx);
    for id in &ids {
        set(&mut store, id, Field::IcpFit, "fit", &ctx);
    }
    let mut rules = Rules::default();
    rules.score.fit = 1.0;
    let new = Ctx { rules, ..ctx };
    assert_eq!(store.rescore_pending(&new).expect("pending"), 5);
    assert_eq!(store.rescore(&new, 2).expect("rescore"), 2);
    assert_eq!(store.rescore_pending(&new).expect("pending"), 3);
    // A write under the new rules scores its lead at once, pass or no pass.
    set(&mut store, &ids[4], Field::RoleRelevance, "relevant", &new);
    assert_eq!(stored(&store, &ids[4]).0, 400);
    assert_eq!(stored(&store, &ids[3]).0, 500, "not reached yet");
    assert_eq!(store.rescore(&new, 10).expect("rescore"), 3);
    assert_eq!(store.rescore_pending(&new).expect("pending"), 0);
    for id in &ids[..4] {
        assert_eq!(stored(&store, id).0, 100);
    }
}

#[test]
fn a_write_under_other_rules_never_restarts_a_pass() {
    let mut store = Store::open_in_memory().expect("open");
    let ctx = Ctx::new("t", t0());
    let ids = add_leads(&mut store, 3, &ctx);
    let mut rules = Rules::default();
    rules.score.fit = 9.0;
    let other = Ctx {
        rules,
        ..ctx.clone()
    };
    set(&mut store, &ids[0], Field::IcpFit, "fit", &other);
    assert_eq!(
        stored(&store, &ids[0]).0,
        900,
        "its own lead, by its own rules"
    );
    assert_eq!(
        store.rescore_pending(&ctx).expect("pending"),
        0,
        "the stored rules stay, with no pass to run"
    );
}
