use std::path::PathBuf;

use chrono::Utc;

use super::BulkJournal;
use crate::domain::{Contact, Incoming};
use crate::store::{Ctx, Store};

fn ctx() -> Ctx {
    Ctx::new("t", Utc::now())
}

fn row(i: u64) -> Incoming {
    Incoming {
        line: i + 2,
        contact: Contact {
            name: format!("Person {i} with a name long enough to fill pages"),
            email: Some(format!("person{i}@company{}.example", i % 97)),
            title: Some("Head of Operations".into()),
            ..Contact::default()
        },
        ..Incoming::default()
    }
}

fn mode(conn: &rusqlite::Connection) -> String {
    conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode")
}

fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// A database file in a fresh folder, holding one lead from before any import.
fn database_with_one_lead() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("leads.db");
    let mut store = Store::open(&path).expect("open");
    let ana = Contact {
        name: "Ana Before".into(),
        email: Some("ana@before.example".into()),
        ..Contact::default()
    };
    store.add_lead(ana, &ctx()).expect("add");
    (dir, path, store)
}

/// An import announced as large enough to take the bulk path.
const LARGE: u64 = 1_000_000;

#[test]
fn a_crash_midway_through_a_large_import_rolls_it_back_whole() {
    let (dir, path, mut store) = database_with_one_lead();
    let mut import = store
        .begin_import("big.csv", None, LARGE, &ctx())
        .expect("begin");
    assert_eq!(import.journal, BulkJournal::Rollback);
    assert_eq!(mode(import.conn), "delete");
    assert_eq!(count(import.conn, "PRAGMA synchronous"), 2, "FULL");
    // Nobody else gets in until the import ends, so no reader can hold off its commit.
    let late = rusqlite::Connection::open(&path).expect("late reader");
    late.busy_timeout(std::time::Duration::ZERO)
        .expect("timeout");
    assert!(
        late.query_row("SELECT count(*) FROM leads", [], |r| r.get::<_, i64>(0))
            .is_err()
    );
    drop(late);
    for i in 0..3_000 {
        import.add(&row(i)).expect("add");
    }
    // The page cache is small in tests, so pages are already in the file, and the pages they
    // overwrote are in the journal beside it: what a crash at this moment leaves on disk.
    let journal = dir.path().join("leads.db-journal");
    assert!(
        journal.exists(),
        "the import writes with a rollback journal"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bits = std::fs::metadata(&journal)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(bits & 0o777, 0o600, "the journal holds contacts too");
    }
    let crashed = dir.path().join("crashed");
    std::fs::create_dir(&crashed).expect("dir");
    std::fs::copy(&path, crashed.join("leads.db")).expect("copy");
    std::fs::copy(&journal, crashed.join("leads.db-journal")).expect("copy");
    let grown = std::fs::metadata(&path).expect("size").len();
    drop(import);
    assert_eq!(
        mode(&store.conn),
        "wal",
        "an abandoned import goes back to the log"
    );

    let after = Store::open(&crashed.join("leads.db")).expect("reopen after the crash");
    let check: String = after
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    assert_eq!(count(&after.conn, "SELECT count(*) FROM leads"), 1);
    assert_eq!(count(&after.conn, "SELECT count(*) FROM import_batches"), 0);
    assert_eq!(mode(&after.conn), "wal");
    let size = std::fs::metadata(crashed.join("leads.db"))
        .expect("size")
        .len();
    assert!(
        size < grown,
        "the rollback took back the pages the import had added"
    );
}

#[test]
fn a_finished_large_import_is_kept_and_the_log_is_back() {
    let (dir, _, mut store) = database_with_one_lead();
    let mut import = store
        .begin_import("big.csv", None, LARGE, &ctx())
        .expect("begin");
    for i in 0..500 {
        import.add(&row(i)).expect("add");
    }
    import.finish(&serde_json::json!({})).expect("finish");
    assert_eq!(mode(&store.conn), "wal");
    let sync: i64 = count(&store.conn, "PRAGMA synchronous");
    assert_eq!(sync, 1, "NORMAL again, as every connection runs");
    assert_eq!(count(&store.conn, "SELECT count(*) FROM leads"), 501);
    assert!(!dir.path().join("leads.db-journal").exists());
}

#[test]
fn with_the_file_open_elsewhere_a_large_import_keeps_the_log() {
    let (_dir, path, mut store) = database_with_one_lead();
    let other = rusqlite::Connection::open(&path).expect("second connection");
    assert_eq!(count(&other, "SELECT count(*) FROM leads"), 1);
    let mut import = store
        .begin_import("big.csv", None, LARGE, &ctx())
        .expect("begin");
    assert_eq!(import.journal, BulkJournal::Unchanged);
    assert_eq!(mode(import.conn), "wal");
    import.add(&row(1)).expect("add");
    // The other connection still reads, undisturbed, what was there before.
    assert_eq!(count(&other, "SELECT count(*) FROM leads"), 1);
    import.finish(&serde_json::json!({})).expect("finish");
    assert_eq!(count(&other, "SELECT count(*) FROM leads"), 2);
}

#[test]
fn a_large_import_that_cannot_start_leaves_the_file_as_it_was() {
    let (_dir, _, mut store) = database_with_one_lead();
    // Preparing an import empties its temporary tables; a view in one's place makes it fail.
    store
        .conn
        .execute_batch("CREATE TEMP VIEW import_rows AS SELECT 1 AS rowid")
        .expect("view");
    assert!(store.begin_import("big.csv", None, LARGE, &ctx()).is_err());
    assert_eq!(mode(&store.conn), "wal");
    assert_eq!(count(&store.conn, "PRAGMA synchronous"), 1, "NORMAL");
    assert_eq!(count(&store.conn, "SELECT count(*) FROM import_batches"), 0);
}
