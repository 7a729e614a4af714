//! The add-lead form: five labelled lines, the one typed into highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, fit};
use crate::tui::lead_form::{LINES, LeadForm};
use crate::tui::theme::Theme;

pub fn lead_form(form: &LeadForm, theme: Theme, f: &mut Frame, screen: Rect) {
    let area = centered(screen, 64, 11);
    f.render_widget(Clear, area);
    let block = super::popups::frame("Add a lead", theme);
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    f.render_widget(block, area);
    let mut rows = [Constraint::Length(1); 8];
    rows[7] = Constraint::Fill(1);
    let areas = Layout::vertical(rows).split(inner);
    for (i, label) in LINES.iter().enumerate() {
        let [l, v] =
            Layout::horizontal([Constraint::Length(10), Constraint::Fill(1)]).areas(areas[i]);
        let style = if form.part == i {
            theme.focused_border()
        } else {
            theme.dim()
        };
        f.render_widget(Paragraph::new(Span::styled(*label, style)), l);
        if form.part == i {
            f.render_widget(&form.lines[i], v);
        } else {
            let text = form.lines[i].lines().join(" ");
            f.render_widget(
                Paragraph::new(fit::truncate(&text, usize::from(v.width))),
                v,
            );
        }
    }
    let error = form.error.clone().unwrap_or_default();
    f.render_widget(
        Paragraph::new(fit::wrap(&Line::styled(error, theme.error()), room, 0)),
        areas[5].union(areas[6]),
    );
    let hint = Line::styled(
        "Tab next line · Enter add · Esc cancel · an email already known is not added again",
        theme.dim(),
    );
    f.render_widget(Paragraph::new(fit::wrap(&hint, room, 0)), areas[7]);
}
