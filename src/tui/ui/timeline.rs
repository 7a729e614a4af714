//! The selected lead's history, newest first: why it is here and what changed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::tui::app::{App, Focus};
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

pub fn render(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Timeline;
    let block = Block::bordered()
        .title(Line::styled(" History ", theme.title()))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.dim()
        });
    let (events, history) = app.detail.as_ref().map_or((&[][..], &[][..]), |d| {
        (d.events.as_slice(), d.history.as_slice())
    });
    let room = usize::from(block.inner(area).width);
    let lines: Vec<Line> = events
        .iter()
        .zip(history)
        .skip(app.timeline_scroll)
        .map(|(e, said)| {
            let line = Line::from(vec![
                Span::styled(e.at.format("%Y-%m-%d %H:%M ").to_string(), theme.dim()),
                // A long name is cut, so that what happened stays in view.
                Span::styled(
                    format!("{:<8} ", super::fit::truncate(&cut(&e.actor), 12)),
                    theme.dim(),
                ),
                Span::raw(said.as_str()),
            ]);
            super::fit::truncate_line(&line, room)
        })
        .collect();
    f.render_widget(Paragraph::new(lines).block(block), area);
}
