//! The form that adds a lead: name, email, company, title and source, one line each.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::keymap::{PopupKey, PopupScope, popup_key};
use crate::domain::Contact;

/// The form's lines, in Tab order, with their labels.
pub const LINES: [&str; 5] = ["Name", "Email", "Company", "Title", "Source"];

/// What a key did to the form.
#[derive(Debug, PartialEq, Eq)]
pub enum LeadFormResult {
    Continue,
    Save(Box<Contact>),
    Cancel,
}

#[derive(Debug)]
pub struct LeadForm {
    pub lines: [TextArea<'static>; 5],
    /// The line typed into (an index into `LINES`).
    pub part: usize,
    pub error: Option<String>,
}

impl Default for LeadForm {
    fn default() -> Self {
        Self {
            lines: std::array::from_fn(|_| TextArea::default()),
            part: 0,
            error: None,
        }
    }
}

impl LeadForm {
    /// Handles a key: Tab moves to the next line (round the end), Enter saves, Esc cancels,
    /// anything else types into the line.
    pub fn handle(&mut self, key: KeyEvent) -> LeadFormResult {
        match popup_key(PopupScope::Text, key) {
            Some(PopupKey::Cancel) => LeadFormResult::Cancel,
            Some(PopupKey::Confirm) => match self.contact() {
                Ok(contact) => LeadFormResult::Save(Box::new(contact)),
                Err(message) => {
                    self.error = Some(message);
                    LeadFormResult::Continue
                }
            },
            Some(PopupKey::NextPart) => {
                self.part = (self.part + 1) % LINES.len();
                LeadFormResult::Continue
            }
            // One line each: a new line has no place in a name or an email.
            Some(PopupKey::Newline) => LeadFormResult::Continue,
            // Typing answers whatever the form last said.
            _ => {
                self.error = None;
                self.lines[self.part].input(key);
                LeadFormResult::Continue
            }
        }
    }

    fn text(&self, part: usize) -> Option<String> {
        let text = self.lines[part].lines().join(" ").trim().to_string();
        (!text.is_empty()).then_some(text)
    }

    /// The contact the form holds; the store checks the email's shape as `add` does.
    ///
    /// # Errors
    /// The message to show when the name is blank.
    pub fn contact(&self) -> Result<Contact, String> {
        let Some(name) = self.text(0) else {
            return Err("A lead needs a name".into());
        };
        Ok(Contact {
            name,
            email: self.text(1),
            company: self.text(2),
            title: self.text(3),
            source: self.text(4),
            ..Contact::default()
        })
    }
}
