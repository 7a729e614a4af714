//! The bulk action's popups: the one confirmation before it, and what it did.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::popups::frame;
use super::{centered, fit};
use crate::tui::app::App;
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

/// The one question before a bulk action: how many leads, and what happens to each.
pub(super) fn confirm_bulk(
    app: &App,
    change: &crate::domain::BulkChange,
    note: Option<&str>,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let whom = app.marked_count().map_or_else(
        || "every lead of this list".to_string(),
        |n| crate::domain::vocabulary::counted(n, "marked lead", "marked leads"),
    );
    let question = change.applied_to(&whom);
    let mut lines = vec![Line::styled(
        format!("{}?", crate::domain::vocabulary::capitalized(&question)),
        theme.title(),
    )];
    if let Some(code) = change.reason() {
        lines.push(Line::from(format!(
            "Reason: {} ({})",
            code.as_str(),
            code.label()
        )));
    }
    let note = match change {
        crate::domain::BulkChange::Resolve(_, why) => Some(why.as_str()),
        _ => note,
    };
    if let Some(note) = note {
        lines.push(Line::from(format!("Note: {}", cut(note))));
    }
    lines.push(Line::from(""));
    let each = if matches!(
        change,
        crate::domain::BulkChange::Decide(crate::domain::Decision::Promote)
    ) {
        "Each lead's own gate decides: those missing evidence stay, grouped by what they lack."
    } else {
        "Each lead is changed on its own, with its own history entry."
    };
    lines.push(Line::from(each));
    lines.push(Line::from(
        if matches!(change, crate::domain::BulkChange::Resolve(..)) {
            "A resolved flag stays resolved: this is not undone."
        } else {
            "u undoes the whole action as one step."
        },
    ));
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "Enter or y: go ahead · Esc: cancel",
        theme.dim(),
    ));
    sized_box("Bulk action", &lines, 70, theme, f, screen);
}

/// A box `width` columns wide (at most the screen's) and as tall as `lines` wrapped in it:
/// nothing it says is cut off, down to the key line at its foot.
fn sized_box(title: &str, lines: &[Line], width: u16, theme: Theme, f: &mut Frame, screen: Rect) {
    let width = width.min(screen.width);
    let rows = fit::wrap_all(lines, usize::from(width.saturating_sub(2)), 0);
    let height = u16::try_from(rows.len() + 2).unwrap_or(u16::MAX);
    let area = centered(screen, width, height);
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(rows).block(frame(title, theme)), area);
}

/// What a bulk action did: moved, then each group of refusals, the largest first.
pub(super) fn bulk_result(
    title: &str,
    lines: &[String],
    undoable: bool,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let room = usize::from(screen.height.saturating_sub(6)).max(3);
    let mut text: Vec<Line> = Vec::new();
    for (i, l) in lines.iter().enumerate().take(room) {
        let style = if i == 0 { theme.pass() } else { theme.fail() };
        text.push(Line::styled(l.clone(), style));
    }
    if lines.len() > room {
        text.push(Line::from(format!(
            "… and {} more groups",
            lines.len() - room
        )));
    }
    text.push(Line::from(""));
    let keys = if undoable {
        "u undoes it · any key closes"
    } else {
        "any key closes"
    };
    text.push(Line::styled(keys, theme.dim()));
    sized_box(&cut(title), &text, 64, theme, f, screen);
}
