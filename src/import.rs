//! Importing files: reading them with `interchange`, storing them with `store`, and the
//! summary both the command line and the workstation show.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::Path;
use thiserror::Error;

use crate::domain::Incoming;
use crate::interchange::Target;
use crate::interchange::mapping::{MapError, MappedColumn, Mapping, map_file};
use crate::interchange::normalize::to_incoming;
use crate::interchange::read::{CsvFile, FileError};
use crate::store::{Ctx, Prepared, RowOutcome, Store, StoreError};

/// Read rows travel to the store in bundles of this many: one hand-over (and one wake-up of
/// the other thread) per bundle instead of per row.
const ROWS_A_BUNDLE: usize = 256;

/// How many bundles may wait for the store at once: memory stays flat however long the file.
const BUNDLES_IN_FLIGHT: usize = 4;

/// About how many bytes a row of a lead export takes, to guess a file's rows from its size.
const ROW_BYTES_GUESS: u64 = 250;

/// How many first rows judge a column whose header matches no synonym.
const SAMPLE_ROWS: usize = 200;

/// How to read the files.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The source of rows whose file has no source column.
    pub source: Option<String>,
    /// `--map "Header=field"` overrides, parsed.
    pub maps: Vec<(String, Option<Target>)>,
    /// List every row that matched a lead already there (an audit hands them back).
    pub keep_duplicates: bool,
}

/// A row that matched a lead already in the database: merged into it, or saying nothing new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub line: u64,
    pub lead_id: String,
    /// `merged` (it filled or differed) or `identical` (the lead already said it all).
    pub outcome: &'static str,
    /// What matched: "email", "record id", "LinkedIn profile", or the same row imported before.
    pub matched_by: &'static str,
}

/// A row that was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skip {
    pub line: u64,
    pub reason: String,
}

/// What one file's import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    pub file: String,
    pub batch: String,
    pub read: u64,
    pub created: u64,
    pub merged: u64,
    /// Rows that matched a lead already saying everything they say.
    pub unchanged: u64,
    pub skipped: Vec<Skip>,
    /// Rows imported after something was removed from them (a stray NUL byte), with what.
    pub repaired: Vec<Skip>,
    /// New leads by flag raised.
    pub flagged: BTreeMap<String, u64>,
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u64,
    /// Each column, the field it filled and why.
    pub mapping: Vec<MappedColumn>,
    /// With `ImportOptions::keep_duplicates`: the rows that matched an existing lead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<Duplicate>,
}

/// A file that could not be imported at all. Nothing of it was written.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{file}: {source}")]
    Open {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: {source}; nothing was imported")]
    File { file: String, source: FileError },
    #[error("{file}: {source}; nothing was imported")]
    Map { file: String, source: MapError },
    #[error("{file}: {source}; nothing was imported")]
    Store { file: String, source: StoreError },
}

impl ImportError {
    /// The error with a store failure said of the database file `db` when it is about the
    /// file (a full disk, a file that cannot be written).
    #[must_use]
    pub fn about_database(self, db: &Path) -> ImportError {
        match self {
            ImportError::Store { file, source } => ImportError::Store {
                file,
                source: source.about_file(db),
            },
            other => other,
        }
    }
}

fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        b';' => "semicolon".into(),
        b',' => "comma".into(),
        other => char::from(other).to_string(),
    }
}

/// An opened, mapped file.
struct Opened<R: std::io::Read> {
    csv: CsvFile<R>,
    mapping: Mapping,
}

fn open<R: std::io::Read>(
    file: &str,
    reader: R,
    options: &ImportOptions,
) -> Result<Opened<R>, ImportError> {
    let mut csv = CsvFile::open(reader).map_err(|source| ImportError::File {
        file: file.into(),
        source,
    })?;
    let samples = csv.sample(SAMPLE_ROWS);
    let mapping =
        map_file(csv.headers(), &samples, &options.maps).map_err(|source| ImportError::Map {
            file: file.into(),
            source,
        })?;
    Ok(Opened { csv, mapping })
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A progress bar on a terminal for a file of `len` bytes; hidden when stderr is not one.
#[must_use]
pub fn progress_bar(len: u64, name: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(name.to_string());
    bar
}

/// A progress bar on a terminal for `len` items of work; hidden when stderr is not one.
#[must_use]
pub fn count_bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {eta}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(what.to_string());
    bar
}

