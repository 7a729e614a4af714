//! Opt-outs in the workstation: a lead parked as opted out asks before it is reopened, and an
//! opt-out flag is resolved only with the day the person consented again.

use crate::tui_support::{desk, now};
use leadgate::domain::{Decision, Flag, ReasonCode, State};
use leadgate::store::Ctx;
use leadgate::tui::popup::{Popup, Prompt};

#[test]
fn reopening_someone_who_opted_out_warns_and_needs_a_reason() {
    let mut d = desk();
    d.select("Info Desk");
    let id = d.app.selected_row().expect("a row").lead.id.clone();
    d.store
        .decide(
            &id,
            &Decision::Nurture(ReasonCode::OptedOut),
            None,
            &Ctx::new("dana", now()),
        )
        .expect("nurture");
    d.press(&["5"]);
    d.select("Info Desk");
    d.press(&["R"]);
    assert!(
        matches!(
            d.app.popups.last(),
            Some(Popup::Prompt {
                prompt: Prompt::ReopenOptedOut { .. },
                ..
            })
        ),
        "R asks first"
    );
    let screen = d.screen(80, 24);
    assert!(screen.contains("Reopen someone who opted out?"), "{screen}");
    assert!(screen.contains("asked not to be contacted"), "{screen}");
    d.press(&["Enter"]);
    assert_eq!(
        d.store.lead(&id).expect("lead").state,
        State::Nurture,
        "no reason, no reopen"
    );
    d.type_text("Called us back on 30 Nov and asked for a demo");
    d.press(&["Enter"]);
    let lead = d.store.lead(&id).expect("lead");
    assert_eq!(lead.state, State::Active);
    let history = d.store.history(&id).expect("history");
    assert!(
        history
            .last()
            .and_then(|e| e.note.as_deref())
            .is_some_and(|n| n.contains("asked for a demo")),
        "{history:?}"
    );
}

#[test]
fn an_opt_out_flag_asks_for_the_day_of_renewed_consent_before_the_note() {
    let mut d = desk();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("optouts.csv");
    std::fs::write(
        &path,
        "Name,Email,Email Opt Out\nZed Varga,zed@varga.example,true\n",
    )
    .expect("write");
    d.press(&["I"]);
    d.type_text(&path.display().to_string());
    d.press(&["Enter"]);
    let summary = d.screen(80, 24);
    assert!(summary.contains("do_not_contact 1"), "{summary}");
    d.press(&["Esc", "5"]);
    d.select("Zed Varga");
    d.press(&["f"]);
    let asked = d.screen(80, 24);
    assert!(asked.contains("The person opted out"), "{asked}");
    assert!(asked.contains("Email Opt Out is 'true'"), "{asked}");
    d.type_text("2999-01-01");
    d.press(&["Enter"]);
    assert!(
        d.screen(80, 24).contains("after today"),
        "a future day is refused"
    );
    for _ in 0.."2999-01-01".len() {
        d.press(&["Backspace"]);
    }
    d.type_text("2026-11-01");
    d.press(&["Enter"]);
    let noted = d.screen(80, 24);
    assert!(
        noted.contains("They consented again on 2026-11-01"),
        "{noted}"
    );
    d.type_text("Signed the opt-in form at the fair");
    d.press(&["Enter"]);
    let id = d.app.selected_row().expect("a row").lead.id.clone();
    let lead = d.store.lead(&id).expect("Zed");
    assert_eq!(lead.contact.name, "Zed Varga");
    let flag = lead
        .evidence
        .flags
        .iter()
        .find(|f| f.flag == Flag::DoNotContact)
        .expect("flag");
    assert_eq!(
        flag.resolved
            .as_ref()
            .and_then(|r| r.consent_on)
            .map(|d| d.to_string())
            .as_deref(),
        Some("2026-11-01")
    );
}
