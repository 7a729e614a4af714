use super::*;

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(ToString::to_string).collect()
}

#[test]
fn every_header_in_the_samples_hint_table_maps() {
    let table: &[(Target, &[&str])] = &[
        (
            Target::FirstName,
            &[
                "First Name",
                "FIRSTNAME",
                "Person - First name",
                "firstName",
            ],
        ),
        (
            Target::LastName,
            &["Last Name", "LASTNAME", "Person - Last name", "lastName"],
        ),
        (
            Target::Name,
            &["Person - Name", "fullName", "name", "Name", " Full Name "],
        ),
        (
            Target::Email,
            &[
                "Email",
                "EMAIL",
                "Email 1",
                "Email 2",
                "Email Address",
                "Person - Email - Work",
                "Person - Email - Home",
                "Person - Email - Other",
                "E-mail",
                "Work Email",
                "\u{feff}Email",
            ],
        ),
        (
            Target::Phone,
            &[
                "Phone Number",
                "Mobile Phone Number",
                "PHONE",
                "MOBILEPHONE",
                "Phone",
                "First Phone",
                "Work Direct Phone",
                "Mobile Phone",
                "Corporate Phone",
                "Person - Phone - Work",
                "Person - Phone - Mobile",
                "Phone 1",
                "Phone 2",
                "Mobile",
                "Home Phone",
                "Other Phone",
            ],
        ),
        (
            Target::Company,
            &[
                "Company Name",
                "Associated Company",
                "COMPANY",
                "Company / Account",
                "Company",
                "Person - Organization",
                "companyName",
                "Organization",
                "Account Name",
            ],
        ),
        (
            Target::Title,
            &[
                "Job Title",
                "TITLE",
                "Title",
                "Person - Job title",
                "title",
                "Position",
            ],
        ),
        (
            Target::LinkedinUrl,
            &[
                "LinkedIn URL",
                "Person Linkedin Url",
                "Person - LinkedIn",
                "linkedInProfileUrl",
                "defaultProfileUrl",
                "LinkedIn",
            ],
        ),
        (
            Target::Website,
            &[
                "Website URL",
                "WEBSITE",
                "Website",
                "Domain",
                "Company Domain",
            ],
        ),
        (
            Target::Source,
            &[
                "Original Traffic Source",
                "LEADSOURCE",
                "Lead Source",
                "Source",
            ],
        ),
        (
            Target::Owner,
            &[
                "Contact owner",
                "OWNERID",
                "Lead Owner",
                "Contact Owner",
                "Person - Owner",
                "Owner",
            ],
        ),
        (
            Target::Created,
            &[
                "Create Date",
                "CREATEDDATE",
                "Person - Person created",
                "Connected On",
                "Created",
            ],
        ),
        (
            Target::Employees,
            &[
                "# Employees",
                "Employees",
                "Number of Employees",
                "NUMBEROFEMPLOYEES",
                "Employee Count",
                "Company Size",
            ],
        ),
        (Target::Industry, &["Industry", "INDUSTRY", "industry"]),
        (Target::Country, &["Country", "Country/Region", "COUNTRY"]),
        (Target::City, &["City", "CITY"]),
        (Target::Notes, &["Notes", "Description", "DESCRIPTION"]),
        (
            Target::RecordId,
            &[
                "Record ID",
                "ID",
                "Apollo Contact Id",
                "Person - ID",
                "vmid",
            ],
        ),
    ];
    for (target, names) in table {
        for name in *names {
            assert_eq!(auto_target(name), Some(*target), "{name:?}");
        }
    }
}

#[test]
fn look_alike_columns_are_attributes() {
    for name in [
        "Company Name for Emails",
        "Account Owner",
        "Account Id",
        "Apollo Account Id",
        "Company Linkedin Url",
        "companyUrl",
        "regularCompanyUrl",
        "Company Phone",
        "Company City",
        "Company Country",
        "profileUrl",
        "Email Status",
        "Email Confidence",
        "Lead Status",
        "Lifecycle Stage",
        "Person - Labels",
        "Index",
        "",
        " - ",
    ] {
        assert_eq!(auto_target(name), None, "{name:?}");
    }
}

