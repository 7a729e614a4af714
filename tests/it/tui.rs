//! The workstation, driven by keys without a terminal; screens checked as snapshots.

use crate::tui_support::{desk, desk_with, now, today_order};
use leadgate::domain::{Field, Queue, Stage, State};
use leadgate::store::Ctx;
use leadgate::tui::popup::{Popup, Prompt};

fn count(d: &crate::tui_support::Desk, q: Queue) -> u64 {
    d.app.count(q).expect("counted")
}

#[test]
fn the_queue_opens_on_today_with_counts_and_the_first_lead_in_detail() {
    let d = desk();
    assert_eq!(d.app.queue, Queue::Today);
    assert_eq!(
        (
            count(&d, Queue::Today),
            count(&d, Queue::Prospects),
            count(&d, Queue::All)
        ),
        (3, 1, 4)
    );
    assert_eq!(d.selected_name(), "Maren Okafor");
    assert_eq!(
        d.app.detail.as_ref().expect("detail").lead.contact.name,
        "Maren Okafor"
    );
    insta::assert_snapshot!("queue", d.screen(110, 24));
}

#[test]
fn moving_down_selects_the_next_lead_and_the_detail_follows() {
    let mut d = desk();
    d.press(&["j"]);
    assert_eq!(d.selected_name(), "Tomasz Wielgosz");
    assert_eq!(
        d.app.detail.as_ref().expect("detail").lead.contact.name,
        "Tomasz Wielgosz"
    );
    d.press(&["k", "k"]);
    assert_eq!(d.selected_name(), "Maren Okafor", "stops at the top");
    insta::assert_snapshot!("detail_failing_checklist", {
        d.press(&["j"]);
        d.screen(110, 24)
    });
}

#[test]
fn promoting_a_complete_lead_moves_it_to_prospects_and_selects_the_next() {
    let mut d = desk();
    d.press(&["p"]);
    assert_eq!(
        d.selected_name(),
        "Tomasz Wielgosz",
        "the next lead is selected"
    );
    assert_eq!(
        (count(&d, Queue::Today), count(&d, Queue::Prospects)),
        (2, 2)
    );
    assert!(
        d.app
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("Promoted: Maren Okafor, lead → prospect"))
    );
    d.press(&["2"]);
    assert!(
        d.app
            .rows
            .iter()
            .any(|r| r.lead.contact.name == "Maren Okafor" && r.lead.stage == Stage::Prospect)
    );
}

#[test]
fn a_refused_promotion_shows_what_is_missing_and_lets_the_rep_fill_it_in() {
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    d.press(&["p"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Refused { .. })));
    insta::assert_snapshot!("refused_promotion", d.screen(110, 24));
    let missing: Vec<_> = d
        .app
        .checklist()
        .expect("list")
        .missing()
        .map(|i| i.item.as_str())
        .collect();
    assert_eq!(missing, ["role_relevance", "intent_source", "reason_now"]);

    // Role relevance: relevant is set, only the why is missing, and the editor opens on it.
    d.press(&["Enter"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Editor(_))));
    d.type_text("Head of Ops signs off on tooling");
    d.press(&["Enter"]);
    // Intent source: choose demo_request (the first after "none"), then the detail.
    d.press(&["Enter", "Right"]);
    d.press(&["Tab"]);
    d.type_text("Asked for a demo at the booth");
    d.press(&["Enter"]);
    // Reason now: the text, dated today by default.
    d.press(&["Enter"]);
    d.type_text("Tender for routing software closes in December");
    d.press(&["Enter"]);
    assert!(d.app.checklist().expect("list").passed());
    d.press(&["p"]);
    assert!(d.app.popups.is_empty(), "the panel closes once promoted");
    assert_eq!(
        (count(&d, Queue::Today), count(&d, Queue::Prospects)),
        (2, 2)
    );
}

#[test]
fn nurture_asks_for_a_reason_code_and_other_asks_for_a_note() {
    let mut d = desk();
    d.select("Info Desk");
    d.press(&["x"]);
    insta::assert_snapshot!("reason_picker", d.screen(110, 24));
    // generic_inbox is the ninth code; then a note, which this code does not need.
    d.press(&["j", "j", "j", "j", "j", "j", "j", "j", "Enter"]);
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::Prompt {
            prompt: Prompt::Note {
                required: false,
                ..
            },
            ..
        })
    ));
    insta::assert_snapshot!("decision_note", d.screen(110, 24));
    d.type_text("Shared sales@ inbox, no person behind it");
    d.press(&["Enter"]);
    assert!(d.app.popups.is_empty());
    assert_eq!(count(&d, Queue::Disqualified), 1);
    let dq = crate::tui_support::queue_rows(&d.store, Queue::Disqualified, 10);
    assert_eq!(
        dq[0].lead.state_reason.map(|r| r.as_str()),
        Some("generic_inbox")
    );
    assert_eq!(
        dq[0].lead.state_note.as_deref(),
        Some("Shared sales@ inbox, no person behind it"),
        "the note goes with the decision"
    );

    d.select("Tomasz Wielgosz");
    d.press(&["n", "k", "Enter"]); // "other", the last code
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::Prompt {
            prompt: Prompt::Note { .. },
            ..
        })
    ));
    d.press(&["Enter"]);
    assert!(
        matches!(
            d.app.popups.last(),
            Some(Popup::Prompt {
                prompt: Prompt::Note { .. },
                error: Some(_),
                ..
            })
        ),
        "an empty note is refused"
    );
    d.type_text("Moving to a new role in Q1");
    d.press(&["Enter"]);
    assert_eq!(count(&d, Queue::Nurture), 1);
}

