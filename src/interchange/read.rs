//! Bytes to rows of text: encoding, delimiter and header sniffing, then a streaming reader that
//! reports the line a person sees in an editor for every row.
//!
//! Memory does not grow with the file: the first [`SNIFF_BYTES`] are read to sniff, then chained
//! back in front of the rest of the stream; the header search holds at most
//! [`HEADER_SEARCH_RECORDS`] records.
//!
//! Line numbers are computed here, not taken from `csv::Position::line()` (wrong on CRLF files
//! and after blank lines, rust-csv #395 and #208): [`LineTracker`] records where line breaks are
//! in the decoded stream, and each record's start byte is mapped to the line it starts on.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Chain, Cursor, Read};

use csv::ByteRecord;
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use super::mapping::auto_target;
use super::{RawRow, RowProblem};

#[path = "read_sniff.rs"]
mod sniff;
use sniff::{is_utf8, looks_like, mostly_control_bytes, nul_description, sniff_delimiter};

/// How much of the start of a file is read to sniff it.
pub const SNIFF_BYTES: usize = 64 * 1024;
/// How many records the header may be preceded by, at most, minus one.
pub const HEADER_SEARCH_RECORDS: usize = 20;

/// Why a file cannot be read as CSV at all.
#[derive(Debug)]
pub enum FileError {
    /// No bytes, or only a BOM, spaces and blank lines.
    Empty,
    /// A header line and nothing after it.
    HeaderOnly,
    /// Not text: what it looks like ("a PNG image").
    NotText(String),
    Io(io::Error),
    /// Text, but none of the first records has a non-empty field to use as the header.
    NoHeader,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => write!(f, "the file is empty"),
            Self::HeaderOnly => write!(f, "the file has a header but no rows"),
            Self::NotText(what) if what.contains("Excel") || what.contains("UTF-") => write!(
                f,
                "the file looks like {what}, not CSV: save it as CSV (UTF-8) and import that"
            ),
            Self::NotText(what) => write!(f, "the file looks like {what}, not CSV"),
            Self::Io(e) => write!(f, "the file could not be read: {e}"),
            Self::NoHeader => write!(
                f,
                "no header line found: the first {HEADER_SEARCH_RECORDS} lines have no column names"
            ),
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<io::Error> for FileError {
    fn from(e: io::Error) -> Self {
        Self::Io(e)
    }
}

/// The sniff buffer, re-chained in front of the rest of the stream.
type Rechained<R> = Chain<Cursor<Vec<u8>>, R>;

/// The stream as UTF-8-or-Windows-1252 bytes: passed through, or transcoded from UTF-16.
enum Source<R: Read> {
    Plain(Rechained<R>),
    Utf16(DecodeReaderBytes<Rechained<R>, Vec<u8>>),
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Self::Plain(r) => r.read(buf),
            Self::Utf16(r) => r.read(buf),
        }
    }
}

/// Passes bytes through and remembers where the line breaks are (`\n`, `\r\n` once, a lone
/// `\r`), until the records before them have been numbered.
struct LineTracker<R> {
    inner: R,
    /// Bytes passed through so far.
    pos: u64,
    /// Breaks not yet counted, as (first byte, one past the last byte).
    breaks: VecDeque<(u64, u64)>,
    /// The last byte seen was `\r`: a `\n` next belongs to the same break.
    pending_cr: bool,
    /// Breaks before the last numbered record.
    counted: u64,
}

impl<R> LineTracker<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            pos: 0,
            breaks: VecDeque::new(),
            pending_cr: false,
            counted: 0,
        }
    }

    /// The 1-based line a record starting at byte `start` starts on. Starts must not decrease.
    ///
    /// The csv crate may report a start before the line breaks it skipped (the `\n` of a
    /// `\r\n`, blank lines): a start on a break moves past it.
    fn line_at(&mut self, start: u64) -> u64 {
        let mut start = start;
        while let Some(&(first, end)) = self.breaks.front() {
            if first > start {
                break;
            }
            self.breaks.pop_front();
            self.counted += 1;
            start = start.max(end);
        }
        self.counted + 1
    }

    /// The line the reading has reached (for an error part-way through).
    fn line_reached(&self) -> u64 {
        self.counted + self.breaks.len() as u64 + 1
    }
}

