//! A busy database is waited for, not reported: a command run while another program imports
//! a list waits for the import to commit, however long past the busy timeout (5 s) it runs,
//! and a pass that writes after reading takes the write lock first.

use chrono::Utc;
use leadgate::domain::{Contact, Incoming};
use leadgate::store::{Ctx, Store};
use std::time::{Duration, Instant};

use crate::support::{Db, stderr_of};

/// Longer than the busy timeout.
const IMPORT_RUNS: Duration = Duration::from_millis(6_500);

fn row(i: u64) -> Incoming {
    Incoming {
        line: i + 2,
        contact: Contact {
            name: format!("Imported {i}"),
            email: Some(format!("imported{i}@list.example")),
            ..Contact::default()
        },
        ..Incoming::default()
    }
}

/// Runs `args` on a thread of its own; joins to (succeeded, stdout, stderr, seconds taken).
fn run_meanwhile(
    db: &Db,
    args: &[&str],
) -> std::thread::JoinHandle<(bool, String, String, Duration)> {
    let mut cmd = db.cmd();
    cmd.args(args);
    std::thread::spawn(move || {
        let began = Instant::now();
        let out = cmd.output().expect("runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr_of(&out),
            began.elapsed(),
        )
    })
}

/// An import of `rows` rows (announced as `announced`, which picks its journal) that keeps
/// the database for IMPORT_RUNS while `meanwhile` runs commands; returns their results.
fn while_importing(
    db: &Db,
    announced: u64,
    meanwhile: &[&[&str]],
) -> Vec<(bool, String, String, Duration)> {
    let mut store = Store::open(&db.path).expect("open");
    let ctx = Ctx::new("importer", Utc::now());
    let mut import = store
        .begin_import("list.csv", None, announced, &ctx)
        .expect("begin");
    let runs: Vec<_> = meanwhile
        .iter()
        .map(|args| run_meanwhile(db, args))
        .collect();
    for i in 0..3 {
        import.add(&row(i)).expect("add");
    }
    std::thread::sleep(IMPORT_RUNS);
    import.finish(&serde_json::json!({})).expect("commit");
    drop(store);
    runs.into_iter()
        .map(|r| r.join().expect("joined"))
        .collect()
}

#[test]
fn commands_wait_for_an_import_that_holds_the_database_past_the_busy_timeout() {
    let db = Db::new();
    let id = db.add("Ana Before", "ana@before.example");
    // A small import keeps the write-ahead log: others read, and writers wait for its lock.
    let done = while_importing(
        &db,
        3,
        &[
            &["set", &id, "timeline", "Decision before March"],
            &["log", &id, "--kind", "call", "--note", "Spoke about routes"],
            &["list"],
        ],
    );
    for (ok, _, err, took) in &done[..2] {
        assert!(ok, "a write gave up: {err}");
        assert!(err.is_empty(), "{err}");
        assert!(*took >= IMPORT_RUNS - Duration::from_secs(1), "{took:?}");
    }
    let (ok, listed, err, _) = &done[2];
    assert!(*ok && err.is_empty(), "{err}");
    assert!(listed.contains("Ana Before"), "{listed}");
    let history = db.ok(&["history", &id]);
    assert!(history.contains("Decision before March"), "{history}");
    assert!(history.contains("Spoke about routes"), "{history}");
}

#[test]
fn a_command_waits_to_read_while_a_large_import_holds_the_whole_file() {
    let db = Db::new();
    db.add("Ana Before", "ana@before.example");
    // Announced large with nobody else on the file: the import writes with a rollback journal
    // and keeps even readers out until it commits.
    let done = while_importing(&db, 1_000_000, &[&["list"]]);
    let (ok, listed, err, took) = &done[0];
    assert!(ok, "gave up: {err}");
    assert!(err.is_empty(), "{err}");
    assert!(*took >= IMPORT_RUNS - Duration::from_secs(1), "{took:?}");
    // It read once the import had committed: the imported leads are there.
    assert!(listed.contains("Imported 2"), "{listed}");
    assert_eq!(db.text("PRAGMA journal_mode"), "wal");
}

#[test]
fn triage_stores_its_suggestions_while_another_program_writes() {
    let db = Db::new();
    db.add("Ana Before", "ana@before.example");
    // Another program is in the middle of a write when the pass starts, and commits soon.
    let holder = db.conn();
    holder
        .execute_batch("BEGIN IMMEDIATE; UPDATE leads SET city = 'Oslo';")
        .expect("write");
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        holder.execute_batch("COMMIT").expect("commit");
    });
    let out = db
        .cmd()
        .args(["triage", "--suggest"])
        .output()
        .expect("runs");
    release.join().expect("released");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        db.count("SELECT count(*) FROM leads WHERE city = 'Oslo'"),
        1
    );
}
