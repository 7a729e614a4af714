//! Exports of tools the shared samples do not cover (Google Contacts current and legacy,
//! Outlook, Odoo, Zoho CRM, Mailchimp, Clay, a file with a NUL byte, one whose headers match
//! nothing), each checked row by row against `tests/fixtures/EXPECTED_LAYOUTS.md`.

use crate::support::Db;
use serde_json::Value;

/// One row of an expectations table.
#[derive(Debug)]
struct Expected {
    line: u64,
    /// None: the row must be skipped.
    lead: Option<[String; 4]>,
}

/// The tables of EXPECTED_LAYOUTS.md, by fixture file.
fn expectations() -> Vec<(String, Vec<Expected>)> {
    let text = include_str!("../fixtures/EXPECTED_LAYOUTS.md");
    let mut files: Vec<(String, Vec<Expected>)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            let file = heading.split('`').nth(1).expect("a file name").to_string();
            files.push((file, Vec::new()));
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let Some(first) = cells.get(1) else { continue };
        let Ok(start) = first
            .split(['–', '-'])
            .next()
            .unwrap_or_default()
            .parse::<u64>()
        else {
            continue;
        };
        let lead = if cells[2].starts_with("**skip**") {
            None
        } else {
            Some([2, 3, 4, 5].map(|i| cells[i].to_string()))
        };
        files
            .last_mut()
            .expect("a table under a heading")
            .1
            .push(Expected { line: start, lead });
    }
    files
}

#[test]
fn every_new_layout_lands_names_emails_companies_and_titles_in_their_fields() {
    let files = expectations();
    assert_eq!(files.len(), 10, "every fixture has its table");
    for (file, rows) in files {
        let db = Db::new();
        let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
        let summary: Value =
            serde_json::from_str(&db.ok(&["import", &path, "--json"])).expect("json");
        let skipped: Vec<u64> = summary["skipped"]
            .as_array()
            .expect("skipped")
            .iter()
            .map(|s| s["line"].as_u64().expect("line"))
            .collect();
        let want_skipped: Vec<u64> = rows
            .iter()
            .filter(|r| r.lead.is_none())
            .map(|r| r.line)
            .collect();
        assert_eq!(skipped, want_skipped, "{file}: skipped lines {summary}");
        let leads: Value = serde_json::from_str(&db.ok(&["list", "--json"])).expect("json");
        let leads = leads.as_array().expect("list");
        let expected: Vec<&[String; 4]> = rows.iter().filter_map(|r| r.lead.as_ref()).collect();
        assert_eq!(leads.len(), expected.len(), "{file}: leads created");
        for want in expected {
            let lead = leads
                .iter()
                .find(|l| l["name"] == want[0].as_str())
                .unwrap_or_else(|| panic!("{file}: no lead named {}", want[0]));
            for (field, value) in ["email", "company", "title"].iter().zip(&want[1..]) {
                let got = lead[*field].as_str().unwrap_or("-");
                assert_eq!(got, value, "{file}: {} {field}", want[0]);
            }
        }
    }
}

#[test]
fn the_columns_no_header_names_are_mapped_by_their_values_and_say_so() {
    let db = Db::new();
    let path = format!(
        "{}/tests/fixtures/unknown_headers.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let run: Value =
        serde_json::from_str(&db.ok(&["import", "--dry-run", "--json", &path])).expect("json");
    let mapping = run["dry_run"]["mapping"].as_array().expect("mapping");
    let of = |header: &str| {
        let c = mapping
            .iter()
            .find(|c| c["header"] == header)
            .unwrap_or_else(|| panic!("{header} in {mapping:?}"));
        (
            c["field"].as_str().expect("field").to_string(),
            c["why"].as_str().expect("why").to_string(),
        )
    };
    assert_eq!(of("Adresse elektronisch").0, "email");
    assert!(
        of("Adresse elektronisch").1.starts_with("content: 8"),
        "{:?}",
        of("Adresse elektronisch")
    );
    assert_eq!(
        of("Profil"),
        (
            "linkedin_url".into(),
            "content: 100% LinkedIn profiles".into()
        )
    );
    assert_eq!(of("Netz").0, "website");
    assert_eq!(of("Ruf").0, "phone");
    assert_eq!(of("Firma"), ("company".into(), "header: 'firma'".into()));

    let summary: Value = serde_json::from_str(&db.ok(&["import", &path, "--json"])).expect("json");
    assert_eq!(
        summary["mapping"], run["dry_run"]["mapping"],
        "the summary records the mapping the dry run showed"
    );
    let leads: Value = serde_json::from_str(&db.ok(&["list", "--json"])).expect("json");
    let mara = leads
        .as_array()
        .expect("list")
        .iter()
        .find(|l| l["name"] == "Mara Steiner")
        .expect("Mara");
    assert_eq!(
        mara["linkedin_url"],
        "https://www.linkedin.com/in/mara-steiner-example"
    );
    assert_eq!(mara["domain"], "brightkiln.example");
    assert_eq!(mara["phone"], "+1 512 555 0111");
}
