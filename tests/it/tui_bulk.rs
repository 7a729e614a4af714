//! Bulk actions in the workstation: marks, one confirmation, each lead through its own gate,
//! the result grouped, and one undo for the whole.

use crate::tui_support::{desk, desk_with, id_on_screen as id_of};
use leadgate::domain::{Queue, Stage, State};
use leadgate::tui::popup::Popup;

fn count(d: &crate::tui_support::Desk, q: Queue) -> u64 {
    d.app.count(q).expect("counted")
}

#[test]
fn a_marked_range_is_promoted_each_through_its_gate_and_undone_as_one_step() {
    let mut d = desk();
    let names = ["Maren Okafor", "Tomasz Wielgosz", "Info Desk"];
    let ids: Vec<String> = names.iter().map(|n| id_of(&d, n)).collect();
    let history = |d: &crate::tui_support::Desk, id: &str| d.store.history(id).expect("h").len();
    let before: Vec<usize> = ids.iter().map(|id| history(&d, id)).collect();
    // v on the first, down two, V: the range from the mark to here.
    d.press(&["v", "j", "j", "V"]);
    assert_eq!(d.app.marked_count(), Some(3));
    assert!(ids.iter().all(|id| d.app.is_marked(id)));
    insta::assert_snapshot!("bulk_marked_80", d.screen(80, 24));
    insta::assert_snapshot!("bulk_marked_140", d.screen(140, 42));

    d.press(&["p"]);
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::ConfirmBulk { .. })
    ));
    insta::assert_snapshot!("bulk_confirm_80", d.screen(80, 24));
    insta::assert_snapshot!("bulk_confirm_140", d.screen(140, 42));
    assert_eq!(
        count(&d, Queue::Prospects),
        1,
        "nothing before the confirmation"
    );

    d.press(&["y"]);
    let Some(Popup::BulkResult { lines, .. }) = d.app.popups.last() else {
        panic!("the result: {:?}", d.app.popups.last());
    };
    assert_eq!(lines[0], "1 promoted");
    assert_eq!(lines.len(), 3, "two groups of refusals: {lines:?}");
    insta::assert_snapshot!("bulk_result_80", d.screen(80, 24));
    insta::assert_snapshot!("bulk_result_140", d.screen(140, 42));
    assert_eq!(
        (count(&d, Queue::Today), count(&d, Queue::Prospects)),
        (2, 2)
    );
    // Only the promoted lead has a new entry; the marks are gone with the action.
    let after: Vec<usize> = ids.iter().map(|id| history(&d, id)).collect();
    assert_eq!(after, vec![before[0] + 1, before[1], before[2]]);
    assert!(!d.app.has_marks());

    d.press(&["Esc", "u"]);
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::BulkResult { title, .. }) if title.starts_with("Undone")
    ));
    let maren = d.store.lead(&ids[0]).expect("lead");
    assert_eq!((maren.stage, maren.state), (Stage::Lead, State::Active));
    assert_eq!(
        (count(&d, Queue::Today), count(&d, Queue::Prospects)),
        (3, 1)
    );
    let entries = d.store.history(&ids[0]).expect("history");
    let (promotion, undo) = (&entries[entries.len() - 2], &entries[entries.len() - 1]);
    assert_eq!(undo.undoes(), Some(promotion.id.as_str()));
}

#[test]
fn star_marks_every_lead_of_the_queue_and_a_disqualification_carries_its_reason_and_note() {
    // More leads than one page: the count comes from the queue, not the rows loaded.
    let mut d = desk_with(250, 24);
    let today = count(&d, Queue::Today);
    assert!(today > 200);
    assert!(d.app.has_after, "only a window of the queue is loaded");
    d.press(&["*"]);
    assert_eq!(d.app.marked_count(), Some(today));
    assert!(d.screen(80, 24).contains(&format!("all {today} marked")));
    d.press(&["x", "s", "s", "Enter"]); // student
    d.type_text("Webinar list: university addresses");
    d.press(&["Enter"]);
    let screen = d.screen(80, 24);
    assert!(
        screen.contains(&format!("Disqualify {today} marked leads?")),
        "{screen}"
    );
    assert!(screen.contains("student"), "{screen}");
    d.press(&["Enter"]);
    assert_eq!(count(&d, Queue::Disqualified), today);
    assert_eq!(count(&d, Queue::Today), 0);
    let dq = crate::tui_support::queue_rows(&d.store, Queue::Disqualified, 5);
    for row in &dq {
        assert_eq!(row.lead.state_reason.map(|r| r.as_str()), Some("student"));
        assert_eq!(
            row.lead.state_note.as_deref(),
            Some("Webinar list: university addresses")
        );
    }
    d.press(&["Esc", "u"]);
    assert_eq!(
        count(&d, Queue::Today),
        today,
        "one undo takes all of it back"
    );
    assert_eq!(count(&d, Queue::Disqualified), 0);
}

#[test]
fn a_cancelled_confirmation_changes_nothing_and_esc_clears_the_marks() {
    let mut d = desk();
    d.press(&["v", "j", "v"]);
    assert_eq!(d.app.marked_count(), Some(2));
    d.press(&["v"]);
    assert_eq!(d.app.marked_count(), Some(1), "v again unmarks");
    d.press(&["p", "Esc"]);
    assert!(d.app.popups.is_empty());
    assert_eq!(count(&d, Queue::Prospects), 1);
    assert_eq!(d.app.marked_count(), Some(1), "the marks stay");
    // A key that works on one lead says so instead of acting on one of many.
    d.press(&["i"]);
    assert!(d.app.status.as_ref().is_some_and(|s| s.error));
    d.press(&["Esc"]);
    assert!(!d.app.has_marks());
    assert_eq!(count(&d, Queue::Prospects), 1);
}
