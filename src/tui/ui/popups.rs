//! Popups, drawn over a cleared area on top of the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use super::detail::{CHECK_INDENT, gate_title, item_line, more_marks};
use super::fit;
use crate::domain::ReasonCode;
use crate::safe_text::one_line;
use crate::store::FilterColumn;
use crate::tui::app::App;
use crate::tui::editor::{Editor, Part, text_label};
use crate::tui::keymap::{BINDINGS, POPUP_BINDINGS, PopupScope, Scope, keys_text};
use crate::tui::popup::Popup;
use crate::tui::theme::Theme;

fn frame<'a>(title: &str, theme: Theme) -> Block<'a> {
    Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.focused_border())
}

pub fn render(app: &App, popup: &Popup, theme: Theme, f: &mut Frame, screen: Rect) {
    match popup {
        Popup::Help { scroll } => help(theme, f, screen, *scroll),
        Popup::Reasons {
            parking, selected, ..
        } => {
            let items: Vec<(String, String)> = ReasonCode::ALL
                .iter()
                .map(|c| (c.as_str().to_string(), c.label().to_string()))
                .collect();
            list(
                parking.title(),
                &items,
                *selected,
                "Enter choose · Esc cancel",
                theme,
                f,
                screen,
            );
        }
        Popup::Values {
            column,
            values,
            selected,
        } => {
            let title = match column {
                FilterColumn::Source => "Filter by source",
                FilterColumn::Owner => "Filter by owner",
            };
            let mut items = vec![("(any)".to_string(), String::new())];
            items.extend(values.iter().map(|v| (one_line(v), String::new())));
            list(
                title,
                &items,
                *selected,
                "Enter choose · Esc cancel",
                theme,
                f,
                screen,
            );
        }
        Popup::Prompt {
            prompt,
            text,
            error,
        } => {
            let (title, ask) = prompt.question();
            let height = if prompt.multi_line() { 9 } else { 6 };
            note(
                (&title, &ask),
                text,
                error.as_deref(),
                height,
                theme,
                f,
                screen,
            );
        }
        Popup::ImportSummary(s) => import_summary(s, theme, f, screen),
        Popup::Refused { selected, .. } => refused(app, *selected, theme, f, screen),
        Popup::Editor(editor) => edit(editor, theme, f, screen),
    }
}

/// A prompt: a title, a line saying what is asked, the text typed, any error.
fn note(
    (title, ask): (&str, &str),
    text: &ratatui_textarea::TextArea<'static>,
    error: Option<&str>,
    height: u16,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let area = centered(screen, 72, height);
    f.render_widget(Clear, area);
    let block = frame(title, theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [asked, edit, err, hint] = Layout::vertical([
        Constraint::Length(u16::from(!ask.is_empty())),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(ask.to_string()), asked);
    f.render_widget(text, edit);
    f.render_widget(
        Paragraph::new(error.unwrap_or_default().to_string()).style(theme.error()),
        err,
    );
    f.render_widget(
        Paragraph::new("Enter save · Esc cancel").style(theme.dim()),
        hint,
    );
}

fn list(
    title: &str,
    items: &[(String, String)],
    selected: usize,
    hint: &str,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let height = u16::try_from(items.len() + 3)
        .unwrap_or(u16::MAX)
        .min(screen.height);
    let area = centered(screen, 66, height);
    f.render_widget(Clear, area);
    let room = usize::from(area.height.saturating_sub(3)).max(1);
    let first = selected.saturating_sub(room - 1);
    let mut lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(i, (name, label))| {
            let style = if i == selected {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                Span::styled(format!(" {name:<20}"), style),
                Span::styled(format!(" {label}"), theme.dim()),
            ])
        })
        .collect();
    lines.push(Line::styled(hint.to_string(), theme.dim()));
    f.render_widget(Paragraph::new(lines).block(frame(title, theme)), area);
}