impl<R: Read> Read for LineTracker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let Some(read) = buf.get(..n) else {
            return Err(io::Error::other("a reader returned more bytes than asked"));
        };
        for (i, &b) in read.iter().enumerate() {
            let at = self.pos + i as u64;
            if self.pending_cr {
                self.pending_cr = false;
                if b == b'\n' {
                    if let Some(last) = self.breaks.back_mut()
                        && last.1 == at
                    {
                        last.1 = at + 1;
                    }
                    continue;
                }
            }
            if b == b'\n' || b == b'\r' {
                self.breaks.push_back((at, at + 1));
                self.pending_cr = b == b'\r';
            }
        }
        self.pos += n as u64;
        Ok(n)
    }
}

/// An opened, sniffed CSV file: its header is known; iterating yields the rows after it.
pub struct CsvFile<R: Read> {
    reader: csv::Reader<LineTracker<Source<R>>>,
    record: ByteRecord,
    headers: Vec<String>,
    header_line: u64,
    delimiter: u8,
    encoding: &'static str,
    /// Records read while looking for the header, after it, or sampled.
    pending: VecDeque<(u64, Vec<String>)>,
    /// A read error met while sampling, reported when the rows before it have been.
    failed: Option<RowProblem>,
    done: bool,
}

impl<R: Read> fmt::Debug for CsvFile<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CsvFile")
            .field("headers", &self.headers)
            .field("header_line", &self.header_line)
            .field("delimiter", &char::from(self.delimiter))
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}

