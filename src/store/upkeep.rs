//! Derived data the store keeps in step with the leads table: the queue counts and the search
//! index. Every write of a lead goes through these, so neither ever costs a scan to read.

use rusqlite::{Connection, params};

use crate::domain::{Stage, State};

/// The search document of leads, by rowid: who they are and what was written about them,
/// including the note-like columns an import kept as attributes (Notes, Description,
/// Comments). Migration 007 runs the same text over existing databases.
const SEARCH_DOCUMENT: &str = "SELECT rowid, name, email, company, title, \
    concat_ws(' ', icp_fit_why, role_relevance_why, intent_detail, reason_now, pain_point, \
    stakeholders, next_step, state_note, \
    (SELECT group_concat(a.value, ' ') FROM json_each(leads.attributes) AS a \
     WHERE lower(a.key) IN ('notes', 'note', 'description', 'comments', 'comment'))) \
    FROM leads";

/// The statement that writes the search document of leads into the full-text table `into`
/// (the search index, the copy `db check` builds to compare it with, or the import
/// benchmark's floor); a `WHERE` follows.
pub fn search_rows(into: &str) -> String {
    format!("INSERT INTO {into} (rowid, name, email, company, title, notes) {SEARCH_DOCUMENT}")
}

/// The attribute names the search index reads as notes (lower case): the import's headers
/// for its notes field.
pub const NOTE_ATTRIBUTES: &[&str] = &["notes", "note", "description", "comments", "comment"];

/// Adds `delta` to the count of leads at `stage`/`state`.
pub(super) fn count(
    conn: &Connection,
    stage: Stage,
    state: State,
    delta: i64,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO lead_counts (stage, state, n) VALUES (?1, ?2, ?3) \
         ON CONFLICT (stage, state) DO UPDATE SET n = n + excluded.n",
    )?
    .execute(params![stage.as_str(), state.as_str(), delta])?;
    Ok(())
}

/// Indexes a lead that is not in the search index yet; a removed lead (its import undone)
/// stays out, whatever writes it later.
pub(super) fn index_new(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "{} WHERE rowid = ?1 AND state != 'removed'",
        search_rows("leads_fts")
    ))?
    .execute([rowid])?;
    Ok(())
}

/// Indexes a lead again after its text changed.
pub(super) fn reindex(conn: &Connection, id: &str) -> rusqlite::Result<()> {
    let rowid = unindex(conn, id)?;
    index_new(conn, rowid)
}

/// Takes a lead out of the search index; returns its rowid.
pub(super) fn unindex(conn: &Connection, id: &str) -> rusqlite::Result<i64> {
    let rowid: i64 = conn
        .prepare_cached("SELECT rowid FROM leads WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    conn.prepare_cached("DELETE FROM leads_fts WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(rowid)
}

/// Indexes, in one pass, the leads whose rowids are in `temp.<table>`, and the leads from
/// rowid `new_from` on, which were never indexed: after a bulk write the search index is
/// built once instead of row by row.
pub(super) fn reindex_listed(
    conn: &Connection,
    table: &str,
    new_from: i64,
) -> rusqlite::Result<()> {
    let rows = search_rows("leads_fts");
    conn.execute_batch(&format!(
        "DELETE FROM leads_fts WHERE rowid IN (SELECT rowid FROM temp.{table}); \
         {rows} WHERE rowid IN (SELECT rowid FROM temp.{table}) AND state != 'removed';"
    ))?;
    conn.prepare(&format!("{rows} WHERE rowid >= ?1 AND state != 'removed'"))?
        .execute([new_from])?;
    Ok(())
}
