//! The floor of an import: what the bundled SQLite alone needs to write the rows a leadgate
//! import produced, the cheapest way it can, so `benches/import.sh` can say how far above it
//! leadgate's own import is.
//!
//! `cargo bench --bench floor -- FINISHED.db EMPTY.db`: copies every row an import wrote
//! (batches, problems, leads, row prints, events, counts, settings) from FINISHED (a database a
//! leadgate import of the file produced) row by row into a new database with leadgate's schema,
//! in one transaction, with every secondary index and the search index built after the rows.
//! No reading of the file, mapping, dedupe or flags. Set up as an import is: a rollback journal
//! synced fully, a 64 MB page cache, no CHECK lists. Prints the seconds it took and the rows.

use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::time::Instant;

/// The tables an import writes, parents first.
const TABLES: &[&str] = &[
    "import_batches",
    "import_problems",
    "leads",
    "row_prints",
    "events",
    "lead_counts",
    "settings",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [from, to] = args.as_slice() else {
        return Err("usage: floor FINISHED.db EMPTY.db".into());
    };
    if Path::new(to).exists() {
        return Err(format!("{to} exists; the floor writes a new database").into());
    }
    let source = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let dest = Connection::open(to)?;
    dest.execute_batch(include_str!("../schema.sql"))?;
    // Every secondary index, set aside to be built after the rows.
    let indexes: Vec<(String, String)> = dest
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _) in &indexes {
        dest.execute_batch(&format!("DROP INDEX {name}"))?;
    }
    dest.execute_batch(
        "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF; \
         PRAGMA cache_size = -65536; PRAGMA ignore_check_constraints = ON",
    )?;

    let started = Instant::now();
    let tx = dest.unchecked_transaction()?;
    let mut copied = Vec::new();
    for table in TABLES {
        // The schema's own rows (none today but the reason codes, which are not copied) go.
        tx.execute(&format!("DELETE FROM {table}"), [])?;
        let mut read = source.prepare(&format!("SELECT * FROM {table}"))?;
        let columns = read.column_count();
        let marks = vec!["?"; columns].join(", ");
        let mut write = tx.prepare(&format!("INSERT INTO {table} VALUES ({marks})"))?;
        let mut rows = read.query([])?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            let values = (0..columns)
                .map(|i| row.get::<_, Value>(i))
                .collect::<Result<Vec<_>, _>>()?;
            write.execute(params_from_iter(values))?;
            n += 1;
        }
        copied.push(format!("{table} {n}"));
    }
    let rows_done = started.elapsed();
    for (_, sql) in &indexes {
        tx.execute_batch(sql)?;
    }
    let indexed = started.elapsed();
    let search = leadgate::store::search_rows("leads_fts");
    tx.execute_batch(&format!("{search} WHERE state != 'removed'"))?;
    tx.commit()?;
    let total = started.elapsed();
    println!(
        "floor {:.2} s (rows {:.2} s, {} indexes {:.2} s, search index {:.2} s): {}",
        total.as_secs_f64(),
        rows_done.as_secs_f64(),
        indexes.len(),
        (indexed - rows_done).as_secs_f64(),
        (total - indexed).as_secs_f64(),
        copied.join(", ")
    );
    Ok(())
}
