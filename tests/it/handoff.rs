//! One record walked from lead to opportunity through the handoff on the command line, then
//! stalled, nurtured until a day and back in Today on that day.

use crate::support::{Db, stderr_of};
use chrono::{Duration, Utc};

/// A rules file that names dana as the manager.
fn with_manager(db: &Db) -> std::path::PathBuf {
    let path = db.path.with_file_name("rules.toml");
    std::fs::write(&path, "[team]\nmanagers = [\"dana\"]\n").unwrap();
    path
}

#[test]
fn a_record_goes_through_the_handoff_and_back_to_today_after_it_stalls() {
    let db = Db::new();
    let rules = with_manager(&db);
    let run = |actor: &str, now: Option<&str>, args: &[&str]| {
        let mut c = db.cmd();
        c.arg("--config").arg(&rules).arg("--as").arg(actor);
        if let Some(now) = now {
            c.env("LEADGATE_NOW", now);
        }
        c.args(args).output().unwrap()
    };
    let ok = |actor: &str, args: &[&str]| {
        let out = run(actor, None, args);
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    db.fill_evidence(&id, 1);
    ok("sam", &["set", &id, "owner", "sam"]);
    ok("sam", &["promote", &id]);

    // Refused with each gap named, then sent once the package is there.
    let refused = run("sam", None, &["handoff", "send", &id, "--to", "morgan"]);
    assert_eq!(refused.status.code(), Some(3));
    let err = stderr_of(&refused);
    for gap in [
        "Problem statement",
        "Conversation notes",
        "Stakeholder view",
    ] {
        assert!(err.contains(&format!("✗ {gap}")), "{err}");
    }
    ok(
        "sam",
        &["log", &id, "--kind", "call", "--note", "Discovery call"],
    );
    ok(
        "sam",
        &[
            "set",
            &id,
            "pain_point",
            "Routes by hand",
            "--consequence",
            "Overtime",
        ],
    );
    ok(
        "sam",
        &[
            "stakeholder",
            "add",
            &id,
            "--name",
            "Maren Okafor",
            "--role",
            "Head of Ops",
            "--engagement",
            "engaged",
            "--authority",
            "mapping",
        ],
    );
    ok("sam", &["handoff", "send", &id, "--to", "morgan"]);
    assert!(ok("morgan", &["queue", "handoffs", "--owner", "morgan"]).contains("Maren Okafor"));

    // Rejected: back in sam's Today, the reason on the record.
    ok(
        "morgan",
        &[
            "handoff",
            "reject",
            &id,
            "--reason",
            "missing_reason_now",
            "--note",
            "Opens next year",
        ],
    );
    let today = ok("sam", &["queue", "today", "--owner", "sam"]);
    assert!(
        today.contains("Maren Okafor") && today.contains("No reason to act now"),
        "{today}"
    );
    let shown = ok("sam", &["show", &id]);
    assert!(
        shown.contains("Rejected by morgan: No reason to act now"),
        "{shown}"
    );

    // Disputed; a non-manager's settlement is refused; the manager overturns it.
    ok(
        "sam",
        &[
            "handoff",
            "dispute",
            &id,
            "--note",
            "The lease is signed for March",
        ],
    );
    assert!(ok("dana", &["queue", "review"]).contains("Maren Okafor"));
    let not_manager = run(
        "morgan",
        None,
        &["review", "settle", &id, "--overturn", "--note", "x"],
    );
    assert_eq!(not_manager.status.code(), Some(3));
    assert!(stderr_of(&not_manager).contains("only a manager settles a dispute (dana)"));
    ok(
        "dana",
        &[
            "review",
            "settle",
            &id,
            "--overturn",
            "--note",
            "Lease signed",
        ],
    );

    // Accepted, and only then an opportunity.
    let early = run("morgan", None, &["promote", &id]);
    assert!(
        stderr_of(&early).contains("Handoff accepted"),
        "{}",
        stderr_of(&early)
    );
    ok("morgan", &["handoff", "accept", &id]);
    let on = (Utc::now().date_naive() + Duration::days(7)).to_string();
    ok(
        "morgan",
        &["set", &id, "next_step", "Scoping call", "--on", &on],
    );
    ok("morgan", &["set", &id, "timeline", "Decision before March"]);
    // One casual contact is not enough: the gate wants authority confirmed or a second person.
    let one = run("morgan", None, &["promote", &id]);
    assert!(
        stderr_of(&one).contains("✗ Stakeholders: one contact only"),
        "{}",
        stderr_of(&one)
    );
    ok(
        "morgan",
        &[
            "stakeholder",
            "add",
            &id,
            "--name",
            "Dana Reyes",
            "--role",
            "CFO",
            "--engagement",
            "aware",
            "--authority",
            "confirmed",
        ],
    );
    assert!(ok("morgan", &["promote", &id]).contains("prospect → opportunity"));

    // Stalled after the window; nurtured until a day; back in Today on that day.
    let later = (Utc::now() + Duration::days(20)).to_rfc3339();
    let fresh = run("morgan", None, &["queue", "stalled"]);
    assert!(!String::from_utf8_lossy(&fresh.stdout).contains("Maren Okafor"));
    let stalled = run("morgan", Some(&later), &["queue", "stalled"]);
    assert!(String::from_utf8_lossy(&stalled.stdout).contains("Maren Okafor"));
    let until = (Utc::now() + Duration::days(40)).date_naive().to_string();
    let parked = run(
        "morgan",
        Some(&later),
        &["nurture", &id, "--reason", "stalled", "--until", &until],
    );
    assert!(parked.status.success(), "{}", stderr_of(&parked));
    let before = (Utc::now() + Duration::days(39)).to_rfc3339();
    let on_the_day = (Utc::now() + Duration::days(40) + Duration::hours(1)).to_rfc3339();
    let waiting = run("morgan", Some(&before), &["queue", "today"]);
    assert!(!String::from_utf8_lossy(&waiting.stdout).contains("Maren Okafor"));
    let back = run("morgan", Some(&on_the_day), &["queue", "today"]);
    assert!(String::from_utf8_lossy(&back.stdout).contains("Maren Okafor"));

    // Every step in the history, with its actor.
    let history = ok("sam", &["history", &id]);
    for (actor, step) in [
        ("sam", "handoff sent to morgan"),
        ("morgan", "handoff rejected: missing_reason_now"),
        ("sam", "handoff rejection disputed"),
        ("dana", "dispute settled: rejection overturned"),
        ("morgan", "handoff accepted"),
        ("morgan", "stage prospect → opportunity"),
        ("morgan", "state active → nurture [stalled]"),
    ] {
        assert!(
            history
                .lines()
                .any(|l| l.contains(actor) && l.contains(step)),
            "{actor}: {step} in\n{history}"
        );
    }
}

#[test]
fn wrong_input_to_the_second_gate_is_refused_with_what_to_do() {
    let db = Db::new();
    let id = db.add("Maren Okafor", "maren@brightkiln.example");
    let fails = |args: &[&str], code: i32, says: &str| {
        let out = db.cmd().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(
            stderr_of(&out).contains(says),
            "{args:?}: {}",
            stderr_of(&out)
        );
    };
    let tomorrow = (Utc::now().date_naive() + Duration::days(1)).to_string();
    let yesterday = (Utc::now().date_naive() - Duration::days(1)).to_string();
    fails(
        &["set", &id, "stakeholders", "COO"],
        2,
        "stakeholders are a list: leadgate stakeholder add",
    );
    fails(
        &["set", &id, "next_step", "Call", "--on", &yesterday],
        1,
        "a next step is agreed for today or a later day",
    );
    fails(
        &["set", &id, "timeline", "Q1", "--consequence", "x"],
        2,
        "--consequence is the business consequence of a pain_point",
    );
    fails(
        &[
            "stakeholder",
            "add",
            &id,
            "--name",
            "Kim",
            "--engagement",
            "keen",
            "--authority",
            "confirmed",
        ],
        1,
        "unknown engagement 'keen': expected one of engaged, aware, not_yet",
    );
    fails(
        &[
            "log", &id, "--kind", "call", "--note", "x", "--on", &tomorrow,
        ],
        1,
        "is in the future; a touch records something that happened",
    );
    fails(
        &["log", &id, "--kind", "fax", "--note", "x"],
        1,
        "unknown touch kind 'fax'",
    );
    fails(
        &["stakeholder", "remove", &id, "9"],
        1,
        "no stakeholder number 9: the lead has 0",
    );
    fails(
        &["nurture", &id, "--reason", "stalled", "--until", &yesterday],
        3,
        "is not after today; nurture until a later day",
    );
    fails(
        &[
            "disqualify",
            &id,
            "--reason",
            "stalled",
            "--until",
            &tomorrow,
        ],
        2,
        "--until is the re-check day of a nurture",
    );
    fails(
        &["handoff", "send", &id, "--to", "morgan"],
        3,
        "only a prospect is handed off",
    );
    // Nothing above wrote an event beyond the lead's creation.
    assert_eq!(
        db.count("SELECT count(*) FROM events WHERE kind <> 'created'"),
        0
    );
}
