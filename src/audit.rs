//! The list audit: a client's files imported into a new database in a folder of their own,
//! the rules' suggestions stored, and the report and the files to hand back written beside
//! it. It composes import, triage, the exclusion rules and the report; no rule lives here.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use thiserror::Error;

use crate::domain::export::{never_exported, probable_person};
use crate::domain::icp::suggestions;
use crate::domain::{IcpFit, Lead};
use crate::import::{FileSummary, ImportOptions, import_file};
use crate::interchange::csv_safe::cell;
use crate::interchange::export::{Col, value};
use crate::report::audit::{AuditFile, AuditReport, Count, Suggested};
use crate::store::{Ctx, ListFilter, Store, StoreError};

/// The database an audit creates in its folder.
pub const AUDIT_DB: &str = "audit.db";

/// What the audit folder holds when it is done.
pub const OUTPUTS: &[&str] = &[
    "report.html",
    "report.md",
    "report.json",
    "clean.csv",
    "excluded.csv",
    "duplicates.csv",
];

#[derive(Debug, Error)]
pub enum AuditError {
    #[error(
        "{0} already holds an audit ({AUDIT_DB}); choose a new folder, or pass --force to replace it"
    )]
    Exists(PathBuf),
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}: {1}")]
    Csv(PathBuf, csv::Error),
    /// Files that cannot be read as lead lists: nothing was written.
    #[error("{}\nnothing was written; fix or leave out the file(s) above", .0.join("\n"))]
    Unreadable(Vec<String>),
}

/// What the audit did, for the command's summary.
#[derive(Debug)]
pub struct Audited {
    pub report: AuditReport,
    pub summaries: Vec<FileSummary>,
    pub db: PathBuf,
}

/// The records that share one probable-person key: the first, and one of them that is
/// excluded (with why, and where it came from).
struct Person {
    first: (String, Option<crate::domain::Origin>),
    excluded: Option<(String, Option<crate::domain::Origin>)>,
}

/// The reason key of a record kept out because another record of the same name and company is
/// excluded.
const SAME_PERSON: &str = "same_person";

/// Why a lead is kept out of the clean list: each open flag, and an opt-out.
fn excluded_because(lead: &Lead) -> Vec<(String, String)> {
    let mut reasons: Vec<(String, String)> = lead
        .evidence
        .flags
        .iter()
        .filter(|f| f.is_open())
        .map(|f| {
            (
                f.flag.as_str().to_string(),
                format!("{}: {}", f.flag.label(), f.reason),
            )
        })
        .collect();
    if never_exported(lead) && !reasons.iter().any(|(k, _)| k == "do_not_contact") {
        reasons.push(("do_not_contact".into(), "Asked not to be contacted".into()));
    }
    reasons
}

/// The contact columns of `clean.csv` and `excluded.csv`, by leadgate's names, filled as
/// leadgate's own CSV export fills them.
const CONTACT: &[(&str, Col)] = &[
    ("name", Col::FullName),
    ("first_name", Col::GivenName),
    ("last_name", Col::FamilyName),
    ("email", Col::Email),
    ("title", Col::Title),
    ("company", Col::Company),
    ("domain", Col::Domain),
    ("industry", Col::Industry),
    ("employees", Col::Employees),
    ("country", Col::Country),
    ("city", Col::City),
    ("phone", Col::Phone),
    ("linkedin_url", Col::Linkedin),
    ("source", Col::Source),
    ("owner", Col::Owner),
];

fn contact_cells(l: &Lead) -> Vec<String> {
    let parts = crate::domain::export::name_parts(&l.contact);
    CONTACT
        .iter()
        .map(|(_, col)| value(*col, l, &parts).into_owned())
        .collect()
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> AuditError + '_ {
    move |e| AuditError::Io(path.to_path_buf(), e)
}

/// A file in the audit folder, created owner-only: it holds people's contact details.
fn private_file(path: &Path) -> Result<std::fs::File, AuditError> {
    crate::private_file::create(path).map_err(io(path))
}

fn csv_file(path: &Path) -> Result<csv::Writer<std::fs::File>, AuditError> {
    Ok(csv::Writer::from_writer(private_file(path)?))
}

