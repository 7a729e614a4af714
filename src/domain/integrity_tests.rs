use super::*;
use crate::domain::qualification::{IcpFit, IntentSource, RoleRelevance};
use chrono::Duration;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn complete() -> Evidence {
    Evidence {
        icp_fit: IcpFit::Fit,
        icp_fit_why: Some("Logistics, 120 staff, EU".into()),
        role_relevance: RoleRelevance::Relevant,
        role_relevance_why: Some("Head of Operations owns routing".into()),
        intent_source: Some(IntentSource::DemoRequest),
        intent_detail: Some("Booked a demo from the pricing page".into()),
        reason_now: Some("Opening a second warehouse in Q1".into()),
        reason_now_on: Some(today() - Duration::days(3)),
        ..Evidence::default()
    }
}

/// The snapshot a promotion from lead stores, as `decide` writes it.
fn promoted(ev: &Evidence, rules: &Rules) -> String {
    let list = checklist(Stage::Lead, ev, today(), &rules.gates);
    stage_snapshot("promote", rules, ev, list.as_ref()).to_string()
}

#[test]
fn a_promotion_that_passed_its_gate_is_sound() {
    let rules = Rules::default();
    let data = promoted(&complete(), &rules);
    assert_eq!(
        promotion_problems("lead", "prospect", Some(&data), today(), &rules),
        Vec::<String>::new()
    );
}

#[test]
fn moving_down_needs_no_snapshot() {
    let rules = Rules::default();
    assert!(promotion_problems("prospect", "lead", None, today(), &rules).is_empty());
    assert!(promotion_problems("opportunity", "prospect", None, today(), &rules).is_empty());
}

#[test]
fn a_promotion_without_a_snapshot_is_reported() {
    let rules = Rules::default();
    let found = promotion_problems("lead", "prospect", None, today(), &rules);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("no readable evidence snapshot"),
        "{found:?}"
    );
    let found = promotion_problems("lead", "prospect", Some("{not json"), today(), &rules);
    assert!(
        found[0].contains("no readable evidence snapshot"),
        "{found:?}"
    );
}

#[test]
fn a_snapshot_edited_to_say_passed_is_judged_again() {
    let rules = Rules::default();
    let mut weak = complete();
    weak.reason_now = None;
    // The checklist of the weak evidence, with every item rewritten to "passed".
    let mut data: Value = serde_json::from_str(&promoted(&weak, &rules)).expect("json");
    for item in data["checklist"]["items"].as_array_mut().expect("items") {
        item["passed"] = Value::Bool(true);
    }
    let found = promotion_problems("lead", "prospect", Some(&data.to_string()), today(), &rules);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("does not pass reason_now"), "{found:?}");
}

#[test]
fn a_failed_item_a_missing_version_and_another_gate_are_each_reported() {
    let rules = Rules::default();
    let mut weak = complete();
    weak.intent_source = None;
    let mut data: Value = serde_json::from_str(&promoted(&weak, &rules)).expect("json");
    // Under rules it does not name, the evidence cannot be judged again: the record must
    // speak for itself.
    data["rules_version"] = Value::from("nope");
    let found = promotion_problems("lead", "prospect", Some(&data.to_string()), today(), &rules);
    assert!(
        found
            .iter()
            .any(|p| p.contains("does not name the rules version")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("intent_source as not passed")),
        "{found:?}"
    );
    let found = promotion_problems(
        "prospect",
        "opportunity",
        Some(&promoted(&complete(), &rules)),
        today(),
        &rules,
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("checklist of another gate")),
        "{found:?}"
    );
}

#[test]
fn a_snapshot_under_other_rules_is_taken_as_recorded() {
    let rules = Rules::default();
    let data = promoted(&complete(), &rules);
    let mut other = Rules::default();
    other.gates.reason_now_window_days = 1;
    assert_ne!(other.version(), rules.version());
    assert!(promotion_problems("lead", "prospect", Some(&data), today(), &other).is_empty());
}
