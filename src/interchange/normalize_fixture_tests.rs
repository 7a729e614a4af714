//! Every sample export in tests/fixtures through read, map and normalize.

use super::*;
use crate::domain::Contact;
use crate::interchange::mapping::{map_file, parse_override};
use crate::interchange::read::CsvFile;

/// A whole file through read, map and normalize.
struct Imported {
    header_line: u64,
    leads: Vec<Incoming>,
    problems: Vec<RowProblem>,
}

impl Imported {
    fn at(&self, line: u64) -> &Incoming {
        self.leads
            .iter()
            .find(|l| l.line == line)
            .unwrap_or_else(|| panic!("no lead on line {line}"))
    }
}

fn import_with(bytes: &[u8], overrides: &[&str], source: Option<&str>) -> Imported {
    let mut file = CsvFile::open(bytes).expect("opens");
    let samples = file.sample(200);
    let overrides: Vec<_> = overrides
        .iter()
        .map(|o| parse_override(o).expect("override"))
        .collect();
    let mapping = map_file(file.headers(), &samples, &overrides).expect("maps");
    let header_line = file.header_line();
    let mut leads = Vec::new();
    let mut problems = Vec::new();
    for row in file {
        match row.and_then(|r| to_incoming(&r, &mapping, source)) {
            Ok(lead) => leads.push(lead),
            Err(p) => problems.push(p),
        }
    }
    Imported {
        header_line,
        leads,
        problems,
    }
}

fn import(bytes: &[u8]) -> Imported {
    import_with(bytes, &[], None)
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

#[test]
fn hubspot_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/hubspot_contacts_export.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let maren = got.at(2);
    assert_eq!(
        maren.contact,
        Contact {
            name: "Maren Okafor".into(),
            email: s("maren.okafor@brightkiln.example"),
            title: s("Founder & CEO"),
            company: s("Brightkiln Analytics"),
            domain: s("brightkiln.example"),
            country: s("United States"),
            city: s("Austin"),
            phone: s("+1 512 555 0247"),
            linkedin_url: s("https://www.linkedin.com/in/maren-okafor-example"),
            source: s("Organic Search"),
            owner: s("Dana Whitcombe"),
            // The file has First Name and Last Name apart: an export writes them as they were.
            given_name: s("Maren"),
            family_name: s("Okafor"),
            ..Contact::default()
        }
    );
    assert_eq!(maren.other_phones, ["+1 512 555 0147"]);
    assert_eq!(maren.record_id.as_deref(), Some("hubspot:31845700000"));
    assert_eq!(
        maren.attributes.get("created").map(String::as_str),
        Some("2025-01-01 08:00")
    );
    assert_eq!(
        maren.attributes.get("Lifecycle Stage").map(String::as_str),
        Some("Lead")
    );
    let hiroshi = got.at(9);
    assert_eq!(hiroshi.contact.name, "Hiroshi Tanabe");
    let diego = got.at(5);
    assert_eq!(diego.contact.phone.as_deref(), Some("+353 1 555 0164"));
    assert_eq!(
        diego.contact.email.as_deref(),
        Some("info@kestrelpay.example")
    );
    assert_eq!(got.at(21).contact.name, "Aisling Ní Bhriain");
    let soren = got.at(13);
    assert_eq!(
        (
            soren.contact.email.as_ref(),
            soren.contact.domain.as_deref()
        ),
        (None, Some("copperline.example"))
    );
    // "Company Name" empty: "Associated Company" fills the company.
    assert_eq!(
        got.at(16).contact.company.as_deref(),
        Some("Juniper Street Bakery")
    );
}

#[test]
fn salesforce_dataloader_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/salesforce_leads_dataloader.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let lines: Vec<u64> = got.leads.iter().map(|l| l.line).collect();
    // Multi-line STREET values on lines 5, 13, 21 and 29 push the later rows down.
    assert_eq!(&lines[..8], [2, 3, 4, 5, 7, 8, 9, 10]);
    assert_eq!(lines[29], 35);
    let maren = got.at(2);
    assert_eq!(maren.contact.name, "Maren Okafor");
    assert_eq!(maren.contact.domain.as_deref(), Some("brightkiln.example"));
    assert_eq!(maren.contact.phone.as_deref(), Some("+1 512 555 0147"));
    assert!(maren.other_phones.is_empty());
    assert_eq!(maren.contact.employees.as_deref(), Some("12"));
    assert_eq!(maren.contact.owner.as_deref(), Some("0055g00000DqAFKAAI"));
    assert_eq!(
        maren.record_id.as_deref(),
        Some("salesforce:00Q5g00000ANan0EAV")
    );
    assert_eq!(
        maren.attributes.get("notes").map(String::as_str),
        Some("Downloaded the pricing guide; asked about onboarding.")
    );
    assert_eq!(
        maren.attributes.get("created").map(String::as_str),
        Some("2025-01-01T08:00:00.000Z")
    );
    // FIRSTNAME empty.
    assert_eq!(got.at(8).contact.name, "Boateng");
    // COMPANY "[not provided]".
    let liam = got.at(12);
    assert_eq!(liam.contact.company, None);
    assert_eq!(liam.contact.name, "Liam O'Connell");
}

