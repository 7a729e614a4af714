//! The report's figures on a database built through the store's public operations at known
//! times: counts, conversion rates, medians, reason codes, readiness, its JSON shape, and an
//! HTML file that refers to nothing outside itself.

use chrono::{DateTime, Duration, TimeZone, Utc};
use leadgate::domain::{Contact, Decision, Edit, Field, ReasonCode, Rules};
use leadgate::report::{Period, build, html, text};
use leadgate::store::{Ctx, Store};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

fn at(days: i64) -> Ctx {
    Ctx::new("sam", t0() + Duration::days(days))
}

fn add(store: &mut Store, name: &str, source: &str) -> String {
    let contact = Contact {
        name: name.into(),
        email: Some(format!("{}@x.example", name.to_lowercase())),
        company: Some("Acme".into()),
        source: Some(source.into()),
        ..Contact::default()
    };
    store.add_lead(contact, &at(0)).unwrap().id
}

fn set(store: &mut Store, id: &str, field: Field, value: &str, note: Option<&str>, day: i64) {
    let edit = Edit {
        field,
        value: Some(value.into()),
        note: note.map(str::to_string),
        day: (field == Field::ReasonNow).then(|| (t0() + Duration::days(day)).date_naive()),
    };
    store.set_field(id, &edit, &at(day)).unwrap();
}

fn evidence(store: &mut Store, id: &str, day: i64) {
    set(
        store,
        id,
        Field::IcpFit,
        "fit",
        Some("Logistics, 120 staff"),
        day,
    );
    set(
        store,
        id,
        Field::RoleRelevance,
        "relevant",
        Some("Head of Ops"),
        day,
    );
    set(
        store,
        id,
        Field::IntentSource,
        "demo_request",
        Some("Booked a demo"),
        day,
    );
    set(store, id, Field::ReasonNow, "Second warehouse", None, day);
}

fn promote(store: &mut Store, id: &str, day: i64) {
    store
        .decide(id, &Decision::Promote, None, &at(day))
        .unwrap();
}

/// Webinar: A (prospect on day 2, opportunity on day 6), B (prospect on day 4), C
/// (disqualified: student), D (nurtured: no reason now). Referral: E (prospect on day 10),
/// F (nothing yet).
fn fixture() -> (Store, Vec<String>) {
    let mut s = Store::open_in_memory().unwrap();
    let ids: Vec<String> = [
        ("Ann", "Webinar"),
        ("Ben", "Webinar"),
        ("Cat", "Webinar"),
        ("Dev", "Webinar"),
        ("Eve", "Referral & <partners>"),
        ("Fay", "Referral & <partners>"),
    ]
    .iter()
    .map(|(n, src)| add(&mut s, n, src))
    .collect();
    let (a, b, c, d, e) = (&ids[0], &ids[1], &ids[2], &ids[3], &ids[4]);
    evidence(&mut s, a, 1);
    promote(&mut s, a, 2);
    crate::support::make_deal(&mut s, a, &at(3));
    promote(&mut s, a, 6);
    evidence(&mut s, b, 3);
    promote(&mut s, b, 4);
    evidence(&mut s, e, 9);
    promote(&mut s, e, 10);
    s.decide(c, &Decision::Disqualify(ReasonCode::Student), None, &at(1))
        .unwrap();
    s.decide(d, &Decision::Nurture(ReasonCode::NoReasonNow), None, &at(1))
        .unwrap();
    (s, ids)
}

fn now() -> DateTime<Utc> {
    t0() + Duration::days(20)
}

#[test]
fn the_funnel_and_conversion_by_source_count_what_reached_each_stage() {
    let (store, _) = fixture();
    let r = build(&store, &Period::default(), &Rules::default(), now(), false).unwrap();
    assert_eq!(r.funnel.leads, 6);
    assert_eq!(r.funnel.reached_prospect, 3);
    assert_eq!(r.funnel.reached_opportunity, 1);
    assert_eq!(r.funnel.conversion.lead_to_prospect, Some(0.5));
    assert_eq!(r.funnel.conversion.prospect_to_opportunity, Some(1.0 / 3.0));
    assert_eq!(r.funnel.by_stage["lead"], 3);
    assert_eq!(r.funnel.by_stage["prospect"], 2);
    assert_eq!(r.funnel.by_stage["opportunity"], 1);
    assert_eq!(r.funnel.by_state["disqualified"], 1);
    assert_eq!(r.funnel.by_state["nurture"], 1);
    let webinar = r
        .by_source
        .iter()
        .find(|c| c.key.as_deref() == Some("Webinar"))
        .unwrap();
    assert_eq!(
        (webinar.leads, webinar.prospects, webinar.opportunities),
        (4, 2, 1)
    );
    assert_eq!(webinar.conversion.lead_to_prospect, Some(0.5));
    assert_eq!(webinar.conversion.prospect_to_opportunity, Some(0.5));
    let referral = r
        .by_source
        .iter()
        .find(|c| c.key.as_deref() == Some("Referral & <partners>"))
        .unwrap();
    assert_eq!((referral.leads, referral.prospects), (2, 1));
    assert_eq!(referral.conversion.prospect_to_opportunity, Some(0.0));
    // Ann went to morgan with her handoff; nobody owns the rest.
    let owners: Vec<Option<&str>> = r.by_owner.iter().map(|c| c.key.as_deref()).collect();
    assert_eq!(owners.len(), 2, "{owners:?}");
    assert!(
        owners.contains(&Some("morgan")) && owners.contains(&None),
        "{owners:?}"
    );
}

