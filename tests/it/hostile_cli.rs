//! Every command that shows the hostile lead of `hostile_text`: its human output and errors
//! carry no hostile character, its JSON reads back exactly as stored; and a 1 MiB note is
//! shown whole by `show` and cut in a row.

use crate::hostile_files::assert_formula_escaped;
use crate::hostile_text::{
    COMPANY, Hostile, IMPORTED_NAME, NAME, assert_safe, big_company, big_note, contains_string,
    hostile, json,
};

#[test]
fn every_command_shows_hostile_text_safely_and_its_json_reads_back_as_stored() {
    let h = Hostile::build();
    let (a, i, big) = (h.added.as_str(), h.imported.as_str(), h.big.as_str());
    let name = hostile(NAME);
    // Human output: the fields are shown (their words), their hostile parts are not.
    h.safe(&["list"], &[NAME, COMPANY, IMPORTED_NAME, "Bigly"]);
    h.safe(&["search", "Mallory"], &[NAME]);
    h.safe(
        &["show", a],
        &[
            NAME, COMPANY, "Chief", "Fits", "Hiring", "Pain", "Cost", "Dana", "city",
        ],
    );
    h.safe(
        &["show", i],
        &[IMPORTED_NAME, "Importco", "Resolved", "Segval"],
    );
    h.safe(&["history", a], &["Called", "Pain"]);
    h.safe(&["history", i], &["Resolved", "eve"]);
    h.safe(&["queue", "prospects"], &[NAME]);
    h.safe(&["queue", "all"], &[NAME, IMPORTED_NAME]);
    h.safe(&["imports"], &["list [31m", "eve"]);
    h.safe(&["stakeholder", "list", a], &["Dana", "CFO"]);
    h.safe(&["triage", "--suggest"], &[]);
    h.safe(&["show", a], &["industry"]);
    for format in ["text", "md"] {
        h.safe(
            &["handoff", "show", a, "--format", format],
            &[NAME, "Pain", "Called"],
        );
    }
    // Reports, each format.
    for format in ["text", "md", "html"] {
        h.safe(&["report", "--format", format], &["Webinar", "sam"]);
    }
    // The handoff's steps, each with a hostile note, and the queues that show where it stands.
    h.hand_off_and_dispute();
    h.safe(&["queue", "review"], &[NAME]);
    h.safe(&["history", a], &["Rejected", "Disputed", "Handing"]);
    // Parking the imported lead with a hostile note; reopening it.
    h.safe(
        &[
            "nurture",
            i,
            "--reason",
            "stalled",
            "--note",
            &hostile("Parked"),
        ],
        &[IMPORTED_NAME],
    );
    h.safe(&["queue", "nurture"], &[IMPORTED_NAME]);
    h.safe(&["show", i], &["Parked"]);
    h.safe(&["reopen", i], &[IMPORTED_NAME]);
    h.safe(
        &[
            "disqualify",
            i,
            "--reason",
            "other",
            "--note",
            &hostile("Out"),
        ],
        &[IMPORTED_NAME],
    );
    h.safe(&["queue", "disqualified"], &[IMPORTED_NAME]);
    h.safe(&["reopen", i], &[IMPORTED_NAME]);
    h.safe(&["accept", big], &[]);
    // What a person typed is echoed safely too.
    let out =
        h.db.cmd()
            .args(["search", "zzqx\u{1b}]0;owned\u{7}\u{9b}\u{202E}"])
            .output()
            .expect("runs");
    assert_safe(
        "search with no match (stderr)",
        &out.stderr,
        &["no lead matches 'zzqx"],
    );
    // Refusals and errors name the lead's text too.
    h.refused(&["promote", big], &[]);
    h.refused(&["set", a, "company", "x", "--expect", "y"], &[NAME]);
    h.refused(&["list", "--source", "nothing-like-it"], &["Webinar"]);
    h.refused(
        &["add", "--name", "x", "--email", "mallory@evilcorp.example"],
        &["mallory@evilcorp.example"],
    );

    // JSON: no hostile byte, and the text reads back exactly as stored.
    let reads_back = |args: &[&str], text: &str| {
        let out = json(&h.safe(args, &[]));
        assert!(contains_string(&out, text), "{args:?} lacks {text:?}");
        out
    };
    reads_back(&["show", a, "--json"], &name);
    reads_back(&["list", "--json"], &name);
    reads_back(&["list", "--format", "json"], &name);
    reads_back(&["search", "Mallory", "--json"], &name);
    reads_back(&["history", a, "--json"], &hostile("Disputed"));
    reads_back(&["queue", "all", "--json"], &name);
    reads_back(&["imports", "--json"], &h.actor);
    reads_back(&["stakeholder", "list", a, "--json"], &hostile("Dana"));
    reads_back(&["handoff", "show", a, "--format", "json"], &name);
    reads_back(&["report", "--format", "json"], &hostile("Webinar"));
    json(&h.safe(&["triage", "--suggest", "--json"], &[]));
    let file = h.file.to_str().expect("path");
    let stored = h.show_json(i)["name"].as_str().expect("name").to_string();
    reads_back(&["import", "--dry-run", "--json", file], &stored);
    h.safe(
        &["import", "--dry-run", file],
        &[IMPORTED_NAME, "Segval", "Importco"],
    );
    let file_name = h.file.file_name().and_then(|n| n.to_str()).expect("name");
    reads_back(&["import", "--json", file], file_name);

    // CSV and TSV lists.
    for format in ["csv", "tsv"] {
        let out = h.safe(&["list", "--format", format], &[NAME, COMPANY]);
        assert_formula_escaped(&format!("list --format {format}"), &out);
    }
    // Taking things back says what it took.
    h.safe(&["stakeholder", "remove", a, "1"], &["Dana"]);
    let undo = h.db.text("SELECT id FROM import_batches LIMIT 1");
    h.safe(&["import", "--undo", &undo], &["undone"]);
}

#[test]
fn a_1_mib_note_is_shown_whole_where_it_is_read_and_cut_in_a_row() {
    let h = Hostile::build();
    let big = h.show_json(&h.big);
    assert_eq!(big["company"].as_str(), Some(big_company().as_str()));
    // `show` is where a note is read: all of it, its line breaks kept.
    let show = h.safe(&["show", &h.big], &["BIGSTART", "BIGEND"]);
    let note = big_note();
    assert!(
        show.len() > note.len() + big_company().len(),
        "show prints the whole note and company"
    );
    assert!(
        show.lines()
            .filter(|l| l.trim_start().starts_with("lorem"))
            .count()
            >= note.lines().count() - 1,
        "the note keeps its lines"
    );
    // A row in a list or a queue is one screen line, not 1 MiB.
    for args in [&["list"][..], &["queue", "all"], &["search", "Bigly"]] {
        let out = h.safe(args, &["Bigly"]);
        let row = out.lines().find(|l| l.contains("Bigly")).expect("the row");
        assert!(row.len() < 200, "{args:?}: a row of {} bytes", row.len());
    }
}
