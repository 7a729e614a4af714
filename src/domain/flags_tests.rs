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
    detect(&contact(email, title), None, &FlagLists::default())
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
        resolve(&mut flags, Flag::FreeMail, "dana", at, " "),
        Err(FlagError::NoteRequired)
    );
    assert_eq!(
        resolve(&mut flags, Flag::Student, "dana", at, "n"),
        Err(FlagError::NotRaised(Flag::Student))
    );
    assert_eq!(
        resolve(
            &mut flags,
            Flag::FreeMail,
            "dana",
            at,
            "Founder's own address"
        ),
        Ok(())
    );
    assert_eq!(
        flags[0].resolved.as_ref().map(|r| r.by.as_str()),
        Some("dana")
    );
    assert_eq!(
        resolve(&mut flags, Flag::FreeMail, "sam", at, "again"),
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
