//! Streaming: I/O errors, bounded memory, and no panics on any input.

use super::*;

#[test]
fn io_errors_are_reported() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk gone"))
        }
    }
    let e = CsvFile::open(Failing).expect_err("fails");
    assert_eq!(e.to_string(), "the file could not be read: disk gone");
}

#[test]
fn an_error_part_way_ends_the_rows_with_a_problem() {
    struct FailAfter<'a>(&'a [u8]);
    impl Read for FailAfter<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("connection reset"));
            }
            let n = buf.len().min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut bytes = b"Name,Email\n".to_vec();
    for i in 0..5000 {
        bytes.extend_from_slice(format!("P{i},p{i}@x.example\n").as_bytes());
    }
    let results: Vec<_> = CsvFile::open(FailAfter(&bytes)).expect("opens").collect();
    let last = results
        .last()
        .expect("results")
        .clone()
        .expect_err("a problem");
    assert!(last.reason.contains("connection reset"), "{}", last.reason);
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 5000);
}

#[test]
fn memory_stays_bounded_while_streaming() {
    struct Generated {
        produced: u64,
        total: u64,
        pending: Vec<u8>,
    }
    impl Read for Generated {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.pending.is_empty() {
                if self.produced == self.total {
                    return Ok(0);
                }
                self.pending = if self.produced == 0 {
                    b"Name,Email,Notes\r\n".to_vec()
                } else {
                    format!("P{0},p{0}@x.example,\"two\r\nlines\"\r\n", self.produced).into_bytes()
                };
                self.produced += 1;
            }
            let n = buf.len().min(self.pending.len());
            buf[..n].copy_from_slice(&self.pending[..n]);
            self.pending.drain(..n);
            Ok(n)
        }
    }
    let rows = 100_000;
    let mut file = CsvFile::open(Generated {
        produced: 0,
        total: rows + 1,
        pending: Vec::new(),
    })
    .expect("opens");
    let mut count = 0;
    let mut last_line = 0;
    let mut most_breaks = 0;
    while let Some(row) = file.next() {
        let row = row.expect("a row");
        count += 1;
        last_line = row.line;
        most_breaks = most_breaks.max(file.reader.get_ref().breaks.len());
    }
    assert_eq!(count, rows);
    assert_eq!(last_line, 2 * rows);
    assert!(most_breaks < 2_000, "{most_breaks} line breaks held");
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 300,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]
        #[test]
        fn on_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            if let Ok(file) = CsvFile::open(&bytes[..]) {
                let mut previous = file.header_line();
                for row in file {
                    let line = row.map_or_else(|p| p.line, |r| r.line);
                    prop_assert!(line > previous);
                    previous = line;
                }
            }
        }

        #[test]
        fn on_csv_like_text(text in "[a-c,;\t\"\r\n ]{0,200}") {
            if let Ok(file) = CsvFile::open(text.as_bytes()) {
                let width = file.headers().len();
                for row in file.flatten() {
                    prop_assert_eq!(row.fields.len(), width);
                }
            }
        }
    }
}
