use super::*;
use crate::domain::{Contact, Field, ReasonCode, Stage, State};
use crate::store::test_ctx::{ctx, set};

fn add(store: &mut Store, name: &str) -> String {
    let contact = Contact {
        name: name.into(),
        ..Contact::default()
    };
    store.add_lead(contact, &ctx()).expect("add").id
}

/// A lead whose prospect gate passes, but for `leave_out`.
fn ready(store: &mut Store, name: &str, leave_out: Option<Field>) -> String {
    let id = add(store, name);
    for (field, value) in [
        (Field::IcpFit, "fit"),
        (Field::RoleRelevance, "relevant"),
        (Field::IntentSource, "demo_request"),
        (Field::ReasonNow, "Hiring two SDRs"),
    ] {
        if Some(field) != leave_out {
            set(store, &id, field, value, &ctx());
        }
    }
    id
}

fn events(store: &Store, id: &str) -> usize {
    store.history(id).expect("history").len()
}

#[test]
fn a_bulk_promotion_checks_each_gate_and_groups_the_refusals() {
    let mut store = Store::open_in_memory().expect("open");
    let a = ready(&mut store, "Ana", None);
    let b = ready(&mut store, "Bo", None);
    let c = ready(&mut store, "Cy", Some(Field::ReasonNow));
    let d = add(&mut store, "Di");
    let ids = vec![a.clone(), b.clone(), c.clone(), d.clone()];
    let before: Vec<usize> = ids.iter().map(|i| events(&store, i)).collect();
    let mut seen = Vec::new();
    let tally = store
        .decide_many(
            &ids,
            &Decision::Promote,
            BulkRun::default(),
            &ctx(),
            &mut |n| {
                seen.push(n);
            },
        )
        .expect("bulk");
    assert_eq!(tally.done, 2);
    assert_eq!(tally.refused.get("missing reason now"), Some(&1));
    assert_eq!(tally.refused.get("missing icp fit"), Some(&1));
    assert_eq!(tally.total(), 4);
    assert_eq!(seen, vec![4]);
    assert_eq!(store.lead(&a).expect("a").stage, Stage::Prospect);
    assert_eq!(store.lead(&b).expect("b").stage, Stage::Prospect);
    assert_eq!(store.lead(&c).expect("c").stage, Stage::Lead);
    // Each promoted lead has its own stage event; a refused one has none.
    let after: Vec<usize> = ids.iter().map(|i| events(&store, i)).collect();
    assert_eq!(after[0], before[0] + 1);
    assert_eq!(after[1], before[1] + 1);
    assert_eq!(after[2], before[2]);
    assert_eq!(after[3], before[3]);
}

#[test]
fn a_dry_run_counts_the_same_and_writes_nothing() {
    let mut store = Store::open_in_memory().expect("open");
    let ids: Vec<String> = (0..5).map(|i| add(&mut store, &format!("L{i}"))).collect();
    store
        .decide(
            &ids[0],
            &Decision::Disqualify(ReasonCode::Student),
            None,
            &ctx(),
        )
        .expect("one first");
    let decision = Decision::Disqualify(ReasonCode::Student);
    let dry = store
        .decide_many(
            &ids,
            &decision,
            BulkRun {
                dry_run: true,
                ..BulkRun::default()
            },
            &ctx(),
            &mut |_| {},
        )
        .expect("dry");
    assert_eq!(dry.done, 4);
    assert_eq!(dry.refused.get("already disqualified"), Some(&1));
    for id in &ids[1..] {
        assert_eq!(store.lead(id).expect("lead").state, State::Active);
    }
    let real = store
        .decide_many(&ids, &decision, BulkRun::default(), &ctx(), &mut |_| {})
        .expect("real");
    assert_eq!(real, dry);
    for id in &ids {
        assert_eq!(store.lead(id).expect("lead").state, State::Disqualified);
    }
}

