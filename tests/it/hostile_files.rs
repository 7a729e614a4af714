//! The files leadgate writes with the hostile lead of `hostile_text` in them: each export
//! profile, the reports in every format, the audit's folder. No hostile character, formulas
//! escaped, markup shown as text, JSON reading back as stored.

use crate::hostile_text::{COMPANY, Hostile, IMPORTED_NAME, NAME, contains_string, hostile, json};

/// The lead's markup is in the page as text: escaped, so no script runs and no link is made.
fn assert_markup_escaped(surface: &str, bytes: &[u8]) {
    let html = std::str::from_utf8(bytes).expect("utf-8");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{surface} does not show the markup as text"
    );
    assert!(
        !html.contains("<script") && !html.contains("<a "),
        "{surface} runs the lead's markup"
    );
}

/// The phone's hidden formula starts its cell with an apostrophe.
pub fn assert_formula_escaped(surface: &str, text: &str) {
    assert!(
        text.contains("'=HYPERLINK(\"\"http://evil.example\"\")")
            || text.contains("'=HYPERLINK(\"http://evil.example\")"),
        "{surface}: the formula is not escaped"
    );
    assert!(
        !text.contains(",=HYPERLINK")
            && !text.contains("\"=HYPERLINK")
            && !text.contains("\t=HYPERLINK"),
        "{surface}: a formula starts a cell"
    );
}

#[test]
fn exports_reports_and_an_audit_write_hostile_text_safely() {
    let h = Hostile::build();
    let out = h.dir.join("out");
    std::fs::create_dir(&out).expect("dir");
    let name = hostile(NAME);
    // The sequencers get the sales-ready list (the hostile prospect); the CRMs and leadgate's
    // own files every lead.
    for (profile, ready) in [
        ("instantly", true),
        ("smartlead", true),
        ("lemlist", true),
        ("apollo", true),
        ("hubspot", false),
        ("salesforce", false),
        ("csv", false),
        ("json", false),
    ] {
        let file = out.join(format!("{profile}.out"));
        let path = file.to_str().expect("path");
        let mut args = vec!["export", "--to", profile, "-o", path];
        if ready {
            args.push("--ready");
        }
        let wrote = if ready {
            "wrote 1 sales-ready lead"
        } else {
            "wrote 3 leads"
        };
        h.safe(&args, &[wrote]);
        let bytes = h.file_safe(&file, &[NAME, COMPANY]);
        let text = String::from_utf8(bytes).expect("utf-8");
        if profile == "json" {
            let leads = json(&text);
            assert!(
                contains_string(&leads, &name),
                "the JSON export reads back as stored"
            );
        } else {
            assert_formula_escaped(profile, &text);
        }
    }
    // To standard output, with the summary on standard error.
    for profile in ["csv", "json"] {
        h.safe(&["export", "--to", profile], &[NAME, COMPANY]);
    }
    h.safe(&["exports"], &["instantly", "salesforce"]);
    let exports = json(&h.safe(&["exports", "--json"], &[]));
    assert!(
        exports.as_array().is_some_and(|e| e.len() == 10),
        "{exports}"
    );
    h.safe(&["show", &h.added], &["Sent to"]);
    h.safe(&["history", &h.added], &["exported"]);
    // Reports written to files.
    for format in ["text", "md", "html", "json"] {
        let file = out.join(format!("report.{format}"));
        h.safe(
            &[
                "report",
                "--format",
                format,
                "-o",
                file.to_str().expect("path"),
            ],
            &["wrote the report"],
        );
        let bytes = h.file_safe(&file, &["Webinar"]);
        if format == "json" {
            let report = json(std::str::from_utf8(&bytes).expect("utf-8"));
            assert!(contains_string(&report, &hostile("Webinar")), "{report:#}");
        }
        if format == "html" {
            assert_markup_escaped("report.html", &bytes);
        }
    }
    // The audit of the same file: what it prints, and every file it hands back.
    let audit = h.dir.join("audit");
    let file = h.file.to_str().expect("path");
    h.safe(
        &[
            "--as",
            &h.actor,
            "audit",
            file,
            "-o",
            audit.to_str().expect("path"),
        ],
        &["audited 3 rows"],
    );
    for (name, visible) in [
        ("report.html", &["list [31m"][..]),
        ("report.md", &["list [31m"][..]),
        ("report.json", &[][..]),
        ("clean.csv", &["Bigly"][..]),
        ("excluded.csv", &[IMPORTED_NAME, "Importco"][..]),
        ("duplicates.csv", &[IMPORTED_NAME][..]),
    ] {
        h.file_safe(&audit.join(name), visible);
    }
    // The audit's page names files and counts, not people: no markup of theirs to escape.
    let page = std::fs::read_to_string(audit.join("report.html")).expect("read");
    assert!(!page.contains("<script") && !page.contains("<a "), "{page}");
    let report = json(&std::fs::read_to_string(audit.join("report.json")).expect("read"));
    let file_name = h.file.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(contains_string(&report, file_name), "{report:#}");
}
