use super::*;
use crate::domain::qualification::IntentSource;
use chrono::Duration;
use proptest::prelude::*;

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

fn deal(ev: &mut Evidence) {
    crate::domain::deal::complete_deal(ev, today());
}

fn prospect_gate(ev: &Evidence) -> Checklist {
    checklist(Stage::Lead, ev, today(), &GateRules::default()).expect("lead has a gate")
}

fn item(list: &Checklist, which: GateItem) -> &CheckItem {
    list.items
        .iter()
        .find(|i| i.item == which)
        .expect("item present")
}

#[test]
fn complete_fresh_evidence_opens_the_prospect_gate() {
    let list = prospect_gate(&complete());
    assert!(list.passed(), "{list:?}");
    assert_eq!(list.to, Stage::Prospect);
    assert_eq!(list.items.len(), 5);
}

#[test]
fn empty_record_fails_every_item_with_a_sentence() {
    let list = prospect_gate(&Evidence::default());
    assert_eq!(list.missing().count(), 4, "no flags: exclusions pass");
    assert!(
        item(&list, GateItem::IcpFit)
            .detail
            .contains("ICP fit is unknown")
    );
    assert!(
        item(&list, GateItem::RoleRelevance)
            .detail
            .contains("role relevance is unknown")
    );
    assert!(
        item(&list, GateItem::IntentSource)
            .detail
            .contains("no intent source")
    );
    assert!(
        item(&list, GateItem::ReasonNow)
            .detail
            .contains("no reason now")
    );
}

#[test]
fn icp_fit_needs_fit_and_a_why() {
    let mut ev = complete();
    ev.icp_fit_why = Some("   ".into());
    assert!(
        item(&prospect_gate(&ev), GateItem::IcpFit)
            .detail
            .contains("no reason is stated")
    );
    ev.icp_fit = IcpFit::NotFit;
    ev.icp_fit_why = Some("too small".into());
    let list = prospect_gate(&ev);
    assert!(!item(&list, GateItem::IcpFit).passed);
    assert!(item(&list, GateItem::IcpFit).detail.contains("not fit"));
}

#[test]
fn role_relevance_needs_relevant_and_a_why() {
    let mut ev = complete();
    ev.role_relevance_why = None;
    assert!(!item(&prospect_gate(&ev), GateItem::RoleRelevance).passed);
    ev.role_relevance = RoleRelevance::NotRelevant;
    ev.role_relevance_why = Some("intern".into());
    assert!(!item(&prospect_gate(&ev), GateItem::RoleRelevance).passed);
}

#[test]
fn intent_needs_a_source_and_detail() {
    let mut ev = complete();
    ev.intent_detail = Some(String::new());
    let list = prospect_gate(&ev);
    assert!(!item(&list, GateItem::IntentSource).passed);
    assert!(
        item(&list, GateItem::IntentSource)
            .detail
            .contains("demo_request but has no detail")
    );
    ev.intent_source = None;
    ev.intent_detail = Some("a detail without a source".into());
    assert!(!item(&prospect_gate(&ev), GateItem::IntentSource).passed);
}

#[test]
fn reason_now_window_is_inclusive_at_thirty_days() {
    let mut ev = complete();
    ev.reason_now_on = Some(today() - Duration::days(REASON_NOW_WINDOW_DAYS));
    assert!(item(&prospect_gate(&ev), GateItem::ReasonNow).passed);
    ev.reason_now_on = Some(today() - Duration::days(REASON_NOW_WINDOW_DAYS + 1));
    let list = prospect_gate(&ev);
    assert!(!item(&list, GateItem::ReasonNow).passed);
    assert_eq!(
        item(&list, GateItem::ReasonNow).detail,
        "reason now was observed 31 days ago (2026-10-23); it must be within the last 30 days"
    );
}

#[test]
fn reason_now_needs_text_a_date_and_no_future() {
    let mut ev = complete();
    ev.reason_now_on = None;
    assert!(!item(&prospect_gate(&ev), GateItem::ReasonNow).passed);
    ev.reason_now_on = Some(today() + Duration::days(1));
    assert!(
        item(&prospect_gate(&ev), GateItem::ReasonNow)
            .detail
            .contains("in the future")
    );
    ev.reason_now_on = Some(today());
    ev.reason_now = Some(" ".into());
    assert!(!item(&prospect_gate(&ev), GateItem::ReasonNow).passed);
}

#[test]
fn window_comes_from_the_rules() {
    let mut ev = complete();
    ev.reason_now_on = Some(today() - Duration::days(10));
    let rules = GateRules {
        reason_now_window_days: 7,
        ..GateRules::default()
    };
    let list = checklist(Stage::Lead, &ev, today(), &rules).expect("gate");
    assert!(!list.passed());
}

