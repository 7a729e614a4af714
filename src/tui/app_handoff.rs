//! The second gate in the workstation: the handoff package and its steps, touches and
//! stakeholders. Each write is the CLI's, through `Command::Write`.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use crate::domain::handoff::{PackageItem, RejectCode, Step};
use crate::domain::touch::TouchKind;
use crate::domain::{Field, GateItem};
use crate::tui::action::{Command, Write};
use crate::tui::keymap::{PopupKey, PopupScope, popup_key};
use crate::tui::popup::{Pick, Popup, Prompt};
use crate::tui::stakeholder_form::{FormResult, StakeholderForm};

/// What is still to do after a key in a second-gate popup: the popup to keep open, and the
/// commands to run.
type Step2 = (Option<Popup>, Vec<Command>);

impl App {
    /// The selected lead's id, once its detail is loaded (the package reads it).
    fn loaded_lead(&self) -> Option<String> {
        let detail = self.detail.as_ref()?;
        self.selected_row()
            .filter(|r| r.lead.id == detail.lead.id)
            .map(|r| r.lead.id.clone())
    }

    pub(super) fn open_package(&mut self) {
        match self.loaded_lead() {
            Some(lead_id) => self.popups.push(Popup::Package {
                lead_id,
                selected: 0,
            }),
            None => self.say("Select a lead first"),
        }
    }

    pub(super) fn open_touch(&mut self) {
        if let Some(lead_id) = self.loaded_lead() {
            self.popups.push(Popup::Pick {
                lead_id,
                pick: Pick::TouchKind,
                selected: 0,
            });
        }
    }

    fn prompt_for(&mut self, prompt: Prompt) {
        self.popups.push(Popup::Prompt {
            prompt,
            text: Box::default(),
            error: None,
        });
    }

    /// A key in the package popup.
    pub(super) fn package_step(
        &mut self,
        lead_id: String,
        selected: usize,
        key: KeyEvent,
    ) -> Step2 {
        // One place past the items: the rest of the package (conversations, stakeholders,
        // what happens next) scrolled into view.
        let n = self.detail.as_ref().map_or(0, |d| d.package.len()) + 1;
        let keep = |selected| Popup::Package {
            lead_id: lead_id.clone(),
            selected,
        };
        let write = |step: Step| Command::Write {
            id: lead_id.clone(),
            write: Write::Handoff { step, note: None },
            expect: None,
        };
        let note = |step: Step, required: bool| Prompt::HandoffNote {
            lead_id: lead_id.clone(),
            step,
            required,
        };
        match popup_key(PopupScope::Package, key) {
            Some(PopupKey::Down) => (Some(keep((selected + 1) % n)), Vec::new()),
            Some(PopupKey::Up) => (Some(keep((selected + n - 1) % n)), Vec::new()),
            Some(PopupKey::Top) => (Some(keep(0)), Vec::new()),
            Some(PopupKey::Bottom) => (Some(keep(n - 1)), Vec::new()),
            Some(PopupKey::Cancel) => (None, Vec::new()),
            Some(PopupKey::Confirm) => {
                let item = self
                    .detail
                    .as_ref()
                    .and_then(|d| d.package.get(selected))
                    .map(|c| c.item);
                self.popups.push(keep(selected));
                if let Some(item) = item {
                    self.fill_package_item(&lead_id, item);
                }
                (None, Vec::new())
            }
            Some(PopupKey::Send) => {
                self.popups.push(keep(selected));
                self.prompt_for(Prompt::SendTo {
                    lead_id: lead_id.clone(),
                });
                (None, Vec::new())
            }
            Some(PopupKey::AcceptHandoff) => (Some(keep(selected)), vec![write(Step::Accept)]),
            Some(PopupKey::RejectHandoff) => {
                self.popups.push(keep(selected));
                self.popups.push(Popup::Pick {
                    lead_id: lead_id.clone(),
                    pick: Pick::RejectCode,
                    selected: 0,
                });
                (None, Vec::new())
            }
            Some(k @ (PopupKey::Dispute | PopupKey::Overturn | PopupKey::Uphold)) => {
                let step = match k {
                    PopupKey::Dispute => Step::Dispute,
                    PopupKey::Overturn => Step::Settle { overturn: true },
                    _ => Step::Settle { overturn: false },
                };
                self.popups.push(keep(selected));
                self.prompt_for(note(step, true));
                (None, Vec::new())
            }
            Some(PopupKey::AddStakeholder) => {
                self.popups.push(keep(selected));
                self.popups
                    .push(Popup::Stakeholder(Box::new(StakeholderForm::new(
                        lead_id.clone(),
                    ))));
                (None, Vec::new())
            }
            Some(PopupKey::RemoveStakeholder) => {
                self.popups.push(keep(selected));
                self.prompt_for(Prompt::RemoveStakeholder {
                    lead_id: lead_id.clone(),
                });
                (None, Vec::new())
            }
            Some(PopupKey::LogTouch) => {
                self.popups.push(keep(selected));
                self.popups.push(Popup::Pick {
                    lead_id: lead_id.clone(),
                    pick: Pick::TouchKind,
                    selected: 0,
                });
                (None, Vec::new())
            }
            _ => (Some(keep(selected)), Vec::new()),
        }
    }

