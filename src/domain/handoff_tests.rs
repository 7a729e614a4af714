//! The handoff package and who may take each step.

use super::*;
use crate::domain::deal::{Engagement, Stakeholder};
use crate::domain::qualification::{Evidence, IcpFit, IntentSource, RoleRelevance};
use crate::domain::touch::TouchKind;
use chrono::{NaiveDate, TimeZone};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0)
        .single()
        .expect("time")
}

fn prospect() -> Lead {
    let mut lead = Lead::sample(
        Evidence {
            icp_fit: IcpFit::Fit,
            icp_fit_why: Some("3PL, 56 staff".into()),
            role_relevance: RoleRelevance::Relevant,
            role_relevance_why: Some("COO".into()),
            intent_source: Some(IntentSource::Reply),
            intent_detail: Some("Replied: evaluating tools".into()),
            pain_point: Some("Routes by hand".into()),
            stakeholders: vec![Stakeholder {
                name: "Dana".into(),
                role: "CFO".into(),
                engagement: Engagement::Aware,
                authority: Authority::Mapping,
            }],
            ..Evidence::default()
        },
        now(),
    );
    lead.stage = Stage::Prospect;
    lead.contact.owner = Some("sam".into());
    lead
}

fn call() -> Vec<Touch> {
    vec![Touch {
        kind: TouchKind::Call,
        on: NaiveDate::from_ymd_opt(2026, 12, 1).expect("day"),
        note: "Discovery call".into(),
        actor: "sam".into(),
    }]
}

fn team() -> Team {
    Team {
        managers: vec!["Dana".into()],
    }
}

fn step(
    lead: &Lead,
    s: &Step,
    note: Option<&str>,
    actor: &str,
) -> Result<StepPlan, HandoffRefusal> {
    plan_step(
        lead,
        s,
        note,
        actor,
        &call(),
        &team(),
        &GateRules::default(),
        now(),
    )
}

fn send() -> Step {
    Step::Send {
        to: "morgan".into(),
    }
}

/// `lead` after `s` by `actor`.
fn after(mut lead: Lead, s: &Step, note: Option<&str>, actor: &str) -> Lead {
    let plan = step(&lead, s, note, actor).expect("allowed");
    lead.evidence.handoff = Some(plan.handoff);
    lead.contact.owner = Some(plan.owner);
    lead
}

#[test]
fn a_complete_package_passes_every_item() {
    let checks = package(&prospect(), &call(), &GateRules::default());
    assert_eq!(checks.len(), 6);
    assert!(checks.iter().all(|c| c.passed), "{checks:?}");
    let view = &checks[5].detail;
    assert!(view.starts_with("authority still mapping"), "{view}");
}

#[test]
fn each_gap_is_named_and_a_note_is_not_a_conversation() {
    type Gap = (fn(&mut Lead), PackageItem);
    let cases: [Gap; 5] = [
        (|l| l.evidence.icp_fit_why = None, PackageItem::ConfirmedFit),
        (
            |l| l.evidence.role_relevance = RoleRelevance::Unknown,
            PackageItem::RelevantContact,
        ),
        (
            |l| l.evidence.pain_point = None,
            PackageItem::ProblemStatement,
        ),
        (
            |l| l.evidence.intent_source = None,
            PackageItem::IntentBasis,
        ),
        (
            |l| l.evidence.stakeholders.clear(),
            PackageItem::StakeholderView,
        ),
    ];
    for (change, item) in cases {
        let mut lead = prospect();
        change(&mut lead);
        let gaps: Vec<PackageItem> = package(&lead, &call(), &GateRules::default())
            .into_iter()
            .filter(|c| !c.passed)
            .map(|c| c.item)
            .collect();
        assert_eq!(gaps, vec![item]);
    }
    let mut notes = call();
    notes[0].kind = TouchKind::Note;
    let checks = package(&prospect(), &notes, &GateRules::default());
    assert!(!checks[4].passed, "a note alone is not a conversation");
}

#[test]
fn a_send_with_gaps_is_refused_and_names_them() {
    let mut lead = prospect();
    lead.evidence.pain_point = None;
    let refused = plan_step(
        &lead,
        &send(),
        None,
        "sam",
        &[],
        &team(),
        &GateRules::default(),
        now(),
    );
    let Err(HandoffRefusal::Package(gaps)) = refused else {
        panic!("expected the package's gaps, got {refused:?}");
    };
    let items: Vec<PackageItem> = gaps.iter().map(|g| g.item).collect();
    assert_eq!(
        items,
        vec![PackageItem::ProblemStatement, PackageItem::Conversation]
    );
}