#[test]
fn undo_compensates_with_new_events_and_never_erases_history() {
    let mut d = desk();
    let id = d.app.selected_row().expect("row").lead.id.clone();
    let before = d.store.history(&id).expect("history").len();
    d.press(&["p"]);
    d.press(&["u"]);
    let lead = d.store.lead(&id).expect("lead");
    assert_eq!((lead.stage, lead.state), (Stage::Lead, State::Active));
    let history = d.store.history(&id).expect("history");
    assert_eq!(
        history.len(),
        before + 2,
        "the promotion and its undo are both recorded"
    );
    assert_eq!(
        history.last().expect("last").note.as_deref(),
        Some("undo: promote Maren Okafor")
    );
    assert_eq!(count(&d, Queue::Today), 3);

    // A field edit is undone by setting the old value back. The row keeps its place while
    // worked on, and shows its new score.
    d.select("Info Desk");
    let before = d.app.selected_row().expect("row").key.priority;
    d.press(&["i"]);
    let row = d.app.selected_row().expect("row");
    assert_eq!(row.lead.contact.name, "Info Desk");
    assert_eq!(row.key.priority, before + 500, "fit is worth 5 points");
    let info = row.lead.id.clone();
    assert_eq!(
        d.store.lead(&info).expect("lead").evidence.icp_fit.as_str(),
        "fit"
    );
    d.press(&["u"]);
    assert_eq!(
        d.store.lead(&info).expect("lead").evidence.icp_fit.as_str(),
        "unknown"
    );
}

#[test]
fn one_key_cycles_tri_state_fields_keeping_the_why() {
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    d.press(&["i"]);
    let lead = &d.app.detail.as_ref().expect("detail").lead;
    assert_eq!(lead.evidence.icp_fit.as_str(), "not_fit");
    assert_eq!(
        lead.evidence.icp_fit_why.as_deref(),
        Some("Logistics, 48 staff")
    );
    d.press(&["r", "r"]);
    assert_eq!(
        d.app
            .detail
            .as_ref()
            .expect("detail")
            .lead
            .evidence
            .role_relevance
            .as_str(),
        "unknown"
    );
}

