//! Results of commands, folded into the state.

use super::{App, Detail, UndoEntry};
use crate::domain::{Decision, Refusal};
use crate::safe_text::one_line;
use crate::tui::action::{Command, Outcome};
use crate::tui::popup::Popup;

impl App {
    pub(super) fn outcome(&mut self, outcome: Outcome) -> Vec<Command> {
        match outcome {
            Outcome::Page {
                rows,
                asked,
                placement,
            } => return self.place(rows, asked, placement),
            Outcome::Detail {
                lead,
                short_id,
                events,
                sent,
                touches,
            } => {
                if self.selected_row().is_some_and(|r| r.lead.id == lead.id) {
                    let window = self.rules.gates.reason_now_window_days;
                    self.detail = Some(Detail {
                        score: crate::domain::score::score(
                            &lead,
                            self.now,
                            &self.rules.score,
                            window,
                        ),
                        suggestions: crate::domain::icp::suggestions(&lead, &self.rules),
                        stalled: crate::domain::standing::stalled_for(
                            &lead,
                            self.now,
                            self.rules.gates.stalled_days,
                        ),
                        support: crate::domain::support::support(
                            &lead,
                            self.now.date_naive(),
                            &self.rules.gates,
                        ),
                        package: crate::domain::handoff::package(
                            &lead,
                            &touches,
                            &self.rules.gates,
                        ),
                        lead: *lead,
                        short_id,
                        history: events
                            .iter()
                            .map(|e| crate::tui::long_text::cut(&e.describe()))
                            .collect(),
                        events,
                        sent,
                        touches,
                    });
                    // In the refused panel, move on to the next item still missing: the
                    // missing come first.
                    let next = self.refused_items().iter().position(|i| !i.passed);
                    if let (Some(Popup::Refused { selected, .. }), Some(next)) =
                        (self.popups.last_mut(), next)
                    {
                        *selected = next;
                    }
                }
            }
            Outcome::Counts(counts) => self.counts = counts,
            Outcome::Report(report) => {
                if let Some(view) = self.reports.as_mut() {
                    view.show(report);
                }
            }
            Outcome::Decided {
                lead,
                decision,
                plan,
                before,
                event,
                undoing,
            } => {
                self.own_write(&lead);
                let name = one_line(&lead.contact.name);
                let mut moves = Vec::new();
                if let Some((from, to)) = plan.stage {
                    moves.push(format!("{from} → {to}"));
                }
                if let Some((from, to)) = plan.state {
                    moves.push(format!("{from} → {to}"));
                }
                let label = format!("{} {name}", decision.verb());
                self.say(format!(
                    "{}: {name}, {}",
                    if undoing {
                        "Undone"
                    } else {
                        decision_word(&decision)
                    },
                    moves.join(", ")
                ));
                if !undoing {
                    self.undo.push(UndoEntry::Decision {
                        id: lead.id.clone(),
                        undo: crate::domain::Decision::undoing(&before),
                        label,
                        version: lead.version,
                        event,
                    });
                }
                self.popups.retain(
                    |p| !matches!(p, Popup::Refused { lead_id, .. } if *lead_id == lead.id),
                );
                if undoing {
                    self.put_back(&lead);
                }
                return self.after_change(*lead, true);
            }
            Outcome::Refused {
                id,
                refusal,
                decision,
                note,
            } => match refusal {
                // The panel fills in the selected lead's evidence, so it opens only for it.
                Refusal::Gate(list)
                    if decision == Decision::Promote
                        && self.detail.as_ref().is_some_and(|d| d.lead.id == id) =>
                {
                    self.warn(format!(
                        "Not promoted: {} item(s) missing",
                        list.missing().count()
                    ));
                    // The missing items are listed first.
                    let first = 0;
                    if !self
                        .popups
                        .iter()
                        .any(|p| matches!(p, Popup::Refused { .. }))
                    {
                        self.popups.push(Popup::Refused {
                            lead_id: id,
                            selected: first,
                        });
                    }
                }
                other if matches!(decision, Decision::Undo { .. }) => {
                    // Say what was being undone first: at 80 columns the reason may be cut.
                    let what = note
                        .as_deref()
                        .and_then(|n| n.strip_prefix("undo: "))
                        .map_or_else(String::new, |w| format!(" {}", one_line(w)));
                    self.warn(format!("Not undone{what}: {other}"));
                }
                other => self.warn(format!("Refused: {other}")),
            },
            Outcome::FieldSet {
                lead,
                change,
                before,
                event,
                undoing,
            } => {
                if change.is_some() {
                    self.own_write(&lead);
                }
                match change {
                    None => self.say(format!("{} unchanged", one_line(&lead.contact.name))),
                    Some(change) => {
                        let label = format!(
                            "{}: {} {} → {}",
                            lead.contact.name,
                            change.field.label(),
                            change.old.as_deref().unwrap_or("-"),
                            change.new.as_deref().unwrap_or("-")
                        );
                        if undoing {
                            self.say(one_line(&format!("Undone: {label}")));
                        } else {
                            self.say(one_line(&label));
                        }
                        let restore = (!undoing)
                            .then(|| self.restoring_edit(&before, change.field))
                            .flatten();
                        if let Some(edit) = restore {
                            self.undo.push(UndoEntry::Field {
                                id: lead.id.clone(),
                                edit,
                                label,
                                version: lead.version,
                                event,
                            });
                        }
                    }
                }
                return self.after_change(*lead, false);
            }
            Outcome::Imported(summary) => {
                self.say(format!(
                    "Imported {}: {} created, {} merged, {} skipped",
                    one_line(&summary.file),
                    summary.created,
                    summary.merged,
                    summary.skipped.len()
                ));
                self.undo.push(UndoEntry::Import {
                    batch: summary.batch.clone(),
                    file: summary.file.clone(),
                });
                self.popups.push(Popup::ImportSummary(summary));
                return vec![Command::LoadCounts, super::reload()];
            }
            Outcome::Located(Some(rows)) => return self.located(rows),
            Outcome::Located(None) => {}
            Outcome::ImportUndone(report, file) => {
                self.say(one_line(&format!(
                    "Undone: the import of {file}: {} removed, {} kept (worked on since), {} \
                     merges reverted",
                    report.removed, report.kept, report.merges_reverted
                )));
                return vec![Command::LoadCounts, super::reload()];
            }
            Outcome::FlagResolved { lead, flag } => {
                self.own_write(&lead);
                self.say(format!(
                    "{} flag resolved on {}",
                    flag.label(),
                    one_line(&lead.contact.name)
                ));
                self.undo.push(UndoEntry::Cannot {
                    label: format!(
                        "resolving the {} flag on {}",
                        flag.label().to_lowercase(),
                        one_line(&lead.contact.name)
                    ),
                    why: super::undo::RESOLVED_STAYS,
                });
                return self.after_change(*lead, false);
            }
            Outcome::Wrote { lead, write } => {
                self.own_write(&lead);
                let (said, label) = wrote(&lead, &write);
                self.say(said);
                self.undo.push(UndoEntry::Cannot {
                    label,
                    why: "the history keeps every handoff step, touch and stakeholder change; \
                          take the next step or edit the record instead",
                });
                let id = lead.id.clone();
                let commands = self.after_change(*lead, false);
                // A step that moves the record out of this list (a send to an AE, a settled
                // dispute) closes its package with it.
                if !self.rows.iter().any(|r| r.lead.id == id)
                    && matches!(self.popups.last(), Some(Popup::Package { lead_id, .. }) if *lead_id == id)
                {
                    self.popups.pop();
                }
                return commands;
            }
            Outcome::Changed { changed, retry } => {
                let mut retry = *retry;
                // Reapplying is a knowing choice over the record as it is now.
                if let Some((_, expect)) = retry.expectation() {
                    *expect = Some(changed.version);
                }
                self.warn(format!(
                    "Not written: {} changed meanwhile",
                    one_line(&changed.name)
                ));
                self.popups.push(Popup::Changed {
                    message: changed.to_string(),
                    retry: Box::new(retry),
                });
                // Show what they changed: the row, the lead pane and the counts.
                return self.update(crate::tui::action::Action::Refresh);
            }
            Outcome::Owners(owners) => self.owners_loaded(owners),
            Outcome::Values(column, values) => {
                self.popups.push(Popup::Values {
                    column,
                    values,
                    selected: 0,
                });
            }
            Outcome::PathEntries { typed, entries } => self.completed(&typed, &entries),
            Outcome::History { lead_id, events } => self.history_loaded(lead_id, events),
            Outcome::Added { lead, short_id } => return self.lead_added(&lead, &short_id),
            Outcome::NotAdded { message, email } => self.lead_not_added(message, email),
            Outcome::ListCount { list, count, cap } => self.counted(&list, count, cap),
            Outcome::Bulk {
                tally,
                change,
                undoing,
            } => return self.bulk_done(*tally, &change, undoing),
            Outcome::Failed(message) => self.warn(one_line(&message)),
            Outcome::NotWritten { message, retry } => {
                self.warn(one_line(&message));
                self.popups.push(Popup::NotWritten { message, retry });
            }
        }
        Vec::new()
    }

