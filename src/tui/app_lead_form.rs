//! Adding a lead from the workstation: the form, and what the store answered.

use ratatui::crossterm::event::KeyEvent;

use super::App;
use crate::safe_text::one_line;
use crate::tui::action::Command;
use crate::tui::lead_form::{LeadForm, LeadFormResult};
use crate::tui::popup::Popup;

impl App {
    /// A key in the add-lead form. Saving keeps the form open until the store answers, so
    /// that an email already known leaves everything typed in place.
    pub(super) fn lead_form_step(
        &mut self,
        mut form: Box<LeadForm>,
        key: KeyEvent,
    ) -> (Option<Popup>, Vec<Command>) {
        match form.handle(key) {
            LeadFormResult::Continue => (Some(Popup::AddLead(form)), Vec::new()),
            LeadFormResult::Cancel => (None, Vec::new()),
            LeadFormResult::Save(contact) => {
                form.error = None;
                (Some(Popup::AddLead(form)), vec![Command::AddLead(contact)])
            }
        }
    }

    /// The lead is in: the form closes and the lead is shown where it sorts, if this list
    /// holds it.
    pub(super) fn lead_added(
        &mut self,
        lead: &crate::domain::Lead,
        short_id: &str,
    ) -> Vec<Command> {
        if matches!(self.popups.last(), Some(Popup::AddLead(_))) {
            self.popups.pop();
        }
        self.say(format!(
            "Added {} ({short_id}) as a lead",
            one_line(&lead.contact.name)
        ));
        vec![Command::LoadCounts, Command::Locate(lead.id.clone())]
    }

    /// The lead was not added: said in the form, which stays as typed (on the email line
    /// when that was the trouble).
    pub(super) fn lead_not_added(&mut self, message: String, email: bool) {
        let message = one_line(&message);
        if let Some(Popup::AddLead(form)) = self.popups.last_mut() {
            form.error = Some(message.clone());
            if email {
                form.part = 1;
            }
        }
        self.warn(message);
    }
}
