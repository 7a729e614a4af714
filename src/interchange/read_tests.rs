use super::*;

fn open(bytes: &[u8]) -> CsvFile<&[u8]> {
    CsvFile::open(bytes).expect("the file opens")
}

/// (line, fields) of each row, or (line, reason) of each problem, in order.
fn lines(bytes: &[u8]) -> Vec<(u64, Result<Vec<String>, String>)> {
    open(bytes)
        .map(|r| match r {
            Ok(row) => (row.line, Ok(row.fields)),
            Err(p) => (p.line, Err(p.reason)),
        })
        .collect()
}

fn row_lines(bytes: &[u8]) -> Vec<u64> {
    lines(bytes).into_iter().map(|(line, _)| line).collect()
}

fn strings(fields: &[&str]) -> Vec<String> {
    fields.iter().map(ToString::to_string).collect()
}

fn open_err(bytes: &[u8]) -> FileError {
    match CsvFile::open(bytes) {
        Ok(file) => panic!("expected an error, opened {file:?}"),
        Err(e) => e,
    }
}

/// Hands out at most `n` bytes per read: line breaks split across reads.
struct Trickle<'a> {
    bytes: &'a [u8],
    n: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.n.min(buf.len()).min(self.bytes.len());
        let (head, tail) = self.bytes.split_at(n);
        buf[..n].copy_from_slice(head);
        self.bytes = tail;
        Ok(n)
    }
}

#[test]
fn plain_utf8_lf() {
    let file = open(b"Name,Email\nMaren Okafor,maren@brightkiln.example\nTomasz,t@h.example\n");
    assert_eq!(file.headers(), ["Name", "Email"]);
    assert_eq!((file.header_line(), file.preamble_lines()), (1, 0));
    assert_eq!((file.delimiter(), file.encoding()), (b',', "UTF-8"));
    let rows: Vec<RawRow> = file.map(|r| r.expect("a row")).collect();
    assert_eq!(
        rows,
        vec![
            RawRow {
                line: 2,
                fields: strings(&["Maren Okafor", "maren@brightkiln.example"]),
                repaired: Vec::new(),
            },
            RawRow {
                line: 3,
                fields: strings(&["Tomasz", "t@h.example"]),
                repaired: Vec::new(),
            },
        ]
    );
}

#[test]
fn utf8_bom_is_removed_and_lines_start_at_one() {
    let file = open(b"\xEF\xBB\xBF\"Email\",Name\nx@y.example,X\n\nz@y.example,Z");
    assert_eq!(file.encoding(), "UTF-8");
    assert_eq!(file.headers(), ["Email", "Name"]);
    assert_eq!(file.header_line(), 1);
    assert_eq!(
        row_lines(b"\xEF\xBB\xBF\"Email\",Name\nx@y.example,X\n\nz@y.example,Z"),
        [2, 4]
    );
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        let bytes = if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        };
        out.extend_from_slice(&bytes);
    }
    out
}

#[test]
fn utf16_le_and_be_with_bom() {
    let text = "First Name\tLast Name\tEmail\r\nChloé\tMarchand\tchloe@lumenloom.example\r\n\r\nZoë\tPapadakis\tzoe@mosaic.example\r\n";
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let bytes = utf16(text, big_endian);
        let file = open(&bytes);
        assert_eq!(file.encoding(), name);
        assert_eq!(file.delimiter(), b'\t');
        assert_eq!(file.headers(), ["First Name", "Last Name", "Email"]);
        let got = lines(&bytes);
        assert_eq!(
            got,
            vec![
                (
                    2,
                    Ok(strings(&["Chloé", "Marchand", "chloe@lumenloom.example"]))
                ),
                (4, Ok(strings(&["Zoë", "Papadakis", "zoe@mosaic.example"]))),
            ]
        );
    }
}