    /// Tab in the import prompt: the path completed as far as the folder allows, and the
    /// names left to choose from. The answer counts only if the prompt still holds `typed`.
    fn completed(&mut self, typed: &str, entries: &[(String, bool)]) {
        let Some(Popup::Prompt {
            prompt: crate::tui::popup::Prompt::ImportPath { matches },
            text,
            error,
        }) = self.popups.last_mut()
        else {
            return;
        };
        if text.lines().join("") != typed {
            return;
        }
        let Some((done, names)) = crate::tui::paths::complete(typed, entries) else {
            *error = Some(format!("Nothing here starts with '{}'", one_line(typed)));
            *matches = Vec::new();
            return;
        };
        *error = None;
        *matches = names;
        if done != typed {
            let mut area = ratatui_textarea::TextArea::new(vec![done]);
            area.move_cursor(ratatui_textarea::CursorMove::End);
            **text = area;
        }
    }

    /// An undone decision brings a lead back into the queue it left: it returns at the
    /// selection, selected, until the list is next read in order.
    fn put_back(&mut self, lead: &crate::domain::Lead) {
        let present = self.rows.iter().any(|r| r.lead.id == lead.id);
        if present || !self.belongs(lead) {
            return;
        }
        let key = crate::store::PageKey {
            priority: self.rules.standing(lead, self.now).priority,
            id: lead.id.clone(),
            rowid: 0,
        };
        let at = self.selected.min(self.rows.len());
        self.rows.insert(
            at,
            crate::store::ListRow {
                lead: lead.clone(),
                key,
            },
        );
        self.selected = at;
    }

