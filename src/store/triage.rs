//! Storing the rules' suggestions on every active lead, in one pass.

use rusqlite::params;

use super::rows::{LEAD_COLUMNS, lead_from_row};
use super::{Store, StoreError};
use crate::domain::icp::suggestions;
use crate::domain::{IcpFit, Rules};

impl Store {
    /// Stores what `rules` suggest on every active lead, calling `each` with the suggested ICP
    /// fit (`None`: no suggestion) and whether a person has already verified the fit. Streams: memory does not grow with the table. Writes no event: a suggestion is not
    /// evidence and changes nothing a gate reads.
    ///
    /// # Errors
    /// A database error; then nothing is stored.
    pub fn store_suggestions(
        &mut self,
        rules: &Rules,
        mut each: impl FnMut(Option<IcpFit>, bool),
    ) -> Result<(), StoreError> {
        if self.read_only() {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        // Immediate: a pass that read first and then asked to write would be refused outright
        // whenever another program committed in between.
        let tx = self.immediate()?;
        {
            let mut read = tx.prepare(&format!(
                "SELECT {LEAD_COLUMNS} FROM leads WHERE state = 'active' AND stage = 'lead'"
            ))?;
            let mut write = tx.prepare("UPDATE leads SET suggestion = ?2 WHERE id = ?1")?;
            let mut rows = read.query([])?;
            while let Some(row) = rows.next()? {
                let lead = lead_from_row(row)?;
                let s = suggestions(&lead, rules);
                let fit = s.icp_fit.as_ref().map(|f| f.value);
                let verified = lead.evidence.icp_fit != IcpFit::Unknown;
                let text = (!s.is_empty()).then(|| serde_json::to_string(&s).unwrap_or_default());
                write.execute(params![lead.id, text])?;
                each(fit, verified);
            }
        }
        tx.commit()?;
        Ok(())
    }
}