#[test]
fn windows_1252_bytes_are_decoded() {
    let bytes = b"First Name;Last Name;Company\nChlo\xe9;Marchand;Caf\xe9 \x80 Co\n";
    let file = open(bytes);
    assert_eq!(file.encoding(), "windows-1252");
    assert_eq!(file.delimiter(), b';');
    let got = lines(bytes);
    assert_eq!(
        got,
        vec![(2, Ok(strings(&["Chloé", "Marchand", "Café € Co"])))]
    );
}

#[test]
fn invalid_utf8_after_the_sniff_buffer_is_decoded_per_field() {
    let mut bytes = b"Name,Email\n".to_vec();
    let rows = SNIFF_BYTES / 20 + 10;
    for i in 0..rows {
        bytes.extend_from_slice(format!("Person {i:07},p{i}@x.example\n").as_bytes());
    }
    bytes.extend_from_slice(b"Chlo\xe9 Marchand,chloe@x.example\n");
    let file = open(&bytes);
    assert_eq!(file.encoding(), "UTF-8");
    let last = file.last().expect("rows").expect("a row");
    assert_eq!(last.fields, strings(&["Chloé Marchand", "chloe@x.example"]));
    assert_eq!(last.line, rows as u64 + 2);
}

#[test]
fn semicolon_and_tab_delimiters() {
    let semi = b"Name;Company;Notes\nMaren;Brightkiln, Inc.;a, b, c\nTomasz;Harborlight;\"x;y\"\n";
    let file = open(semi);
    assert_eq!(file.delimiter(), b';');
    assert_eq!(
        lines(semi),
        vec![
            (2, Ok(strings(&["Maren", "Brightkiln, Inc.", "a, b, c"]))),
            (3, Ok(strings(&["Tomasz", "Harborlight", "x;y"]))),
        ]
    );
    let tab = b"Name\tCompany\tEmail\nMaren\tBrightkiln, Inc.\tm@b.example\nTomasz\tHarbor; light\tt@h.example\n";
    assert_eq!(open(tab).delimiter(), b'\t');
    assert_eq!(
        lines(tab)[1],
        (3, Ok(strings(&["Tomasz", "Harbor; light", "t@h.example"])))
    );
}

#[test]
fn delimiter_sniffing_ignores_quotes_and_preamble_lines() {
    assert_eq!(
        sniff_delimiter(b"Notes:\n\"a, b; c\"\n\na;b;c\n1;2;3\n", false),
        b';'
    );
    assert_eq!(
        sniff_delimiter(b"a,b,c\n\"x;y;z;w\",2,3\n4,5,6\n", false),
        b','
    );
    assert_eq!(sniff_delimiter(b"just one column\nvalue\n", false), b',');
    assert_eq!(sniff_delimiter(b"", false), b',');
}

#[test]
fn commas_in_the_values_of_a_semicolon_file_do_not_outvote_its_header() {
    // Three commas and three semicolons on each data line, one row ragged: the header says.
    let text = b"Name;Email;Company;Notes
\
        Ana, Jr;a@x.example;Kiln, Inc;Met, twice;extra\n\
        Bo, Sr;b@x.example;Lind, AB;Call, soon\n";
    assert_eq!(sniff_delimiter(text, false), b';');
}

#[test]
fn a_semicolon_file_with_ragged_rows_is_not_read_as_commas_the_rows_agree_on() {
    // Every data line holds three commas inside its values, and a different number of
    // semicolons (extra fields): the semicolon is still on every line, the comma is not.
    let text = b"Name;Email;Company;Notes\n\
        Ana, Jr;a@x.example;Kiln, Inc;Met, twice;extra;more\n\
        Bo, Sr;b@x.example;Lind, AB;Call, soon;extra\n";
    assert_eq!(sniff_delimiter(text, false), b';');
}

#[test]
fn crlf_line_numbers() {
    let bytes = b"Name,Email\r\nA,a@x.example\r\nB,b@x.example\r\n\r\nC,c@x.example\r\n";
    assert_eq!(row_lines(bytes), [2, 3, 5]);
    // Breaks split across reads: a `\r` at the end of one read, its `\n` at the start of the next.
    for n in 1..=4 {
        let file = CsvFile::open(Trickle { bytes, n }).expect("opens");
        let got: Vec<u64> = file.map(|r| r.expect("a row").line).collect();
        assert_eq!(got, [2, 3, 5], "reading {n} bytes at a time");
    }
}

