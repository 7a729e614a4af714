use super::*;
use crate::domain::flags::{Flag, FlagNote};
use crate::domain::gate::CARRIED;
use crate::domain::qualification::{Evidence, IcpFit, IntentSource, RoleRelevance};
use chrono::{Duration, TimeZone, Utc};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn prospect() -> Lead {
    let ev = Evidence {
        icp_fit: IcpFit::Fit,
        icp_fit_why: Some("Logistics, 120 staff".into()),
        role_relevance: RoleRelevance::Relevant,
        role_relevance_why: Some("Head of Operations".into()),
        intent_source: Some(IntentSource::DemoRequest),
        intent_detail: Some("Booked a demo".into()),
        reason_now: Some("Second warehouse".into()),
        reason_now_on: Some(today() - Duration::days(3)),
        ..Evidence::default()
    };
    let at = Utc
        .with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("time");
    let mut lead = Lead::sample(ev, at);
    lead.stage = Stage::Prospect;
    lead
}

#[test]
fn a_prospect_with_its_evidence_is_supported() {
    let s = support(&prospect(), today(), &GateRules::default()).expect("a prospect");
    assert!(s.supported(), "{s:?}");
    assert_eq!(s.reason_now_stale, None);
}

#[test]
fn a_fit_judged_again_as_not_fit_unsupports_a_prospect() {
    let mut lead = prospect();
    lead.evidence.icp_fit = IcpFit::NotFit;
    let s = support(&lead, today(), &GateRules::default()).expect("a prospect");
    assert!(!s.supported());
    assert_eq!(s.failing.len(), 1);
    assert_eq!(s.failing[0].item, GateItem::IcpFit);
}

#[test]
fn a_new_open_flag_unsupports_an_opportunity() {
    let mut lead = prospect();
    lead.stage = Stage::Opportunity;
    crate::domain::deal::complete_deal(&mut lead.evidence, today());
    assert!(!unsupported(&lead, today(), &GateRules::default()));
    lead.evidence.flags.push(FlagNote {
        flag: Flag::FreeMail,
        reason: "gmail.com".into(),
        resolved: None,
    });
    let s = support(&lead, today(), &GateRules::default()).expect("an opportunity");
    assert_eq!(
        s.failing.iter().map(|c| c.item).collect::<Vec<_>>(),
        vec![GateItem::Exclusions]
    );
}

#[test]
fn a_next_step_whose_day_has_passed_unsupports_an_opportunity() {
    let mut lead = prospect();
    lead.stage = Stage::Opportunity;
    crate::domain::deal::complete_deal(&mut lead.evidence, today());
    assert!(!unsupported(&lead, today(), &GateRules::default()));
    let next_day = today().succ_opt().expect("a day");
    let s = support(&lead, next_day, &GateRules::default()).expect("an opportunity");
    assert_eq!(
        s.failing.iter().map(|c| c.item).collect::<Vec<_>>(),
        vec![GateItem::NextStep]
    );
    assert!(s.failing[0].detail.contains("stale"), "{:?}", s.failing[0]);
}

#[test]
fn an_aged_reason_now_is_stale_but_does_not_unsupport() {
    let mut lead = prospect();
    lead.evidence.reason_now_on = NaiveDate::from_ymd_opt(2020, 1, 1);
    let s = support(&lead, today(), &GateRules::default()).expect("a prospect");
    assert!(s.supported());
    let stale = s.reason_now_stale.expect("stale");
    assert!(stale.age_days.is_some_and(|d| d > 2000), "{stale:?}");
}

#[test]
fn the_opportunity_gate_carries_fit_role_and_exclusions_unless_allowed_without() {
    let rules = GateRules::default();
    let items = rules.items_from(Stage::Prospect).expect("a gate");
    for carried in CARRIED {
        assert!(items.contains(&carried), "{carried} missing from {items:?}");
    }
    assert!(!items.contains(&GateItem::ReasonNow));
    let looser = GateRules {
        opportunity_allow_without: vec![GateItem::IcpFit],
        ..GateRules::default()
    };
    let items = looser.items_from(Stage::Prospect).expect("a gate");
    assert!(!items.contains(&GateItem::IcpFit));
    assert!(items.contains(&GateItem::Exclusions));
}

#[test]
fn leads_and_customers_hold_no_earned_stage() {
    let mut lead = prospect();
    lead.stage = Stage::Lead;
    assert_eq!(support(&lead, today(), &GateRules::default()), None);
    lead.stage = Stage::Customer;
    assert_eq!(support(&lead, today(), &GateRules::default()), None);
}