#[test]
fn search_filters_the_queue_with_each_keystroke_and_counts_the_matches() {
    let mut d = desk();
    d.press(&["/"]);
    d.type_text("k");
    // Kestrel and Brightkiln's "k…" words: each keystroke filters at once.
    let names = |d: &crate::tui_support::Desk| -> Vec<String> {
        d.app
            .rows
            .iter()
            .map(|r| r.lead.contact.name.clone())
            .collect()
    };
    let after_k = names(&d);
    assert!(after_k.contains(&"Info Desk".to_string()), "{after_k:?}");
    d.type_text("es");
    assert_eq!(names(&d), ["Info Desk"], "kes: only Kestrel Payments");
    // The count waits for a pause in the typing, and says so meanwhile.
    assert!(d.app.counting());
    assert!(d.screen(80, 24).contains("counting…"));
    d.settle();
    assert_eq!(
        d.app.search_count().map(|c| (c.count, c.more)),
        Some((1, false))
    );
    for (w, h) in [(80, 24), (140, 42)] {
        let screen = d.screen(w, h);
        assert!(
            screen.contains("1 found · Enter keep · Esc clear"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("live_search_{w}x{h}"), screen);
    }
    // A word no lead has: the list says so, the count is 0.
    d.type_text("zz");
    d.settle();
    assert!(d.app.rows.is_empty());
    assert!(d.screen(80, 24).contains("0 found"));
    d.press(&["Backspace", "Backspace", "Enter"]);
    assert!(d.app.popups.is_empty(), "Enter keeps the search");
    // Enter before the pause counts at once.
    assert!(!d.app.counting());
    let status = d.app.status.as_ref().map(|s| s.text.clone());
    assert_eq!(status.as_deref(), Some("1 found · Esc leaves the search"));
    assert_eq!(d.app.search.as_deref(), Some("kes"));
    assert_eq!(names(&d), ["Info Desk"]);
    // / again opens on the words kept; Esc there clears the search.
    d.press(&["/", "Esc"]);
    assert!(d.app.search.is_none());
    assert_eq!(d.app.rows.len(), 3);
}

#[test]
fn search_lists_matches_and_escape_returns_to_the_queue() {
    let mut d = desk();
    d.press(&["/"]);
    d.type_text("harbor");
    d.press(&["Enter"]);
    assert_eq!(d.app.rows.len(), 1);
    assert_eq!(d.selected_name(), "Tomasz Wielgosz");
    d.press(&["Esc"]);
    assert_eq!(d.app.rows.len(), 3);
}

#[test]
fn paging_walks_a_long_queue_in_order_both_ways() {
    let mut d = desk_with(950, 30);
    let expected = today_order(&d.store);
    assert_eq!(expected.len(), 953);
    assert_eq!(
        (
            expected[0].as_str(),
            expected[1].as_str(),
            expected[952].as_str()
        ),
        ("Maren Okafor", "Tomasz Wielgosz", "Info Desk"),
        "complete evidence first; a role inbox waiting four weeks last"
    );
    let mut seen = vec![d.selected_name()];
    for _ in 1..expected.len() {
        d.press(&["j"]);
        seen.push(d.selected_name());
    }
    assert_eq!(seen, expected);
    assert!(
        d.app.rows.len() <= leadgate::tui::app::WINDOW,
        "the window stays bounded"
    );
    d.press(&["j"]);
    assert_eq!(d.selected_name(), "Info Desk", "stops at the end");
    for _ in 0..500 {
        d.press(&["k"]);
    }
    assert_eq!(d.selected_name(), expected[expected.len() - 501]);
    d.press(&["g"]);
    assert_eq!(d.selected_name(), "Maren Okafor");
    d.press(&["G"]);
    assert_eq!(d.selected_name(), "Info Desk");
    d.press(&["PageUp", "PageUp"]);
    let page = d.app.page_rows;
    assert_eq!(d.selected_name(), expected[expected.len() - 1 - 2 * page]);
}

#[test]
fn queues_switch_with_number_keys_and_filters_narrow_them() {
    let mut d = desk();
    d.press(&["5"]);
    assert_eq!(d.app.rows.len(), 4);
    d.press(&["s"]);
    let Some(Popup::Values { values, .. }) = d.app.popups.last() else {
        panic!("source picker")
    };
    assert_eq!(
        values,
        &["LinkedIn", "Purchased list", "Referral", "Webinar"]
    );
    d.press(&["j", "Enter"]); // LinkedIn
    assert_eq!(d.app.source.as_deref(), Some("LinkedIn"));
    assert_eq!(d.app.rows.len(), 1);
    d.press(&["Esc"]);
    assert_eq!(d.app.rows.len(), 4);
}

#[test]
fn help_lists_every_binding_and_ctrl_c_quits_from_anywhere() {
    let mut d = desk();
    d.press(&["?"]);
    // Tall enough for every binding at once; shorter screens scroll it.
    let screen = d.screen(100, 80);
    for b in leadgate::tui::keymap::BINDINGS {
        assert!(screen.contains(b.help), "help lacks {}\n{screen}", b.help);
    }
    insta::assert_snapshot!("help", screen);
    d.press(&["n", "C-c"]);
    assert!(d.app.quit);
}

#[test]
fn a_small_terminal_gets_a_message_instead_of_a_broken_layout() {
    let d = desk();
    insta::assert_snapshot!("too_small", d.screen(60, 12));
}

#[test]
fn escape_sequences_in_lead_data_are_drawn_as_plain_text() {
    let mut d = desk();
    let mut c = leadgate::domain::Contact {
        name: "\u{1b}[31mEvil\u{7}".into(),
        ..Default::default()
    };
    c.company = Some("\u{1b}]0;owned\u{7}Corp".into());
    d.store.add_lead(c, &Ctx::new("x", now())).expect("add");
    d.press(&["g", "G"]);
    let screen = d.screen(110, 24);
    assert!(screen.contains("[31mEvil"));
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
}

#[test]
fn a_store_error_shows_in_the_status_bar_and_the_session_goes_on() {
    let mut d = desk();
    let cmd = leadgate::tui::action::Command::Decide {
        id: "f".repeat(32),
        decision: leadgate::domain::Decision::Promote,
        note: None,
        expect: None,
        undoes: None,
    };
    leadgate::tui::perform(&mut d.store, &mut d.app, "tester", vec![cmd]);
    let status = d.app.status.as_ref().expect("status");
    assert!(
        status.error && status.text.contains("no lead has an id"),
        "{status:?}"
    );
    assert!(!d.app.quit);
    d.press(&["j"]);
    assert_eq!(d.selected_name(), "Tomasz Wielgosz");
}

#[test]
fn an_edit_from_the_detail_pane_goes_through_the_same_rules_as_the_cli() {
    let mut d = desk();
    d.select("Info Desk");
    d.press(&["Tab"]);
    let email = leadgate::tui::app::DETAIL_FIELDS
        .iter()
        .position(|f| *f == leadgate::domain::Field::Email)
        .unwrap();
    for _ in 0..email {
        d.press(&["j"]); // down to the email field
    }
    d.press(&["Enter"]);
    let Some(Popup::Editor(_)) = d.app.popups.last() else {
        panic!("editor")
    };
    for _ in 0..40 {
        d.press(&["Backspace"]);
    }
    d.type_text("not an email");
    d.press(&["Enter"]);
    let Some(Popup::Editor(editor)) = d.app.popups.last() else {
        panic!("editor stays open")
    };
    assert_eq!(
        editor.error.as_deref(),
        Some("'not an email' is not an email address")
    );
}

#[test]
fn a_flag_is_resolved_with_a_note_from_the_refused_panel_then_the_lead_promotes() {
    let mut d = desk();
    d.select("Info Desk");
    assert!(
        d.screen(110, 24)
            .contains("⚑ Role inbox: info@ is a shared inbox")
    );
    // Fill the four evidence items from the panel, then the flag.
    d.press(&["p"]);
    for (keys, text) in [
        (vec!["Enter", "Right", "Tab"], "Payments, 300 staff"),
        (
            vec!["Enter", "Right", "Tab"],
            "Shared desk routes to the COO",
        ),
        (vec!["Enter", "Right", "Tab"], "Replied asking for pricing"),
        (vec!["Enter"], "Budget approved this month"),
    ] {
        d.press(&keys);
        d.type_text(text);
        d.press(&["Enter"]);
    }
    let missing: Vec<_> = d
        .app
        .checklist()
        .expect("list")
        .missing()
        .map(|i| i.item.as_str())
        .collect();
    assert_eq!(missing, ["exclusions"]);
    d.press(&["Enter"]);
    assert!(matches!(
        d.app.popups.last(),
        Some(Popup::Prompt {
            prompt: Prompt::ResolveFlag { .. },
            ..
        })
    ));
    d.press(&["Enter"]);
    assert!(
        matches!(
            d.app.popups.last(),
            Some(Popup::Prompt {
                prompt: Prompt::ResolveFlag { .. },
                error: Some(_),
                ..
            })
        ),
        "a note is required"
    );
    d.type_text("The COO reads this inbox herself");
    d.press(&["Enter", "p"]);
    assert!(d.app.popups.is_empty());
    assert_eq!(count(&d, Queue::Prospects), 2);
}

#[test]
fn a_file_is_imported_from_the_workstation_and_its_summary_shown() {
    let mut d = desk();
    d.press(&["I"]);
    d.type_text(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/salesforce_leads_report.csv"
    ));
    d.press(&["Enter"]);
    let Some(Popup::ImportSummary(summary)) = d.app.popups.last() else {
        panic!("a summary")
    };
    assert_eq!((summary.created, summary.skipped.len()), (25, 5));
    let screen = d.screen(110, 30);
    assert!(screen.contains("30 rows read: 25 created"), "{screen}");
    assert!(
        screen.contains("salesforce_leads_report.csv:28: 1 field where the header has 11"),
        "{screen}"
    );
    d.press(&["x"]);
    assert!(d.app.popups.is_empty(), "any key closes the summary");
    assert_eq!(count(&d, Queue::Today), 3 + 25);

    d.press(&["I"]);
    d.type_text("/no/such/file.csv");
    d.press(&["Enter"]);
    let status = d.app.status.as_ref().expect("status");
    assert!(
        status.error && status.text.contains("/no/such/file.csv"),
        "{status:?}"
    );
}