#[test]
fn lone_cr_line_endings() {
    assert_eq!(
        row_lines(b"Name,Email\rA,a@x.example\r\rB,b@x.example\r"),
        [2, 4]
    );
}

#[test]
fn blank_lines_between_rows() {
    let bytes = b"\n\nName,Email\n\nA,a@x.example\n\n\n\nB,b@x.example\n   \nC,c@x.example";
    let file = open(bytes);
    assert_eq!((file.header_line(), file.preamble_lines()), (3, 2));
    assert_eq!(
        lines(bytes),
        vec![
            (5, Ok(strings(&["A", "a@x.example"]))),
            (9, Ok(strings(&["B", "b@x.example"]))),
            (10, Err("an empty line".to_string())),
            (11, Ok(strings(&["C", "c@x.example"]))),
        ]
    );
}

#[test]
fn embedded_newlines_and_doubled_quotes() {
    let bytes = b"Name,Notes,Email\nA,\"line one\nline two\nline three\",a@x.example\nB,\"said \"\"hi\"\", left\",b@x.example\r\nC,\"crlf\r\ninside\",c@x.example\r\nD,,d@x.example\n";
    assert_eq!(
        lines(bytes),
        vec![
            (
                2,
                Ok(strings(&[
                    "A",
                    "line one\nline two\nline three",
                    "a@x.example"
                ]))
            ),
            (5, Ok(strings(&["B", "said \"hi\", left", "b@x.example"]))),
            (6, Ok(strings(&["C", "crlf\r\ninside", "c@x.example"]))),
            (8, Ok(strings(&["D", "", "d@x.example"]))),
        ]
    );
}

#[test]
fn ragged_rows_are_problems_with_their_lines() {
    let bytes = b"Name,Email,Company\nA,a@x.example,Acme\nB,b@x.example\nC,c@x.example,Acme,extra\nD,d@x.example,Acme,,\n\"\"\n\"Grand Totals (4 records)\"\nE,e@x.example,Acme\n";
    assert_eq!(
        lines(bytes),
        vec![
            (2, Ok(strings(&["A", "a@x.example", "Acme"]))),
            (3, Err("2 fields where the header has 3".to_string())),
            (4, Err("4 fields where the header has 3".to_string())),
            (5, Ok(strings(&["D", "d@x.example", "Acme"]))),
            (6, Err("an empty line".to_string())),
            (7, Err("1 field where the header has 3".to_string())),
            (8, Ok(strings(&["E", "e@x.example", "Acme"]))),
        ]
    );
}

#[test]
fn duplicate_and_padded_headers_are_kept_trimmed() {
    let file = open(b" Email , Phone,Phone,\xC2\xA0Name\t\nx@y.example,1,2,X\n");
    assert_eq!(file.headers(), ["Email", "Phone", "Phone", "Name"]);
}

#[test]
fn preamble_before_the_header_is_skipped() {
    let bytes = include_bytes!("../../tests/fixtures/linkedin_connections.csv");
    let file = open(bytes);
    assert_eq!((file.header_line(), file.preamble_lines()), (4, 3));
    assert_eq!(
        file.headers()[..3],
        strings(&["First Name", "Last Name", "URL"])
    );
    let first = open(bytes).next().expect("a row").expect("valid");
    assert_eq!(first.line, 5);
    assert_eq!(first.fields[0], "Maren");
}

#[test]
fn header_falls_back_to_the_widest_record() {
    let file = open(b"Report of things\nalpha,beta,gamma\n1,2,3\n");
    assert_eq!(file.headers(), ["alpha", "beta", "gamma"]);
    assert_eq!(file.header_line(), 2);
}

#[test]
fn empty_files() {
    for bytes in [
        &b""[..],
        b"\xEF\xBB\xBF",
        b"\n\n\r\n",
        b"  \n\t\n",
        b"\xFF\xFE",
    ] {
        assert!(matches!(open_err(bytes), FileError::Empty), "{bytes:?}");
    }
    assert_eq!(FileError::Empty.to_string(), "the file is empty");
}

