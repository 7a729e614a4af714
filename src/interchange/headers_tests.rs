use super::*;

#[test]
fn words_split_at_case_digits_and_punctuation() {
    assert_eq!(
        words("linkedInProfileUrl"),
        ["linked", "in", "profile", "url"]
    );
    assert_eq!(words("E-mail 1 - Value"), ["e", "mail", "1", "value"]);
    assert_eq!(words("EMAILADDRESS"), ["emailaddress"]);
    assert_eq!(words("Email1"), ["email", "1"]);
    assert_eq!(words("\u{feff}email_from"), ["email", "from"]);
    assert!(words(" - ").is_empty());
}

#[test]
fn vendor_spellings_of_a_field_are_normalized_to_one_synonym() {
    let cases: &[(&str, Target)] = &[
        ("E-mail 1 - Value", Target::Email),
        ("E-mail 2 Address", Target::Email),
        ("Person - Email - Work", Target::Email),
        ("email_from", Target::Email),
        ("EMAILADDRESS", Target::Email),
        ("Work Email", Target::Email),
        ("Email (Work)", Target::Email),
        ("Private Email", Target::Email),
        ("Secondary Email", Target::Email),
        ("Phone 1 - Value", Target::Phone),
        ("Primary Phone", Target::Phone),
        ("Organization Name", Target::Company),
        ("Organization 1 - Name", Target::Company),
        ("Organization Title", Target::Title),
        ("Organization 1 - Title", Target::Title),
        ("partner_name", Target::Company),
        ("contact_name", Target::Name),
        ("function", Target::Title),
        ("Job Position", Target::Title),
        ("Web Page", Target::Website),
        ("Website 1 - Value", Target::Website),
        ("Given Name", Target::FirstName),
        ("Family Name", Target::LastName),
        ("country_id", Target::Country),
        ("user_id", Target::Owner),
        ("Created Time", Target::Created),
    ];
    for (header, target) in cases {
        assert_eq!(auto_target(header), Some(*target), "{header:?}");
    }
}

#[test]
fn work_and_personal_are_read_off_the_header() {
    let kind = |h: &str| match header_says(h) {
        HeaderSays::Field { kind, .. } => kind,
        other => panic!("{h}: {other:?}"),
    };
    assert_eq!(kind("Person - Email - Work"), Kind::Work);
    assert_eq!(kind("Business Phone"), Kind::Work);
    assert_eq!(kind("Person - Email - Home"), Kind::Personal);
    assert_eq!(kind("Personal Email"), Kind::Personal);
    assert_eq!(kind("Email 1"), Kind::Unsaid);
    assert!(Kind::Work < Kind::Unsaid && Kind::Unsaid < Kind::Personal);
}

#[test]
fn label_columns_pair_with_their_value_column() {
    assert_eq!(
        header_says("E-mail 1 - Label"),
        HeaderSays::Label("email1".into())
    );
    assert_eq!(
        header_says("Phone 2 - Type"),
        HeaderSays::Label("phone2".into())
    );
    assert_eq!(pair_key("E-mail 1 - Value"), "email1");
    assert_eq!(pair_key("Phone 2 - Value"), "phone2");
    assert_eq!(
        header_says("type"),
        HeaderSays::Nothing,
        "one word is no label"
    );
}

#[test]
fn deals_are_never_a_person() {
    for header in [
        "Deal Name",
        "Opportunity Name",
        "Opportunity",
        "Deal - Title",
    ] {
        assert_eq!(header_says(header), HeaderSays::Deal, "{header}");
    }
}

#[test]
fn generic_ids_leave_the_tool_to_the_ids() {
    assert_eq!(record_tool_of("Record ID"), Some("hubspot"));
    assert_eq!(record_tool_of("ID"), Some("record"));
    assert_eq!(record_tool_of("Index"), None);
}
