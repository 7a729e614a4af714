//! The Reports screen's state: the figures once worked out, their lines of text, and the keys
//! that scroll through them or leave.

use super::{App, Status};
use crate::report::Report;
use crate::tui::action::{Action, Command};

/// The Reports screen: the figures, the lines they are drawn as (worked out once, when they
/// arrive, not on every frame), and how far down it is scrolled.
#[derive(Debug, Default)]
pub struct ReportsView {
    pub report: Option<Box<Report>>,
    pub lines: Vec<String>,
    pub scroll: usize,
}

impl ReportsView {
    /// Takes in newly worked-out figures.
    pub(super) fn show(&mut self, report: Box<Report>) {
        self.lines = crate::tui::ui::reports::figure_lines(&report);
        self.report = Some(report);
    }
}

impl App {
    /// The report for the filters in force.
    pub(super) fn load_report(&self) -> Command {
        Command::LoadReport {
            source: self.source.clone(),
            owner: self.owner.clone(),
        }
    }

    /// On the Reports screen, the keys that move through it or leave it; `None` hands the
    /// action on to the main screen (a queue key leaves the Reports for that queue).
    pub(super) fn reports_key(&mut self, action: &Action) -> Option<Vec<Command>> {
        let (_, height) = self.size.unwrap_or((80, 24));
        let view = self.reports.as_mut()?;
        let page = crate::tui::ui::reports::figures_shown(height);
        let max = view.lines.len().saturating_sub(page);
        match action {
            Action::Down => view.scroll = (view.scroll + 1).min(max),
            Action::Up => view.scroll = view.scroll.saturating_sub(1),
            Action::PageDown => view.scroll = (view.scroll + page).min(max),
            Action::PageUp => view.scroll = view.scroll.saturating_sub(page),
            Action::Top => view.scroll = 0,
            Action::Bottom => view.scroll = max,
            Action::Reports => return Some(vec![self.load_report()]),
            Action::Back => self.reports = None,
            Action::Queue(_) | Action::NextQueue | Action::PrevQueue => {
                self.reports = None;
                return None;
            }
            Action::Help | Action::Quit => return None,
            _ => {
                self.status = Some(Status {
                    text: "Reports: Esc or a queue key (1-6) goes back to the leads".into(),
                    error: false,
                });
            }
        }
        Some(Vec::new())
    }
}
