//! Popups, drawn over a cleared area on top of the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use super::detail::{CHECK_INDENT, gate_title, item_line, more_marks};
use super::fit;
use crate::domain::ReasonCode;
use crate::store::FilterColumn;
use crate::tui::app::App;
use crate::tui::editor::{Editor, Part, text_label};
use crate::tui::keymap::{POPUP_BINDINGS, PopupKey, PopupScope, keys_text};
use crate::tui::long_text::{cut, show};
use crate::tui::popup::{Popup, Prompt};
use crate::tui::theme::Theme;

pub(super) fn frame<'a>(title: &str, theme: Theme) -> Block<'a> {
    Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.focused_border())
}

pub fn render(app: &App, popup: &Popup, theme: Theme, f: &mut Frame, screen: Rect) {
    match popup {
        Popup::Help { scroll } => super::help::help(theme, f, screen, *scroll),
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
                "Enter choose · j k g G or a letter move · Esc cancel",
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
            items.extend(values.iter().map(|v| (cut(v), String::new())));
            list(
                title,
                &items,
                *selected,
                "Enter choose · j k g G or a letter move · Esc cancel",
                theme,
                f,
                screen,
            );
        }
        Popup::Prompt {
            prompt,
            text,
            error,
        } => prompt_popup(prompt, text, error.as_deref(), theme, f, screen),
        Popup::ImportSummary(s) => import_summary(s, theme, f, screen),
        Popup::Changed { message, .. } => changed(message, theme, f, screen),
        Popup::NotWritten { message, .. } => not_written(message, theme, f, screen),
        Popup::Refused { selected, .. } => refused(app, *selected, theme, f, screen),
        Popup::Editor(editor) => edit(editor, theme, f, screen),
        Popup::Package { lead_id, selected } => {
            super::handoff::package(app, lead_id, *selected, theme, f, screen);
        }
        Popup::Pick { pick, selected, .. } => {
            let items: Vec<(String, String)> = pick
                .items()
                .into_iter()
                .map(|(name, label)| (name.to_string(), label.to_string()))
                .collect();
            list(
                pick.title(),
                &items,
                *selected,
                "Enter choose · j k g G or a letter move · Esc cancel",
                theme,
                f,
                screen,
            );
        }
        Popup::Stakeholder(form) => super::handoff::stakeholder(form, theme, f, screen),
        Popup::AddLead(form) => super::lead_form::lead_form(form, theme, f, screen),
        Popup::Owner(pick) => super::owner_pick::owner_pick(pick, theme, f, screen),
        Popup::Search { text } => search_line(app, text, theme, f, screen),
        Popup::History(view) => super::history::render(view, theme, f, screen),
        Popup::ConfirmBulk { change, note } => {
            super::bulk::confirm_bulk(app, change, note.as_deref(), theme, f, screen);
        }
        Popup::BulkResult {
            title,
            lines,
            undoable,
        } => {
            super::bulk::bulk_result(title, lines, *undoable, theme, f, screen);
        }
    }
}

/// The search being typed, over the tab bar: the words, then how many leads they find and
/// what Enter and Esc do. The list under it is already filtered.
fn search_line(
    app: &App,
    text: &ratatui_textarea::TextArea<'static>,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let row = Rect::new(screen.x, screen.y, screen.width, 1);
    let found = match app.search_count() {
        _ if app.search.is_none() => String::new(),
        _ if app.counting() => "counting…".to_string(),
        Some(c) if c.more => format!("{}+ found", c.count),
        Some(c) => format!("{} found", c.count),
        None => String::new(),
    };
    let tail = format!(
        "  {found}{}Enter keep · Esc clear ",
        if found.is_empty() { "" } else { " · " }
    );
    let label = " Search: ";
    let tail_width = u16::try_from(fit::width(&tail)).unwrap_or(u16::MAX);
    let label_width = u16::try_from(fit::width(label)).unwrap_or(0);
    let [at_label, at_text, at_tail] = Layout::horizontal([
        Constraint::Length(label_width),
        Constraint::Fill(1),
        Constraint::Length(tail_width.min(row.width.saturating_sub(label_width + 8))),
    ])
    .areas(row);
    f.render_widget(Clear, row);
    f.render_widget(
        Paragraph::new(Span::styled(label, theme.active_tab())),
        at_label,
    );
    f.render_widget(text, at_text);
    f.render_widget(
        Paragraph::new(fit::truncate_line(
            &Line::styled(tail, theme.dim()),
            usize::from(at_tail.width),
        )),
        at_tail,
    );
}

