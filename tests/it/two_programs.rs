//! Two programs on one database never overwrite each other: a write that says what it expects
//! is refused, naming who changed what, when the record changed since it was read.

use chrono::{TimeZone, Utc};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::domain::{Contact, Decision, ReasonCode, RoleRelevance};
use leadgate::store::{Ctx, Expect, Store, StoreError};

fn ctx(actor: &str) -> Ctx {
    Ctx::new(
        actor,
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .unwrap(),
    )
}

#[test]
fn the_second_program_s_stale_write_is_refused_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut desk = Store::open(&path).unwrap();
    let mut script = Store::open(&path).unwrap();
    let contact = Contact {
        name: "Tomasz Wielgosz".into(),
        ..Contact::default()
    };
    let id = desk.add_lead(contact, &ctx("desk")).unwrap().id;
    let shown = desk.lead(&id).unwrap();
    let seen_before = desk.data_version().unwrap();
    let today = ctx("cli").now.date_naive();
    let edit = parse_edit(
        Field::RoleRelevance,
        "relevant",
        Some("Head of Ops"),
        None,
        today,
    )
    .unwrap();
    script.set_field(&id, &edit, &ctx("cli")).unwrap();
    assert_ne!(
        desk.data_version().unwrap(),
        seen_before,
        "the desk notices"
    );
    // The desk writes from what it showed: role unknown, no why.
    let stale = parse_edit(Field::RoleRelevance, "relevant", None, None, today).unwrap();
    let err = desk
        .set_field_expecting(
            &id,
            &stale,
            Some(&Expect::Version(shown.version)),
            &ctx("desk"),
        )
        .unwrap_err();
    let StoreError::Changed(changed) = &err else {
        panic!("{err}")
    };
    let text = err.to_string();
    assert!(
        text.contains("Tomasz Wielgosz changed since you saw it"),
        "{text}"
    );
    assert!(text.contains("by cli"), "{text}");
    let now = desk.lead(&id).unwrap();
    assert_eq!(now.evidence.role_relevance, RoleRelevance::Relevant);
    assert_eq!(
        now.evidence.role_relevance_why.as_deref(),
        Some("Head of Ops")
    );
    // Reapplying knowingly, over the version the refusal named, is allowed.
    desk.decide_expecting(
        &id,
        &Decision::Nurture(ReasonCode::Stalled),
        None,
        Some(&Expect::Version(changed.version)),
        &ctx("desk"),
    )
    .unwrap();
}

