//! A file's bytes through what `leadgate import` does with them before the database: sniffing
//! and reading (`CsvFile`), mapping the columns by header and sample values (`map_file`), and
//! every row to a lead (`to_incoming`) with the flags and suggestions it would raise. Then the
//! same headers again with `--map` overrides naming each of them, as a person copies them from
//! `--dry-run`.

#![no_main]

use std::collections::BTreeMap;
use std::sync::LazyLock;

use leadgate::domain::Rules;
use leadgate::domain::flags::detect;
use leadgate::domain::icp::{suggest_fit, suggest_role};
use leadgate::interchange::RawRow;
use leadgate::interchange::mapping::{FIELD_NAMES, map_file, parse_override};
use leadgate::interchange::normalize::to_incoming;
use leadgate::interchange::read::CsvFile;
use libfuzzer_sys::fuzz_target;

/// As `leadgate import` samples them.
const SAMPLE_ROWS: usize = 200;

/// `--map` arguments tried at most on one file.
const MAX_OVERRIDES: usize = 64;

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    leadgate::config::parse_rules(leadgate::config::DEFAULT_RULES_FILE)
        .expect("the shipped rules parse")
});

fuzz_target!(|data: &[u8]| {
    let Ok(mut csv) = CsvFile::open(data) else {
        return;
    };
    let header_line = csv.header_line();
    let headers = csv.headers().to_vec();
    let samples = csv.sample(SAMPLE_ROWS);
    let Ok(mapping) = map_file(&headers, &samples, &[]) else {
        // No overrides: nothing to refuse.
        panic!("a file without --map must always map");
    };
    let _ = mapping.describe();
    let rules = &*RULES;
    let mut last_line = header_line;
    for row in csv {
        let line = match &row {
            Ok(raw) => raw.line,
            Err(problem) => problem.line,
        };
        assert!(
            line >= last_line,
            "line numbers go back: {line} after {last_line}"
        );
        last_line = line;
        let Ok(raw) = row else { continue };
        assert!(
            raw.line > header_line,
            "a row on or before its header's line"
        );
        if let Ok(incoming) = to_incoming(&raw, &mapping, Some("fuzz")) {
            let _ = detect(
                &incoming.contact,
                &incoming.attributes,
                incoming.invalid_email.as_deref(),
                &rules.flags,
            );
            let _ = suggest_fit(&incoming.contact, &rules.icp);
            let _ = suggest_role(&incoming.contact, &rules.roles);
        }
    }

    // Every column the dry run named can be mapped with --map "Header=field" (as many as a
    // person would pass).
    let overrides: Vec<(String, Option<leadgate::interchange::Target>)> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.trim().is_empty())
        .take(MAX_OVERRIDES)
        .map(|(i, h)| {
            let field = if i % 5 == 4 {
                "-"
            } else {
                FIELD_NAMES[(i + h.len()) % FIELD_NAMES.len()]
            };
            let arg = format!("{h}={field}");
            parse_override(&arg).unwrap_or_else(|e| panic!("--map {arg:?} refused: {e}"))
        })
        .collect();
    let mapping = map_file(&headers, &samples, &overrides)
        .unwrap_or_else(|e| panic!("the file's own headers refused as --map: {e}"));
    let _ = mapping.describe();
    for (i, fields) in samples.into_iter().enumerate() {
        let raw = RawRow {
            line: header_line + 1 + i as u64,
            fields,
            repaired: Vec::new(),
        };
        if let Ok(incoming) = to_incoming(&raw, &mapping, None) {
            let _ = detect(&incoming.contact, &BTreeMap::new(), None, &rules.flags);
        }
    }
});
