//! Hostile text: one lead whose every field holds terminal escape sequences, C1 controls and
//! bidirectional overrides, entered the ways people enter leads (an import, `add`, field
//! edits), and a lead with a 1 MiB note: the database every `hostile_*` test reads, the checks
//! they make on the bytes each surface writes, and the test that it is all stored as given.
//! The surfaces: the commands in `hostile_cli`, the files in `hostile_files`, the
//! workstation's screens in `hostile_tui`.

use crate::support::{Db, days_ago_date, stderr_of};
use chrono::{Duration, Local};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// SGR colour, an OSC window title, an OSC 8 hyperlink, clear screen and home, and a cursor
/// position query (which makes a terminal type an answer into its input).
pub const ESCAPES: &str = "\u{1b}[31m\u{1b}]0;owned\u{7}\u{1b}]8;;http://evil.example\u{1b}\\click\
                           \u{1b}]8;;\u{1b}\\\u{1b}[2J\u{1b}[H\u{1b}[6n";
/// C1 controls: CSI, OSC, ST and NEL, which some terminals obey as escapes.
pub const C1: &str = "\u{9b}31m\u{9d}0;owned\u{9c}\u{85}";
/// Bidirectional embeddings, overrides and isolates, which make text read other than it is.
pub const BIDI: &str =
    "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}fdp.exe\u{2066}\u{2067}\u{2068}\u{2069}";

/// `word` followed by every kind of hostile text, and a bell: what a field of the lead holds.
/// The word stays visible on every surface, so a check can see the field was shown at all;
/// one of each kind comes right after it, so that even a narrow column cut shows them.
pub fn hostile(word: &str) -> String {
    format!("{word}\u{202E}\u{2067}\u{1b}[7m\u{9b}1m\u{7} {ESCAPES}{C1}{BIDI}\u{7} {MARKUP} tail")
}

/// Markup, for the HTML reports: shown as text, never run.
pub const MARKUP: &str = "<script>alert(1)</script><a href=\"http://evil.example\">x</a>&amp;";

/// What would act on a terminal or reorder text: C0 controls but tab and line breaks, DEL,
/// C1 controls, bidi embeddings, overrides and isolates.
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The input really is hostile: every kind of character the checks look for is in it, so a
/// surface that shows it unfiltered fails.
pub fn assert_hostile(text: &str) {
    for c in [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{9d}', '\u{85}', '\u{202E}', '\u{2066}',
    ] {
        assert!(text.contains(c), "the input lacks U+{:04X}", u32::from(c));
    }
}

/// `bytes`, written by `surface`, carry no hostile character (checked on the raw bytes for
/// ESC and BEL, then on the text), and show each of `visible`.
pub fn assert_safe(surface: &str, bytes: &[u8], visible: &[&str]) {
    for (byte, what) in [(0x1b_u8, "ESC"), (0x07, "BEL"), (0x00, "NUL")] {
        if let Some(at) = bytes.iter().position(|&b| b == byte) {
            let from = at.saturating_sub(40);
            let near = String::from_utf8_lossy(&bytes[from..(at + 40).min(bytes.len())]);
            panic!("{surface}: {what} at byte {at}, near {near:?}");
        }
    }
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{surface}: not UTF-8: {e}"));
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_hostile(c)) {
        let near: String = text[at.saturating_sub(40)..].chars().take(60).collect();
        panic!(
            "{surface}: U+{:04X} at byte {at}, near {near:?}",
            u32::from(c)
        );
    }
    for v in visible {
        assert!(
            text.contains(v),
            "{surface} does not show {v:?}:\n{}",
            text.chars().take(12000).collect::<String>()
        );
    }
}

/// The 1 MiB note: words with line breaks now and then, bidi controls near the start (an
/// import keeps them; it removes control characters), and an end marker to tell a whole note
/// from a cut one.
pub fn big_note() -> String {
    let mut s = format!("BIGSTART {BIDI} ");
    let mut i = 0;
    while s.len() < 1024 * 1024 {
        s.push_str(if i % 97 == 96 { "lorem\n" } else { "lorem " });
        i += 1;
    }
    s.push_str("BIGEND");
    s
}

/// A 1 MiB company name, on one line.
pub fn big_company() -> String {
    let mut s = String::from("Bigco");
    while s.len() < 1024 * 1024 {
        s.push_str(" ipsum");
    }
    s
}

/// A formula hidden behind bidi and C1 controls, for the phone: once they are removed it
/// starts a cell, so a spreadsheet would run it unless it is escaped.
pub fn formula() -> String {
    format!("\u{202E}\u{2066}\u{9b}=HYPERLINK(\"http://evil.example\") {ESCAPES}{C1}{BIDI} tail")
}

/// A CSV field, quoted.
fn quoted(v: &str) -> String {
    format!("\"{}\"", v.replace('"', "\"\""))
}

/// The database every check reads, built through the command line.
pub struct Hostile {
    pub db: Db,
    pub dir: PathBuf,
    /// The imported file; its name is hostile too.
    pub file: PathBuf,
    /// The lead added and edited from the command line: every field hostile.
    pub added: String,
    /// The lead the import created from the hostile row.
    pub imported: String,
    /// The imported lead with the 1 MiB note.
    pub big: String,
    pub actor: String,
}

