//! The opportunity gate, item by item, and the property that nothing passes it with an item
//! missing or without an accepted handoff.

use super::*;
use crate::domain::gate::{GateItem, GateRules, checklist};
use crate::domain::handoff::{Handoff, HandoffState};
use crate::domain::qualification::{IcpFit, IntentSource, RoleRelevance};
use crate::domain::stage::Stage;
use chrono::{Duration, TimeZone, Utc};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).expect("valid date")
}

fn person(name: &str, engagement: Engagement, authority: Authority) -> Stakeholder {
    Stakeholder {
        name: name.into(),
        role: "CFO".into(),
        engagement,
        authority,
    }
}

fn accepted() -> Handoff {
    Handoff {
        state: HandoffState::Accepted,
        to: "morgan".into(),
        from: "sam".into(),
        at: Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .single()
            .expect("time"),
        reason: None,
        note: None,
    }
}

/// A prospect with every item of the opportunity gate on the record.
fn deal() -> Evidence {
    let mut ev = Evidence {
        icp_fit: IcpFit::Fit,
        icp_fit_why: Some("3PL, 56 staff".into()),
        role_relevance: RoleRelevance::Relevant,
        role_relevance_why: Some("COO signs off ops software".into()),
        intent_source: Some(IntentSource::DemoRequest),
        intent_detail: Some("Demo for 23 vehicles".into()),
        reason_now: Some("New depot in April".into()),
        reason_now_on: Some(today() - Duration::days(60)),
        ..Evidence::default()
    };
    complete_deal(&mut ev, today());
    ev.handoff = Some(accepted());
    ev
}

fn gate(ev: &Evidence) -> crate::domain::Checklist {
    checklist(Stage::Prospect, ev, today(), &GateRules::default()).expect("a prospect has a gate")
}

fn failing(ev: &Evidence) -> Vec<GateItem> {
    gate(ev).missing().map(|i| i.item).collect()
}

#[test]
fn a_complete_deal_opens_the_gate_even_with_an_old_reason_now() {
    let list = gate(&deal());
    assert!(list.passed(), "{list:?}");
    assert_eq!(list.to, Stage::Opportunity);
}

#[test]
fn a_pain_point_needs_its_business_consequence() {
    let mut ev = deal();
    ev.pain_consequence = None;
    assert_eq!(failing(&ev), vec![GateItem::PainPoint]);
    let list = gate(&ev);
    let why = &list.missing().next().expect("one").detail;
    assert!(why.contains("no business consequence"), "{why}");
    ev.pain_point = Some("  ".into());
    ev.pain_consequence = Some("Overtime".into());
    assert_eq!(failing(&ev), vec![GateItem::PainPoint]);
}

#[test]
fn one_casual_contact_is_not_enough() {
    let mut ev = deal();
    ev.stakeholders = vec![person("Sam", Engagement::Engaged, Authority::Mapping)];
    assert_eq!(failing(&ev), vec![GateItem::Stakeholders]);
    // A second person named, or authority confirmed, is enough by default.
    ev.stakeholders
        .push(person("Kim", Engagement::NotYet, Authority::Mapping));
    assert!(failing(&ev).is_empty());
    ev.stakeholders = vec![person("Sam", Engagement::Aware, Authority::Confirmed)];
    assert_eq!(failing(&ev), vec![GateItem::Stakeholders], "nobody engaged");
    ev.stakeholders.clear();
    assert_eq!(failing(&ev), vec![GateItem::Stakeholders]);
}

#[test]
fn the_rules_can_ask_for_more_engagement_or_less() {
    let mut ev = deal();
    ev.stakeholders = vec![
        person("A", Engagement::Engaged, Authority::Mapping),
        person("B", Engagement::Aware, Authority::Mapping),
    ];
    let mut rules = GateRules::default();
    rules.stakeholders.min_engaged = 2;
    let list = checklist(Stage::Prospect, &ev, today(), &rules).expect("gate");
    assert!(!list.passed());
    rules.stakeholders.min_engaged = 1;
    rules.stakeholders.authority_or_second = false;
    ev.stakeholders.truncate(1);
    let list = checklist(Stage::Prospect, &ev, today(), &rules).expect("gate");
    assert!(list.passed(), "{list:?}");
}

#[test]
fn a_next_step_needs_a_day_that_has_not_passed() {
    let mut ev = deal();
    ev.next_step_on = None;
    assert_eq!(failing(&ev), vec![GateItem::NextStep]);
    ev.next_step_on = Some(today() - Duration::days(1));
    let list = gate(&ev);
    let why = &list.missing().next().expect("one").detail;
    assert!(why.contains("stale") && why.contains("1 day ago"), "{why}");
    ev.next_step_on = Some(today() + Duration::days(7));
    assert!(failing(&ev).is_empty());
}

