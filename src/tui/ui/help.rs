//! The `?` help overlay: every key, generated from the keymap, scrollable.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::detail::more_marks;
use super::popups::frame;
use super::{centered, fit};
use crate::tui::keymap::{BINDINGS, POPUP_BINDINGS, PopupScope, Scope, keys_text};
use crate::tui::theme::Theme;

/// What the queue's FRIN⚑ marks mean.
pub const LEGEND: &str = "FRIN⚑: ICP fit, role relevance, intent, reason now, flags — ✓ passes, \
    ✗ says no, ? set but no why, · unknown, ⚑ flagged";

/// The help overlay's rows, wrapped for a `screen`, and the area they are drawn in.
fn help_rows(theme: Theme, screen: Rect) -> (Rect, Vec<Line<'static>>, usize) {
    let area = centered(screen, 78, screen.height.saturating_sub(2));
    let mut lines = Vec::new();
    for (title, global) in [("Everywhere", true), ("Queue and lead panes", false)] {
        lines.push(Line::styled(title.to_string(), theme.title()));
        let mut seen: Vec<&str> = Vec::new();
        for b in BINDINGS
            .iter()
            .filter(|b| (b.scope == Scope::Global) == global)
        {
            if seen.contains(&b.help) {
                continue;
            }
            seen.push(b.help);
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_text(b.keys)), theme.pass()),
                Span::raw(b.help),
            ]));
        }
    }
    for (title, scope) in [
        ("Lists and the refused-promotion panel", PopupScope::List),
        ("", PopupScope::Refused),
        ("The handoff package (P)", PopupScope::Package),
        ("Editing a field", PopupScope::Text),
        ("", PopupScope::Choice),
    ] {
        if !title.is_empty() {
            lines.push(Line::styled(title.to_string(), theme.title()));
        }
        for b in POPUP_BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_text(b.keys)), theme.pass()),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::styled(LEGEND, theme.dim()));
    // Wrapped here, so that the scroll counts rows on screen and stops at the last.
    let inner = frame("", theme).inner(area);
    let rows = fit::wrap_all(&lines, usize::from(inner.width), 20);
    (area, rows, usize::from(inner.height))
}

/// The furthest the help overlay scrolls on a screen of `width`×`height`: the app keeps its
/// scroll within it, so that a key up after `G` moves at once.
#[must_use]
pub fn help_max_scroll(width: u16, height: u16) -> usize {
    let (_, rows, shown) = help_rows(Theme::new(true), Rect::new(0, 0, width, height));
    rows.len().saturating_sub(shown)
}

/// The `?` overlay: every binding, from the keymap itself.
pub(super) fn help(theme: Theme, f: &mut Frame, screen: Rect, scroll: usize) {
    let (area, rows, height) = help_rows(theme, screen);
    f.render_widget(Clear, area);
    let block = frame("Keys (j k g G scroll, any other key closes)", theme);
    let first = scroll.min(rows.len().saturating_sub(height));
    let block = block.title_bottom(more_marks(first, height, rows.len(), theme));
    let shown: Vec<Line> = rows.into_iter().skip(first).take(height).collect();
    f.render_widget(Paragraph::new(shown).block(block), area);
}