impl<R: Read> CsvFile<R> {
    /// Sniffs encoding, delimiter and the header line; returns the opened file.
    ///
    /// # Errors
    /// `Empty`, `HeaderOnly` (a header and no record after it), `NotText` (binary: a known
    /// magic number or NUL bytes), `NoHeader`, or `Io`.
    pub fn open(mut reader: R) -> Result<Self, FileError> {
        let mut sniff = Vec::with_capacity(SNIFF_BYTES);
        (&mut reader)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut sniff)?;
        let truncated = sniff.len() >= SNIFF_BYTES;
        if let Some(what) = looks_like(&sniff) {
            return Err(FileError::NotText(what.to_string()));
        }
        let (encoding, text, skip) = if sniff.starts_with(&[0xFF, 0xFE]) {
            let text = UTF_16LE.decode_without_bom_handling(sniff.get(2..).unwrap_or_default());
            ("UTF-16LE", text.0.into_owned().into_bytes(), 0)
        } else if sniff.starts_with(&[0xFE, 0xFF]) {
            let text = UTF_16BE.decode_without_bom_handling(sniff.get(2..).unwrap_or_default());
            ("UTF-16BE", text.0.into_owned().into_bytes(), 0)
        } else {
            if mostly_control_bytes(&sniff) {
                return Err(FileError::NotText(nul_description(&sniff).to_string()));
            }
            let skip = if sniff.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            };
            let text = sniff.get(skip..).unwrap_or_default().to_vec();
            let name = if skip == 3 || is_utf8(&text, truncated) {
                "UTF-8"
            } else {
                "windows-1252"
            };
            (name, text, skip)
        };
        let delimiter = sniff_delimiter(&text, truncated);
        drop(text);
        let utf16 = encoding.starts_with("UTF-16");
        let mut cursor = Cursor::new(sniff);
        cursor.set_position(skip as u64);
        let chained = cursor.chain(reader);
        let source = if utf16 {
            Source::Utf16(
                DecodeReaderBytesBuilder::new()
                    .bom_sniffing(true)
                    .strip_bom(true)
                    .build(chained),
            )
        } else {
            Source::Plain(chained)
        };
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(LineTracker::new(source));
        let mut file = Self {
            reader,
            record: ByteRecord::new(),
            headers: Vec::new(),
            header_line: 1,
            delimiter,
            encoding,
            pending: VecDeque::new(),
            failed: None,
            done: false,
        };
        file.find_header()?;
        Ok(file)
    }

    /// Reads up to [`HEADER_SEARCH_RECORDS`] records and takes the header from them: the first
    /// whose fields name at least 2 known fields, else the first of the widest.
    fn find_header(&mut self) -> Result<(), FileError> {
        let mut seen: Vec<(u64, Vec<String>)> = Vec::new();
        while seen.len() < HEADER_SEARCH_RECORDS {
            match self.read_record()? {
                Some(record) => seen.push(record),
                None => {
                    self.done = true;
                    break;
                }
            }
        }
        let known = |fields: &[String]| {
            let mut targets: Vec<_> = fields.iter().filter_map(|f| auto_target(f)).collect();
            targets.sort();
            targets.dedup();
            targets.len()
        };
        let chosen = seen.iter().position(|(_, f)| known(f) >= 2).or_else(|| {
            let widest = seen.iter().map(|(_, f)| width(f)).max().unwrap_or(0);
            seen.iter()
                .position(|(_, f)| widest > 0 && width(f) == widest)
        });
        let Some(chosen) = chosen else {
            return Err(if self.done {
                FileError::Empty
            } else {
                FileError::NoHeader
            });
        };
        let mut rest = seen.into_iter().skip(chosen);
        let Some((line, fields)) = rest.next() else {
            return Err(FileError::NoHeader);
        };
        self.header_line = line;
        self.headers = fields.iter().map(|f| clean_header(f).to_string()).collect();
        self.pending = rest.collect();
        if self.pending.is_empty() && !self.done {
            match self.read_record()? {
                Some(record) => self.pending.push_back(record),
                None => self.done = true,
            }
        }
        if self.pending.is_empty() {
            return Err(FileError::HeaderOnly);
        }
        Ok(())
    }

    /// The next record: the line it starts on and its fields as text.
    fn read_record(&mut self) -> io::Result<Option<(u64, Vec<String>)>> {
        if !self.reader.read_byte_record(&mut self.record)? {
            return Ok(None);
        }
        let start = self.record.position().map_or(0, csv::Position::byte);
        let line = self.reader.get_mut().line_at(start);
        let fields = self.record.iter().map(decode_field).collect();
        Ok(Some((line, fields)))
    }

    /// Up to `n` rows after the header, read ahead (and still to come from the iterator), for
    /// judging columns by their values. Memory: at most `n` rows more.
    pub fn sample(&mut self, n: usize) -> Vec<Vec<String>> {
        while self.pending.len() < n && !self.done && self.failed.is_none() {
            match self.read_record() {
                Ok(Some(record)) => self.pending.push_back(record),
                Ok(None) => self.done = true,
                Err(e) => {
                    self.failed = Some(self.read_failure(&e));
                }
            }
        }
        self.pending
            .iter()
            .filter(|(_, fields)| fields.len() == self.headers.len())
            .take(n)
            .map(|(_, fields)| fields.iter().map(|f| without_controls(f).0).collect())
            .collect()
    }

    fn read_failure(&self, e: &io::Error) -> RowProblem {
        RowProblem {
            line: self.reader.get_ref().line_reached(),
            reason: format!("the rest of the file could not be read: {e}"),
        }
    }

    /// A record after the header as a row, or what is wrong with it.
    fn to_row(&self, line: u64, mut fields: Vec<String>) -> Result<RawRow, RowProblem> {
        let expected = self.headers.len();
        if fields.iter().all(|f| is_blank(f)) {
            return Err(RowProblem {
                line,
                reason: "an empty line".to_string(),
            });
        }
        if let Some(reason) = self.a_header_again(&fields) {
            return Err(RowProblem { line, reason });
        }
        if fields.len() > expected && fields.iter().skip(expected).all(|f| is_blank(f)) {
            fields.truncate(expected);
        }
        if fields.len() != expected {
            let n = fields.len();
            let noun = if n == 1 { "field" } else { "fields" };
            return Err(RowProblem {
                line,
                reason: format!("{n} {noun} where the header has {expected}"),
            });
        }
        let mut repaired = Vec::new();
        for (field, header) in fields.iter_mut().zip(&self.headers) {
            let (clean, removed) = without_controls(field);
            if !removed.is_empty() {
                repaired.push(format!("removed {} from '{header}'", removed.join(", ")));
                *field = clean;
            }
        }
        Ok(RawRow {
            line,
            fields,
            repaired,
        })
    }

    /// Why a record is a header line rather than a lead: this file's header again (two exports
    /// pasted together), or the header of another export (most of its fields are column
    /// names leadgate knows, and it holds no address and no digit).
    fn a_header_again(&self, fields: &[String]) -> Option<String> {
        let same = fields.len() >= self.headers.len()
            && fields
                .iter()
                .zip(&self.headers)
                .all(|(f, h)| clean_header(f).eq_ignore_ascii_case(h))
            && fields.iter().skip(self.headers.len()).all(|f| is_blank(f));
        if same {
            return Some(
                "the header line again (two exports pasted into one file?): not a lead".into(),
            );
        }
        let filled: Vec<&String> = fields.iter().filter(|f| !is_blank(f)).collect();
        if filled.len() < 3
            || filled
                .iter()
                .any(|f| f.contains('@') || f.chars().any(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let known = filled.iter().filter(|f| auto_target(f).is_some()).count();
        (known >= 3 && known * 4 >= filled.len() * 3)
            .then(|| "a header line of another export: not a lead".to_string())
    }

    /// The header's fields: trimmed, BOM removed.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The 1-based line of the header (4 for LinkedIn's Connections.csv).
    pub fn header_line(&self) -> u64 {
        self.header_line
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// "UTF-8", "UTF-16LE", "UTF-16BE" or "windows-1252" (invalid UTF-8 seen in the first
    /// [`SNIFF_BYTES`]; fields are decoded one by one, so later invalid bytes are decoded as
    /// Windows-1252 too without changing this name).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }

    /// Lines before the header that were skipped (preamble and blank lines).
    pub fn preamble_lines(&self) -> u64 {
        self.header_line.saturating_sub(1)
    }
}

impl<R: Read> Iterator for CsvFile<R> {
    type Item = Result<RawRow, RowProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some((line, fields)) = self.pending.pop_front() {
            return Some(self.to_row(line, fields));
        }
        if let Some(failed) = self.failed.take() {
            self.done = true;
            return Some(Err(failed));
        }
        if self.done {
            return None;
        }
        match self.read_record() {
            Ok(Some((line, fields))) => Some(self.to_row(line, fields)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(self.read_failure(&e)))
            }
        }
    }
}

