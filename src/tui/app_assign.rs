//! Giving leads an owner from the workstation: the picker, and what it asks the store.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use crate::domain::field::{Edit, Field};
use crate::domain::{BulkChange, vocabulary::counted};
use crate::safe_text::one_line;
use crate::tui::action::Command;
use crate::tui::owner_pick::{OwnerPick, OwnerPickResult};
use crate::tui::popup::{Popup, Target};

impl App {
    /// `w`: the owner picker, for the marked leads when there are any, else the selected
    /// one. The owners already in the database load into it.
    pub(super) fn open_owner_pick(&mut self) -> Vec<Command> {
        let Some(target) = self.target() else {
            return Vec::new();
        };
        let whom = match &target {
            Target::Marked => self.marked_count().map_or_else(
                || "every lead of this list".to_string(),
                |n| counted(n, "marked lead", "marked leads"),
            ),
            Target::One(_) => self.selected_row().map_or_else(String::new, |r| {
                let name = one_line(&r.lead.contact.name);
                match &r.lead.contact.owner {
                    Some(owner) => format!("{name} (now {})", one_line(owner)),
                    None => format!("{name} (no owner yet)"),
                }
            }),
        };
        let pick = OwnerPick::new(target, whom);
        self.popups.push(Popup::Owner(Box::new(pick)));
        vec![Command::LoadOwners]
    }

    pub(super) fn owners_loaded(&mut self, owners: Vec<String>) {
        if let Some(Popup::Owner(pick)) = self.popups.last_mut() {
            pick.loaded(owners);
        }
    }

    /// A key in the owner picker: one lead's owner is set at once (and undone with `u`);
    /// the marked leads' after the bulk confirmation.
    pub(super) fn owner_pick_step(
        &mut self,
        mut pick: Box<OwnerPick>,
        key: KeyEvent,
    ) -> (Option<Popup>, Vec<Command>) {
        match pick.handle(key) {
            OwnerPickResult::Continue => (Some(Popup::Owner(pick)), Vec::new()),
            OwnerPickResult::Cancel => (None, Vec::new()),
            OwnerPickResult::Pick(owner) => match pick.target {
                Target::One(id) => {
                    let edit = Edit {
                        field: Field::Owner,
                        value: owner,
                        note: None,
                        day: None,
                    };
                    let set = Command::SetField {
                        id,
                        edit,
                        expect: None,
                        undoes: None,
                    };
                    (None, vec![set])
                }
                Target::Marked => {
                    let confirm = Popup::ConfirmBulk {
                        change: BulkChange::Assign(owner),
                        note: None,
                    };
                    (Some(confirm), Vec::new())
                }
            },
        }
    }
}