#[test]
fn record_tools() {
    let cases = [
        ("Record ID", "31845700000", Some("hubspot")),
        ("ID", "00Q5g00000ANan0EAV", Some("salesforce")),
        ("id", "__export__.crm_lead_12_a1b2c3d4", Some("odoo")),
        ("Record Id", "zcrm_4876876000000123001", Some("zoho")),
        ("ID", "A-17", Some("record")),
        ("Apollo Contact Id", "64f0c0ffee", Some("apollo")),
        ("Person - ID", "812", Some("pipedrive")),
        ("vmid", "ACwAAA", Some("linkedin")),
        ("Index", "1", None),
    ];
    for (header, id, tool) in cases {
        let sample = vec![vec![id.to_string(), "a@x.example".to_string()]];
        let mapping = map_file(&headers(&[header, "Email"]), &sample, &[]).expect("maps");
        assert_eq!(mapping.record_tool, tool, "{header}");
    }
    let overridden = map_headers(
        &headers(&["Index", "Email"]),
        &[("index".into(), Some(Target::RecordId))],
    )
    .expect("maps");
    assert_eq!(overridden.columns[0].target, Some(Target::RecordId));
    assert_eq!(overridden.record_tool, None);
}

#[test]
fn a_second_full_name_column_is_an_attribute() {
    let m = map_headers(
        &headers(&["profileUrl", "fullName", "firstName", "name", "vmid"]),
        &[],
    )
    .expect("maps");
    let targets: Vec<_> = m.columns.iter().map(|c| c.target).collect();
    assert_eq!(
        targets,
        [
            None,
            Some(Target::Name),
            Some(Target::FirstName),
            None,
            Some(Target::RecordId)
        ]
    );
}

#[test]
fn overrides() {
    assert_eq!(
        parse_override("E-Mail Adresse=email"),
        Ok(("E-Mail Adresse".to_string(), Some(Target::Email)))
    );
    assert_eq!(
        parse_override(" Notes = - "),
        Ok(("Notes".to_string(), None))
    );
    assert_eq!(
        parse_override("Notes=IGNORE"),
        Ok(("Notes".to_string(), None))
    );
    assert_eq!(
        parse_override("a=b=domain"),
        Ok(("a=b".to_string(), Some(Target::Website)))
    );
    assert_eq!(
        parse_override("LI=Linkedin-URL"),
        Ok(("LI".to_string(), Some(Target::LinkedinUrl)))
    );
    assert_eq!(
        parse_override("Mail"),
        Err(MapError::Malformed("Mail".into()))
    );
    assert_eq!(
        parse_override("=email"),
        Err(MapError::Malformed("=email".into()))
    );
    assert_eq!(
        parse_override("Mail="),
        Err(MapError::Malformed("Mail=".into()))
    );
    let e = parse_override("Mail=mail").expect_err("unknown");
    assert_eq!(e, MapError::UnknownField("mail".into()));
    let text = e.to_string();
    assert!(
        text.starts_with("unknown field 'mail' in --map: use one of name, first_name,"),
        "{text}"
    );
    assert!(text.contains("record_id, or '-'"), "{text}");
}

#[test]
fn map_headers_applies_overrides_case_insensitively() {
    let file = headers(&["Mail Adresse", "Notes", "Company Name for Emails"]);
    let overrides = [
        parse_override("mail adresse=email").expect("ok"),
        parse_override("NOTES=-").expect("ok"),
        parse_override("company name for emails=company").expect("ok"),
    ];
    let m = map_headers(&file, &overrides).expect("maps");
    let described: Vec<(String, String, String)> = m
        .describe()
        .into_iter()
        .map(|c| (c.header, c.field, c.why))
        .collect();
    let row = |h: &str, f: &str| (h.to_string(), f.to_string(), "--map".to_string());
    assert_eq!(
        described,
        [
            row("Mail Adresse", "email"),
            row("Notes", "attribute"),
            row("Company Name for Emails", "company"),
        ]
    );
    let e =
        map_headers(&file, &[("Phone".into(), Some(Target::Phone))]).expect_err("no such header");
    assert_eq!(
        e.to_string(),
        "--map names the column 'Phone', which is not in the file; its columns are: 'Mail Adresse', 'Notes', 'Company Name for Emails'"
    );
}

