//! The Reports screen: the figures of `leadgate report` in the workstation, with charts, at
//! both terminal sizes; scrolling, and the keys that leave it.

use crate::tui_support::desk;

#[test]
fn the_reports_screen_draws_the_funnel_conversion_and_readiness() {
    let mut d = desk();
    d.press(&["7"]);
    let view = d.app.reports.as_ref().expect("the Reports screen is open");
    let report = view.report.as_ref().expect("its figures are worked out");
    assert_eq!(report.funnel.leads, d.store.lead_count().unwrap());
    insta::assert_snapshot!("reports_80x24", d.screen(80, 24));
    insta::assert_snapshot!("reports_140x42", d.screen(140, 42));
    let screen = d.screen(140, 42);
    assert!(screen.contains("Stages now"), "{screen}");
    assert!(screen.contains("Lead → prospect by source"), "{screen}");
    assert!(screen.contains("ready today:"), "{screen}");
}

#[test]
fn the_figures_scroll_and_escape_or_a_queue_key_goes_back_to_the_leads() {
    let mut d = desk();
    d.resize(80, 24);
    d.press(&["7"]);
    assert!(d.screen(80, 24).contains("line 1/"));
    d.press(&["j", "j"]);
    assert!(d.screen(80, 24).contains("line 3/"), "{}", d.screen(80, 24));
    d.press(&["G"]);
    let bottom = d.screen(80, 24);
    assert!(bottom.contains("Activity in the period"), "{bottom}");
    // One key up from the bottom moves at once; a page is what the pane shows.
    d.press(&["k"]);
    assert_ne!(d.screen(80, 24), bottom, "k after G moves");
    d.press(&["g", "PageDown"]);
    let paged = d.screen(80, 24);
    assert!(paged.contains("line 14/"), "a page of 13 lines: {paged}");
    // A decision key does nothing here but say how to leave.
    let before = d.store.lead_count().unwrap();
    d.press(&["p"]);
    assert!(d.screen(80, 24).contains("Esc or a queue key"));
    assert_eq!(d.store.lead_count().unwrap(), before);
    d.press(&["Esc"]);
    assert!(d.app.reports.is_none());
    assert!(d.app.detail.is_some(), "back on the queue with its lead");
    d.press(&["7", "2"]);
    assert!(d.app.reports.is_none());
    assert_eq!(d.app.queue, leadgate::domain::Queue::Prospects);
}

#[test]
fn help_lists_the_reports_key() {
    let mut d = desk();
    // Wherever it falls in the help, scrolling down a line at a time.
    d.press(&["?"]);
    let mut seen = String::new();
    for _ in 0..60 {
        seen.push_str(&d.screen(140, 42));
        d.press(&["j"]);
    }
    assert!(seen.contains("Reports: funnel"), "{seen}");
}

#[test]
fn a_lead_sent_to_a_sequencer_says_so_in_the_lead_pane() {
    use leadgate::store::{Ctx, ExportSpec, ListFilter, Written};
    let mut d = desk();
    let id = d.app.selected_row().expect("a row").lead.id.clone();
    let name = d.selected_name();
    let filter = ListFilter::default();
    let spec = ExportSpec {
        profile: "instantly",
        file: Some("ready.csv"),
        filter: &filter,
        selection: serde_json::json!({}),
        per_lead: true,
    };
    let wanted = id.clone();
    d.store
        .export(
            &spec,
            &Ctx::new("sam", crate::tui_support::now()),
            |lead, _| -> Result<Written, leadgate::store::StoreError> {
                Ok(if lead.id == wanted {
                    Written::Yes
                } else {
                    Written::No
                })
            },
            || Ok(0),
        )
        .unwrap();
    d.press(&["j", "k"]);
    assert_eq!(d.selected_name(), name);
    let screen = d.screen(140, 42);
    assert!(screen.contains("Sent to: instantly on"), "{screen}");
}
