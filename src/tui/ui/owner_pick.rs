//! The owner picker: the name typed, the known owners that match it, what Enter does.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{centered, fit};
use crate::tui::long_text::cut;
use crate::tui::owner_pick::{OwnerPick, SHOWN};
use crate::tui::theme::Theme;

pub fn owner_pick(pick: &OwnerPick, theme: Theme, f: &mut Frame, screen: Rect) {
    // Title, typed line, a gap, the owners, the message and the hint (two lines at 80).
    let height = u16::try_from(SHOWN + 7).unwrap_or(u16::MAX);
    let area = centered(screen, 64, height);
    f.render_widget(Clear, area);
    let title = format!("Assign {} to", cut(&pick.whom));
    let block = super::popups::frame(&fit::truncate(&title, 58), theme);
    let inner = block.inner(area);
    let room = usize::from(inner.width);
    f.render_widget(block, area);
    let [typed, list, message, hint_area] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(u16::try_from(SHOWN).unwrap_or(u16::MAX)),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let [label, line] =
        Layout::horizontal([Constraint::Length(7), Constraint::Fill(1)]).areas(typed);
    f.render_widget(Paragraph::new(Span::styled("Owner", theme.dim())), label);
    f.render_widget(&pick.text, line);
    let matches = pick.matches();
    let rows: Vec<Line> = if pick.owners.is_empty() {
        vec![Line::styled(
            " No owners yet: the name typed becomes the first",
            theme.dim(),
        )]
    } else if matches.is_empty() {
        vec![Line::styled(
            " No known owner matches: Enter gives the name as typed",
            theme.dim(),
        )]
    } else {
        matches
            .iter()
            .enumerate()
            .map(|(i, owner)| {
                // The pointer shows the choice without colour, too.
                let (style, pointer) = if pick.selected == Some(i) {
                    (theme.selected(), "›")
                } else {
                    (ratatui::style::Style::new(), " ")
                };
                let line = Line::styled(format!("{pointer}{}", cut(owner)), style);
                fit::truncate_line(&line, room)
            })
            .collect()
    };
    f.render_widget(Paragraph::new(rows), list);
    let error = pick.error.clone().unwrap_or_default();
    f.render_widget(
        Paragraph::new(fit::truncate_line(
            &Line::styled(error, theme.error()),
            room,
        )),
        message,
    );
    let hint = Line::styled(
        "Type a name · ↓ ↑ pick a known owner · Enter assign · - takes the owner off · Esc cancel",
        theme.dim(),
    );
    f.render_widget(Paragraph::new(fit::wrap(&hint, room, 0)), hint_area);
}
