//! The Reports screen: the funnel, conversion by source and what the active list lacks as
//! bar charts, and every figure of `leadgate report` below them, scrollable.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph};

use super::fit;
use crate::report::Report;
use crate::report::text::{percent, render as report_text};
use crate::tui::app::ReportsView;
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

/// Wide enough for three charts side by side.
const THREE_CHARTS: u16 = 120;

/// The rows of the charts above the figures, for a body `height` rows tall.
fn chart_rows(height: u16) -> u16 {
    (height / 3).clamp(7, 14)
}

/// The figures' lines as drawn: the text report without its title and date, which are in
/// the screen's own title.
#[must_use]
pub fn figure_lines(r: &Report) -> Vec<String> {
    report_text(r, false)
        .lines()
        .skip(4)
        .map(str::to_string)
        .collect()
}

/// How many lines of the figures a terminal `height` rows tall shows (the body is the
/// terminal less the tab and status bars): a page.
#[must_use]
pub fn figures_shown(height: u16) -> usize {
    let body = height.saturating_sub(2);
    usize::from(body.saturating_sub(chart_rows(body)).saturating_sub(2)).max(1)
}

pub fn render(view: &ReportsView, theme: Theme, f: &mut Frame, area: Rect) {
    let Some(report) = view.report.as_deref() else {
        let block = Block::default().borders(Borders::ALL).title(" Reports ");
        f.render_widget(
            Paragraph::new("Working out the figures…").block(block),
            area,
        );
        return;
    };
    let [charts, text] = Layout::vertical([
        Constraint::Length(chart_rows(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    if area.width >= THREE_CHARTS {
        let [a, b, c] = Layout::horizontal([
            Constraint::Percentage(28),
            Constraint::Percentage(40),
            Constraint::Percentage(32),
        ])
        .areas(charts);
        funnel(report, theme, f, a);
        by_source(report, theme, f, b);
        readiness(report, theme, f, c);
    } else {
        let [a, b] = Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
            .areas(charts);
        funnel(report, theme, f, a);
        by_source(report, theme, f, b);
    }
    figures(view, report, theme, f, text);
}

fn chart_block(title: String, theme: Theme) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(Line::styled(title, theme.title()))
}

/// A label cut to `room` columns.
fn label(text: &str, room: usize) -> String {
    fit::truncate(&cut(text), room)
}

/// Room for a bar's label: about half the chart.
fn half(area: Rect) -> usize {
    (usize::from(area.width.saturating_sub(2)) / 2).clamp(8, 26)
}

fn horizontal<'a>(bars: Vec<Bar<'a>>, block: Block<'a>) -> BarChart<'a> {
    BarChart::horizontal(bars)
        .block(block)
        .bar_width(1)
        .bar_gap(0)
}

fn funnel(r: &Report, theme: Theme, f: &mut Frame, area: Rect) {
    let bars: Vec<Bar> = r
        .funnel
        .stages()
        .into_iter()
        .map(|(s, n)| Bar::with_label(label(s, 11), n).text_value(n.to_string()))
        .collect();
    let title = format!(
        " Stages now · {} → prospect ",
        percent(r.funnel.conversion.lead_to_prospect)
    );
    f.render_widget(horizontal(bars, chart_block(title, theme)), area);
}

fn by_source(r: &Report, theme: Theme, f: &mut Frame, area: Rect) {
    let room = usize::from(area.height.saturating_sub(2));
    let bars: Vec<Bar> = r
        .by_source
        .iter()
        .take(room)
        .map(|c| {
            let rate = c.conversion.lead_to_prospect.unwrap_or(0.0);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let permille = (rate * 1000.0).round() as u64;
            let key = c.key.as_deref().unwrap_or("(no source)");
            Bar::with_label(label(key, half(area).min(18)), permille).text_value(format!(
                "{} ({}/{})",
                percent(c.conversion.lead_to_prospect),
                c.prospects,
                c.leads
            ))
        })
        .collect();
    let more = r.by_source.len().saturating_sub(room);
    let title = if more > 0 {
        format!(" Lead → prospect by source (+{more} below) ")
    } else {
        " Lead → prospect by source ".to_string()
    };
    // Scaled to the best source, so the bars compare sources with each other.
    f.render_widget(horizontal(bars, chart_block(title, theme)), area);
}

fn readiness(r: &Report, theme: Theme, f: &mut Frame, area: Rect) {
    let room = usize::from(area.height.saturating_sub(2));
    let bars: Vec<Bar> = r
        .readiness
        .failing
        .iter()
        .take(room)
        .map(|x| Bar::with_label(label(&x.label, half(area)), x.n).text_value(x.n.to_string()))
        .collect();
    let title = format!(
        " Active leads ready today: {}/{} · missing ",
        r.readiness.pass, r.readiness.active_leads
    );
    f.render_widget(horizontal(bars, chart_block(title, theme)), area);
}

fn figures(view: &ReportsView, r: &Report, theme: Theme, f: &mut Frame, area: Rect) {
    let lines: Vec<Line> = view.lines.iter().map(|l| Line::raw(l.as_str())).collect();
    let visible = usize::from(area.height.saturating_sub(2));
    let scroll = view.scroll.min(lines.len().saturating_sub(visible));
    let title = format!(
        " Figures as of {} · line {}/{} ",
        r.generated_at.format("%H:%M"),
        (scroll + 1).min(lines.len()),
        lines.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::styled(title, theme.title()));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
