//! Values of any length, drawn in time that does not grow with them.
//!
//! Every frame lays out what it draws, so a 1 MiB note would be made safe, measured and
//! wrapped on every key press. The workstation draws the first few KiB of a value, said first
//! how long it is and where to read it all (`leadgate show`): a field taller than the lead
//! pane shows only its first rows. A row, cut to its column anyway, looks at less. Both go through `safe_text`, like everything drawn from the data.

use crate::safe_text::one_line;

/// How much of one value the lead pane and the panels lay out: several screens of it.
pub const SHOWN: usize = 4 * 1024;

/// How much of one value a row (a queue cell, a history line, a status) or a heading looks
/// at: a row of most terminals, and a few rows of the lead pane.
pub const IN_A_ROW: usize = 512;

/// The first `max` bytes of `text`, cut at a character, and how many bytes are left out.
#[must_use]
pub fn head(text: &str, max: usize) -> (&str, usize) {
    let end = text.floor_char_boundary(max);
    (&text[..end], text.len() - end)
}

/// `text` as one safe line of at most [`SHOWN`] bytes; a longer value starts with its size
/// and where to read it all, and ends with "…".
#[must_use]
pub fn show(text: &str) -> String {
    let (shown, left) = head(text, SHOWN);
    if left == 0 {
        return one_line(shown);
    }
    format!(
        "[{}: leadgate show prints it all] {}…",
        size(text.len()),
        one_line(shown)
    )
}

/// `text` as one safe line for a row: at most [`IN_A_ROW`] bytes, ended with "…" when cut.
#[must_use]
pub fn cut(text: &str) -> String {
    let (shown, left) = head(text, IN_A_ROW);
    let mut s = one_line(shown);
    if left > 0 {
        s.push('…');
    }
    s
}

/// A size as a person reads it: "300 bytes", "12 KiB", "1.0 MiB".
#[must_use]
pub fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    match bytes {
        b if b < KIB => format!("{b} bytes"),
        b if b < KIB * KIB => format!("{} KiB", b.div_ceil(KIB)),
        #[allow(clippy::cast_precision_loss)] // one decimal of a size
        b => format!("{:.1} MiB", b as f64 / (KIB * KIB) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_value_is_cut_at_a_character_and_says_how_much_more_there_is() {
        let long = format!("{}é{}", "a".repeat(SHOWN - 1), "b".repeat(2 * 1024 * 1024));
        let shown = show(&long);
        let said = "[2.0 MiB: leadgate show prints it all] ";
        assert_eq!(shown, format!("{said}{}…", "a".repeat(SHOWN - 1)));
        assert_eq!(show("short\u{1b}[31m"), "short[31m");
        assert_eq!(
            cut(&"x".repeat(IN_A_ROW + 1)),
            format!("{}…", "x".repeat(IN_A_ROW))
        );
        assert_eq!(cut("\u{202E}name"), "name");
        assert_eq!(size(300), "300 bytes");
        assert_eq!(size(12 * 1024), "12 KiB");
    }
}
