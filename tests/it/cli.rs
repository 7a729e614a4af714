//! The gate and the audit trail, as a user meets them on the command line.

use crate::support::{Db, days_ago_date, stderr_of};
use serde_json::Value;

#[test]
fn promotion_without_evidence_exits_3_naming_every_missing_item() {
    let db = Db::new();
    let id = db.add("Tomasz Wielgosz", "tomasz@harborlight.example");
    let out = db.cmd().args(["promote", &id[..8]]).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    for item in ["ICP fit", "Role relevance", "Intent source", "Reason now"] {
        assert!(
            err.contains(&format!("✗ {item}:")),
            "{item} missing from:\n{err}"
        );
    }
    assert_eq!(db.text("SELECT stage FROM leads"), "lead");
}

#[test]
fn partly_filled_checklist_names_only_what_is_missing() {
    let db = Db::new();
    let id = db.add("Priya Raman", "priya@tidewater.example");
    db.ok(&[
        "set",
        &id,
        "icp_fit",
        "fit",
        "--note",
        "Hospital group, 230 staff",
    ]);
    db.ok(&["set", &id, "role_relevance", "relevant"]); // relevant, but no why
    let out = db.cmd().args(["promote", &id]).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    assert!(!err.contains("✗ ICP fit"), "{err}");
    assert!(
        err.contains("✗ Role relevance: role relevance is marked relevant but no reason is stated"),
        "{err}"
    );
    assert!(err.contains("3 items missing"), "{err}");
}

#[test]
fn stale_reason_now_is_refused() {
    let db = Db::new();
    let id = db.add("Diego Alvarado-Ruiz", "diego@kestrelpay.example");
    db.fill_evidence(&id, 45);
    let out = db.cmd().args(["promote", &id]).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    assert!(
        err.contains("✗ Reason now: reason now was observed"),
        "{err}"
    );
    assert!(err.contains("within the last 30 days"), "{err}");
    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind = 'stage'"),
        0
    );
}

#[test]
fn complete_checklist_promotes_and_history_records_actor_and_evidence() {
    let db = Db::new();
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    db.fill_evidence(&id, 2);
    let out = db.ok(&["--as", "dana", "promote", &id[..7]]);
    assert!(out.contains("stage lead → prospect"), "{out}");

    let history: Value = serde_json::from_str(&db.ok(&["history", &id, "--json"])).expect("json");
    let events = history.as_array().expect("list");
    assert_eq!(events.first().expect("first")["kind"], "created");
    let promotion = events.last().expect("last");
    assert_eq!(promotion["kind"], "stage");
    assert_eq!(promotion["old_value"], "lead");
    assert_eq!(promotion["new_value"], "prospect");
    assert_eq!(promotion["actor"], "dana");
    let evidence = &promotion["data"]["evidence"];
    assert_eq!(evidence["icp_fit"], "fit");
    assert_eq!(evidence["icp_fit_why"], "Logistics, 120 staff, EU");
    assert_eq!(evidence["intent_source"], "demo_request");
    assert_eq!(evidence["reason_now_on"], days_ago_date(2).to_string());
    let items = promotion["data"]["checklist"]["items"]
        .as_array()
        .expect("items");
    assert_eq!(items.len(), 5);
    assert!(items.iter().all(|i| i["passed"] == true));
    // Field edits are in the history too, with their evidence as the note.
    assert!(
        events
            .iter()
            .any(|e| e["field"] == "icp_fit" && e["note"] == "Logistics, 120 staff, EU")
    );
    assert!(db.ok(&["history", &id]).contains("stage lead → prospect"));
}