#[test]
fn opportunity_gate_reads_pain_stakeholders_and_next_step() {
    // A prospect's fit and role still hold (the reason now does not count any more).
    let mut ev = complete();
    ev.reason_now_on = Some(today() - Duration::days(400));
    let rules = GateRules::default();
    let list = checklist(Stage::Prospect, &ev, today(), &rules).expect("gate");
    assert_eq!(list.to, Stage::Opportunity);
    assert_eq!(list.missing().count(), 5);
    deal(&mut ev);
    assert!(
        checklist(Stage::Prospect, &ev, today(), &rules)
            .expect("gate")
            .passed()
    );
}

#[test]
fn the_opportunity_gate_judges_fit_role_and_flags_again() {
    let mut ev = complete();
    deal(&mut ev);
    ev.icp_fit = IcpFit::NotFit;
    let list = checklist(Stage::Prospect, &ev, today(), &GateRules::default()).expect("gate");
    let missing: Vec<GateItem> = list.missing().map(|i| i.item).collect();
    assert_eq!(missing, vec![GateItem::IcpFit]);
}

#[test]
fn an_open_flag_closes_the_gate_until_resolved() {
    use crate::domain::flags::{Flag, FlagNote, Resolution};
    let mut ev = complete();
    ev.flags.push(FlagNote {
        flag: Flag::FreeMail,
        reason: "gmail.com is a free-mail domain".into(),
        resolved: None,
    });
    let list = prospect_gate(&ev);
    assert!(!list.passed());
    assert_eq!(
        item(&list, GateItem::Exclusions).detail,
        "flagged: free-mail address (gmail.com is a free-mail domain); resolve with a note if the record is fine"
    );
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z")
        .expect("time")
        .to_utc();
    ev.flags[0].resolved = Some(Resolution {
        by: "dana".into(),
        at,
        note: "founder's own address".into(),
        consent_on: None,
    });
    let list = prospect_gate(&ev);
    assert!(list.passed());
    assert_eq!(
        item(&list, GateItem::Exclusions).detail,
        "1 flag(s) resolved with a note"
    );
}

#[test]
fn no_gate_beyond_opportunity() {
    let rules = GateRules::default();
    assert!(checklist(Stage::Opportunity, &complete(), today(), &rules).is_none());
    assert!(checklist(Stage::Customer, &complete(), today(), &rules).is_none());
}

fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(String::new())),
        Just(Some("  ".into())),
        "[a-z]{1,8}".prop_map(Some)
    ]
}

prop_compose! {
    fn any_evidence()(
        fit in prop::sample::select(IcpFit::ALL.to_vec()),
        fit_why in text(),
        rel in prop::sample::select(RoleRelevance::ALL.to_vec()),
        rel_why in text(),
        source in prop::option::of(prop::sample::select(IntentSource::ALL.to_vec())),
        detail in text(),
        reason in text(),
        age in prop::option::of(-5i64..60),
        flag in prop::option::of(any::<bool>()),
    ) -> Evidence {
        use crate::domain::flags::{Flag, FlagNote, Resolution};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00Z").expect("time").to_utc();
        let flags = flag.map(|open| FlagNote {
            flag: Flag::Student,
            reason: "the title says 'student'".into(),
            resolved: (!open).then(|| Resolution { by: "dana".into(), at, note: "alumni, now a buyer".into(), consent_on: None }),
        });
        Evidence {
            flags: flags.into_iter().collect(),
            icp_fit: fit, icp_fit_why: fit_why,
            role_relevance: rel, role_relevance_why: rel_why,
            intent_source: source, intent_detail: detail,
            reason_now: reason, reason_now_on: age.map(|a| today() - Duration::days(a)),
            ..Evidence::default()
        }
    }
}

fn says(t: Option<&String>) -> bool {
    t.is_some_and(|t| !t.trim().is_empty())
}

proptest! {
    /// The gate opens exactly when every condition holds: nothing short of a complete, fresh
    /// checklist gets through, and a complete one always does.
    #[test]
    fn prospect_gate_opens_only_on_complete_fresh_evidence(ev in any_evidence()) {
        let age = ev.reason_now_on.map(|d| (today() - d).num_days());
        let expected = ev.icp_fit == IcpFit::Fit && says(ev.icp_fit_why.as_ref())
            && ev.role_relevance == RoleRelevance::Relevant && says(ev.role_relevance_why.as_ref())
            && ev.intent_source.is_some() && says(ev.intent_detail.as_ref())
            && says(ev.reason_now.as_ref())
            && age.is_some_and(|a| (0..=REASON_NOW_WINDOW_DAYS).contains(&a))
            && ev.flags.iter().all(|f| f.resolved.is_some());
        let list = prospect_gate(&ev);
        prop_assert_eq!(list.passed(), expected);
        // Every failing item explains itself.
        for i in list.missing() {
            prop_assert!(!i.detail.is_empty());
        }
    }
}
