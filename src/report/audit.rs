//! The list audit an agency hands back: how much of a client's list is likely fit, likely
//! not or unknown (suggestions, not evidence), what is excluded and why, the duplicates, and
//! the data missing most. Figures are counted by `audit`; this renders them.

use serde::Serialize;
use std::fmt::Write;

use super::html::{STYLE, bars, escape, table};
use crate::safe_text::one_line;

/// One file of the audit.
#[derive(Debug, Clone, Serialize)]
pub struct AuditFile {
    pub file: String,
    pub rows_read: u64,
    pub created: u64,
    /// Rows that matched a lead an earlier row (of this file or another) created.
    pub duplicates: u64,
    pub skipped: u64,
    /// Why each skipped row was not a lead, as "line N: reason".
    pub skipped_rows: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub n: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Suggested {
    pub likely_fit: u64,
    pub likely_not: u64,
    pub unknown: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    pub report_version: u32,
    pub kind: &'static str,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    /// The version of the rules the suggestions and flags came from (`leadgate rules show`).
    pub rules_version: String,
    pub files: Vec<AuditFile>,
    /// Files that could not be read at all, with why.
    pub failed: Vec<String>,
    pub rows_read: u64,
    /// Distinct people after duplicates merged.
    pub unique_leads: u64,
    pub duplicates: u64,
    /// Records kept out because another record with the same name and company is excluded
    /// (no address or profile tied them together, so they were not merged).
    pub probable_same_person: u64,
    /// Records that are probably a person listed already (the same name at the same
    /// company, or the same LinkedIn profile) though no email tied them: listed in
    /// duplicates.csv, not in clean.csv.
    pub probable_duplicates: u64,
    pub skipped: u64,
    /// Leads not excluded, by what the rules suggest of their fit (never evidence).
    pub suggested: Suggested,
    pub clean: u64,
    pub excluded: u64,
    /// Excluded leads by reason; a lead with two reasons counts under both.
    pub excluded_by: Vec<Count>,
    /// Fields empty on the most leads first.
    pub missing: Vec<Count>,
}

fn pct(n: u64, of: u64) -> String {
    if of == 0 {
        "–".into()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let p = n as f64 * 100.0 / of as f64;
        format!("{p:.1}%")
    }
}

/// Markdown.
#[must_use]
pub fn markdown(r: &AuditReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# List audit\n");
    let _ = writeln!(
        s,
        "Generated {} by leadgate. {} rows read from {} file(s): **{}** records after merging \
         duplicates, {} duplicate rows, {} rows that are not leads.\n",
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        r.rows_read,
        r.files.len(),
        r.unique_leads,
        r.duplicates,
        r.skipped
    );
    if r.probable_duplicates > 0 {
        let _ = writeln!(
            s,
            "{} more records are probably people listed already (the same name at the same \
             company, or the same LinkedIn profile, under another email): they are in \
             duplicates.csv, not clean.csv. About {} different people in all.\n",
            r.probable_duplicates,
            r.unique_leads - r.probable_duplicates
        );
    }
    let _ = writeln!(
        s,
        "Suggestions and exclusions follow the rules of version `{}` (`leadgate rules show`).\n",
        r.rules_version
    );
    let _ = writeln!(s, "## Fit (suggestions, not evidence)\n");
    let _ = writeln!(
        s,
        "Of the {} people not excluded, the rules suggest: **{}** likely fit ({}), {} likely not \
         ({}), {} unknown ({}). A suggestion comes from the rules file (industry, size, country, \
         title patterns); nobody has verified it yet.\n",
        r.clean,
        r.suggested.likely_fit,
        pct(r.suggested.likely_fit, r.clean),
        r.suggested.likely_not,
        pct(r.suggested.likely_not, r.clean),
        r.suggested.unknown,
        pct(r.suggested.unknown, r.clean)
    );
    let _ = writeln!(s, "## Excluded: {} of {}\n", r.excluded, r.unique_leads);
    if r.probable_same_person > 0 {
        let _ = writeln!(
            s,
            "{} of them are probably the same person as an excluded record (the same name at \
             the same company, or the same LinkedIn profile): kept out to be safe.\n",
            r.probable_same_person
        );
    }
    let _ = writeln!(s, "| reason | people |\n| --- | ---: |");
    for c in &r.excluded_by {
        let _ = writeln!(s, "| {} | {} |", c.label.replace('|', "\\|"), c.n);
    }
    let _ = writeln!(s, "\n## Data missing most\n");
    let _ = writeln!(
        s,
        "| field | people without it | share |\n| --- | ---: | ---: |"
    );
    for c in &r.missing {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            c.label,
            c.n,
            pct(c.n, r.unique_leads)
        );
    }
    let _ = writeln!(s, "\n## Files\n");
    let _ = writeln!(
        s,
        "| file | rows | new | duplicates | not leads |\n| --- | ---: | ---: | ---: | ---: |"
    );
    for f in &r.files {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            one_line(&f.file).replace('|', "\\|"),
            f.rows_read,
            f.created,
            f.duplicates,
            f.skipped
        );
    }
    for f in r.files.iter().filter(|f| !f.skipped_rows.is_empty()) {
        let _ = writeln!(s, "\nNot leads in {}:\n", one_line(&f.file));
        for row in f.skipped_rows.iter().take(50) {
            let _ = writeln!(s, "- {}", one_line(row));
        }
        if f.skipped_rows.len() > 50 {
            let _ = writeln!(s, "- … and {} more", f.skipped_rows.len() - 50);
        }
    }
    for failed in &r.failed {
        let _ = writeln!(s, "\n**Not read:** {}", one_line(failed));
    }
    let _ = writeln!(
        s,
        "\nHanded back with this report: `clean.csv` (people to work, with the suggestion and \
         the rule behind it), `excluded.csv` (each with its reasons), `duplicates.csv` (which \
         rows matched which)."
    );
    s
}