/// A prompt: a title, what is asked, the text typed, the paths Tab found, any error, and
/// what Enter does.
fn prompt_popup(
    prompt: &Prompt,
    text: &ratatui_textarea::TextArea<'static>,
    error: Option<&str>,
    theme: Theme,
    f: &mut Frame,
    screen: Rect,
) {
    let (title, ask) = prompt.question();
    let width = 72.min(screen.width);
    let room = usize::from(width.saturating_sub(2));
    let asked = fit::wrap(&Line::from(ask), room, 0);
    let mut found: Vec<Line> = Vec::new();
    if let Prompt::ImportPath { matches } = prompt
        && !matches.is_empty()
    {
        let names = Line::styled(matches.join("  "), theme.dim());
        found = fit::wrap(&names, room, 0);
        if found.len() > 4 {
            found.truncate(4);
            found[3] =
                fit::truncate_line(&Line::styled(format!("{} …", found[3]), theme.dim()), room);
        }
    }
    let errors = error.map_or_else(Vec::new, |e| {
        fit::wrap(&Line::styled(e.to_string(), theme.error()), room, 0)
    });
    let hint = fit::wrap(&Line::styled(prompt_hint(prompt), theme.dim()), room, 0);
    let typing: u16 = if prompt.multi_line() { 3 } else { 1 };
    let rows = |v: &Vec<Line>| u16::try_from(v.len()).unwrap_or(1);
    let height = 2 + rows(&asked) + typing + rows(&found) + rows(&errors).max(1) + rows(&hint);
    let area = centered(screen, width, height);
    f.render_widget(Clear, area);
    let block = frame(&fit::truncate(&title, room.saturating_sub(2)), theme);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [ask_at, edit_at, found_at, err_at, hint_at] = Layout::vertical([
        Constraint::Length(rows(&asked)),
        Constraint::Fill(1),
        Constraint::Length(rows(&found)),
        Constraint::Length(rows(&errors).max(1)),
        Constraint::Length(rows(&hint)),
    ])
    .areas(inner);
    f.render_widget(Paragraph::new(asked), ask_at);
    f.render_widget(text, edit_at);
    f.render_widget(Paragraph::new(found), found_at);
    f.render_widget(Paragraph::new(errors), err_at);
    f.render_widget(Paragraph::new(hint), hint_at);
}