#[test]
fn show_json_carries_the_record_and_its_checklist() {
    let db = Db::new();
    let id = db.add("Chloé Marchand", "chloe@lumenloom.example");
    db.ok(&["set", &id, "icp_fit", "fit", "--note", "Retail, 80 staff"]);
    let v: Value = serde_json::from_str(&db.ok(&["show", &id[..6], "--json"])).expect("json");
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["name"], "Chloé Marchand");
    assert_eq!(v["stage"], "lead");
    assert_eq!(v["state"], "active");
    let checklist = v["checklist"].as_array().expect("checklist");
    let items: Vec<_> = checklist
        .iter()
        .map(|i| (i["item"].as_str().expect("item"), i["passed"] == true))
        .collect();
    assert_eq!(
        items,
        vec![
            ("icp_fit", true),
            ("role_relevance", false),
            ("intent_source", false),
            ("reason_now", false),
            ("exclusions", true),
        ]
    );
    assert!(
        checklist
            .iter()
            .all(|i| i["detail"].as_str().is_some_and(|d| !d.is_empty()))
    );
}

#[test]
fn list_json_filters_by_stage_and_honours_limit() {
    let db = Db::new();
    let a = db.add("A One", "a@one.example");
    db.add("B Two", "b@two.example");
    db.add("C Three", "c@three.example");
    db.fill_evidence(&a, 1);
    db.ok(&["promote", &a]);
    let all: Value = serde_json::from_str(&db.ok(&["list", "--json"])).expect("json");
    assert_eq!(all.as_array().expect("list").len(), 3);
    for key in [
        "id", "name", "email", "company", "title", "source", "stage", "state",
    ] {
        assert!(all[0].get(key).is_some(), "lead objects carry {key}");
    }
    let prospects: Value =
        serde_json::from_str(&db.ok(&["list", "--stage", "prospect", "--json"])).expect("json");
    assert_eq!(prospects.as_array().expect("list").len(), 1);
    assert_eq!(prospects[0]["id"], a.as_str());
    let limited: Value =
        serde_json::from_str(&db.ok(&["list", "--json", "--limit", "2"])).expect("json");
    assert_eq!(limited.as_array().expect("list").len(), 2);
    let none: Value =
        serde_json::from_str(&db.ok(&["list", "--stage", "opportunity", "--json"])).expect("json");
    assert_eq!(none, Value::Array(vec![]));
}

#[test]
fn nurture_passes_a_prospect_back_and_reopen_returns_it_to_the_queue() {
    let db = Db::new();
    let id = db.add("Kwame Boateng", "kwame@ironbark.example");
    db.fill_evidence(&id, 3);
    db.ok(&["promote", &id]);
    let out = db.ok(&[
        "nurture",
        &id,
        "--reason",
        "stalled",
        "--note",
        "No reply after 3 touches",
    ]);
    assert!(
        out.contains("stage prospect → lead") && out.contains("state active → nurture"),
        "{out}"
    );
    let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(
        (
            v["stage"].as_str(),
            v["state"].as_str(),
            v["state_reason"].as_str()
        ),
        (Some("lead"), Some("nurture"), Some("stalled"))
    );
    let refused = db.cmd().args(["promote", &id]).output().expect("runs");
    assert_eq!(
        refused.status.code(),
        Some(3),
        "a nurtured lead is not promoted"
    );
    db.ok(&["reopen", &id]);
    db.ok(&["promote", &id]);
}