/// The refused promotion: what is missing first, then what passes, scrolled so that the
/// selected item shows; the gate's line above and the keys below stay put.
fn refused(app: &App, selected: usize, theme: Theme, f: &mut Frame, screen: Rect) {
    let Some(list) = app.checklist() else { return };
    let width = 76.min(screen.width);
    let room = usize::from(width.saturating_sub(2));
    let mut rows: Vec<Line> = Vec::new();
    let mut spans = Vec::new();
    for (n, item) in app.refused_items().iter().enumerate() {
        let mut line = item_line(item, theme);
        if n == selected {
            line = line.patch_style(theme.selected());
        }
        let at = rows.len();
        rows.extend(fit::wrap(&line, room, CHECK_INDENT));
        spans.push((at, rows.len()));
    }
    let hint = if list.passed() {
        Line::styled("Every item passes: press p to promote.", theme.pass())
    } else {
        Line::styled(
            "Enter fill in the selected item · j k move · p promote · Esc close",
            theme.dim(),
        )
    };
    let mut foot = vec![Line::from("")];
    foot.extend(fit::wrap(&hint, room, 0));
    let wanted = rows.len() + foot.len() + 3;
    let height = u16::try_from(wanted)
        .unwrap_or(u16::MAX)
        .min(screen.height.saturating_sub(2));
    let area = centered(screen, width, height);
    f.render_widget(Clear, area);
    let title = format!("Not promoted yet: the {} gate needs evidence", list.to);
    let block = frame(&fit::truncate(&title, room.saturating_sub(2)), theme);
    let inner = block.inner(area);
    let [head, body, feet] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(foot.len()).unwrap_or(2)),
    ])
    .areas(inner);
    let visible = usize::from(body.height);
    let first = spans
        .get(selected)
        .map_or(0, |&(start, end)| end.saturating_sub(visible).min(start));
    let block = block.title_bottom(more_marks(first, visible, rows.len(), theme));
    f.render_widget(block, area);
    f.render_widget(
        Paragraph::new(fit::truncate_line(&gate_title(&list, theme), room)),
        head,
    );
    let shown: Vec<Line> = rows.into_iter().skip(first).take(visible).collect();
    f.render_widget(Paragraph::new(shown), body);
    f.render_widget(Paragraph::new(foot), feet);
}