#[test]
fn page_up_past_the_loaded_rows_lands_a_page_higher() {
    let mut d = desk_with(950, 30);
    let names = today_order(&d.store);
    d.press(&["G"]);
    let page = d.app.page_rows;
    let mut at = names.len() - 1;
    for _ in 0..8 {
        d.press(&["PageUp"]);
        at -= page;
        assert_eq!(d.selected_name(), names[at], "after paging up to row {at}");
    }
}

#[test]
fn a_nurtured_lead_is_reopened_with_one_key() {
    let mut d = desk();
    d.select("Info Desk");
    d.press(&["n", "j", "j", "Enter", "Enter"]); // no_intent, and no note
    d.press(&["3"]);
    assert_eq!(d.selected_name(), "Info Desk");
    d.press(&["R"]);
    assert!(
        d.app
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("Reopened")),
        "{:?}",
        d.app.status
    );
    assert_eq!(count(&d, Queue::Nurture), 0);
    assert_eq!(count(&d, Queue::Today), 3);
}

#[test]
fn a_gate_loosened_in_the_rules_changes_what_the_workstation_promotes() {
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    d.press(&["p"]);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Refused { .. })),
        "the default gate refuses"
    );
    d.press(&["Esc"]);
    let loose = leadgate::config::parse_rules("[gates]\nto_prospect = [\"icp_fit\"]\n")
        .expect("valid rules");
    d.app.rules = loose;
    d.press(&["p"]);
    assert!(d.app.popups.is_empty());
    assert!(
        d.app
            .status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Promoted: Tomasz Wielgosz")),
        "{:?}",
        d.app.status
    );
}

#[test]
fn undoing_a_nurture_puts_back_the_stage_state_and_review_date_and_the_row() {
    let mut d = desk();
    d.press(&["2"]);
    assert_eq!(d.selected_name(), "Priya Raman");
    let id = d.app.selected_row().expect("row").lead.id.clone();
    let before = d.store.lead(&id).expect("lead");
    // no_intent, and no note: the prospect passes back to lead
    d.press(&["n", "j", "j", "Enter", "Enter"]);
    let parked = d.store.lead(&id).expect("lead");
    assert_eq!((parked.stage, parked.state), (Stage::Lead, State::Nurture));
    assert!(
        d.app.rows.iter().all(|r| r.lead.id != id),
        "it left the Prospects queue"
    );
    d.press(&["u"]);
    let back = d.store.lead(&id).expect("lead");
    assert_eq!(
        (back.stage, back.state, back.state_reason),
        (Stage::Prospect, State::Active, None)
    );
    assert_eq!(
        back.review_due_at, before.review_due_at,
        "its review date is what it was"
    );
    assert_eq!(
        d.selected_name(),
        "Priya Raman",
        "it is back in the list, selected"
    );
    assert_eq!(count(&d, Queue::Prospects), 1);
}