#[test]
fn header_only_files() {
    for bytes in [&b"Name,Email"[..], b"Name,Email\n", b"Name,Email\r\n\r\n\n"] {
        assert!(
            matches!(open_err(bytes), FileError::HeaderOnly),
            "{bytes:?}"
        );
    }
    assert_eq!(
        FileError::HeaderOnly.to_string(),
        "the file has a header but no rows"
    );
}

#[test]
fn binary_files_are_not_text() {
    let cases: [(&[u8], &str); 6] = [
        (
            b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
            "Excel workbook (.xlsx)",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00",
            "old Excel workbook (.xls)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "a JPEG image"),
        (b"Name,Email\n\x00\x01\x02\x03binary\xFF\x00", "binary data"),
    ];
    for (bytes, what) in cases {
        match open_err(bytes) {
            FileError::NotText(got) => assert!(got.contains(what), "{got} for {what}"),
            other => panic!("{other} for {what}"),
        }
    }
    assert_eq!(
        open_err(b"PK\x03\x04rest").to_string(),
        "the file looks like an Excel workbook (.xlsx) or another zipped file (.zip, .docx, .ods), not CSV: save it as CSV (UTF-8) and import that"
    );
    assert_eq!(
        open_err(b"\x89PNG\r\n").to_string(),
        "the file looks like a PNG image, not CSV"
    );
}

#[test]
fn utf16_without_bom_is_named() {
    let bytes: Vec<u8> = "Name,Email\r\nA,a@x.example\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    match open_err(&bytes) {
        FileError::NotText(what) => assert_eq!(what, "UTF-16 text without a byte-order mark"),
        other => panic!("{other}"),
    }
}

#[test]
fn random_binary_with_nuls() {
    let mut state: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..5000)
        .map(|_| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (state >> 24) as u8
        })
        .chain([0, 0, 0])
        .collect();
    assert!(matches!(open_err(&bytes), FileError::NotText(_)));
}

#[test]
fn line_tracker_counts_each_break_once() {
    let mut tracker = LineTracker::new(&b"a\r\nb\n\rc\r\r\nd"[..]);
    let mut sink = Vec::new();
    tracker.read_to_end(&mut sink).expect("reads");
    assert_eq!(
        tracker.breaks.iter().copied().collect::<Vec<_>>(),
        [(1, 3), (4, 5), (5, 6), (7, 8), (8, 10)]
    );
    assert_eq!(tracker.line_at(3), 2);
    // A start reported on the break before a record moves past it.
    assert_eq!(tracker.line_at(5), 4);
    assert_eq!(tracker.line_at(8), 6);
}

#[test]
fn control_characters_and_whole_escape_sequences_leave_a_field() {
    assert_eq!(
        without_controls("Greta\0"),
        ("Greta".to_string(), vec!["a NUL byte".to_string()])
    );
    assert_eq!(
        without_controls("Chef de projet\u{1b}[31m"),
        (
            "Chef de projet".to_string(),
            vec!["a control character (U+001B)".to_string()]
        )
    );
    assert_eq!(
        without_controls("line one\r\nline\ttwo"),
        ("line one\r\nline\ttwo".to_string(), Vec::new())
    );
}

#[test]
fn a_header_line_inside_the_data_is_no_row() {
    let got = lines(
        b"Email,First Name,Last Name\na@x.example,Ana,Lima\nemail,first name,last name\nE-mail Address,Given Name,Family Name\nb@y.example,Bo,Chen\n",
    );
    let reasons: Vec<(u64, String)> = got
        .into_iter()
        .filter_map(|(line, r)| r.err().map(|e| (line, e)))
        .collect();
    assert_eq!(
        reasons,
        [
            (
                3,
                "the header line again (two exports pasted into one file?): not a lead".into()
            ),
            (4, "a header line of another export: not a lead".into()),
        ]
    );
}
