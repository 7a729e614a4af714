//! The identities an import matches rows on (the same row imported before, email, the source
//! tool's record id, LinkedIn profile), and the fingerprints a large import keeps of them instead of asking the
//! database about every row.

use std::collections::HashSet;

use crate::domain::Incoming;

/// An identity an import matches rows on, in the order it tries them.
#[derive(Debug, Clone, Copy)]
pub(super) enum Identity {
    /// The same row, imported before (its print: see `Incoming::row_print`).
    Row,
    /// Compared by `email_key`: letter case folded in every script.
    Email,
    RecordId,
    Linkedin,
}

impl Identity {
    pub(super) fn lookup(self) -> &'static str {
        match self {
            Identity::Row => {
                "SELECT p.lead_id FROM row_prints p JOIN leads l ON l.id = p.lead_id \
                 WHERE p.print = ?1 AND l.state != 'removed' LIMIT 1"
            }
            Identity::Email => {
                "SELECT id FROM leads WHERE email_key = ?1 AND state != 'removed' LIMIT 1"
            }
            Identity::RecordId => {
                "SELECT id FROM leads WHERE record_id = ?1 AND state != 'removed' LIMIT 1"
            }
            Identity::Linkedin => {
                "SELECT id FROM leads WHERE linkedin_url = ?1 AND state != 'removed' LIMIT 1"
            }
        }
    }

    /// Every value of this identity the database holds, as its lookup compares them.
    fn all(self) -> &'static str {
        match self {
            Identity::Row => "SELECT print FROM row_prints",
            Identity::Email => {
                "SELECT email_key FROM leads WHERE email_key IS NOT NULL AND state != 'removed'"
            }
            Identity::RecordId => {
                "SELECT record_id FROM leads WHERE record_id IS NOT NULL AND state != 'removed'"
            }
            Identity::Linkedin => {
                "SELECT linkedin_url FROM leads WHERE linkedin_url IS NOT NULL \
                 AND state != 'removed'"
            }
        }
    }
}

/// A row's identities with their keys, in matching order.
pub(super) fn identities_of(row: &Incoming) -> impl Iterator<Item = (Identity, String)> {
    let c = &row.contact;
    [
        (Identity::Row, row.row_print.clone()),
        (
            Identity::Email,
            c.email.as_deref().map(crate::domain::field::email_key),
        ),
        (Identity::RecordId, row.record_id.clone()),
        (Identity::Linkedin, c.linkedin_url.clone()),
    ]
    .into_iter()
    .filter_map(|(i, key)| key.filter(|k| !k.is_empty()).map(|k| (i, k)))
}

/// A 64-bit fingerprint of one identity. Two keys may share one; that only costs a lookup.
pub(super) fn fingerprint(identity: Identity, key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (identity as u8).hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// The fingerprints of every identity the database holds.
pub(super) fn identities(conn: &rusqlite::Connection) -> rusqlite::Result<HashSet<u64>> {
    let mut known = HashSet::new();
    for identity in [
        Identity::Row,
        Identity::Email,
        Identity::RecordId,
        Identity::Linkedin,
    ] {
        let mut stmt = conn.prepare(identity.all())?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            known.insert(fingerprint(identity, &key));
        }
    }
    Ok(known)
}

impl Identity {
    /// How a merge found its lead, in the words its event records.
    pub(super) fn said(self) -> &'static str {
        match self {
            Identity::Row => "the same row, imported before",
            Identity::Email => "email",
            Identity::RecordId => "record id",
            Identity::Linkedin => "LinkedIn profile",
        }
    }
}