#[test]
fn a_prospect_re_judged_not_fit_is_marked_and_listed_until_demoted() {
    let mut d = desk();
    d.select("Maren Okafor");
    d.press(&["p", "2"]);
    d.select("Maren Okafor");
    assert_eq!(d.app.detail.as_ref().unwrap().lead.stage, Stage::Prospect);
    d.press(&["i"]); // fit → not fit, the why kept
    let screen = d.screen(140, 42);
    assert!(
        screen.contains("✗ Evidence no longer supports prospect"),
        "{screen}"
    );
    insta::assert_snapshot!("unsupported_prospect_80x24", d.screen(80, 24));
    d.press(&["6"]);
    assert_eq!(d.app.queue, Queue::Unsupported);
    assert_eq!(d.selected_name(), "Maren Okafor");
    assert_eq!(d.app.count(Queue::Unsupported), Some(1));
    d.press(&["D", "Enter", "Enter"]); // the first reason: not in the ICP; no note
    assert!(d.app.rows.is_empty(), "demoted, it leaves the queue");
    assert_eq!(d.app.count(Queue::Unsupported), Some(0));
}

#[test]
fn undo_takes_back_the_last_action_of_any_kind_and_says_which() {
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    let id = d.app.selected_row().unwrap().lead.id.clone();
    d.press(&["i"]);
    d.press(&["I"]);
    d.type_text(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/salesforce_leads_report.csv"
    ));
    d.press(&["Enter", "x"]);
    assert_eq!(count(&d, Queue::Today), 3 + 25);
    // The last action was the import: undo takes that back, not the older ICP change.
    d.press(&["u"]);
    assert_eq!(count(&d, Queue::Today), 3, "{:?}", d.app.status);
    let status = d.app.status.clone().unwrap();
    assert!(
        status.text.starts_with("Undone: the import of"),
        "{status:?}"
    );
    assert_eq!(
        d.store.lead(&id).unwrap().evidence.icp_fit,
        leadgate::domain::IcpFit::NotFit,
        "the ICP change stays until its own undo"
    );
    d.select("Tomasz Wielgosz");
    d.press(&["u"]);
    let status = d.app.status.clone().unwrap();
    assert_eq!(
        status.text, "Undone: Tomasz Wielgosz: ICP fit not_fit → fit",
        "{status:?}"
    );
    let history = d.store.history(&id).unwrap();
    let undo = history.last().unwrap();
    let undone = &history[history.len() - 2];
    assert_eq!(undo.undoes(), Some(undone.id.as_str()));
    assert!(
        undo.describe().contains("(undo of entry"),
        "{}",
        undo.describe()
    );
    // A resolved flag cannot be taken back here: it says so, and changes nothing.
    d.select("Info Desk");
    d.press(&["f"]);
    d.type_text("Shared inbox the founder reads");
    d.press(&["Enter", "u"]);
    let status = d.app.status.clone().unwrap();
    assert!(
        status.error && status.text.starts_with("Cannot undo resolving the"),
        "{status:?}"
    );
}

#[test]
fn every_queue_tab_and_count_fits_at_80_columns() {
    let d = desk_with(1200, 24);
    let screen = d.screen(80, 24);
    let top = screen.lines().next().unwrap();
    // Nine queues: at 80 columns each shows its key and count, the current one its name too.
    assert!(top.contains("1 Today 1203"), "{top}");
    for tab in ["│ 2 1 ", "│ 6 0 ", "│ 8 0 ", "│ 9 0 ", "│ 0 0 ", "│ 7 Rep"] {
        assert!(top.contains(tab), "{tab} in {top}");
    }
    let wide = d.screen(140, 42);
    let top = wide.lines().next().unwrap();
    for tab in ["6 Unsup 0", "8 Hand 0", "9 Stall 0", "0 Rev 0", "7 Rep"] {
        assert!(top.contains(tab), "{tab} in {top}");
    }
}

#[test]
fn a_read_only_database_says_so_in_the_top_bar() {
    let mut d = desk();
    d.app.read_only = true;
    let top = d.screen(80, 24).lines().next().unwrap().to_string();
    assert!(top.starts_with("\" read-only "), "{top}");
    assert!(top.contains("│ 6 0 "), "{top}");
}

/// Sets a gate field on `id` as the CLI's `set` does.
fn set_evidence(
    d: &mut crate::tui_support::Desk,
    id: &str,
    field: leadgate::domain::Field,
    value: &str,
    note: &str,
) {
    let on = (field == leadgate::domain::Field::ReasonNow)
        .then(|| now().date_naive() - chrono::Duration::days(2));
    let edit = leadgate::domain::field::parse_edit(
        field,
        value,
        Some(note).filter(|n| !n.is_empty()),
        on,
        now().date_naive(),
    )
    .expect("edit");
    d.store
        .set_field(id, &edit, &Ctx::new("dana", now()))
        .expect("set");
}

const LONG: &str = "Regional payments processor with 300 staff across four countries, \
    selling to mid-market retailers; the board approved a new routing platform in October \
    and the operations team has been asked to shortlist vendors before the end of the year";

