use super::*;
use crate::domain::qualification::{Evidence, IcpFit, IntentSource};
use crate::domain::score::score;
use chrono::TimeZone;
use proptest::prelude::*;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0)
        .single()
        .expect("time")
}

fn lead(ev: Evidence, created: DateTime<Utc>) -> Lead {
    Lead::sample(ev, created)
}

fn reason_days_ago(days: i64) -> Evidence {
    Evidence {
        icp_fit: IcpFit::Fit,
        intent_source: Some(IntentSource::Webinar),
        reason_now: Some("new depot".into()),
        reason_now_on: Some(now().date_naive() - Duration::days(days)),
        ..Evidence::default()
    }
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .expect("day")
}

#[test]
fn priority_is_the_score_in_hundredths() {
    let l = lead(reason_days_ago(3), now() - Duration::days(20));
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    // fit 5 + webinar 2 + fresh reason 4 - two weeks 0.4
    assert_eq!(s.priority, 1060);
    assert!(!s.waiting);
}

#[test]
fn a_fresh_reason_now_holds_until_the_day_it_turns_stale() {
    // Observed 3 days ago (Nov 20): fresh for 7 days, so it changes when Nov 28 starts.
    let l = lead(reason_days_ago(3), now());
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    assert_eq!(s.until, Some(at(2026, 11, 28)));
}

#[test]
fn a_recent_reason_now_holds_until_it_leaves_the_window() {
    // Observed 10 days ago (Nov 13): recent until the window of 30 days ends, Dec 14.
    let l = lead(reason_days_ago(10), now() - Duration::days(700));
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    assert_eq!(s.until, Some(at(2026, 12, 14)));
}

#[test]
fn age_changes_weekly_until_its_cap() {
    let created = now() - Duration::days(10);
    let young = standing(
        &lead(Evidence::default(), created),
        now(),
        &ScoreWeights::default(),
        30,
    );
    assert_eq!(young.until, Some(created + Duration::weeks(2)));
    let old = standing(
        &lead(Evidence::default(), now() - Duration::days(700)),
        now(),
        &ScoreWeights::default(),
        30,
    );
    assert_eq!(old.until, None, "a capped age never changes the score");
}

#[test]
fn a_nurtured_record_waits_until_its_review_is_due() {
    let mut l = lead(Evidence::default(), now() - Duration::days(700));
    l.state = State::Nurture;
    l.review_due_at = now() + Duration::days(30);
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    assert!(s.waiting);
    assert_eq!(s.until, Some(l.review_due_at));
    let due = standing(&l, l.review_due_at, &ScoreWeights::default(), 30);
    assert!(!due.waiting);
    assert_eq!(due.until, None);
}

#[test]
fn a_removed_record_has_no_standing() {
    let mut l = lead(reason_days_ago(1), now());
    l.state = State::Removed;
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    assert_eq!((s.priority, s.until), (0, None));
}

#[test]
fn only_open_deals_stall() {
    let mut l = lead(Evidence::default(), now() - Duration::days(20));
    assert_eq!(stalled_for(&l, now(), 14), None, "a lead is not a deal");
    l.stage = Stage::Prospect;
    assert_eq!(stalled_for(&l, now(), 14), Some(20));
    assert_eq!(stalled_for(&l, now(), 21), None);
    l.state = State::Nurture;
    assert_eq!(
        stalled_for(&l, now(), 14),
        None,
        "a nurtured deal waits on purpose"
    );
}

proptest! {
    /// A stored standing is never wrong: the score does not change before `until`, and with
    /// no `until` it does not change at all.
    #[test]
    fn the_score_holds_until_the_standing_says(
        reason_age in prop::option::of(-5i64..60),
        activity_age in prop::option::of(-3i64..40),
        age_hours in 0i64..(24 * 200),
        later_minutes in 0i64..(60 * 24 * 400),
        fresh_days in 0i64..20,
        window_days in 1i64..60,
        age_per_week in prop::sample::select(vec![-0.2, 0.0, 0.5, 1.0]),
        age_cap in prop::sample::select(vec![-3.0, 0.0, 2.0, 7.5]),
    ) {
        let ev = Evidence {
            reason_now: reason_age.map(|_| "why".to_string()),
            reason_now_on: reason_age.map(|a| now().date_naive() - Duration::days(a)),
            ..Evidence::default()
        };
        let mut l = lead(ev, now() - Duration::hours(age_hours));
        l.contact.last_activity =
            activity_age.map(|a| (now().date_naive() - Duration::days(a)).to_string());
        let w = ScoreWeights { fresh_days, age_per_week, age_cap, ..ScoreWeights::default() };
        let s = standing(&l, now(), &w, window_days);
        let later = now() + Duration::minutes(later_minutes);
        let total = |t| score(&l, t, &w, window_days).total;
        if s.until.is_none_or(|u| later < u) {
            prop_assert!((total(later) - total(now())).abs() < 1e-9);
        }
        if let Some(u) = s.until {
            prop_assert!(u > now());
        }
    }
}

#[test]
fn engagement_holds_until_it_is_older_than_its_window() {
    let mut l = lead(Evidence::default(), now() - Duration::days(700));
    l.contact.last_activity = Some("2026-11-20".into());
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    // 14 days of engagement: it last counts on Dec 4.
    assert_eq!(s.until, Some(at(2026, 12, 5)));
    assert_eq!(s.priority, 0, "engaged +3 with a capped age of -3");
}

#[test]
fn an_opted_out_nurture_waits_past_its_review_date_for_good() {
    use crate::domain::ReasonCode;
    let mut l = lead(Evidence::default(), now() - Duration::days(60));
    l.state = State::Nurture;
    l.review_due_at = now() - Duration::days(1);
    l.state_reason = Some(ReasonCode::NoReasonNow);
    let due = standing(&l, now(), &ScoreWeights::default(), 30);
    assert!(!due.waiting, "another reason comes back on its review date");
    l.state_reason = Some(ReasonCode::OptedOut);
    let s = standing(&l, now(), &ScoreWeights::default(), 30);
    assert!(s.waiting, "an opt-out does not");
    assert!(
        s.until.is_none_or(|u| u != l.review_due_at),
        "and nothing wakes it on its review date"
    );
    assert!(l.opted_out());
}
