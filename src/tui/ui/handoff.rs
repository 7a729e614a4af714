//! The second gate's popups: the handoff package and the stakeholder form.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use super::detail::more_marks;
use super::fit;
use crate::domain::handoff::HandoffState;
use crate::tui::app::App;
use crate::tui::keymap::{POPUP_BINDINGS, PopupKey, PopupScope, keys_text};
use crate::tui::long_text::show;
use crate::tui::stakeholder_form::{FormPart, StakeholderForm};
use crate::tui::theme::Theme;

fn frame<'a>(title: &str, theme: Theme) -> Block<'a> {
    Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.focused_border())
}

/// The keys of a package step, as the keymap binds them.
fn key(k: PopupKey) -> String {
    POPUP_BINDINGS
        .iter()
        .find(|b| b.scope == PopupScope::Package && b.key == k)
        .map_or_else(String::new, |b| keys_text(b.keys))
}

/// The steps the handoff allows now, then the keys that always work.
fn package_hint(state: Option<HandoffState>) -> String {
    let mut parts: Vec<String> = match state {
        None => vec![format!("{} send to an AE", key(PopupKey::Send))],
        Some(HandoffState::Sent) => vec![
            format!("{} accept", key(PopupKey::AcceptHandoff)),
            format!("{} reject", key(PopupKey::RejectHandoff)),
        ],
        Some(HandoffState::Rejected) => vec![
            format!("{} send again", key(PopupKey::Send)),
            format!("{} dispute", key(PopupKey::Dispute)),
        ],
        Some(HandoffState::Disputed) => vec![
            format!("{} overturn", key(PopupKey::Overturn)),
            format!("{} uphold (managers)", key(PopupKey::Uphold)),
        ],
        Some(HandoffState::Accepted) => vec!["p promote once the gate passes".to_string()],
    };
    parts.extend([
        "j k move (past the items: the rest)".to_string(),
        "Enter fill in".to_string(),
        format!("{} stakeholder", key(PopupKey::AddStakeholder)),
        format!("{} remove one", key(PopupKey::RemoveStakeholder)),
        format!("{} touch", key(PopupKey::LogTouch)),
        "Esc close".to_string(),
    ]);
    parts.join(" · ")
}

