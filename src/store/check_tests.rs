use super::*;
use crate::domain::{Contact, Decision, Field, Incoming, ReasonCode};

use crate::store::test_ctx::{ctx, set};

/// A database with some of everything: added leads, a promotion, a nurture, an import and
/// its undone twin, an edit of searchable text.
fn worked() -> (Store, String) {
    let mut store = Store::open_in_memory().expect("open");
    let c = ctx();
    let ana = store
        .add_lead(
            Contact {
                name: "Ana Okafor".into(),
                email: Some("ana@brightkiln.example".into()),
                ..Contact::default()
            },
            &c,
        )
        .expect("add")
        .id;
    set(&mut store, &ana, Field::IcpFit, "fit", &c);
    set(&mut store, &ana, Field::RoleRelevance, "relevant", &c);
    set(&mut store, &ana, Field::IntentSource, "demo_request", &c);
    set(&mut store, &ana, Field::ReasonNow, "Hiring two SDRs", &c);
    store
        .decide(&ana, &Decision::Promote, None, &c)
        .expect("promote");
    let bo = store
        .add_lead(
            Contact {
                name: "Bo Lind".into(),
                ..Contact::default()
            },
            &c,
        )
        .expect("add")
        .id;
    store
        .decide(&bo, &Decision::Nurture(ReasonCode::NoReasonNow), None, &c)
        .expect("nurture");
    set(&mut store, &bo, Field::Company, "Lindqvist Freight", &c);
    for file in ["kept.csv", "undone.csv"] {
        let mut import = store.begin_import(file, None, 2, &c).expect("begin");
        for line in 2..4 {
            let row = Incoming {
                line,
                contact: Contact {
                    name: format!("{file} row {line}"),
                    email: Some(format!("r{line}@{file}.example")),
                    ..Contact::default()
                },
                ..Incoming::default()
            };
            import.add(&row).expect("row");
        }
        let batch = import.finish(&serde_json::json!({})).expect("finish");
        if file == "undone.csv" {
            store.undo_import(&batch, &c).expect("undo");
        }
    }
    (store, ana)
}

fn check(store: &Store) -> Checked {
    store.check(&Rules::default(), &mut |_| {}).expect("check")
}

/// The checks that found something, each once.
fn failing(store: &Store) -> Vec<&'static str> {
    let mut names: Vec<_> = check(store).problems.iter().map(|p| p.check).collect();
    names.dedup();
    names
}

fn sql(store: &Store, statements: &str) {
    store.conn.execute_batch(statements).expect("sql");
}

#[test]
fn a_worked_database_is_sound_and_every_check_runs() {
    let (store, _) = worked();
    let mut ran = Vec::new();
    let found = store
        .check(&Rules::default(), &mut |c| ran.push(c))
        .expect("check");
    assert_eq!(found.problems, Vec::new());
    assert!(found.sound());
    assert_eq!(found.leads, 6);
    assert!(found.events > 8, "{}", found.events);
    let all: Vec<_> = CHECKS.iter().map(|(n, _)| *n).collect();
    assert_eq!(ran, all);
}

#[test]
fn a_stage_changed_without_its_event_is_found() {
    let (store, _) = worked();
    sql(
        &store,
        "UPDATE leads SET stage = 'opportunity' WHERE stage = 'lead' AND state = 'nurture'",
    );
    let found = check(&store);
    assert!(
        found.problems.iter().any(|p| p.check == "events"
            && p.detail == "its stage is opportunity with no event that changed it"),
        "{:?}",
        found.problems
    );
    // Passed back to lead with no event: the history still ends at prospect.
    let (store, ana) = worked();
    sql(
        &store,
        &format!("UPDATE leads SET stage = 'lead' WHERE id = '{ana}'"),
    );
    let found = check(&store);
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.lead.as_deref() == Some(ana.as_str())
                && p.detail == "its stage is lead but its history ends at prospect"),
        "{:?}",
        found.problems
    );
}

#[test]
fn a_broken_chain_of_changes_is_found() {
    let (store, ana) = worked();
    // A second promotion recorded from lead, though the first already left lead.
    sql(
        &store,
        &format!(
            "INSERT INTO events (id, lead_id, at, actor, kind, field, old_value, new_value) \
             VALUES ('e1', '{ana}', '2026-11-03T00:00:00.000000Z', 't', 'stage', 'stage', \
             'lead', 'prospect')"
        ),
    );
    let found = check(&store);
    assert!(
        found.problems.iter().any(|p| p.check == "events"
            && p.detail
                .contains("starts from lead, but the one before ended at prospect")),
        "{:?}",
        found.problems
    );
    // That event also carries no snapshot.
    assert!(failing(&store).contains(&"promotions"));
}

#[test]
fn a_promotion_whose_snapshot_did_not_pass_is_found() {
    let (store, ana) = worked();
    let data = serde_json::json!({
        "rules_version": Rules::default().version(),
        "evidence": {},
        "checklist": {"from": "prospect", "to": "opportunity",
                      "items": [{"item": "pain_point", "passed": false, "detail": "none"}]},
    });
    sql(
        &store,
        &format!(
            "INSERT INTO events (id, lead_id, at, actor, kind, field, old_value, new_value, data) \
             VALUES ('e1', '{ana}', '2026-11-03T00:00:00.000000Z', 't', 'stage', 'stage', \
             'prospect', 'opportunity', '{data}'); \
             UPDATE leads SET stage = 'opportunity' WHERE id = '{ana}'; \
             UPDATE lead_counts SET n = n - 1 WHERE stage = 'prospect' AND state = 'active'; \
             INSERT INTO lead_counts VALUES ('opportunity', 'active', 1);"
        ),
    );
    assert_eq!(failing(&store), vec!["promotions"]);
    let found = check(&store);
    assert!(
        found.problems.iter().any(|p| p
            .detail
            .starts_with("promotion to opportunity records gate item pain_point")),
        "{:?}",
        found.problems
    );
}

