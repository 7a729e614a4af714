//! The field editor: a value choice (for vocabularies), evidence text, and a second line
//! where the field has one: the day of a reason now or a next step, the business consequence
//! of a pain point. What it produces is checked by the same domain parser as the CLI's `set`.

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::keymap::{PopupKey, PopupScope, popup_key};
use crate::domain::field::{Edit, Field, current, parse_edit};
use crate::domain::qualification::stated;
use crate::domain::{IcpFit, IntentSource, Lead, RoleRelevance};
use crate::tui::long_text::{head, size};

/// Which part of the editor has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Choice,
    Text,
    /// The second line: a day, or a pain point's consequence.
    Second,
}

/// What a key did to the editor.
#[derive(Debug, PartialEq, Eq)]
pub enum EditorResult {
    Continue,
    Save(Edit),
    Cancel,
}

#[derive(Debug)]
pub struct Editor {
    pub lead_id: String,
    pub field: Field,
    pub choices: Vec<&'static str>,
    pub choice: usize,
    pub text: TextArea<'static>,
    pub second: Option<TextArea<'static>>,
    pub part: Part,
    pub error: Option<String>,
    /// Said when a value was too long to edit whole: what is here, and what saving does.
    pub cut: Option<String>,
    today: NaiveDate,
}

/// The longest value the editor holds whole; the start of a longer one is edited instead.
pub const EDITABLE: usize = 32 * 1024;

/// The label of the text part: what evidence the field wants.
#[must_use]
pub fn text_label(field: Field) -> &'static str {
    match field {
        Field::IcpFit => "Why the account fits (or not)",
        Field::RoleRelevance => "Why this person matters",
        Field::IntentSource => "The signal, in a sentence",
        Field::ReasonNow => "Why reach out now",
        Field::PainPoint => "The problem or use case",
        Field::NextStep => "What happens next",
        _ => "Value",
    }
}

/// The label of the second line.
#[must_use]
pub fn second_label(field: Field) -> &'static str {
    match field {
        Field::NextStep => "Happens on",
        Field::PainPoint => "Consequence",
        _ => "Observed on",
    }
}

/// Whether the second line is a day (else free text).
fn second_is_day(field: Field) -> bool {
    matches!(field, Field::ReasonNow | Field::NextStep)
}