/// The package of the loaded lead: who, where the handoff stands, each item (the selected
/// one highlighted and kept in view), the conversations, the stakeholders and what is next.
pub fn package(
    app: &App,
    lead_id: &str,
    selected: usize,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let Some(d) = app.detail.as_ref().filter(|d| d.lead.id == lead_id) else {
        return;
    };
    let (lead, ev) = (&d.lead, &d.lead.evidence);
    let width = 84.min(screen.width);
    let room = usize::from(width.saturating_sub(2));
    let mut rows: Vec<Line> = Vec::new();
    let who = [
        lead.contact.title.as_deref(),
        lead.contact.company.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(show)
    .collect::<Vec<_>>()
    .join(", ");
    rows.extend(fit::wrap(&Line::from(who), room, 2));
    let status = match &ev.handoff {
        Some(h) => Line::styled(
            format!("Handoff: {} ({})", show(&h.describe()), h.at.date_naive()),
            if h.state == HandoffState::Rejected {
                theme.fail()
            } else {
                theme.title()
            },
        ),
        None => Line::styled("Not handed off yet", theme.dim()),
    };
    rows.extend(fit::wrap(&status, room, 2));
    let mut spans = Vec::new();
    for (n, c) in d.package.iter().enumerate() {
        let (mark, style) = if c.passed {
            ("✓", theme.pass())
        } else {
            ("✗", theme.fail())
        };
        let mut line = Line::from(vec![
            Span::styled(format!(" {mark} "), style),
            Span::styled(format!("{:<19}", c.item.label()), style),
            Span::raw(show(&c.detail)),
        ]);
        if n == selected {
            line = line.patch_style(theme.selected());
        }
        let at = rows.len();
        rows.extend(fit::wrap(&line, room, 22));
        spans.push((at, rows.len()));
    }
    let section = |title: &str| Line::styled(title.to_string(), theme.title());
    rows.push(section("Conversations"));
    if d.touches.is_empty() {
        rows.push(Line::styled("  none logged (L logs one)", theme.dim()));
    }
    for t in &d.touches {
        let line = Line::from(format!(
            "  {} {} by {}: {}",
            t.on,
            t.kind.label(),
            show(&t.actor),
            show(&t.note)
        ));
        rows.extend(fit::wrap(&line, room, 4));
    }
    rows.push(section("Stakeholders"));
    if ev.stakeholders.is_empty() {
        rows.push(Line::styled("  none yet (+ adds one)", theme.dim()));
    }
    for (i, s) in ev.stakeholders.iter().enumerate() {
        let line = Line::from(format!("  {}. {}", i + 1, show(&s.describe())));
        rows.extend(fit::wrap(&line, room, 5));
    }
    rows.push(section("What happens next"));
    let next = ev.next_step.as_deref().map(|n| match ev.next_step_on {
        Some(on) => format!("{n} (on {on})"),
        None => n.to_string(),
    });
    for (label, value) in [
        ("Next step", next.as_deref()),
        ("Timeline", ev.timeline.as_deref()),
        ("Budget path", ev.budget_path.as_deref()),
        ("Deal size", ev.deal_size.as_deref()),
    ] {
        let line = Line::from(vec![
            Span::styled(format!("  {label:<12} "), theme.dim()),
            Span::raw(value.map_or("-".to_string(), show)),
        ]);
        rows.extend(fit::wrap(&line, room, 15));
    }
    let hint = Line::styled(
        package_hint(ev.handoff.as_ref().map(|h| h.state)),
        theme.dim(),
    );
    let foot = fit::wrap(&hint, room, 0);
    let wanted = rows.len() + foot.len() + 2;
    let height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(screen.height.saturating_sub(2));
    let area = centered(screen, width, height);
    f.render_widget(Clear, area);
    let title = format!(
        "Handoff package: {} ({})",
        show(&lead.contact.name),
        d.short_id
    );
    let block = frame(&fit::truncate(&title, room.saturating_sub(2)), theme);
    let inner = block.inner(area);
    let [body, feet] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(foot.len()).unwrap_or(2)),
    ])
    .areas(inner);
    let visible = usize::from(body.height);
    // The top stays in view while the selected item fits below it; past the items, the
    // end of the package shows.
    let first = match spans.get(selected) {
        Some(&(start, end)) if end > visible => end.saturating_sub(visible).min(start),
        Some(_) => 0,
        None => rows.len().saturating_sub(visible),
    };
    let block = block.title_bottom(more_marks(first, visible, rows.len(), theme));
    f.render_widget(block, area);
    let shown: Vec<Line> = rows.into_iter().skip(first).take(visible).collect();
    f.render_widget(Paragraph::new(shown), body);
    f.render_widget(Paragraph::new(foot), feet);
}

/// The stakeholder form: name and role typed, engagement and authority chosen.
pub fn stakeholder(form: &StakeholderForm, theme: Theme, f: &mut Frame, screen: Rect) {
    let area = centered(screen, 64, 10);
    f.render_widget(Clear, area);
    let block = frame("Add a stakeholder", theme);
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    f.render_widget(block, area);
    let [name, role, engagement, authority, err, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let focus = |p: FormPart| {
        if form.part == p {
            theme.focused_border()
        } else {
            theme.dim()
        }
    };
    for (part, label, at, text) in [
        (FormPart::Name, "Name", name, &form.name),
        (FormPart::Role, "Role", role, &form.role),
    ] {
        let [l, v] = Layout::horizontal([Constraint::Length(13), Constraint::Fill(1)]).areas(at);
        f.render_widget(Paragraph::new(Span::styled(label, focus(part))), l);
        f.render_widget(text, v);
    }
    for (part, label, at, value) in [
        (
            FormPart::Engagement,
            "Engagement",
            engagement,
            form.engagement.label(),
        ),
        (
            FormPart::Authority,
            "Authority",
            authority,
            form.authority.label(),
        ),
    ] {
        let line = Line::from(vec![
            Span::styled(format!("{label:<13}"), focus(part)),
            Span::styled(format!("◀ {value} ▶"), theme.title()),
        ]);
        f.render_widget(Paragraph::new(line), at);
    }
    let error = form.error.clone().unwrap_or_default();
    f.render_widget(
        Paragraph::new(fit::truncate(&error, room)).style(theme.error()),
        err,
    );
    let line = Line::styled(
        "Tab next part · ← → change a choice · Enter save · Esc cancel",
        theme.dim(),
    );
    f.render_widget(Paragraph::new(fit::wrap(&line, room, 0)), hint);
}