/// The lead's visible words, one a field: each surface shows some of them.
pub const NAME: &str = "Mallory";
pub const COMPANY: &str = "Evilcorp";
pub const IMPORTED_NAME: &str = "Ivan";

impl Hostile {
    pub fn build() -> Self {
        let db = Db::new();
        let dir = db.path.parent().expect("dir").to_path_buf();
        let actor = hostile("eve");
        // The file as a client sends it: the hostile row, a second row for the same person
        // (a merge: its differing company is kept in the history), and the 1 MiB note.
        let header = format!(
            "Name,Email,Company,Title,Notes,{}\n",
            quoted(&format!("Segment {ESCAPES}{BIDI}"))
        );
        let row = |name: &str, email: &str, company: &str, title: &str, notes: &str| {
            [
                quoted(name),
                quoted(email),
                quoted(company),
                quoted(title),
                quoted(notes),
                quoted(&hostile("Segval")),
            ]
            .join(",")
                + "\n"
        };
        let mut csv = header;
        csv += &row(
            &hostile(IMPORTED_NAME),
            "ivan@gmail.com",
            &hostile("Importco"),
            &hostile("Head"),
            &hostile("Noted"),
        );
        csv += &row(
            &hostile(IMPORTED_NAME),
            "ivan@gmail.com",
            &hostile("Othercorp"),
            "",
            "",
        );
        csv += &row(
            "Bigly Note",
            "bigly@bigco.example",
            &big_company(),
            "Analyst",
            &big_note(),
        );
        assert_hostile(&csv);
        // A file name cannot hold the hyperlink's slashes; the title and colour it can.
        let file = dir.join(format!("list \u{1b}[31m\u{1b}]0;owned\u{7}{C1}{BIDI}.csv"));
        std::fs::write(&file, &csv).expect("write the file");
        let file_arg = file.to_str().expect("path");
        let import = db.ok(&["--as", &actor, "import", file_arg]);
        assert_safe(
            "import",
            import.as_bytes(),
            &["list [31m", "3 rows read", "2 created", "1 merged"],
        );
        let ids = |email: &str| db.text(&format!("SELECT id FROM leads WHERE email = '{email}'"));
        let imported = ids("ivan@gmail.com");
        let big = ids("bigly@bigco.example");
        // The lead entered by hand, then every free-text field edited.
        let added = db
            .ok(&[
                "add",
                "--name",
                &hostile(NAME),
                "--email",
                "mallory@evilcorp.example",
                "--company",
                &hostile(COMPANY),
                "--title",
                &hostile("Chief"),
                "--source",
                &hostile("Webinar"),
                "--owner",
                &hostile("sam"),
            ])
            .trim()
            .to_string();
        let today = Local::now().date_naive();
        let yesterday = days_ago_date(1).to_string();
        let ahead = (today + Duration::days(7)).to_string();
        let set = |args: &[&str]| {
            let out = db.ok(&[&["set", &added][..], args].concat());
            assert_safe(&format!("set {}", args[0]), out.as_bytes(), &[]);
        };
        for field in [
            "domain",
            "industry",
            "employees",
            "country",
            "city",
            "linkedin_url",
        ] {
            set(&[field, &hostile(field)]);
        }
        set(&["phone", &formula()]);
        set(&["icp_fit", "fit", "--note", &hostile("Fits")]);
        set(&["role_relevance", "relevant", "--note", &hostile("Owns")]);
        set(&["intent_source", "demo_request", "--note", &hostile("Asked")]);
        set(&["reason_now", &hostile("Hiring"), "--on", &yesterday]);
        let promoted = db.ok(&["promote", &added]);
        assert_safe("promote", promoted.as_bytes(), &[NAME]);
        let logged = db.ok(&[
            "log",
            &added,
            "--kind",
            "call",
            "--note",
            &hostile("Called"),
        ]);
        assert_safe("log", logged.as_bytes(), &[]);
        set(&[
            "pain_point",
            &hostile("Pain"),
            "--consequence",
            &hostile("Cost"),
        ]);
        set(&["next_step", &hostile("Pilot"), "--on", &ahead]);
        set(&["timeline", &hostile("Soon")]);
        set(&["budget_path", &hostile("Budget")]);
        set(&["deal_size", &hostile("Big")]);
        let person = db.ok(&[
            "stakeholder",
            "add",
            &added,
            "--name",
            &hostile("Dana"),
            "--role",
            &hostile("CFO"),
            "--engagement",
            "engaged",
            "--authority",
            "confirmed",
        ]);
        assert_safe("stakeholder add", person.as_bytes(), &["Dana"]);
        // The imported lead: its flag resolved with a hostile note, then parked with one.
        let resolved = db.ok(&[
            "resolve",
            &imported,
            "free_mail",
            "--note",
            &hostile("Resolved"),
        ]);
        assert_safe("resolve", resolved.as_bytes(), &[]);
        Self {
            db,
            dir,
            file,
            added,
            imported,
            big,
            actor,
        }
    }

