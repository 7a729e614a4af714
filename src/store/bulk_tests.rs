use super::*;
use crate::domain::bulk::{BulkChange, UNCHANGED};
use crate::domain::{Contact, Field, ReasonCode, Stage, State};
use crate::store::test_ctx::{ctx, set};
use std::ops::ControlFlow;

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
        .change_many(
            &ids,
            &BulkChange::Decide(Decision::Promote),
            BulkRun::default(),
            &ctx(),
            &mut |n| {
                seen.push(n);
                ControlFlow::Continue(())
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
    let decision = BulkChange::Decide(Decision::Disqualify(ReasonCode::Student));
    let dry = store
        .change_many(
            &ids,
            &decision,
            BulkRun {
                dry_run: true,
                ..BulkRun::default()
            },
            &ctx(),
            &mut |_| ControlFlow::Continue(()),
        )
        .expect("dry");
    assert_eq!(dry.done, 4);
    assert_eq!(dry.refused.get("already disqualified"), Some(&1));
    for id in &ids[1..] {
        assert_eq!(store.lead(id).expect("lead").state, State::Active);
    }
    let real = store
        .change_many(&ids, &decision, BulkRun::default(), &ctx(), &mut |_| {
            ControlFlow::Continue(())
        })
        .expect("real");
    assert_eq!(real, dry);
    for id in &ids {
        assert_eq!(store.lead(id).expect("lead").state, State::Disqualified);
    }
}

#[test]
fn a_large_bulk_goes_in_chunks_and_a_lead_gone_is_counted() {
    let mut store = Store::open_in_memory().expect("open");
    let mut ids: Vec<String> = (0..CHUNK_MAX + 5).map(|i| format!("{i:032x}")).collect();
    // Real leads at both ends of the first chunk and in the second; the rest are gone.
    for at in [0, CHUNK_MAX - 1, CHUNK_MAX + 4] {
        ids[at] = add(&mut store, &format!("L{at}"));
    }
    let mut seen = Vec::new();
    let tally = store
        .change_many(
            &ids,
            &BulkChange::Decide(Decision::Nurture(ReasonCode::NoReasonNow)),
            BulkRun::default(),
            &ctx(),
            &mut |n| {
                seen.push(n);
                ControlFlow::Continue(())
            },
        )
        .expect("bulk");
    assert_eq!(tally.done, 3);
    assert_eq!(tally.missing, u64::try_from(CHUNK_MAX + 2).expect("fits"));
    // A chunk holds at most CHUNK_MAX leads (fewer when CHUNK_TIME runs out first).
    assert!(seen.len() >= 2, "{seen:?}");
    assert!(seen[0] <= CHUNK_MAX as u64, "{seen:?}");
    assert_eq!(seen.last(), Some(&((CHUNK_MAX + 5) as u64)));
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
    let nurture = BulkChange::Decide(Decision::Nurture(ReasonCode::NoReasonNow));
    let c = ctx();
    store
        .change_many(
            &ids[..2],
            &nurture,
            BulkRun {
                note: Some("budget frozen"),
                ..BulkRun::default()
            },
            &c,
            &mut |_| ControlFlow::Continue(()),
        )
        .expect("nurture");
    assert_eq!(found(&store, "frozen"), 2);
    store
        .change_many(
            &ids,
            &BulkChange::Decide(Decision::Disqualify(ReasonCode::Student)),
            BulkRun::default(),
            &c,
            &mut |_| ControlFlow::Continue(()),
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
        .change_many(
            &ids,
            &BulkChange::Decide(Decision::Disqualify(ReasonCode::Student)),
            keep,
            &ctx(),
            &mut |_| ControlFlow::Continue(()),
        )
        .expect("bulk");
    assert_eq!(tally.done, 3);
    assert_eq!(tally.undo.len(), 3);
    // Bo is changed by someone else after the bulk action: the undo leaves Bo be.
    store
        .decide(&b, &Decision::Reopen, None, &ctx())
        .expect("reopen");
    let undone = store
        .change_steps(&tally.undo, BulkRun::default(), &ctx(), &mut |_| {
            ControlFlow::Continue(())
        })
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

#[test]
fn a_bulk_assignment_gives_each_lead_the_owner_and_its_undo_gives_back_each_ones_own() {
    let mut store = Store::open_in_memory().expect("open");
    let a = add(&mut store, "Ana");
    let b = add(&mut store, "Bo");
    let c = add(&mut store, "Cy");
    set(&mut store, &b, Field::Owner, "jo", &ctx());
    set(&mut store, &c, Field::Owner, "maren", &ctx());
    let keep = BulkRun {
        keep_undo: true,
        note: Some("webinar follow-up"),
        ..BulkRun::default()
    };
    let ids = vec![a.clone(), b.clone(), c.clone()];
    let to_maren = BulkChange::Assign(Some("maren".into()));
    let tally = store
        .change_many(&ids, &to_maren, keep, &ctx(), &mut |_| {
            ControlFlow::Continue(())
        })
        .expect("assign");
    assert_eq!(tally.done, 2);
    assert_eq!(tally.refused.get(UNCHANGED), Some(&1));
    for id in &ids {
        assert_eq!(
            store.lead(id).expect("lead").contact.owner.as_deref(),
            Some("maren")
        );
    }
    let entry = store.history(&a).expect("history").pop().expect("entry");
    assert_eq!(entry.field.as_deref(), Some("owner"));
    assert_eq!(entry.note.as_deref(), Some("webinar follow-up"));
    assert_eq!(tally.undo.len(), 2);
    let undone = store
        .change_steps(&tally.undo, BulkRun::default(), &ctx(), &mut |_| {
            ControlFlow::Continue(())
        })
        .expect("undo");
    assert_eq!(undone.done, 2);
    assert_eq!(store.lead(&a).expect("a").contact.owner, None);
    assert_eq!(
        store.lead(&b).expect("b").contact.owner.as_deref(),
        Some("jo")
    );
    assert_eq!(
        store.lead(&c).expect("c").contact.owner.as_deref(),
        Some("maren")
    );
}

#[test]
fn a_bulk_acceptance_takes_each_leads_own_suggestions_and_counts_those_with_none() {
    let mut store = Store::open_in_memory().expect("open");
    let mut c = ctx();
    c.rules.roles.relevant = vec![crate::domain::icp::Pattern::new(r"\bhead of ops\b").expect("p")];
    c.rules.roles.not_relevant = vec![crate::domain::icp::Pattern::new(r"\bintern\b").expect("p")];
    let with_title = |store: &mut Store, name: &str, title: &str| {
        let contact = Contact {
            name: name.into(),
            title: Some(title.into()),
            ..Contact::default()
        };
        store.add_lead(contact, &c).expect("add").id
    };
    let head = with_title(&mut store, "Ana", "Head of Ops");
    let intern = with_title(&mut store, "Bo", "Sales Intern");
    let other = with_title(&mut store, "Cy", "Chef");
    let keep = BulkRun {
        keep_undo: true,
        ..BulkRun::default()
    };
    let ids = vec![head.clone(), intern.clone(), other.clone()];
    let tally = store
        .change_many(&ids, &BulkChange::Accept, keep, &c, &mut |_| {
            ControlFlow::Continue(())
        })
        .expect("accept");
    assert_eq!(tally.done, 2);
    assert_eq!(tally.refused.get("with nothing suggested"), Some(&1));
    use crate::domain::RoleRelevance;
    let role = |store: &Store, id: &str| store.lead(id).expect("lead").evidence.role_relevance;
    assert_eq!(role(&store, &head), RoleRelevance::Relevant);
    assert_eq!(role(&store, &intern), RoleRelevance::NotRelevant);
    assert_eq!(role(&store, &other), RoleRelevance::Unknown);
    store
        .change_steps(&tally.undo, BulkRun::default(), &c, &mut |_| {
            ControlFlow::Continue(())
        })
        .expect("undo");
    assert_eq!(role(&store, &head), RoleRelevance::Unknown);
    assert_eq!(role(&store, &intern), RoleRelevance::Unknown);
}

#[test]
fn a_bulk_resolution_resolves_the_flag_where_it_is_open_and_counts_the_rest() {
    let mut store = Store::open_in_memory().expect("open");
    let with_email = |store: &mut Store, name: &str, email: &str| {
        let contact = Contact {
            name: name.into(),
            email: Some(email.into()),
            ..Contact::default()
        };
        store.add_lead(contact, &ctx()).expect("add").id
    };
    let a = with_email(&mut store, "Ana", "ana@gmail.com");
    let b = with_email(&mut store, "Bo", "bo@acme.example");
    let flag = crate::domain::Flag::FreeMail;
    assert!(
        store
            .lead(&a)
            .expect("a")
            .evidence
            .flags
            .iter()
            .any(|f| f.flag == flag)
    );
    let change = BulkChange::Resolve(flag, "founders use their own address".into());
    let tally = store
        .change_many(
            &[a.clone(), b.clone()],
            &change,
            BulkRun::default(),
            &ctx(),
            &mut |_| ControlFlow::Continue(()),
        )
        .expect("resolve");
    assert_eq!(tally.done, 1);
    assert_eq!(tally.refused.get("with no open free_mail flag"), Some(&1));
    let note = store.lead(&a).expect("a").evidence.flags[0].clone();
    assert_eq!(
        note.resolved.map(|r| r.note).as_deref(),
        Some("founders use their own address")
    );
    // A flag stays resolved: there is no step to take it back.
    assert!(tally.undo.is_empty());
}
