//! Search as you type: `/` opens a line in the tab bar; each keystroke filters the queue
//! (every word a prefix, over name, email, company, title and notes) and counts the
//! matches; Enter keeps the search, Esc clears it.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{App, Focus};
use crate::store::ListSource;
use crate::tui::action::Command;
use crate::tui::keymap::{PopupKey, PopupScope, popup_key};
use crate::tui::popup::Popup;

/// Matches counted while typing: past this many the count says "1000+", so that a one-letter
/// search costs no more than a long one.
pub const SEARCH_COUNT_CAP: u64 = 1_000;

/// A pause in the typing this long lets the search count run.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(30);

/// How many leads the search finds, as far as counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchCount {
    pub text: String,
    pub count: u64,
    /// More than `count` match (counting stopped at the cap).
    pub more: bool,
}

impl App {
    pub(super) fn open_search(&mut self) {
        let mut text = TextArea::default();
        if let Some(s) = &self.search {
            text.insert_str(s);
        }
        self.focus = Focus::Queue;
        self.popups.push(Popup::Search {
            text: Box::new(text),
        });
    }

    /// The matches counted for the search in force, if they are.
    #[must_use]
    pub fn search_count(&self) -> Option<&SearchCount> {
        self.search_count
            .as_ref()
            .filter(|c| Some(&c.text) == self.search.as_ref())
    }

    pub(super) fn search_step(
        &mut self,
        mut text: Box<TextArea<'static>>,
        key: KeyEvent,
    ) -> (Option<Popup>, Vec<Command>) {
        match popup_key(PopupScope::Text, key) {
            // A count still to come is taken now, and said when it comes.
            Some(PopupKey::Confirm) => {
                self.say_found();
                return (None, self.settled());
            }
            Some(PopupKey::Cancel) => {
                let had = self.search.take().is_some();
                self.search_count = None;
                self.settle = None;
                let reload = if had {
                    vec![super::reload()]
                } else {
                    Vec::new()
                };
                return (None, reload);
            }
            _ => {}
        }
        // The arrows move in the list while typing; every other key edits the words.
        let commands = match key.code {
            KeyCode::Down => self.down(1),
            KeyCode::Up => self.up(1),
            KeyCode::Tab | KeyCode::BackTab => Vec::new(),
            _ => {
                text.input(key);
                self.searched(text.lines().join(" "))
            }
        };
        (Some(Popup::Search { text }), commands)
    }

    /// The words typed so far: the list and its count read again when they changed.
    fn searched(&mut self, typed: String) -> Vec<Command> {
        let wanted = (!typed.trim().is_empty()).then_some(typed);
        if wanted == self.search {
            return Vec::new();
        }
        self.search = wanted;
        // The list follows each key; the count, which costs the most on a large database
        // and is read last, waits for a pause in the typing.
        self.settle = self.search.as_ref().map(|text| Command::CountList {
            list: ListSource::Search(text.clone()),
            cap: Some(SEARCH_COUNT_CAP),
        });
        vec![super::reload()]
    }

    fn say_found(&mut self) {
        if let Some(c) = self.search_count() {
            let more = if c.more { "+" } else { "" };
            let n = c.count;
            self.say(format!("{n}{more} found · Esc leaves the search"));
        }
    }

    /// How long the event loop waits for a key before `Action::Settled`, when something
    /// waits for a pause.
    #[must_use]
    pub fn settle_wait(&self) -> Option<std::time::Duration> {
        self.settle.as_ref().map(|_| SETTLE)
    }

    /// The pause came: what waited for it.
    pub(super) fn settled(&mut self) -> Vec<Command> {
        self.settle.take().into_iter().collect()
    }

    /// Whether the count of the search typed is still to come.
    #[must_use]
    pub fn counting(&self) -> bool {
        self.settle.is_some()
    }

    /// A count came back: for the marks, or for the search typed.
    pub(super) fn counted(&mut self, list: &ListSource, count: u64, cap: Option<u64>) {
        if let ListSource::Search(text) = list
            && cap.is_some()
        {
            self.search_count = Some(SearchCount {
                text: text.clone(),
                count: count.min(cap.unwrap_or(u64::MAX)),
                more: cap.is_some_and(|c| count > c),
            });
            if !matches!(self.popups.last(), Some(Popup::Search { .. })) {
                self.say_found();
            }
            return;
        }
        self.counted_marks(list, count);
    }
}