#[test]
fn describe_hubspot_fixture_header() {
    let file = include_str!("../../tests/fixtures/hubspot_contacts_export.csv");
    let header: Vec<String> = file
        .lines()
        .next()
        .expect("a header")
        .split(',')
        .map(|h| h.trim_matches('"').to_string())
        .collect();
    let m = map_headers(&header, &[]).expect("maps");
    let described: Vec<String> = m
        .describe()
        .into_iter()
        .map(|c| format!("{}={}", c.header, c.field))
        .collect();
    assert_eq!(
        described.join("|"),
        "Record ID=record_id|First Name=first_name|Last Name=last_name|City=city|Company Name=company|\
         Contact owner=owner|Country/Region=country|Create Date=created|Email=email|Job Title=title|\
         Last Activity Date=last_activity|Lead Status=attribute|Lifecycle Stage=attribute|\
         LinkedIn URL=linkedin_url|Mobile Phone Number=phone|Original Traffic Source=source|\
         Phone Number=phone|State/Region=attribute|Website URL=website|Associated Company=company"
    );
    assert_eq!(m.record_tool, Some("hubspot"));
}

#[test]
fn attribute_keys_make_duplicate_headers_unique() {
    let m = map_headers(&headers(&["Tag", "Email", "Tag", "", "Tag"]), &[]).expect("maps");
    assert_eq!(
        m.attribute_keys(),
        ["Tag", "Email", "Tag (2)", "column 4", "Tag (3)"]
    );
}

#[test]
fn a_header_spelled_like_a_repeated_one_gets_the_next_free_number() {
    let m = map_headers(&headers(&["Tag", "Tag (2)", "Tag", "Tag", "Tag (3)"]), &[]).expect("maps");
    assert_eq!(
        m.attribute_keys(),
        ["Tag", "Tag (2)", "Tag (3)", "Tag (4)", "Tag (3) (2)"]
    );
}

/// Found running the import fuzz target on wide files: a header of thousands of same-named
/// columns took time growing with the cube of their number to name (a 52 KB file held an import
/// for hours), and thousands of label columns took time growing with the square of the columns
/// to pair.
#[test]
fn thousands_of_columns_map_in_moments() {
    let started = std::time::Instant::now();
    let same = vec!["Tag".to_string(); 4000];
    let m = map_headers(&same, &[]).expect("maps");
    assert_eq!(m.attribute_keys().len(), 4000);
    assert_eq!(m.attribute_keys()[3999], "Tag (4000)");
    let pairs: Vec<String> = (0..3000)
        .flat_map(|i| [format!("E-mail {i} - Label"), format!("E-mail {i} - Value")])
        .collect();
    let m = map_headers(&pairs, &[]).expect("maps");
    assert_eq!(m.columns[5999].label, Some(5998));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn the_search_index_reads_every_header_that_maps_to_notes() {
    for (alias, target) in crate::interchange::headers::ALIASES {
        if *target == Target::Notes {
            assert!(
                crate::store::NOTE_ATTRIBUTES.contains(alias),
                "{alias} maps to notes but search does not read it"
            );
        }
    }
}

#[test]
fn beside_a_contact_name_a_lead_or_deal_name_is_never_the_person() {
    let odoo = map_headers(&headers(&["name", "contact_name", "partner_name"]), &[]).expect("maps");
    let targets: Vec<_> = odoo.columns.iter().map(|c| c.target).collect();
    assert_eq!(targets, [None, Some(Target::Name), Some(Target::Company)]);
    let close = map_headers(&headers(&["lead_name", "contact_name", "url"]), &[]).expect("maps");
    let targets: Vec<_> = close.columns.iter().map(|c| c.target).collect();
    assert_eq!(
        targets,
        [Some(Target::Company), Some(Target::Name), None],
        "Close's lead is the account; a bare url is judged by its values"
    );
    let plain = map_headers(&headers(&["Lead Name", "Email"]), &[]).expect("maps");
    assert_eq!(
        plain.columns[0].target,
        Some(Target::Name),
        "alone, it is the person"
    );
}
