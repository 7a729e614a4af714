//! The workstation's state and how actions change it. No terminal and no database here: IO is
//! asked for with commands, and results come back as actions.

use chrono::{DateTime, Utc};

use super::action::{Action, Command, Placement};
use super::popup::{Parking, Popup, Prompt};
use crate::domain::field::field_of;
use crate::domain::field::{Field, current, parse_edit};
use crate::domain::gate::checklist;
use crate::domain::{BulkChange, CheckItem, Checklist, IcpFit, Lead, Queue, RoleRelevance, Rules};
use crate::store::{Direction, Event, ListRow, ListSource};

/// Rows read per page.
pub const PAGE: usize = 100;
/// Rows kept around the selection; the rest are dropped and re-read when needed.
pub const WINDOW: usize = 400;
/// Events shown in the timeline.
pub const TIMELINE: usize = 50;

/// Said when a key that works one lead at a time is pressed with leads marked.
const MARKED_KEYS_WARNING: &str =
    "Marked leads take p n x D R a f w; Esc clears the marks to work one lead";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Detail,
    Timeline,
}

/// The selected lead, in full, with its latest events (newest first).
#[derive(Debug, Clone)]
pub struct Detail {
    pub lead: Lead,
    /// The priority score and the rules' suggestions, worked out when the lead loads so that
    /// drawing only reads them.
    pub score: crate::domain::score::Score,
    pub suggestions: crate::domain::icp::Suggestions,
    /// Days an open deal has gone without a change, once past the rules' stalled window.
    pub stalled: Option<i64>,
    /// Whether a prospect's or opportunity's evidence still supports its stage.
    pub support: Option<crate::domain::Support>,
    /// The shortest unambiguous prefix of the lead's id.
    pub short_id: String,
    pub events: Vec<Event>,
    /// Each event in words, made safe and cut once when the lead loads: an entry holding a
    /// 1 MiB value is not described again on every frame.
    pub history: Vec<String>,
    /// The tools the lead was exported to, and when (newest first).
    pub sent: Vec<(String, DateTime<Utc>)>,
    /// Its touches, oldest first, and its handoff package judged on them.
    pub touches: Vec<crate::domain::touch::Touch>,
    pub package: Vec<crate::domain::handoff::PackageCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// The fields the detail pane lists, in order; the gate's evidence first.
pub const DETAIL_FIELDS: &[Field] = &[
    Field::IcpFit,
    Field::RoleRelevance,
    Field::IntentSource,
    Field::ReasonNow,
    Field::PainPoint,
    Field::NextStep,
    Field::Timeline,
    Field::BudgetPath,
    Field::DealSize,
    Field::LastActivity,
    Field::Name,
    Field::Email,
    Field::Title,
    Field::Company,
    Field::Domain,
    Field::Industry,
    Field::Employees,
    Field::Country,
    Field::City,
    Field::Phone,
    Field::LinkedinUrl,
    Field::Source,
    Field::Owner,
];

pub struct App {
    pub now: DateTime<Utc>,
    pub rules: Rules,
    pub queue: Queue,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub search: Option<String>,
    pub counts: Vec<(Queue, u64)>,
    pub rows: Vec<ListRow>,
    pub selected: usize,
    /// The first list row on screen.
    pub offset: usize,
    pub has_before: bool,
    pub has_after: bool,
    pub page_rows: usize,
    /// The terminal's columns and rows, once known.
    pub size: Option<(u16, u16)>,
    pub detail: Option<Detail>,
    pub focus: Focus,
    pub field: usize,
    pub timeline_scroll: usize,
    pub popups: Vec<Popup>,
    pub status: Option<Status>,
    undo: Vec<UndoEntry>,
    pub quit: bool,
    /// Draw without colour (the NO_COLOR convention).
    pub no_color: bool,
    /// The database file cannot be written: said in the top bar, before anyone tries.
    pub read_only: bool,
    /// The Reports screen, when open: it covers the queue and the lead.
    pub reports: Option<ReportsView>,
    /// The leads a bulk action applies to.
    pub marks: Marks,
    /// How many leads the search typed finds.
    search_count: Option<SearchCount>,
    /// What waits for a pause in the typing: the count of the search typed.
    settle: Option<Command>,
}

impl App {
    #[must_use]
    pub fn new(now: DateTime<Utc>, rules: Rules) -> Self {
        Self {
            now,
            rules,
            queue: Queue::Today,
            source: None,
            owner: None,
            search: None,
            counts: Vec::new(),
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            has_before: false,
            has_after: false,
            page_rows: 20,
            size: None,
            detail: None,
            focus: Focus::Queue,
            field: 0,
            timeline_scroll: 0,
            popups: Vec::new(),
            status: None,
            undo: Vec::new(),
            quit: false,
            no_color: false,
            read_only: false,
            reports: None,
            marks: Marks::default(),
            search_count: None,
            settle: None,
        }
    }

