use super::*;
use crate::domain::lead::Lead;
use crate::domain::qualification::Evidence;
use crate::domain::stage::{Stage, State};
use chrono::{TimeZone, Utc};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn lead() -> Lead {
    let t = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("time");
    Lead {
        id: "0".repeat(32),
        contact: Contact {
            name: "Maren Okafor".into(),
            ..Contact::default()
        },
        stage: Stage::Lead,
        state: State::Active,
        state_reason: None,
        state_note: None,
        evidence: Evidence::default(),
        created_at: t,
        updated_at: t,
        last_review_at: None,
        review_due_at: t,
        attributes: std::collections::BTreeMap::new(),
        record_id: None,
        origin: None,
        version: 0,
    }
}

#[test]
fn tri_state_values_take_the_note_as_their_why() {
    let mut l = lead();
    let e = parse_edit(
        Field::IcpFit,
        "FIT",
        Some("Logistics, 120 staff"),
        None,
        today(),
    )
    .expect("valid");
    let c = apply(&mut l, &e).expect("changed");
    assert_eq!(
        (c.old.as_deref(), c.new.as_deref()),
        (Some("unknown"), Some("fit"))
    );
    assert_eq!(l.evidence.icp_fit, IcpFit::Fit);
    assert_eq!(
        l.evidence.icp_fit_why.as_deref(),
        Some("Logistics, 120 staff")
    );
    assert!(
        apply(&mut l, &e).is_none(),
        "same value and why is no change"
    );
}

#[test]
fn a_new_why_alone_is_a_change() {
    let mut l = lead();
    let first =
        parse_edit(Field::RoleRelevance, "relevant", Some("VP"), None, today()).expect("valid");
    let _ = apply(&mut l, &first);
    let second = parse_edit(
        Field::RoleRelevance,
        "relevant",
        Some("VP who owns the budget"),
        None,
        today(),
    )
    .expect("valid");
    assert!(apply(&mut l, &second).is_some());
}

#[test]
fn reason_now_is_dated_today_by_default_and_never_in_the_future() {
    let e = parse_edit(Field::ReasonNow, "Hiring 3 SDRs", None, None, today()).expect("valid");
    assert_eq!(e.day, Some(today()));
    let tomorrow = today().succ_opt().expect("date");
    assert_eq!(
        parse_edit(Field::ReasonNow, "x", None, Some(tomorrow), today()),
        Err(EditError::FutureDate(tomorrow))
    );
    assert_eq!(
        parse_edit(Field::Title, "CTO", None, Some(today()), today()),
        Err(EditError::DateNotFor(Field::Title))
    );
}

#[test]
fn bad_values_are_refused() {
    assert!(matches!(
        parse_edit(Field::IcpFit, "maybe", None, None, today()),
        Err(EditError::Value(_))
    ));
    assert!(matches!(
        parse_edit(Field::IntentSource, "cold-call", None, None, today()),
        Err(EditError::Value(_))
    ));
    assert_eq!(
        parse_edit(Field::Name, "  ", None, None, today()),
        Err(EditError::EmptyName)
    );
    assert!(matches!(
        parse_edit(Field::Email, "not an email", None, None, today()),
        Err(EditError::BadEmail(_))
    ));
}

#[test]
fn intent_source_accepts_kebab_case_and_clears_with_empty() {
    let mut l = lead();
    let e = parse_edit(
        Field::IntentSource,
        "pricing-page",
        Some("3 visits"),
        None,
        today(),
    )
    .expect("valid");
    assert_eq!(e.value.as_deref(), Some("pricing_page"));
    let _ = apply(&mut l, &e);
    let clear = parse_edit(Field::IntentSource, "", None, None, today()).expect("valid");
    let c = apply(&mut l, &clear).expect("changed");
    assert_eq!(c.new, None);
    assert_eq!(l.evidence.intent_detail, None);
}

/// Found by fuzzing: clearing an intent source or a pain point with a note, when it is already
/// clear, recorded a change from nothing to nothing (and a new version) every time.
#[test]
fn clearing_an_empty_field_with_a_note_changes_nothing() {
    for field in [Field::IntentSource, Field::PainPoint] {
        let mut l = lead();
        let set = parse_edit(field, "referral", Some("from Dana"), None, today()).expect("valid");
        let _ = apply(&mut l, &set);
        let clear = parse_edit(field, "", Some("no longer"), None, today()).expect("valid");
        let c = apply(&mut l, &clear).expect("the first clear is a change");
        assert_eq!(c.old.as_deref(), Some("referral"), "{field}");
        assert_eq!(
            c.note.as_deref(),
            Some("no longer"),
            "{field}: the change says why"
        );
        let before = l.clone();
        assert_eq!(apply(&mut l, &clear), None, "{field}: already clear");
        assert_eq!(l, before);
    }
}

#[test]
fn plain_fields_are_set_and_cleared() {
    let mut l = lead();
    let e = parse_edit(Field::Company, "Harborlight", None, None, today()).expect("valid");
    let _ = apply(&mut l, &e);
    assert_eq!(l.contact.company.as_deref(), Some("Harborlight"));
    let c = apply(
        &mut l,
        &parse_edit(Field::Company, "", None, None, today()).expect("valid"),
    )
    .expect("changed");
    assert_eq!(c.old.as_deref(), Some("Harborlight"));
    assert_eq!(l.contact.company, None);
}

#[test]
fn plausible_emails() {
    for ok in ["a@b.co", "first.last+tag@sub.example.com"] {
        assert!(is_plausible_email(ok), "{ok}");
    }
    for bad in [
        "", "a", "a@b", "@b.co", "a@b.co.", "a b@c.co", "a@@b.co", "a@.co",
    ] {
        assert!(!is_plausible_email(bad), "{bad}");
    }
}

#[test]
fn last_activity_is_a_day_that_has_happened() {
    let e = parse_edit(Field::LastActivity, " 2026-01-05 ", None, None, today()).expect("valid");
    assert_eq!(e.value.as_deref(), Some("2026-01-05"));
    assert_eq!(
        parse_edit(Field::LastActivity, "5 Jan", None, None, today()),
        Err(EditError::NotADay("5 Jan".into()))
    );
    let tomorrow = today().succ_opt().expect("date");
    assert_eq!(
        parse_edit(
            Field::LastActivity,
            &tomorrow.to_string(),
            None,
            None,
            today()
        ),
        Err(EditError::FutureDate(tomorrow))
    );
    let cleared = parse_edit(Field::LastActivity, "", None, None, today()).expect("clears");
    assert_eq!(cleared.value, None);
}
