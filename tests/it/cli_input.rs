//! Bad input gets a clear message, a non-zero exit, and writes nothing.

use crate::support::{Db, days_ago_date, stderr_of};

fn refused(db: &Db, args: &[&str], code: i32, message: &str) {
    let before = db.dump();
    let out = db.cmd().args(args).output().expect("runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}",
        stderr_of(&out)
    );
    let err = stderr_of(&out);
    assert!(
        err.contains(message),
        "{args:?}: expected '{message}' in:\n{err}"
    );
    assert_eq!(db.dump(), before, "{args:?} wrote to the database");
}

#[test]
fn bad_ids_fields_values_and_dates_are_refused_and_nothing_is_written() {
    let db = Db::new();
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    let tomorrow = days_ago_date(-2).to_string();
    refused(
        &db,
        &["show", "ffffffffff"],
        1,
        "no lead has an id starting with 'ffffffffff'",
    );
    refused(&db, &["promote", "zz-top"], 1, "'zz-top' is not a lead id");
    refused(
        &db,
        &["set", &id, "budget", "10k"],
        1,
        "unknown field 'budget'",
    );
    refused(
        &db,
        &["set", &id, "icp_fit", "maybe"],
        1,
        "unknown ICP fit 'maybe': expected one of fit, not_fit, unknown",
    );
    refused(
        &db,
        &["set", &id, "intent_source", "cold_call"],
        1,
        "unknown intent source 'cold_call'",
    );
    refused(
        &db,
        &[
            "set",
            &id,
            "reason_now",
            "Budget freed",
            "--on",
            "2026-13-01",
        ],
        2,
        "'2026-13-01' is not a date",
    );
    refused(
        &db,
        &["set", &id, "reason_now", "Budget freed", "--on", &tomorrow],
        1,
        "in the future",
    );
    refused(
        &db,
        &["set", &id, "title", "CTO", "--on", "2026-01-01"],
        1,
        "--on dates a reason now",
    );
    refused(
        &db,
        &["set", &id, "email", "not-an-email"],
        1,
        "'not-an-email' is not an email address",
    );
    refused(&db, &["set", &id, "name", " "], 1, "a lead needs a name");
    refused(
        &db,
        &["add", "--name", "X", "--email", "x@"],
        1,
        "'x@' is not an email address",
    );
    refused(&db, &["add", "--name", "  "], 1, "a lead needs a name");
    refused(&db, &["list", "--stage", "mql"], 1, "unknown stage 'mql'");
    refused(&db, &["nurture", &id], 2, "--reason");
    refused(&db, &["reopen", &id], 3, "already active");
}

#[test]
fn an_ambiguous_prefix_is_refused_with_its_candidates() {
    let db = Db::new();
    // Seventeen ids over sixteen hex digits: two must share a first character.
    let ids: Vec<String> = (0..17)
        .map(|i| db.add(&format!("P{i}"), &format!("p{i}@x{i}.example")))
        .collect();
    let (a, b) = ids
        .iter()
        .enumerate()
        .find_map(|(i, a)| {
            ids[i + 1..]
                .iter()
                .find(|b| b.as_bytes()[0] == a.as_bytes()[0])
                .map(|b| (a, b))
        })
        .expect("pigeonhole");
    let prefix = &a[..1];
    let out = db.cmd().args(["show", prefix]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains(&format!("'{prefix}' is ambiguous")), "{err}");
    assert!(
        err.contains(&a[..6]) && err.contains(&b[..6]),
        "candidates listed: {err}"
    );
    // Uppercase input works as any prefix does.
    db.ok(&["show", &a.to_uppercase()]);
}

#[test]
fn terminal_escapes_in_data_never_reach_the_terminal() {
    let db = Db::new();
    let id = db.add("\u{1b}[31mEvil\u{1b}]0;pwned\u{7}", "evil@x.example");
    let out = db.ok(&["show", &id]);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("[31mEvil"));
    let listed = db.ok(&["list"]);
    assert!(!listed.contains('\u{1b}'), "{listed:?}");
}

#[test]
fn help_teaches_the_workflow() {
    let db = Db::new();
    let help = db.ok(&["--help"]);
    assert!(help.contains("A typical pass over one lead"));
    assert!(help.contains("Exit status"));
    let set_help = db.ok(&["set", "--help"]);
    assert!(set_help.contains("demo_request") && set_help.contains("--on"));
}
