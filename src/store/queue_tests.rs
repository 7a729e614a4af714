use super::*;
use crate::domain::{Contact, Decision, Edit, Field, ReasonCode};
use crate::store::Ctx;
use chrono::{DateTime, Duration, TimeZone, Utc};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("time")
}

/// A store with `n` leads; many share a due time so that ties are exercised.
fn store_with(n: usize) -> (Store, Vec<String>) {
    let mut store = Store::open_in_memory().expect("open");
    let mut ids = Vec::new();
    for i in 0..n {
        // Ten leads per second: ties on review_due_at within each group.
        let ctx = Ctx::new(
            "t",
            t0() + Duration::seconds(i64::try_from(i / 10).expect("small")),
        );
        let contact = Contact {
            name: format!("Person {i}"),
            email: Some(format!("p{i}@co{}.example", i % 7)),
            company: Some(format!("Company {}", i % 7)),
            source: Some(
                if i % 3 == 0 {
                    "Webinar"
                } else {
                    "Purchased list"
                }
                .into(),
            ),
            owner: Some(if i % 2 == 0 { "dana" } else { "sam" }.into()),
            ..Contact::default()
        };
        let id = store.add_lead(contact, &ctx).expect("add").id;
        // Three priorities, each shared by many leads: ties are exercised too.
        for (every, field, value) in [
            (3, Field::IcpFit, "fit"),
            (4, Field::RoleRelevance, "relevant"),
        ] {
            if i % every == 0 {
                let edit = Edit {
                    field,
                    value: Some(value.into()),
                    note: Some("seen on their site".into()),
                    day: None,
                };
                store.set_field(&id, &edit, &ctx).expect("set");
            }
        }
        ids.push(id);
    }
    (store, ids)
}

fn walk(store: &Store, list: &ListSource, page: usize, dir: Direction) -> Vec<String> {
    let mut seen = Vec::new();
    let mut key: Option<PageKey> = None;
    loop {
        let rows = store.page(list, key.as_ref(), dir, page).expect("page");
        if rows.is_empty() {
            break;
        }
        key = Some(
            match dir {
                Direction::Forward | Direction::From => rows.last(),
                Direction::Backward => rows.first(),
            }
            .expect("row")
            .key
            .clone(),
        );
        let mut ids: Vec<String> = rows.into_iter().map(|r| r.lead.id).collect();
        if dir == Direction::Backward {
            ids.reverse();
        }
        seen.extend(ids);
    }
    seen
}

fn today() -> ListSource {
    ListSource::Queue {
        queue: Queue::Today,
        source: None,
        owner: None,
    }
}

#[test]
fn paging_forward_and_backward_visits_every_row_once_in_order() {
    let (store, _) = store_with(57);
    let forward = walk(&store, &today(), 7, Direction::Forward);
    assert_eq!(forward.len(), 57);
    let all = store
        .page(&today(), None, Direction::Forward, 100)
        .expect("page");
    let expected: Vec<String> = all.iter().map(|r| r.lead.id.clone()).collect();
    assert_eq!(forward, expected);
    let mut sorted = all
        .iter()
        .map(|r| (-r.key.priority, r.key.id.clone()))
        .collect::<Vec<_>>();
    sorted.sort();
    assert!(sorted.first() < sorted.last(), "more than one priority");
    assert_eq!(
        sorted,
        all.iter()
            .map(|r| (-r.key.priority, r.key.id.clone()))
            .collect::<Vec<_>>(),
        "highest priority first, ties by id"
    );
    let mut backward = walk(&store, &today(), 5, Direction::Backward);
    backward.reverse();
    assert_eq!(backward, expected);
}

#[test]
fn filters_keep_only_matching_rows() {
    let (store, _) = store_with(30);
    let list = ListSource::Queue {
        queue: Queue::All,
        source: Some("Webinar".into()),
        owner: Some("dana".into()),
    };
    let rows = walk(&store, &list, 4, Direction::Forward);
    assert_eq!(rows.len(), 5, "i % 3 == 0 and i % 2 == 0 for i < 30");
    for id in rows {
        let lead = store.lead(&id).expect("lead");
        assert_eq!(lead.contact.source.as_deref(), Some("Webinar"));
        assert_eq!(lead.contact.owner.as_deref(), Some("dana"));
    }
}

