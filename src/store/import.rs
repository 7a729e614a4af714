//! Imports: the rows of one file stored as new leads or merged into existing ones, in one
//! transaction with the batch that records them, and undone as a whole.

use chrono::Utc;
use rusqlite::{Connection, Transaction, params};
use serde_json::Value;
use std::collections::BTreeMap;

use super::import_identity::{Identity, Known, fingerprint, identities_of};
use super::import_journal::BulkJournal;
use super::import_prepare::{Prepared, Preparer, lead_of};
use super::leads::{insert_row, new_id};
use super::patience::{ImportLock, begin};
use super::rows::time_text;
use super::{Ctx, Store, StoreError};
use crate::domain::flags::Flag;
use crate::domain::{Incoming, Lead};

/// The leads' indexes a large import keeps up as it writes; it sets the others aside and
/// builds them when it ends. These stay empty for new leads (unsupported, stalled, handed off)
/// or take the import's rows in their order (its batch and lines; its one rescoring time): kept
/// up they cost next to nothing, built afterwards a full pass over the table each.
const KEPT_UP: [&str; 5] = [
    "leads_unsupported",
    "leads_stalled",
    "leads_by_handoff",
    "leads_by_batch",
    "leads_by_rescore",
];

/// The page cache of an import, in KiB. Unit tests use a small one, so that their imports
/// spill pages to the file before they commit, as a large import does.
const IMPORT_CACHE_KIB: i64 = if cfg!(test) { 256 } else { 32_768 };

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowOutcome {
    Created(String),
    /// Merged into this lead: empty fields filled, differing values kept in its history.
    Merged(String),
    /// The lead already said everything the row says.
    Unchanged(String),
}

/// An import in progress: everything it writes commits together in `finish`, or not at all.
pub struct Importer<'s> {
    pub(super) conn: &'s Connection,
    /// How the database was journaled before the import, to put back when it ends.
    pub(super) journal: BulkJournal,
    /// Held until the import has committed or rolled back and its journal is back (fields
    /// drop after `Drop::drop`): meanwhile other programs wait rather than give up.
    _lock: ImportLock,
    /// Taken by `finish`; an importer dropped without it rolls back.
    tx: Option<Transaction<'s>>,
    /// For a large import: every identity the database and the rows stored so far hold
    /// (see `Known`).
    known: Option<Known>,
    /// What the last row added matched an existing lead by, if it did.
    last_match: Option<Identity>,
    /// The rowid of the first lead this import creates: rowids only grow, so every lead it
    /// creates sits at or after it.
    first_new_rowid: i64,
    /// A large import sets the leads' indexes aside and builds them again when it finishes:
    /// each, as the database declared it.
    deferred: Vec<String>,
    /// Whether this is a large import.
    bulk: bool,
    batch_id: String,
    file_name: String,
    ctx: Ctx,
    pub read: u64,
    pub created: u64,
    pub merged: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub flagged: BTreeMap<Flag, u64>,
}

impl Store {
    /// Starts importing `file_name`. Nothing is visible to others until `finish`.
    ///
    /// # Errors
    /// A database error.
    pub fn begin_import(
        &mut self,
        file_name: &str,
        source: Option<&str>,
        expected_rows: u64,
        ctx: &Ctx,
    ) -> Result<Importer<'_>, StoreError> {
        if self.read_only() {
            return Err(StoreError::ReadOnly(self.path.clone()));
        }
        // Said first, so that programs busy-waiting on the file meanwhile go on waiting; and
        // an import already running ends before this one starts.
        let lock = ImportLock::take(&self.path);
        self.adopt_score_rules(ctx)?;
        // A file large next to the table is faster to index after it is written: the indexes
        // are sorted once at the end instead of taking a million random inserts each.
        let bulk = expected_rows > 20_000 && expected_rows > self.lead_count()?;
        let conn = &self.conn;
        // A large import writes its pages once, straight into the file, instead of into the
        // write-ahead log and then again into the file.
        let mut journal = if bulk {
            BulkJournal::enter(conn)
        } else {
            BulkJournal::Unchanged
        };
        let tx = match begin(conn, &self.path, self.patience, journal.behavior()) {
            Ok(tx) => tx,
            Err(e) => {
                journal.leave(conn);
                return Err(e);
            }
        };
        // From here on, however the import ends, dropping the importer undoes everything.
        let mut importer = Importer {
            conn,
            journal,
            _lock: lock,
            deferred: Vec::new(),
            bulk,
            tx: Some(tx),
            known: None,
            last_match: None,
            first_new_rowid: 0,
            batch_id: new_id(),
            file_name: file_name.to_string(),
            ctx: ctx.clone(),
            read: 0,
            created: 0,
            merged: 0,
            unchanged: 0,
            skipped: 0,
            flagged: BTreeMap::new(),
        };
        importer.prepare(source)?;
        Ok(importer)
    }
}