    /// The commands that fill the screen at start.
    #[must_use]
    pub fn start(&self) -> Vec<Command> {
        vec![Command::LoadCounts, reload()]
    }

    /// What the list shows now.
    #[must_use]
    pub fn list(&self) -> ListSource {
        match &self.search {
            Some(text) => ListSource::Search(text.clone()),
            None => ListSource::Queue {
                queue: self.queue,
                source: self.source.clone(),
                owner: self.owner.clone(),
            },
        }
    }

    /// The lead under the cursor.
    #[must_use]
    pub fn selected_row(&self) -> Option<&ListRow> {
        self.rows.get(self.selected)
    }

    /// The checklist of the selected lead's next gate, judged now.
    #[must_use]
    pub fn checklist(&self) -> Option<Checklist> {
        let lead = &self.detail.as_ref()?.lead;
        checklist(
            lead.stage,
            &lead.evidence,
            self.now.date_naive(),
            &self.rules.gates,
        )
    }

    /// The refused-promotion panel's items: what is missing first, then what passes, each in
    /// the gate's order, so that a long note on a passing item never pushes a failing one
    /// out of sight.
    #[must_use]
    pub fn refused_items(&self) -> Vec<CheckItem> {
        let mut items = self.checklist().map(|c| c.items).unwrap_or_default();
        items.sort_by_key(|i| i.passed);
        items
    }

    /// How many items the lead pane's cursor can be on: every field, then every column of an
    /// imported file that maps to no field.
    #[must_use]
    pub fn detail_items(&self) -> usize {
        DETAIL_FIELDS.len() + self.detail.as_ref().map_or(0, |d| d.lead.attributes.len())
    }

