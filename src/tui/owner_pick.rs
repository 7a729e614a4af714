//! The owner picker: a name typed, over the owners already in the database that match it.
//! Picking a known owner keeps one person's leads under one spelling; typing a new name
//! gives the lead a new owner.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::keymap::{PopupKey, PopupScope, popup_key};
use super::popup::Target;

/// At most this many matching owners are listed.
pub const SHOWN: usize = 8;

/// What a key did to the picker.
#[derive(Debug, PartialEq, Eq)]
pub enum OwnerPickResult {
    Continue,
    /// The owner picked (`None`: take the owner off).
    Pick(Option<String>),
    Cancel,
}

#[derive(Debug)]
pub struct OwnerPick {
    /// Whose owner changes.
    pub target: Target,
    /// Who they are, for the title: a name, or "12 marked leads".
    pub whom: String,
    pub text: TextArea<'static>,
    /// The owners in the database (loaded after the picker opens).
    pub owners: Vec<String>,
    /// The highlighted match, an index into `matches()`; `None`: the name as typed.
    pub selected: Option<usize>,
    pub error: Option<String>,
}

impl OwnerPick {
    #[must_use]
    pub fn new(target: Target, whom: String) -> Self {
        Self {
            target,
            whom,
            text: TextArea::default(),
            owners: Vec::new(),
            selected: None,
            error: None,
        }
    }

    /// The name typed, trimmed.
    #[must_use]
    pub fn typed(&self) -> String {
        self.text.lines().join(" ").trim().to_string()
    }

    /// The known owners whose name holds what is typed (in any letter case), at most
    /// `SHOWN`; with nothing typed, the first of them.
    #[must_use]
    pub fn matches(&self) -> Vec<&str> {
        let typed = self.typed().to_lowercase();
        self.owners
            .iter()
            .filter(|o| o.to_lowercase().contains(&typed))
            .take(SHOWN)
            .map(String::as_str)
            .collect()
    }

    /// The owners arrived (typing may have begun meanwhile).
    pub fn loaded(&mut self, owners: Vec<String>) {
        self.owners = owners;
        self.reselect();
    }

    /// After typing, the closest known spelling is highlighted: the one that is the typed
    /// name in other letter case, else the first match; none when nothing matches, or
    /// nothing is typed (Enter on an empty picker assigns nobody by accident).
    fn reselect(&mut self) {
        let typed = self.typed();
        if typed.is_empty() {
            self.selected = None;
            return;
        }
        let matches = self.matches();
        self.selected = matches
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&typed))
            .or((!matches.is_empty()).then_some(0));
    }

    /// Handles a key: Up and Down move among the known owners (above the first: the name
    /// as typed), Enter picks, Esc cancels, anything else types.
    pub fn handle(&mut self, key: KeyEvent) -> OwnerPickResult {
        let count = self.matches().len();
        match key.code {
            KeyCode::Down if count > 0 => {
                self.selected = Some(self.selected.map_or(0, |s| (s + 1).min(count - 1)));
                return OwnerPickResult::Continue;
            }
            KeyCode::Up => {
                self.selected = self.selected.and_then(|s| s.checked_sub(1));
                return OwnerPickResult::Continue;
            }
            _ => {}
        }
        match popup_key(PopupScope::Text, key) {
            Some(PopupKey::Cancel) => OwnerPickResult::Cancel,
            Some(PopupKey::Confirm) if self.typed() == "-" => OwnerPickResult::Pick(None),
            Some(PopupKey::Confirm) => {
                let picked = self
                    .selected
                    .and_then(|i| self.matches().get(i).map(|s| (*s).to_string()));
                match picked {
                    Some(owner) => OwnerPickResult::Pick(Some(owner)),
                    None if self.typed().is_empty() => {
                        self.error =
                            Some("Type a name, or pick one with ↓ (- takes the owner off)".into());
                        OwnerPickResult::Continue
                    }
                    None => OwnerPickResult::Pick(Some(self.typed())),
                }
            }
            Some(PopupKey::NextPart | PopupKey::Newline) => OwnerPickResult::Continue,
            _ => {
                self.error = None;
                self.text.input(key);
                self.reselect();
                OwnerPickResult::Continue
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(pick: &mut OwnerPick, text: &str) {
        for c in text.chars() {
            pick.handle(key(KeyCode::Char(c)));
        }
    }

    fn picker() -> OwnerPick {
        let mut pick = OwnerPick::new(Target::Marked, "3 marked leads".into());
        pick.loaded(vec!["Jo Park".into(), "maren".into(), "Marta".into()]);
        pick
    }

    #[test]
    fn typing_narrows_the_owners_and_enter_takes_the_known_spelling() {
        let mut pick = picker();
        typed(&mut pick, "MAR");
        assert_eq!(pick.matches(), vec!["maren", "Marta"]);
        pick.handle(key(KeyCode::Down));
        assert_eq!(
            pick.handle(key(KeyCode::Enter)),
            OwnerPickResult::Pick(Some("Marta".into()))
        );
    }

    #[test]
    fn a_new_name_is_taken_as_typed_and_a_blank_one_is_refused_in_place() {
        let mut pick = picker();
        assert_eq!(pick.handle(key(KeyCode::Up)), OwnerPickResult::Continue);
        assert_eq!(pick.handle(key(KeyCode::Enter)), OwnerPickResult::Continue);
        assert!(pick.error.is_some());
        typed(&mut pick, "Sam Ode");
        assert!(pick.error.is_none());
        assert_eq!(
            pick.handle(key(KeyCode::Enter)),
            OwnerPickResult::Pick(Some("Sam Ode".into()))
        );
    }

    #[test]
    fn up_above_the_matches_keeps_the_name_as_typed_and_a_dash_takes_the_owner_off() {
        let mut pick = picker();
        typed(&mut pick, "mar");
        pick.handle(key(KeyCode::Up));
        assert_eq!(
            pick.handle(key(KeyCode::Enter)),
            OwnerPickResult::Pick(Some("mar".into()))
        );
        let mut pick = picker();
        typed(&mut pick, "-");
        assert_eq!(
            pick.handle(key(KeyCode::Enter)),
            OwnerPickResult::Pick(None)
        );
    }
}