#[test]
fn timeline_is_required_and_budget_and_size_only_when_the_rules_say() {
    let mut ev = deal();
    ev.timeline = None;
    assert_eq!(failing(&ev), vec![GateItem::Timeline]);
    let ev = deal();
    let mut rules = GateRules::default();
    rules.to_opportunity.push(GateItem::BudgetPath);
    rules.to_opportunity.push(GateItem::DealSize);
    let list = checklist(Stage::Prospect, &ev, today(), &rules).expect("gate");
    let missing: Vec<GateItem> = list.missing().map(|i| i.item).collect();
    assert_eq!(missing, vec![GateItem::BudgetPath, GateItem::DealSize]);
}

#[test]
fn only_an_accepted_handoff_opens_the_gate() {
    for state in [
        HandoffState::Sent,
        HandoffState::Rejected,
        HandoffState::Disputed,
    ] {
        let mut ev = deal();
        ev.handoff = Some(Handoff {
            state,
            ..accepted()
        });
        assert_eq!(failing(&ev), vec![GateItem::HandoffAccepted], "{state}");
    }
    let mut ev = deal();
    ev.handoff = None;
    assert_eq!(failing(&ev), vec![GateItem::HandoffAccepted]);
}

#[test]
fn the_earlier_gates_items_still_count() {
    let mut ev = deal();
    ev.icp_fit = IcpFit::NotFit;
    assert_eq!(failing(&ev), vec![GateItem::IcpFit]);
}

/// Each item of the opportunity gate, taken off a complete deal.
fn remove(ev: &mut Evidence, which: usize) -> GateItem {
    match which {
        0 => {
            ev.pain_point = None;
            GateItem::PainPoint
        }
        1 => {
            ev.pain_consequence = None;
            GateItem::PainPoint
        }
        2 => {
            ev.stakeholders.clear();
            GateItem::Stakeholders
        }
        3 => {
            for p in &mut ev.stakeholders {
                p.engagement = Engagement::Aware;
            }
            GateItem::Stakeholders
        }
        4 => {
            // One contact only, authority not confirmed.
            ev.stakeholders.truncate(1);
            for p in &mut ev.stakeholders {
                p.authority = Authority::Mapping;
            }
            GateItem::Stakeholders
        }
        5 => {
            ev.next_step = None;
            GateItem::NextStep
        }
        6 => {
            ev.next_step_on = Some(today() - Duration::days(3));
            GateItem::NextStep
        }
        7 => {
            ev.timeline = None;
            GateItem::Timeline
        }
        8 => {
            ev.handoff = None;
            GateItem::HandoffAccepted
        }
        9 => {
            ev.icp_fit_why = None;
            GateItem::IcpFit
        }
        _ => {
            ev.role_relevance = RoleRelevance::Unknown;
            GateItem::RoleRelevance
        }
    }
}

proptest! {
    /// Whatever else is on the record, a deal with any item taken away does not pass, and the
    /// checklist names that item.
    #[test]
    fn no_deal_passes_with_an_item_missing(
        gone in proptest::collection::btree_set(0usize..11, 1..5),
        extra_people in 0usize..3,
        days_ahead in 0i64..60,
    ) {
        let mut ev = deal();
        ev.next_step_on = Some(today() + Duration::days(days_ahead));
        for i in 0..extra_people {
            ev.stakeholders.push(person(&format!("P{i}"), Engagement::NotYet, Authority::Mapping));
        }
        let mut expected = Vec::new();
        for which in gone {
            expected.push(remove(&mut ev, which));
        }
        let list = gate(&ev);
        prop_assert!(!list.passed());
        let missing: Vec<GateItem> = list.missing().map(|i| i.item).collect();
        for item in expected {
            prop_assert!(missing.contains(&item), "{} not named in {:?}", item, missing);
        }
    }

    /// Without an accepted handoff, no evidence opens the gate to opportunity.
    #[test]
    fn nothing_reaches_opportunity_without_an_accepted_handoff(
        state in proptest::option::of(proptest::sample::select(vec![
            HandoffState::Sent, HandoffState::Rejected, HandoffState::Disputed,
        ])),
        people in 1usize..4,
    ) {
        let mut ev = deal();
        ev.handoff = state.map(|state| Handoff { state, ..accepted() });
        for i in 0..people {
            ev.stakeholders.push(person(&format!("P{i}"), Engagement::Engaged, Authority::Confirmed));
        }
        let list = gate(&ev);
        prop_assert!(!list.passed());
        prop_assert!(list.missing().any(|i| i.item == GateItem::HandoffAccepted));
    }
}
