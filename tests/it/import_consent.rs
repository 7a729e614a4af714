//! Opt-outs and existing customers in real exports become exclusion flags; a corrected
//! `--map` merges into the leads an earlier import created; a stray NUL is reported.

use crate::support::Db;
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json(db: &Db, args: &[&str]) -> Value {
    serde_json::from_str(&db.ok(args)).expect("json")
}

/// The names of the leads with an open flag of this kind, sorted.
fn flagged(db: &Db, flag: &str) -> Vec<String> {
    let leads = json(db, &["list", "--flag", flag, "--limit", "0", "--json"]);
    let mut names: Vec<String> = leads
        .as_array()
        .expect("list")
        .iter()
        .map(|l| l["name"].as_str().expect("name").to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn opt_out_columns_in_each_sample_raise_do_not_contact_and_block_promotion() {
    let db = Db::new();
    let summary = json(
        &db,
        &[
            "import",
            &fixture("salesforce_leads_dataloader.csv"),
            "--json",
        ],
    );
    assert_eq!(summary["flagged"]["do_not_contact"], 3, "{summary}");
    assert_eq!(
        flagged(&db, "do_not_contact"),
        ["Arjun Mehta", "Chloé Marchand", "Lan Nguyễn Thị"],
        "the three HASOPTEDOUTOFEMAIL = true rows"
    );
    let chloe = json(&db, &["list", "--flag", "do_not_contact", "--json"])
        .as_array()
        .expect("list")
        .iter()
        .find(|l| l["name"] == "Chloé Marchand")
        .cloned()
        .expect("Chloé");
    let reason = chloe["evidence"]["flags"][0]["reason"]
        .as_str()
        .expect("reason");
    assert_eq!(reason, "HASOPTEDOUTOFEMAIL is 'true'");
    let id = chloe["id"].as_str().expect("id");
    db.fill_evidence(id, 1);
    let refused = db.cmd().args(["promote", id]).output().expect("runs");
    assert!(!refused.status.success(), "an opt-out blocks promotion");
    let said = crate::support::stderr_of(&refused);
    assert!(
        said.contains("do not contact (opted out) (HASOPTEDOUTOFEMAIL is 'true'")
            && said.contains("the day the person consented again"),
        "{said}"
    );

    let db = Db::new();
    db.ok(&["import", &fixture("pipedrive_people_export.csv")]);
    assert_eq!(
        flagged(&db, "do_not_contact").len(),
        18,
        "6 Unsubscribed + 12 No consent"
    );
    assert_eq!(
        flagged(&db, "existing_account").len(),
        20,
        "Open deals above 0"
    );

    let db = Db::new();
    db.ok(&["import", &fixture("mailchimp_unsubscribed.csv")]);
    assert_eq!(
        flagged(&db, "do_not_contact").len(),
        4,
        "every UNSUB_TIME row"
    );

    let db = Db::new();
    db.ok(&["import", &fixture("zoho_crm_leads.csv")]);
    assert_eq!(
        flagged(&db, "do_not_contact"),
        ["Declan Okafor", "Siobhan Keane"],
        "Email Opt Out = true"
    );
}

#[test]
fn customers_and_open_deals_raise_existing_account() {
    let db = Db::new();
    db.ok(&["import", &fixture("hubspot_contacts_export.csv")]);
    let names = flagged(&db, "existing_account");
    assert_eq!(
        names.len(),
        7,
        "3 Customer + 4 Opportunity lifecycle stages: {names:?}"
    );
    assert!(names.contains(&"Beatriz Monteiro".to_string()), "{names:?}");

    let db = Db::new();
    db.ok(&["import", &fixture("salesforce_leads_dataloader.csv")]);
    assert_eq!(
        flagged(&db, "existing_account").len(),
        6,
        "STATUS = Closed - Converted"
    );
}

#[test]
fn an_opt_out_is_resolved_only_with_the_day_consent_was_given_again() {
    let db = Db::new();
    db.ok(&["import", &fixture("zoho_crm_leads.csv")]);
    let leads = json(&db, &["list", "--flag", "do_not_contact", "--json"]);
    let id = leads[0]["id"].as_str().expect("id").to_string();
    let out = db
        .cmd()
        .args(["resolve", &id, "do_not_contact", "--note", "they said yes"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(
        crate::support::stderr_of(&out).contains("--consent-on"),
        "{}",
        crate::support::stderr_of(&out)
    );
    db.ok(&[
        "resolve",
        &id,
        "do_not_contact",
        "--consent-on",
        "2026-01-15",
        "--note",
        "Opted back in on the webinar form",
    ]);
    assert!(flagged(&db, "do_not_contact").len() == 1, "one left open");
    let history = db.ok(&["history", &id]);
    assert!(
        history.contains("(consented again on 2026-01-15)"),
        "{history}"
    );
    let shown = db.ok(&["show", &id]);
    assert!(shown.contains("consented again on 2026-01-15"), "{shown}");
    assert!(
        shown
            .lines()
            .nth(2)
            .is_some_and(|l| l.starts_with("phone ")),
        "how to reach them is shown: {shown}"
    );
}

#[test]
fn a_corrected_map_merges_into_the_leads_the_first_import_created() {
    let db = Db::new();
    let file = fixture("google_contacts.csv");
    // A first import that missed the addresses, as a user's wrong --map would.
    let first = json(
        &db,
        &[
            "import",
            &file,
            "--map",
            "E-mail 1 - Value=-",
            "--map",
            "E-mail 2 - Value=-",
            "--json",
        ],
    );
    assert_eq!(first["created"], 7);
    assert_eq!(
        json(&db, &["list", "--json"])
            .as_array()
            .expect("list")
            .iter()
            .filter(|l| l["email"].is_string())
            .count(),
        0
    );
    let second = json(&db, &["import", &file, "--json"]);
    assert_eq!(second["created"], 0, "no duplicates: {second}");
    assert_eq!(second["merged"], 7, "{second}");
    let leads = json(&db, &["list", "--json"]);
    let tobias = leads
        .as_array()
        .expect("list")
        .iter()
        .find(|l| l["name"] == "Tobias Lindgren")
        .expect("Tobias");
    assert_eq!(
        tobias["email"], "tobias@harborlight.example",
        "the work address"
    );
    let history = db.ok(&["history", tobias["id"].as_str().expect("id")]);
    assert!(
        history.contains("matched by the same row, imported before"),
        "{history}"
    );
}

#[test]
fn a_nul_byte_is_removed_from_its_field_and_reported_with_its_line() {
    let db = Db::new();
    let summary = json(&db, &["import", &fixture("nul_in_field.csv"), "--json"]);
    assert_eq!(summary["created"], 5);
    assert_eq!(summary["repaired"][0]["line"], 4, "{summary}");
    assert_eq!(
        summary["repaired"][0]["reason"],
        "removed a NUL byte from 'First Name'"
    );
    let text = db.ok(&["import", "--dry-run", &fixture("nul_in_field.csv")]);
    assert!(
        text.contains("repaired nul_in_field.csv:4: removed a NUL byte from 'First Name'"),
        "{text}"
    );
}

#[test]
fn reopening_a_lead_parked_as_opted_out_needs_yes_and_warns() {
    let db = Db::new();
    let id = db.add("Zed Varga", "zed@varga.example");
    db.ok(&["nurture", &id, "--reason", "opted_out"]);
    let out = db.cmd().args(["reopen", &id]).output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let said = crate::support::stderr_of(&out);
    assert!(
        said.contains("asked not to be contacted") && said.contains("--yes"),
        "{said}"
    );
    let lead = json(&db, &["show", &id, "--json"]);
    assert_eq!(lead["state"], "nurture", "nothing changed");
    db.ok(&[
        "reopen",
        &id,
        "--yes",
        "--note",
        "Asked for a call at the fair",
    ]);
    assert_eq!(json(&db, &["show", &id, "--json"])["state"], "active");
}