/// Imports one file in one transaction: all of it, or (on an error) none of it.
///
/// # Errors
/// `ImportError` for a file that cannot be read, mapped or stored; nothing is written then.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    ctx: &Ctx,
    show_progress: bool,
) -> Result<FileSummary, ImportError> {
    let name = display_name(path);
    let file = File::open(path).map_err(|source| ImportError::Open {
        file: path.display().to_string(),
        source,
    })?;
    let len = file.metadata().map_or(0, |m| m.len());
    let bar = if show_progress {
        progress_bar(len, &crate::safe_text::one_line(&name))
    } else {
        ProgressBar::hidden()
    };
    let opened = open(
        &name,
        BufReader::with_capacity(256 * 1024, bar.wrap_read(file)),
        options,
    )?;
    let store_err = |source| ImportError::Store {
        file: name.clone(),
        source,
    };
    let (encoding, delimiter, header_line) = (
        opened.csv.encoding().to_string(),
        delimiter_name(opened.csv.delimiter()),
        opened.csv.header_line(),
    );
    let mut importer = store
        .begin_import(&name, options.source.as_deref(), len / ROW_BYTES_GUESS, ctx)
        .map_err(store_err)?;
    let mut skipped = Vec::new();
    let mut repaired = Vec::new();
    let mut duplicates = options.keep_duplicates.then(Vec::new);
    let mapping = opened.mapping;
    let (csv, source) = (opened.csv, options.source.as_deref());
    // Reading and normalizing run on a second thread while this one stores: each is about
    // half of an import's work. The channel is bounded, so memory stays flat.
    let stored = std::thread::scope(|scope| -> Result<(), ImportError> {
        let (send, bundles) = std::sync::mpsc::sync_channel(BUNDLES_IN_FLIGHT);
        let mapping = &mapping;
        // Rows arrive with the lead they would create already built.
        let preparer = importer.preparer();
        scope.spawn(move || {
            let mut bundle = Vec::with_capacity(ROWS_A_BUNDLE);
            for row in csv {
                let (fixes, outcome) = match row {
                    Ok(mut raw) => {
                        let fixes = std::mem::take(&mut raw.repaired);
                        (fixes, to_incoming(&raw, mapping, source))
                    }
                    Err(problem) => (Vec::new(), Err(problem)),
                };
                bundle.push((fixes, outcome.map(|incoming| preparer.prepare(incoming))));
                if bundle.len() == ROWS_A_BUNDLE {
                    let full = std::mem::replace(&mut bundle, Vec::with_capacity(ROWS_A_BUNDLE));
                    // The receiver stops early only on a store error, which ends the import.
                    if send.send(full).is_err() {
                        return;
                    }
                }
            }
            let _ = send.send(bundle);
        });
        for (fixes, outcome) in bundles.into_iter().flatten() {
            let line = match &outcome {
                Ok(prepared) => prepared.row.line,
                Err(problem) => problem.line,
            };
            let stored = store_row(&mut importer, outcome, &mut skipped, duplicates.as_mut())
                .map_err(store_err)?;
            if stored {
                repaired.extend(fixes.into_iter().map(|reason| Skip { line, reason }));
            }
        }
        Ok(())
    });
    stored?;
    let flagged: BTreeMap<String, u64> = importer
        .flagged
        .iter()
        .map(|(flag, n)| (flag.as_str().to_string(), *n))
        .collect();
    let (read, created, merged, unchanged) = (
        importer.read,
        importer.created,
        importer.merged,
        importer.unchanged,
    );
    let described = mapping.describe();
    let summary = serde_json::json!({
        "encoding": encoding, "delimiter": delimiter, "header_line": header_line,
        "unchanged": unchanged, "flagged": flagged, "mapping": described, "repaired": repaired,
    });
    // Every row is read; what remains (search and queue indexes, the commit) can take a while
    // on a large file, and the full bar should not look stuck.
    bar.set_message(format!(
        "{}: indexing and saving",
        crate::safe_text::one_line(&name)
    ));
    let batch = importer.finish(&summary).map_err(store_err)?;
    bar.finish_and_clear();
    Ok(FileSummary {
        file: name,
        batch,
        read,
        created,
        merged,
        unchanged,
        skipped,
        repaired,
        flagged,
        encoding,
        delimiter,
        header_line,
        mapping: described,
        duplicates: duplicates.unwrap_or_default(),
    })
}

