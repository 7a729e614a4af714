//! Cells for CSV and TSV files a person will open in a spreadsheet: a cell that a spreadsheet
//! would run as a formula starts with an apostrophe (OWASP's advice for CSV injection), and
//! control characters and bidi overrides, which no lead field means, are removed.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula when they start it.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// `value` as a cell: control characters removed (tab, CR and line feed stay, the writer
/// quotes them), bidi overrides removed (a spreadsheet would show the text reordered), and a
/// leading `'` when it would start a formula.
#[must_use]
pub fn cell(value: &str) -> Cow<'_, str> {
    let keep = |c: char| {
        (!c.is_control() || matches!(c, '\t' | '\r' | '\n'))
            && !crate::safe_text::is_bidi_control(c)
    };
    // Checked after stripping: a formula hidden behind a NUL is still a formula.
    let clean: Cow<'_, str> = if value.chars().all(keep) {
        Cow::Borrowed(value)
    } else {
        Cow::Owned(value.chars().filter(|&c| keep(c)).collect())
    };
    if clean.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{clean}"))
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn a_cell_that_would_run_as_a_formula_starts_with_an_apostrophe() {
        for v in [
            "=HYPERLINK(\"http://x.example\")",
            "+1 512 555 0147",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
        ] {
            let c = cell(v);
            assert!(c.starts_with('\''), "{v:?} -> {c:?}");
            assert_eq!(&c[1..], v, "the value itself is kept");
        }
    }

    #[test]
    fn plain_values_are_left_alone() {
        for v in [
            "Maren Okafor",
            "maren@brightkiln.example",
            "12",
            "",
            "a=b",
            "Q&A - notes",
        ] {
            assert!(matches!(cell(v), std::borrow::Cow::Borrowed(_)), "{v:?}");
        }
    }

    #[test]
    fn control_characters_are_removed_but_line_breaks_and_tabs_inside_stay() {
        assert_eq!(cell("Bright\u{1b}[31mkiln\u{7}"), "Bright[31mkiln");
        assert_eq!(cell("line one\nline two\tend"), "line one\nline two\tend");
        assert_eq!(
            cell("\u{0}=1"),
            "'=1",
            "a formula hidden behind a NUL is still escaped"
        );
    }

    #[test]
    fn bidi_overrides_are_removed_and_cannot_hide_a_formula() {
        assert_eq!(
            cell("invoice\u{202E}fdp.exe\u{2066}x\u{2069}\u{202A}\u{202D}"),
            "invoicefdp.exex"
        );
        assert_eq!(cell("\u{202E}=1+1"), "'=1+1");
        assert_eq!(cell("\u{2067}\u{9b}@SUM(A1)"), "'@SUM(A1)");
    }
}
