//! Marks, and the bulk actions that apply to the marked leads: each lead decided on its
//! own (its own gate, its own history entry) after one confirmation, undone as one step.

use std::collections::BTreeSet;

use super::{App, UndoEntry};
use crate::domain::vocabulary::counted;
use crate::domain::{BulkChange, Decision};
use crate::store::{BulkTally, ListSource};
use crate::tui::action::{BulkLeads, Command};
use crate::tui::popup::{Popup, Target};

/// The leads a bulk action would apply to.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    /// Marked one by one (`v`) or as a range (`V`), in any list.
    pub ids: BTreeSet<String>,
    /// Every lead of one list (`*`), and how many it shows once counted.
    pub all: Option<(ListSource, Option<u64>)>,
    /// Where a range began: the lead last marked with `v`, or the first `V`.
    pub anchor: Option<String>,
}

impl App {
    /// Whether every lead of the list on screen is marked.
    #[must_use]
    pub fn all_marked(&self) -> bool {
        self.marks
            .all
            .as_ref()
            .is_some_and(|(l, _)| *l == self.list())
    }

    /// How many leads are marked: `None` until every lead of the list is counted.
    #[must_use]
    pub fn marked_count(&self) -> Option<u64> {
        if self.all_marked() {
            self.marks.all.as_ref().and_then(|(_, n)| *n)
        } else {
            Some(self.marks.ids.len() as u64)
        }
    }

    /// Whether a bulk action would apply to any lead.
    #[must_use]
    pub fn has_marks(&self) -> bool {
        self.all_marked() || !self.marks.ids.is_empty()
    }

    /// Whether the lead shows as marked.
    #[must_use]
    pub fn is_marked(&self, id: &str) -> bool {
        self.all_marked() || self.marks.ids.contains(id)
    }

    pub(super) fn mark(&mut self) {
        let Some(id) = self.selected_row().map(|r| r.lead.id.clone()) else {
            return;
        };
        if self.all_marked() {
            self.say("Every lead of this list is marked: * or Esc clears the marks");
            return;
        }
        if !self.marks.ids.remove(&id) {
            self.marks.ids.insert(id.clone());
        }
        self.marks.anchor = Some(id);
        self.say_marked();
    }

    pub(super) fn mark_range(&mut self) {
        let Some(here) = self.selected_row().map(|r| r.lead.id.clone()) else {
            return;
        };
        let start = self
            .marks
            .anchor
            .as_ref()
            .and_then(|a| self.rows.iter().position(|r| r.lead.id == *a));
        let Some(start) = start else {
            self.marks.ids.insert(here.clone());
            self.marks.anchor = Some(here);
            self.say("The range starts here: move, then V again to mark down to that lead");
            return;
        };
        let (from, to) = (start.min(self.selected), start.max(self.selected));
        for row in &self.rows[from..=to] {
            self.marks.ids.insert(row.lead.id.clone());
        }
        self.marks.anchor = Some(here);
        self.say_marked();
    }

    pub(super) fn mark_all(&mut self) -> Vec<Command> {
        if self.all_marked() {
            self.marks = Marks::default();
            self.say("Marks cleared");
            return Vec::new();
        }
        let list = self.list();
        // A queue without filters has its count on the tab already; any other list is
        // counted by the store.
        let known = match &list {
            ListSource::Queue {
                queue,
                source: None,
                owner: None,
            } => self.count(*queue),
            _ => None,
        };
        let more = !self.has_before && !self.has_after;
        let known = known.or_else(|| more.then_some(self.rows.len() as u64));
        self.marks.all = Some((list.clone(), known));
        self.marks.ids.clear();
        match known {
            Some(_) => {
                self.say_marked();
                Vec::new()
            }
            None => {
                self.say("Every lead of this list is marked; counting them…");
                vec![Command::CountList { list, cap: None }]
            }
        }
    }