#[test]
fn salesforce_report_footer_lines_are_not_leads() {
    let got = import(include_bytes!(
        "../../tests/fixtures/salesforce_leads_report.csv"
    ));
    assert_eq!((got.header_line, got.leads.len()), (1, 25));
    let problems: Vec<(u64, &str)> = got
        .problems
        .iter()
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (27, "an empty line"),
            (28, "1 field where the header has 11"),
            (29, "an empty line"),
            (30, "1 field where the header has 11"),
            (31, "1 field where the header has 11"),
        ]
    );
    let chloe = got.at(2);
    assert_eq!(chloe.contact.name, "Chloé Marchand");
    assert_eq!(
        chloe.contact.email.as_deref(),
        Some("chloe@lumenloom.example")
    );
    assert_eq!(chloe.contact.company.as_deref(), Some("Lumen & Loom"));
    assert_eq!(chloe.contact.domain.as_deref(), Some("lumenloom.example"));
    assert_eq!(chloe.contact.owner.as_deref(), Some("Dana Whitcombe"));
    assert_eq!(chloe.contact.source.as_deref(), Some("Web"));
    assert_eq!(chloe.record_id, None);
    assert_eq!(
        chloe.attributes.get("created").map(String::as_str),
        Some("1/1/2025")
    );
}

#[test]
fn apollo_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/apollo_people_export.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let maren = got.at(2);
    assert_eq!(maren.contact.name, "Maren Okafor");
    assert_eq!(maren.contact.phone.as_deref(), Some("+1 512 555 0147"));
    assert_eq!(maren.other_phones, ["+1 512 555 0247"]);
    assert_eq!(maren.contact.title.as_deref(), Some("Founder & CEO"));
    assert_eq!(maren.contact.employees.as_deref(), Some("11"));
    assert_eq!(maren.contact.industry.as_deref(), Some("computer software"));
    assert_eq!(
        maren.contact.linkedin_url.as_deref(),
        Some("https://www.linkedin.com/in/maren-okafor-example")
    );
    assert_eq!(
        maren.contact.owner.as_deref(),
        Some("dana.whitcombe@ourco.example")
    );
    assert_eq!(
        maren.record_id.as_deref(),
        Some("apollo:66d1a500b6528501b28ca900")
    );
    let attr = |k: &str| maren.attributes.get(k).map(String::as_str);
    assert_eq!(
        attr("Company Name for Emails"),
        Some("Brightkiln Analytics")
    );
    assert_eq!(attr("Account Owner"), Some("dana.whitcombe@ourco.example"));
    assert_eq!(attr("Apollo Account Id"), Some("66d1a50017c7a601b3a96400"));
    assert_eq!(
        attr("Company Linkedin Url"),
        Some("http://www.linkedin.com/company/brightkiln-example")
    );
    assert_eq!(
        attr("SEO Description"),
        Some("Brightkiln Analytics builds software for mid-market teams.\nTrusted since 2004.")
    );
    // Email Status "Unavailable", no email: still a lead by name; domain from the website.
    let priya = got.at(5);
    assert_eq!(
        (priya.contact.email.as_ref(), priya.invalid_email.as_ref()),
        (None, None)
    );
    assert_eq!(
        priya.contact.domain.as_deref(),
        Some("tidewater-health.example")
    );
}

#[test]
fn pipedrive_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/pipedrive_people_export.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let ingrid = got.at(6);
    assert_eq!(ingrid.contact.name, "Ingrid Solberg");
    assert_eq!(
        ingrid.contact.email.as_deref(),
        Some("solberg.i@nordvik.example")
    );
    assert_eq!(ingrid.other_emails, ["accounts@nordvik.example"]);
    assert_eq!(ingrid.contact.phone.as_deref(), Some("+47 21 55 01 90"));
    assert!(ingrid.other_phones.is_empty(), "the same number twice");
    assert_eq!(ingrid.record_id.as_deref(), Some("pipedrive:824"));
    assert_eq!(
        ingrid.attributes.get("Person - Labels").map(String::as_str),
        Some("Customer")
    );
    let priya = got.at(2);
    assert_eq!(priya.other_emails, ["priya.0@mailbox.example"]);
    assert_eq!(priya.other_phones, ["+1 843 555 0319"]);
    assert_eq!(priya.contact.owner.as_deref(), Some("Dana Whitcombe"));
    assert_eq!(
        priya.attributes.get("created").map(String::as_str),
        Some("2025-01-01 08:00:00")
    );
    // A role mailbox with no first/last name: the full-name column names it.
    let ap = got.at(11);
    assert_eq!(
        (ap.contact.name.as_str(), ap.contact.email.as_deref()),
        ("Accounts Payable", Some("ap@copperline.example"))
    );
    // Only a home email.
    let aisling = got.at(19);
    assert_eq!(aisling.contact.name, "Aisling Ní Bhriain");
    assert_eq!(
        aisling.contact.email.as_deref(),
        Some("ilse.brandt.privat@mailbox.example")
    );
    // No website column: the domain comes from the email (mailbox.example is not in the hint list).
    assert_eq!(aisling.contact.domain.as_deref(), Some("mailbox.example"));
}

