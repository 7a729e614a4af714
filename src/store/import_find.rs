//! How an import finds the lead a row belongs to, and what it remembers of each row stored:
//! asked of the database on a small import, from memory (`Known`) on a large one.

use rusqlite::{OptionalExtension, params};

use super::Importer;
use crate::domain::Incoming;
use crate::store::StoreError;
use crate::store::import::RowOutcome;
use crate::store::import_identity::{Identity, Seen, fingerprint};

/// A print this large import stored, by its text: asked only when another print shares its
/// fingerprint.
const NEW_PRINT: &str = "SELECT p.lead_id FROM temp.new_prints p JOIN leads l ON l.id = p.lead_id \
     WHERE p.print = ?1 AND l.state != 'removed' ORDER BY p.rowid DESC LIMIT 1";

impl Importer<'_> {
    /// Notes what a large import's map must know of the lead a row went to: a new lead holds
    /// every identity of its row; a merged one may have gained some, so what it holds now is
    /// read back; an unchanged one gained nothing. (Prints are learnt as they are remembered.)
    pub(super) fn learn(
        &mut self,
        outcome: &RowOutcome,
        created_at: Option<i64>,
        identities: &[(Identity, String, u64)],
    ) -> Result<(), StoreError> {
        let held: Vec<(Identity, u64, i64)> = match (outcome, created_at) {
            (RowOutcome::Created(_), Some(rowid)) => identities
                .iter()
                .filter(|(i, _, _)| !matches!(i, Identity::Row))
                .map(|&(i, _, print)| (i, print, rowid))
                .collect(),
            (RowOutcome::Merged(id), _) => {
                let (rowid, keys) = self
                    .tx()?
                    .prepare_cached(
                        "SELECT rowid, email_key, record_id, linkedin_url FROM leads WHERE id = ?1",
                    )?
                    .query_row([id], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            [
                                (Identity::Email, r.get::<_, Option<String>>(1)?),
                                (Identity::RecordId, r.get(2)?),
                                (Identity::Linkedin, r.get(3)?),
                            ],
                        ))
                    })?;
                keys.into_iter()
                    .filter_map(|(i, key)| key.map(|key| (i, fingerprint(i, &key), rowid)))
                    .collect()
            }
            _ => Vec::new(),
        };
        if let Some(known) = &mut self.known {
            for (identity, print, rowid) in held {
                known.learn(identity, print, rowid);
            }
        }
        Ok(())
    }

    /// Points the row's print at the lead it was stored in, so that the same row imported
    /// again finds it whatever the mapping then.
    pub(super) fn remember_row(&mut self, row: &Incoming, lead_id: &str) -> Result<(), StoreError> {
        let Some(print) = &row.row_print else {
            return Ok(());
        };
        if self.known.is_some() {
            self.tx()?
                .prepare_cached("INSERT INTO temp.new_prints (print, lead_id) VALUES (?1, ?2)")?
                .execute(params![print, lead_id])?;
            let at = self.conn.last_insert_rowid();
            if let Some(known) = &mut self.known {
                known.learn_print(fingerprint(Identity::Row, print), at);
            }
        } else {
            self.tx()?
                .prepare_cached(
                    "INSERT INTO row_prints (print, lead_id) VALUES (?1, ?2) \
                     ON CONFLICT (print) DO UPDATE SET lead_id = excluded.lead_id",
                )?
                .execute(params![print, lead_id])?;
        }
        Ok(())
    }

    /// The lead that answers to one of a row's identities (with their fingerprints), if any,
    /// and the identity it answered to.
    pub(super) fn existing(
        &self,
        identities: &[(Identity, String, u64)],
    ) -> Result<Option<(String, Identity)>, StoreError> {
        for (identity, key, print) in identities {
            let found = match self.known.as_ref().map(|k| k.seen(*identity, *print)) {
                Some(Seen::Nowhere) => None,
                Some(Seen::At(rowid)) => {
                    let there: Option<String> = self
                        .tx()?
                        .prepare_cached(identity.at_rowid())?
                        .query_row(params![rowid, key], |r| r.get(0))
                        .optional()?;
                    match there {
                        Some(id) => Some(id),
                        // Not there: another key shares the fingerprint; this one is asked about.
                        None => self.ask_everywhere(*identity, key)?,
                    }
                }
                Some(Seen::Ask) | None => self.ask(identity.lookup(), key)?,
            };
            if let Some(id) = found {
                return Ok(Some((id, *identity)));
            }
        }
        Ok(None)
    }

    /// The lead for a key its fingerprint did not lead to: by the identity's own lookup, and a
    /// print among this import's new ones too.
    fn ask_everywhere(&self, identity: Identity, key: &str) -> Result<Option<String>, StoreError> {
        match self.ask(identity.lookup(), key)? {
            None if matches!(identity, Identity::Row) => self.ask(NEW_PRINT, key),
            found => Ok(found),
        }
    }

    fn ask(&self, sql: &str, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .tx()?
            .prepare_cached(sql)?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}