#[test]
fn a_large_bulk_goes_in_chunks_and_a_lead_gone_is_counted() {
    let mut store = Store::open_in_memory().expect("open");
    let mut ids: Vec<String> = (0..CHUNK + 5).map(|i| format!("{i:032x}")).collect();
    // Real leads at both ends of the first chunk and in the second; the rest are gone.
    for at in [0, CHUNK - 1, CHUNK + 4] {
        ids[at] = add(&mut store, &format!("L{at}"));
    }
    let mut seen = Vec::new();
    let tally = store
        .decide_many(
            &ids,
            &Decision::Nurture(ReasonCode::NoReasonNow),
            BulkRun::default(),
            &ctx(),
            &mut |n| seen.push(n),
        )
        .expect("bulk");
    assert_eq!(tally.done, 3);
    assert_eq!(tally.missing, u64::try_from(CHUNK + 2).expect("fits"));
    assert_eq!(seen, vec![CHUNK as u64, (CHUNK + 5) as u64]);
}

#[test]
fn the_search_index_follows_a_bulk_decisions_note_and_only_that() {
    let mut store = Store::open_in_memory().expect("open");
    let ids: Vec<String> = (0..3).map(|i| add(&mut store, &format!("L{i}"))).collect();
    let found = |store: &Store, words: &str| {
        let list = crate::store::ListSource::Search(words.to_string());
        store
            .page(&list, None, crate::store::Direction::Forward, 10)
            .expect("search")
            .len()
    };
    let nurture = Decision::Nurture(ReasonCode::NoReasonNow);
    let c = ctx();
    store
        .decide_many(
            &ids[..2],
            &nurture,
            BulkRun {
                note: Some("budget frozen"),
                ..BulkRun::default()
            },
            &c,
            &mut |_| {},
        )
        .expect("nurture");
    assert_eq!(found(&store, "frozen"), 2);
    store
        .decide_many(
            &ids,
            &Decision::Disqualify(ReasonCode::Student),
            BulkRun::default(),
            &c,
            &mut |_| {},
        )
        .expect("disqualify");
    assert_eq!(found(&store, "frozen"), 0, "the note went with the nurture");
    let checked = store
        .check(&crate::domain::Rules::default(), &mut |_| {})
        .expect("check");
    assert!(checked.problems.is_empty(), "{:?}", checked.problems);
}

#[test]
fn the_undo_of_a_bulk_action_puts_back_each_lead_it_moved_and_spares_one_changed_since() {
    let mut store = Store::open_in_memory().expect("open");
    let a = add(&mut store, "Ana");
    let b = add(&mut store, "Bo");
    let c = add(&mut store, "Cy");
    store
        .decide(
            &c,
            &Decision::Nurture(ReasonCode::NoReasonNow),
            Some("q3"),
            &ctx(),
        )
        .expect("nurture");
    let ids = vec![a.clone(), b.clone(), c.clone()];
    let keep = BulkRun {
        keep_undo: true,
        ..BulkRun::default()
    };
    let tally = store
        .decide_many(
            &ids,
            &Decision::Disqualify(ReasonCode::Student),
            keep,
            &ctx(),
            &mut |_| {},
        )
        .expect("bulk");
    assert_eq!(tally.done, 3);
    assert_eq!(tally.undo.len(), 3);
    // Bo is changed by someone else after the bulk action: the undo leaves Bo be.
    store
        .decide(&b, &Decision::Reopen, None, &ctx())
        .expect("reopen");
    let undone = store
        .decide_steps(&tally.undo, BulkRun::default(), &ctx(), &mut |_| {})
        .expect("undo");
    assert_eq!(undone.done, 2);
    assert_eq!(undone.refused.get(CHANGED_SINCE), Some(&1));
    assert_eq!(store.lead(&a).expect("a").state, State::Active);
    let cy = store.lead(&c).expect("c");
    assert_eq!(cy.state, State::Nurture);
    assert_eq!(cy.state_note.as_deref(), Some("q3"));
    assert_eq!(cy.state_reason, Some(ReasonCode::NoReasonNow));
    // The undo's entry names the entry it takes back.
    let history = store.history(&a).expect("history");
    let last = history.last().expect("entry");
    let before = &history[history.len() - 2];
    assert_eq!(last.undoes(), Some(before.id.as_str()));
}
