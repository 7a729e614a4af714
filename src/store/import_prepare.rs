//! The lead a row of an import would create, built away from the store's thread. Building it
//! (its id, flags, attributes) is pure work on the row; the thread that writes the database is
//! an import's bottleneck, so it gets rows with their leads ready and only stores them.

use super::import::attributes_of;
use super::leads::new_lead;
use super::{Ctx, StoreError};
use crate::domain::flags::{detect, refresh};
use crate::domain::{Incoming, Lead, Origin};

/// A row, with the lead it creates if nothing in the database has its identity. `lead` is
/// `None` when the row cannot make a lead: storing it then reports why.
#[derive(Debug)]
pub struct Prepared {
    pub row: Incoming,
    pub(super) lead: Option<Lead>,
}

/// Builds rows' leads for one import, on any thread.
#[derive(Debug, Clone)]
pub struct Preparer {
    pub(super) batch_id: String,
    pub(super) ctx: Ctx,
}

impl Preparer {
    #[must_use]
    pub fn prepare(&self, row: Incoming) -> Prepared {
        let lead = lead_of(&row, &self.batch_id, &self.ctx).ok();
        Prepared { row, lead }
    }
}

/// The lead `row` creates in batch `batch_id`, flagged.
///
/// # Errors
/// `Edit` for a row the rules refuse.
pub(super) fn lead_of(row: &Incoming, batch_id: &str, ctx: &Ctx) -> Result<Lead, StoreError> {
    let mut contact = row.contact.clone();
    if contact.name.trim().is_empty() {
        // An email-only row is a lead; until someone knows better it goes by its address.
        contact.name = contact.email.clone().unwrap_or_default();
    }
    let mut lead: Lead = new_lead(contact, ctx)?;
    lead.record_id.clone_from(&row.record_id);
    lead.attributes = attributes_of(row);
    lead.origin = Some(Origin {
        batch_id: batch_id.to_string(),
        line: row.line,
    });
    // `new_lead` raised the contact's flags; an unreadable email column and the file's other
    // columns (an opt-out, a customer's lifecycle stage) add their own.
    // Most rows raise none, and then the contact's flags need not be worked out again.
    if row.invalid_email.is_some()
        || !crate::domain::flags::column_flags(&lead.attributes, &ctx.rules.flags).is_empty()
    {
        let raised = detect(
            &lead.contact,
            &lead.attributes,
            row.invalid_email.as_deref(),
            &ctx.rules.flags,
        );
        refresh(&mut lead.evidence.flags, raised);
    }
    Ok(lead)
}
