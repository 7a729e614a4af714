//! Making stored text safe to print on a terminal.
//!
//! Lead data comes from other people's files. A name holding an escape sequence must not
//! recolour, move the cursor or retitle the terminal, so control characters never reach it.

/// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): it can
/// make text read differently from what it is ("gnp.exe" shown as "exe.png").
#[must_use]
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One line of text with every control character removed; line breaks and tabs become spaces.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c if is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect()
}

/// Text that may span lines: line breaks are kept, every other control character removed.
#[must_use]
pub fn multi_line(text: &str) -> String {
    text.lines().map(one_line).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralized() {
        assert_eq!(one_line("\u{1b}[31mEvil\u{7}"), "[31mEvil");
        assert_eq!(one_line("a\tb\r\nc"), "a b  c");
        assert_eq!(one_line("\u{9b}2J\u{202E}gnp.exe"), "2Jgnp.exe");
        assert_eq!(
            multi_line("line 1\n\u{1b}]0;title\u{7}line 2"),
            "line 1\n]0;titleline 2"
        );
    }
}
