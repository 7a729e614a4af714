//! `leadgate audit`: a client's list, in the layouts of the sample exports, audited into a
//! folder of its own; every row accounted for, and the files and report it hands back.

use crate::support::{Db, stderr_of};
use std::path::{Path, PathBuf};

const SAMPLES: &[&str] = &[
    "apollo_people_export.csv",
    "generic_lead_list.csv",
    "hubspot_contacts_export.csv",
    "linkedin_connections.csv",
    "linkedin_salesnav_phantombuster.csv",
    "pipedrive_people_export.csv",
    "salesforce_leads_dataloader.csv",
    "salesforce_leads_report.csv",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn records(path: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(path)
        .expect("csv")
        .records()
        .map(|r| r.expect("record"))
        .collect()
}

#[test]
fn an_audit_accounts_for_every_row_and_writes_what_it_hands_back() {
    let db = Db::new();
    let dir = db.path.parent().unwrap().join("acme-audit");
    let mut args: Vec<String> = vec!["audit".into()];
    args.extend(SAMPLES.iter().map(|s| fixture(s).display().to_string()));
    args.extend(["-o".into(), dir.display().to_string()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = db.ok(&refs);
    assert!(
        !db.path.exists(),
        "the user's own database is never touched"
    );

    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    let n = |k: &str| report[k].as_u64().unwrap_or_else(|| panic!("{k}"));
    assert_eq!(report["kind"], "audit");
    assert_eq!(n("rows_read"), 240, "eight files of 30 rows");
    assert_eq!(
        n("unique_leads") + n("duplicates") + n("skipped"),
        n("rows_read"),
        "every row is a lead, a duplicate or skipped with a reason"
    );
    assert_eq!(
        (n("unique_leads"), n("duplicates"), n("skipped")),
        (122, 113, 5)
    );
    assert_eq!(
        n("clean") + n("excluded") + n("probable_duplicates"),
        n("unique_leads"),
        "each record is handed back once: to work, excluded, or as a probable duplicate"
    );
    let s = &report["suggested"];
    assert_eq!(
        s["likely_fit"].as_u64().unwrap()
            + s["likely_not"].as_u64().unwrap()
            + s["unknown"].as_u64().unwrap(),
        n("clean")
    );
    let excluded_by: Vec<&str> = report["excluded_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(excluded_by.contains(&"do_not_contact"), "{excluded_by:?}");
    assert!(excluded_by.contains(&"existing_account"), "{excluded_by:?}");

    // The files hold what the report counts.
    let clean = records(&dir.join("clean.csv"));
    let excluded = records(&dir.join("excluded.csv"));
    let dups = records(&dir.join("duplicates.csv"));
    assert_eq!(clean.len() as u64, n("clean"));
    assert_eq!(excluded.len() as u64, n("excluded"));
    assert_eq!(
        dups.len() as u64,
        n("duplicates") + n("probable_duplicates")
    );
    let head = csv::Reader::from_path(dir.join("clean.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .clone();
    for col in ["email", "suggested_fit", "fit_rule", "file", "line"] {
        assert!(head.iter().any(|h| h == col), "clean.csv has {col}");
    }
    let because = csv::Reader::from_path(dir.join("excluded.csv"))
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "excluded_because")
        .expect("a reasons column");
    assert!(
        excluded.iter().all(|r| !r[because].is_empty()),
        "each with its reasons"
    );
    assert!(
        dups.iter()
            .all(|r| !r[0].is_empty() && r[1].parse::<u64>().is_ok() && !r[3].is_empty()),
        "each duplicate names its file and line and the row it matched"
    );
    // An opted-out person is in excluded.csv, never in clean.csv.
    let email_at = head.iter().position(|h| h == "email").unwrap();
    let opted: Vec<String> = excluded
        .iter()
        .filter(|r| r[because].contains("Do not contact"))
        .map(|r| r[email_at].to_string())
        .filter(|e| !e.is_empty())
        .collect();
    assert!(!opted.is_empty());
    for r in &clean {
        assert!(!opted.contains(&r[email_at].to_string()));
    }

    let html = std::fs::read_to_string(dir.join("report.html"))
        .unwrap()
        .to_lowercase();
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("url("));
    assert!(
        std::fs::read_to_string(dir.join("report.md"))
            .unwrap()
            .contains("# List audit")
    );
    assert!(out.contains("leadgate --db"), "{out}");

    // The workstation and every command open the audit's database.
    let listed = assert_cmd::Command::cargo_bin("leadgate")
        .unwrap()
        .env_remove("LEADGATE_CONFIG")
        .arg("--db")
        .arg(dir.join("audit.db"))
        .args(["list", "--json"])
        .output()
        .unwrap();
    let leads: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(leads.as_array().unwrap().len() as u64, n("unique_leads"));

    // A second audit into the same folder is refused unless asked to replace it.
    let again = db.cmd().args(&refs).output().unwrap();
    assert!(!again.status.success());
    assert!(
        stderr_of(&again).contains("--force"),
        "{}",
        stderr_of(&again)
    );
    let mut forced = refs.clone();
    forced.push("--force");
    db.ok(&forced);
    let report2: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(
        report2["unique_leads"], report["unique_leads"],
        "replaced, not added to"
    );
}