#[test]
fn phantombuster_sales_navigator_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/linkedin_salesnav_phantombuster.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let maren = got.at(2);
    assert_eq!(maren.contact.name, "Maren Okafor");
    assert_eq!(maren.contact.email, None);
    assert_eq!(
        maren.contact.company.as_deref(),
        Some("Brightkiln Analytics")
    );
    assert_eq!(
        maren.contact.industry.as_deref(),
        Some("Software Development")
    );
    assert_eq!(
        maren.contact.linkedin_url.as_deref(),
        Some("https://www.linkedin.com/in/ACwAAARizGXo5MduBSj0HYp6N")
    );
    assert_eq!(
        maren.record_id.as_deref(),
        Some("linkedin:ACwAAARizGXo5MduBSj0HYp6N")
    );
    assert_eq!(
        maren.attributes.get("name").map(String::as_str),
        Some("Maren Okafor")
    );
    assert_eq!(
        maren.attributes.get("profileUrl").map(String::as_str),
        Some("https://www.linkedin.com/sales/lead/ACwAAARizGXo5MduBSj0HYp6N,NAME_SEARCH,Yp6N")
    );
    assert!(
        !maren.attributes.contains_key("defaultProfileUrl"),
        "same URL as linkedInProfileUrl"
    );
    assert_eq!(got.at(4).contact.name, "Tomasz Wielgosz");
}

#[test]
fn linkedin_connections_export() {
    let got = import(include_bytes!(
        "../../tests/fixtures/linkedin_connections.csv"
    ));
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (4, 30, 0)
    );
    let maren = got.at(5);
    assert_eq!(maren.contact.name, "Maren Okafor");
    assert_eq!(
        maren.contact.email.as_deref(),
        Some("maren.okafor@brightkiln.example")
    );
    assert_eq!(maren.contact.title.as_deref(), Some("Founder & CEO"));
    assert_eq!(maren.contact.domain.as_deref(), Some("brightkiln.example"));
    assert_eq!(
        maren.attributes.get("created").map(String::as_str),
        Some("03 Oct 2025")
    );
    assert_eq!(got.at(7).contact.name, "Priya Raman");
    assert_eq!(got.at(9).contact.name, "Chloé Marchand");
    assert_eq!(got.at(10).contact.name, "Kwame Boateng");
    assert_eq!(got.at(13).contact.name, "Fatima Zahra Benali");
    assert_eq!(got.at(23).contact.name, "Marcus Whitfield Jr.");
    let zoe = got.at(17);
    assert_eq!(
        (zoe.contact.name.as_str(), zoe.contact.company.as_ref()),
        ("Zoë Papadakis", None)
    );
    assert_eq!(zoe.contact.source.as_deref(), None);
}

#[test]
fn generic_lead_list() {
    let got = import_with(
        include_bytes!("../../tests/fixtures/generic_lead_list.csv"),
        &[],
        Some("trade show"),
    );
    assert_eq!(
        (got.header_line, got.leads.len(), got.problems.len()),
        (1, 30, 0)
    );
    let maren = got.at(2);
    assert_eq!(maren.contact.name, "Maren Okafor");
    assert_eq!(
        maren.contact.email.as_deref(),
        Some("mokafor@brightkiln.example")
    );
    assert_eq!(maren.other_emails, ["maren0@mailbox.example"]);
    assert_eq!(maren.contact.phone.as_deref(), Some("+1 512 555 0147"));
    assert!(
        maren.other_phones.is_empty(),
        "+1-512-555-0147 is the same number"
    );
    assert_eq!(maren.contact.domain.as_deref(), Some("brightkiln.example"));
    assert_eq!(
        maren.contact.source.as_deref(),
        Some("Website Form"),
        "the row's source wins"
    );
    assert_eq!(
        maren.attributes.get("Account Id").map(String::as_str),
        Some("AJSbkt2BKTclu3C")
    );
    assert_eq!(maren.attributes.get("Index").map(String::as_str), Some("1"));
    let tomasz = got.at(3);
    assert_eq!(
        tomasz.attributes.get("notes").map(String::as_str),
        Some("Asked for case studies, \"healthcare only\".")
    );
    assert_eq!(
        got.at(4).contact.company.as_deref(),
        Some("Tidewater Health Systems, Inc.")
    );
}
