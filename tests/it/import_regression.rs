//! The eight shared sample layouts import to the same leads as before the importer learned
//! new layouts: names, emails, companies and titles, row by row.

use crate::support::Db;
use serde_json::Value;

const SAMPLES: [&str; 8] = [
    "apollo_people_export.csv",
    "generic_lead_list.csv",
    "hubspot_contacts_export.csv",
    "linkedin_connections.csv",
    "linkedin_salesnav_phantombuster.csv",
    "pipedrive_people_export.csv",
    "salesforce_leads_dataloader.csv",
    "salesforce_leads_report.csv",
];

/// One line a lead: name | email | company | title, in the order `list` gives.
fn leads_of(sample: &str) -> String {
    let db = Db::new();
    let path = format!("{}/tests/fixtures/{sample}", env!("CARGO_MANIFEST_DIR"));
    db.ok(&["import", &path]);
    let list: Value = serde_json::from_str(&db.ok(&["list", "--json"])).expect("json");
    let text = |l: &Value, k: &str| l[k].as_str().unwrap_or("-").to_string();
    let mut lines: Vec<String> = list
        .as_array()
        .expect("list")
        .iter()
        .map(|l| {
            [
                text(l, "name"),
                text(l, "email"),
                text(l, "company"),
                text(l, "title"),
            ]
            .join(" | ")
        })
        .collect();
    lines.sort();
    lines.join("\n")
}

#[test]
fn every_shared_sample_imports_to_the_same_leads() {
    for sample in SAMPLES {
        insta::assert_snapshot!(sample, leads_of(sample));
    }
}
