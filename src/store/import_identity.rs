//! The identities an import matches rows on (the same row imported before, email, the source
//! tool's record id, LinkedIn profile), and what a large import keeps of them in memory
//! instead of asking the database about every row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};

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

    /// The lead at a rowid (a print: at a row of `temp.new_prints`), if it holds this
    /// identity's key and is not removed: how a large import confirms what its fingerprints
    /// point at.
    pub(super) fn at_rowid(self) -> &'static str {
        match self {
            Identity::Row => {
                "SELECT p.lead_id FROM temp.new_prints p JOIN leads l ON l.id = p.lead_id \
                 WHERE p.rowid = ?1 AND p.print = ?2 AND l.state != 'removed'"
            }
            Identity::Email => {
                "SELECT id FROM leads WHERE rowid = ?1 AND email_key = ?2 AND state != 'removed'"
            }
            Identity::RecordId => {
                "SELECT id FROM leads WHERE rowid = ?1 AND record_id = ?2 AND state != 'removed'"
            }
            Identity::Linkedin => {
                "SELECT id FROM leads WHERE rowid = ?1 AND linkedin_url = ?2 \
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
    let mut h = std::hash::DefaultHasher::new();
    (identity as u8).hash(&mut h);
    key.hash(&mut h);
    h.finish()
}

/// A fingerprint as a map key: two halves, so that with a 4-byte value an entry takes 12 bytes
/// instead of 16 (a million-row file holds four million identities).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Print([u32; 2]);

impl From<u64> for Print {
    #[allow(clippy::cast_possible_truncation)] // the two halves, by design
    fn from(n: u64) -> Self {
        Print([(n >> 32) as u32, n as u32])
    }
}

impl Hash for Print {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64((u64::from(self.0[0]) << 32) | u64::from(self.0[1]));
    }
}

/// A fingerprint is already a hash: the maps use it as it is.
#[derive(Default)]
struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ByPrint = BuildHasherDefault<AsIs>;

/// In `Known::prints`: the print is in `row_prints`, not among this import's new ones.
const IN_TABLE: u32 = u32::MAX;

/// What a large import knows of every identity in the database and in the rows it stored.
/// Nearly every row of a large file is new: a fingerprint not here needs no question. While
/// the leads' indexes are set aside (they are built once, when the import ends), the lead an
/// email, record id or LinkedIn profile belongs to is found from here; and so is the print of a
/// row stored earlier in the file, kept aside until the end too (`temp.new_prints`).
#[derive(Default)]
pub(super) struct Known {
    /// The lead (its rowid) that holds each email, record id and LinkedIn profile.
    leads: HashMap<Print, u32, ByPrint>,
    /// Each row print: `IN_TABLE`, or its rowid in `temp.new_prints`.
    prints: HashMap<Print, u32, ByPrint>,
}

/// Where a large import finds the lead for one identity.
pub(super) enum Seen {
    /// No lead holds it.
    Nowhere,
    /// Ask the identity's own lookup (a print in `row_prints`; a lead too far into the table
    /// for the map).
    Ask,
    /// The lead at this rowid (a print: the row of `temp.new_prints`), once confirmed there:
    /// another key may share the fingerprint.
    At(i64),
}

impl Known {
    /// Every identity the database holds, in one pass over the leads.
    pub(super) fn of(conn: &rusqlite::Connection) -> rusqlite::Result<Known> {
        let mut known = Known::default();
        let mut leads = conn.prepare(
            "SELECT rowid, email_key, record_id, linkedin_url FROM leads WHERE state != 'removed'",
        )?;
        let mut rows = leads.query([])?;
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            for (identity, at) in [
                (Identity::Email, 1),
                (Identity::RecordId, 2),
                (Identity::Linkedin, 3),
            ] {
                if let Some(key) = r.get_ref(at)?.as_str_or_null()? {
                    known.learn(identity, fingerprint(identity, key), rowid);
                }
            }
        }
        let mut prints = conn.prepare("SELECT print FROM row_prints")?;
        let mut rows = prints.query([])?;
        while let Some(r) = rows.next()? {
            let print = fingerprint(Identity::Row, r.get_ref(0)?.as_str()?);
            known.prints.insert(print.into(), IN_TABLE);
        }
        Ok(known)
    }

    pub(super) fn seen(&self, identity: Identity, print: u64) -> Seen {
        let map = match identity {
            Identity::Row => &self.prints,
            _ => &self.leads,
        };
        match map.get(&print.into()) {
            None => Seen::Nowhere,
            Some(&IN_TABLE) => Seen::Ask,
            Some(&at) => Seen::At(i64::from(at)),
        }
    }

    /// Notes that the lead at `rowid` holds the identity with this fingerprint. The first
    /// lead noted keeps it: any lead holding a key is its match. Should another key share the
    /// fingerprint, the rowid's lead does not hold that key and the key is asked about: slower,
    /// never wrong. So is a rowid past what the map holds.
    pub(super) fn learn(&mut self, identity: Identity, print: u64, rowid: i64) {
        debug_assert!(
            !matches!(identity, Identity::Row),
            "prints are learnt by row"
        );
        let at = u32::try_from(rowid).unwrap_or(IN_TABLE);
        self.leads.entry(print.into()).or_insert(at);
    }

    /// Points a fingerprint at another place, as a second key sharing it would.
    #[cfg(test)]
    pub(super) fn point(&mut self, identity: Identity, print: u64, at: u32) {
        match identity {
            Identity::Row => self.prints.insert(print.into(), at),
            _ => self.leads.insert(print.into(), at),
        };
    }

    /// Notes a print this import stored at `row` of `temp.new_prints`. The newest wins: it is
    /// the one `row_prints` keeps when the import ends.
    pub(super) fn learn_print(&mut self, print: u64, row: i64) {
        let at = u32::try_from(row).unwrap_or(IN_TABLE);
        self.prints.insert(print.into(), at);
    }
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
