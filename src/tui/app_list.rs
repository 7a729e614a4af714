//! Moving through the list: a window of rows around the selection, paged in by key.

use super::{App, Focus, PAGE, WINDOW};
use crate::domain::queue::Marks;
use crate::store::{Direction, ListRow};
use crate::tui::action::{Command, Placement};

impl App {
    pub(super) fn down(&mut self, by: usize) -> Vec<Command> {
        match self.focus {
            Focus::Queue => self.select(self.selected.saturating_add(by)),
            Focus::Detail => {
                self.field = (self.field + by).min(self.detail_items() - 1);
                Vec::new()
            }
            Focus::Timeline => {
                let events = self.detail.as_ref().map_or(0, |d| d.events.len());
                self.timeline_scroll = (self.timeline_scroll + by).min(events.saturating_sub(1));
                Vec::new()
            }
        }
    }

    pub(super) fn up(&mut self, by: usize) -> Vec<Command> {
        match self.focus {
            Focus::Queue => {
                if by > self.selected && self.has_before {
                    let from = self.rows.first().map(|r| r.key.clone());
                    let up = by - self.selected;
                    return vec![Command::LoadPage {
                        from,
                        dir: Direction::Backward,
                        placement: Placement::Prepend { up },
                    }];
                }
                self.select(self.selected.saturating_sub(by))
            }
            Focus::Detail => {
                self.field = self.field.saturating_sub(by);
                Vec::new()
            }
            Focus::Timeline => {
                self.timeline_scroll = self.timeline_scroll.saturating_sub(by);
                Vec::new()
            }
        }
    }

    /// Selects row `target`, reading the next page first when it lies beyond the window.
    fn select(&mut self, target: usize) -> Vec<Command> {
        if target >= self.rows.len() && self.has_after {
            let from = self.rows.last().map(|r| r.key.clone());
            return vec![Command::LoadPage {
                from,
                dir: Direction::Forward,
                placement: Placement::Append { select: target },
            }];
        }
        let target = target.min(self.rows.len().saturating_sub(1));
        self.set_selected(target)
    }

    /// Moves the selection; the detail pane follows.
    pub(super) fn set_selected(&mut self, index: usize) -> Vec<Command> {
        let before = self.detail.as_ref().map(|d| d.lead.id.clone());
        self.selected = index.min(self.rows.len().saturating_sub(1));
        // Keep the selection on screen, scrolling as little as possible.
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + self.page_rows {
            self.offset = self.selected + 1 - self.page_rows;
        }
        let id = self.selected_row().map(|r| r.lead.id.clone());
        match id {
            None => {
                self.detail = None;
                Vec::new()
            }
            Some(id) if before.as_deref() != Some(id.as_str()) => {
                self.timeline_scroll = 0;
                vec![Command::LoadDetail(id)]
            }
            Some(_) => Vec::new(),
        }
    }

    /// The rows not in the window already.
    fn unseen(&self, rows: Vec<ListRow>) -> Vec<ListRow> {
        rows.into_iter()
            .filter(|r| !self.rows.iter().any(|have| have.lead.id == r.lead.id))
            .collect()
    }

    /// Joins a page of rows to the list as `placement` says.
    pub(super) fn place(
        &mut self,
        rows: Vec<ListRow>,
        asked: usize,
        placement: Placement,
    ) -> Vec<Command> {
        let full = rows.len() == asked;
        match placement {
            Placement::Replace { select } => {
                let from_end = select == usize::MAX;
                self.rows = rows;
                self.offset = if from_end {
                    self.rows.len().saturating_sub(self.page_rows)
                } else {
                    0
                };
                self.has_before = from_end && full;
                self.has_after = !from_end && full;
                self.detail = None;
                self.set_selected(select)
            }
            Placement::Append { select } => {
                self.has_after = full;
                // A lead whose score changed while on screen may come round again.
                let rows = self.unseen(rows);
                self.rows.extend(rows);
                let drop = self.rows.len().saturating_sub(WINDOW);
                if drop > 0 {
                    self.rows.drain(..drop);
                    self.offset = self.offset.saturating_sub(drop);
                    self.has_before = true;
                }
                self.set_selected(select.saturating_sub(drop))
            }
            Placement::Refresh { keep } => {
                // The rows read start at the first one on screen: what was above stays reachable.
                let place = self.selected.saturating_sub(self.offset);
                self.has_before = self.has_before || self.offset > 0;
                self.has_after = full;
                self.rows = rows;
                self.offset = 0;
                let found = keep
                    .as_ref()
                    .and_then(|id| self.rows.iter().position(|r| &r.lead.id == id));
                // The lead pane is read again too: it may be the lead that changed.
                self.detail = None;
                let mut commands = self.set_selected(found.unwrap_or(place));
                if let (None, Some(id)) = (found, keep) {
                    commands.push(Command::Locate(id));
                }
                commands
            }
            Placement::Prepend { up } => {
                self.has_before = full;
                let rows = self.unseen(rows);
                let added = rows.len();
                let mut joined = rows;
                joined.append(&mut self.rows);
                self.rows = joined;
                self.offset += added;
                if self.rows.len() > WINDOW {
                    self.rows.truncate(WINDOW);
                    self.has_after = true;
                }
                // `up` counts rows above the old first row, which now sits at `added`.
                self.set_selected(added.saturating_sub(up))
            }
        }
    }

    /// Rows read from a lead that moved: it is selected at the top of the window.
    pub(super) fn located(&mut self, rows: Vec<ListRow>) -> Vec<Command> {
        let full = rows.len() == PAGE;
        self.rows = rows;
        self.offset = 0;
        self.has_before = true;
        self.has_after = full;
        self.set_selected(0)
    }

    /// Whether `lead`, as it is now, belongs to the list on screen.
    #[must_use]
    pub fn belongs(&self, lead: &crate::domain::Lead) -> bool {
        let matches =
            |filter: &Option<String>, value: &Option<String>| filter.is_none() || filter == value;
        self.search.is_none()
            && matches(&self.source, &lead.contact.source)
            && matches(&self.owner, &lead.contact.owner)
            && self.queue.contains(
                lead.stage,
                lead.state,
                lead.review_due_at,
                self.now,
                Marks::of(lead, &self.rules.standing(lead, self.now)),
            )
    }

    /// After rows leave the list, reads more if the window is running short.
    pub(super) fn refill(&self) -> Option<Command> {
        let left = self.rows.len().saturating_sub(self.selected);
        (self.has_after && left < self.page_rows.max(PAGE / 4)).then(|| Command::LoadPage {
            from: self.rows.last().map(|r| r.key.clone()),
            dir: Direction::Forward,
            placement: Placement::Append {
                select: self.selected,
            },
        })
    }
}
