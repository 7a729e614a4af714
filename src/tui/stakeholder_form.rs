//! The form that adds a stakeholder: name and role typed, engagement and authority chosen.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::keymap::{PopupKey, PopupScope, popup_key};
use crate::domain::deal::{Authority, Engagement, Stakeholder};

/// The form's parts, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPart {
    Name,
    Role,
    Engagement,
    Authority,
}

const PARTS: [FormPart; 4] = [
    FormPart::Name,
    FormPart::Role,
    FormPart::Engagement,
    FormPart::Authority,
];

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum FormResult {
    Continue,
    Save(Stakeholder),
    Cancel,
}

#[derive(Debug)]
pub struct StakeholderForm {
    pub lead_id: String,
    pub name: TextArea<'static>,
    pub role: TextArea<'static>,
    pub engagement: Engagement,
    pub authority: Authority,
    pub part: FormPart,
    pub error: Option<String>,
}

/// The value after (or before) `v` in `all`, round the ends.
fn cycle<T: Copy + PartialEq>(all: &[T], v: T, forward: bool) -> T {
    let at = all.iter().position(|x| *x == v).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

impl StakeholderForm {
    #[must_use]
    pub fn new(lead_id: String) -> Self {
        Self {
            lead_id,
            name: TextArea::default(),
            role: TextArea::default(),
            engagement: Engagement::Engaged,
            authority: Authority::Mapping,
            part: FormPart::Name,
            error: None,
        }
    }

    /// Handles a key: Tab moves on, ←/→ (or Space) change a choice, letters type into the
    /// name and role, Enter saves, Esc cancels.
    pub fn handle(&mut self, key: KeyEvent) -> FormResult {
        let choosing = matches!(self.part, FormPart::Engagement | FormPart::Authority);
        let scope = if choosing {
            PopupScope::Choice
        } else {
            PopupScope::Text
        };
        match popup_key(scope, key) {
            Some(PopupKey::Cancel) => FormResult::Cancel,
            Some(PopupKey::Confirm) => match self.person() {
                Ok(person) => FormResult::Save(person),
                Err(message) => {
                    self.error = Some(message);
                    FormResult::Continue
                }
            },
            Some(PopupKey::NextPart) => {
                self.part = cycle(&PARTS, self.part, true);
                FormResult::Continue
            }
            Some(k @ (PopupKey::Left | PopupKey::Right)) if choosing => {
                let forward = k == PopupKey::Right;
                match self.part {
                    FormPart::Engagement => {
                        self.engagement = cycle(Engagement::ALL, self.engagement, forward);
                    }
                    _ => self.authority = cycle(Authority::ALL, self.authority, forward),
                }
                FormResult::Continue
            }
            // One line each: a new line has no place in a name.
            Some(PopupKey::Newline) => FormResult::Continue,
            _ => {
                match self.part {
                    FormPart::Name => {
                        self.name.input(key);
                    }
                    FormPart::Role => {
                        self.role.input(key);
                    }
                    FormPart::Engagement | FormPart::Authority => {}
                }
                FormResult::Continue
            }
        }
    }

    /// The stakeholder the form holds.
    ///
    /// # Errors
    /// The message to show when the name is blank.
    pub fn person(&self) -> Result<Stakeholder, String> {
        let name = self.name.lines().join(" ").trim().to_string();
        if name.is_empty() {
            return Err("A stakeholder needs a name".into());
        }
        Ok(Stakeholder {
            name,
            role: self.role.lines().join(" ").trim().to_string(),
            engagement: self.engagement,
            authority: self.authority,
        })
    }
}