    /// A lead changed: update its row, drop it if it left the list, and refresh what shows it.
    fn after_change(&mut self, lead: crate::domain::Lead, decided: bool) -> Vec<Command> {
        let id = lead.id.clone();
        let mut commands = Vec::new();
        if let Some(at) = self.rows.iter().position(|r| r.lead.id == id) {
            let stays = self.search.is_some() || self.belongs(&lead);
            // A changed lead keeps its place while someone works on it, showing its new
            // score; a decided one that changed score leaves this window and shows again
            // where it now sorts.
            let priority = self.rules.standing(&lead, self.now).priority;
            let moved = decided && self.search.is_none() && self.rows[at].key.priority != priority;
            if stays && !moved {
                self.rows[at].key.priority = priority;
                self.rows[at].lead = lead;
            } else {
                self.rows.remove(at);
            }
        }
        // An edit can move a record in or out of Unsupported, so counts follow every change.
        commands.push(Command::LoadCounts);
        // The selection stays at the same place: after a decision that is the next lead.
        self.detail = None;
        commands.extend(self.set_selected(self.selected));
        commands.extend(self.refill());
        commands
    }
}

fn decision_word(d: &Decision) -> &'static str {
    match d {
        Decision::Promote => "Promoted",
        Decision::Nurture(_) | Decision::NurtureUntil(..) => "Nurtured",
        Decision::Disqualify(_) => "Disqualified",
        Decision::Demote(_) => "Demoted",
        Decision::Reopen => "Reopened",
        Decision::Undo { .. } => "Undone",
        Decision::Remove => "Removed",
    }
}

/// What a second-gate write did, for the status bar, and what undo calls it.
fn wrote(lead: &crate::domain::Lead, write: &crate::tui::action::Write) -> (String, String) {
    use crate::domain::handoff::Step;
    use crate::tui::action::Write;
    let name = one_line(&lead.contact.name);
    let to = lead
        .evidence
        .handoff
        .as_ref()
        .map_or_else(String::new, |h| one_line(&h.to));
    let from = lead
        .evidence
        .handoff
        .as_ref()
        .map_or_else(String::new, |h| one_line(&h.from));
    let said = match write {
        Write::Handoff { step, .. } => match step {
            Step::Send { .. } => format!("{name} handed off to {to}: in their Handoffs queue"),
            Step::Accept => format!("Handoff of {name} accepted"),
            Step::Reject(code) => {
                format!(
                    "Handoff of {name} rejected ({}): back to {from}",
                    code.as_str()
                )
            }
            Step::Dispute => format!("Rejection of {name} disputed: in the Review queue"),
            Step::Settle { overturn: true } => {
                format!("Rejection of {name} overturned: sent to {to} again")
            }
            Step::Settle { overturn: false } => format!("Rejection of {name} upheld"),
        },
        Write::Touch { kind, .. } => {
            format!("{} logged on {name}", kind.label())
        }
        Write::AddStakeholder(person) => {
            format!("Stakeholder {} on {name}", one_line(&person.describe()))
        }
        Write::RemoveStakeholder(n) => format!("Stakeholder {n} removed from {name}"),
    };
    let label = match write {
        Write::Handoff { step, .. } => format!("the handoff step ({}) on {name}", step.verb()),
        Write::Touch { .. } => format!("the touch logged on {name}"),
        Write::AddStakeholder(_) | Write::RemoveStakeholder(_) => {
            format!("the stakeholder change on {name}")
        }
    };
    (said, label)
}