#[test]
fn queues_follow_decisions_and_counts_follow_queues() {
    let (mut store, ids) = store_with(12);
    let ctx = Ctx::new("t", t0() + Duration::hours(1));
    store
        .decide(
            &ids[0],
            &Decision::Nurture(ReasonCode::NoIntent),
            None,
            &ctx,
        )
        .expect("nurture");
    store
        .decide(
            &ids[1],
            &Decision::Disqualify(ReasonCode::Student),
            None,
            &ctx,
        )
        .expect("dq");
    let now = t0() + Duration::days(1);
    let counts = store.queue_counts().expect("counts");
    let count = |q: Queue| counts.iter().find(|c| c.0 == q).expect("queue").1;
    assert_eq!(
        (
            count(Queue::Today),
            count(Queue::Nurture),
            count(Queue::Disqualified),
            count(Queue::All)
        ),
        (10, 1, 1, 12)
    );
    for q in Queue::ALL {
        let list = ListSource::Queue {
            queue: *q,
            source: None,
            owner: None,
        };
        assert_eq!(
            walk(&store, &list, 3, Direction::Forward).len() as u64,
            count(*q),
            "{q}"
        );
    }
    // The nurtured lead comes back to Today once its review is due and the store has looked
    // (every lead is looked at again: weeks of waiting changed their scores too).
    let later = Ctx::new("t", now + Duration::days(40));
    assert_eq!(store.queue_counts().expect("counts")[0], (Queue::Today, 10));
    assert_eq!(store.rescore_pending(&later).expect("pending"), 12);
    assert_eq!(store.rescore(&later, 100).expect("rescore"), 12);
    assert_eq!(store.rescore_pending(&later).expect("pending"), 0);
    let counts = store.queue_counts().expect("counts");
    assert_eq!(
        counts
            .iter()
            .find(|c| c.0 == Queue::Today)
            .expect("today")
            .1,
        11
    );
}

#[test]
fn search_matches_word_prefixes_across_fields_and_pages() {
    let (mut store, ids) = store_with(40);
    let ctx = Ctx::new("t", t0());
    let edit = crate::domain::field::parse_edit(
        crate::domain::Field::ReasonNow,
        "Opening a warehouse in Zaragoza",
        None,
        None,
        t0().date_naive(),
    )
    .expect("edit");
    store.set_field(&ids[3], &edit, &ctx).expect("set");
    let hits = walk(
        &store,
        &ListSource::Search("zarag".into()),
        10,
        Direction::Forward,
    );
    assert_eq!(hits, vec![ids[3].clone()]);
    let company = walk(
        &store,
        &ListSource::Search("CO3".into()),
        2,
        Direction::Forward,
    );
    assert_eq!(
        company.len(),
        40 / 7 + 1,
        "leads at co3.example, paged two at a time"
    );
    assert!(
        walk(
            &store,
            &ListSource::Search("\"'*".into()),
            5,
            Direction::Forward
        )
        .is_empty()
    );
    assert_eq!(fts_query("ab \"c"), Some("\"ab\"* \"c\"*".into()));
}

#[test]
fn every_queue_page_seeks_its_indexes_without_scanning_or_sorting() {
    let (store, _) = store_with(3);
    let key = PageKey {
        priority: 350,
        id: "8".repeat(32),
        rowid: 1,
    };
    for &queue in Queue::ALL {
        for filter in [(None, None), (Some("Webinar"), None), (None, Some("dana"))] {
            for dir in [Direction::Forward, Direction::Backward] {
                let (sql, args) = queue_sql(queue, filter.0, filter.1, Some(&key), dir, 50);
                let plan = explain(&store, &sql.expect("sql"), args);
                assert!(
                    !plan.contains("SCAN leads"),
                    "{queue} {filter:?} {dir:?} scans:\n{plan}"
                );
                assert!(
                    !plan.contains("TEMP B-TREE"),
                    "{queue} {filter:?} {dir:?} sorts:\n{plan}"
                );
                // Unfiltered, the Unsupported queue reads only its few rows.
                if queue == Queue::Unsupported && filter == (None, None) {
                    assert!(plan.contains("leads_unsupported"), "{plan}");
                }
            }
        }
    }
}

fn explain(store: &Store, sql: &str, args: Vec<Value>) -> String {
    let mut stmt = store
        .conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("prepare");
    stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(3))
        .expect("plan")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows")
        .join("\n")
}
