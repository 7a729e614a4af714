//! JSON that is safe to print on a terminal, for every command's `--json` and the JSON files.
//!
//! serde_json escapes C0 controls but writes DEL, C1 controls (U+0080–U+009F; some terminals
//! obey U+009B as an escape) and bidirectional overrides as they are. Here they are written as
//! `\uXXXX`: the value a program parses is the same, and `leadgate show --json` in a terminal
//! shows the characters' codes instead of acting on them.

use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Characters written as `\uXXXX` although JSON allows them raw.
fn escaped(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || crate::safe_text::is_bidi_control(c)
}

/// A formatter that escapes what [`escaped`] names, and otherwise writes as `F` does.
struct Safe<F>(F);

/// Every method `PrettyFormatter` overrides is passed on, so the layout is `F`'s.
macro_rules! pass_on {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        #[inline]
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for Safe<F> {
    pass_on! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
        write_char_escape(escape: CharEscape);
    }

    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| escaped(c)) {
            w.write_all(&rest.as_bytes()[..at])?;
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

fn serialize<W: Write, F: Formatter>(
    out: W,
    formatter: F,
    value: &(impl Serialize + ?Sized),
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, Safe(formatter));
    value.serialize(&mut ser)
}

/// `value` as compact JSON on `out`.
///
/// # Errors
/// A write error, or a value serde_json cannot write (a map with non-string keys).
pub fn to_writer<W: Write>(out: W, value: &(impl Serialize + ?Sized)) -> serde_json::Result<()> {
    serialize(out, CompactFormatter, value)
}

/// `value` as indented JSON on `out`.
///
/// # Errors
/// As [`to_writer`].
pub fn to_writer_pretty<W: Write>(
    out: W,
    value: &(impl Serialize + ?Sized),
) -> serde_json::Result<()> {
    serialize(out, PrettyFormatter::new(), value)
}

/// `value` as indented JSON text.
///
/// # Errors
/// As [`to_writer`].
pub fn to_string_pretty(value: &(impl Serialize + ?Sized)) -> serde_json::Result<String> {
    let mut out = Vec::new();
    to_writer_pretty(&mut out, value)?;
    // Only whole UTF-8 strings and ASCII escapes were written.
    Ok(String::from_utf8(out).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_and_bidi_controls_are_escaped_and_read_back_as_they_were() {
        let value = "a\u{1b}[31mb\u{7f}\u{85}\u{9b}6n\u{9f}c\u{202E}d\u{2066}\u{2069}é€";
        let text = to_string_pretty(&serde_json::json!({ value: [value] })).expect("json");
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || escaped(c)),
            "{text:?}"
        );
        assert!(
            text.contains(r"\u009b6n") && text.contains(r"\u202e"),
            "{text}"
        );
        assert!(text.contains("é€"), "other text is written as it is");
        let back: serde_json::Value = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, serde_json::json!({ value: [value] }));
    }

    #[test]
    fn the_layout_is_serde_jsons() {
        let value = serde_json::json!({"a": [1, {"b": null}], "c": "d"});
        let mut compact = Vec::new();
        to_writer(&mut compact, &value).expect("json");
        assert_eq!(compact, serde_json::to_vec(&value).expect("json"));
        assert_eq!(
            to_string_pretty(&value).expect("json"),
            serde_json::to_string_pretty(&value).expect("json")
        );
    }
}
