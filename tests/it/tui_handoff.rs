//! The handoff in the workstation: the package with its gaps filled in place, the send, the
//! AE's reject reason picker, the pass-back to the SDR's Today, a dispute, a manager's
//! settlement, and the Handoffs, Stalled and Review queues.

use crate::tui_support::{Desk, desk, now};
use chrono::Duration;
use leadgate::domain::deal::{Authority, Engagement, Stakeholder};
use leadgate::domain::handoff::{HandoffState, RejectCode, Step};
use leadgate::domain::touch::TouchKind;
use leadgate::domain::{Decision, Queue};
use leadgate::store::Ctx;
use leadgate::tui::popup::Popup;

fn as_dana(hours_ago: i64) -> Ctx {
    Ctx::new("dana", now() - Duration::hours(hours_ago))
}

/// The id of the desk's lead whose name starts with `name`.
fn id_of(d: &Desk, name: &str) -> String {
    let found = d
        .store
        .page(
            &leadgate::store::ListSource::Search(name.into()),
            None,
            leadgate::store::Direction::Forward,
            5,
        )
        .expect("search");
    found.into_iter().next().expect("in the desk").lead.id
}

fn priya(d: &Desk) -> String {
    id_of(d, "Priya")
}

/// Priya's package made complete by dana through the store, then sent to `to`.
fn sent_to(d: &mut Desk, to: &str) -> String {
    let id = priya(d);
    let ctx = as_dana(4);
    let on = ctx.now.date_naive();
    d.store
        .log_touch(&id, TouchKind::Call, on, "Discovery call", None, &ctx)
        .expect("touch");
    let edit = leadgate::domain::field::parse_edit(
        leadgate::domain::Field::PainPoint,
        "Routes planned by hand",
        Some("Overtime up 25%"),
        None,
        on,
    )
    .expect("edit");
    d.store.set_field(&id, &edit, &ctx).expect("pain point");
    let person = Stakeholder {
        name: "Kim Osei".into(),
        role: "COO".into(),
        engagement: Engagement::Engaged,
        authority: Authority::Confirmed,
    };
    d.store
        .add_stakeholder(&id, person, None, &ctx)
        .expect("stakeholder");
    let send = Step::Send { to: to.into() };
    d.store
        .handoff(&id, &send, None, None, &as_dana(3))
        .expect("sent");
    id
}

/// Both sizes of the screen, the 80×24 one drawn after the app knows its size.
fn both(d: &mut Desk, name: &str) {
    d.resize(80, 24);
    insta::assert_snapshot!(format!("{name}_80x24"), d.screen(80, 24));
    d.resize(140, 42);
    insta::assert_snapshot!(format!("{name}_140x42"), d.screen(140, 42));
}

fn status(d: &Desk) -> String {
    d.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_package_names_its_gaps_fills_them_in_place_and_sends_the_handoff() {
    let mut d = desk();
    d.press(&["2"]);
    d.select("Priya Raman");
    d.press(&["P"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Package { .. })));
    let screen = d.screen(140, 42);
    for gap in [
        "✗ Problem statement",
        "✗ Conversation notes",
        "✗ Stakeholder view",
    ] {
        assert!(screen.contains(gap), "{gap} in\n{screen}");
    }
    both(&mut d, "package_with_gaps");

    // The problem statement, with its consequence on the editor's second line.
    d.press(&["j", "j", "Enter"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Editor(_))));
    d.type_text("Routes planned by hand");
    d.press(&["Tab"]);
    d.type_text("Overtime up 25%");
    d.press(&["Enter"]);
    // A touch, through the kind picker and its note.
    d.press(&["L"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Pick { .. })));
    d.press(&["Enter"]);
    d.type_text("Discovery call: three hours a day on routes");
    d.press(&["Enter"]);
    // A stakeholder, through the form.
    d.press(&["+"]);
    d.type_text("Kim Osei");
    d.press(&["Tab"]);
    d.type_text("COO, signs off tooling");
    d.press(&["Tab", "Tab", "Right", "Enter"]);
    let id = priya(&d);
    let lead = d.store.lead(&id).expect("lead");
    assert_eq!(
        lead.evidence.pain_consequence.as_deref(),
        Some("Overtime up 25%")
    );
    assert_eq!(d.store.touches(&id).expect("touches").len(), 1);
    let person = &lead.evidence.stakeholders[0];
    assert_eq!(
        (person.name.as_str(), person.authority),
        ("Kim Osei", Authority::Confirmed)
    );
    assert!(!d.screen(140, 42).contains('✗'), "every item passes now");

    // Sent: the AE owns it and it is in the Handoffs queue.
    d.press(&["s"]);
    d.type_text("morgan");
    d.press(&["Enter"]);
    assert!(
        status(&d).contains("handed off to morgan"),
        "{}",
        status(&d)
    );
    let lead = d.store.lead(&id).expect("lead");
    assert_eq!(lead.contact.owner.as_deref(), Some("morgan"));
    assert_eq!(
        lead.evidence.handoff.map(|h| h.state),
        Some(HandoffState::Sent)
    );
    assert_eq!(d.app.count(Queue::Handoffs), Some(1));
}