/// What the keys of a prompt do: "Enter import · Tab complete · Esc cancel".
fn prompt_hint(prompt: &Prompt) -> String {
    let key = |k: PopupKey| {
        POPUP_BINDINGS
            .iter()
            .find(|b| b.scope == PopupScope::Text && b.key == k)
            .map_or_else(String::new, |b| keys_text(&b.keys[..1]))
    };
    let mut parts = vec![format!(
        "{} {}",
        key(PopupKey::Confirm),
        prompt.enter_does()
    )];
    if matches!(prompt, Prompt::ImportPath { .. }) {
        parts.push(format!("{} complete the path", key(PopupKey::NextPart)));
    }
    if prompt.multi_line() {
        parts.push(format!("{} new line", key(PopupKey::Newline)));
    }
    parts.push(format!("{} cancel", key(PopupKey::Cancel)));
    parts.join(" · ")
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
    let inner = usize::from(area.width.saturating_sub(2));
    let room = usize::from(area.height.saturating_sub(3)).max(1);
    let first = selected.saturating_sub(room - 1);
    // Names in full up to a point: "missing_role_relevance" is one of the longest.
    let w = items
        .iter()
        .map(|(name, _)| fit::width(name))
        .max()
        .unwrap_or(0)
        .clamp(20, 24);
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
            let line = Line::from(vec![
                Span::styled(format!(" {:<w$}", fit::truncate(name, w)), style),
                Span::styled(format!(" {label}"), theme.dim()),
            ]);
            fit::truncate_line(&line, inner)
        })
        .collect();
    lines.push(fit::truncate_line(
        &Line::styled(hint.to_string(), theme.dim()),
        inner,
    ));
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
    let room = usize::from(inner.width);
    let hint_rows = fit::wrap(&Line::styled(editor_hint(editor), theme.dim()), room, 0);
    f.render_widget(block, area);
    let date_height = if editor.second.is_some() { 2 } else { 0 };
    let choice_height = if editor.choices.is_empty() { 0 } else { 2 };
    let [choice, label, text, date, err, hint] = Layout::vertical([
        Constraint::Length(choice_height),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(date_height),
        Constraint::Length(1),
        Constraint::Length(u16::try_from(hint_rows.len()).unwrap_or(2)),
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
    if let Some(d) = &editor.second {
        let [l, v] = Layout::horizontal([Constraint::Length(16), Constraint::Fill(1)]).areas(date);
        f.render_widget(
            Paragraph::new(Span::styled(
                crate::tui::editor::second_label(editor.field),
                focus(Part::Second),
            )),
            l,
        );
        f.render_widget(d, v);
    }
    let error = editor
        .error
        .clone()
        .or_else(|| editor.cut.clone())
        .unwrap_or_default();
    f.render_widget(
        Paragraph::new(fit::truncate(&error, room)).style(theme.error()),
        err,
    );
    f.render_widget(Paragraph::new(hint_rows), hint);
}

/// The editor's keys, each named as the keymap binds it.
fn editor_hint(editor: &Editor) -> String {
    let keys = |scope: PopupScope, k: PopupKey| {
        POPUP_BINDINGS
            .iter()
            .find(|b| b.scope == scope && b.key == k)
            .map_or_else(String::new, |b| keys_text(b.keys))
    };
    let text = |k: PopupKey| keys(PopupScope::Text, k);
    let mut parts = vec![
        format!("{} save", text(PopupKey::Confirm)),
        format!("{} cancel", text(PopupKey::Cancel)),
    ];
    if editor.choices.is_empty() && editor.second.is_none() {
        parts.push(format!("{} new line", text(PopupKey::Newline)));
    } else {
        parts.push(format!("{} next part", text(PopupKey::NextPart)));
        parts.push(format!("{} new line", text(PopupKey::Newline)));
    }
    if !editor.choices.is_empty() {
        parts.push(format!(
            "{} {} change the value",
            keys(PopupScope::Choice, PopupKey::Left),
            keys(PopupScope::Choice, PopupKey::Right)
        ));
    }
    parts.join(" · ")
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
            format!("{}:{}: {}", show(&s.file), skip.line, show(&skip.reason)),
            theme.fail(),
        ));
    }
    if s.skipped.len() > 8 {
        lines.push(Line::from(format!("… and {} more", s.skipped.len() - 8)));
    }
    for fix in s.repaired.iter().take(4) {
        lines.push(Line::from(format!(
            "{}:{}: {}",
            show(&s.file),
            fix.line,
            show(&fix.reason)
        )));
    }
    if s.repaired.len() > 4 {
        lines.push(Line::from(format!(
            "… and {} more repaired",
            s.repaired.len() - 4
        )));
    }
    // Columns the importer filled by their values, not their headers: worth a look.
    let guessed: Vec<String> = s
        .mapping
        .iter()
        .filter(|c| c.field != "attribute" && c.why.starts_with("content:"))
        .map(|c| format!("{} ← '{}'", c.field, show(&c.header)))
        .collect();
    if !guessed.is_empty() {
        lines.push(Line::from(format!(
            "By their values: {}",
            guessed.join(", ")
        )));
    }
    lines.push(Line::styled(
        "Any key closes · u takes this import back",
        theme.dim(),
    ));
    let height = u16::try_from(lines.len() + 2).unwrap_or(20);
    let area = centered(screen, 80, height);
    f.render_widget(Clear, area);
    let title = format!("Imported {}", show(&s.file));
    f.render_widget(
        Paragraph::new(lines)
            .block(frame(&title, theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Another program changed the record first: what changed, and the choice.
fn changed(message: &str, theme: Theme, f: &mut Frame, screen: Rect) {
    let lines = vec![
        Line::from(show(message)),
        Line::from(""),
        Line::styled("Enter writes yours over it · Esc keeps theirs", theme.dim()),
    ];
    let area = centered(screen, 72, 8);
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .block(frame("Changed by someone else", theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn not_written(message: &str, theme: Theme, f: &mut Frame, screen: Rect) {
    let lines = vec![
        Line::styled(show(message), theme.fail()),
        Line::from(""),
        Line::styled(
            "Your change is kept here: Enter tries it again · Esc drops it",
            theme.dim(),
        ),
    ];
    let area = centered(screen, 72, 9);
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .block(frame("Not written", theme))
            .wrap(Wrap { trim: false }),
        area,
    );
}
