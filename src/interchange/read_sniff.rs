//! Sniffing the start of a file: binary signatures, NUL bytes, UTF-8 validity, the delimiter.

/// Valid UTF-8, allowing a character cut off at the end of a truncated buffer.
pub(super) fn is_utf8(bytes: &[u8], truncated: bool) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => truncated && e.error_len().is_none(),
    }
}

/// What a file looks like, when its first bytes are a known binary signature.
pub(super) fn looks_like(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "an Excel workbook (.xlsx) or another zipped file (.zip, .docx, .ods)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "an old Excel workbook (.xls) or another Office document",
        ),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"\x1F\x8B", "a gzip-compressed file"),
        (b"\xFF\xFE\x00\x00", "UTF-32 text"),
        (b"\x00\x00\xFE\xFF", "UTF-32 text"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| *what)
}

/// Whether control bytes (NUL and the like; not tabs, line breaks or form feeds) are a large
/// share of the first block: then the file is not text. A stray one inside a field is removed
/// from that field, and reported, instead.
pub(super) fn mostly_control_bytes(bytes: &[u8]) -> bool {
    let block = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let control = block
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    !block.is_empty() && control * 10 > block.len()
}

/// What a file with many control bytes (and no UTF-16 BOM) looks like.
pub(super) fn nul_description(bytes: &[u8]) -> &'static str {
    let sample = bytes.get(..bytes.len().min(4096)).unwrap_or_default();
    let pairs = sample.len() / 2;
    let nul_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    if pairs >= 2 && (nul_at(0) * 10 >= pairs * 9 || nul_at(1) * 10 >= pairs * 9) {
        "UTF-16 text without a byte-order mark"
    } else {
        "binary data (control bytes are over a tenth of its start)"
    }
}

/// The delimiter among `,` `;` `\t` whose count per line (outside quotes) is non-zero and most
/// consistent over the first lines; `,` when none appears.
pub(super) fn sniff_delimiter(text: &[u8], truncated: bool) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    const MAX_LINES: usize = 50;
    let mut lines: Vec<[usize; 3]> = Vec::new();
    let mut counts = [0usize; 3];
    let mut in_quotes = false;
    let mut at_field_start = true;
    let mut content = false;
    let mut iter = text.iter().peekable();
    while let Some(&b) = iter.next() {
        if in_quotes {
            if b == b'"' {
                if iter.peek() == Some(&&b'"') {
                    iter.next();
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        match b {
            b'"' if at_field_start => {
                in_quotes = true;
                content = true;
                at_field_start = false;
            }
            b'\n' | b'\r' => {
                if content {
                    lines.push(counts);
                    if lines.len() >= MAX_LINES {
                        break;
                    }
                }
                counts = [0; 3];
                content = false;
                at_field_start = true;
            }
            _ => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                    at_field_start = true;
                } else {
                    at_field_start = false;
                }
                content = true;
            }
        }
    }
    if content && !truncated && lines.len() < MAX_LINES {
        lines.push(counts);
    }
    let mut best: Option<(usize, usize, usize, bool, u8)> = None;
    for (i, &delimiter) in CANDIDATES.iter().enumerate() {
        // On a tie, the delimiter the first line (the header, as a rule) uses wins: commas
        // inside unquoted values of a semicolon file must not outvote it.
        let in_first = lines.first().is_some_and(|c| c[i] > 0);
        let per_line: Vec<usize> = lines.iter().map(|c| c[i]).filter(|&n| n > 0).collect();
        // The most frequent non-zero count, and how many lines have it (ties: the larger).
        let mut top: Option<(usize, usize)> = None;
        for &n in &per_line {
            let freq = per_line.iter().filter(|&&m| m == n).count();
            if top.is_none_or(|(f, m)| (freq, n) > (f, m)) {
                top = Some((freq, n));
            }
        }
        // First, on how many lines it appears at all: the real delimiter is on every row,
        // however ragged the rows; a comma inside values is on some rows only, even when
        // those rows all hold the same number of them.
        let lines_with = per_line.len();
        if let Some((freq, n)) = top
            && best.is_none_or(|(w, f, m, h, _)| (lines_with, freq, n, in_first) > (w, f, m, h))
        {
            best = Some((lines_with, freq, n, in_first, delimiter));
        }
    }
    best.map_or(b',', |(_, _, _, _, d)| d)
}
