//! The tab bar (queues and counts) and the status bar (hints, messages, filters).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::Queue;
use crate::safe_text::one_line;
use crate::tui::app::{App, Focus};
use crate::tui::keymap::{Scope, hints};
use crate::tui::theme::Theme;

pub fn tabs(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    // Full names when they fit, else short ones, then without the title, then only the
    // current queue named: no tab or count is ever cut off.
    let tab = |tier: u8, i: usize, q: Queue| {
        let count = app.count(q).map_or(String::new(), |n| format!(" {n}"));
        let name = match tier {
            0 => q.label(),
            3 if q != app.queue => "",
            _ => short_label(q),
        };
        let sep = if name.is_empty() { "" } else { " " };
        format!("{}{sep}{name}{count}", i + 1)
    };
    let width = |tier: u8| {
        let title = if tier >= 2 { 0 } else { 10 } + if app.read_only { 11 } else { 0 };
        Queue::ALL
            .iter()
            .enumerate()
            .map(|(i, &q)| tab(tier, i, q).chars().count() + 3)
            .sum::<usize>()
            + title
    };
    let tier = (0..3)
        .find(|&t| width(t) <= usize::from(area.width))
        .unwrap_or(3);
    let mut spans = if tier >= 2 {
        Vec::new()
    } else {
        vec![Span::styled(" leadgate ", theme.title())]
    };
    if app.read_only {
        spans.insert(0, Span::styled(" read-only ", theme.error()));
    }
    if let Some(search) = &app.search {
        spans.push(Span::raw("│ "));
        spans.push(Span::styled(
            format!("Search: {}", one_line(search)),
            theme.active_tab(),
        ));
        spans.push(Span::styled("  (Esc to leave)", theme.dim()));
    } else {
        for (i, &q) in Queue::ALL.iter().enumerate() {
            spans.push(Span::raw(if i == 0 && tier >= 2 { " " } else { "│ " }));
            let style = if q == app.queue {
                theme.active_tab()
            } else {
                ratatui::style::Style::new()
            };
            spans.push(Span::styled(tab(tier, i, q), style));
            spans.push(Span::raw(" "));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
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
    }
}

pub fn status(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let left = match &app.status {
        Some(s) => Span::styled(
            format!(" {}", one_line(&s.text)),
            if s.error {
                theme.error()
            } else {
                theme.title()
            },
        ),
        None => {
            let scope = if app.focus == Focus::Detail {
                Scope::Detail
            } else {
                Scope::Queue
            };
            // As many hints as fit, whole; `?` lists the rest.
            let room = usize::from(area.width).saturating_sub(12);
            let mut text = String::new();
            for h in hints(scope) {
                if text.chars().count() + h.chars().count() + 3 > room {
                    break;
                }
                if !text.is_empty() {
                    text.push_str(" · ");
                }
                text.push_str(h);
            }
            Span::styled(format!(" {text}"), theme.dim())
        }
    };
    let mut right = Vec::new();
    if let Some(s) = &app.source {
        right.push(format!("source={}", one_line(s)));
    }
    if let Some(o) = &app.owner {
        right.push(format!("owner={}", one_line(o)));
    }
    if !app.rows.is_empty() && !app.has_before && !app.has_after {
        right.push(format!("{}/{}", app.selected + 1, app.rows.len()));
    }
    let right = right.join("  ");
    let width = usize::from(area.width);
    let pad = width.saturating_sub(left.content.chars().count() + right.chars().count() + 1);
    let line = Line::from(vec![
        left,
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.dim()),
    ]);
    f.render_widget(Paragraph::new(line), area);
}