#[test]
fn a_refused_promotion_lists_what_is_missing_first_and_scrolls_through_long_notes() {
    for (w, h) in [(80, 24), (140, 42)] {
        let mut d = desk_with(0, h);
        let id = d
            .app
            .rows
            .iter()
            .find(|r| r.lead.contact.name == "Info Desk")
            .expect("Info Desk")
            .lead
            .id
            .clone();
        set_evidence(&mut d, &id, Field::IcpFit, "fit", LONG);
        set_evidence(&mut d, &id, Field::RoleRelevance, "relevant", LONG);
        set_evidence(&mut d, &id, Field::IntentSource, "pricing_page", LONG);
        set_evidence(&mut d, &id, Field::ReasonNow, LONG, "");
        d.select("Info Desk");
        d.press(&["p"]);
        let screen = d.screen(w, h);
        assert!(
            screen.contains("✗ Exclusions"),
            "the failing item shows at {w}×{h}:\n{screen}"
        );
        insta::assert_snapshot!(format!("refused_long_notes_{w}x{h}"), screen);
        // The panel scrolls to the last item, and back.
        d.press(&["j", "j", "j", "j"]);
        let screen = d.screen(w, h);
        assert!(screen.contains("✓ Reason now"), "{screen}");
        if w == 80 {
            insta::assert_snapshot!("refused_long_notes_scrolled_80x24", screen);
        }
        d.press(&["j"]);
        assert!(
            d.screen(w, h).contains("✗ Exclusions"),
            "it wraps to the top"
        );
    }
}

#[test]
fn the_lead_pane_scrolls_to_every_field_and_every_imported_column() {
    for (w, h) in [(80, 24), (140, 42)] {
        let mut d = desk_with(0, h);
        d.press(&["I"]);
        d.type_text(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/apollo_people_export.csv"
        ));
        d.press(&["Enter", "Esc", "/"]);
        d.type_text("Alvarado");
        d.press(&["Enter"]);
        assert_eq!(d.selected_name(), "Diego Alvarado-Ruiz");
        let lead = d.app.detail.as_ref().expect("detail").lead.clone();
        d.press(&["Tab"]);
        let fields = leadgate::tui::app::DETAIL_FIELDS;
        // Down through every field: the one under the cursor is always on screen.
        for (i, field) in fields.iter().enumerate() {
            let screen = d.screen(w, h);
            assert_eq!(d.app.field, i);
            assert!(
                screen.contains(field.label()),
                "{} is off screen at {w}×{h}:\n{screen}",
                field.label()
            );
            if *field == leadgate::domain::Field::Owner {
                insta::assert_snapshot!(format!("lead_pane_owner_{w}x{h}"), screen);
            }
            d.press(&["j"]);
        }
        // Then through the columns of the file that map to no field.
        for k in lead.attributes.keys() {
            let screen = d.screen(w, h);
            let shown = &k[..k.len().min(12)];
            assert!(
                screen.contains(shown),
                "column {k} is off screen at {w}×{h}:\n{screen}"
            );
            d.press(&["j"]);
        }
        insta::assert_snapshot!(format!("lead_pane_last_column_{w}x{h}"), d.screen(w, h));
        // Enter on an imported column says so rather than editing a hidden field.
        d.press(&["Enter"]);
        assert!(d.app.popups.is_empty());
        let status = d.app.status.as_ref().expect("status");
        assert!(
            status.text.contains("column of the imported file"),
            "{status:?}"
        );
        // g goes back to the first field; leaving the pane shows the lead from its top.
        d.press(&["g"]);
        assert_eq!(d.app.field, 0);
        assert!(d.screen(w, h).contains("ICP fit"));
        d.press(&["Tab"]);
        assert!(d.screen(w, h).contains("Diego Alvarado-Ruiz"));
    }
}

fn editor_part(d: &crate::tui_support::Desk) -> leadgate::tui::editor::Part {
    match d.app.popups.last() {
        Some(Popup::Editor(e)) => e.part,
        _ => panic!("the editor is open"),
    }
}

#[test]
fn the_fill_flow_opens_the_editor_on_the_missing_part_and_letters_always_type() {
    use leadgate::tui::editor::Part;
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    // Role relevance is marked relevant, the why is missing: the editor opens on the why.
    d.press(&["p", "Enter"]);
    assert_eq!(editor_part(&d), Part::Text);
    insta::assert_snapshot!("editor_on_the_why_80x24", d.screen(80, 24));
    insta::assert_snapshot!("editor_on_the_why_140x42", d.screen(140, 42));
    d.type_text("Asked for pricing");
    d.press(&["Enter"]);
    let ev = &d.app.detail.as_ref().expect("detail").lead.evidence;
    assert_eq!(ev.role_relevance.as_str(), "relevant", "the value is kept");
    assert_eq!(ev.role_relevance_why.as_deref(), Some("Asked for pricing"));

    // Intent source is unknown: the editor opens on the value; a letter goes to the why,
    // and only → or Space change the value.
    d.press(&["Enter"]);
    assert_eq!(editor_part(&d), Part::Choice);
    d.press(&["Space"]);
    d.type_text("j");
    assert_eq!(editor_part(&d), Part::Text);
    d.type_text("ust asked for a demo");
    d.press(&["Enter"]);
    let ev = &d.app.detail.as_ref().expect("detail").lead.evidence;
    assert_eq!(
        ev.intent_source.map(|s| s.as_str()),
        Some("demo_request"),
        "Space chose the first source; j did not move it"
    );
    assert_eq!(ev.intent_detail.as_deref(), Some("just asked for a demo"));
}