impl Importer<'_> {
    /// Everything an import needs before its first row, inside its transaction.
    fn prepare(&mut self, source: Option<&str>) -> Result<(), StoreError> {
        let tx = self.tx()?;
        let mut deferred = Vec::new();
        if self.bulk {
            let indexes: Vec<(String, String)> = tx
                .prepare(
                    "SELECT name, sql FROM sqlite_schema \
                     WHERE type = 'index' AND tbl_name = 'leads' AND sql IS NOT NULL",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            for (name, sql) in indexes {
                if KEPT_UP.contains(&name.as_str()) {
                    continue;
                }
                tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
                deferred.push(sql);
            }
        }
        // The rows this import writes, to index for search in one pass when it finishes; and
        // a large import's row prints, kept in the order written and sorted into `row_prints`
        // at the end instead of a million random inserts.
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_rows (rowid INTEGER PRIMARY KEY); \
             DELETE FROM temp.import_rows; \
             CREATE TEMP TABLE IF NOT EXISTS new_prints (print TEXT NOT NULL, lead_id TEXT NOT NULL); \
             DELETE FROM temp.new_prints;",
        )?;
        let known = if self.bulk {
            Some(Known::of(tx)?)
        } else {
            None
        };
        let first_new_rowid: i64 =
            tx.query_row("SELECT COALESCE(max(rowid), 0) + 1 FROM leads", [], |r| {
                r.get(0)
            })?;
        tx.execute(
            "INSERT INTO import_batches (id, file_name, source, actor, started_at, status) \
             VALUES (?1, ?2, ?3, ?4, ?5, 'done')",
            params![
                self.batch_id,
                self.file_name,
                source,
                self.ctx.actor,
                time_text(self.ctx.now)
            ],
        )?;
        // A larger page cache for the bulk of writes; SQLite's default is 2 MB. And no CHECK
        // lists while importing: every value an import writes comes from the domain's typed
        // vocabularies, and each list costs a temporary table SQLite builds on every insert.
        // The importer puts both back however it ends.
        tx.execute_batch(&format!(
            "PRAGMA cache_size = -{IMPORT_CACHE_KIB}; PRAGMA ignore_check_constraints = ON"
        ))?;
        self.known = known;
        self.deferred = deferred;
        self.first_new_rowid = first_new_rowid;
        Ok(())
    }

    #[must_use]
    pub fn batch_id(&self) -> &str {
        &self.batch_id
    }

    /// Records a row that could not be taken, with its line.
    ///
    /// # Errors
    /// A database error.
    pub fn skip(&mut self, line: u64, reason: &str) -> Result<(), StoreError> {
        self.read += 1;
        self.skipped += 1;
        self.tx()?
            .prepare_cached("INSERT INTO import_problems (batch_id, line, reason) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")?
            .execute(params![self.batch_id, i64::try_from(line).unwrap_or(i64::MAX), reason])?;
        Ok(())
    }

    /// Stores a row: a new lead, or a merge into the lead with the same identity (the email,
    /// else the source tool's record id, else the LinkedIn profile).
    ///
    /// # Errors
    /// `Edit` for a row the rules refuse (the caller skips it and goes on); a database error.
    pub fn add(&mut self, row: &Incoming) -> Result<RowOutcome, StoreError> {
        self.add_with(row, None)
    }

    /// Stores a row whose lead was built beforehand (see `Preparer`), as `add` does.
    ///
    /// # Errors
    /// As `add`.
    pub fn add_prepared(&mut self, prepared: Prepared) -> Result<RowOutcome, StoreError> {
        self.add_with(&prepared.row, prepared.lead)
    }

    /// A `Preparer` for this import's rows, to run on another thread.
    #[must_use]
    pub fn preparer(&self) -> Preparer {
        Preparer {
            batch_id: self.batch_id.clone(),
            ctx: self.ctx.clone(),
        }
    }

    fn add_with(&mut self, row: &Incoming, lead: Option<Lead>) -> Result<RowOutcome, StoreError> {
        // Worked out once: looked up first, then (created or merged) the lead answers to them.
        let identities: Vec<(Identity, String, u64)> = identities_of(row)
            .map(|(i, key)| {
                let print = fingerprint(i, &key);
                (i, key, print)
            })
            .collect();
        let (outcome, created_at) = self.place(row, &identities, lead)?;
        if self.known.is_some() {
            self.learn(&outcome, created_at, &identities)?;
        }
        Ok(outcome)
    }

    /// Stores the row; says what happened and, for a new lead, its rowid.
    fn place(
        &mut self,
        row: &Incoming,
        identities: &[(Identity, String, u64)],
        lead: Option<Lead>,
    ) -> Result<(RowOutcome, Option<i64>), StoreError> {
        let existing = self.existing(identities)?;
        self.last_match = existing.as_ref().map(|(_, by)| *by);
        match existing {
            None => {
                let lead = match lead {
                    Some(lead) => lead,
                    None => lead_of(row, &self.batch_id, &self.ctx)?,
                };
                let rowid = self.create(&lead)?;
                self.remember_row(row, &lead.id)?;
                self.read += 1;
                self.created += 1;
                Ok((RowOutcome::Created(lead.id), Some(rowid)))
            }
            Some((id, matched_by)) => {
                let merged = self.merge(&id, row, matched_by)?;
                // A row found by its print is already remembered.
                if !matches!(matched_by, Identity::Row) {
                    self.remember_row(row, &id)?;
                }
                self.read += 1;
                if merged {
                    self.merged += 1;
                    Ok((RowOutcome::Merged(id), None))
                } else {
                    self.unchanged += 1;
                    Ok((RowOutcome::Unchanged(id), None))
                }
            }
        }
    }

    /// What the last row added matched its lead by ("email", "LinkedIn profile", ...), when
    /// it was merged or found unchanged.
    #[must_use]
    pub fn matched_by(&self) -> Option<&'static str> {
        self.last_match.map(Identity::said)
    }

    /// Writes a new lead. Rows created here are indexed for search by their rowid range when
    /// the import ends. The batch row records the creation of every lead it imports (who,
    /// when, which file and line): one row a batch instead of an event a lead, which halves an
    /// import's random writes. `history` shows it as the lead's first entry.
    fn create(&mut self, lead: &Lead) -> Result<i64, StoreError> {
        for f in &lead.evidence.flags {
            *self.flagged.entry(f.flag).or_default() += 1;
        }
        Ok(insert_row(self.tx()?, lead, &self.ctx)?)
    }

    /// Notes a lead from before this import that it changed, to index again when it ends.
    fn touched(&self, rowid: i64) -> Result<(), StoreError> {
        self.tx()?
            .prepare_cached(
                "INSERT INTO temp.import_rows (rowid) VALUES (?1) ON CONFLICT DO NOTHING",
            )?
            .execute([rowid])?;
        Ok(())
    }

    /// Records the counts and commits everything the import wrote.
    ///
    /// # Errors
    /// A database error; then nothing of the import is kept.
    pub fn finish(mut self, summary: &Value) -> Result<String, StoreError> {
        // The fingerprints are done with: their memory goes back before the indexes are built.
        self.known = None;
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        super::upkeep::count(
            self.tx()?,
            crate::domain::Stage::Lead,
            crate::domain::State::Active,
            n(self.created),
        )?;
        super::upkeep::reindex_listed(self.tx()?, "import_rows", self.first_new_rowid)?;
        self.tx()?.execute(
            "UPDATE import_batches SET finished_at = ?2, rows_read = ?3, created = ?4, merged = ?5, \
             skipped = ?6, summary = ?7 WHERE id = ?1",
            params![
                self.batch_id,
                time_text(Utc::now().max(self.ctx.now)),
                n(self.read),
                n(self.created),
                n(self.merged),
                n(self.skipped),
                summary.to_string()
            ],
        )?;
        if self.bulk {
            // Sorted by print, each print's last lead winning, as the inserts would have left it.
            self.tx()?.execute_batch(
                "INSERT INTO row_prints (print, lead_id) \
                 SELECT print, lead_id FROM temp.new_prints WHERE true ORDER BY print, rowid \
                 ON CONFLICT (print) DO UPDATE SET lead_id = excluded.lead_id; \
                 DELETE FROM temp.new_prints;",
            )?;
        }
        for sql in std::mem::take(&mut self.deferred) {
            self.tx()?.execute_batch(&sql)?;
        }
        let tx = self.tx.take().ok_or(StoreError::ImportFinished)?;
        restore_settings(&tx)?;
        tx.commit()?;
        self.journal.leave(self.conn);
        Ok(std::mem::take(&mut self.batch_id))
    }

    fn tx(&self) -> Result<&Transaction<'_>, StoreError> {
        self.tx.as_ref().ok_or(StoreError::ImportFinished)
    }
}

