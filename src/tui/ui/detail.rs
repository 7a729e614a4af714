//! The selected lead: who, the live checklist of its next gate, and every field with its
//! evidence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::fit;

use crate::domain::field::{Field, current};
use crate::domain::{CheckItem, Checklist, Lead};
use crate::tui::app::{App, DETAIL_FIELDS, Focus};
// The record's fields are drawn up to a few KiB (`show`), what heads the pane up to a row or
// so (`cut`): a 1 MiB company must not push the fields out of view.
use crate::tui::long_text::{cut, show};
use crate::tui::theme::Theme;

fn opt(v: Option<&str>) -> String {
    v.map_or_else(String::new, show)
}

/// "Gate to prospect: 2 of 5 passed".
pub fn gate_title(list: &Checklist, theme: Theme) -> Line<'static> {
    let passed = list.items.iter().filter(|i| i.passed).count();
    Line::styled(
        format!(
            "Gate to {}: {passed} of {} passed",
            list.to,
            list.items.len()
        ),
        theme.title(),
    )
}

/// One checklist item: ✓ or ✗, the item, and what it says.
pub fn item_line(i: &CheckItem, theme: Theme) -> Line<'static> {
    let (mark, style) = if i.passed {
        ("✓", theme.pass())
    } else {
        ("✗", theme.fail())
    };
    Line::from(vec![
        Span::styled(format!(" {mark} "), style),
        Span::styled(format!("{:<16}", i.item.label()), style),
        Span::raw(cut(&i.detail)),
    ])
}

/// Checklist lines: the gate, then each item in the gate's order.
pub fn checklist_lines(list: &Checklist, theme: Theme) -> Vec<Line<'static>> {
    std::iter::once(gate_title(list, theme))
        .chain(list.items.iter().map(|i| item_line(i, theme)))
        .collect()
}

/// "Suggests ICP fit: Fit (Industry = Logistics is in ICP industries) · a accepts".
fn suggestion_line(what: &str, value: &str, because: &[String], theme: Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("Suggests {what}: {value} "), theme.pass()),
        Span::styled(
            format!("({}) · a accepts", cut(&because.join("; "))),
            theme.dim(),
        ),
    ])
}

/// A field's value as shown: the value, and its evidence after a dash.
fn field_text(lead: &Lead, field: Field) -> String {
    let (value, note) = current(lead, field);
    let mut s = opt(value.as_deref());
    if let Some(on) = lead
        .evidence
        .reason_now_on
        .filter(|_| field == Field::ReasonNow)
    {
        s.push_str(&format!(" (observed {on})"));
    }
    if let Some(on) = lead
        .evidence
        .next_step_on
        .filter(|_| field == Field::NextStep)
    {
        s.push_str(&format!(" (on {on})"));
    }
    if let Some(n) = note {
        s.push_str(" — ");
        s.push_str(&show(&n));
    }
    s
}