    /// Whether the terminal is too small to draw the workstation in: it shows only a message
    /// then, and takes no key but quit.
    #[must_use]
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < super::ui::MIN_WIDTH || h < super::ui::MIN_HEIGHT)
    }

    /// The count shown on a queue's tab.
    #[must_use]
    pub fn count(&self, queue: Queue) -> Option<u64> {
        self.counts.iter().find(|c| c.0 == queue).map(|c| c.1)
    }

    pub(crate) fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }

    /// Applies an action; returns the IO it needs. Every write states the version of the
    /// record it was shown, so a change another program made meanwhile refuses it.
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        let mut commands = self.update_inner(action);
        for command in &mut commands {
            if let Some((id, expect @ None)) = command.expectation() {
                *expect = self.shown_version(id);
            }
        }
        commands
    }

    /// The version of a lead as the screen shows it: the lead pane's, else its row's.
    #[must_use]
    pub fn shown_version(&self, id: &str) -> Option<i64> {
        self.detail
            .as_ref()
            .filter(|d| d.lead.id == id)
            .map(|d| d.lead.version)
            .or_else(|| {
                self.rows
                    .iter()
                    .find(|r| r.lead.id == id)
                    .map(|r| r.lead.version)
            })
    }

    fn update_inner(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Done(outcome) => return self.outcome(outcome),
            Action::Resize { width, height } => {
                self.size = Some((width, height));
                self.page_rows = super::ui::queue_rows(height);
            }
            Action::Refresh => return self.refresh(),
            Action::Settled => return self.settled(),
            _ if self.too_small() => {
                // Nothing is on screen but the message: only quitting acts.
                let q = |k: &ratatui::crossterm::event::KeyEvent| {
                    k.code == ratatui::crossterm::event::KeyCode::Char('q')
                };
                if matches!(&action, Action::Quit) || matches!(&action, Action::Input(k) if q(k)) {
                    self.quit = true;
                }
                return Vec::new();
            }
            Action::Input(key) => return self.popup_key(key),
            _ => {}
        }
        if !self.popups.is_empty() {
            return Vec::new();
        }
        self.status = None;
        if let Some(commands) = self.reports_key(&action) {
            return commands;
        }
        match action {
            Action::Down => return self.down(1),
            Action::Up => return self.up(1),
            Action::PageDown => return self.down(self.page_rows),
            Action::PageUp => return self.up(self.page_rows),
            Action::Top if self.focus == Focus::Detail => self.field = 0,
            Action::Bottom if self.focus == Focus::Detail => {
                self.field = self.detail_items() - 1;
            }
            Action::Top if self.focus == Focus::Timeline => self.timeline_scroll = 0,
            Action::Bottom if self.focus == Focus::Timeline => {
                let events = self.detail.as_ref().map_or(0, |d| d.events.len());
                self.timeline_scroll = events.saturating_sub(1);
            }
            Action::Top => return vec![reload()],
            Action::Bottom => {
                return vec![Command::LoadPage {
                    from: None,
                    dir: Direction::Backward,
                    placement: Placement::Replace { select: usize::MAX },
                }];
            }
            Action::FocusNext | Action::FocusPrev => {
                let order = [Focus::Queue, Focus::Detail, Focus::Timeline];
                let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                let step = if matches!(action, Action::FocusNext) {
                    1
                } else {
                    2
                };
                self.focus = order[(at + step) % 3];
            }
            Action::Queue(q) => return self.switch(q),
            Action::NextQueue | Action::PrevQueue => {
                let at = Queue::ALL
                    .iter()
                    .position(|q| *q == self.queue)
                    .unwrap_or(0);
                let n = Queue::ALL.len();
                let step = if matches!(action, Action::NextQueue) {
                    1
                } else {
                    n - 1
                };
                return self.switch(Queue::ALL[(at + step) % n]);
            }
            Action::Promote if self.has_marks() => {
                self.popups.push(Popup::ConfirmBulk {
                    change: BulkChange::Decide(crate::domain::Decision::Promote),
                    note: None,
                });
            }
            Action::Reopen if self.has_marks() => {
                self.popups.push(Popup::ConfirmBulk {
                    change: BulkChange::Decide(crate::domain::Decision::Reopen),
                    note: None,
                });
            }
            Action::Accept if self.has_marks() => {
                self.popups.push(Popup::ConfirmBulk {
                    change: BulkChange::Accept,
                    note: None,
                });
            }
            Action::ResolveFlag if self.has_marks() => {
                self.popups.push(Popup::Pick {
                    lead_id: String::new(),
                    pick: super::popup::Pick::BulkFlag,
                    selected: 0,
                });
            }
            Action::CycleIcpFit | Action::CycleRoleRelevance if self.has_marks() => {
                self.warn(MARKED_KEYS_WARNING);
            }
            Action::AssignOwner => return self.open_owner_pick(),
            Action::Promote => return self.decide(crate::domain::Decision::Promote, None),
            Action::Nurture | Action::Disqualify | Action::Demote => {
                if let Some(target) = self.target() {
                    let parking = match action {
                        Action::Nurture => Parking::Nurture,
                        Action::Demote => Parking::Demote,
                        _ => Parking::Disqualify,
                    };
                    self.popups.push(Popup::Reasons {
                        target,
                        parking,
                        selected: 0,
                    });
                }
            }
            Action::Mark => self.mark(),
            Action::MarkRange => self.mark_range(),
            Action::MarkAll => return self.mark_all(),
            Action::Reopen => {
                if let Some(row) = self.selected_row().filter(|r| r.lead.opted_out()) {
                    let prompt = Prompt::ReopenOptedOut {
                        lead_id: row.lead.id.clone(),
                        name: row.lead.contact.name.clone(),
                    };
                    self.popups.push(Popup::Prompt {
                        prompt,
                        text: Box::default(),
                        error: None,
                    });
                    return Vec::new();
                }
                return self.decide(crate::domain::Decision::Reopen, None);
            }
            Action::Accept => return self.accept(),
            Action::Undo => return self.undo(),
            Action::Edit if self.focus == Focus::Timeline => return self.open_history(),
            Action::History => return self.open_history(),
            Action::AddLead => self.popups.push(Popup::AddLead(Box::default())),
            Action::Edit => self.edit(),
            Action::CycleIcpFit => return self.cycle(Field::IcpFit),
            Action::CycleRoleRelevance => return self.cycle(Field::RoleRelevance),
            Action::ResolveFlag => self.open_flag_popup(),
            Action::Import => self.prompt(Prompt::ImportPath {
                matches: Vec::new(),
            }),
            Action::Search => self.open_search(),
            Action::FilterSource => {
                return vec![Command::LoadValues(crate::store::FilterColumn::Source)];
            }
            Action::FilterOwner => {
                return vec![Command::LoadValues(crate::store::FilterColumn::Owner)];
            }
            Action::Back if self.clear_marks() => {}
            Action::Back => {
                if self.search.take().is_some()
                    || self.source.take().is_some() | self.owner.take().is_some()
                {
                    return vec![reload()];
                }
            }
            Action::Reports => {
                self.reports = Some(ReportsView::default());
                return vec![self.load_report()];
            }
            Action::Package => self.open_package(),
            Action::LogTouch => self.open_touch(),
            Action::Help => self.popups.push(Popup::Help { scroll: 0 }),
            Action::Quit => self.quit = true,
            Action::Input(_)
            | Action::Done(_)
            | Action::Resize { .. }
            | Action::Refresh
            | Action::Settled => {}
        }
        Vec::new()
    }

    /// How far the help overlay can scroll on this terminal.
    pub(super) fn help_max_scroll(&self) -> usize {
        let (w, h) = self.size.unwrap_or((80, 24));
        super::ui::help::help_max_scroll(w, h)
    }

    /// Another program changed the database: the counts, the rows on screen and the selected
    /// lead are read again, keeping the selection and the scroll.
    fn refresh(&mut self) -> Vec<Command> {
        let from = self.rows.get(self.offset).map(|r| r.key.clone());
        let keep = self.selected_row().map(|r| r.lead.id.clone());
        vec![
            Command::LoadCounts,
            Command::LoadPage {
                dir: if from.is_some() {
                    Direction::From
                } else {
                    Direction::Forward
                },
                from,
                placement: Placement::Refresh { keep },
            },
        ]
    }

    fn switch(&mut self, queue: Queue) -> Vec<Command> {
        self.queue = queue;
        self.search = None;
        vec![Command::LoadCounts, reload()]
    }

    /// Asks the store to carry out a decision on the selected lead.
    fn decide(&mut self, decision: crate::domain::Decision, note: Option<String>) -> Vec<Command> {
        let Some(row) = self.selected_row() else {
            return Vec::new();
        };
        vec![Command::Decide {
            id: row.lead.id.clone(),
            decision,
            note,
            expect: None,
            undoes: None,
        }]
    }

    fn edit(&mut self) {
        self.field = self.field.min(self.detail_items() - 1);
        let Some(detail) = &self.detail else { return };
        if self.focus == Focus::Timeline {
            return; // the history is read-only: Enter there opens it in full (`update_inner`)
        }
        if self.focus == Focus::Queue {
            // From the queue, Enter goes to the first piece of evidence the gate still lacks.
            let missing = self
                .checklist()
                .and_then(|c| c.missing().find_map(|i| field_of(i.item)));
            self.focus = Focus::Detail;
            self.field = missing
                .and_then(|f| DETAIL_FIELDS.iter().position(|d| *d == f))
                .unwrap_or(0);
            return;
        }
        let Some(&field) = DETAIL_FIELDS.get(self.field) else {
            let column = detail
                .lead
                .attributes
                .keys()
                .nth(self.field - DETAIL_FIELDS.len())
                .map_or_else(String::new, |k| crate::safe_text::one_line(k));
            self.say(format!(
                "{column} is a column of the imported file, kept as it came; it is not edited here"
            ));
            return;
        };
        let editor = super::editor::Editor::new(
            &detail.lead,
            field,
            self.now.date_naive(),
            self.rules.gates.reason_now_window_days,
        );
        self.popups.push(Popup::Editor(Box::new(editor)));
    }

    fn prompt(&mut self, prompt: Prompt) {
        self.popups.push(Popup::Prompt {
            prompt,
            text: Box::default(),
            error: None,
        });
    }

    /// Opens the note prompt for the selected lead's first open exclusion flag.
    pub(super) fn open_flag_popup(&mut self) {
        let Some(detail) = &self.detail else { return };
        match detail.lead.evidence.flags.iter().find(|f| f.is_open()) {
            Some(open) => {
                let (lead_id, reason) = (detail.lead.id.clone(), open.reason.clone());
                let prompt = if open.flag == crate::domain::Flag::DoNotContact {
                    Prompt::ConsentDay { lead_id, reason }
                } else {
                    Prompt::ResolveFlag {
                        lead_id,
                        flag: open.flag,
                        reason,
                        consent_on: None,
                    }
                };
                self.popups.push(Popup::Prompt {
                    prompt,
                    text: Box::default(),
                    error: None,
                });
            }
            None => self.say("No open flag on this lead"),
        }
    }

    /// Accepts the rules' suggestions for the selected lead: the person becomes the one who
    /// verified them, with the matching rules as the why.
    fn accept(&mut self) -> Vec<Command> {
        let Some(detail) = &self.detail else {
            return Vec::new();
        };
        let edits = crate::domain::icp::accepting_edits(&detail.suggestions);
        let id = detail.lead.id.clone();
        if edits.is_empty() {
            self.say("The rules suggest nothing for this lead");
        }
        edits
            .into_iter()
            .map(|edit| Command::SetField {
                id: id.clone(),
                edit,
                expect: None,
                undoes: None,
            })
            .collect()
    }

    /// One key per tri-state field: unknown → fit → not fit → unknown, keeping the stated why.
    fn cycle(&mut self, field: Field) -> Vec<Command> {
        let Some(detail) = &self.detail else {
            return Vec::new();
        };
        let (value, why) = current(&detail.lead, field);
        let next = match field {
            Field::IcpFit => match value.as_deref().and_then(|v| IcpFit::parse(v).ok()) {
                Some(IcpFit::Unknown) | None => "fit",
                Some(IcpFit::Fit) => "not_fit",
                Some(IcpFit::NotFit) => "unknown",
            },
            _ => match value.as_deref().and_then(|v| RoleRelevance::parse(v).ok()) {
                Some(RoleRelevance::Unknown) | None => "relevant",
                Some(RoleRelevance::Relevant) => "not_relevant",
                Some(RoleRelevance::NotRelevant) => "unknown",
            },
        };
        match parse_edit(field, next, why.as_deref(), None, self.now.date_naive()) {
            Ok(edit) => vec![Command::SetField {
                id: detail.lead.id.clone(),
                edit,
                expect: None,
                undoes: None,
            }],
            Err(e) => {
                self.warn(e.to_string());
                Vec::new()
            }
        }
    }
}

fn reload() -> Command {
    Command::LoadPage {
        from: None,
        dir: Direction::Forward,
        placement: Placement::Replace { select: 0 },
    }
}

#[path = "app_assign.rs"]
mod assign;
#[path = "app_handoff.rs"]
mod handoff;
#[path = "app_lead_form.rs"]
mod lead_form;
#[path = "app_list.rs"]
mod list;
#[path = "app_marks.rs"]
mod marks;
pub use marks::Marks;
#[path = "app_history.rs"]
mod history;
pub use history::HistoryView;
#[path = "app_search.rs"]
mod search;
pub use search::{SEARCH_COUNT_CAP, SearchCount};
#[path = "app_outcome.rs"]
mod outcome;
#[path = "app_popup.rs"]
mod popup_keys;
#[path = "app_reports.rs"]
mod reports;
pub use reports::ReportsView;
#[path = "app_undo.rs"]
mod undo;
pub(super) use undo::UndoEntry;