    /// The hostile prospect handed to an AE who rejects it, and its SDR's dispute, each step
    /// with a hostile note: in Review, its handoff on every surface.
    pub fn hand_off_and_dispute(&self) {
        self.safe(
            &[
                "handoff",
                "send",
                &self.added,
                "--to",
                &hostile("morgan"),
                "--note",
                &hostile("Handing"),
            ],
            &["morgan"],
        );
        let ae = hostile("morgan");
        self.safe(
            &[
                "--as",
                &ae,
                "handoff",
                "reject",
                &self.added,
                "--reason",
                "other",
                "--note",
                &hostile("Rejected"),
            ],
            &[],
        );
        self.safe(&["queue", "today"], &[NAME, "Rejected"]);
        self.safe(&["show", &self.added], &["Rejected"]);
        let sdr = hostile("sam");
        self.safe(
            &[
                "--as",
                &sdr,
                "handoff",
                "dispute",
                &self.added,
                "--note",
                &hostile("Disputed"),
            ],
            &[],
        );
    }

    /// Runs `args`, expects success, checks stdout and stderr, returns stdout.
    pub fn safe(&self, args: &[&str], visible: &[&str]) -> String {
        let out = self.db.cmd().args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?} failed: {}", stderr_of(&out));
        let surface = args.join(" ");
        assert_safe(&format!("{surface} (stderr)"), &out.stderr, &[]);
        assert_safe(&surface, &out.stdout, visible);
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs `args`, which must fail, and checks what it said.
    pub fn refused(&self, args: &[&str], visible: &[&str]) {
        let out = self.db.cmd().args(args).output().expect("runs");
        assert!(!out.status.success(), "{args:?} should have failed");
        assert_safe(&args.join(" "), &out.stdout, &[]);
        assert_safe(
            &format!("{} (stderr)", args.join(" ")),
            &out.stderr,
            visible,
        );
    }

    /// A file the command line wrote, checked.
    pub fn file_safe(&self, path: &Path, visible: &[&str]) -> Vec<u8> {
        let bytes = std::fs::read(path).expect("read");
        assert_safe(&path.display().to_string(), &bytes, visible);
        bytes
    }

    pub fn show_json(&self, id: &str) -> Value {
        json(&self.safe(&["show", id, "--json"], &[]))
    }
}

/// Parses JSON output.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

#[test]
fn hostile_text_is_stored_as_given() {
    let h = Hostile::build();
    let lead = h.show_json(&h.added);
    assert_eq!(lead["phone"], formula());
    for (key, word) in [
        ("name", NAME),
        ("company", COMPANY),
        ("title", "Chief"),
        ("source", "Webinar"),
        ("owner", "sam"),
        ("domain", "domain"),
        ("industry", "industry"),
        ("city", "city"),
        ("linkedin_url", "linkedin_url"),
    ] {
        assert_eq!(lead[key], hostile(word), "{key}");
    }
    let e = &lead["evidence"];
    assert_eq!(e["icp_fit_why"], hostile("Fits"));
    assert_eq!(e["reason_now"], hostile("Hiring"));
    assert_eq!(e["pain_point"], hostile("Pain"));
    assert_eq!(e["pain_consequence"], hostile("Cost"));
    assert_eq!(e["stakeholders"][0]["name"], hostile("Dana"));
    let history = h.safe(&["history", &h.added, "--json"], &[]);
    let said = |text: &str| {
        json(&history)
            .as_array()
            .expect("events")
            .iter()
            .any(|ev| contains_string(ev, text))
    };
    assert!(said(&hostile("Called")), "the touch's note: {history}");
    // An import removes control characters (and escape sequences whole) from a field and
    // says so (README: "Values"); the rest, bidi controls included, is stored as the file had
    // it.
    let imported = h.show_json(&h.imported);
    for (key, word) in [
        ("name", IMPORTED_NAME),
        ("company", "Importco"),
        ("title", "Head"),
    ] {
        assert_import_kept(&imported[key], word);
    }
    assert_import_kept(&imported["attributes"]["notes"], "Noted");
    let big = h.show_json(&h.big);
    assert!(
        big["attributes"]["notes"].as_str() == Some(big_note().as_str()),
        "the 1 MiB note is stored whole"
    );
}

/// An imported field: its word, its bidi controls and its end, without a control character.
fn assert_import_kept(stored: &Value, word: &str) {
    let stored = stored
        .as_str()
        .unwrap_or_else(|| panic!("{word}: {stored}"));
    assert!(
        stored.starts_with(word) && stored.ends_with(" tail"),
        "{stored:?}"
    );
    assert!(stored.contains(BIDI), "{stored:?}");
    assert!(!stored.chars().any(char::is_control), "{stored:?}");
}

/// Whether `text` is one of the strings anywhere in `v`.
pub fn contains_string(v: &Value, text: &str) -> bool {
    match v {
        Value::String(s) => s == text,
        Value::Array(a) => a.iter().any(|x| contains_string(x, text)),
        Value::Object(o) => o.values().any(|x| contains_string(x, text)),
        _ => false,
    }
}
