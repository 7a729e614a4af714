use super::*;
use crate::domain::Contact;
use crate::store::restore;

use crate::store::test_ctx::ctx;

fn with_leads(path: &Path, names: &[&str]) -> Store {
    let mut store = Store::open(path).expect("open");
    for name in names {
        let contact = Contact {
            name: (*name).into(),
            ..Contact::default()
        };
        store.add_lead(contact, &ctx()).expect("add");
    }
    store
}

fn names(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare("SELECT name FROM leads ORDER BY name")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

#[test]
fn a_backup_is_a_checked_owner_only_single_file_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let store = with_leads(&db, &["Ana", "Bo"]);
    let to = dir.path().join("copy.db");
    let mut seen = Vec::new();
    let done = store
        .backup_to(&to, false, &Rules::default(), &mut |p| seen.push(p))
        .expect("backup");
    assert!(done.checked.sound());
    assert_eq!(done.checked.leads, 2);
    assert_eq!(names(&to), vec!["Ana", "Bo"]);
    let last = seen.last().expect("progress");
    assert_eq!(last.done, last.total);
    assert!(last.total > 0);
    #[cfg(unix)]
    assert_eq!(mode(&to), 0o600);
    // Nothing beside it: no -wal, no temporary file.
    let mut files: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("leadgate.db"))
        .collect();
    files.sort();
    assert_eq!(files, vec!["copy.db"]);
    // An existing file is kept unless the caller says to replace it.
    let again = store.backup_to(&to, false, &Rules::default(), &mut |_| {});
    assert!(matches!(again, Err(StoreError::Exists(_))), "{again:?}");
    assert!(matches!(
        store.backup_to(&db, true, &Rules::default(), &mut |_| {}),
        Err(StoreError::BadTarget(_))
    ));
}

#[test]
fn a_backup_sees_one_moment_while_another_connection_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let store = with_leads(&db, &["Ana"]);
    let mut writer = Store::open(&db).expect("second connection");
    let to = dir.path().join("copy.db");
    let mut wrote = false;
    store
        .backup_to(&to, false, &Rules::default(), &mut |p| {
            // A write from another connection in the middle of the copy.
            if !wrote && p.done < p.total {
                wrote = true;
                let c = Contact {
                    name: "Late".into(),
                    ..Contact::default()
                };
                writer.add_lead(c, &ctx()).expect("write during the copy");
            }
        })
        .expect("backup");
    assert!(wrote);
    assert_eq!(names(&to), vec!["Ana"]);
    assert_eq!(names(&db), vec!["Ana", "Late"]);
}

#[test]
fn a_copy_that_fails_its_checks_is_not_kept() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let store = with_leads(&db, &["Ana"]);
    store
        .conn
        .execute_batch("UPDATE lead_counts SET n = 7")
        .expect("drift");
    let to = dir.path().join("copy.db");
    let done = store
        .backup_to(&to, false, &Rules::default(), &mut |_| {})
        .expect("copied all the same");
    assert!(!done.checked.sound());
    assert_eq!(done.checked.problems[0].check, "counts");
    assert!(to.exists(), "a copy to keep before mending the database");
}

#[test]
fn a_copy_never_goes_over_the_database_its_journal_or_a_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let store = with_leads(&db, &["Ana"]);
    let wal = dir.path().join("leadgate.db-wal");
    assert!(wal.exists());
    for to in [db.clone(), wal, dir.path().to_path_buf()] {
        let out = store.backup_to(&to, true, &Rules::default(), &mut |_| {});
        assert!(
            matches!(out, Err(StoreError::BadTarget(_))),
            "{to:?}: {out:?}"
        );
    }
    assert_eq!(names(&db), vec!["Ana"]);
}

#[test]
fn an_empty_file_is_no_backup_and_two_restores_keep_both_replaced_files() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let backup = dir.path().join("monday.db");
    with_leads(&db, &["Ana"])
        .backup_to(&backup, false, &Rules::default(), &mut |_| {})
        .expect("backup");
    let empty = dir.path().join("empty.db");
    fs::write(&empty, b"").expect("write");
    let now = ctx().now;
    let out = restore(&empty, &db, true, &Rules::default(), now, &mut |_| {});
    assert!(matches!(out, Err(StoreError::Empty(_))), "{out:?}");
    assert_eq!(names(&db), vec!["Ana"]);
    let first = restore(&backup, &db, true, &Rules::default(), now, &mut |_| {}).expect("one");
    let second = restore(&backup, &db, true, &Rules::default(), now, &mut |_| {}).expect("two");
    let (a, b) = (first.kept.expect("kept"), second.kept.expect("kept"));
    assert_ne!(
        a, b,
        "the second restore in the same second keeps its own file"
    );
    assert!(a.exists() && b.exists());
}

#[test]
fn a_restore_checks_refuses_without_replace_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let backup = dir.path().join("monday.db");
    with_leads(&db, &["Ana"])
        .backup_to(&backup, false, &Rules::default(), &mut |_| {})
        .expect("backup");
    drop(with_leads(&db, &["Bo"]));
    let now = ctx().now;
    let refused = restore(&backup, &db, false, &Rules::default(), now, &mut |_| {});
    assert!(matches!(refused, Err(StoreError::Exists(_))), "{refused:?}");
    assert_eq!(names(&db), vec!["Ana", "Bo"]);
    let done = restore(&backup, &db, true, &Rules::default(), now, &mut |_| {}).expect("restore");
    assert!(done.checked.sound());
    let kept = done.kept.expect("the replaced file is kept");
    assert_eq!(
        kept.file_name().and_then(|n| n.to_str()),
        Some("leadgate.db.replaced-20261102T090000Z")
    );
    assert_eq!(names(&db), vec!["Ana"]);
    assert_eq!(names(&kept), vec!["Ana", "Bo"]);
    #[cfg(unix)]
    assert_eq!(mode(&db), 0o600);
    assert!(
        Store::open(&db)
            .expect("reopen")
            .check(&Rules::default(), &mut |_| {})
            .expect("check")
            .sound()
    );
}

#[test]
fn a_restore_refuses_a_database_in_use_and_a_file_that_is_not_one() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leadgate.db");
    let backup = dir.path().join("monday.db");
    let open = with_leads(&db, &["Ana"]);
    open.backup_to(&backup, false, &Rules::default(), &mut |_| {})
        .expect("backup");
    let now = ctx().now;
    let busy = restore(&backup, &db, true, &Rules::default(), now, &mut |_| {});
    assert!(matches!(busy, Err(StoreError::InUse(_))), "{busy:?}");
    drop(open);
    let junk = dir.path().join("notes.txt");
    fs::write(
        &junk,
        "not a database at all, just some words in a file\n".repeat(100),
    )
    .expect("write");
    let refused = restore(&junk, &db, true, &Rules::default(), now, &mut |_| {});
    assert!(
        matches!(refused, Err(StoreError::Foreign { .. })),
        "{refused:?}"
    );
    assert_eq!(names(&db), vec!["Ana"]);
}
