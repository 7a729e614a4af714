//! Importing real exports from the command line, as a user runs it.

use crate::support::{Db, stderr_of};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn json(db: &Db, args: &[&str]) -> Value {
    serde_json::from_str(&db.ok(args)).expect("json")
}

/// Writes `bytes` to a file in the database's folder and returns its path.
fn file(db: &Db, name: &str, bytes: &[u8]) -> String {
    let path: PathBuf = db.path.parent().expect("dir").join(name);
    std::fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

fn lead_named<'a>(leads: &'a Value, name: &str) -> &'a Value {
    leads
        .as_array()
        .expect("list")
        .iter()
        .find(|l| l["name"] == name)
        .unwrap_or_else(|| panic!("{name} imported"))
}

#[test]
fn every_sample_layout_imports_with_its_fields_mapped() {
    // (file, leads created into an empty database, a person, their email, company, title)
    let cases = [
        (
            "hubspot_contacts_export.csv",
            30,
            "Maren Okafor",
            Some("maren.okafor@brightkiln.example"),
            "Brightkiln Analytics",
            "Founder & CEO",
        ),
        (
            "salesforce_leads_dataloader.csv",
            30,
            "Tomasz Wielgosz",
            Some("tomasz@harborlight.example"),
            "Harborlight Logistics",
            "Head of Operations",
        ),
        (
            "salesforce_leads_report.csv",
            25,
            "Chloé Marchand",
            Some("chloe@lumenloom.example"),
            "Lumen & Loom",
            "Chief Marketing Officer",
        ),
        (
            "apollo_people_export.csv",
            30,
            "Tomasz Wielgosz",
            Some("twielgosz@harborlight.example"),
            "Harborlight Logistics",
            "Head of Operations",
        ),
        (
            "pipedrive_people_export.csv",
            30,
            "Priya Raman",
            Some("raman.p@tidewater-health.example"),
            "Tidewater Health Systems",
            "VP of Sales",
        ),
        (
            "linkedin_salesnav_phantombuster.csv",
            30,
            "Maren Okafor",
            None,
            "Brightkiln Analytics",
            "Founder & CEO",
        ),
        (
            "linkedin_connections.csv",
            30,
            "Maren Okafor",
            Some("maren.okafor@brightkiln.example"),
            "Brightkiln Analytics",
            "Founder & CEO",
        ),
        (
            "generic_lead_list.csv",
            30,
            "Maren Okafor",
            Some("mokafor@brightkiln.example"),
            "Brightkiln Analytics",
            "",
        ),
    ];
    for (name, created, person, email, company, title) in cases {
        let db = Db::new();
        let summary = json(&db, &["import", &fixture(name), "--json"]);
        assert_eq!(summary["created"], created, "{name}: {summary}");
        let leads = json(&db, &["list", "--json"]);
        assert_eq!(leads.as_array().expect("list").len(), created, "{name}");
        let lead = lead_named(&leads, person);
        assert_eq!(lead["email"].as_str(), email, "{name}");
        assert_eq!(lead["company"], company, "{name}");
        if !title.is_empty() {
            assert_eq!(lead["title"], title, "{name}");
        }
    }
}

