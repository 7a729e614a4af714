//! The full history of the selected lead (`H`, or Enter on the history pane): every entry
//! in full, wrapped and scrollable, the evidence snapshot of a stage change on demand.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::App;
use crate::store::Event;
use crate::tui::action::Command;
use crate::tui::keymap::{PopupKey, PopupScope, popup_key};
use crate::tui::popup::Popup;

/// The history view's state: the lead's every entry, oldest first, and where it is read.
#[derive(Debug, Clone)]
pub struct HistoryView {
    pub lead_id: String,
    pub name: String,
    pub events: Vec<Event>,
    /// The first row on screen, counted in wrapped rows.
    pub scroll: usize,
    /// Whether the evidence snapshots of stage changes are shown.
    pub snapshots: bool,
}

impl App {
    pub(super) fn open_history(&mut self) -> Vec<Command> {
        match &self.detail {
            Some(d) => vec![Command::LoadHistory(d.lead.id.clone())],
            None => Vec::new(),
        }
    }

    /// The lead's history came back: shown from its newest entry, at the foot.
    pub(super) fn history_loaded(&mut self, lead_id: String, events: Vec<Event>) {
        let Some(d) = self.detail.as_ref().filter(|d| d.lead.id == lead_id) else {
            return;
        };
        let name = crate::safe_text::one_line(&d.lead.contact.name);
        self.popups.push(Popup::History(Box::new(HistoryView {
            lead_id,
            name,
            events,
            scroll: usize::MAX,
            snapshots: false,
        })));
    }

    pub(super) fn history_step(
        &mut self,
        mut view: Box<HistoryView>,
        key: KeyEvent,
    ) -> (Option<Popup>, Vec<Command>) {
        let (w, h) = self.size.unwrap_or((80, 24));
        let theme = crate::tui::theme::Theme::new(self.no_color);
        let rows = crate::tui::ui::history::rows(&view, w, theme).len();
        let page = crate::tui::ui::history::page_rows(h);
        let last = rows.saturating_sub(page);
        let at = view.scroll.min(last);
        view.scroll = match (key.code, popup_key(PopupScope::List, key)) {
            (_, Some(PopupKey::Cancel)) | (KeyCode::Char('H'), _) => return (None, Vec::new()),
            (_, Some(PopupKey::Down)) => (at + 1).min(last),
            (_, Some(PopupKey::Up)) => at.saturating_sub(1),
            (_, Some(PopupKey::Top)) => 0,
            (_, Some(PopupKey::Bottom)) => last,
            (KeyCode::PageDown | KeyCode::Char(' '), _) => (at + page).min(last),
            (KeyCode::PageUp, _) => at.saturating_sub(page),
            (KeyCode::Char('s'), _) => {
                view.snapshots = !view.snapshots;
                // Where the reader was, as near as the new rows allow.
                at
            }
            _ => at,
        };
        (Some(Popup::History(view)), Vec::new())
    }
}