/// A field as text: UTF-8 if it is valid UTF-8, else Windows-1252.
fn decode_field(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

fn clean_header(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' || c.is_control()
    })
}

/// A field without control characters (NUL, bell, escape, ...; tabs and line breaks stay), and
/// what was removed, in words ("a NUL byte", "2 control characters (U+0007)").
fn without_controls(field: &str) -> (String, Vec<String>) {
    let stray = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !field.chars().any(stray) {
        return (field.to_string(), Vec::new());
    }
    // A terminal escape sequence ("\x1b[31m") goes whole, not just its escape byte.
    let mut kept = String::with_capacity(field.len());
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for next in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&next) {
                    break;
                }
            }
            kept.push('\u{1b}');
            continue;
        }
        kept.push(c);
    }
    let mut removed: Vec<String> = Vec::new();
    for c in kept.chars().filter(|&c| stray(c)) {
        let name = if c == '\0' {
            "a NUL byte".to_string()
        } else {
            format!("a control character (U+{:04X})", u32::from(c))
        };
        if !removed.contains(&name) {
            removed.push(name);
        }
    }
    (kept.chars().filter(|&c| !stray(c)).collect(), removed)
}

/// Fields up to the last non-blank one.
fn width(fields: &[String]) -> usize {
    fields
        .iter()
        .rposition(|f| !is_blank(f))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "read_stream_tests.rs"]
mod stream_tests;