impl Drop for Importer<'_> {
    /// An import that did not finish rolls back; the connection's settings and journal go
    /// back either way.
    fn drop(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = restore_settings(&tx);
            drop(tx);
        }
        self.journal.leave(self.conn);
    }
}

/// SQLite's default page cache (2 MB) and CHECK lists, for the rest of the session. Cached
/// statements are dropped so none compiled without the CHECK lists is used again.
fn restore_settings(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA cache_size = -2000; PRAGMA ignore_check_constraints = OFF")?;
    conn.flush_prepared_statement_cache();
    Ok(())
}

/// The attribute that keeps an email value that is not an address.
pub(super) const INVALID_EMAIL: &str = "invalid email";

/// The row's unmapped columns, plus its further emails and phones and any invalid email.
pub(super) fn attributes_of(row: &Incoming) -> BTreeMap<String, String> {
    let mut attributes = row.attributes.clone();
    if !row.other_emails.is_empty() {
        attributes.insert("other emails".into(), row.other_emails.join(", "));
    }
    if !row.other_phones.is_empty() {
        attributes.insert("other phones".into(), row.other_phones.join(", "));
    }
    if let Some(bad) = &row.invalid_email {
        attributes.insert(INVALID_EMAIL.into(), bad.clone());
    }
    attributes
}

#[path = "import_merge.rs"]
mod merge;

#[path = "import_find.rs"]
mod find;

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
