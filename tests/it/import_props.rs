//! Random files fed to the importer: random bytes, and CSV files of random shape (ragged
//! rows, quotes, separators, encodings, control characters). It never panics, never stores
//! part of a row, and accounts for every record it read.

use leadgate::import::{ImportOptions, import_file};
use leadgate::store::{Ctx, Store};
use proptest::prelude::*;

use crate::tui_support::now;

/// Imports `bytes` as a file into a fresh database; the summary or the error's text, and the
/// leads stored as (name, email, company).
fn import(
    bytes: &[u8],
) -> (
    Result<leadgate::import::FileSummary, String>,
    Vec<[String; 3]>,
) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("list.csv");
    std::fs::write(&path, bytes).expect("write");
    let mut store = Store::open(&dir.path().join("leads.db")).expect("open");
    let result = import_file(
        &mut store,
        &path,
        &ImportOptions::default(),
        &Ctx::new("prop", now()),
        false,
    )
    .map_err(|e| e.to_string());
    drop(store);
    let conn = rusqlite::Connection::open(dir.path().join("leads.db")).expect("open");
    let mut stmt = conn
        .prepare("SELECT name, coalesce(email, ''), coalesce(company, '') FROM leads")
        .expect("prepare");
    let leads = stmt
        .query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?]))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    (result, leads)
}

fn accounted(s: &leadgate::import::FileSummary) {
    let skipped = u64::try_from(s.skipped.len()).expect("small");
    assert_eq!(
        s.created + s.merged + s.unchanged + skipped,
        s.read,
        "created {} + merged {} + unchanged {} + skipped {skipped} = read {}",
        s.created,
        s.merged,
        s.unchanged,
        s.read
    );
}

/// One cell: the row's number in a shape that survives normalizing, with noise around it.
fn cell(kind: &'static str, row: usize, noise: &str) -> String {
    match kind {
        "email" => format!("r{row}@row{row}.example"),
        _ => format!("{kind}{row}{noise}"),
    }
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        Just(" \"quoted\" part".to_string()),
        Just(", with a comma".to_string()),
        Just("\nsecond line".to_string()),
        Just(" \u{1b}[31mred\u{7}".to_string()),
        Just(" caf\u{e9} \u{202e}txt".to_string()),
        Just(" =SUM(A1)".to_string()),
    ]
}

#[derive(Debug, Clone)]
struct Shape {
    delimiter: u8,
    crlf: bool,
    /// For each row: its noise, and how many cells it drops or adds (ragged rows).
    rows: Vec<(String, i8)>,
    utf16: bool,
    bom: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
        any::<bool>(),
        prop::collection::vec((noise(), -2i8..=2), 1..25),
        prop::bool::weighted(0.15),
        any::<bool>(),
    )
        .prop_map(|(delimiter, crlf, rows, utf16, bom)| Shape {
            delimiter,
            crlf,
            rows,
            utf16,
            bom,
        })
}

fn write(shape: &Shape) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(shape.delimiter)
        .flexible(true)
        .terminator(if shape.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(["Name", "Email", "Company", "Notes"])
        .expect("header");
    for (i, (noise, ragged)) in shape.rows.iter().enumerate() {
        let mut cells = vec![
            cell("Name", i, noise),
            cell("email", i, noise),
            cell("Company", i, noise),
            cell("Note", i, noise),
        ];
        match ragged {
            n if *n < 0 => cells.truncate(cells.len() - n.unsigned_abs() as usize),
            n => cells.extend((0..*n).map(|k| format!("extra{i}-{k}"))),
        }
        w.write_record(&cells).expect("row");
    }
    let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
    let mut bytes = Vec::new();
    if shape.utf16 {
        bytes.extend([0xFF, 0xFE]);
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
    } else {
        if shape.bom {
            bytes.extend([0xEF, 0xBB, 0xBF]);
        }
        bytes.extend(text.as_bytes());
    }
    bytes
}

/// The row number a stored value came from.
fn row_of(value: &str, prefix: &str) -> Option<usize> {
    let digits: String = value
        .strip_prefix(prefix)?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_every_record_is_accounted_for(
        bytes in prop::collection::vec(any::<u8>(), 0..600)
    ) {
        let (result, leads) = import(&bytes);
        match result {
            Ok(s) => {
                accounted(&s);
                prop_assert_eq!(u64::try_from(leads.len()).expect("small"), s.created);
            }
            Err(e) => {
                prop_assert!(!e.is_empty());
                prop_assert!(leads.is_empty(), "a refused file wrote {} leads", leads.len());
            }
        }
    }

    #[test]
    fn csv_files_of_any_shape_store_whole_rows_and_account_for_all(shape in shape()) {
        let (result, leads) = import(&write(&shape));
        let s = result.map_err(TestCaseError::fail)?;
        accounted(&s);
        prop_assert_eq!(s.read, u64::try_from(shape.rows.len()).expect("small"));
        for [name, email, company] in &leads {
            // Every value of a lead is from one row of the file, never two, never cut.
            let row = row_of(name, "Name");
            prop_assert!(row.is_some(), "name {:?}", name);
            let row = row.unwrap_or_default();
            prop_assert_eq!(email, &format!("r{row}@row{row}.example"));
            if !company.is_empty() {
                prop_assert_eq!(row_of(company, "Company"), Some(row));
            }
            let (noise, ragged) = &shape.rows[row];
            // (Escape sequences are the hostile-text test's: only the row is checked here.)
            if *ragged >= 0 && !noise.contains('\u{1b}') {
                // A whole row keeps the text as written, control characters and all (a
                // one-line field has its runs of white space made one space).
                let one_line = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
                let expected = cell("Company", row, noise);
                prop_assert_eq!(one_line(company), one_line(&expected));
            }
        }
    }
}
