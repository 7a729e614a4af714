//! The tab bar (queues and counts) and the status bar (hints, messages, filters).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use crate::domain::Queue;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::{Scope, hints};
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

pub fn tabs(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let room = usize::from(area.width);
    let mut lead = Vec::new();
    if app.read_only {
        lead.push(Span::styled(" read-only ", theme.error()));
    }
    let title = Span::styled(" leadgate ", theme.title());
    if let Some(search) = &app.search {
        let leave = "  (Esc to leave)";
        let fixed = fit::width(" read-only  leadgate │ Search: ") + fit::width(leave);
        let mut spans = lead;
        spans.extend([
            title,
            Span::raw("│ "),
            Span::styled(
                format!(
                    "Search: {}",
                    fit::truncate(&cut(search), room.saturating_sub(fixed))
                ),
                theme.active_tab(),
            ),
            Span::styled(leave, theme.dim()),
        ]);
        f.render_widget(
            Paragraph::new(fit::truncate_line(&Line::from(spans), room)),
            area,
        );
        return;
    }
    // Full names when they fit, else short ones, then without the title, then only the
    // current queue named: no tab or count is cut off.
    let tab = |tier: u8, q: Queue| {
        let count = app.count(q).map_or(String::new(), |n| format!(" {n}"));
        let name = match tier {
            0 => q.label(),
            3 if q != app.queue || app.reports.is_some() => "",
            _ => short_label(q),
        };
        let sep = if name.is_empty() { "" } else { " " };
        format!("{}{sep}{name}{count}", crate::tui::keymap::queue_key(q))
    };
    let line = |tier: u8, with_reports: bool| {
        let mut spans = lead.clone();
        if tier < 2 {
            spans.push(title.clone());
        }
        for (i, &q) in Queue::ALL.iter().enumerate() {
            let first = i == 0 && tier >= 2 && !app.read_only;
            spans.push(Span::raw(if first { " " } else { "│ " }));
            let style = if q == app.queue && app.reports.is_none() {
                theme.active_tab()
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(tab(tier, q), style));
            spans.push(Span::raw(" "));
        }
        if !with_reports {
            return Line::from(spans);
        }
        let reports = match tier {
            0 => "7 Reports",
            _ => "7 Rep",
        };
        spans.push(Span::raw("│ "));
        spans.push(Span::styled(
            reports,
            if app.reports.is_some() {
                theme.active_tab()
            } else {
                ratatui::style::Style::new()
            },
        ));
        Line::from(spans)
    };
    // The Reports tab goes before the title and the queue names do (its key stays in the
    // help); on the Reports screen it is always shown.
    let open = app.reports.is_some();
    let tiers = [
        (0, true),
        (1, true),
        (1, open),
        (2, true),
        (2, open),
        (3, true),
    ];
    let (tier, with_reports) = tiers
        .into_iter()
        .find(|&(t, r)| line(t, r).width() <= room)
        .unwrap_or((3, open));
    f.render_widget(
        Paragraph::new(fit::truncate_line(&line(tier, with_reports), room)),
        area,
    );
}

/// The filters in force, in full, and how to clear them; `None` without filters.
#[must_use]
pub fn filters_line(app: &App, theme: Theme) -> Option<Line<'static>> {
    let mut parts = Vec::new();
    if let Some(s) = &app.source {
        parts.push(format!("source = {}", cut(s)));
    }
    if let Some(o) = &app.owner {
        parts.push(format!("owner = {}", cut(o)));
    }
    (!parts.is_empty()).then(|| {
        Line::from(vec![
            Span::styled(" Filtered: ", theme.title()),
            Span::styled(parts.join(" · "), theme.active_tab()),
            Span::styled("  (Esc clears)", theme.dim()),
        ])
    })
}

/// A queue's name where the full ones do not fit (80 columns).
fn short_label(q: Queue) -> &'static str {
    match q {
        Queue::Today => "Today",
        Queue::Prospects => "Prosp",
        Queue::Nurture => "Nurt",
        Queue::Disqualified => "Disq",
        Queue::All => "All",
        Queue::Unsupported => "Unsup",
        Queue::Handoffs => "Hand",
        Queue::Stalled => "Stall",
        Queue::Review => "Rev",
    }
}

pub fn status(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let right = if app.reports.is_some() {
        String::new()
    } else if !app.rows.is_empty() && !app.has_before && !app.has_after {
        format!("{}/{} ", app.selected + 1, app.rows.len())
    } else {
        String::new()
    };
    let room = width.saturating_sub(fit::width(&right) + 2);
    let left = match &app.status {
        Some(s) => Span::styled(
            format!(" {}", fit::truncate(&cut(&s.text), room)),
            if s.error {
                theme.error()
            } else {
                theme.title()
            },
        ),
        None if app.reports.is_some() => Span::styled(
            format!(
                " {}",
                fit::truncate(
                    "j/k scroll · 7 work the figures out again · Esc back to the leads · ? help",
                    room
                )
            ),
            theme.dim(),
        ),
        None => {
            let scope = if app.focus == Focus::Detail {
                Scope::Detail
            } else {
                Scope::Queue
            };
            // With a filter on, how to clear it comes first.
            let clear =
                (app.source.is_some() || app.owner.is_some()).then_some("Esc clear filters");
            // As many hints as fit, whole, and always the way to the rest: `?` lists them.
            const HELP: &str = "? help";
            let room = room.saturating_sub(fit::width(HELP) + 3);
            let mut text = String::new();
            for h in clear.into_iter().chain(hints(scope)).filter(|h| *h != HELP) {
                let sep = if text.is_empty() { 0 } else { 3 };
                if fit::width(&text) + sep + fit::width(h) > room.saturating_sub(1) {
                    break;
                }
                if !text.is_empty() {
                    text.push_str(" · ");
                }
                text.push_str(h);
            }
            if !text.is_empty() {
                text.push_str(" · ");
            }
            text.push_str(HELP);
            Span::styled(format!(" {text}"), theme.dim())
        }
    };
    let pad = width.saturating_sub(fit::width(&left.content) + fit::width(&right));
    let line = Line::from(vec![
        left,
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    f.render_widget(Paragraph::new(line), area);
}
