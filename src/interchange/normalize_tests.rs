use super::*;
use crate::interchange::mapping::{map_headers, parse_override};

fn one_row(header: &[&str], fields: &[&str]) -> Result<Incoming, RowProblem> {
    let headers: Vec<String> = header.iter().map(ToString::to_string).collect();
    let mapping = map_headers(&headers, &[]).expect("maps");
    let row = RawRow {
        line: 7,
        fields: fields.iter().map(ToString::to_string).collect(),
        repaired: Vec::new(),
    };
    to_incoming(&row, &mapping, Some("  Conference 2025 "))
}

#[test]
fn placeholders_are_empty() {
    for placeholder in [
        "-None-",
        "[not provided]",
        "-",
        "--",
        "n/a",
        "N/A",
        "null",
        "NULL",
        "none",
        "#N/A",
        "(none)",
        "not provided",
        " - ",
        "\u{a0}\t",
    ] {
        let lead = one_row(
            &["Name", "Company", "Title"],
            &["Ana", placeholder, placeholder],
        )
        .expect("a lead");
        assert_eq!(
            (lead.contact.company, lead.contact.title),
            (None, None),
            "{placeholder:?}"
        );
    }
    let unknown = one_row(&["Name", "Company"], &["Ana", "Unknown"]).expect("a lead");
    assert_eq!(unknown.contact.company.as_deref(), Some("Unknown"));
}

#[test]
fn emails_valid_other_and_invalid() {
    let lead = one_row(
        &["Name", "Email", "Email 2"],
        &[
            "Ana",
            " ana@x.example ; Ana Two <ana2@x.example>",
            "ANA@x.example, mailto:ana3@x.example",
        ],
    )
    .expect("a lead");
    assert_eq!(lead.contact.email.as_deref(), Some("ana@x.example"));
    assert_eq!(lead.other_emails, ["ana2@x.example", "ana3@x.example"]);
    assert_eq!(lead.invalid_email, None);

    let kept =
        one_row(&["Name", "Email"], &["Ana", "ana at x dot example"]).expect("a lead by name");
    assert_eq!(
        (kept.contact.email, kept.invalid_email.as_deref()),
        (None, Some("ana at x dot example"))
    );

    let not_a_lead = one_row(
        &["Name", "Email", "Company"],
        &["", "not-an-address", "Acme"],
    );
    assert_eq!(
        not_a_lead,
        Err(RowProblem {
            line: 7,
            reason: "a company ('Acme') with no person and no email: not a lead".into()
        })
    );
    let email_only =
        one_row(&["Name", "Email"], &["", "info@acme.example"]).expect("a lead by email");
    assert_eq!(
        (
            email_only.contact.name.as_str(),
            email_only.contact.domain.as_deref()
        ),
        ("", Some("acme.example"))
    );
}

#[test]
fn phones_are_cleaned_and_deduplicated() {
    let lead = one_row(
        &["Name", "First Phone", "Mobile Phone", "Phone 3"],
        &[
            "Ana",
            "'+1 512 555 0147",
            " '+1-512-555-0147 ",
            "+1 512 555 0247; +44 20 7946 0321, ext. 12",
        ],
    )
    .expect("a lead");
    assert_eq!(lead.contact.phone.as_deref(), Some("+1 512 555 0147"));
    assert_eq!(
        lead.other_phones,
        ["+1 512 555 0247", "+44 20 7946 0321, ext. 12"]
    );
}

#[test]
fn names_are_cleaned() {
    let cases = [
        (["", "Priya", "Raman 🔸"], "Priya Raman"),
        (["", "Kwame\t", "Boateng"], "Kwame Boateng"),
        (["", "Fatima Zahra", "Benali, MBA"], "Fatima Zahra Benali"),
        (["", "Jane", "Doe, Ph.D., PMP"], "Jane Doe"),
        (["", "Marcus", "Whitfield, Jr."], "Marcus Whitfield, Jr."),
        (["", "PRIYA", "RAMAN"], "Priya Raman"),
        (["", "LIAM", "O'CONNELL-BELL"], "Liam O'Connell-Bell"),
        (["", "", "IBM"], "IBM"),
        (["", "Chloé", "Marchand"], "Chloé Marchand"),
        (
            ["  Søren \u{a0} Kjærgaard ✅ ", "Ignored", "Too"],
            "Søren Kjærgaard",
        ),
        (["🚀🚀", "Ana", "Lindqvist"], "Ana Lindqvist"),
    ];
    for (fields, want) in cases {
        let lead = one_row(&["Full Name", "First Name", "Last Name"], &fields).expect("a lead");
        assert_eq!(lead.contact.name, want, "{fields:?}");
    }
}