#[test]
fn the_ae_rejects_with_a_reason_code_and_the_record_is_back_in_the_sdrs_today() {
    let mut d = desk();
    let id = sent_to(&mut d, "tester");
    d.press(&["8"]);
    assert_eq!(d.selected_name(), "Priya Raman");
    both(&mut d, "handoffs_queue");
    d.press(&["P", "r"]);
    both(&mut d, "reject_reason_picker");
    // A letter jumps to the reason it starts: missing_fit_proof, then the next "m".
    d.press(&["m", "m"]);
    d.press(&["Enter"]);
    d.type_text("The depot opens next year");
    d.press(&["Enter"]);
    let lead = d.store.lead(&id).expect("lead");
    let h = lead.evidence.handoff.clone().expect("handoff");
    assert_eq!(
        (h.state, h.reason),
        (HandoffState::Rejected, Some(RejectCode::MissingReasonNow))
    );
    assert_eq!(lead.contact.owner.as_deref(), Some("dana"));
    assert!(status(&d).contains("back to dana"), "{}", status(&d));
    // In Today, with the reason on the record.
    d.press(&["Esc", "1"]);
    d.select("Priya Raman");
    let screen = d.screen(140, 42);
    assert!(
        screen.contains("Handoff: Rejected by tester: No reason to act now"),
        "{screen}"
    );
    // Only the SDR who sent it, or a manager, disputes it.
    d.press(&["P", "d"]);
    d.type_text("The lease is signed");
    d.press(&["Enter"]);
    assert!(
        status(&d).contains("sent by dana; only they or a manager can dispute it"),
        "{}",
        status(&d)
    );
    assert_eq!(
        d.store
            .lead(&id)
            .expect("lead")
            .evidence
            .handoff
            .map(|h| h.state),
        Some(HandoffState::Rejected),
        "nothing written"
    );
}

#[test]
fn a_manager_settles_a_dispute_from_the_review_queue_and_stalled_records_are_listed() {
    let mut d = desk();
    let id = sent_to(&mut d, "morgan");
    let morgan = Ctx::new("morgan", now() - Duration::hours(2));
    d.store
        .handoff(
            &id,
            &Step::Reject(RejectCode::NoBudgetPath),
            None,
            None,
            &morgan,
        )
        .expect("rejected");
    d.store
        .handoff(
            &id,
            &Step::Dispute,
            Some("Budget approved in Q4"),
            None,
            &as_dana(1),
        )
        .expect("disputed");
    // Tomasz, a prospect nobody has touched for three weeks.
    let tomasz = id_of(&d, "Tomasz");
    let weeks_ago = Ctx::new("dana", now() - Duration::days(21));
    for (field, value, note) in [
        ("role_relevance", "relevant", "Head of Ops owns dispatch"),
        ("intent_source", "reply", "Replied to the case study"),
    ] {
        let field = leadgate::domain::Field::parse(field).expect("field");
        let edit = leadgate::domain::field::parse_edit(
            field,
            value,
            Some(note),
            None,
            weeks_ago.now.date_naive(),
        )
        .expect("edit");
        d.store.set_field(&tomasz, &edit, &weeks_ago).expect("set");
    }
    let edit = leadgate::domain::field::parse_edit(
        leadgate::domain::Field::ReasonNow,
        "Hiring two dispatchers",
        None,
        None,
        weeks_ago.now.date_naive(),
    )
    .expect("edit");
    d.store.set_field(&tomasz, &edit, &weeks_ago).expect("set");
    d.store
        .decide(&tomasz, &Decision::Promote, None, &weeks_ago)
        .expect("promoted three weeks ago");
    d.store
        .rescore_all(&Ctx::new("tester", now()), 500, |_| true)
        .expect("rescore");

    d.press(&["0"]);
    assert_eq!(d.selected_name(), "Priya Raman");
    both(&mut d, "review_queue");
    // Not a manager: refused, and said so.
    d.press(&["P", "O"]);
    d.type_text("Budget is approved");
    d.press(&["Enter"]);
    assert!(
        status(&d).contains("only a manager settles a dispute"),
        "{}",
        status(&d)
    );
    d.press(&["Esc"]);
    // A manager named in the rules overturns it: back to the AE.
    d.app.rules.team.managers = vec!["tester".into()];
    d.press(&["P", "O"]);
    d.type_text("Budget is approved");
    d.press(&["Enter"]);
    let lead = d.store.lead(&id).expect("lead");
    assert_eq!(
        lead.evidence.handoff.map(|h| h.state),
        Some(HandoffState::Sent)
    );
    assert_eq!(lead.contact.owner.as_deref(), Some("morgan"));
    assert_eq!(d.app.count(Queue::Review), Some(0));

    d.press(&["9"]);
    assert_eq!(d.selected_name(), "Tomasz Wielgosz");
    both(&mut d, "stalled_queue");
}

#[test]
fn a_refused_opportunity_fills_its_stakeholders_and_handoff_in_place() {
    let mut d = desk();
    d.press(&["2"]);
    d.select("Priya Raman");
    d.press(&["p"]);
    let Some(Popup::Refused { .. }) = d.app.popups.last() else {
        panic!("the opportunity gate refuses")
    };
    let items = d.app.refused_items();
    let at = |item| {
        items
            .iter()
            .position(|i| i.item == item)
            .expect("in the panel")
    };
    // Down to the stakeholders item, Enter: the stakeholder form, not the flag prompt.
    for _ in 0..at(leadgate::domain::GateItem::Stakeholders) {
        d.press(&["j"]);
    }
    d.press(&["Enter"]);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Stakeholder(_))),
        "{:?}",
        d.app.popups.last()
    );
    d.type_text("Kim Osei");
    d.press(&["Enter"]);
    let id = priya(&d);
    assert_eq!(
        d.store.lead(&id).expect("lead").evidence.stakeholders.len(),
        1
    );
    // The accepted handoff: the package opens.
    let items = d.app.refused_items();
    let handoff = items
        .iter()
        .position(|i| i.item == leadgate::domain::GateItem::HandoffAccepted)
        .expect("in the panel");
    d.press(&["g"]);
    for _ in 0..handoff {
        d.press(&["j"]);
    }
    d.press(&["Enter"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Package { .. })));
}