#[test]
fn a_stale_reason_now_opens_the_editor_on_its_date() {
    use leadgate::tui::editor::Part;
    let mut d = desk();
    let id = d.app.rows[0].lead.id.clone(); // Maren Okafor, complete
    let edit = leadgate::domain::field::parse_edit(
        Field::ReasonNow,
        "Second depot opens in January",
        None,
        Some(now().date_naive() - chrono::Duration::days(60)),
        now().date_naive(),
    )
    .expect("edit");
    d.store
        .set_field(&id, &edit, &Ctx::new("dana", now()))
        .expect("set");
    d.press(&["j", "k", "p"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::Refused { .. })));
    d.press(&["Enter"]);
    assert_eq!(editor_part(&d), Part::Second);
    for _ in 0..10 {
        d.press(&["Backspace"]);
    }
    d.type_text("2026-11-20");
    d.press(&["Enter"]);
    assert!(d.app.checklist().expect("list").passed());
}

#[test]
fn a_terminal_too_small_to_draw_in_takes_no_key_but_quit() {
    let mut d = desk();
    d.select("Tomasz Wielgosz");
    d.resize(60, 10);
    d.press(&["i", "p", "x", "Enter", "j"]);
    let lead = &d.app.detail.as_ref().expect("detail").lead;
    assert_eq!(lead.evidence.icp_fit.as_str(), "fit", "i changed nothing");
    assert!(d.app.popups.is_empty(), "nothing opened unseen");
    assert_eq!(d.selected_name(), "Tomasz Wielgosz");
    assert!(d.screen(60, 10).contains("Terminal too small"));
    // Back to a size that fits, keys act again; small again, q still quits.
    d.resize(80, 24);
    d.press(&["j"]);
    assert_eq!(d.selected_name(), "Info Desk");
    d.resize(60, 10);
    d.press(&["q"]);
    assert!(d.app.quit);
}

#[test]
fn pick_lists_go_to_the_first_the_last_and_a_first_letter() {
    let mut d = desk();
    d.select("Info Desk");
    d.press(&["x", "G"]);
    let at = |d: &crate::tui_support::Desk| match d.app.popups.last() {
        Some(Popup::Reasons { selected, .. }) => {
            leadgate::domain::ReasonCode::ALL[*selected].as_str()
        }
        _ => panic!("the reason picker"),
    };
    assert_eq!(at(&d), "other");
    d.press(&["g"]);
    assert_eq!(at(&d), "not_icp");
    d.press(&["s"]);
    assert_eq!(at(&d), "stalled");
    d.press(&["s"]);
    assert_eq!(at(&d), "student", "the same letter again goes to the next");
    d.press(&["d"]);
    assert_eq!(at(&d), "duplicate");
    d.press(&["End"]);
    assert_eq!(at(&d), "other");
    d.press(&["Home", "d", "Enter", "Enter"]);
    assert_eq!(count(&d, Queue::Disqualified), 1);
    d.press(&["4"]);
    let reason = d.app.rows[0].lead.state_reason.map(|r| r.as_str());
    assert_eq!(reason, Some("duplicate"));

    // The source filter's list too: "(any)" first, then the sources in order.
    d.press(&["5", "s", "G", "Enter"]);
    assert_eq!(d.app.source.as_deref(), Some("Webinar"));
    d.press(&["s", "p", "Enter"]);
    assert_eq!(d.app.source.as_deref(), Some("Purchased list"));
}

#[test]
fn tab_in_the_import_prompt_completes_the_path_and_lists_the_choices() {
    let dir = tempfile::tempdir().expect("dir");
    for name in ["leads-2026-11.csv", "leads-2026-12.csv", "notes.txt"] {
        std::fs::write(dir.path().join(name), "Name,Email\n").expect("write");
    }
    std::fs::create_dir(dir.path().join("archive")).expect("mkdir");
    let base = format!("{}/", dir.path().display());
    let typed = |d: &crate::tui_support::Desk| match d.app.popups.last() {
        Some(Popup::Prompt { text, .. }) => text.lines().join(""),
        _ => panic!("the prompt"),
    };
    let mut d = desk();
    d.press(&["I"]);
    d.type_text(&format!("{base}le"));
    d.press(&["Tab"]);
    assert_eq!(typed(&d), format!("{base}leads-2026-1"), "no tab character");
    let Some(Popup::Prompt {
        prompt: Prompt::ImportPath { matches },
        ..
    }) = d.app.popups.last()
    else {
        panic!("the import prompt")
    };
    assert_eq!(matches, &["leads-2026-11.csv", "leads-2026-12.csv"]);
    for (w, h) in [(80, 24), (140, 42)] {
        let screen = d.screen(w, h).replace(&base, "/tmp/x/");
        assert!(screen.contains("Enter import"), "{screen}");
        assert!(screen.contains("leads-2026-12.csv"), "{screen}");
        insta::assert_snapshot!(format!("import_prompt_choices_{w}x{h}"), screen);
    }
    d.type_text("2");
    d.press(&["Tab"]);
    assert_eq!(typed(&d), format!("{base}leads-2026-12.csv"));
    for _ in 0.."leads-2026-12.csv".len() {
        d.press(&["Backspace"]);
    }
    d.type_text("ar");
    d.press(&["Tab"]);
    assert_eq!(typed(&d), format!("{base}archive/"));
    d.press(&["Esc", "/"]);
    assert!(d.screen(80, 24).contains("Enter keep · Esc clear"));
    d.press(&["Tab"]);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Search { text }) if text.lines().join("").is_empty()),
        "Tab types nothing in a search"
    );
}