#[test]
fn domains_from_websites_then_emails() {
    let cases = [
        (
            "https://www.brightkiln.example/",
            "x@other.example",
            Some("brightkiln.example"),
        ),
        ("www.x.example", "", Some("x.example")),
        (
            "HTTP://Shop.Acme.Example:8080/path?q=1",
            "",
            Some("shop.acme.example"),
        ),
        (
            "",
            "ana@Tidewater-Health.example",
            Some("tidewater-health.example"),
        ),
        ("", "ana@gmail.com", None),
        (
            "https://www.linkedin.com/company/acme",
            "ana@acme.example",
            Some("acme.example"),
        ),
        ("not a website", "", None),
    ];
    for (website, email, want) in cases {
        let lead =
            one_row(&["Name", "Website", "Email"], &["Ana", website, email]).expect("a lead");
        assert_eq!(
            lead.contact.domain.as_deref(),
            want,
            "{website:?} {email:?}"
        );
    }
    let kept = one_row(&["Name", "Website"], &["Ana", "not a website"]).expect("a lead");
    assert_eq!(
        kept.attributes.get("Website").map(String::as_str),
        Some("not a website")
    );
    assert!(FREE_MAIL_HINT.contains(&"proton.me"));
}

#[test]
fn linkedin_urls_are_normalized() {
    let cases = [
        (
            "http://www.linkedin.com/in/Maren-Okafor/?trk=abc#x",
            "https://www.linkedin.com/in/maren-okafor",
        ),
        ("linkedin.com/in/ana-l", "https://www.linkedin.com/in/ana-l"),
        (
            "https://uk.linkedin.com/in/liam/",
            "https://www.linkedin.com/in/liam",
        ),
        (
            "https://www.linkedin.com/in/ACwAAARizGXo5MduBSj0HYp6N",
            "https://www.linkedin.com/in/ACwAAARizGXo5MduBSj0HYp6N",
        ),
        (
            "https://Example.com/Profile/",
            "https://example.com/profile",
        ),
    ];
    for (raw, want) in cases {
        assert_eq!(normalize_linkedin(raw), want, "{raw}");
    }
}

#[test]
fn source_owner_and_record_id() {
    let from_arg = one_row(&["Name", "Lead Source", "Owner"], &["Ana", "", "Sam"]).expect("a lead");
    assert_eq!(from_arg.contact.source.as_deref(), Some("Conference 2025"));
    assert_eq!(from_arg.contact.owner.as_deref(), Some("Sam"));
    let headers = vec!["Key".to_string(), "Name".to_string()];
    let overrides = [parse_override("Key=record_id").expect("ok")];
    let mapping = map_headers(&headers, &overrides).expect("maps");
    let row = RawRow {
        line: 2,
        fields: vec!["A-17".into(), "Ana".into()],
        repaired: Vec::new(),
    };
    let lead = to_incoming(&row, &mapping, None).expect("a lead");
    assert_eq!(lead.record_id.as_deref(), Some("record:A-17"));
    assert_eq!(lead.contact.source, None);
}

#[test]
fn unmapped_and_duplicate_columns_become_attributes() {
    let lead = one_row(
        &[
            "Name",
            "Tag",
            "Tag",
            "Company",
            "Associated Company",
            "Notes",
            "Description",
            "Empty",
        ],
        &[
            "Ana",
            "hot",
            "renewal",
            "Acme",
            "Acme Holdings",
            "first note",
            "second",
            " n/a ",
        ],
    )
    .expect("a lead");
    let attrs: Vec<(&str, &str)> = lead
        .attributes
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        attrs,
        [
            ("Associated Company", "Acme Holdings"),
            ("Description", "second"),
            ("Tag", "hot"),
            ("Tag (2)", "renewal"),
            ("notes", "first note"),
        ]
    );
    assert_eq!(lead.contact.company.as_deref(), Some("Acme"));
    assert_eq!(lead.line, 7);
}

#[test]
fn a_last_activity_day_is_read_in_the_forms_tools_write_and_kept_as_is_otherwise() {
    for (written, day) in [
        ("2025-10-02 10:11", "2025-10-02"),
        ("2025-10-02", "2025-10-02"),
        ("2025-10-02T10:11:00Z", "2025-10-02"),
        ("10/2/2025", "2025-10-02"),
        ("10/02/2025 9:15 AM", "2025-10-02"),
    ] {
        let lead = one_row(&["Name", "Last Activity Date"], &["Ana", written]).expect("lead");
        assert_eq!(
            lead.contact.last_activity.as_deref(),
            Some(day),
            "{written}"
        );
    }
    let odd = one_row(&["Name", "Last Activity Date"], &["Ana", "last Tuesday"]).expect("lead");
    assert_eq!(odd.contact.last_activity, None);
    assert_eq!(
        odd.attributes.get("Last Activity Date").map(String::as_str),
        Some("last Tuesday"),
        "never dropped"
    );
}
