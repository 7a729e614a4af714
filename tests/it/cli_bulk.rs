//! `leadgate bulk`: one decision over a selection, each lead through its own gate.

use crate::support::{Db, stderr_of};
use serde_json::Value;

fn imported() -> Db {
    let db = Db::new();
    let file = format!(
        "{}/tests/fixtures/salesforce_leads_dataloader.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    db.ok(&["import", &file]);
    db
}

/// The first `n` leads, in the order added, that `filter` (a WHERE clause or nothing) keeps.
fn ids(db: &Db, filter: &str, n: usize) -> Vec<String> {
    db.text(&format!(
        "SELECT group_concat(id) FROM (SELECT id FROM leads {filter} ORDER BY rowid LIMIT {n})"
    ))
    .split(',')
    .map(str::to_string)
    .collect()
}

/// Runs `args`, expects a failure whose message holds `says`.
fn refused_with(db: &Db, args: &[&str], says: &str) {
    let out = db.cmd().args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?}");
    assert!(
        stderr_of(&out).contains(says),
        "{args:?}: {}",
        stderr_of(&out)
    );
}

fn json(db: &Db, args: &[&str]) -> Value {
    let mut all = vec!["bulk"];
    all.extend_from_slice(args);
    all.push("--json");
    serde_json::from_str(&db.ok(&all)).unwrap()
}

#[test]
fn a_dry_run_says_what_would_happen_and_writes_nothing() {
    let db = imported();
    let before = db.dump();
    let said = db.ok(&[
        "bulk",
        "disqualify",
        "--flag",
        "student",
        "--reason",
        "student",
        "--dry-run",
    ]);
    assert_eq!(said, "Would disqualify 1 of 1 lead; nothing was written.\n");
    assert_eq!(db.dump(), before, "a dry run changes nothing");
    let done = db.ok(&[
        "bulk",
        "disqualify",
        "--flag",
        "student",
        "--reason",
        "student",
    ]);
    assert_eq!(done, "Disqualified 1 of 1 lead.\n");
    assert_eq!(
        db.count("SELECT count(*) FROM leads WHERE state = 'disqualified'"),
        1
    );
    let again = json(
        &db,
        &["disqualify", "--flag", "student", "--reason", "student"],
    );
    assert_eq!(again["done"], 0);
    assert_eq!(again["refused"]["already disqualified"], 1);
}

#[test]
fn a_bulk_promotion_moves_the_leads_whose_gate_passes_and_groups_the_rest() {
    let db = imported();
    let ready = ids(&db, "WHERE flags = '[]'", 2);
    for id in &ready {
        db.fill_evidence(id, 2);
    }
    let events = db.count("SELECT count(*) FROM events WHERE kind = 'stage'");
    let batch = db.text("SELECT id FROM import_batches");
    let said = db.ok(&["bulk", "promote", "--batch", &batch[..8]]);
    let mut lines = said.lines();
    assert_eq!(lines.next(), Some("Promoted 2 of 30 leads."), "{said}");
    let refused: u64 = lines
        .map(|l| l.trim().split(' ').next().unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(refused, 28, "every refused lead is in a group: {said}");
    assert!(said.contains(" missing icp fit\n"), "{said}");
    // One stage event a promoted lead, and only those two moved.
    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind = 'stage'"),
        events + 2
    );
    for id in &ready {
        assert_eq!(
            db.text(&format!("SELECT stage FROM leads WHERE id = '{id}'")),
            "prospect"
        );
    }
    assert_eq!(
        db.count("SELECT count(*) FROM leads WHERE stage = 'prospect'"),
        2
    );
}