    pub(super) fn counted_marks(&mut self, list: &ListSource, count: u64) {
        if let Some((l, n)) = &mut self.marks.all
            && l == list
        {
            *n = Some(count);
            self.say_marked();
        }
    }

    fn say_marked(&mut self) {
        let text = match (self.all_marked(), self.marked_count()) {
            (true, Some(n)) => format!("All {n} leads of this list marked"),
            (_, Some(0)) => "No lead marked".to_string(),
            (_, Some(n)) => format!("{n} marked: p n x D R a f w act on them all · Esc clears"),
            (_, None) => "Marked".to_string(),
        };
        self.say(text);
    }

    /// Esc with marks clears them first; says whether it did.
    pub(super) fn clear_marks(&mut self) -> bool {
        let had = self.has_marks();
        self.marks = Marks::default();
        if had {
            self.say("Marks cleared");
        }
        had
    }

    /// The decision for `target`: at once for one lead; for the marked ones, after the
    /// confirmation.
    pub(super) fn decide_for(
        &mut self,
        target: Target,
        decision: Decision,
        note: Option<String>,
    ) -> Vec<Command> {
        match target {
            Target::One(id) => vec![Command::Decide {
                id,
                decision,
                note,
                expect: None,
                undoes: None,
            }],
            Target::Marked => {
                self.popups.push(Popup::ConfirmBulk {
                    change: BulkChange::Decide(decision),
                    note,
                });
                Vec::new()
            }
        }
    }

    /// Whom the next decision is for: the marked leads when there are any.
    pub(super) fn target(&self) -> Option<Target> {
        if self.has_marks() {
            return Some(Target::Marked);
        }
        self.selected_row().map(|r| Target::One(r.lead.id.clone()))
    }

    /// The confirmed bulk action.
    pub(super) fn run_bulk(&mut self, change: BulkChange, note: Option<String>) -> Vec<Command> {
        let leads = if self.all_marked() {
            BulkLeads::All(self.list())
        } else {
            BulkLeads::Ids(self.marks.ids.iter().cloned().collect())
        };
        let n = self
            .marked_count()
            .map_or_else(String::new, |n| format!("{n} "));
        self.say(format!("Working on {n}leads, each on its own…"));
        vec![Command::Bulk {
            leads,
            change,
            note,
        }]
    }

    /// What a bulk action (or its undo) did: a popup with the groups, the undo entry, and
    /// the screen read again.
    pub(super) fn bulk_done(
        &mut self,
        tally: BulkTally,
        change: &BulkChange,
        undoing: Option<String>,
    ) -> Vec<Command> {
        let word = if undoing.is_some() {
            "undone"
        } else {
            change.done_word()
        };
        let mut lines = vec![format!("{} {word}", tally.done)];
        lines.extend(tally.groups().iter().map(|(g, n)| format!("{n} {g}")));
        if tally.stopped {
            lines.push("stopped with Esc: the rest are as they were".to_string());
        }
        if tally.missing > 0 {
            lines.push(format!("{} gone meanwhile", tally.missing));
        }
        self.say(lines.join("; "));
        let mut undoable = false;
        let title = match &undoing {
            Some(label) => format!("Undone: {label}"),
            None => {
                let label = change.applied_to(&counted(tally.total(), "lead", "leads"));
                if !tally.undo.is_empty() {
                    undoable = true;
                    self.undo.push(UndoEntry::Bulk {
                        steps: tally.undo,
                        label: label.clone(),
                    });
                } else if matches!(change, BulkChange::Resolve(..)) && tally.done > 0 {
                    self.undo.push(UndoEntry::Cannot {
                        label: format!(
                            "resolving flags on {}",
                            counted(tally.done, "lead", "leads")
                        ),
                        why: super::undo::RESOLVED_STAYS,
                    });
                }
                self.marks = Marks::default();
                crate::domain::vocabulary::capitalized(&label)
            }
        };
        self.popups.push(Popup::BulkResult {
            title,
            lines,
            undoable,
        });
        self.refresh()
    }
}