#[test]
fn counts_that_drifted_are_found() {
    let (store, _) = worked();
    sql(
        &store,
        "UPDATE lead_counts SET n = n + 2 WHERE stage = 'lead' AND state = 'active'",
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["counts"]);
    assert!(
        found.problems[0]
            .detail
            .starts_with("the count of lead/active says "),
        "{:?}",
        found.problems
    );
    let (store, _) = worked();
    sql(&store, "DELETE FROM lead_counts WHERE state = 'nurture'");
    assert_eq!(
        check(&store).problems[0].detail,
        "the count of lead/nurture says 0, a recount finds 1"
    );
}

#[test]
fn a_search_index_out_of_step_is_found() {
    let (store, ana) = worked();
    // Text changed without the index following it.
    sql(
        &store,
        &format!("UPDATE leads SET name = 'Ana Maria Okafor-Lindqvist' WHERE id = '{ana}'"),
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["search_index"]);
    assert_eq!(
        found.problems[0].detail,
        "its search entry does not match its text"
    );
    // A name changed for one of the same length in words: only the terms differ.
    let (store, ana) = worked();
    sql(
        &store,
        &format!("UPDATE leads SET name = 'Renamed Directly' WHERE id = '{ana}'"),
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["search_index"]);
    assert_eq!(found.problems.len(), 1, "{:?}", found.problems);
    assert_eq!(found.problems[0].lead.as_deref(), Some(ana.as_str()));
    let (store, ana) = worked();
    sql(
        &store,
        &format!(
            "DELETE FROM leads_fts WHERE rowid = (SELECT rowid FROM leads WHERE id = '{ana}')"
        ),
    );
    assert_eq!(
        check(&store).problems[0].detail,
        "it is missing from the search index"
    );
    let (store, _) = worked();
    sql(
        &store,
        "INSERT INTO leads_fts (rowid, name) SELECT rowid, name FROM leads WHERE state = 'removed' LIMIT 1",
    );
    assert_eq!(
        check(&store).problems[0].detail,
        "it is removed but still found by search"
    );
}

#[test]
fn a_lead_from_nowhere_and_an_event_out_of_order_are_found() {
    let (store, _) = worked();
    sql(
        &store,
        "INSERT INTO leads (id, name, created_at, updated_at) VALUES ('ab', 'Nobody', \
         '2026-11-01T00:00:00.000000Z', '2026-11-01T00:00:00.000000Z'); \
         UPDATE lead_counts SET n = n + 1 WHERE stage = 'lead' AND state = 'active';",
    );
    let found = check(&store);
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.check == "origin" && p.lead.as_deref() == Some("ab")),
        "{:?}",
        found.problems
    );
    let (store, ana) = worked();
    sql(
        &store,
        &format!(
            "INSERT INTO events (id, lead_id, at, actor, kind, field, new_value) VALUES \
             ('e1', '{ana}', '2026-01-01T00:00:00.000000Z', 't', 'field', 'title', 'CEO'), \
             ('e2', '{ana}', 'yesterday', 't', 'field', 'title', 'CTO')"
        ),
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["order"]);
    assert_eq!(found.problems.len(), 2, "{:?}", found.problems);
    assert!(
        found
            .problems
            .iter()
            .any(|p| p.detail == "an event's time does not read: 'yesterday'")
    );
}

#[test]
fn dangling_references_and_unreadable_json_are_found() {
    let (store, ana) = worked();
    sql(
        &store,
        &format!(
            "PRAGMA foreign_keys = OFF; \
             INSERT INTO events (id, lead_id, at, actor, kind) VALUES \
             ('e1', 'gone', '2026-11-05T00:00:00.000000Z', 't', 'touch'); \
             PRAGMA foreign_keys = ON; \
             UPDATE leads SET flags = '[{{' WHERE id = '{ana}';"
        ),
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["foreign_keys", "json"]);
    let dangling = &found.problems[0].detail;
    assert!(
        dangling.starts_with("events row ") && dangling.ends_with(" refers to a missing leads row"),
        "{dangling}"
    );
    assert_eq!(
        found.problems[1].detail,
        "its flags column is not valid JSON"
    );
}

#[test]
fn a_long_run_of_one_problem_is_listed_then_counted() {
    let found: Found = (0..LISTED + 5).map(|i| (None, format!("p{i}"))).collect();
    let out = listed("counts", found);
    assert_eq!(out.len(), LISTED + 1);
    assert_eq!(out[LISTED].detail, "and 5 more problems of this kind");
}

#[test]
fn an_email_whose_match_key_went_stale_is_found() {
    let (store, ana) = worked();
    assert!(failing(&store).is_empty());
    sql(
        &store,
        &format!("UPDATE leads SET email_key = 'ana.old@brightkiln.example' WHERE id = '{ana}'"),
    );
    let found = check(&store);
    assert_eq!(failing(&store), vec!["email_keys"], "{:?}", found.problems);
    assert_eq!(found.problems[0].lead.as_deref(), Some(ana.as_str()));
}
