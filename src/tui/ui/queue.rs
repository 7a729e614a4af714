//! The queue: one row a lead, with the gate's items at a glance.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};

use super::fit;
use ratatui::buffer::Buffer;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};

use crate::domain::gate::{GateItem, check};
use crate::domain::{IcpFit, Lead, RoleRelevance, Stage};
use crate::tui::app::{App, Focus};
use crate::tui::long_text::cut;
use crate::tui::theme::Theme;

/// ✓ passes, ✗ says no (not fit, not relevant, stale), ? set but with no why, · not known
/// yet; ⚑ an open flag.
fn mark(lead: &Lead, item: GateItem, app: &App) -> &'static str {
    let ev = &lead.evidence;
    if item == GateItem::Exclusions {
        // Only an open flag is worth a mark: most records have none.
        return if ev.flags.iter().any(|f| f.is_open()) {
            "⚑"
        } else {
            " "
        };
    }
    if check(item, ev, app.now.date_naive(), &app.rules.gates).passed {
        return "✓";
    }
    let negative = match item {
        GateItem::IcpFit => ev.icp_fit == IcpFit::NotFit,
        GateItem::RoleRelevance => ev.role_relevance == RoleRelevance::NotRelevant,
        GateItem::ReasonNow => ev.reason_now_on.is_some(),
        _ => false,
    };
    // Marked fit, relevant or with a source, but the why is missing: the gate says no, yet
    // the value is not unknown.
    let unexplained = match item {
        GateItem::IcpFit => ev.icp_fit == IcpFit::Fit,
        GateItem::RoleRelevance => ev.role_relevance == RoleRelevance::Relevant,
        GateItem::IntentSource => ev.intent_source.is_some(),
        _ => false,
    };
    if negative {
        "✗"
    } else if unexplained {
        "?"
    } else {
        "·"
    }
}

/// The stage in five letters, for the narrow column.
fn stage_tag(stage: Stage) -> &'static str {
    match stage {
        Stage::Lead => "lead",
        Stage::Prospect => "prosp",
        Stage::Opportunity => "oppty",
        Stage::Customer => "cust",
    }
}

/// A compact age: 5m, 3h, 12d, 2y.
#[must_use]
pub fn age(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = now - since;
    if d.num_days() >= 365 {
        format!("{}y", d.num_days() / 365)
    } else if d.num_days() >= 1 {
        format!("{}d", d.num_days())
    } else if d.num_hours() >= 1 {
        format!("{}h", d.num_hours())
    } else {
        format!("{}m", d.num_minutes().max(0))
    }
}

pub fn render(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Queue;
    let mut title = if app.search.is_some() {
        "Search results".to_string()
    } else {
        app.queue.label().to_string()
    };
    if app.has_marks() {
        match (app.all_marked(), app.marked_count()) {
            (true, Some(n)) => title.push_str(&format!(" · all {n} marked")),
            (true, None) => title.push_str(" · all marked"),
            (false, n) => title.push_str(&format!(" · {} marked", n.unwrap_or(0))),
        }
    }
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.dim()
        });
    if app.rows.is_empty() {
        let text = if app.search.is_some() {
            "No lead matches the search."
        } else {
            "No leads in this queue."
        };
        f.render_widget(Paragraph::new(format!("\n  {text}")).block(block), area);
        return;
    }
    let visible = usize::from(area.height.saturating_sub(3)).max(1);
    // The selection always shows, even when the pane is shorter than the app's page (a
    // filter bar takes a row).
    let offset = app
        .offset
        .max((app.selected + 1).saturating_sub(visible))
        .min(app.selected);
    let end = (offset + visible).min(app.rows.len());
    let widths = [
        Constraint::Length(5),
        Constraint::Fill(4),
        Constraint::Fill(3),
        Constraint::Fill(3),
        Constraint::Fill(2),
        Constraint::Length(5),
        Constraint::Length(5),
        Constraint::Length(5),
    ];
    // The rows are written straight into the frame's cells, not built as a table widget:
    // a press of j draws the whole pane again, and the widget's text, line and span values
    // cost more than the writing itself.
    let inner = block.inner(area);
    f.render_widget(block, area);
    let cols = Layout::horizontal(widths)
        .flex(Flex::Start)
        .spacing(1)
        .split(inner);
    let buf = f.buffer_mut();
    let put = |buf: &mut Buffer, y: u16, i: usize, text: &str| {
        let col = cols[i];
        fit::put(buf, (col.x, y), text, col.width);
    };
    let row_at = |y: u16| Rect::new(inner.x, y, inner.width, 1);
    buf.set_style(row_at(inner.y), theme.title());
    for (i, h) in HEADINGS.iter().enumerate() {
        put(buf, inner.y, i, h);
    }
    for (k, r) in app.rows[offset..end].iter().enumerate() {
        let Some(y) = u16::try_from(k + 1).ok().map(|k| inner.y + k) else {
            break;
        };
        if y >= inner.bottom() {
            break;
        }
        if offset + k == app.selected {
            buf.set_style(row_at(y), theme.selected());
        }
        let l = &r.lead;
        let c = &l.contact;
        let marks: String = [
            GateItem::IcpFit,
            GateItem::RoleRelevance,
            GateItem::IntentSource,
            GateItem::ReasonNow,
            GateItem::Exclusions,
        ]
        .map(|i| mark(l, i, app))
        .concat();
        // The stored priority the queue is sorted on, in points.
        #[allow(clippy::cast_precision_loss)] // hundredths of small scores
        let score = format!("{:>5.1}", r.key.priority as f64 / 100.0);
        put(buf, y, 0, &score);
        if app.is_marked(&l.id) {
            buf.set_style(row_at(y), theme.marked());
            put(buf, y, 1, &format!("● {}", cut(&c.name)));
        } else {
            put(buf, y, 1, &cut(&c.name));
        }
        put(buf, y, 2, &cut(c.company.as_deref().unwrap_or("")));
        put(buf, y, 3, &cut(c.title.as_deref().unwrap_or("")));
        put(buf, y, 4, &cut(c.source.as_deref().unwrap_or("")));
        put(buf, y, 5, stage_tag(l.stage));
        put(buf, y, 6, &marks);
        put(buf, y, 7, &age(l.created_at, app.now));
    }
}

/// The queue's column headings.
const HEADINGS: [&str; 8] = [
    "Score", "Name", "Company", "Title", "Source", "Stage", "FRIN⚑", "Age",
];
