//! `list`, `search` and `queue` as a user filters and exports them.

use crate::support::{Db, stderr_of};
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn imported(name: &str) -> Db {
    let db = Db::new();
    db.ok(&["import", &fixture(name)]);
    db
}

#[test]
fn search_finds_words_of_an_imported_description_column() {
    let db = imported("salesforce_leads_dataloader.csv");
    let found = db.ok(&["search", "onboarding"]);
    assert_eq!(found.lines().count(), 8, "{found}");
    let json: Value = serde_json::from_str(&db.ok(&["search", "onboard", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 8);
    let limited = db.ok(&["search", "onboarding", "--limit", "3"]);
    assert_eq!(limited.lines().count(), 3);
    let out = db.cmd().args(["search", "zzzunheard"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("no lead matches 'zzzunheard'"));
}

#[test]
fn list_filters_by_source_owner_flag_batch_and_passing_gate() {
    let db = imported("salesforce_leads_dataloader.csv");
    let all = db.ok(&["list", "--limit", "0"]).lines().count();
    assert_eq!(all, 30);
    assert_eq!(db.ok(&["list", "--limit", "2"]).lines().count(), 2);
    let web = db.ok(&["list", "--source", "WEB"]);
    assert!(
        web.lines().count() > 0 && web.lines().count() < all,
        "{web}"
    );
    let owner = db.text("SELECT owner FROM leads LIMIT 1");
    let mine = db.ok(&["list", "--owner", &owner.to_lowercase()]);
    assert!(!mine.is_empty() && mine.lines().count() < all);
    let students = db.ok(&["list", "--flag", "student"]);
    assert_eq!(students.lines().count(), 1, "{students}");
    let batch = db.text("SELECT id FROM import_batches");
    assert_eq!(db.ok(&["list", "--batch", &batch[..6]]).lines().count(), 30);
    // Nothing passes yet; one lead with its evidence does.
    let out = db.cmd().args(["list", "--passes"]).output().unwrap();
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("no lead matches"));
    let id = db.text("SELECT id FROM leads WHERE flags = '[]' LIMIT 1");
    db.fill_evidence(&id, 2);
    let passing = db.ok(&["list", "--passes"]);
    assert_eq!(passing.lines().count(), 1);
    assert!(passing.starts_with(&id[..6]), "{passing}");
    let nope = db
        .cmd()
        .args(["list", "--source", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(nope.status.code(), Some(1));
    assert!(stderr_of(&nope).contains("Web"), "{}", stderr_of(&nope));
}

#[test]
fn list_writes_csv_and_tsv_with_a_header_and_formulas_escaped() {
    let db = Db::new();
    let id = db.add("=HYPERLINK(\"http://evil.example\")", "eve@evil.example");
    db.ok(&["set", &id, "company", "+1 Corp\u{7}"]);
    db.ok(&["set", &id, "title", "@boss"]);
    let csv = db.ok(&["list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    let row = reader.records().next().unwrap().unwrap();
    let col = |name: &str| row[header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(col("name"), "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(col("company"), "'+1 Corp");
    assert_eq!(col("title"), "'@boss");
    assert_eq!(col("email"), "eve@evil.example");
    let tsv = db.ok(&["list", "--format", "tsv"]);
    assert!(tsv.starts_with("id\tname\temail"), "{tsv}");
    let json: Value = serde_json::from_str(&db.ok(&["list", "--format", "json"])).unwrap();
    let alias: Value = serde_json::from_str(&db.ok(&["list", "--json"])).unwrap();
    assert_eq!(json, alias);
}

#[test]
fn queue_source_ignores_letter_case_and_an_unknown_source_lists_the_known_ones() {
    let db = Db::new();
    db.ok(&["add", "--name", "Ana Webb", "--source", "Webinar"]);
    let out = db.ok(&["queue", "--source", "webinar"]);
    assert!(out.contains("Ana Webb"), "{out}");
    let bad = db
        .cmd()
        .args(["queue", "--source", "webinr"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    let err = stderr_of(&bad);
    assert!(
        err.contains("no lead has the source 'webinr'") && err.contains("Webinar"),
        "{err}"
    );
    let bad = db
        .cmd()
        .args(["queue", "--owner", "dana"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn an_older_database_is_indexed_again_so_search_finds_its_imported_notes() {
    let db = imported("salesforce_leads_dataloader.csv");
    // The index as version 6 built it: no attributes; and without what versions 8 to 12 add.
    db.conn()
        .execute_batch(
            "DROP INDEX leads_by_email;
             ALTER TABLE leads DROP COLUMN email_key;
             CREATE INDEX leads_by_email ON leads (lower(email)) WHERE email IS NOT NULL;
             DROP INDEX leads_stalled;
             DROP INDEX leads_by_handoff;
             ALTER TABLE leads DROP COLUMN pain_consequence;
             ALTER TABLE leads DROP COLUMN stakeholders;
             ALTER TABLE leads DROP COLUMN next_step_on;
             ALTER TABLE leads DROP COLUMN timeline;
             ALTER TABLE leads DROP COLUMN budget_path;
             ALTER TABLE leads DROP COLUMN deal_size;
             ALTER TABLE leads DROP COLUMN handoff;
             ALTER TABLE leads DROP COLUMN handoff_to;
             ALTER TABLE leads DROP COLUMN handoff_from;
             ALTER TABLE leads DROP COLUMN handoff_at;
             ALTER TABLE leads DROP COLUMN handoff_reason;
             ALTER TABLE leads DROP COLUMN handoff_note;
             ALTER TABLE leads DROP COLUMN stalled;
             ALTER TABLE leads RENAME COLUMN stakeholders_note TO stakeholders;
             DROP TABLE row_prints;
             DROP TABLE exports;
             DROP INDEX events_exported;
             DROP INDEX events_stage;
             DROP INDEX events_worked;
             ALTER TABLE leads DROP COLUMN given_name;
             ALTER TABLE leads DROP COLUMN family_name;
             DROP INDEX leads_unsupported;
             ALTER TABLE leads DROP COLUMN unsupported;
             ALTER TABLE leads DROP COLUMN version;
             INSERT INTO leads_fts (leads_fts) VALUES ('delete-all');
             INSERT INTO leads_fts (rowid, name, email, company, title, notes)
             SELECT rowid, name, email, company, title,
             concat_ws(' ', icp_fit_why, role_relevance_why, intent_detail, reason_now,
             pain_point, stakeholders, next_step, state_note) FROM leads;
             PRAGMA user_version = 6;",
        )
        .unwrap();
    let found = db.ok(&["search", "onboarding"]);
    assert_eq!(found.lines().count(), 8, "{found}");
    assert_eq!(db.ok(&["search", "Okafor"]).lines().count(), 1);
}