#[test]
fn disqualify_needs_a_known_reason_and_other_needs_a_note() {
    let db = Db::new();
    let id = db.add("Info Desk", "info@kestrelpay.example");
    let before = db.dump();
    let out = db
        .cmd()
        .args(["disqualify", &id, "--reason", "spam"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("unknown reason code 'spam'"),
        "{}",
        stderr_of(&out)
    );
    let out = db
        .cmd()
        .args(["disqualify", &id, "--reason", "other"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr_of(&out).contains("needs a note"));
    assert_eq!(db.dump(), before, "refusals write nothing");
    db.ok(&["disqualify", &id, "--reason", "generic-inbox"]);
    let reason: String = db
        .conn()
        .query_row("SELECT state_reason FROM leads", [], |r| r.get(0))
        .expect("reason");
    assert_eq!(reason, "generic_inbox");
}

/// Every stage change has exactly one stage event, and replaying the stage events of a lead
/// from `lead` arrives at its current stage: no path changes a stage silently.
#[test]
fn stage_events_account_for_every_stage_change() {
    let db = Db::new();
    let ids: Vec<String> = (0..4)
        .map(|i| db.add(&format!("Lead {i}"), &format!("l{i}@co{i}.example")))
        .collect();
    let mut expected_changes = 0;
    for id in &ids[..3] {
        db.fill_evidence(id, 1);
        db.ok(&["promote", id]);
        expected_changes += 1;
    }
    db.fill_deal(&ids[0]);
    db.ok(&["--as", "morgan", "promote", &ids[0]]);
    expected_changes += 1;
    db.ok(&["disqualify", &ids[1], "--reason", "competitor"]); // prospect → lead
    expected_changes += 1;
    db.ok(&["nurture", &ids[3], "--reason", "no_intent"]); // state only
    let _ = db.cmd().args(["promote", &ids[2]]).output(); // refused: opportunity gate
    let _ = db.cmd().args(["promote", &ids[3]]).output(); // refused: nurtured

    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind = 'stage'"),
        expected_changes
    );
    let conn = db.conn();
    for id in &ids {
        let mut stmt = conn
            .prepare("SELECT old_value, new_value FROM events WHERE lead_id = ?1 AND kind = 'stage' ORDER BY at, id")
            .expect("prepare");
        let steps: Vec<(String, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .map(Result::unwrap)
            .collect();
        let mut stage = "lead".to_string();
        for (old, new) in steps {
            assert_eq!(old, stage, "events chain for {id}");
            stage = new;
        }
        let current: String = conn
            .query_row("SELECT stage FROM leads WHERE id = ?1", [id], |r| r.get(0))
            .expect("stage");
        assert_eq!(current, stage, "replayed stage of {id}");
    }
}

#[cfg(unix)]
#[test]
fn database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    db.add("Ingrid Solberg", "ingrid@nordvik.example");
    let mode = std::fs::metadata(&db.path)
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let mode: String = db
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
}

#[test]
fn an_exclusion_flag_blocks_promotion_until_resolved_with_a_note() {
    let db = Db::new();
    let id = db.add("Maren Okafor", "maren.okafor@gmail.com");
    let shown = db.ok(&["show", &id]);
    assert!(
        shown.contains("⚑ Free-mail address: gmail.com is a free-mail domain"),
        "{shown}"
    );
    db.fill_evidence(&id, 1);
    let out = db.cmd().args(["promote", &id]).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr_of(&out).contains("✗ Exclusions: flagged: free-mail address"),
        "{}",
        stderr_of(&out)
    );
    let out = db
        .cmd()
        .args(["resolve", &id, "free_mail"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "the note is required");
    let out = db
        .cmd()
        .args(["resolve", &id, "student", "--note", "x"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("the record has no student flag"));
    db.ok(&[
        "--as",
        "dana",
        "resolve",
        &id,
        "free-mail",
        "--note",
        "Founder uses her own address",
    ]);
    db.ok(&["promote", &id]);
    let history = db.ok(&["history", &id]);
    assert!(
        history.contains("free_mail raised → resolved")
            && history.contains("Founder uses her own address"),
        "{history}"
    );
}

#[test]
fn changing_an_email_raises_new_flags() {
    let db = Db::new();
    let id = db.add("Info Desk", "desk@kestrelpay.example");
    assert!(!db.ok(&["show", &id]).contains("⚑"));
    db.ok(&["set", &id, "email", "info@kestrelpay.example"]);
    let shown = db.ok(&["show", &id]);
    assert!(
        shown.contains("⚑ Role inbox: info@ is a shared inbox, not a person"),
        "{shown}"
    );
    let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
    assert_eq!(v["evidence"]["flags"][0]["flag"], "role_inbox");
}