    /// Opens what fills a package item in place: the field editor, the touch entry or the
    /// stakeholder form.
    fn fill_package_item(&mut self, lead_id: &str, item: PackageItem) {
        let field = match item {
            PackageItem::ConfirmedFit => Field::IcpFit,
            PackageItem::RelevantContact => Field::RoleRelevance,
            PackageItem::ProblemStatement => Field::PainPoint,
            PackageItem::IntentBasis => Field::IntentSource,
            PackageItem::Conversation => {
                self.popups.push(Popup::Pick {
                    lead_id: lead_id.to_string(),
                    pick: Pick::TouchKind,
                    selected: 0,
                });
                return;
            }
            PackageItem::StakeholderView => {
                self.popups
                    .push(Popup::Stakeholder(Box::new(StakeholderForm::new(
                        lead_id.to_string(),
                    ))));
                return;
            }
        };
        self.open_editor(lead_id, field);
    }

    /// Fills a gate item that is not one field: the stakeholders by the form, an accepted
    /// handoff by the package, the flags by resolving one.
    pub(super) fn fill_gate_item(&mut self, lead_id: &str, item: GateItem) {
        match item {
            GateItem::Stakeholders => {
                self.popups
                    .push(Popup::Stakeholder(Box::new(StakeholderForm::new(
                        lead_id.to_string(),
                    ))))
            }
            GateItem::HandoffAccepted => self.popups.push(Popup::Package {
                lead_id: lead_id.to_string(),
                selected: 0,
            }),
            _ => self.open_flag_popup(),
        }
    }

    /// Opens the field editor on `field` of the loaded lead `lead_id`.
    pub(super) fn open_editor(&mut self, lead_id: &str, field: Field) {
        let Some(d) = self.detail.as_ref().filter(|d| d.lead.id == lead_id) else {
            return;
        };
        let editor = crate::tui::editor::Editor::new(
            &d.lead,
            field,
            self.now.date_naive(),
            self.rules.gates.reason_now_window_days,
        );
        self.popups.push(Popup::Editor(Box::new(editor)));
    }

    /// A key in a touch-kind or reject-reason list.
    pub(super) fn pick_step(
        &mut self,
        lead_id: String,
        pick: Pick,
        selected: usize,
        key: KeyEvent,
    ) -> Step2 {
        let items = pick.items();
        let names: Vec<&str> = items.iter().map(|(name, _)| *name).collect();
        let bound = popup_key(PopupScope::List, key);
        if let Some(to) = super::popup_keys::list_move(key, bound, selected, &names) {
            let popup = Popup::Pick {
                lead_id,
                pick,
                selected: to,
            };
            return (Some(popup), Vec::new());
        }
        match bound {
            Some(PopupKey::Confirm) => {
                let name = names.get(selected).copied().unwrap_or_default();
                match pick {
                    Pick::TouchKind => {
                        let kind = TouchKind::parse(name).unwrap_or(TouchKind::Note);
                        self.prompt_for(Prompt::Touch { lead_id, kind });
                    }
                    Pick::BulkFlag => {
                        if let Ok(flag) = crate::domain::Flag::parse(name) {
                            self.prompt_for(Prompt::BulkResolve { flag });
                        }
                    }
                    Pick::RejectCode => {
                        let code = RejectCode::parse(name).unwrap_or(RejectCode::Other);
                        self.prompt_for(Prompt::HandoffNote {
                            lead_id,
                            step: Step::Reject(code),
                            required: code == RejectCode::Other,
                        });
                    }
                }
                (None, Vec::new())
            }
            Some(PopupKey::Cancel) => (None, Vec::new()),
            _ => (
                Some(Popup::Pick {
                    lead_id,
                    pick,
                    selected,
                }),
                Vec::new(),
            ),
        }
    }

    /// A key in the stakeholder form.
    pub(super) fn stakeholder_step(
        &mut self,
        mut form: Box<StakeholderForm>,
        key: KeyEvent,
    ) -> Step2 {
        match form.handle(key) {
            FormResult::Continue => (Some(Popup::Stakeholder(form)), Vec::new()),
            FormResult::Cancel => (None, Vec::new()),
            FormResult::Save(person) => (
                None,
                vec![Command::Write {
                    id: form.lead_id.clone(),
                    write: Write::AddStakeholder(person),
                    expect: None,
                }],
            ),
        }
    }

    /// What answering one of the second gate's prompts does; `None` for other prompts.
    pub(super) fn submit_second(
        &mut self,
        prompt: &Prompt,
        answer: &str,
    ) -> Option<Result<Vec<Command>, String>> {
        let write = |id: &str, write| {
            Ok(vec![Command::Write {
                id: id.to_string(),
                write,
                expect: None,
            }])
        };
        Some(match prompt {
            Prompt::Touch { lead_id, kind } => {
                if answer.is_empty() {
                    Err("Say what happened".into())
                } else {
                    write(
                        lead_id,
                        Write::Touch {
                            kind: *kind,
                            note: answer.to_string(),
                        },
                    )
                }
            }
            Prompt::SendTo { lead_id } => {
                if answer.is_empty() {
                    Err("Type the account executive's name".into())
                } else {
                    let step = Step::Send {
                        to: answer.to_string(),
                    };
                    write(lead_id, Write::Handoff { step, note: None })
                }
            }
            Prompt::HandoffNote {
                lead_id,
                step,
                required,
            } => {
                if *required && answer.is_empty() {
                    Err("A note is needed: say why".into())
                } else {
                    let note = (!answer.is_empty()).then(|| answer.to_string());
                    let step = step.clone();
                    write(lead_id, Write::Handoff { step, note })
                }
            }
            Prompt::RemoveStakeholder { lead_id } => match answer.parse::<usize>() {
                Ok(n) if n > 0 => write(lead_id, Write::RemoveStakeholder(n)),
                _ => Err("Type the stakeholder's number, as the package lists them".into()),
            },
            _ => return None,
        })
    }
}