#[test]
fn an_active_filter_shows_in_full_on_its_own_line_and_esc_clears_it() {
    let mut d = desk();
    d.press(&["s", "p", "Enter"]);
    assert_eq!(d.app.source.as_deref(), Some("Purchased list"));
    for (w, h) in [(80, 24), (140, 42)] {
        let screen = d.screen(w, h);
        assert!(
            screen.contains("Filtered: source = Purchased list  (Esc clears)"),
            "{screen}"
        );
        assert!(screen.contains("Esc clear filters"), "{screen}");
        assert!(!screen.contains("source=Purcha"), "{screen}");
        insta::assert_snapshot!(format!("filtered_{w}x{h}"), screen);
    }
    d.press(&["Esc"]);
    assert!(!d.screen(80, 24).contains("Filtered"));
}

#[test]
fn nothing_is_cut_mid_word_without_an_ellipsis_at_80x24_and_120x30() {
    let mut d = desk();
    // A lead a hundred days old.
    let mut c = leadgate::domain::Contact {
        name: "Old Lead".into(),
        ..Default::default()
    };
    c.company = Some("Centenary Holdings".into());
    d.store
        .add_lead(c, &Ctx::new("x", now() - chrono::Duration::days(120)))
        .expect("add");
    d.press(&["g"]);
    for (w, h) in [(80, 24), (120, 30)] {
        let screen = d.screen(w, h);
        assert!(
            screen.contains("120d │"),
            "the age keeps off the border:\n{screen}"
        );
        assert!(
            screen.contains("│ 5 ") && screen.contains("│ 0 "),
            "every tab shows:\n{screen}"
        );
        assert!(
            screen.contains("Maren…") || screen.contains("Maren Okafor"),
            "{screen}"
        );
    }
    // The help's legend wraps instead of stopping.
    d.resize(80, 24);
    d.press(&["?", "G"]);
    let screen = d.screen(80, 24);
    assert!(screen.contains("flagged"), "{screen}");
    insta::assert_snapshot!("help_end_80x24", screen);
    // The resolve prompt's question wraps.
    d.press(&["Esc"]);
    d.select("Info Desk");
    d.press(&["f"]);
    for (w, h) in [(80, 24), (120, 30)] {
        let screen = d.screen(w, h);
        assert!(screen.contains("record fine?"), "{screen}");
        assert!(screen.contains("Enter resolve"), "{screen}");
    }
    insta::assert_snapshot!("resolve_prompt_80x24", d.screen(80, 24));
    // The editor's hint keeps every key.
    d.press(&["Esc", "g"]);
    d.select("Tomasz Wielgosz");
    d.press(&["p", "Enter"]);
    for (w, h) in [(80, 24), (120, 30)] {
        let screen = d.screen(w, h);
        assert!(
            screen.contains("← Space") || screen.contains("→ Space"),
            "{screen}"
        );
    }
}

#[test]
fn a_value_set_with_no_why_has_its_own_mark_in_the_queue() {
    let d = desk();
    // Tomasz: fit with a why (✓), relevant with none (?), no intent (·), no reason (·).
    let screen = d.screen(140, 42);
    assert!(screen.contains("✓?··"), "{screen}");
    insta::assert_snapshot!("queue_marks_140x42", screen);
    insta::assert_snapshot!("queue_marks_80x24", d.screen(80, 24));
}

#[test]
fn undo_steps_back_through_several_own_actions_on_one_lead() {
    let mut d = desk();
    d.select("Info Desk");
    let id = d.app.selected_row().unwrap().lead.id.clone();
    let before = d.store.lead(&id).unwrap().evidence;
    d.press(&["i", "r", "u", "u"]);
    assert!(d.app.popups.is_empty(), "no conflict with its own undo");
    let after = d.store.lead(&id).unwrap().evidence;
    assert_eq!(
        (after.icp_fit, after.role_relevance),
        (before.icp_fit, before.role_relevance)
    );
}

#[test]
fn the_whole_history_opens_full_screen_wrapped_with_snapshots_on_demand() {
    let mut d = desk();
    // Maren: promoted (a stage change with its snapshot), then a long note on a nurture.
    d.press(&["p", "2"]);
    d.select("Maren Okafor");
    d.press(&["n", "Enter"]);
    d.type_text(&"Budget frozen until the new fiscal year; call back in March. ".repeat(3));
    d.press(&["Enter", "3"]);
    d.select("Maren Okafor");
    d.press(&["H"]);
    let Some(Popup::History(view)) = d.app.popups.last() else {
        panic!("the history view: {:?}", d.app.popups.last());
    };
    let entries = view.events.len();
    assert!(
        entries >= 7,
        "every entry, not the pane's latest few: {entries}"
    );
    for (w, h) in [(80, 24), (140, 42)] {
        let screen = d.screen(w, h);
        assert!(screen.contains("call back in March"), "{screen}");
        assert!(screen.contains("s evidence snapshots"), "{screen}");
        insta::assert_snapshot!(format!("history_full_{w}x{h}"), screen);
    }
    // s shows the evidence the promotion relied on; g goes to the first entry.
    d.press(&["s", "g"]);
    let all = d.screen(140, 42);
    assert!(all.contains("\"checklist\""), "{all}");
    assert!(all.contains("created"), "the first entry: {all}");
    d.press(&["Esc"]);
    assert!(d.app.popups.is_empty());
    // Enter on the history pane opens it too.
    d.press(&["Tab", "Tab", "Enter"]);
    assert!(matches!(d.app.popups.last(), Some(Popup::History(_))));
}