#[test]
fn set_expect_refuses_when_the_field_changed() {
    let db = crate::support::Db::new();
    let id = db.add("Priya Raman", "priya@tidewater.example");
    db.ok(&[
        "set", &id, "icp_fit", "fit", "--note", "3PL", "--expect", "unknown",
    ]);
    let out = db
        .cmd()
        .args(["set", &id, "icp_fit", "not_fit", "--expect", "unknown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = crate::support::stderr_of(&out);
    assert!(
        err.contains("Priya Raman changed since you saw it"),
        "{err}"
    );
    assert!(err.contains("icp_fit unknown → fit"), "{err}");
    assert!(db.ok(&["show", &id]).contains("fit — 3PL"));
}

mod workstation {
    use crate::tui_support::{desk_on_file, now};
    use leadgate::domain::field::{Field, parse_edit};
    use leadgate::domain::{Decision, ReasonCode, RoleRelevance, State};
    use leadgate::store::{Ctx, Store};
    use leadgate::tui::action::Action;
    use leadgate::tui::perform;
    use leadgate::tui::popup::Popup;

    /// The desk and a second program, on one database file (kept while the folder lives).
    fn shared() -> (tempfile::TempDir, crate::tui_support::Desk, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.db");
        let desk = desk_on_file(&path);
        let other = Store::open(&path).unwrap();
        (dir, desk, other)
    }

    fn cli_sets_role(other: &mut Store, id: &str) {
        let edit = parse_edit(
            Field::RoleRelevance,
            "relevant",
            Some("Runs dispatch; signs off tools"),
            None,
            now().date_naive(),
        )
        .unwrap();
        other.set_field(id, &edit, &Ctx::new("sam", now())).unwrap();
    }

    #[test]
    fn a_key_on_a_stale_screen_is_refused_and_says_who_changed_what() {
        let (_dir, mut d, mut other) = shared();
        d.select("Info Desk");
        let id = d.app.selected_row().unwrap().lead.id.clone();
        let before = d.app.detail.as_ref().unwrap().lead.evidence.role_relevance;
        assert_ne!(
            before,
            RoleRelevance::Relevant,
            "the desk shows the old role"
        );
        cli_sets_role(&mut other, &id);
        d.press(&["r"]);
        let why = d.store.lead(&id).unwrap().evidence.role_relevance_why;
        assert_eq!(
            why.as_deref(),
            Some("Runs dispatch; signs off tools"),
            "not wiped"
        );
        let Some(Popup::Changed { message, .. }) = d.app.popups.last() else {
            panic!("no conflict shown: {:?}", d.app.status)
        };
        assert!(message.contains("by sam"), "{message}");
        assert!(message.contains("role_relevance"), "{message}");
        // The screen now shows their change.
        let shown = &d.app.detail.as_ref().unwrap().lead;
        assert_eq!(shown.evidence.role_relevance, RoleRelevance::Relevant);
        insta::assert_snapshot!("changed_meanwhile_80x24", d.screen(80, 24));
        d.press(&["Esc"]);
        assert!(d.app.popups.is_empty());
        assert_eq!(
            d.store.lead(&id).unwrap().evidence.role_relevance,
            RoleRelevance::Relevant
        );
    }

    #[test]
    fn undo_never_rolls_back_a_later_edit_by_someone_else() {
        let (_dir, mut d, mut other) = shared();
        d.select("Info Desk");
        let id = d.app.selected_row().unwrap().lead.id.clone();
        d.press(&["i"]); // the desk changes ICP fit
        assert_eq!(
            d.store.lead(&id).unwrap().evidence.icp_fit,
            leadgate::domain::IcpFit::Fit
        );
        let edit = parse_edit(
            Field::IcpFit,
            "not_fit",
            Some("B2C"),
            None,
            now().date_naive(),
        )
        .unwrap();
        other
            .set_field(&id, &edit, &Ctx::new("sam", now()))
            .unwrap();
        d.press(&["u"]);
        let after = d.store.lead(&id).unwrap();
        assert_eq!(after.evidence.icp_fit, leadgate::domain::IcpFit::NotFit);
        assert_eq!(
            after.evidence.icp_fit_why.as_deref(),
            Some("B2C"),
            "sam's edit stays"
        );
        assert!(matches!(d.app.popups.last(), Some(Popup::Changed { .. })));
    }

    #[test]
    fn a_change_by_another_program_shows_without_a_key_keeping_the_selection() {
        let (_dir, mut d, mut other) = shared();
        d.press(&["j"]);
        let selected = d.selected_name();
        let first = d.app.rows[0].lead.clone();
        let seen = d.store.data_version().unwrap();
        other
            .decide(
                &first.id,
                &Decision::Disqualify(ReasonCode::BadData),
                None,
                &Ctx::new("sam", now()),
            )
            .unwrap();
        assert_ne!(d.store.data_version().unwrap(), seen);
        // What the workstation's idle look does once it sees the data version move.
        let commands = d.app.update(Action::Refresh);
        perform(&mut d.store, &mut d.app, "tester", commands);
        assert!(
            !d.app.rows.iter().any(|r| r.lead.id == first.id),
            "the disqualified lead left Today"
        );
        assert_eq!(d.selected_name(), selected, "the selection stays");
        let all = d.app.count(leadgate::domain::Queue::Disqualified);
        assert_eq!(all, Some(1));
        assert_eq!(d.store.lead(&first.id).unwrap().state, State::Disqualified);
    }

    #[test]
    fn a_lead_another_program_moves_up_the_queue_stays_selected() {
        let (_dir, mut d, mut other) = shared();
        d.app.page_rows = 1; // one row on screen: the window scrolls
        d.select("Tomasz Wielgosz");
        assert_eq!(
            d.app.offset, d.app.selected,
            "Tomasz is the first row on screen"
        );
        let id = d.app.selected_row().unwrap().lead.id.clone();
        // His score rises above where the window starts.
        let edit = parse_edit(
            Field::ReasonNow,
            "Opening a depot",
            None,
            Some(now().date_naive()),
            now().date_naive(),
        )
        .unwrap();
        other
            .set_field(&id, &edit, &Ctx::new("sam", now()))
            .unwrap();
        let commands = d.app.update(Action::Refresh);
        perform(&mut d.store, &mut d.app, "tester", commands);
        assert_eq!(d.selected_name(), "Tomasz Wielgosz");
        let shown = &d.app.detail.as_ref().unwrap().lead;
        assert_eq!(
            shown.evidence.reason_now.as_deref(),
            Some("Opening a depot")
        );
    }
}
