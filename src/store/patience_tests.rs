use chrono::Utc;

use super::{ImportLock, Patience, import_running, patiently};
use crate::store::{Ctx, Store, StoreError};

#[test]
fn an_import_is_running_while_it_holds_its_lock_and_not_after() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("leads.db");
    assert!(!import_running(&path), "no lock file yet");
    let lock = ImportLock::take(&path);
    assert!(import_running(&path));
    drop(lock);
    assert!(!import_running(&path), "the file stays, its lock goes");
    assert!(!import_running(std::path::Path::new(":memory:")));
}

#[test]
fn an_import_holds_its_lock_from_begin_to_commit() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("leads.db");
    let mut store = Store::open(&path).expect("open");
    let import = store
        .begin_import("list.csv", None, 3, &Ctx::new("t", Utc::now()))
        .expect("begin");
    assert!(import_running(&path));
    import.finish(&serde_json::json!({})).expect("finish");
    assert!(!import_running(&path));
    let rolled_back = store
        .begin_import("list.csv", None, 3, &Ctx::new("t", Utc::now()))
        .expect("begin");
    drop(rolled_back);
    assert!(!import_running(&path));
}

fn busy() -> StoreError {
    StoreError::Busy(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        None,
    ))
}

#[test]
fn a_busy_database_is_tried_again_only_while_an_import_runs_and_only_if_patient() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("leads.db");
    // Always busy; the import ends during the third try, which counts as waiting for it.
    let mut lock = Some(ImportLock::take(&path));
    let mut tries = 0;
    let result: Result<(), _> = patiently(&path, Patience::UntilImportsEnd, || {
        tries += 1;
        if tries == 3 {
            lock = None;
        }
        Err(busy())
    });
    assert!(lock.is_none());
    assert!(matches!(result, Err(StoreError::Busy(_))), "{result:?}");
    assert_eq!(tries, 4, "the import ended during the third try: one more");
    // The workstation's patience: the busy timeout, import or not.
    let _lock = ImportLock::take(&path);
    let mut tries = 0;
    let result: Result<(), _> = patiently(&path, Patience::BusyTimeout, || {
        tries += 1;
        Err(busy())
    });
    assert!(result.is_err());
    assert_eq!(tries, 1);
}
