use super::*;
use crate::domain::gate::GateItem;
use crate::domain::qualification::{IcpFit, IntentSource, RoleRelevance};
use crate::domain::transition::Restore;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date")
}

fn ready() -> Evidence {
    Evidence {
        icp_fit: IcpFit::Fit,
        icp_fit_why: Some("fits".into()),
        role_relevance: RoleRelevance::Relevant,
        role_relevance_why: Some("owns it".into()),
        intent_source: Some(IntentSource::Reply),
        intent_detail: Some("replied yes".into()),
        reason_now: Some("new budget".into()),
        reason_now_on: Some(today()),
        ..Evidence::default()
    }
}

fn run(
    stage: Stage,
    state: State,
    ev: &Evidence,
    d: Decision,
    note: Option<&str>,
) -> Result<Plan, Refusal> {
    plan(stage, state, ev, &d, note, today(), &GateRules::default())
}

#[test]
fn promotion_moves_one_stage_and_keeps_the_checklist() {
    let p = run(
        Stage::Lead,
        State::Active,
        &ready(),
        Decision::Promote,
        None,
    )
    .expect("promotes");
    assert_eq!(p.stage, Some((Stage::Lead, Stage::Prospect)));
    assert_eq!(p.state, None);
    assert!(p.checklist.expect("snapshot").passed());
}

#[test]
fn refused_promotion_lists_what_is_missing() {
    let mut ev = ready();
    ev.intent_source = None;
    let Err(Refusal::Gate(list)) = run(Stage::Lead, State::Active, &ev, Decision::Promote, None)
    else {
        panic!("expected a gate refusal");
    };
    let missing: Vec<_> = list.missing().map(|i| i.item).collect();
    assert_eq!(missing, vec![GateItem::IntentSource]);
}

#[test]
fn parked_records_are_not_promoted() {
    let r = run(
        Stage::Lead,
        State::Nurture,
        &ready(),
        Decision::Promote,
        None,
    );
    assert_eq!(r, Err(Refusal::NotActive(State::Nurture)));
}

#[test]
fn nothing_promotes_past_opportunity() {
    let r = run(
        Stage::Opportunity,
        State::Active,
        &ready(),
        Decision::Promote,
        None,
    );
    assert_eq!(r, Err(Refusal::NoNextStage(Stage::Opportunity)));
}

#[test]
fn nurturing_a_prospect_passes_it_back_to_lead() {
    let p = run(
        Stage::Prospect,
        State::Active,
        &ready(),
        Decision::Nurture(ReasonCode::Stalled),
        None,
    )
    .expect("nurtures");
    assert_eq!(p.stage, Some((Stage::Prospect, Stage::Lead)));
    assert_eq!(p.state, Some((State::Active, State::Nurture)));
}

#[test]
fn disqualifying_a_lead_changes_only_state() {
    let p = run(
        Stage::Lead,
        State::Active,
        &Evidence::default(),
        Decision::Disqualify(ReasonCode::Student),
        None,
    )
    .expect("disqualifies");
    assert_eq!(p.stage, None);
    assert_eq!(p.state, Some((State::Active, State::Disqualified)));
}

#[test]
fn other_needs_a_note() {
    let d = Decision::Disqualify(ReasonCode::Other);
    assert_eq!(
        run(Stage::Lead, State::Active, &ready(), d.clone(), Some(" ")),
        Err(Refusal::NoteRequired(ReasonCode::Other))
    );
    assert!(
        run(
            Stage::Lead,
            State::Active,
            &ready(),
            d,
            Some("wrong market")
        )
        .is_ok()
    );
}

#[test]
fn reopen_only_from_a_parked_state() {
    assert_eq!(
        run(Stage::Lead, State::Active, &ready(), Decision::Reopen, None),
        Err(Refusal::AlreadyInState(State::Active))
    );
    let p = run(
        Stage::Lead,
        State::Disqualified,
        &ready(),
        Decision::Reopen,
        None,
    )
    .expect("reopens");
    assert_eq!(p.state, Some((State::Disqualified, State::Active)));
    assert_eq!(p.stage, None);
}

#[test]
fn customers_are_not_parked() {
    let r = run(
        Stage::Customer,
        State::Active,
        &ready(),
        Decision::Nurture(ReasonCode::Stalled),
        None,
    );
    assert_eq!(r, Err(Refusal::Customer));
}

proptest! {
    /// A promotion that is allowed always moves exactly one stage forward and carries a
    /// passing checklist; whatever is refused changes nothing.
    #[test]
    fn promotion_is_gated_for_every_stage_and_state(
        stage in prop::sample::select(Stage::ALL.to_vec()),
        state in prop::sample::select(State::ALL.to_vec()),
        complete in any::<bool>(),
    ) {
        let ev = if complete { ready() } else { Evidence::default() };
        match run(stage, state, &ev, Decision::Promote, None) {
            Ok(p) => {
                prop_assert_eq!(state, State::Active);
                prop_assert_eq!(p.stage, Some((stage, stage.next().expect("next stage"))));
                prop_assert!(p.checklist.expect("checklist").passed());
            }
            Err(Refusal::Gate(list)) => prop_assert!(!list.passed()),
            Err(_) => prop_assert!(state != State::Active || stage.next().is_none()),
        }
    }
}

#[test]
fn undo_goes_back_freely_but_forward_only_through_the_gate() {
    let back = Decision::Undo {
        stage: Stage::Lead,
        state: State::Active,
        restore: Restore::default(),
    };
    let p = run(
        Stage::Prospect,
        State::Active,
        &Evidence::default(),
        back,
        None,
    )
    .expect("back");
    assert_eq!(p.stage, Some((Stage::Prospect, Stage::Lead)));
    let forward = Decision::Undo {
        stage: Stage::Prospect,
        state: State::Active,
        restore: Restore::default(),
    };
    assert!(matches!(
        run(
            Stage::Lead,
            State::Nurture,
            &Evidence::default(),
            forward.clone(),
            None
        ),
        Err(Refusal::Gate(_))
    ));
    let p =
        run(Stage::Lead, State::Nurture, &ready(), forward, None).expect("forward with evidence");
    assert_eq!(p.stage, Some((Stage::Lead, Stage::Prospect)));
    assert_eq!(p.state, Some((State::Nurture, State::Active)));
    assert!(p.checklist.expect("checklist").passed());
}

#[test]
fn only_an_active_lead_is_removed_and_a_removed_record_takes_no_decision() {
    let p = run(Stage::Lead, State::Active, &ready(), Decision::Remove, None).expect("removes");
    assert_eq!(p.state, Some((State::Active, State::Removed)));
    assert_eq!(
        run(
            Stage::Prospect,
            State::Active,
            &ready(),
            Decision::Remove,
            None
        ),
        Err(Refusal::NotRemovable(Stage::Prospect))
    );
    for d in [
        Decision::Promote,
        Decision::Reopen,
        Decision::Nurture(ReasonCode::Stalled),
        Decision::Remove,
    ] {
        assert_eq!(
            run(Stage::Lead, State::Removed, &ready(), d, None),
            Err(Refusal::Removed)
        );
    }
}
