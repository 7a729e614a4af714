//! The full-screen history: every entry of a lead, wrapped, with the evidence snapshot of
//! each stage change when asked for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::fit;
use crate::tui::app::HistoryView;
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

/// The rows of text the view shows at this width: each entry's first row, its wrapped rest,
/// and its snapshot when shown.
#[must_use]
pub fn rows(view: &HistoryView, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let room = usize::from(width.saturating_sub(2)).max(10);
    let mut out = Vec::new();
    for e in &view.events {
        let line = Line::from(vec![
            Span::styled(e.at.format("%Y-%m-%d %H:%M  ").to_string(), theme.dim()),
            Span::styled(format!("{}  ", cut(&e.actor)), theme.dim()),
            Span::raw(e.describe()),
        ]);
        out.extend(fit::wrap(&line, room, 18));
        let snapshot = e.data.as_ref().filter(|_| e.kind == "stage");
        if let (true, Some(data)) = (view.snapshots, snapshot) {
            let text = serde_json::to_string_pretty(data).unwrap_or_default();
            for l in text.lines() {
                let shown = Line::styled(format!("    {}", cut(l)), theme.dim());
                out.extend(fit::wrap(&shown, room, 8));
            }
        }
    }
    out
}

/// How many rows of entries fit on a screen `height` rows tall: the box's borders and its
/// key line aside.
#[must_use]
pub fn page_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(4)).max(1)
}

pub fn render(view: &HistoryView, theme: Theme, f: &mut Frame, screen: Rect) {
    let all = rows(view, screen.width, theme);
    let page = page_rows(screen.height);
    let at = view.scroll.min(all.len().saturating_sub(page));
    let shown: Vec<Line> = all.iter().skip(at).take(page).cloned().collect();
    let stages = view.events.iter().filter(|e| e.kind == "stage").count();
    let snap = match (stages, view.snapshots) {
        (0, _) => "",
        (_, false) => " · s evidence snapshots",
        (_, true) => " · s hide snapshots",
    };
    let foot = format!(
        " rows {}–{} of {} · j k PgUp PgDn g G scroll{snap} · Esc back ",
        (at + 1).min(all.len()),
        (at + shown.len()).min(all.len()),
        all.len()
    );
    let title = format!(
        " History of {} · {} entries ",
        fit::truncate(&view.name, usize::from(screen.width / 2)),
        view.events.len()
    );
    let block = Block::bordered()
        .title(Line::styled(title, theme.title()))
        .title_bottom(fit::truncate_line(
            &Line::styled(foot, theme.dim()),
            usize::from(screen.width.saturating_sub(2)),
        ))
        .border_style(theme.focused_border());
    f.render_widget(Clear, screen);
    f.render_widget(Paragraph::new(shown).block(block), screen);
}
