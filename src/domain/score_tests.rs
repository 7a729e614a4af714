use super::*;
use crate::domain::flags::{Flag, FlagNote};
use crate::domain::qualification::Evidence;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time")
}

fn lead(ev: Evidence, age_days: i64) -> Lead {
    Lead::sample(ev, now() - Duration::days(age_days))
}

#[test]
fn every_term_is_shown_and_they_sum_to_the_score() {
    let ev = Evidence {
        icp_fit: IcpFit::Fit,
        intent_source: Some(IntentSource::DemoRequest),
        reason_now: Some("new depot".into()),
        reason_now_on: Some(now().date_naive() - Duration::days(3)),
        flags: vec![FlagNote {
            flag: Flag::FreeMail,
            reason: "gmail.com".into(),
            resolved: None,
        }],
        ..Evidence::default()
    };
    let s = score(&lead(ev, 20), now(), &ScoreWeights::default(), 30);
    assert_eq!(
        s.breakdown(),
        "ICP fit +5.0, intent: demo request +6.0, reason now 3 days old +4.0, free-mail address −5.0, waiting 2 weeks −0.4"
    );
    assert!((s.total - 9.6).abs() < 1e-9);
}

#[test]
fn a_record_with_nothing_known_scores_zero_with_no_terms() {
    let s = score(
        &lead(Evidence::default(), 0),
        now(),
        &ScoreWeights::default(),
        30,
    );
    assert_eq!((s.total, s.breakdown().as_str()), (0.0, "no signals yet"));
}

#[test]
fn age_is_capped() {
    let s = score(
        &lead(Evidence::default(), 700),
        now(),
        &ScoreWeights::default(),
        30,
    );
    assert!((s.total + 3.0).abs() < 1e-9);
}

proptest! {
    #[test]
    fn the_breakdown_always_sums_to_the_score(
        fit in prop::sample::select(IcpFit::ALL.to_vec()),
        rel in prop::sample::select(RoleRelevance::ALL.to_vec()),
        source in prop::option::of(prop::sample::select(IntentSource::ALL.to_vec())),
        reason_age in prop::option::of(0i64..60),
        flags in 0usize..3,
        age in 0i64..800,
    ) {
        let ev = Evidence {
            icp_fit: fit,
            role_relevance: rel,
            intent_source: source,
            reason_now: reason_age.map(|_| "why".to_string()),
            reason_now_on: reason_age.map(|a| now().date_naive() - Duration::days(a)),
            flags: (0..flags).map(|_| FlagNote { flag: Flag::Student, reason: "x".into(), resolved: None }).collect(),
            ..Evidence::default()
        };
        let l = lead(ev, age);
        let s = score(&l, now(), &ScoreWeights::default(), 30);
        let sum: f64 = s.terms.iter().map(|t| t.points).sum();
        prop_assert!((sum - s.total).abs() < 1e-9);
        // The label-free total a stored priority uses is exactly the shown one.
        prop_assert_eq!(total(&l, now(), &ScoreWeights::default(), 30).to_bits(), s.total.to_bits());
        prop_assert!(s.terms.iter().all(|t| t.points != 0.0));
    }
}

#[test]
fn recent_activity_counts_as_engagement_for_a_while() {
    let mut l = lead(Evidence::default(), 0);
    let w = ScoreWeights::default();
    l.contact.last_activity = Some((now().date_naive() - Duration::days(5)).to_string());
    assert_eq!(
        score(&l, now(), &w, 30).breakdown(),
        "engaged 5 days ago +3.0"
    );
    l.contact.last_activity = Some((now().date_naive() - Duration::days(15)).to_string());
    assert_eq!(score(&l, now(), &w, 30).breakdown(), "no signals yet");
    l.contact.last_activity = Some("not a day".into());
    assert_eq!(score(&l, now(), &w, 30).breakdown(), "no signals yet");
}
