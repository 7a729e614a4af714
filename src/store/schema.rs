//! Schema creation and upgrades, keyed on `PRAGMA user_version`.

use rusqlite::Connection;

/// The current schema, run as a whole on a fresh database.
pub const SCHEMA: &str = include_str!("../../schema.sql");

/// Upgrades, append-only: entry `n` takes a database from version `n` to `n + 1`.
/// Never edit one that has shipped; add a new one and update `schema.sql` to match.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_core.sql"),
    include_str!("migrations/002_queues.sql"),
    include_str!("migrations/003_imports.sql"),
    include_str!("migrations/004_explicit_upkeep.sql"),
    include_str!("migrations/005_suggestions.sql"),
    include_str!("migrations/006_priority_order.sql"),
    include_str!("migrations/007_search_notes.sql"),
    include_str!("migrations/008_unsupported.sql"),
    include_str!("migrations/009_row_prints.sql"),
    include_str!("migrations/010_exports.sql"),
    include_str!("migrations/011_handoffs.sql"),
    include_str!("migrations/012_email_key.sql"),
    include_str!("migrations/013_search_prefixes.sql"),
];

/// The version a database has once it is current.
#[allow(clippy::cast_possible_wrap)] // a handful of migrations
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// What a migration needs of Rust after its SQL: a rule SQLite cannot say.
fn after_migration(version: usize, tx: &Connection) -> rusqlite::Result<()> {
    if version == 12 {
        // SQLite's lower() set the keys of emails in A–Z; those with other letters (or
        // anything outside printable ASCII) get the domain's key.
        let others: Vec<(i64, String)> = tx
            .prepare("SELECT rowid, email FROM leads WHERE email GLOB '*[^ -~]*'")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut write = tx.prepare("UPDATE leads SET email_key = ?2 WHERE rowid = ?1")?;
        for (rowid, email) in others {
            write.execute(rusqlite::params![
                rowid,
                crate::domain::field::email_key(&email)
            ])?;
        }
    }
    if version == 13 {
        // The search index was made again, empty: every lead still kept goes back in.
        tx.execute_batch(&format!(
            "{} WHERE state != 'removed'",
            super::upkeep::search_rows("leads_fts")
        ))?;
    }
    Ok(())
}

/// Identifies a leadgate file among SQLite files ("LGAT").
pub const APPLICATION_ID: i64 = 0x4C47_4154;

/// Creates the schema on an empty database.
pub(super) fn create(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    stamp(&tx, LATEST_VERSION)?;
    tx.commit()
}

/// Runs every migration after `from`, each in its own transaction.
///
/// Foreign keys are off while they run, as SQLite's procedure for rebuilding a table asks,
/// and each migration must leave no dangling reference before it commits.
/// `step` hears the number (from 1) of each migration as it starts.
pub(super) fn upgrade(
    conn: &mut Connection,
    from: i64,
    step: &mut dyn FnMut(usize),
) -> rusqlite::Result<()> {
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let result = (|| {
        for (i, (n, sql)) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(from).unwrap_or(0))
            .enumerate()
        {
            step(i + 1);
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            after_migration(n + 1, &tx)?;
            let dangling: i64 =
                tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
            if dangling > 0 {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                    Some(format!(
                        "migration {} leaves {dangling} dangling references",
                        n + 1
                    )),
                ));
            }
            stamp(&tx, i64::try_from(n + 1).unwrap_or(i64::MAX))?;
            tx.commit()?;
        }
        Ok(())
    })();
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    result
}

fn stamp(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    // PRAGMA takes no bound parameters; both values are integers computed here.
    conn.execute_batch(&format!(
        "PRAGMA user_version = {version}; PRAGMA application_id = {APPLICATION_ID};"
    ))
}