fn write_row(
    w: &mut csv::Writer<std::fs::File>,
    path: &Path,
    cells: &[String],
) -> Result<(), AuditError> {
    w.write_record(cells.iter().map(|c| cell(c).into_owned()))
        .map_err(|e| AuditError::Csv(path.to_path_buf(), e))
}

/// Runs the audit of `files` into `dir`.
///
/// # Errors
/// An existing audit without `force`, a folder that cannot be written, a database error.
/// A file that cannot be read is listed in the report and the others are audited.
pub fn run(files: &[PathBuf], dir: &Path, force: bool, ctx: &Ctx) -> Result<Audited, AuditError> {
    let db = dir.join(AUDIT_DB);
    if db.exists() && !force {
        return Err(AuditError::Exists(dir.to_path_buf()));
    }
    // Every file is opened and its header read before anything is written: an audit handed
    // back must cover the whole list, not the files that happened to read.
    let unreadable: Vec<String> = files
        .iter()
        .filter_map(|p| crate::import::dry_run(p, &ImportOptions::default(), 1).err())
        .map(|e| e.to_string())
        .collect();
    if !unreadable.is_empty() {
        return Err(AuditError::Unreadable(unreadable));
    }
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io(dir))?;
        }
    }
    if force {
        for name in [AUDIT_DB, "audit.db-wal", "audit.db-shm"] {
            let p = dir.join(name);
            if p.exists() {
                std::fs::remove_file(&p).map_err(io(&p))?;
            }
        }
    }
    let mut store = Store::open(&db)?;
    let options = ImportOptions {
        keep_duplicates: true,
        ..ImportOptions::default()
    };
    let shown = std::io::stderr().is_terminal();
    let mut summaries = Vec::new();
    let mut failed = Vec::new();
    for path in files {
        match import_file(&mut store, path, &options, ctx, shown) {
            Ok(s) => summaries.push(s),
            Err(e) => failed.push(e.to_string()),
        }
    }
    store.store_suggestions(&ctx.rules, |_, _| {})?;

    // The client's own columns go back in the files, after leadgate's. And who is probably
    // whom: records that no address tied together but that share a name at a company or a
    // LinkedIn profile. One of them excluded keeps the others out of clean.csv (a person who
    // opted out must not come back through a second record); otherwise the first is the one
    // handed back and the others are listed as probable duplicates.
    let mut extra: BTreeSet<String> = BTreeSet::new();
    let everyone = ListFilter::default();
    let mut people: HashMap<String, Person> = HashMap::new();
    store.walk_leads(&everyone, |lead| -> Result<ControlFlow<()>, StoreError> {
        extra.extend(lead.attributes.keys().cloned());
        let excluded = excluded_because(&lead).first().map(|(_, why)| why.clone());
        for key in probable_person(&lead.contact) {
            let p = people.entry(key).or_insert_with(|| Person {
                first: (lead.id.clone(), lead.origin.clone()),
                excluded: None,
            });
            if p.excluded.is_none()
                && let Some(why) = &excluded
            {
                p.excluded = Some((why.clone(), lead.origin.clone()));
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    let batch_files: HashMap<String, String> = store
        .batches()?
        .into_iter()
        .map(|b| (b.id, b.file_name))
        .collect();
    let origin = |l: &Lead| -> (String, String) {
        l.origin.as_ref().map_or_else(
            || (String::new(), String::new()),
            |o| {
                (
                    batch_files.get(&o.batch_id).cloned().unwrap_or_default(),
                    o.line.to_string(),
                )
            },
        )
    };

    let clean_path = dir.join("clean.csv");
    let excluded_path = dir.join("excluded.csv");
    let mut clean = csv_file(&clean_path)?;
    let mut excluded = csv_file(&excluded_path)?;
    let mut head: Vec<String> = CONTACT.iter().map(|(h, _)| (*h).to_string()).collect();
    head.extend(["file", "line"].map(String::from));
    let mut clean_head = head.clone();
    clean_head
        .extend(["suggested_fit", "fit_rule", "suggested_role", "role_rule"].map(String::from));
    // A client column named like one of leadgate's keeps its name, marked as the client's.
    let theirs = |k: &String| {
        if CONTACT.iter().any(|(h, _)| h == k) || ["file", "line"].contains(&k.as_str()) {
            format!("{k} (source)")
        } else {
            k.clone()
        }
    };
    clean_head.extend(extra.iter().map(theirs));
    let mut excluded_head = head;
    excluded_head.push("excluded_because".into());
    excluded_head.extend(extra.iter().map(theirs));
    write_row(&mut clean, &clean_path, &clean_head)?;
    write_row(&mut excluded, &excluded_path, &excluded_head)?;

    let total = store.lead_count()?;
    let bar = crate::import::count_bar(total, "writing clean.csv and excluded.csv");
    let mut suggested = Suggested::default();
    let mut probable = 0u64;
    let mut probable_dups: Vec<Vec<String>> = Vec::new();
    let (mut n_clean, mut n_excluded, mut unique) = (0u64, 0u64, 0u64);
    let mut excluded_by: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut missing: BTreeMap<&'static str, u64> = BTreeMap::new();
    store.walk_leads(&everyone, |lead| -> Result<ControlFlow<()>, AuditError> {
        bar.inc(1);
        unique += 1;
        let c = &lead.contact;
        for (field, value) in [
            ("email", &c.email),
            ("title", &c.title),
            ("company", &c.company),
            ("website or domain", &c.domain),
            ("phone", &c.phone),
            ("LinkedIn", &c.linkedin_url),
            ("country", &c.country),
            ("industry", &c.industry),
            ("employees", &c.employees),
        ] {
            if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
                *missing.entry(field).or_default() += 1;
            }
        }
        let mut reasons = excluded_because(&lead);
        let keys = probable_person(&lead.contact);
        let place = |o: &Option<crate::domain::Origin>| {
            o.as_ref().map_or_else(String::new, |o| {
                format!(
                    "{}:{}",
                    batch_files.get(&o.batch_id).cloned().unwrap_or_default(),
                    o.line
                )
            })
        };
        if reasons.is_empty()
            && let Some((why, at)) = keys
                .iter()
                .filter_map(|k| people.get(k).map(|p| (k, p)))
                .find_map(|(_, p)| p.excluded.as_ref())
        {
            reasons.push((
                SAME_PERSON.into(),
                format!("probably the same person as {}, excluded: {why}", place(at)),
            ));
            probable += 1;
        }
        if reasons.is_empty()
            && let Some((key, p)) = keys
                .iter()
                .filter_map(|k| people.get(k).map(|p| (k, p)))
                .find(|(_, p)| p.first.0 != lead.id)
        {
            let (file, line) = origin(&lead);
            let (same_file, same_line) = p.first.1.as_ref().map_or_else(Default::default, |o| {
                (
                    batch_files.get(&o.batch_id).cloned().unwrap_or_default(),
                    o.line.to_string(),
                )
            });
            let by = if key.starts_with("linkedin:") {
                "probably: the same LinkedIn profile"
            } else {
                "probably: the same name at the same company"
            };
            probable_dups.push(vec![
                file,
                line,
                "probable".into(),
                by.into(),
                same_file,
                same_line,
                lead.id.clone(),
                lead.contact.name.clone(),
                lead.contact.email.clone().unwrap_or_default(),
            ]);
            return Ok(ControlFlow::Continue(()));
        }
        let (file, line) = origin(&lead);
        let mut row = contact_cells(&lead);
        row.extend([file, line]);
        if reasons.is_empty() {
            n_clean += 1;
            let s = suggestions(&lead, &ctx.rules);
            match s.icp_fit.as_ref().map(|f| f.value) {
                Some(IcpFit::Fit) => suggested.likely_fit += 1,
                Some(IcpFit::NotFit) => suggested.likely_not += 1,
                _ => suggested.unknown += 1,
            }
            row.extend([
                s.icp_fit
                    .as_ref()
                    .map_or_else(|| "unknown".into(), |f| format!("likely {}", f.value)),
                s.icp_fit
                    .as_ref()
                    .map_or_else(String::new, |f| f.because.join("; ")),
                s.role_relevance.as_ref().map_or_else(
                    || "unknown".into(),
                    |r| format!("likely {}", r.value.label().to_lowercase()),
                ),
                s.role_relevance
                    .as_ref()
                    .map_or_else(String::new, |r| r.because.join("; ")),
            ]);
            row.extend(
                extra
                    .iter()
                    .map(|k| lead.attributes.get(k).cloned().unwrap_or_default()),
            );
            write_row(&mut clean, &clean_path, &row)?;
        } else {
            n_excluded += 1;
            for (key, _) in &reasons {
                let label = if key == SAME_PERSON {
                    "Probably the same person as an excluded record".to_string()
                } else {
                    crate::domain::Flag::parse(key)
                        .map_or_else(|_| key.clone(), |f| f.label().to_string())
                };
                excluded_by.entry(key.clone()).or_insert((label, 0)).1 += 1;
            }
            row.push(
                reasons
                    .iter()
                    .map(|(_, why)| why.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            row.extend(
                extra
                    .iter()
                    .map(|k| lead.attributes.get(k).cloned().unwrap_or_default()),
            );
            write_row(&mut excluded, &excluded_path, &row)?;
        }
        Ok(ControlFlow::Continue(()))
    })?;
    bar.finish_and_clear();
    clean.flush().map_err(io(&clean_path))?;
    excluded.flush().map_err(io(&excluded_path))?;

    let dup_path = dir.join("duplicates.csv");
    let mut dups = csv_file(&dup_path)?;
    write_row(
        &mut dups,
        &dup_path,
        &[
            "file",
            "line",
            "outcome",
            "matched_by",
            "same_as_file",
            "same_as_line",
            "lead_id",
            "name",
            "email",
        ]
        .map(String::from),
    )?;
    let mut n_dups = 0;
    for s in &summaries {
        for d in &s.duplicates {
            n_dups += 1;
            let lead = store.lead(&d.lead_id)?;
            let (file, line) = origin(&lead);
            write_row(
                &mut dups,
                &dup_path,
                &[
                    s.file.clone(),
                    d.line.to_string(),
                    d.outcome.to_string(),
                    d.matched_by.to_string(),
                    file,
                    line,
                    lead.id.clone(),
                    lead.contact.name.clone(),
                    lead.contact.email.clone().unwrap_or_default(),
                ],
            )?;
        }
    }
    for row in &probable_dups {
        write_row(&mut dups, &dup_path, row)?;
    }
    dups.flush().map_err(io(&dup_path))?;

    let mut excluded_by: Vec<Count> = excluded_by
        .into_iter()
        .map(|(key, (label, n))| Count { key, label, n })
        .collect();
    excluded_by.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.key.cmp(&b.key)));
    let mut missing: Vec<Count> = missing
        .into_iter()
        .map(|(k, n)| Count {
            key: k.to_string(),
            label: k.to_string(),
            n,
        })
        .collect();
    missing.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.key.cmp(&b.key)));
    let files: Vec<AuditFile> = summaries
        .iter()
        .map(|s| AuditFile {
            file: s.file.clone(),
            rows_read: s.read,
            created: s.created,
            duplicates: s.merged + s.unchanged,
            skipped: s.skipped.len() as u64,
            skipped_rows: s
                .skipped
                .iter()
                .map(|k| format!("line {}: {}", k.line, k.reason))
                .collect(),
        })
        .collect();
    let report = AuditReport {
        report_version: crate::report::REPORT_VERSION,
        kind: "audit",
        generated_at: ctx.now,
        rules_version: ctx.rules.version(),
        rows_read: files.iter().map(|f| f.rows_read).sum(),
        skipped: files.iter().map(|f| f.skipped).sum(),
        files,
        failed,
        unique_leads: unique,
        duplicates: n_dups,
        probable_same_person: probable,
        probable_duplicates: probable_dups.len() as u64,
        suggested,
        clean: n_clean,
        excluded: n_excluded,
        excluded_by,
        missing,
    };
    for (name, body) in [
        ("report.md", crate::report::audit::markdown(&report)),
        ("report.html", crate::report::audit::html(&report)),
        (
            "report.json",
            crate::safe_json::to_string_pretty(&report).unwrap_or_default() + "\n",
        ),
    ] {
        let p = dir.join(name);
        private_file(&p)?
            .write_all(body.as_bytes())
            .map_err(io(&p))?;
    }
    Ok(Audited {
        report,
        summaries,
        db,
    })
}
