use super::*;
use crate::domain::flags::{FlagNote, Resolution};
use crate::domain::qualification::{Evidence, IcpFit, IntentSource, RoleRelevance};
use crate::domain::reason::ReasonCode;
use chrono::{Duration, TimeZone, Utc};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn ready_prospect() -> Lead {
    let ev = Evidence {
        icp_fit: IcpFit::Fit,
        icp_fit_why: Some("Logistics, 120 staff".into()),
        role_relevance: RoleRelevance::Relevant,
        role_relevance_why: Some("owns routing".into()),
        intent_source: Some(IntentSource::DemoRequest),
        intent_detail: Some("booked a demo".into()),
        reason_now: Some("second warehouse".into()),
        reason_now_on: Some(today() - Duration::days(3)),
        ..Evidence::default()
    };
    let mut l = Lead::sample(ev, Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap());
    l.stage = Stage::Prospect;
    l.contact.email = Some("p@x.example".into());
    l
}

fn flag(flag: Flag, resolved: bool) -> FlagNote {
    FlagNote {
        flag,
        reason: "test".into(),
        resolved: resolved.then(|| Resolution {
            by: "me".into(),
            at: Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap(),
            note: "checked".into(),
            consent_on: None,
        }),
    }
}

#[test]
fn a_prospect_with_fresh_evidence_and_an_email_is_ready() {
    assert_eq!(holds(&ready_prospect(), today(), &GateRules::default()), []);
}

#[test]
fn each_missing_piece_keeps_a_lead_out_and_says_which() {
    let rules = GateRules::default();
    let mut stale = ready_prospect();
    stale.evidence.reason_now_on = Some(today() - Duration::days(45));
    assert_eq!(holds(&stale, today(), &rules), [Hold::ReasonNowStale]);

    let mut missing = ready_prospect();
    missing.evidence.reason_now = None;
    assert_eq!(holds(&missing, today(), &rules), [Hold::ReasonNowMissing]);

    let mut flagged = ready_prospect();
    flagged.evidence.flags = vec![flag(Flag::RoleInbox, false), flag(Flag::FreeMail, true)];
    assert_eq!(
        holds(&flagged, today(), &rules),
        [Hold::Flag(Flag::RoleInbox)]
    );

    let mut no_email = ready_prospect();
    no_email.contact.email = None;
    assert_eq!(holds(&no_email, today(), &rules), [Hold::NoEmail]);

    let mut lead = ready_prospect();
    lead.stage = Stage::Lead;
    lead.state = State::Nurture;
    assert_eq!(
        holds(&lead, today(), &rules),
        [Hold::NotProspect, Hold::NotActive]
    );

    let mut unfit = ready_prospect();
    unfit.evidence.icp_fit = IcpFit::Unknown;
    assert_eq!(
        holds(&unfit, today(), &rules),
        [Hold::Gate(GateItem::IcpFit)]
    );
}

#[test]
fn an_open_opt_out_or_an_opted_out_state_is_never_exported() {
    let mut l = ready_prospect();
    assert!(!never_exported(&l));
    l.evidence.flags = vec![flag(Flag::DoNotContact, false)];
    assert!(never_exported(&l));
    l.evidence.flags = vec![flag(Flag::DoNotContact, true)];
    assert!(!never_exported(&l), "consent given again, with its day");
    l.state = State::Nurture;
    l.state_reason = Some(ReasonCode::OptedOut);
    assert!(never_exported(&l));
}

#[test]
fn a_full_name_splits_by_the_documented_rule() {
    for (full, given, family) in [
        ("Maren Okafor", "Maren", "Okafor"),
        ("Mary Ann Smith", "Mary Ann", "Smith"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("María de la Cruz", "María", "de la Cruz"),
        ("Martin Luther King Jr.", "Martin Luther", "King Jr."),
        ("Okafor, Maren", "Maren", "Okafor"),
        ("Cher", "Cher", ""),
        ("  ", "", ""),
        ("Van Morrison", "Van", "Morrison"),
    ] {
        assert_eq!(
            split_name(full),
            (given.to_string(), family.to_string()),
            "{full}"
        );
    }
}

#[test]
fn the_source_parts_win_over_a_split() {
    let c = Contact {
        name: "Anna Maria Lopez Garcia".into(),
        given_name: Some("Anna Maria".into()),
        family_name: Some("Lopez Garcia".into()),
        ..Contact::default()
    };
    let parts = name_parts(&c);
    assert_eq!(
        (parts.given.as_str(), parts.family.as_str(), parts.split),
        ("Anna Maria", "Lopez Garcia", false)
    );
    let c = Contact {
        name: "Anna Lopez".into(),
        ..Contact::default()
    };
    assert!(name_parts(&c).split);
}

#[test]
fn the_same_name_at_the_same_company_or_one_profile_is_probably_one_person() {
    let c = |name: &str, company: Option<&str>, linkedin: Option<&str>| Contact {
        name: name.into(),
        company: company.map(str::to_string),
        linkedin_url: linkedin.map(str::to_string),
        ..Contact::default()
    };
    let shared = |a: &Contact, b: &Contact| {
        let b = probable_person(b);
        probable_person(a).iter().any(|k| b.contains(k))
    };
    assert!(shared(
        &c("Liam  O'Connell", Some("Quillfeather Legal, Inc."), None),
        &c("liam o'connell", Some("Quillfeather Legal"), None)
    ));
    assert!(shared(
        &c(
            "Liam O'Connell",
            None,
            Some("https://www.linkedin.com/in/liam-oconnell")
        ),
        &c(
            "L. O'Connell",
            Some("Quillfeather"),
            Some("https://www.linkedin.com/in/liam-oconnell")
        )
    ));
    assert!(!shared(
        &c("Diego Alvarado", Some("KestrelPay"), None),
        &c("Diego Alvarado", Some("Harborlight"), None)
    ));
    assert!(probable_person(&c("Diego Alvarado", None, None)).is_empty());
    assert!(probable_person(&c("", Some("KestrelPay"), None)).is_empty());
    assert!(
        !probable_person(&c("Ann Lee", Some("Co"), None)).is_empty(),
        "a company named only by a legal form keeps it"
    );
}
