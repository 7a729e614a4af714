use super::*;
use crate::domain::{Contact, Evidence, IntentSource, Stage};
use chrono::{NaiveDate, TimeZone, Utc};

fn lead(name: &str) -> Lead {
    let mut l = Lead::sample(
        Evidence {
            intent_source: Some(IntentSource::DemoRequest),
            intent_detail: Some("booked from the pricing page".into()),
            reason_now: Some("Opening a second warehouse".into()),
            reason_now_on: NaiveDate::from_ymd_opt(2026, 11, 20),
            icp_fit_why: Some("Logistics, 120 staff".into()),
            ..Evidence::default()
        },
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
    );
    l.stage = Stage::Prospect;
    l.contact = Contact {
        name: name.into(),
        email: Some("maren@brightkiln.example".into()),
        title: Some("Head of Operations".into()),
        company: Some("Brightkiln".into()),
        domain: Some("brightkiln.example".into()),
        city: Some("Austin".into()),
        country: Some("US".into()),
        ..Contact::default()
    };
    l
}

fn written(profile: Profile, leads: &[Lead]) -> (String, u64) {
    let mut w = ExportWriter::start(profile, Vec::new(), false).expect("start");
    for l in leads {
        w.lead(l).expect("write");
    }
    let done = w.finish().expect("finish");
    (String::from_utf8(done.out).expect("utf-8"), done.split)
}

#[test]
fn each_profile_writes_its_tools_headers() {
    let header = |p: Profile| written(p, &[]).0.lines().next().unwrap_or("").to_string();
    assert!(
        header(Profile::Instantly)
            .starts_with("email,first_name,last_name,company_name,website,job_title,phone")
    );
    assert!(header(Profile::Instantly).contains("personalization"));
    assert!(header(Profile::Smartlead).contains("phone_number,location,linkedin_profile"));
    assert!(header(Profile::Lemlist).starts_with("email,firstName,lastName,companyName"));
    assert!(header(Profile::Lemlist).contains("linkedinUrl,icebreaker"));
    assert!(
        header(Profile::Apollo)
            .starts_with("First Name,Last Name,Title,Company Name,Website,Email")
    );
    assert!(
        header(Profile::Hubspot).starts_with(
            "First Name,Last Name,Email,Company Name,Job Title,Phone Number,Website URL"
        )
    );
    assert!(header(Profile::Salesforce).starts_with("First Name,Last Name,Company,Email"));
    assert!(header(Profile::Csv).starts_with("leadgate_id,name,first_name,last_name,email"));
    assert_eq!(written(Profile::Json, &[]).0, "[]\n");
}

#[test]
fn the_evidence_travels_as_personalization_columns() {
    let (out, split) = written(Profile::Instantly, &[lead("Maren Okafor")]);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let headers = rows.headers().expect("headers").clone();
    let row = rows.records().next().expect("a row").expect("parses");
    let get = |h: &str| {
        row.get(headers.iter().position(|x| x == h).expect(h))
            .expect(h)
    };
    assert_eq!(get("first_name"), "Maren");
    assert_eq!(get("last_name"), "Okafor");
    assert_eq!(get("website"), "https://brightkiln.example");
    assert_eq!(get("location"), "Austin, US");
    assert_eq!(get("reason_now"), "Opening a second warehouse");
    assert_eq!(get("reason_now_on"), "2026-11-20");
    assert_eq!(get("intent"), "Demo request: booked from the pricing page");
    assert_eq!(get("fit_why"), "Logistics, 120 staff");
    assert_eq!(
        get("personalization"),
        "Head of Operations at Brightkiln: Opening a second warehouse."
    );
    assert_eq!(split, 1, "the full name was split");
}

#[test]
fn a_cell_that_would_run_as_a_formula_is_defused_and_controls_are_removed() {
    for start in ["=", "+", "-", "@", "\t", "\r"] {
        let mut l = lead("Maren Okafor");
        l.contact.company = Some(format!("{start}HYPERLINK(\"http://x.example\")"));
        l.contact.title = Some("Head\u{1b}[31m of\u{7} Ops".into());
        let (out, _) = written(Profile::Csv, &[l]);
        let mut rows = csv::Reader::from_reader(out.as_bytes());
        let row = rows.records().next().expect("row").expect("parses");
        let company = row.get(6).expect("company");
        assert!(company.starts_with('\''), "{start:?}: {company:?}");
        assert_eq!(
            &company[1..],
            format!("{start}HYPERLINK(\"http://x.example\")")
        );
        let title = row.get(5).expect("title");
        assert!(!title.chars().any(|c| c.is_control()), "{title:?}");
    }
}

#[test]
fn a_bom_starts_the_file_only_when_asked() {
    let w = ExportWriter::start(Profile::Csv, Vec::new(), true).expect("start");
    let bytes = w.finish().expect("finish").out;
    assert!(bytes.starts_with("\u{feff}leadgate_id,".as_bytes()));
    let (plain, _) = written(Profile::Csv, &[]);
    assert!(plain.starts_with("leadgate_id,"));
}

#[test]
fn json_writes_whole_leads_with_their_name_parts() {
    let (out, _) = written(Profile::Json, &[lead("Maren Okafor"), lead("Ada Lovelace")]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[1]["first_name"], "Ada");
    assert_eq!(v[1]["last_name"], "Lovelace");
    assert_eq!(v[0]["email"], "maren@brightkiln.example");
    assert_eq!(v[0]["evidence"]["reason_now"], "Opening a second warehouse");
}

#[test]
fn salesforce_gets_a_one_word_name_as_the_last_name_it_requires() {
    let (out, split) = written(Profile::Salesforce, &[lead("Cher")]);
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let row = rows.records().next().expect("row").expect("parses");
    assert_eq!((row.get(0), row.get(1)), (Some(""), Some("Cher")));
    assert_eq!(split, 0, "nothing was split");
    let (out, _) = written(Profile::Hubspot, &[lead("Cher")]);
    let row = csv::Reader::from_reader(out.as_bytes())
        .records()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!((row.get(0), row.get(1)), (Some("Cher"), Some("")));
}

#[test]
fn crm_columns_hold_values_the_crm_accepts() {
    let mut l = lead("Maren Okafor");
    l.contact.employees = Some("51-200".into());
    let (out, _) = written(Profile::Salesforce, &[l.clone()]);
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let h = r.headers().unwrap().clone();
    let row = r.records().next().unwrap().unwrap();
    let at = |name: &str| h.iter().position(|x| x == name).unwrap();
    assert_eq!(&row[at("No. of Employees")], "", "a range is no number");
    l.contact.employees = Some("120".into());
    let (out, _) = written(Profile::Salesforce, &[l.clone()]);
    assert!(out.contains(",120,"), "{out}");
    let (out, _) = written(Profile::Hubspot, &[l]);
    assert!(
        out.contains("Sales Qualified Lead"),
        "a prospect, in HubSpot's words: {out}"
    );
}

#[test]
fn a_lead_missing_what_salesforce_requires_is_counted() {
    let mut no_company = lead("Maren Okafor");
    no_company.contact.company = None;
    let mut w = ExportWriter::start(Profile::Salesforce, Vec::new(), false).unwrap();
    w.lead(&lead("Ada Byron")).unwrap();
    w.lead(&no_company).unwrap();
    assert_eq!(w.finish().unwrap().incomplete, 1);
}
