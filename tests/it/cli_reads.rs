//! What the command line says about the database itself: missing, read-only, the demo, and
//! the wording of its refusals.

use crate::support::{Db, stderr_of};

#[test]
fn a_reading_command_on_a_missing_database_says_so_and_creates_nothing() {
    let db = Db::new();
    let missing = db.path.parent().unwrap().join("nope/sub/x.db");
    for args in [
        vec!["list"],
        vec!["show", "abc123"],
        vec!["queue"],
        vec!["history", "abc123"],
        vec!["imports"],
        vec!["search", "anything"],
    ] {
        let out = assert_cmd::Command::cargo_bin("leadgate")
            .unwrap()
            .env_remove("LEADGATE_DB")
            .arg("--db")
            .arg(&missing)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("no database at {}", missing.display()))
                && err.contains("leadgate add"),
            "{args:?}: {err}"
        );
        assert!(!db.path.parent().unwrap().join("nope").exists(), "{args:?}");
    }
}

#[test]
fn demo_works_with_every_command_and_leaves_the_real_database_alone() {
    let db = Db::new();
    let data = db.path.parent().unwrap().join("data");
    let run = |args: &[&str]| {
        db.cmd()
            .env_remove("LEADGATE_DB")
            .env("XDG_DATA_HOME", &data)
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["--demo", "queue", "--limit", "3"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 6);
    let out = run(&["list", "--demo", "--limit", "0"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 300);
    assert!(data.join("leadgate/demo.db").exists());
    assert!(!db.path.exists(), "the real database was not created");
}

#[test]
fn add_refuses_an_email_already_on_a_lead_in_any_letter_case() {
    let db = Db::new();
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    let out = db
        .cmd()
        .args([
            "add",
            "--name",
            "M. Okafor",
            "--email",
            "MAREN@Brightkiln.example",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains(&id[..6]) && err.contains("--allow-duplicate"),
        "{err}"
    );
    assert_eq!(db.count("SELECT count(*) FROM leads"), 1);
    db.ok(&[
        "add",
        "--name",
        "M. Okafor",
        "--email",
        "MAREN@Brightkiln.example",
        "--allow-duplicate",
    ]);
    assert_eq!(db.count("SELECT count(*) FROM leads"), 2);
}

#[test]
fn refusals_read_as_sentences() {
    let db = Db::new();
    let id = db.add("Ines Duarte", "ines@alfama.example");
    db.ok(&["nurture", &id, "--reason", "stalled"]);
    let out = db
        .cmd()
        .args(["nurture", &id, "--reason", "stalled"])
        .output()
        .unwrap();
    assert!(
        stderr_of(&out).contains("already nurtured"),
        "{}",
        stderr_of(&out)
    );
    db.ok(&["reopen", &id]);
    db.ok(&["disqualify", &id, "--reason", "bad_data"]);
    let out = db.cmd().args(["promote", &id]).output().unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains("is disqualified") && !err.contains("is in"),
        "{err}"
    );
    let out = db
        .cmd()
        .args(["import", "--undo", "zzzz"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("no import batch starts with"), "{err}");
}

#[test]
fn a_read_only_database_is_named_in_one_sentence() {
    let db = Db::new();
    let id = db.add("Ro Only", "ro@only.example");
    let mut perms = std::fs::metadata(&db.path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db.path, perms).unwrap();
    let out = db
        .cmd()
        .args(["set", &id, "title", "CEO"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("{} is read-only", db.path.display())),
        "{err}"
    );
    assert!(db.ok(&["show", &id]).contains("Ro Only"));
    let store = leadgate::store::Store::open(&db.path).unwrap();
    assert!(store.read_only());
}

#[test]
fn the_actor_is_the_login_name_even_without_user() {
    let db = Db::new();
    let expected = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let expected = String::from_utf8(expected.stdout)
        .unwrap()
        .trim()
        .to_string();
    let out = db
        .cmd()
        .env_remove("LEADGATE_ACTOR")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .args(["add", "--name", "Who Did It"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(db.text("SELECT actor FROM events"), expected);
}

#[test]
fn show_leaves_out_what_is_unknown() {
    let db = Db::new();
    let id = db.ok(&["add", "--name", "Just A Name"]).trim().to_string();
    let shown = db.ok(&["show", &id]);
    assert!(
        !shown.contains("<->") && !shown.contains("- at -"),
        "{shown}"
    );
    db.ok(&["set", &id, "company", "Kestrel"]);
    let shown = db.ok(&["show", &id]);
    assert!(shown.lines().nth(1).unwrap() == "Kestrel", "{shown}");
}
