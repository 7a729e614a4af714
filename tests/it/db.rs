//! `leadgate db check`, `backup` and `restore` from the command line.

use serde_json::Value;
use std::path::Path;

use crate::support::Db;

/// A database with a promotion, a nurture and an import in it.
fn worked() -> Db {
    let db = Db::new();
    let ana = db.add("Ana Okafor", "ana@brightkiln.example");
    db.fill_evidence(&ana, 2);
    db.ok(&["promote", &ana]);
    let bo = db.add("Bo Lind", "bo@lind.example");
    db.ok(&["nurture", &bo, "--reason", "no_reason_now"]);
    let csv = db.path.with_file_name("list.csv");
    std::fs::write(&csv, "Email,Name\ncy@x.example,Cy\ndee@x.example,Dee\n").expect("write");
    db.ok(&["import", csv.to_str().expect("path")]);
    db
}

fn run(db: &Db, args: &[&str]) -> (Option<i32>, String, String) {
    let out = db.cmd().args(args).output().expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
}

#[test]
fn a_sound_database_passes_and_says_what_was_checked() {
    let db = worked();
    let (code, out, _) = run(&db, &["db", "check"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("is sound: 4 leads"), "{out}");
    assert!(out.contains("10 checks passed"), "{out}");
    let (code, out, _) = run(&db, &["db", "check", "--json"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["sound"], true);
    assert_eq!(v["leads"], 4);
    assert_eq!(v["problems"].as_array().map(Vec::len), Some(0));
}

#[test]
fn problems_get_one_line_each_and_exit_1_and_nothing_is_changed() {
    let db = worked();
    db.conn()
        .execute_batch(
            "UPDATE lead_counts SET n = n + 3 WHERE stage = 'lead' AND state = 'active'; \
             UPDATE leads SET stage = 'opportunity' WHERE name = 'Bo Lind';",
        )
        .expect("tamper");
    let before = std::fs::read(&db.path).expect("read");
    let (code, out, err) = run(&db, &["db", "check"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("events: lead ")
            && l.ends_with("its stage is opportunity with no event that changed it")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("counts: the count of lead/active says ")),
        "{out}"
    );
    assert!(!out.contains("is sound"), "{out}");
    assert!(err.contains("problems found"), "{err}");
    assert_eq!(
        std::fs::read(&db.path).expect("read"),
        before,
        "check only reads"
    );
    let (_, out, _) = run(&db, &["db", "check", "--json"]);
    let v: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["sound"], false);
    let checks: Vec<&str> = v["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["check"].as_str())
        .collect();
    assert!(
        checks.contains(&"events") && checks.contains(&"counts"),
        "{checks:?}"
    );
}

#[test]
fn a_damaged_file_fails_the_check() {
    let db = worked();
    // Overwrite the middle of the file, as a failing disk would.
    let mut bytes = std::fs::read(&db.path).expect("read");
    assert!(bytes.len() > 16_384, "{}", bytes.len());
    db.conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    bytes = std::fs::read(&db.path).expect("read");
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 4096] {
        *b = 0x5a;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    let (code, out, err) = run(&db, &["db", "check"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("integrity: ") || err.contains("malformed"),
        "{out}{err}"
    );
}

#[test]
fn a_missing_database_is_an_error_not_a_new_file() {
    let db = Db::new();
    let (code, _, err) = run(&db, &["db", "check"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no database at"), "{err}");
    assert!(!db.path.exists());
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let db = worked();
    let copy = db.path.with_file_name("monday.db");
    let copy_arg = copy.to_str().expect("path");
    let (code, out, err) = run(&db, &["db", "backup", copy_arg]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("4 leads") && out.contains("passed every check"),
        "{out}"
    );
    #[cfg(unix)]
    assert_eq!(mode(&copy), 0o600);
    let (code, _, err) = run(&db, &["db", "backup", copy_arg]);
    assert_eq!(code, Some(2));
    assert!(err.contains("already exists; pass --force"), "{err}");
    db.add("Later Lead", "later@x.example");
    let (code, _, err) = run(&db, &["db", "restore", copy_arg]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("monday.db is sound, but"), "{err}");
    assert_eq!(
        db.count("SELECT count(*) FROM leads"),
        5,
        "nothing replaced"
    );
    let (code, out, err) = run(&db, &["db", "restore", copy_arg, "--force"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("the database it replaced is kept as "),
        "{out}"
    );
    assert_eq!(db.count("SELECT count(*) FROM leads"), 4);
    let kept: Vec<_> = std::fs::read_dir(db.path.parent().expect("dir"))
        .expect("list")
        .filter_map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            name.starts_with("leads.db.replaced-").then_some(name)
        })
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let kept = db.path.with_file_name(&kept[0]);
    let n: i64 = rusqlite::Connection::open(&kept)
        .expect("open")
        .query_row("SELECT count(*) FROM leads", [], |r| r.get(0))
        .expect("count");
    assert_eq!(n, 5, "the replaced database is whole, WAL and all");
    let (code, _, _) = run(&db, &["db", "check"]);
    assert_eq!(code, Some(0));
}

#[test]
fn a_backup_that_is_not_a_database_is_refused() {
    let db = worked();
    let junk = db.path.with_file_name("junk.db");
    std::fs::write(&junk, "Email,Name\n".repeat(500)).expect("write");
    let (code, _, err) = run(
        &db,
        &["db", "restore", junk.to_str().expect("path"), "--force"],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("is not a leadgate database"), "{err}");
    assert_eq!(db.count("SELECT count(*) FROM leads"), 4);
}