#[test]
fn quirks_of_real_exports_become_clean_values() {
    let db = Db::new();
    db.ok(&["import", &fixture("apollo_people_export.csv")]);
    let leads = json(&db, &["list", "--json"]);
    let maren = lead_named(&leads, "Maren Okafor");
    assert_eq!(
        maren["phone"], "+1 512 555 0147",
        "the apostrophe spreadsheets need is gone"
    );
    assert_eq!(maren["domain"], "brightkiln.example");
    assert_eq!(
        maren["linkedin_url"],
        "https://www.linkedin.com/in/maren-okafor-example"
    );
    assert!(
        maren["attributes"]["Technologies"]
            .as_str()
            .is_some_and(|t| t.contains("Hubspot")),
        "unmapped columns are kept"
    );

    let db = Db::new();
    db.ok(&["import", &fixture("salesforce_leads_dataloader.csv")]);
    let leads = json(&db, &["list", "--json"]);
    assert!(
        leads
            .as_array()
            .expect("list")
            .iter()
            .all(|l| l["company"] != "[not provided]"),
        "placeholders are not values"
    );

    let db = Db::new();
    let summary = json(
        &db,
        &["import", &fixture("salesforce_leads_report.csv"), "--json"],
    );
    let skipped: Vec<u64> = summary["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|s| s["line"].as_u64().expect("line"))
        .collect();
    assert_eq!(
        skipped,
        [27, 28, 29, 30, 31],
        "the footer lines, by the line an editor shows"
    );
}

#[test]
fn encodings_delimiters_and_quoting_are_read() {
    let db = Db::new();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(b"Email,First Name,Last Name\nbom@x.example,Ana,Lima\n");
    db.ok(&["import", &file(&db, "bom.csv", &bom)]);
    let cp1252 = b"Email;Name;Company\nchloe@lumen.example;Chlo\xe9 Marchand;Lumen & Loom\n";
    db.ok(&["import", &file(&db, "cp1252.csv", cp1252)]);
    let quoted =
        b"Email,Name,Notes\r\nq@x.example,\"Quinn \"\"Q\"\" Adams\",\"line one\r\nline two\"\r\n";
    db.ok(&["import", &file(&db, "quoted.csv", quoted)]);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "Email\tName\nzoe@x.example\tZoë Ødegaard\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    db.ok(&["import", &file(&db, "utf16.tsv", &utf16)]);
    let leads = json(&db, &["list", "--json"]);
    assert_eq!(
        lead_named(&leads, "Ana Lima")["email"],
        "bom@x.example",
        "the BOM is not part of the header"
    );
    assert_eq!(
        lead_named(&leads, "Chloé Marchand")["company"],
        "Lumen & Loom",
        "Windows-1252 and semicolons"
    );
    assert_eq!(
        lead_named(&leads, "Quinn \"Q\" Adams")["attributes"]["notes"],
        "line one\r\nline two"
    );
    assert_eq!(
        lead_named(&leads, "Zoë Ødegaard")["email"],
        "zoe@x.example",
        "UTF-16 with a BOM, tab-separated"
    );
}

#[test]
fn ragged_rows_are_reported_with_their_lines_and_the_rest_imports() {
    let db = Db::new();
    let text = b"Email,Name,Company\r\na@x.example,A,Co\r\n\r\nb@x.example,B\r\n\"c@x.example\",\"C\nstill C\",Co\r\nd@x.example,D,Co,extra\r\ne@x.example,E,Co\r\n";
    let path = file(&db, "ragged.csv", text);
    let out = db.cmd().args(["import", &path]).output().expect("runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.contains("ragged.csv:4: 2 fields where the header has 3"),
        "{text}"
    );
    assert!(
        text.contains("ragged.csv:7: 4 fields where the header has 3"),
        "{text}"
    );
    assert!(text.contains("3 created"), "{text}");
}

#[test]
fn duplicates_merge_by_email_whatever_its_case_and_a_second_import_creates_nothing() {
    let db = Db::new();
    let text = b"Email,Name,Title,Phone\nMaren@Brightkiln.example,Maren Okafor,,\nmaren@brightkiln.example,Maren Okafor,CEO,+1 512 555 0147\n";
    let path = file(&db, "dupes.csv", text);
    let first = json(&db, &["import", &path, "--json"]);
    assert_eq!(
        (first["created"].as_u64(), first["merged"].as_u64()),
        (Some(1), Some(1))
    );
    let leads = json(&db, &["list", "--json"]);
    assert_eq!(leads.as_array().expect("list").len(), 1);
    assert_eq!(leads[0]["title"], "CEO", "the merge filled the empty title");
    let id = leads[0]["id"].as_str().expect("id").to_string();
    let history = db.ok(&["history", &id]);
    assert!(
        history.contains("line 3 of dupes.csv merged into the record from line 2"),
        "{history}"
    );
    let events = db.count("SELECT count(*) FROM events");
    let again = json(&db, &["import", &path, "--json"]);
    assert_eq!(
        (again["created"].as_u64(), again["merged"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(db.count("SELECT count(*) FROM leads"), 1);
    assert_eq!(
        db.count("SELECT count(*) FROM events"),
        events,
        "nothing new is written"
    );
}

#[test]
fn json_summary_has_the_documented_keys() {
    let db = Db::new();
    let s = json(
        &db,
        &["import", &fixture("hubspot_contacts_export.csv"), "--json"],
    );
    for key in ["batch", "read", "created", "merged", "skipped", "flagged"] {
        assert!(s.get(key).is_some(), "summary has {key}: {s}");
    }
    assert_eq!(s["read"], 30);
    assert_eq!(s["flagged"]["role_inbox"], 1, "info@ is flagged");
}

#[test]
fn empty_header_only_and_binary_files_get_one_clear_error_and_write_nothing() {
    let db = Db::new();
    db.create();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "empty"),
        ("header.csv", b"Email,Name\n", "no rows"),
        (
            "book.csv",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            "Excel",
        ),
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image"),
    ];
    for (name, bytes, says) in cases {
        let path = file(&db, name, bytes);
        let out = db.cmd().args(["import", &path]).output().expect("runs");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr_of(&out);
        assert!(
            err.contains(name) && err.to_lowercase().contains(&says.to_lowercase()),
            "{name}: {err}"
        );
        assert!(err.contains("nothing was imported"), "{err}");
    }
    assert_eq!(db.count("SELECT count(*) FROM import_batches"), 0);
    assert_eq!(db.count("SELECT count(*) FROM leads"), 0);
}

#[test]
fn a_dry_run_shows_the_mapping_and_rows_and_writes_nothing() {
    let db = Db::new();
    let out = db.ok(&["import", &fixture("linkedin_connections.csv"), "--dry-run"]);
    assert!(out.contains("header on line 4"), "{out}");
    assert!(
        out.contains("Email Address") && out.contains("→ email"),
        "{out}"
    );
    assert!(out.contains("line 5: Maren Okafor"), "{out}");
    assert!(
        !db.path.exists(),
        "a dry run does not even create the database"
    );
}

#[test]
fn map_overrides_and_unknown_fields() {
    let db = Db::new();
    let path = file(
        &db,
        "custom.csv",
        b"Contact,Work Address,Segment\nAna Lima,ana@x.example,Enterprise\n",
    );
    let out = db
        .cmd()
        .args(["import", &path, "--map", "Work Address=shoe_size"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    db.ok(&[
        "import",
        &path,
        "--map",
        "Contact=name",
        "--map",
        "work address=email",
    ]);
    let leads = json(&db, &["list", "--json"]);
    assert_eq!(lead_named(&leads, "Ana Lima")["email"], "ana@x.example");
    assert_eq!(
        lead_named(&leads, "Ana Lima")["attributes"]["Segment"],
        "Enterprise"
    );
}

#[test]
fn undo_removes_untouched_leads_keeps_worked_ones_and_reverts_merges() {
    let db = Db::new();
    let base = file(&db, "base.csv", b"Email,Name\nkept@x.example,Kept Person\n");
    db.ok(&["import", &base]);
    let more = file(&db, "more.csv", b"Email,Name,Title\nkept@x.example,Kept Person,CTO\nnew1@x.example,New One,\nnew2@x.example,New Two,\n");
    let summary = json(&db, &["import", &more, "--json"]);
    let batch = summary["batch"].as_str().expect("batch").to_string();
    let leads = json(&db, &["list", "--json"]);
    let worked = lead_named(&leads, "New Two")["id"]
        .as_str()
        .expect("id")
        .to_string();
    db.ok(&[
        "set",
        &worked,
        "icp_fit",
        "fit",
        "--note",
        "Checked by hand",
    ]);

    let report = json(&db, &["import", "--undo", &batch[..8], "--json"]);
    assert_eq!(
        (
            report["removed"].as_u64(),
            report["kept"].as_u64(),
            report["merges_reverted"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    let leads = json(&db, &["list", "--json"]);
    let names: Vec<&str> = leads
        .as_array()
        .expect("list")
        .iter()
        .map(|l| l["name"].as_str().expect("name"))
        .collect();
    assert!(
        !names.contains(&"New One") && names.contains(&"New Two") && names.contains(&"Kept Person"),
        "{names:?}"
    );
    assert_eq!(
        lead_named(&leads, "Kept Person")["title"],
        Value::Null,
        "the merged title is put back"
    );
    let removed = json(&db, &["list", "--state", "removed", "--json"]);
    assert_eq!(removed[0]["name"], "New One", "removed, not deleted");
    let out = db
        .cmd()
        .args(["import", "--undo", &batch])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("already undone"));
    assert!(db.ok(&["imports"]).contains("undone"));
}

#[test]
fn a_killed_import_leaves_a_sound_database_and_a_rerun_has_no_duplicates() {
    let db = Db::new();
    db.create();
    let mut text = String::from("Email,First Name,Last Name,Company\n");
    for i in 0..25_000 {
        text.push_str(&format!(
            "p{i}@co{}.example,Person{i},Last{i},Company {}\n",
            i % 300,
            i % 300
        ));
    }
    let path = file(&db, "big.csv", text.as_bytes());
    let bin = assert_cmd::cargo::cargo_bin("leadgate");
    let mut child = std::process::Command::new(&bin)
        .args(["--db", db.path.to_str().expect("path"), "import", &path])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    // Kill it while the import is under way: a debug build takes several seconds for this file,
    // and everything it writes stays in one open transaction until the end.
    std::thread::sleep(std::time::Duration::from_millis(700));
    assert!(
        child.try_wait().expect("wait").is_none(),
        "the import finished before it could be killed"
    );
    child.kill().expect("kill");
    child.wait().expect("reaped");
    let check: String = db
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    assert_eq!(
        db.count("SELECT count(*) FROM leads"),
        0,
        "no half-imported lead"
    );
    assert_eq!(db.count("SELECT count(*) FROM import_batches"), 0);
    db.ok(&["import", &path]);
    assert_eq!(db.count("SELECT count(*) FROM leads"), 25_000);
    assert_eq!(
        db.count("SELECT count(DISTINCT email_key) FROM leads"),
        25_000
    );
}

#[test]
fn undoing_a_merge_takes_back_its_attributes_and_its_fields_together() {
    let db = Db::new();
    let base = file(&db, "base.csv", b"Email,Name\nkept@x.example,Kept Person\n");
    db.ok(&["import", &base]);
    let more = file(
        &db,
        "more.csv",
        b"Email,Name,Title,Segment\nkept@x.example,Kept Person,CTO,Enterprise\n",
    );
    let summary = json(&db, &["import", &more, "--json"]);
    let batch = summary["batch"].as_str().expect("batch").to_string();
    let merged = json(&db, &["list", "--json"]);
    assert_eq!(
        lead_named(&merged, "Kept Person")["attributes"]["Segment"],
        "Enterprise"
    );
    db.ok(&["import", "--undo", &batch]);
    let leads = json(&db, &["list", "--json"]);
    let kept = lead_named(&leads, "Kept Person");
    assert_eq!(kept["title"], Value::Null, "the filled field is emptied");
    assert_eq!(
        kept["attributes"].get("Segment"),
        None,
        "the filled attribute is taken back too: {kept}"
    );
}
