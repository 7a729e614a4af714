use super::*;

fn contact(email: &str, title: &str) -> Contact {
    Contact {
        name: "Test Person".into(),
        email: (!email.is_empty()).then(|| email.to_string()),
        title: (!title.is_empty()).then(|| title.to_string()),
        ..Contact::default()
    }
}

fn flags_of(email: &str, title: &str) -> Vec<Flag> {
    detect(
        &contact(email, title),
        &BTreeMap::new(),
        None,
        &FlagLists::default(),
    )
    .into_iter()
    .map(|f| f.0)
    .collect()
}

#[test]
fn free_mail_role_inboxes_students_and_consultants_are_flagged() {
    assert_eq!(
        flags_of("maren.okafor@gmail.com", "Founder"),
        vec![Flag::FreeMail]
    );
    assert_eq!(
        flags_of("Info@Kestrelpay.example", ""),
        vec![Flag::RoleInbox]
    );
    assert_eq!(
        flags_of("jdoe@stateu.edu", "Graduate Student"),
        vec![Flag::Student]
    );
    assert_eq!(flags_of("x@co.example", "MBA Student"), vec![Flag::Student]);
    assert_eq!(
        flags_of("x@co.example", "Independent Consultant"),
        vec![Flag::Consultant]
    );
    assert_eq!(
        flags_of("x@co.example", "Head of Operations"),
        Vec::<Flag>::new()
    );
}

#[test]
fn title_words_match_whole_words_only() {
    assert_eq!(
        flags_of("x@co.example", "Internal Audit Lead"),
        Vec::<Flag>::new(),
        "intern is not internal"
    );
    assert_eq!(
        flags_of("x@co.example", "Summer Intern"),
        vec![Flag::Student]
    );
}

#[test]
fn an_unmailable_address_is_flagged_with_what_it_said() {
    let found = detect(
        &contact("", ""),
        &BTreeMap::new(),
        Some("maren at brightkiln"),
        &FlagLists::default(),
    );
    assert_eq!(
        found,
        vec![(
            Flag::InvalidEmail,
            "'maren at brightkiln' is not an email address".to_string()
        )]
    );
}

#[test]
fn refresh_keeps_resolutions_and_drops_what_no_longer_applies() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
        .expect("time")
        .to_utc();
    let mut flags = vec![
        FlagNote {
            flag: Flag::FreeMail,
            reason: "gmail.com is a free-mail domain".into(),
            resolved: Some(Resolution {
                by: "dana".into(),
                at,
                note: "founder uses gmail".into(),
                consent_on: None,
            }),
        },
        FlagNote {
            flag: Flag::Student,
            reason: "x".into(),
            resolved: None,
        },
    ];
    let (new, dropped) = refresh(
        &mut flags,
        vec![
            (Flag::FreeMail, "gmail.com".into()),
            (Flag::RoleInbox, "info@".into()),
        ],
    );
    assert_eq!(new, vec![Flag::RoleInbox]);
    assert_eq!(dropped, vec![Flag::Student]);
    assert_eq!(flags.len(), 2);
    assert!(
        flags[0].resolved.is_some(),
        "a resolved flag stays resolved"
    );
    assert!(flags[1].is_open());
}

#[test]
fn shipped_lists_load() {
    let lists = FlagLists::default();
    assert!(lists.free_mail_domains.contains(&"gmail.com".to_string()));
    assert!(lists.role_inboxes.contains(&"info".to_string()));
    assert!(lists.student_domains.contains(&".edu".to_string()));
    assert!(lists.consultant_titles.contains(&"freelance".to_string()));
    let shipped = [DO_NOT_CONTACT, EXISTING_ACCOUNT];
    for text in shipped {
        assert!(parse_list(text).is_ok(), "{:?}", parse_list(text));
    }
    assert!(lists.do_not_contact.len() >= 8);
    assert!(lists.existing_account.len() >= 4);
}