#[test]
fn search_and_passes_narrow_a_bulk_as_they_narrow_a_list() {
    let db = imported();
    let found = json(
        &db,
        &[
            "nurture",
            "--search",
            "onboarding",
            "--reason",
            "no_reason_now",
        ],
    );
    assert_eq!(found["selected"], 8, "{found}");
    assert_eq!(found["done"], 8);
    assert_eq!(
        db.count("SELECT count(*) FROM leads WHERE state = 'nurture'"),
        8
    );
    let out = db
        .cmd()
        .args(["bulk", "promote", "--passes"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("no lead matches"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_reason_is_asked_for_where_it_is_needed_and_refused_where_not() {
    let db = imported();
    let before = db.dump();
    for (args, says) in [
        (vec!["bulk", "nurture", "--source", "web"], "needs --reason"),
        (
            vec!["bulk", "promote", "--reason", "student"],
            "takes no --reason",
        ),
        (
            vec!["bulk", "disqualify", "--reason", "studnet"],
            "unknown reason code 'studnet': did you mean 'student'?",
        ),
        (
            vec!["bulk", "promote", "--stage", "prospct"],
            "unknown stage 'prospct': did you mean 'prospect'?",
        ),
        (
            vec![
                "bulk",
                "disqualify",
                "--reason",
                "student",
                "--until",
                "2099-01-01",
            ],
            "--until",
        ),
    ] {
        refused_with(&db, &args, says);
    }
    assert_eq!(db.dump(), before);
}

#[test]
fn a_bulk_reopen_leaves_people_who_opted_out_to_be_reopened_one_by_one() {
    let db = imported();
    let ids = ids(&db, "", 3);
    db.ok(&["disqualify", &ids[0], "--reason", "opted_out"]);
    db.ok(&["disqualify", &ids[1], "--reason", "student"]);
    db.ok(&["nurture", &ids[2], "--reason", "no_reason_now"]);
    let said = db.ok(&["bulk", "reopen", "--state", "disqualified"]);
    assert!(said.starts_with("Reopened 1 of 2 leads.\n"), "{said}");
    assert!(said.contains("1 opted out, left as they are"), "{said}");
    let state = |id: &str| db.text(&format!("SELECT state FROM leads WHERE id = '{id}'"));
    assert_eq!(state(&ids[0]), "disqualified");
    assert_eq!(state(&ids[1]), "active");
    assert_eq!(state(&ids[2]), "nurture");
}

#[test]
fn add_takes_every_contact_field_and_next_prints_the_top_of_a_queue_until_it_is_empty() {
    let db = Db::new();
    db.create();
    let id = db.ok(&[
        "add",
        "--name",
        "Priya Raman",
        "--email",
        "priya@tidewater.example",
        "--title",
        "VP Operations",
        "--industry",
        " Logistics ",
        "--employees",
        "140",
        "--country",
        "India",
        "--city",
        "Pune",
        "--phone",
        "+91 20 5555 0100",
        "--linkedin",
        "https://www.linkedin.com/in/priya-raman",
        "--owner",
        "dana",
    ]);
    let id = id.trim();
    let shown: Value = serde_json::from_str(&db.ok(&["show", id, "--json"])).unwrap();
    for (field, value) in [
        ("industry", "Logistics"),
        ("employees", "140"),
        ("country", "India"),
        ("city", "Pune"),
        ("phone", "+91 20 5555 0100"),
        ("linkedin_url", "https://www.linkedin.com/in/priya-raman"),
        ("owner", "dana"),
        ("title", "VP Operations"),
    ] {
        assert_eq!(shown[field], value, "{field}");
    }
    // The same dedupe as before: an email already known, in another case, is refused.
    let again = db
        .cmd()
        .args([
            "add",
            "--name",
            "P. Raman",
            "--email",
            "PRIYA@tidewater.example",
        ])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        stderr_of(&again).contains("already"),
        "{}",
        stderr_of(&again)
    );

    // next: the top lead's id, for a shell loop; exit 1 once the queue is empty.
    assert_eq!(db.ok(&["next"]).trim(), id);
    assert_eq!(db.ok(&["next", "today", "--owner", "dana"]).trim(), id);
    let top: Value = serde_json::from_str(&db.ok(&["next", "--json"])).unwrap();
    assert_eq!(top["id"], id);
    db.ok(&["disqualify", id, "--reason", "not_icp"]);
    let empty = db.cmd().args(["next", "today"]).output().unwrap();
    assert_eq!(empty.status.code(), Some(1));
    assert!(
        empty.stdout.is_empty(),
        "nothing a loop would take for an id"
    );
    assert!(stderr_of(&empty).contains("empty"), "{}", stderr_of(&empty));
    let misspelt = db.cmd().args(["next", "todya"]).output().unwrap();
    assert!(
        stderr_of(&misspelt).contains("did you mean"),
        "{}",
        stderr_of(&misspelt)
    );
}

#[test]
fn assign_gives_the_selection_an_owner_and_resolve_a_flag_with_one_note() {
    let db = Db::new();
    let ana = db.add("Ana Free", "ana@gmail.com");
    let bo = db.add("Bo Work", "bo@acme.example");
    let said = db.ok(&["bulk", "assign", "--state", "active", "--to", "Maren"]);
    assert_eq!(said, "Assigned 2 of 2 leads.\n", "{said}");
    let owners = db.text("SELECT group_concat(DISTINCT owner) FROM leads");
    assert_eq!(owners, "Maren");
    let again = json(&db, &["assign", "--to", "Maren"]);
    assert_eq!(again["done"], 0);
    assert_eq!(again["refused"]["already so"], 2);

    let resolved = json(
        &db,
        &[
            "resolve",
            "--flag",
            "free_mail",
            "--note",
            "A founder's own address",
        ],
    );
    assert_eq!(resolved["done"], 1, "{resolved}");
    let note = db.text(&format!(
        "SELECT note FROM events WHERE lead_id = '{ana}' AND new_value = 'resolved'"
    ));
    assert_eq!(note, "A founder's own address");
    assert_eq!(
        db.count(&format!(
            "SELECT count(*) FROM events WHERE lead_id = '{bo}' AND kind = 'flag'"
        )),
        0
    );
}

#[test]
fn assign_and_resolve_say_what_they_need() {
    let db = Db::new();
    db.add("Ana Free", "ana@gmail.com");
    for (args, says) in [
        (vec!["bulk", "assign"], "needs --to OWNER"),
        (
            vec!["bulk", "nurture", "--reason", "no_budget", "--to", "x"],
            "takes no --to",
        ),
        (vec!["bulk", "resolve", "--note", "fine"], "needs --flag F"),
        (
            vec!["bulk", "resolve", "--flag", "free_mail"],
            "needs --note",
        ),
        (
            vec!["bulk", "resolve", "--flag", "do_not_contact", "--note", "x"],
            "one lead at a time",
        ),
    ] {
        refused_with(&db, &args, says);
    }
}