#[test]
fn a_send_makes_the_ae_the_owner_and_a_rejection_returns_it() {
    let lead = after(prospect(), &send(), None, "sam");
    let h = lead.evidence.handoff.clone().expect("sent");
    assert_eq!(
        (h.state, h.to.as_str(), h.from.as_str()),
        (HandoffState::Sent, "morgan", "sam")
    );
    assert_eq!(lead.contact.owner.as_deref(), Some("morgan"));
    let code = RejectCode::MissingReasonNow;
    let lead = after(lead, &Step::Reject(code), None, "Morgan");
    let h = lead.evidence.handoff.clone().expect("rejected");
    assert_eq!((h.state, h.reason), (HandoffState::Rejected, Some(code)));
    assert_eq!(lead.contact.owner.as_deref(), Some("sam"));
}

#[test]
fn only_the_recipient_or_a_manager_decides_and_other_needs_a_note() {
    let lead = after(prospect(), &send(), None, "sam");
    assert!(matches!(
        step(&lead, &Step::Accept, None, "rui"),
        Err(HandoffRefusal::NotRecipient { .. })
    ));
    assert!(
        step(&lead, &Step::Accept, None, "dana").is_ok(),
        "a manager may"
    );
    assert_eq!(
        step(&lead, &Step::Reject(RejectCode::Other), None, "morgan"),
        Err(HandoffRefusal::NoteRequired("reject reason 'other'"))
    );
    assert!(matches!(
        step(&lead, &send(), None, "sam"),
        Err(HandoffRefusal::WrongState { step: "send", .. })
    ));
}

#[test]
fn a_dispute_is_the_senders_and_only_a_manager_settles_it() {
    let lead = after(prospect(), &send(), None, "sam");
    let lead = after(
        lead,
        &Step::Reject(RejectCode::NoBudgetPath),
        None,
        "morgan",
    );
    assert!(matches!(
        step(&lead, &Step::Dispute, Some("x"), "rui"),
        Err(HandoffRefusal::NotSender { .. })
    ));
    assert_eq!(
        step(&lead, &Step::Dispute, None, "sam"),
        Err(HandoffRefusal::NoteRequired("a dispute"))
    );
    let lead = after(lead, &Step::Dispute, Some("Budget is approved"), "sam");
    let settle = Step::Settle { overturn: true };
    let refused = step(&lead, &settle, Some("ok"), "morgan");
    assert!(
        matches!(refused, Err(HandoffRefusal::NotManager { .. })),
        "{refused:?}"
    );
    let overturned = after(lead.clone(), &settle, Some("Budget approved in Q4"), "DANA");
    let h = overturned.evidence.handoff.expect("sent again");
    assert_eq!(h.state, HandoffState::Sent);
    assert_eq!(overturned.contact.owner.as_deref(), Some("morgan"));
    let upheld = after(lead, &Step::Settle { overturn: false }, Some("No"), "dana");
    let h = upheld.evidence.handoff.expect("still rejected");
    assert_eq!(
        (h.state, h.reason),
        (HandoffState::Rejected, Some(RejectCode::NoBudgetPath))
    );
    assert_eq!(upheld.contact.owner.as_deref(), Some("sam"));
}

#[test]
fn with_no_managers_named_the_refusal_says_how_to_name_one() {
    let mut lead = after(prospect(), &send(), None, "sam");
    lead = after(
        lead,
        &Step::Reject(RejectCode::WrongContact),
        None,
        "morgan",
    );
    lead = after(lead, &Step::Dispute, Some("Right contact"), "sam");
    let refused = plan_step(
        &lead,
        &Step::Settle { overturn: true },
        Some("x"),
        "dana",
        &[],
        &Team::default(),
        &GateRules::default(),
        now(),
    )
    .expect_err("nobody is a manager");
    assert!(refused.to_string().contains("[team] managers"), "{refused}");
}

#[test]
fn only_an_active_prospect_is_handed_off() {
    let mut lead = prospect();
    lead.stage = Stage::Lead;
    assert_eq!(
        step(&lead, &send(), None, "sam"),
        Err(HandoffRefusal::NotProspect(Stage::Lead))
    );
    let mut lead = prospect();
    lead.state = State::Nurture;
    assert_eq!(
        step(&lead, &send(), None, "sam"),
        Err(HandoffRefusal::NotActive(State::Nurture))
    );
}