/// Stores one read row, or records why it was skipped; returns whether it was stored. A row
/// the rules refuse is skipped and reported; the rest still imports.
fn store_row(
    importer: &mut crate::store::Importer<'_>,
    outcome: Result<Prepared, crate::interchange::RowProblem>,
    skipped: &mut Vec<Skip>,
    duplicates: Option<&mut Vec<Duplicate>>,
) -> Result<bool, StoreError> {
    let (line, reason) = match outcome {
        Ok(prepared) => {
            let line = prepared.row.line;
            match importer.add_prepared(prepared) {
                Ok(done) => {
                    if let Some(list) = duplicates {
                        let found = match done {
                            RowOutcome::Created(_) => None,
                            RowOutcome::Merged(id) => Some((id, "merged")),
                            RowOutcome::Unchanged(id) => Some((id, "identical")),
                        };
                        if let Some((lead_id, outcome)) = found {
                            list.push(Duplicate {
                                line,
                                lead_id,
                                outcome,
                                matched_by: importer.matched_by().unwrap_or(""),
                            });
                        }
                    }
                    return Ok(true);
                }
                Err(StoreError::Edit(refusal)) => (line, refusal.to_string()),
                Err(e) => return Err(e),
            }
        }
        Err(problem) => (problem.line, problem.reason),
    };
    importer.skip(line, &reason)?;
    skipped.push(Skip { line, reason });
    Ok(false)
}

/// What an import would do, without writing anything.
#[derive(Debug, Clone, Serialize)]
pub struct DryRun {
    pub file: String,
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u64,
    /// Each column, the field it fills ("attribute" when none) and why.
    pub mapping: Vec<MappedColumn>,
    /// The first rows as they would be stored.
    #[serde(skip)]
    pub rows: Vec<Incoming>,
    pub skipped: Vec<Skip>,
    /// Rows that would import after something is removed from them, with what.
    pub repaired: Vec<Skip>,
}

/// Reads the first `limit` rows of a file as they would be stored. Writes nothing.
///
/// # Errors
/// `ImportError` for a file that cannot be read or mapped.
pub fn dry_run(path: &Path, options: &ImportOptions, limit: usize) -> Result<DryRun, ImportError> {
    let name = display_name(path);
    let file = File::open(path).map_err(|source| ImportError::Open {
        file: path.display().to_string(),
        source,
    })?;
    let opened = open(&name, BufReader::new(file), options)?;
    let mut run = DryRun {
        file: name,
        encoding: opened.csv.encoding().to_string(),
        delimiter: delimiter_name(opened.csv.delimiter()),
        header_line: opened.csv.header_line(),
        mapping: opened.mapping.describe(),
        rows: Vec::new(),
        skipped: Vec::new(),
        repaired: Vec::new(),
    };
    let mapping = opened.mapping;
    for row in opened.csv {
        if run.rows.len() >= limit {
            break;
        }
        if let Ok(raw) = &row {
            run.repaired.extend(raw.repaired.iter().map(|reason| Skip {
                line: raw.line,
                reason: reason.clone(),
            }));
        }
        match row.and_then(|raw| to_incoming(&raw, &mapping, options.source.as_deref())) {
            Ok(incoming) => run.rows.push(incoming),
            Err(p) => run.skipped.push(Skip {
                line: p.line,
                reason: p.reason,
            }),
        }
    }
    Ok(run)
}