/// One self-contained page.
#[must_use]
pub fn html(r: &AuditReport) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>List audit</title><style>{STYLE}</style></head><body><h1>List audit</h1>\
         <p class=\"meta\">Generated {} by leadgate</p><p><span class=\"big\">{}</span> records \
         after merging duplicates, from {} rows in {} file(s); {} duplicate rows; {} rows that \
         are not leads.</p>",
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        r.unique_leads,
        r.rows_read,
        r.files.len(),
        r.duplicates,
        r.skipped
    );
    if r.probable_duplicates > 0 {
        let _ = write!(
            s,
            "<p>{} more records are probably people listed already (the same name at the same \
             company, or the same LinkedIn profile, under another email): they are in \
             duplicates.csv, not clean.csv. About {} different people in all.</p>",
            r.probable_duplicates,
            r.unique_leads - r.probable_duplicates
        );
    }
    let _ = write!(
        s,
        "<h2>Fit (suggestions, not evidence)</h2><p>What the rules suggest for the {} people \
         not excluded. A suggestion comes from the rules file; nobody has verified it yet.</p>",
        r.clean
    );
    #[allow(clippy::cast_precision_loss)]
    let fit = [
        ("likely fit", r.suggested.likely_fit),
        ("likely not", r.suggested.likely_not),
        ("unknown", r.suggested.unknown),
    ]
    .iter()
    .map(|(k, n)| {
        (
            (*k).to_string(),
            *n as f64,
            format!("{n} ({})", pct(*n, r.clean)),
        )
    })
    .collect::<Vec<_>>();
    s.push_str(&bars(&fit, "#1a7f37"));
    let _ = write!(s, "<h2>Excluded: {} of {}</h2>", r.excluded, r.unique_leads);
    #[allow(clippy::cast_precision_loss)]
    let excluded: Vec<(String, f64, String)> = r
        .excluded_by
        .iter()
        .map(|c| (c.label.clone(), c.n as f64, c.n.to_string()))
        .collect();
    s.push_str(&bars(&excluded, "#cf222e"));
    if r.probable_same_person > 0 {
        let _ = write!(
            s,
            "<p>{} of them are probably the same person as an excluded record (the same name \
             at the same company, or the same LinkedIn profile): kept out to be safe.</p>",
            r.probable_same_person
        );
    }
    s.push_str("<h2>Data missing most</h2>");
    #[allow(clippy::cast_precision_loss)]
    let missing: Vec<(String, f64, String)> = r
        .missing
        .iter()
        .map(|c| {
            (
                c.label.clone(),
                c.n as f64,
                format!("{} ({})", c.n, pct(c.n, r.unique_leads)),
            )
        })
        .collect();
    s.push_str(&bars(&missing, "#bc4c00"));
    s.push_str("<h2>Files</h2>");
    let files: Vec<Vec<String>> = r
        .files
        .iter()
        .map(|f| {
            vec![
                f.file.clone(),
                f.rows_read.to_string(),
                f.created.to_string(),
                f.duplicates.to_string(),
                f.skipped.to_string(),
            ]
        })
        .collect();
    s.push_str(&table(
        &["file", "rows", "new", "duplicates", "not leads"],
        &files,
    ));
    for f in r.files.iter().filter(|f| !f.skipped_rows.is_empty()) {
        let _ = write!(s, "<p>Not leads in {}:</p><ul>", escape(&f.file));
        for row in f.skipped_rows.iter().take(50) {
            let _ = write!(s, "<li>{}</li>", escape(row));
        }
        if f.skipped_rows.len() > 50 {
            let _ = write!(s, "<li>… and {} more</li>", f.skipped_rows.len() - 50);
        }
        s.push_str("</ul>");
    }
    for failed in &r.failed {
        let _ = write!(s, "<p><b>Not read:</b> {}</p>", escape(failed));
    }
    s.push_str(
        "<p>Handed back with this report: <b>clean.csv</b> (people to work, with the suggestion \
         and the rule behind it), <b>excluded.csv</b> (each with its reasons), \
         <b>duplicates.csv</b> (which rows matched which).</p></body></html>\n",
    );
    s
}
