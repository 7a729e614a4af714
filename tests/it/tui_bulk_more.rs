//! The bulk actions beyond decisions: an owner for many leads (and for one), the rules'
//! suggestions accepted for many, one flag resolved on many.

use crate::tui_support::{desk, desk_with, id_on_screen as id_of};
use leadgate::domain::RoleRelevance;
use leadgate::tui::popup::Popup;

fn owner(d: &crate::tui_support::Desk, id: &str) -> Option<String> {
    d.store.lead(id).expect("lead").contact.owner
}

fn result_lines(d: &crate::tui_support::Desk) -> Vec<String> {
    match d.app.popups.last() {
        Some(Popup::BulkResult { lines, .. }) => lines.clone(),
        other => panic!("the result: {other:?}"),
    }
}

#[test]
fn w_gives_one_lead_a_typed_owner_and_the_marked_ones_a_known_owner_each_undone() {
    let mut d = desk();
    let maren = id_of(&d, "Maren Okafor");
    let tomasz = id_of(&d, "Tomasz Wielgosz");
    let info = id_of(&d, "Info Desk");
    // One lead: a new name, typed.
    d.press(&["w"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Owner(_))));
    d.type_text("Dana Rees");
    d.press(&["Enter"]);
    assert!(d.app.popups.is_empty(), "{:?}", d.app.popups.last());
    assert_eq!(owner(&d, &maren).as_deref(), Some("Dana Rees"));
    let last = d.store.history(&maren).expect("h").pop().expect("entry");
    assert_eq!(last.field.as_deref(), Some("owner"));

    // The marked leads: the owner now known is listed, and typing part of it picks it.
    d.press(&["j", "v", "j", "V", "w"]);
    d.type_text("rees");
    insta::assert_snapshot!("owner_pick_80", d.screen(80, 24));
    insta::assert_snapshot!("owner_pick_140", d.screen(140, 42));
    d.press(&["Enter"]);
    let Some(Popup::ConfirmBulk { .. }) = d.app.popups.last() else {
        panic!("the confirmation: {:?}", d.app.popups.last());
    };
    assert!(
        d.screen(80, 24)
            .contains("Assign 2 marked leads to Dana Rees?"),
        "{}",
        d.screen(80, 24)
    );
    assert_eq!(
        owner(&d, &tomasz).as_deref(),
        Some("dana"),
        "nothing before the confirmation"
    );
    d.press(&["y"]);
    assert_eq!(result_lines(&d), vec!["2 assigned"]);
    assert_eq!(owner(&d, &tomasz).as_deref(), Some("Dana Rees"));
    assert_eq!(owner(&d, &info).as_deref(), Some("Dana Rees"));

    // u (on the result too) takes the whole assignment back, then the single one: each had
    // its own owner.
    d.press(&["u"]);
    assert!(
        !matches!(d.app.popups.last(), Some(Popup::BulkResult { title, .. }) if !title.starts_with("Undone"))
    );
    // The undo's own result offers no undo of its own: u would take back something else.
    assert!(!d.screen(80, 24).contains("u undoes it"), "{}", d.screen(80, 24));
    assert_eq!(owner(&d, &tomasz).as_deref(), Some("dana"));
    assert_eq!(owner(&d, &info).as_deref(), Some("dana"));
    assert_eq!(owner(&d, &maren).as_deref(), Some("Dana Rees"));
    d.press(&["Esc", "u"]);
    assert_eq!(owner(&d, &maren).as_deref(), Some("dana"));
}

#[test]
fn a_blank_owner_is_refused_in_the_picker_and_esc_changes_nothing() {
    let mut d = desk();
    let maren = id_of(&d, "Maren Okafor");
    d.press(&["w", "Enter"]);
    let Some(Popup::Owner(pick)) = d.app.popups.last() else {
        panic!("still open: {:?}", d.app.popups.last());
    };
    assert!(pick.error.is_some());
    // ↓ highlights a known owner; Esc leaves the lead as it was all the same.
    d.press(&["Down"]);
    let Some(Popup::Owner(pick)) = d.app.popups.last() else {
        panic!("still open: {:?}", d.app.popups.last());
    };
    assert_eq!(pick.selected, Some(0));
    d.press(&["Esc"]);
    assert!(d.app.popups.is_empty());
    assert_eq!(owner(&d, &maren).as_deref(), Some("dana"));
}

#[test]
fn a_with_marks_accepts_each_leads_own_suggestions_after_the_confirmation() {
    let mut d = desk_with(3, 30);
    d.app.rules.roles.not_relevant =
        vec![leadgate::domain::icp::Pattern::new(r"\banalyst\b").expect("pattern")];
    let extra: Vec<String> = (0..3).map(|i| id_of(&d, &format!("Lead {i:04}"))).collect();
    let maren = id_of(&d, "Maren Okafor");
    d.press(&["*", "a"]);
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::ConfirmBulk { .. })
    ));
    d.press(&["Enter"]);
    let lines = result_lines(&d);
    assert_eq!(lines[0], "3 accepted", "{lines:?}");
    assert!(
        lines.iter().any(|l| l.ends_with("with nothing suggested")),
        "{lines:?}"
    );
    for id in &extra {
        let lead = d.store.lead(id).expect("lead");
        assert_eq!(lead.evidence.role_relevance, RoleRelevance::NotRelevant);
    }
    let before = d.store.lead(&maren).expect("maren").evidence.role_relevance;
    assert_eq!(
        before,
        RoleRelevance::Relevant,
        "a verified role is left as it is"
    );
    d.press(&["Esc", "u"]);
    for id in &extra {
        let lead = d.store.lead(id).expect("lead");
        assert_eq!(lead.evidence.role_relevance, RoleRelevance::Unknown);
    }
}

#[test]
fn f_with_marks_resolves_the_flag_picked_where_it_is_open_with_one_note() {
    let mut d = desk();
    let info = id_of(&d, "Info Desk");
    let tomasz = id_of(&d, "Tomasz Wielgosz");
    // Tomasz and Info Desk: only Info Desk is a role inbox.
    d.press(&["j", "v", "j", "V", "f"]);
    let Some(Popup::Pick { .. }) = d.app.popups.last() else {
        panic!("the flag list: {:?}", d.app.popups.last());
    };
    assert!(
        !d.screen(140, 42).contains("do_not_contact"),
        "an opt-out is resolved one lead at a time"
    );
    d.press(&["r", "Enter"]);
    d.press(&["Enter"]);
    assert!(
        d.screen(140, 42).contains("A note is needed"),
        "{}",
        d.screen(140, 42)
    );
    d.type_text("The office desk routes to the founder");
    d.press(&["Enter"]);
    assert!(
        d.screen(140, 42)
            .contains("Note: The office desk routes to the founder"),
        "{}",
        d.screen(140, 42)
    );
    d.press(&["y"]);
    assert_eq!(
        result_lines(&d),
        vec!["1 resolved", "1 with no open role_inbox flag"]
    );
    let flags = d.store.lead(&info).expect("info").evidence.flags;
    let inbox = flags
        .iter()
        .find(|f| f.flag == leadgate::domain::Flag::RoleInbox)
        .expect("flag");
    assert_eq!(
        inbox.resolved.as_ref().map(|r| r.note.as_str()),
        Some("The office desk routes to the founder")
    );
    assert!(d.store.lead(&tomasz).expect("t").evidence.flags.is_empty());
    d.press(&["Esc", "u"]);
    let status = d.app.status.as_ref().expect("status");
    assert!(
        status.text.starts_with("Cannot undo resolving flags"),
        "{status:?}"
    );
}