#[test]
fn opt_out_and_customer_columns_raise_their_flags_and_say_which_column() {
    let attributes: BTreeMap<String, String> = [
        ("HASOPTEDOUTOFEMAIL".to_string(), "true".to_string()),
        ("Lifecycle Stage".to_string(), "Customer".to_string()),
    ]
    .into();
    let found = detect(
        &contact("a@co.example", ""),
        &attributes,
        None,
        &FlagLists::default(),
    );
    assert_eq!(
        found,
        [
            (
                Flag::DoNotContact,
                "HASOPTEDOUTOFEMAIL is 'true'".to_string()
            ),
            (
                Flag::ExistingAccount,
                "Lifecycle Stage is 'Customer'".to_string()
            ),
        ]
    );
}

#[test]
fn an_opt_out_is_resolved_only_by_a_day_of_renewed_consent() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
        .expect("time")
        .to_utc();
    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
    let mut flags = vec![FlagNote {
        flag: Flag::DoNotContact,
        reason: "HASOPTEDOUTOFEMAIL is 'true'".into(),
        resolved: None,
    }];
    let note = "Asked us to get back in touch at the trade fair";
    assert_eq!(
        resolve(&mut flags, Flag::DoNotContact, "dana", at, note, None),
        Err(FlagError::ConsentDateRequired)
    );
    assert_eq!(
        resolve(
            &mut flags,
            Flag::DoNotContact,
            "dana",
            at,
            note,
            Some(day("2026-11-21"))
        ),
        Err(FlagError::ConsentInFuture(day("2026-11-21")))
    );
    assert!(flags[0].is_open());
    assert_eq!(
        resolve(
            &mut flags,
            Flag::DoNotContact,
            "dana",
            at,
            note,
            Some(day("2026-11-18"))
        ),
        Ok(())
    );
    assert_eq!(
        flags[0].resolved.as_ref().and_then(|r| r.consent_on),
        Some(day("2026-11-18"))
    );
    let mut dated = vec![FlagNote {
        flag: Flag::DoNotContact,
        reason: "UNSUB_TIME is '2025-06-11 19:03:55'".into(),
        resolved: None,
    }];
    assert_eq!(
        resolve(
            &mut dated,
            Flag::DoNotContact,
            "dana",
            at,
            note,
            Some(day("2025-01-01"))
        ),
        Err(FlagError::ConsentBeforeOptOut(
            day("2025-06-11"),
            day("2025-01-01")
        ))
    );
    let mut free = vec![FlagNote {
        flag: Flag::FreeMail,
        reason: "gmail.com".into(),
        resolved: None,
    }];
    assert_eq!(
        resolve(
            &mut free,
            Flag::FreeMail,
            "dana",
            at,
            "ok",
            Some(day("2026-11-18"))
        ),
        Err(FlagError::ConsentNotAsked(Flag::FreeMail))
    );
}

#[test]
fn resolving_needs_a_raised_open_flag_and_a_note() {
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
        .expect("time")
        .to_utc();
    let mut flags = vec![FlagNote {
        flag: Flag::FreeMail,
        reason: "gmail.com".into(),
        resolved: None,
    }];
    assert_eq!(
        resolve(&mut flags, Flag::FreeMail, "dana", at, " ", None),
        Err(FlagError::NoteRequired)
    );
    assert_eq!(
        resolve(&mut flags, Flag::Student, "dana", at, "n", None),
        Err(FlagError::NotRaised(Flag::Student))
    );
    assert_eq!(
        resolve(
            &mut flags,
            Flag::FreeMail,
            "dana",
            at,
            "Founder's own address",
            None
        ),
        Ok(())
    );
    assert_eq!(
        flags[0].resolved.as_ref().map(|r| r.by.as_str()),
        Some("dana")
    );
    assert_eq!(
        resolve(&mut flags, Flag::FreeMail, "sam", at, "again", None),
        Err(FlagError::AlreadyResolved(Flag::FreeMail))
    );
}

proptest::proptest! {
    /// A phrase is found exactly when some run of the title's words equals the phrase's.
    #[test]
    fn a_phrase_matches_a_run_of_whole_words(
        title in proptest::collection::vec("(a|b|co|op)", 0..6),
        phrase in proptest::collection::vec("(a|b|co|op)", 0..3),
    ) {
        let title_text = title.join(" / ");
        let phrase_text = phrase.join(" ");
        let expected = !phrase.is_empty()
            && title.windows(phrase.len()).any(|run| run == phrase.as_slice());
        proptest::prop_assert_eq!(has_words(&words(&title_text), &phrase_text), expected);
    }
}
