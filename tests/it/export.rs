//! `leadgate export`: the sales-ready selection, each profile's header, name parts, the
//! record of each export, spreadsheet-safe cells, and the round trip through `import`.

use crate::support::{Db, days_ago_date, stderr_of};
use std::collections::BTreeMap;
use std::path::Path;

/// A promoted prospect with fresh evidence.
fn prospect(db: &Db, name: &str, email: &str) -> String {
    let id = db.add(name, email);
    db.fill_evidence(&id, 3);
    db.ok(&["promote", &id]);
    id
}

/// The rows of a CSV file, each as header → value.
fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let headers = r.headers().expect("headers").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("record");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn emails(path: &Path) -> Vec<String> {
    let key = if rows(path).first().is_some_and(|r| r.contains_key("Email")) {
        "Email"
    } else {
        "email"
    };
    let mut e: Vec<String> = rows(path).iter().map(|r| r[key].clone()).collect();
    e.sort();
    e
}

#[test]
fn the_ready_list_keeps_out_stale_flagged_opted_out_and_already_sent_leads() {
    let db = Db::new();
    let dir = db.path.parent().expect("dir").to_path_buf();
    let ready = prospect(&db, "Maren Okafor", "maren@brightkiln.example");
    let stale = prospect(&db, "Ada Byron", "ada@analytical.example");
    let flagged = prospect(&db, "Tom Reyes", "tom@reyes.example");
    let opted = prospect(&db, "Ines Duarte", "ines@duarte.example");
    let _lead = db.add("Not Promoted", "np@plain.example");
    // A reason now seen 45 days ago is past the 30-day window.
    let old = days_ago_date(45).to_string();
    db.ok(&["set", &stale, "reason_now", "Old news", "--on", &old]);
    // A new address that is a role inbox raises a flag on the prospect.
    db.ok(&["set", &flagged, "email", "info@reyes.example"]);
    // The person opts out: a later import of an unsubscribe list says so.
    let unsub = dir.join("unsubscribed.csv");
    std::fs::write(&unsub, "Email,Unsubscribed\nines@duarte.example,true\n").expect("write");
    db.ok(&["import", unsub.to_str().expect("path")]);
    let _ = (&ready, &opted);

    let file = dir.join("ready.csv");
    let out = db.ok(&[
        "export",
        "--ready",
        "--to",
        "instantly",
        "-o",
        file.to_str().expect("path"),
    ]);
    assert_eq!(emails(&file), ["maren@brightkiln.example"], "{out}");
    assert!(out.contains("wrote 1 sales-ready lead"), "{out}");
    assert!(out.contains("1 reason now stale"), "{out}");
    assert!(out.contains("1 flagged role_inbox"), "{out}");
    assert!(out.contains("opted out (never exported)"), "{out}");

    // Sent once: the next ready export for the same tool leaves it out, unless --again.
    let again = dir.join("again.csv");
    let out = db.ok(&[
        "export",
        "--ready",
        "--to",
        "instantly",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert!(emails(&again).is_empty(), "{out}");
    assert!(out.contains("1 sent to instantly before"), "{out}");
    let out = db.ok(&[
        "export",
        "--ready",
        "--again",
        "--to",
        "instantly",
        "-o",
        again.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(emails(&again), ["maren@brightkiln.example"], "{out}");
    // Another tool has not had it.
    let lemlist = dir.join("lemlist.csv");
    db.ok(&[
        "export",
        "--ready",
        "--to",
        "lemlist",
        "-o",
        lemlist.to_str().unwrap(),
    ]);
    assert_eq!(emails(&lemlist), ["maren@brightkiln.example"]);
}

#[test]
fn a_sequencer_gets_only_ready_leads_even_without_ready() {
    let db = Db::new();
    let file = db.path.parent().unwrap().join("s.csv");
    prospect(&db, "Maren Okafor", "maren@brightkiln.example");
    db.add("Just A Lead", "lead@plain.example");
    db.ok(&["export", "--to", "smartlead", "-o", file.to_str().unwrap()]);
    assert_eq!(emails(&file), ["maren@brightkiln.example"]);
}

#[test]
fn an_opted_out_person_is_never_written_whatever_the_selection() {
    let db = Db::new();
    let dir = db.path.parent().unwrap().to_path_buf();
    let list = dir.join("list.csv");
    std::fs::write(
        &list,
        "Email,Name,Unsubscribed\nkeep@a.example,Keep Me,false\ngone@b.example,Gone Person,true\n",
    )
    .unwrap();
    db.ok(&["import", list.to_str().unwrap()]);
    for profile in ["csv", "hubspot", "salesforce"] {
        let file = dir.join(format!("{profile}.csv"));
        let out = db.ok(&["export", "--to", profile, "-o", file.to_str().unwrap()]);
        assert_eq!(emails(&file), ["keep@a.example"], "{profile}: {out}");
        assert!(out.contains("1 opted out (never exported)"), "{out}");
    }
    let json = db.ok(&["export", "--to", "json"]);
    assert!(!json.contains("gone@b.example"), "{json}");
    assert!(json.contains("keep@a.example"));
}

#[test]
fn an_export_is_recorded_and_each_lead_sent_to_a_tool_shows_it_in_its_history() {
    let db = Db::new();
    let file = db.path.parent().unwrap().join("h.csv");
    let id = prospect(&db, "Maren Okafor", "maren@brightkiln.example");
    db.add("Other Lead", "other@plain.example");
    db.ok(&[
        "export",
        "--ready",
        "--to",
        "hubspot",
        "-o",
        file.to_str().unwrap(),
    ]);
    let history = db.ok(&["history", &id]);
    assert!(history.contains("exported to hubspot"), "{history}");
    let shown = db.ok(&["show", &id]);
    assert!(shown.contains("Sent to: hubspot on"), "{shown}");
    let json: serde_json::Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(json["sent_to"][0]["profile"], "hubspot");
    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind = 'exported'"),
        1,
        "only the lead written"
    );
    let listed = db.ok(&["exports", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&listed).expect("json");
    assert_eq!(v[0]["profile"], "hubspot");
    assert_eq!(v[0]["count"], 1);
    assert_eq!(v[0]["actor"], "tester");
    assert!(v[0]["file"].as_str().unwrap().ends_with("h.csv"));
    // A data file is recorded as a batch, without an event per lead.
    db.ok(&["export", "--to", "csv"]);
    assert_eq!(db.count("SELECT count(*) FROM exports"), 2);
    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind = 'exported'"),
        1
    );
    let text = db.ok(&["exports"]);
    assert!(text.contains("hubspot") && text.contains("csv"), "{text}");
}

#[test]
fn an_export_file_is_owner_only_and_an_existing_one_needs_force() {
    let db = Db::new();
    let file = db.path.parent().unwrap().join("x.csv");
    db.add("Maren Okafor", "maren@brightkiln.example");
    std::fs::write(&file, "keep").unwrap();
    let out = db
        .cmd()
        .args(["export", "--to", "csv", "-o", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(stderr_of(&out).contains("--force"), "{}", stderr_of(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
    db.ok(&[
        "export",
        "--to",
        "csv",
        "-o",
        file.to_str().unwrap(),
        "--force",
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn first_and_last_names_come_from_the_source_or_a_documented_split() {
    let db = Db::new();
    let dir = db.path.parent().unwrap().to_path_buf();
    let list = dir.join("names.csv");
    std::fs::write(
        &list,
        "First Name,Last Name,Email\nAnna Maria,Lopez Garcia,anna@lg.example\n",
    )
    .unwrap();
    db.ok(&["import", list.to_str().unwrap()]);
    db.add("Ludwig van Beethoven", "ludwig@bonn.example");
    let show = db.ok(&["list"]);
    assert!(
        show.contains("Anna Maria Lopez Garcia"),
        "the full name is shown: {show}"
    );
    let file = dir.join("out.csv");
    let out = db.ok(&["export", "--to", "salesforce", "-o", file.to_str().unwrap()]);
    let rows = rows(&file);
    let by = |email: &str| {
        rows.iter()
            .find(|r| r["Email"] == email)
            .expect(email)
            .clone()
    };
    assert_eq!(by("anna@lg.example")["First Name"], "Anna Maria");
    assert_eq!(by("anna@lg.example")["Last Name"], "Lopez Garcia");
    assert_eq!(by("ludwig@bonn.example")["First Name"], "Ludwig");
    assert_eq!(by("ludwig@bonn.example")["Last Name"], "van Beethoven");
    assert!(out.contains("1 full name split"), "{out}");
    // A name edited by hand drops the source's parts: the export splits the new name.
    let id = db.text("SELECT id FROM leads WHERE email = 'anna@lg.example'");
    db.ok(&["set", &id, "name", "Anna Weber"]);
    db.ok(&[
        "export",
        "--to",
        "salesforce",
        "-o",
        file.to_str().unwrap(),
        "--force",
    ]);
    let rows = crate::export::rows(&file);
    let anna = rows
        .iter()
        .find(|r| r["Email"] == "anna@lg.example")
        .unwrap();
    assert_eq!(
        (anna["First Name"].as_str(), anna["Last Name"].as_str()),
        ("Anna", "Weber")
    );
}

#[test]
fn every_dangerous_leading_character_is_defused_in_the_file() {
    let db = Db::new();
    let file = db.path.parent().unwrap().join("f.csv");
    // A tab or CR typed at the start of a value is trimmed by `set`; the writer's own test
    // covers them.
    for (i, start) in ["=", "+", "-", "@"].iter().enumerate() {
        let id = db.add(&format!("Person {i}"), &format!("p{i}@x.example"));
        db.ok(&["set", &id, "company", &format!("{start}cmd|' /C calc'!A0")]);
    }
    db.ok(&["export", "--to", "csv", "-o", file.to_str().unwrap()]);
    let rows = rows(&file);
    assert_eq!(rows.len(), 4);
    for r in &rows {
        assert!(r["company"].starts_with('\''), "{:?}", r["company"]);
    }
}

#[test]
fn a_csv_export_imports_back_as_the_same_leads_without_duplicates() {
    let db = Db::new();
    let dir = db.path.parent().unwrap().to_path_buf();
    let list = dir.join("source.csv");
    std::fs::write(
        &list,
        "First Name,Last Name,Email,Company,Title,Website,Phone,City,Country,Industry,Employees,LinkedIn URL,Lead Source,Owner\n\
         Maren,Okafor,maren@brightkiln.example,Brightkiln,Head of Ops,brightkiln.example,+1 512 555 0147,Austin,US,Logistics,120,https://www.linkedin.com/in/maren-okafor,Webinar,sam\n\
         Ada,Byron,ada@analytical.example,=Analytical Engines,CTO,analytical.example,,London,UK,Software,40,,Referral,kim\n\
         Kai,Tanaka,,No Email Co,,,,,,,,https://www.linkedin.com/in/kai-tanaka,,\n",
    )
    .unwrap();
    db.ok(&["import", list.to_str().unwrap()]);
    let first = dir.join("first.csv");
    db.ok(&["export", "--to", "csv", "-o", first.to_str().unwrap()]);

    let fresh = Db::new();
    let out = fresh.ok(&["import", first.to_str().unwrap()]);
    assert!(out.contains("0 merged"), "no duplicates: {out}");
    let second = fresh.path.parent().unwrap().join("second.csv");
    fresh.ok(&["export", "--to", "csv", "-o", second.to_str().unwrap()]);
    let contact = |rows: Vec<BTreeMap<String, String>>| -> Vec<Vec<String>> {
        let fields = [
            "name",
            "first_name",
            "last_name",
            "email",
            "title",
            "company",
            "domain",
            "industry",
            "employees",
            "country",
            "city",
            "phone",
            "linkedin_url",
            "source",
            "owner",
        ];
        let mut v: Vec<Vec<String>> = rows
            .iter()
            .map(|r| fields.iter().map(|f| r[*f].clone()).collect())
            .collect();
        v.sort();
        v
    };
    let (a, b) = (contact(rows(&first)), contact(rows(&second)));
    assert_eq!(a.len(), 3);
    assert_eq!(a, b);
    // Importing it again changes nothing.
    let out = fresh.ok(&["import", first.to_str().unwrap()]);
    assert!(out.contains("0 created"), "{out}");
}
