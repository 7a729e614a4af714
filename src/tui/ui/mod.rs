//! Drawing. Every function here reads the app state and draws; none queries or mutates.

mod bars;
mod bulk;
mod detail;
pub mod fit;
mod handoff;
pub mod help;
pub mod history;
mod lead_form;
mod owner_pick;
pub mod popups;
mod queue;
pub mod reports;
mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::theme::Theme;

/// The smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

/// How many queue rows fit in a terminal `height` rows tall: minus the tab and status bars,
/// the pane's borders and its header.
#[must_use]
pub fn queue_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(5)).max(1)
}

/// Draws the whole screen.
pub fn render(app: &App, f: &mut Frame) {
    let area = f.area();
    let theme = Theme::new(app.no_color);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::styled("Terminal too small", theme.title()),
            Line::from(format!(
                "leadgate needs {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
                area.width, area.height
            )),
            Line::from("Enlarge the window, or press q to quit."),
        ];
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    // Filters in force get a line of their own, under the tabs, in full.
    let filters = bars::filters_line(app, theme)
        .map(|l| fit::wrap(&l, usize::from(area.width), 11))
        .unwrap_or_default();
    let [tabs, filter_bar, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::try_from(filters.len()).unwrap_or(1)),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(filters), filter_bar);
    bars::tabs(app, theme, f, tabs);
    bars::status(app, theme, f, status);
    if let Some(view) = &app.reports {
        reports::render(view, theme, f, body);
        for popup in &app.popups {
            popups::render(app, popup, theme, f, area);
        }
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)]).areas(body);
    let [detail_area, timeline_area] =
        Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(right);
    queue::render(app, theme, f, left);
    detail::render(app, theme, f, detail_area);
    timeline::render(app, theme, f, timeline_area);
    for popup in &app.popups {
        popups::render(app, popup, theme, f, area);
    }
}

/// A rectangle of `width`×`height` centred in `area`, clipped to it.
#[must_use]
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
