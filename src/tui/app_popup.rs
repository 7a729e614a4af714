//! Keys while a popup is open.

use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::App;
use crate::domain::field::field_of;
use crate::domain::{BulkChange, Decision, ReasonCode};
use crate::tui::action::Command;
use crate::tui::editor::EditorResult;
use crate::tui::keymap::{PopupKey, PopupScope, popup_key};
use crate::tui::popup::{Popup, Prompt};

impl App {
    pub(super) fn popup_key(&mut self, key: KeyEvent) -> Vec<Command> {
        let Some(top) = self.popups.pop() else {
            return Vec::new();
        };
        let (keep, commands) = self.popup_step(top, key);
        if let Some(popup) = keep {
            self.popups.push(popup);
        }
        commands
    }

    /// Handles `key` in `popup`. Returns the popup if it stays open (possibly with another on
    /// top, pushed here), and the commands to run.
    fn popup_step(&mut self, popup: Popup, key: KeyEvent) -> (Option<Popup>, Vec<Command>) {
        match popup {
            Popup::Help { scroll } => match popup_key(PopupScope::List, key) {
                Some(PopupKey::Down) => (
                    Some(Popup::Help {
                        scroll: (scroll + 1).min(self.help_max_scroll()),
                    }),
                    Vec::new(),
                ),
                Some(PopupKey::Top) => (Some(Popup::Help { scroll: 0 }), Vec::new()),
                Some(PopupKey::Bottom) => (
                    Some(Popup::Help {
                        scroll: self.help_max_scroll(),
                    }),
                    Vec::new(),
                ),
                Some(PopupKey::Up) => (
                    Some(Popup::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    Vec::new(),
                ),
                _ => (None, Vec::new()),
            },
            Popup::Reasons {
                target,
                parking,
                selected,
            } => {
                let names: Vec<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
                let bound = popup_key(PopupScope::List, key);
                if let Some(to) = list_move(key, bound, selected, &names) {
                    let popup = Popup::Reasons {
                        target,
                        parking,
                        selected: to,
                    };
                    return (Some(popup), Vec::new());
                }
                match bound {
                    // Then the note: optional, but for a code that says nothing by itself.
                    Some(PopupKey::Confirm) => {
                        let code = ReasonCode::ALL[selected];
                        let prompt = Prompt::Note {
                            target,
                            decision: parking.decision(code),
                            required: code.needs_note(),
                        };
                        (
                            Some(Popup::Prompt {
                                prompt,
                                text: Box::new(TextArea::default()),
                                error: None,
                            }),
                            Vec::new(),
                        )
                    }
                    Some(PopupKey::Cancel) => (None, Vec::new()),
                    _ => (
                        Some(Popup::Reasons {
                            target,
                            parking,
                            selected,
                        }),
                        Vec::new(),
                    ),
                }
            }
            Popup::Refused { lead_id, selected } => {
                let items = self.refused_items();
                let names: Vec<&str> = items.iter().map(|i| i.item.label()).collect();
                let bound = popup_key(PopupScope::Refused, key);
                if let Some(to) = list_move(key, bound, selected, &names) {
                    let popup = Popup::Refused {
                        lead_id,
                        selected: to,
                    };
                    return (Some(popup), Vec::new());
                }
                match bound {
                    Some(PopupKey::Confirm) => {
                        let field = items.get(selected).map(|i| field_of(i.item));
                        let editor = match (&self.detail, field) {
                            (Some(d), Some(Some(field))) if d.lead.id == lead_id => {
                                Some(crate::tui::editor::Editor::new(
                                    &d.lead,
                                    field,
                                    self.now.date_naive(),
                                    self.rules.gates.reason_now_window_days,
                                ))
                            }
                            _ => None,
                        };
                        let item = items.get(selected).map(|i| i.item);
                        self.popups.push(Popup::Refused {
                            lead_id: lead_id.clone(),
                            selected,
                        });
                        match (editor, item) {
                            (Some(editor), _) => self.popups.push(Popup::Editor(Box::new(editor))),
                            // Stakeholders, the handoff and the flags are not one field each.
                            (None, Some(item)) if field == Some(None) => {
                                self.fill_gate_item(&lead_id, item);
                            }
                            _ => {}
                        }
                        (None, Vec::new())
                    }
                    Some(PopupKey::Promote) => {
                        let cmd = Command::Decide {
                            id: lead_id.clone(),
                            decision: Decision::Promote,
                            note: None,
                            expect: None,
                            undoes: None,
                        };
                        (Some(Popup::Refused { lead_id, selected }), vec![cmd])
                    }
                    Some(PopupKey::Cancel) => (None, Vec::new()),
                    _ => (Some(Popup::Refused { lead_id, selected }), Vec::new()),
                }
            }
            Popup::Editor(mut editor) => match editor.handle(key) {
                EditorResult::Continue => (Some(Popup::Editor(editor)), Vec::new()),
                EditorResult::Cancel => (None, Vec::new()),
                EditorResult::Save(edit) => (
                    None,
                    vec![Command::SetField {
                        id: editor.lead_id.clone(),
                        edit,
                        expect: None,
                        undoes: None,
                    }],
                ),
            },
            Popup::Package { lead_id, selected } => self.package_step(lead_id, selected, key),
            Popup::Pick {
                lead_id,
                pick,
                selected,
            } => self.pick_step(lead_id, pick, selected, key),
            Popup::Stakeholder(form) => self.stakeholder_step(form, key),
            Popup::AddLead(form) => self.lead_form_step(form, key),
            Popup::Owner(pick) => self.owner_pick_step(pick, key),
            // u on a bulk result undoes what it reports, as its hint says.
            Popup::BulkResult { undoable: true, .. }
                if key.code == ratatui::crossterm::event::KeyCode::Char('u') =>
            {
                (None, self.undo())
            }
            // Any other key closes a summary.
            Popup::ImportSummary(_) | Popup::BulkResult { .. } => (None, Vec::new()),
            Popup::Search { text } => self.search_step(text, key),
            Popup::History(view) => self.history_step(view, key),
            Popup::ConfirmBulk { change, note } => {
                let yes = key.code == ratatui::crossterm::event::KeyCode::Char('y');
                match popup_key(PopupScope::Text, key) {
                    _ if yes => (None, self.run_bulk(change, note)),
                    Some(PopupKey::Confirm) => (None, self.run_bulk(change, note)),
                    Some(PopupKey::Cancel) => {
                        self.say("Nothing was changed; the marks stay");
                        (None, Vec::new())
                    }
                    _ => (Some(Popup::ConfirmBulk { change, note }), Vec::new()),
                }
            }
            // Enter writes it anyway, over what the screen now shows; any other key keeps theirs.
            Popup::Changed { retry, .. } => match popup_key(PopupScope::Text, key) {
                Some(PopupKey::Confirm) => (None, vec![*retry]),
                _ => {
                    self.status = Some(super::Status {
                        text: "Kept the other change; yours was not written".into(),
                        error: false,
                    });
                    (None, Vec::new())
                }
            },
            // Enter tries the same write again; Esc drops it, saying so.
            Popup::NotWritten { message, retry } => match popup_key(PopupScope::Text, key) {
                Some(PopupKey::Confirm) => (None, vec![*retry]),
                Some(PopupKey::Cancel) => {
                    self.status = Some(super::Status {
                        text: "Dropped: the change was not written".into(),
                        error: true,
                    });
                    (None, Vec::new())
                }
                _ => (Some(Popup::NotWritten { message, retry }), Vec::new()),
            },
            Popup::Prompt {
                prompt,
                mut text,
                error,
            } => match popup_key(PopupScope::Text, key) {
                Some(PopupKey::Cancel) => (None, Vec::new()),
                Some(PopupKey::Confirm) => {
                    let answer = text.lines().join("\n");
                    match self.submit(&prompt, answer.trim()) {
                        Ok(commands) => (None, commands),
                        Err(message) => (
                            Some(Popup::Prompt {
                                prompt,
                                text,
                                error: Some(message),
                            }),
                            Vec::new(),
                        ),
                    }
                }
                // Tab completes a path; elsewhere it types nothing.
                Some(PopupKey::NextPart) => {
                    let commands = match prompt {
                        Prompt::ImportPath { .. } => {
                            vec![Command::CompletePath(text.lines().join(""))]
                        }
                        _ => Vec::new(),
                    };
                    (
                        Some(Popup::Prompt {
                            prompt,
                            text,
                            error,
                        }),
                        commands,
                    )
                }
                Some(PopupKey::Newline) => {
                    if prompt.multi_line() {
                        text.insert_newline();
                    }
                    (
                        Some(Popup::Prompt {
                            prompt,
                            text,
                            error,
                        }),
                        Vec::new(),
                    )
                }
                _ => {
                    text.input(key);
                    (
                        Some(Popup::Prompt {
                            prompt,
                            text,
                            error,
                        }),
                        Vec::new(),
                    )
                }
            },
            Popup::Values {
                column,
                values,
                selected,
            } => {
                // "(any)" comes first.
                let names: Vec<&str> = std::iter::once("(any)")
                    .chain(values.iter().map(String::as_str))
                    .collect();
                let bound = popup_key(PopupScope::List, key);
                if let Some(to) = list_move(key, bound, selected, &names) {
                    let popup = Popup::Values {
                        column,
                        values,
                        selected: to,
                    };
                    return (Some(popup), Vec::new());
                }
                match bound {
                    Some(PopupKey::Confirm) => {
                        let value = selected.checked_sub(1).and_then(|i| values.get(i).cloned());
                        match column {
                            crate::store::FilterColumn::Source => self.source = value,
                            crate::store::FilterColumn::Owner => self.owner = value,
                        }
                        self.search = None;
                        (None, vec![super::reload()])
                    }
                    Some(PopupKey::Cancel) => (None, Vec::new()),
                    _ => (
                        Some(Popup::Values {
                            column,
                            values,
                            selected,
                        }),
                        Vec::new(),
                    ),
                }
            }
        }
    }
}

impl App {
    /// What answering a prompt does; an error message keeps the prompt open.
    fn submit(&mut self, prompt: &Prompt, answer: &str) -> Result<Vec<Command>, String> {
        if let Some(done) = self.submit_second(prompt, answer) {
            return done;
        }
        match prompt {
            Prompt::Note {
                target,
                decision,
                required,
            } => {
                if answer.is_empty() && *required {
                    return Err("A note is needed: say why".into());
                }
                let note = (!answer.is_empty()).then(|| answer.to_string());
                Ok(self.decide_for(target.clone(), decision.clone(), note))
            }
            Prompt::ResolveFlag {
                lead_id,
                flag,
                consent_on,
                ..
            } => {
                if answer.is_empty() {
                    return Err("A note is needed: why is this record fine?".into());
                }
                Ok(vec![Command::ResolveFlag {
                    id: lead_id.clone(),
                    flag: *flag,
                    note: answer.to_string(),
                    consent_on: *consent_on,
                    expect: None,
                }])
            }
            Prompt::BulkResolve { flag } => {
                if answer.is_empty() {
                    return Err("A note is needed: why are these records fine?".into());
                }
                self.popups.push(Popup::ConfirmBulk {
                    change: BulkChange::Resolve(*flag, answer.to_string()),
                    note: None,
                });
                Ok(Vec::new())
            }
            Prompt::ConsentDay { lead_id, reason } => {
                let day = crate::domain::field::parse_day(answer)
                    .ok_or("Write the day as YYYY-MM-DD, for example 2026-11-30")?;
                crate::domain::flags::check_consent_day(reason, day, self.now.date_naive())
                    .map_err(|e| e.to_string())?;
                self.popups.push(Popup::Prompt {
                    prompt: Prompt::ResolveFlag {
                        lead_id: lead_id.clone(),
                        flag: crate::domain::Flag::DoNotContact,
                        reason: reason.clone(),
                        consent_on: Some(day),
                    },
                    text: Box::default(),
                    error: None,
                });
                Ok(Vec::new())
            }
            Prompt::ReopenOptedOut { lead_id, .. } => {
                if answer.is_empty() {
                    return Err("Say how you know they want to hear from you, or Esc".into());
                }
                Ok(vec![Command::Decide {
                    id: lead_id.clone(),
                    decision: crate::domain::Decision::Reopen,
                    note: Some(answer.to_string()),
                    expect: None,
                    undoes: None,
                }])
            }
            Prompt::Touch { .. }
            | Prompt::SendTo { .. }
            | Prompt::HandoffNote { .. }
            | Prompt::RemoveStakeholder { .. } => Ok(Vec::new()),
            Prompt::ImportPath { .. } => {
                if answer.is_empty() {
                    return Err("Type the path of a CSV file".into());
                }
                self.say(format!("Importing {answer}…"));
                Ok(vec![Command::Import(crate::tui::paths::expand_home(
                    answer,
                ))])
            }
        }
    }
}

/// Where a list's selection goes for `key`: one up or down (round the ends), the first or
/// the last choice, or, for a letter bound to nothing, the next choice whose name starts with
/// it. `None` when the key moves nothing.
pub(super) fn list_move(
    key: KeyEvent,
    bound: Option<PopupKey>,
    selected: usize,
    names: &[&str],
) -> Option<usize> {
    let n = names.len().max(1);
    match bound {
        Some(PopupKey::Down) => Some((selected + 1) % n),
        Some(PopupKey::Up) => Some((selected + n - 1) % n),
        Some(PopupKey::Top) => Some(0),
        Some(PopupKey::Bottom) => Some(n - 1),
        Some(_) => None,
        None => {
            let ratatui::crossterm::event::KeyCode::Char(letter) = key.code else {
                return None;
            };
            let letter = letter.to_lowercase().next()?;
            let starts = |name: &str| {
                name.chars()
                    .find(|c| c.is_alphanumeric())
                    .and_then(|c| c.to_lowercase().next())
                    == Some(letter)
            };
            (selected + 1..names.len())
                .chain(0..=selected.min(names.len().saturating_sub(1)))
                .find(|&i| starts(names[i]))
        }
    }
}