/// A text area holding `text`, or its first [`EDITABLE`] bytes: a text area lays out its
/// whole text on every key and frame, which a 1 MiB value makes take a second.
fn text_area(text: Option<&str>) -> TextArea<'static> {
    let (text, _) = head(text.unwrap_or_default(), EDITABLE);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut area = TextArea::new(if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    });
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// A key that types a character (not a control chord).
fn typed(key: KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl Editor {
    /// An editor for `field` of `lead`, filled with what the record says now.
    #[must_use]
    ///
    /// It opens on the part the record lacks: the value while it is unknown, then the why,
    /// then, for a reason now that is stated but stale or undated (older than `window_days`),
    /// the date it was observed.
    pub fn new(lead: &Lead, field: Field, today: NaiveDate, window_days: i64) -> Self {
        let (value, note) = current(lead, field);
        let choices: Vec<&'static str> = match field {
            Field::IcpFit => IcpFit::ALL.iter().map(|v| v.as_str()).collect(),
            Field::RoleRelevance => RoleRelevance::ALL.iter().map(|v| v.as_str()).collect(),
            Field::IntentSource => std::iter::once("")
                .chain(IntentSource::ALL.iter().map(|v| v.as_str()))
                .collect(),
            _ => Vec::new(),
        };
        let choice = choices
            .iter()
            .position(|c| Some(*c) == value.as_deref())
            .unwrap_or(0);
        let text = if choices.is_empty() {
            text_area(value.as_deref())
        } else {
            text_area(note.as_deref())
        };
        let longest = [value.as_deref(), note.as_deref()]
            .into_iter()
            .flatten()
            .map(str::len)
            .max()
            .unwrap_or(0);
        let cut = (longest > EDITABLE).then(|| {
            format!(
                "Its first {} of {}; saving keeps only these (u undoes)",
                size(EDITABLE),
                size(longest)
            )
        });
        let ev = &lead.evidence;
        let second = match field {
            Field::ReasonNow => Some(ev.reason_now_on.unwrap_or(today).to_string()),
            Field::NextStep => Some(ev.next_step_on.unwrap_or(today).to_string()),
            Field::PainPoint => Some(note.clone().unwrap_or_default()),
            _ => None,
        }
        .map(|text| text_area(Some(&text)));
        let unknown = matches!(value.as_deref(), None | Some("" | "unknown"));
        let text_empty = text.lines().iter().all(|l| l.trim().is_empty());
        // The second line wants attention: a day gone stale, a consequence not written yet.
        let stale = match field {
            Field::NextStep => ev.next_step_on.is_none_or(|on| on < today),
            Field::PainPoint => stated(ev.pain_consequence.as_deref()).is_none(),
            _ => ev
                .reason_now_on
                .is_none_or(|on| on > today || (today - on).num_days() > window_days),
        };
        let part = if !choices.is_empty() && unknown {
            Part::Choice
        } else if !text_empty && second.is_some() && stale {
            Part::Second
        } else {
            Part::Text
        };
        Self {
            lead_id: lead.id.clone(),
            field,
            choices,
            choice,
            text,
            second,
            part,
            error: None,
            cut,
            today,
        }
    }

    /// Handles a key.
    pub fn handle(&mut self, key: KeyEvent) -> EditorResult {
        let scope = if self.part == Part::Choice {
            PopupScope::Choice
        } else {
            PopupScope::Text
        };
        match popup_key(scope, key) {
            Some(PopupKey::Cancel) => EditorResult::Cancel,
            Some(PopupKey::Confirm) => match self.to_edit() {
                Ok(edit) => EditorResult::Save(edit),
                Err(message) => {
                    self.error = Some(message);
                    EditorResult::Continue
                }
            },
            Some(PopupKey::NextPart) => {
                self.part = self.next_part();
                EditorResult::Continue
            }
            Some(PopupKey::Left) if self.part == Part::Choice => {
                self.choice = (self.choice + self.choices.len() - 1) % self.choices.len();
                EditorResult::Continue
            }
            Some(PopupKey::Right) if self.part == Part::Choice => {
                self.choice = (self.choice + 1) % self.choices.len();
                EditorResult::Continue
            }
            Some(PopupKey::Newline) if self.part == Part::Text => {
                self.text.insert_newline();
                EditorResult::Continue
            }
            _ => {
                match self.part {
                    Part::Text => {
                        self.text.input(key);
                    }
                    Part::Second => {
                        if let Some(d) = self.second.as_mut() {
                            d.input(key);
                        }
                    }
                    // Letters always type: on the value part they go to the why.
                    Part::Choice => {
                        if typed(key) {
                            self.part = Part::Text;
                            self.text.input(key);
                        }
                    }
                }
                EditorResult::Continue
            }
        }
    }

    fn next_part(&self) -> Part {
        let parts: Vec<Part> = [
            (!self.choices.is_empty()).then_some(Part::Choice),
            Some(Part::Text),
            self.second.is_some().then_some(Part::Second),
        ]
        .into_iter()
        .flatten()
        .collect();
        let at = parts.iter().position(|p| *p == self.part).unwrap_or(0);
        parts[(at + 1) % parts.len()]
    }

    /// The edit the editor holds, checked by the domain.
    ///
    /// # Errors
    /// The message to show when the input is not valid.
    pub fn to_edit(&self) -> Result<Edit, String> {
        let text = self.text.lines().join("\n");
        let second = self.second.as_ref().map(|d| d.lines().join(" "));
        let (on, consequence) = match second {
            Some(raw) if second_is_day(self.field) => (
                Some(
                    crate::domain::field::parse_day(&raw)
                        .ok_or_else(|| format!("'{raw}' is not a date; write it as YYYY-MM-DD"))?,
                ),
                None,
            ),
            other => (None, other),
        };
        let (value, note) = if self.choices.is_empty() {
            (text, consequence)
        } else {
            (self.choices[self.choice].to_string(), Some(text))
        };
        let on = on.filter(|_| !value.trim().is_empty());
        parse_edit(self.field, &value, note.as_deref(), on, self.today).map_err(|e| e.to_string())
    }
}