pub fn render(app: &App, theme: Theme, f: &mut Frame, area: Rect) {
    let focused = app.focus == Focus::Detail;
    let short = app.detail.as_ref().map_or("", |d| d.short_id.as_str());
    let block = Block::bordered()
        .title(Line::styled(format!(" Lead {short} "), theme.title()))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.dim()
        });
    let Some(detail) = &app.detail else {
        f.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let lead = &detail.lead;
    let c = &lead.contact;
    let mut lines = vec![
        Line::from(vec![
            Span::styled(cut(&c.name), theme.title()),
            Span::raw(
                c.email
                    .as_deref()
                    .map_or_else(String::new, |e| format!("  <{}>", cut(e))),
            ),
        ]),
        Line::from(
            [c.title.as_deref(), c.company.as_deref()]
                .into_iter()
                .flatten()
                .map(show)
                .collect::<Vec<_>>()
                .join(" · "),
        ),
        Line::from(vec![
            Span::raw(format!("{} · {}", lead.stage.label(), lead.state.label())),
            Span::raw(lead.state_reason.map_or(String::new(), |r| {
                let note = lead
                    .state_note
                    .as_deref()
                    .map_or(String::new(), |n| format!(": {}", cut(n)));
                format!(" ({}{note})", r.label())
            })),
            Span::styled(
                format!(" · created {}", lead.created_at.date_naive()),
                theme.dim(),
            ),
        ]),
        Line::from(""),
    ];
    // Said before anything else: the rest of the record reads differently when it fails.
    if let Some(support) = &detail.support {
        if !support.supported() {
            lines.push(Line::styled(
                format!(
                    "✗ Evidence no longer supports {} · fix it, or D demote, n, x",
                    support.stage
                ),
                theme.fail(),
            ));
            for item in &support.failing {
                lines.push(Line::from(vec![
                    Span::styled(format!("   {:<16}", item.item.label()), theme.fail()),
                    Span::raw(cut(&item.detail)),
                ]));
            }
        }
        if let Some(stale) = &support.reason_now_stale {
            lines.push(Line::styled(
                stale.describe(app.rules.gates.reason_now_window_days),
                theme.fail(),
            ));
        }
    }
    // Where a handoff stands comes first: a rejection's reason is what the SDR acts on.
    if let Some(h) = &lead.evidence.handoff {
        let style = match h.state {
            crate::domain::handoff::HandoffState::Rejected => theme.fail(),
            _ => theme.title(),
        };
        lines.push(Line::from(vec![
            Span::styled("Handoff: ", style),
            Span::raw(format!("{} ({})", cut(&h.describe()), h.at.date_naive())),
        ]));
    }
    for flag in &lead.evidence.flags {
        let (mark, style, state) = match &flag.resolved {
            None => ("⚑", theme.fail(), String::new()),
            Some(r) => (
                "✓",
                theme.dim(),
                format!(" — resolved by {}: {}", cut(&r.by), cut(&r.note)),
            ),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark} {}: ", flag.flag.label()), style),
            Span::raw(format!("{}{state}", cut(&flag.reason))),
        ]));
    }
    let score = &detail.score;
    lines.push(Line::from(vec![
        Span::styled(format!("Priority {:.1}: ", score.total), theme.title()),
        Span::styled(score.breakdown(), theme.dim()),
    ]));
    if !detail.sent.is_empty() {
        let sent: Vec<String> = detail
            .sent
            .iter()
            .map(|(tool, at)| format!("{} on {}", cut(tool), at.date_naive()))
            .collect();
        lines.push(Line::from(vec![
            Span::styled("Sent to: ", theme.title()),
            Span::raw(sent.join(", ")),
        ]));
    }
    for (i, person) in lead.evidence.stakeholders.iter().enumerate() {
        let label = if i == 0 {
            "Stakeholders: "
        } else {
            "              "
        };
        lines.push(Line::from(vec![
            Span::styled(label, theme.title()),
            Span::raw(format!("{}. {}", i + 1, cut(&person.describe()))),
        ]));
    }
    if let Some(days) = detail.stalled {
        lines.push(Line::styled(
            format!("Stalled: no change for {days} days · act, or pass it back with n"),
            theme.fail(),
        ));
    }
    let suggested = &detail.suggestions;
    if let Some(fit) = &suggested.icp_fit {
        lines.push(suggestion_line(
            "ICP fit",
            fit.value.label(),
            &fit.because,
            theme,
        ));
    }
    if let Some(role) = &suggested.role_relevance {
        lines.push(suggestion_line(
            "Role",
            role.value.label(),
            &role.because,
            theme,
        ));
    }
    let checks_at = lines.len();
    if let Some(list) = app.checklist() {
        lines.extend(checklist_lines(&list, theme));
        lines.push(Line::from(""));
    }
    // Everything wrapped to the pane's width here, so that the rows each field takes are
    // known and the selected one is always scrolled into view.
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    let height = usize::from(inner.height);
    // Unfocused, the pane shows its top: rows past the first screenful (and the one that says
    // there is more) need not be laid out, on a move through the queue.
    let enough = |rows: &[Line]| !focused && rows.len() > height;
    let mut rows: Vec<Line> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indent = if i > checks_at { CHECK_INDENT } else { 2 };
        rows.extend(fit::wrap(line, room, indent));
    }
    // The rows of each item the cursor can be on: the fields, then the imported columns.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let selected = app.field.min(app.detail_items().saturating_sub(1));
    for (i, &field) in DETAIL_FIELDS.iter().enumerate() {
        if enough(&rows) {
            break;
        }
        let style = if focused && i == selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let line = Line::from(vec![
            Span::styled(format!("{:<15}", field.label()), style),
            Span::raw(" "),
            Span::raw(field_text(lead, field)),
        ]);
        let at = rows.len();
        rows.extend(fit::wrap(&line, room, FIELD_INDENT));
        spans.push((at, rows.len()));
    }
    // Columns of an imported file that map to no field, below the fields.
    if !lead.attributes.is_empty() && !enough(&rows) {
        rows.push(Line::styled("Other columns", theme.title()));
        for (i, (k, v)) in lead.attributes.iter().enumerate() {
            if enough(&rows) {
                break;
            }
            let style = if focused && DETAIL_FIELDS.len() + i == selected {
                theme.selected()
            } else {
                theme.dim()
            };
            let line = Line::from(vec![
                Span::styled(format!("{:<15}", cut(k)), style),
                Span::raw(format!(" {}", show(v))),
            ]);
            let at = rows.len();
            rows.extend(fit::wrap(&line, room, FIELD_INDENT));
            spans.push((at, rows.len()));
        }
    }
    // Scroll as far as the selected item's last row, never past its first.
    let first = match spans.get(selected) {
        Some(&(start, end)) if focused => end.saturating_sub(height).min(start),
        _ => 0,
    };
    let block = block.title_bottom(more_marks(first, height, rows.len(), theme));
    let shown: Vec<Line> = rows.into_iter().skip(first).take(height).collect();
    f.render_widget(Paragraph::new(shown).block(block), area);
}

/// Continuation rows of a checklist item start under its detail; of a field, under its value.
pub const CHECK_INDENT: usize = 19;
const FIELD_INDENT: usize = 16;

/// "↑ more" / "↓ more" on a pane's bottom border when rows are scrolled off either side.
pub fn more_marks(first: usize, height: usize, total: usize, theme: Theme) -> Line<'static> {
    let above = first > 0;
    let below = first + height < total;
    let text = match (above, below) {
        (true, true) => " ↑↓ more ",
        (true, false) => " ↑ more ",
        (false, true) => " ↓ more ",
        (false, false) => "",
    };
    Line::styled(text, theme.dim()).right_aligned()
}
