//! Fitting text to the room it has on screen, by display width (a CJK character takes two
//! columns, a combining accent none): whole if it fits, else wrapped at spaces or cut with an
//! ellipsis, so that no word is ever cut without a mark.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The columns `text` takes on a terminal.
#[must_use]
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` in at most `max` columns: whole if it fits, else cut and ended with "…".
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Writes `text` cut to `max` columns (as [`truncate`] cuts) at `at`, in the style the cells
/// already have. Plain ASCII, most of what a queue shows, goes in a character a cell without
/// being split into graphemes first.
pub fn put(buf: &mut Buffer, at: (u16, u16), text: &str, max: u16) {
    let (x, y) = at;
    if text.is_ascii() && text.len() <= usize::from(max) {
        for (i, c) in (0..).zip(text.chars()) {
            if let Some(cell) = buf.cell_mut((x.saturating_add(i), y)) {
                cell.set_char(c);
            }
        }
        return;
    }
    let shown = truncate(text, usize::from(max));
    buf.set_stringn(x, y, shown, usize::from(max), Style::default());
}

/// A character and the style it is drawn in.
type Cell = (char, Style);

fn cells(line: &Line<'_>) -> Vec<Cell> {
    line.spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect()
}

fn cells_width(cells: &[Cell]) -> usize {
    cells.iter().map(|(c, _)| char_width(*c)).sum()
}

/// Cells back into a line with the style and alignment of `like`, one span a style run.
fn to_line(cells: &[Cell], like: &Line<'_>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut style: Option<Style> = None;
    for &(c, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        run.push(c);
    }
    if let Some(s) = style {
        spans.push(Span::styled(run, s));
    }
    let mut line = Line::from(spans).style(like.style);
    line.alignment = like.alignment;
    line
}

/// `line` in at most `max` columns, each span keeping its style; a cut ends with "…".
#[must_use]
pub fn truncate_line(line: &Line<'_>, max: usize) -> Line<'static> {
    let all = cells(line);
    if cells_width(&all) <= max {
        return to_line(&all, line);
    }
    if max == 0 {
        return to_line(&[], line);
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for &(c, s) in &all {
        let w = char_width(c);
        if used + w > max - 1 {
            break;
        }
        kept.push((c, s));
        used += w;
    }
    while kept.last().is_some_and(|(c, _)| *c == ' ') {
        kept.pop();
    }
    let style = kept
        .last()
        .or(all.first())
        .map_or_else(Style::default, |(_, s)| *s);
    kept.push(('…', style));
    to_line(&kept, line)
}

/// `line` wrapped into rows of at most `max` columns, broken at spaces (a word longer than a
/// row is broken where the row ends). Rows after the first start with `indent` spaces, when
/// that leaves room for text.
#[must_use]
pub fn wrap(line: &Line<'_>, max: usize, indent: usize) -> Vec<Line<'static>> {
    let all = cells(line);
    if max == 0 {
        return vec![to_line(&[], line)];
    }
    let indent = if max >= indent + 16 { indent } else { 0 };
    let pad: Vec<Cell> = vec![(' ', Style::default()); indent];
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut used = 0;
    // Words and runs of spaces, in order.
    let mut tokens: Vec<&[Cell]> = Vec::new();
    let mut start = 0;
    for i in 1..=all.len() {
        if i == all.len() || (all[i].0 == ' ') != (all[i - 1].0 == ' ') {
            tokens.push(&all[start..i]);
            start = i;
        }
    }
    let mut fresh = true; // no word on this row yet
    for token in tokens {
        let w = cells_width(token);
        let spaces = token[0].0 == ' ';
        if used + w <= max {
            // A continuation row starts with its indent, not with the spaces of the break.
            if !(spaces && fresh && !rows.is_empty()) {
                row.extend_from_slice(token);
                used += w;
                fresh = fresh && spaces;
            }
            continue;
        }
        if spaces {
            // A row ends here; the spaces go with the break.
            rows.push(std::mem::replace(&mut row, pad.clone()));
            used = indent;
            fresh = true;
            continue;
        }
        if !fresh && w <= max - indent {
            trim_end(&mut row);
            rows.push(std::mem::replace(&mut row, pad.clone()));
            used = indent;
            row.extend_from_slice(token);
            used += w;
            fresh = false;
            continue;
        }
        // A word longer than a row: break it where each row ends.
        for &(c, s) in token {
            let cw = char_width(c);
            if used + cw > max && used > indent {
                rows.push(std::mem::replace(&mut row, pad.clone()));
                used = indent;
            }
            row.push((c, s));
            used += cw;
        }
        fresh = false;
    }
    trim_end(&mut row);
    rows.push(row);
    rows.iter().map(|r| to_line(r, line)).collect()
}

fn trim_end(row: &mut Vec<Cell>) {
    while row.last().is_some_and(|(c, _)| *c == ' ') {
        row.pop();
    }
}

/// Every line wrapped to `max` columns, continuation rows indented by `indent`.
#[must_use]
pub fn wrap_all(lines: &[Line<'_>], max: usize, indent: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap(l, max, indent)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn truncation_marks_the_cut_and_counts_display_width() {
        assert_eq!(truncate("Okafor", 6), "Okafor");
        assert_eq!(truncate("Okafor", 5), "Okaf…");
        assert_eq!(truncate("Maren Okafor", 7), "Maren…");
        assert_eq!(truncate("東京都港区", 5), "東京…");
        assert_eq!(truncate("abc", 0), "");
        let line = Line::from(vec![Span::raw("Why is "), Span::raw("this record fine?")]);
        assert_eq!(truncate_line(&line, 13).to_string(), "Why is this…");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_indents_what_follows() {
        let line = Line::from(" ✓ ICP fit        fits the ICP: Waste collection, 31 trucks");
        assert_eq!(
            text(&wrap(&line, 40, 18)),
            [
                " ✓ ICP fit        fits the ICP: Waste",
                "                  collection, 31 trucks"
            ]
        );
        assert_eq!(
            text(&wrap(&Line::from("abcdefghij klm"), 4, 0)),
            ["abcd", "efgh", "ij", "klm"]
        );
        assert_eq!(text(&wrap(&Line::from(""), 10, 0)), [""]);
        for w in 1..30 {
            for row in wrap(&line, w, 18) {
                assert!(row.width() <= w, "{row} is wider than {w}");
            }
        }
    }
}