#[test]
fn time_in_stage_is_the_median_and_90th_percentile_of_finished_stays() {
    let (store, _) = fixture();
    let r = build(&store, &Period::default(), &Rules::default(), now(), false).unwrap();
    let lead = r
        .time_in_stage
        .iter()
        .find(|t| t.stage.as_str() == "lead")
        .unwrap();
    // Stays at lead: 2, 4 and 10 days.
    assert_eq!(lead.stays, 3);
    assert!(
        (lead.median_days - 4.0).abs() < 1e-9,
        "{}",
        lead.median_days
    );
    assert!((lead.p90_days - 10.0).abs() < 1e-9, "{}", lead.p90_days);
    let prospect = r
        .time_in_stage
        .iter()
        .find(|t| t.stage.as_str() == "prospect")
        .unwrap();
    assert_eq!(prospect.stays, 1);
    assert!((prospect.median_days - 4.0).abs() < 1e-9);
    // Unchanged for 14 days or more on day 20: A (day 6) and B (day 4); E (day 10) is not.
    let stalled: Vec<(&str, i64)> = r
        .stalled
        .iter()
        .map(|s| (s.name.as_str(), s.days))
        .collect();
    assert_eq!(stalled, [("Ben", 16), ("Ann", 14)]);
}

#[test]
fn reasons_readiness_quality_and_activity_are_counted() {
    let (store, ids) = fixture();
    let r = build(&store, &Period::default(), &Rules::default(), now(), true).unwrap();
    let reasons: Vec<(&str, &str, u64)> = r
        .reasons
        .iter()
        .map(|c| (c.state.as_str(), c.reason.as_str(), c.n))
        .collect();
    assert!(
        reasons.contains(&("disqualified", "student", 1)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("nurture", "no_reason_now", 1)),
        "{reasons:?}"
    );
    assert_eq!(reasons.len(), 2);
    // Only Fay is an active lead: she passes nothing yet.
    assert_eq!((r.readiness.active_leads, r.readiness.pass), (1, 0));
    let items: Vec<&str> = r
        .readiness
        .failing
        .iter()
        .map(|f| f.item.as_str())
        .collect();
    for item in [
        "icp_fit",
        "role_relevance",
        "intent_source",
        "reason_now_missing",
    ] {
        assert!(items.contains(&item), "{items:?}");
    }
    for f in &r.readiness.failing {
        assert_eq!(
            f.ids.as_deref(),
            Some(&[ids[5].clone()][..]),
            "the ids behind each count"
        );
    }
    assert_eq!(r.quality.leads, 6);
    assert_eq!(r.quality.missing_title, 6);
    assert_eq!(r.quality.missing_email, 0);
    // sam worked the list; morgan accepted Ann's handoff.
    let actors: Vec<&str> = r.activity.iter().map(|a| a.actor.as_str()).collect();
    assert_eq!(actors.len(), 2, "{actors:?}");
    let sam = r.activity.iter().find(|a| a.actor == "sam").unwrap();
    // Four promotions (two of Ann's), one disqualification and one nurture.
    assert_eq!(sam.decisions, 6);
}

#[test]
fn a_period_and_a_source_narrow_the_report() {
    let (store, _) = fixture();
    let period = Period {
        source: Some("Webinar".into()),
        ..Period::default()
    };
    let r = build(&store, &period, &Rules::default(), now(), false).unwrap();
    assert_eq!(r.funnel.leads, 4);
    assert_eq!(r.funnel.reached_prospect, 2);
    let later = Period {
        since: Some(t0() + Duration::days(1)),
        ..Period::default()
    };
    let r = build(&store, &later, &Rules::default(), now(), false).unwrap();
    assert_eq!(r.funnel.leads, 0, "every lead was created on day 0");
    assert_eq!(r.reasons.len(), 2, "the decisions were made on day 1");
}

#[test]
fn the_json_shape_has_its_version_and_keys() {
    let (store, _) = fixture();
    let r = build(&store, &Period::default(), &Rules::default(), now(), false).unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["report_version"], 1);
    for key in [
        "generated_at",
        "period",
        "funnel",
        "by_source",
        "by_owner",
        "by_batch",
        "time_in_stage",
        "stalled_days",
        "stalled",
        "reasons",
        "readiness",
        "quality",
        "activity",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["funnel"]["conversion"]["lead_to_prospect"], 0.5);
    assert_eq!(
        v["funnel"]["by_stage"]["customer"], 0,
        "every stage is a key"
    );
    assert!(
        v["funnel"]["by_state"].get("removed").is_none(),
        "a lead whose import was taken back is no lead"
    );
    assert_eq!(v["by_source"][0]["key"], "Webinar");
    assert!(
        v["readiness"]["failing"][0].get("ids").is_none(),
        "ids only when asked"
    );
}

#[test]
fn the_html_refers_to_nothing_outside_itself_and_runs_no_script() {
    let (store, _) = fixture();
    let r = build(&store, &Period::default(), &Rules::default(), now(), false).unwrap();
    let page = html::render(&r).to_lowercase();
    assert!(page.starts_with("<!doctype html>"));
    assert!(!page.contains("<script"), "no script");
    assert!(!page.contains("url("), "no CSS url()");
    assert!(!page.contains("@import"));
    assert!(!page.contains("src="), "no src= of any kind");
    for (i, _) in page.match_indices("href=") {
        assert!(page[i..].starts_with("href=\"#"), "only in-page links");
    }
    assert!(!page.contains(" on"), "no event handler attributes");
    assert!(page.contains("<svg"), "charts are inline svg");
    assert!(
        page.contains("referral &amp; &lt;partners&gt;"),
        "text is escaped"
    );
    let md = text::render(&r, true);
    assert!(
        md.contains("| Webinar | 4 | 2 | 50.0% | 1 | 50.0% |"),
        "{md}"
    );
}