fn edit(editor: &Editor, theme: Theme, f: &mut Frame, screen: Rect) {
    let area = centered(screen, 72, 14);
    f.render_widget(Clear, area);
    let block = frame(&format!("Edit {}", editor.field.label()), theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let date_height = if editor.date.is_some() { 2 } else { 0 };
    let choice_height = if editor.choices.is_empty() { 0 } else { 2 };
    let [choice, label, text, date, err, hint] = Layout::vertical([
        Constraint::Length(choice_height),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(date_height),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    let focus = |p: Part| {
        if editor.part == p {
            theme.focused_border()
        } else {
            theme.dim()
        }
    };
    if !editor.choices.is_empty() {
        let value = editor.choices[editor.choice];
        let shown = if value.is_empty() { "(none)" } else { value };
        let line = Line::from(vec![
            Span::styled("Value  ", focus(Part::Choice)),
            Span::styled(format!("◀ {shown} ▶"), theme.title()),
        ]);
        f.render_widget(Paragraph::new(line), choice);
    }
    f.render_widget(
        Paragraph::new(Span::styled(text_label(editor.field), focus(Part::Text))),
        label,
    );
    f.render_widget(&editor.text, text);
    if let Some(d) = &editor.date {
        let [l, v] = Layout::horizontal([Constraint::Length(16), Constraint::Fill(1)]).areas(date);
        f.render_widget(
            Paragraph::new(Span::styled("Observed on", focus(Part::Date))),
            l,
        );
        f.render_widget(d, v);
    }
    f.render_widget(
        Paragraph::new(editor.error.clone().unwrap_or_default()).style(theme.error()),
        err,
    );
    let hint_text = POPUP_BINDINGS
        .iter()
        .filter(|b| {
            b.scope == PopupScope::Text
                || (b.scope == PopupScope::Choice && !editor.choices.is_empty())
        })
        .map(|b| format!("{} {}", keys_text(&b.keys[..1]), b.help.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" · ");
    f.render_widget(
        Paragraph::new(hint_text)
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
        hint,
    );
}

/// The `?` overlay: every binding, from the keymap itself.
fn help(theme: Theme, f: &mut Frame, screen: Rect, scroll: usize) {
    let area = centered(screen, 78, screen.height.saturating_sub(2));
    f.render_widget(Clear, area);
    let mut lines = Vec::new();
    for (title, global) in [("Everywhere", true), ("Queue and lead panes", false)] {
        lines.push(Line::styled(title.to_string(), theme.title()));
        let mut seen: Vec<&str> = Vec::new();
        for b in BINDINGS
            .iter()
            .filter(|b| (b.scope == Scope::Global) == global)
        {
            if seen.contains(&b.help) {
                continue;
            }
            seen.push(b.help);
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_text(b.keys)), theme.pass()),
                Span::raw(b.help),
            ]));
        }
    }
    for (title, scope) in [
        ("Lists and the refused-promotion panel", PopupScope::List),
        ("", PopupScope::Refused),
        ("Editing a field", PopupScope::Text),
        ("", PopupScope::Choice),
    ] {
        if !title.is_empty() {
            lines.push(Line::styled(title.to_string(), theme.title()));
        }
        for b in POPUP_BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<18}", keys_text(b.keys)), theme.pass()),
                Span::raw(b.help),
            ]));
        }
    }
    lines.push(Line::styled(
        "FRIN⚑: ICP fit, role relevance, intent, reason now, flags — ✓ passes, ✗ says no, · unknown, ⚑ flagged",
        theme.dim(),
    ));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    f.render_widget(
        Paragraph::new(lines)
            .block(frame("Keys (j/k scroll, any other key closes)", theme))
            .scroll((scroll, 0)),
        area,
    );
}

/// What an import did: the counts, the flags raised and the first rows skipped.
fn import_summary(s: &crate::import::FileSummary, theme: Theme, f: &mut Frame, screen: Rect) {
    let mut lines = vec![
        Line::from(format!(
            "{} rows read: {} created, {} merged, {} unchanged, {} skipped",
            s.read,
            s.created,
            s.merged,
            s.unchanged,
            s.skipped.len()
        )),
        Line::styled(
            format!(
                "{}, {}-separated, header on line {}, batch {}",
                s.encoding,
                s.delimiter,
                s.header_line,
                crate::domain::id::prefix(&s.batch, 8)
            ),
            theme.dim(),
        ),
    ];
    if !s.flagged.is_empty() {
        let flags: Vec<String> = s.flagged.iter().map(|(f, n)| format!("{f} {n}")).collect();
        lines.push(Line::from(format!("Flagged: {}", flags.join(", "))));
    }
    for skip in s.skipped.iter().take(8) {
        lines.push(Line::styled(
            format!(
                "{}:{}: {}",
                one_line(&s.file),
                skip.line,
                one_line(&skip.reason)
            ),
            theme.fail(),
        ));
    }
    if s.skipped.len() > 8 {
        lines.push(Line::from(format!("… and {} more", s.skipped.len() - 8)));
    }
    lines.push(Line::styled(
        "Any key closes · leadgate import --undo BATCH takes it back",
        theme.dim(),
    ));
    let height = u16::try_from(lines.len() + 2).unwrap_or(20);
    let area = centered(screen, 80, height);
    f.render_widget(Clear, area);
    let title = format!("Imported {}", one_line(&s.file));
    f.render_widget(
        Paragraph::new(lines)
            .block(frame(&title, theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}
