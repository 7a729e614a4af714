//! Queues in priority order, from the command line: the same order the workstation pages.

use crate::support::{Db, assert_terms_sum, stderr_of};
use serde_json::Value;

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("list")
        .iter()
        .map(|l| l["name"].as_str().expect("name").to_string())
        .collect()
}

fn queue_json(db: &Db, args: &[&str]) -> Value {
    let mut full = vec!["queue"];
    full.extend_from_slice(args);
    full.push("--json");
    serde_json::from_str(&db.ok(&full)).expect("json")
}

/// Three leads: one with a demo request and a fresh reason now, one with nothing known, one
/// at a free-mail address.
fn three(db: &Db) -> (String, String, String) {
    let plain = db.add("Bo Plain", "bo@beta.example");
    let free = db.add("Cy Free", "cy@gmail.com");
    let hot = db.add("Ann Hot", "ann@acme.example");
    db.ok(&[
        "set",
        &hot,
        "intent_source",
        "demo_request",
        "--note",
        "Booked a demo on the site",
    ]);
    db.ok(&["set", &hot, "reason_now", "Opening a depot in Lyon"]);
    (hot, plain, free)
}

#[test]
fn today_lists_the_highest_score_first_with_every_term() {
    let db = Db::new();
    three(&db);
    let v = queue_json(&db, &[]);
    assert_eq!(names(&v), ["Ann Hot", "Bo Plain", "Cy Free"]);
    for lead in v.as_array().expect("list") {
        assert_terms_sum(&lead["score"]);
    }
    assert_eq!(v[0]["score"]["total"].as_f64(), Some(10.0));
    let text = db.ok(&["queue"]);
    assert!(
        text.contains("intent: demo request +6.0, reason now 0 days old +4.0"),
        "{text}"
    );
    assert!(text.contains("free-mail address −5.0"), "{text}");
    assert_eq!(names(&queue_json(&db, &["--limit", "1"])), ["Ann Hot"]);
}

#[test]
fn a_nurtured_lead_leaves_today_until_its_review_is_due() {
    let db = Db::new();
    let (_, plain, _) = three(&db);
    db.ok(&["nurture", &plain, "--reason", "no_intent"]);
    assert_eq!(names(&queue_json(&db, &[])), ["Ann Hot", "Cy Free"]);
    assert_eq!(names(&queue_json(&db, &["nurture"])), ["Bo Plain"]);
    let out = db.cmd().args(["queue", "someday"]).output().expect("runs");
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("unknown queue 'someday'"),
        "{out:?}"
    );
}

#[test]
fn new_score_weights_reorder_the_queue() {
    let db = Db::new();
    three(&db);
    assert_eq!(names(&queue_json(&db, &[]))[2], "Cy Free");
    // A team that treats free-mail signups as its best leads.
    let rules = db.path.parent().expect("dir").join("rules.toml");
    std::fs::write(&rules, "[score]\nopen_flag = 20.0\n").expect("write");
    let rules = rules.display().to_string();
    let v = queue_json(&db, &["--config", &rules]);
    assert_eq!(names(&v), ["Cy Free", "Ann Hot", "Bo Plain"]);
    assert_eq!(v[0]["score"]["total"].as_f64(), Some(20.0));
    // And back: every stored score follows the rules in force.
    assert_eq!(names(&queue_json(&db, &[]))[0], "Ann Hot");
}

#[test]
fn a_prospect_without_a_change_past_the_stalled_window_says_so() {
    let db = Db::new();
    let id = db.add("Priya Raman", "priya@tidewater.example");
    db.fill_evidence(&id, 2);
    db.ok(&["promote", &id]);
    assert!(!db.ok(&["show", &id]).contains("Stalled"));
    // Three weeks without a change.
    let conn = db.conn();
    let then = (chrono::Utc::now() - chrono::Duration::days(21))
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string();
    conn.execute("UPDATE leads SET updated_at = ?1", [then])
        .expect("age the record");
    let shown = db.ok(&["show", &id]);
    assert!(
        shown.contains("Stalled: no change for 21 days (the rules allow 14)"),
        "{shown}"
    );
    let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(v["stalled_days"].as_i64(), Some(21));
    let rules = db.path.parent().expect("dir").join("rules.toml");
    std::fs::write(&rules, "[gates]\nstalled_days = 30\n").expect("write");
    let rules = rules.display().to_string();
    assert!(
        !db.ok(&["--config", &rules, "show", &id])
            .contains("Stalled")
    );
}

#[test]
fn recent_engagement_raises_a_lead_and_imports_carry_it() {
    let db = Db::new();
    let (_, plain, _) = three(&db);
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Duration::days(1)).to_string();
    db.ok(&["set", &plain, "last_activity", &yesterday]);
    let v = queue_json(&db, &[]);
    assert_eq!(v[1]["name"].as_str(), Some("Bo Plain"));
    assert_eq!(
        v[1]["score"]["terms"][0]["label"].as_str(),
        Some("engaged 1 day ago")
    );
    let bad = db
        .cmd()
        .args(["set", &plain, "last_activity", "yesterday"])
        .output()
        .expect("runs");
    assert!(!bad.status.success());
    assert!(
        stderr_of(&bad).contains("'yesterday' is not a date"),
        "{bad:?}"
    );
}

#[test]
fn the_demo_opens_with_every_score_as_of_today() {
    use leadgate::domain::{Queue, Rules};
    use leadgate::store::{Direction, ListSource, Store};
    let mut store = Store::open_in_memory().expect("open");
    let now = chrono::Utc::now();
    leadgate::demo::seed(&mut store, now).expect("seed");
    let list = ListSource::Queue {
        queue: Queue::All,
        source: None,
        owner: None,
    };
    let rows = store
        .page(&list, None, Direction::Forward, 400)
        .expect("page");
    assert_eq!(rows.len(), 300);
    for row in &rows {
        assert_eq!(
            row.key.priority,
            Rules::default().standing(&row.lead, now).priority,
            "{}",
            row.lead.contact.name
        );
    }
    assert!(
        rows.windows(2)
            .all(|w| w[0].key.priority >= w[1].key.priority),
        "highest first"
    );
}

#[test]
fn a_later_activity_day_in_a_new_export_replaces_the_older_and_undo_puts_it_back() {
    let db = Db::new();
    let dir = db.path.parent().expect("dir");
    let file = |name: &str, day: &str| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            format!("Email,First Name,Last Activity Date\nana@acme.example,Ana,{day}\n"),
        )
        .expect("write");
        path.display().to_string()
    };
    let activity = |db: &Db| -> String {
        let v: Value = serde_json::from_str(&db.ok(&["list", "--json"])).expect("json");
        v[0]["last_activity"].as_str().unwrap_or("").to_string()
    };
    db.ok(&["import", &file("first.csv", "2026-11-01")]);
    assert_eq!(activity(&db), "2026-11-01");
    db.ok(&["import", &file("older.csv", "2026-10-01")]);
    assert_eq!(
        activity(&db),
        "2026-11-01",
        "an older day is history, not news"
    );
    let out: Value =
        serde_json::from_str(&db.ok(&["import", &file("later.csv", "11/10/2026"), "--json"]))
            .expect("json");
    assert_eq!(activity(&db), "2026-11-10");
    let batch = out["batch"].as_str().expect("batch").to_string();
    db.ok(&["import", "--undo", &batch]);
    assert_eq!(activity(&db), "2026-11-01");
}
