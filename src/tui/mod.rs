//! The triage workstation: a terminal UI over the same store operations as the CLI.
//!
//! - `app`: state and `update(action) -> commands`, testable without a terminal;
//! - `keymap`: every binding, feeding the status bar and the `?` overlay;
//! - `ui`: drawing, a pure function of the state;
//! - this module: the terminal, the event loop, and the one place that runs commands
//!   against the store.

pub mod action;
pub mod app;
pub mod bulk_run;
pub mod editor;
pub mod keymap;
pub mod lead_form;
pub mod long_text;
pub mod owner_pick;
pub mod paths;
pub mod popup;
mod rescorer;
mod screen;
pub mod stakeholder_form;
pub mod theme;
pub mod ui;

use chrono::Utc;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use crate::domain::Rules;
use crate::store::{Ctx, Direction, Expect, Store, StoreError};
use action::{Action, Command, Outcome, Write};
use app::{App, Focus, PAGE, TIMELINE};
use keymap::Scope;

/// Runs the workstation until the user quits. The terminal is restored on every exit path,
/// panics included (ratatui's `init` installs the hook).
///
/// # Errors
/// An error of the terminal itself; store errors are shown in the UI instead.
pub fn run(mut store: Store, actor: &str, rules: Rules) -> io::Result<()> {
    // A write waits for another program's import no longer than the busy timeout: the
    // screen must not freeze for as long as the import runs (it says the file is in use).
    store.set_patience(crate::store::Patience::BusyTimeout);
    let mut terminal = screen::open()?;
    let result = (|| {
        let mut app = App::new(Utc::now(), rules);
        app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        app.read_only = store.read_only();
        let size = terminal.size()?;
        let _ = app.update(Action::Resize {
            width: size.width,
            height: size.height,
        });
        // Leads whose score the clock (or new weights) changed are scored again: a first
        // stretch before the first page (on most days, all of them), the rest on a thread of
        // their own while the queues page in the order stored.
        let began = std::time::Instant::now();
        let _ = store.rescore_all(&context(&app, actor), 50, |_| {
            began.elapsed() < START_RESCORE
        });
        let store_path = store.path().to_path_buf();
        let scoring = |app: &App| rescorer::Rescorer::start(store_path.clone(), app.rules.clone());
        let mut rescorer = Some(scoring(&app));
        let start = app.start();
        perform(&mut store, &mut app, actor, start);
        let mut watch = Watch::new(&store);
        while !app.quit {
            terminal.draw(|f| ui::render(&app, f))?;
            // Wait for a key, looking for other programs' changes while idle; the screen is
            // drawn again only when one was found (a needless draw would still send bytes).
            let changed = loop {
                let settle = app.settle_wait();
                let wait = settle.map_or(watch.wait(), |s| s.min(watch.wait()));
                if event::poll(wait)? {
                    break false;
                }
                if settle.is_some_and(|s| s <= wait) {
                    let commands = app.update(Action::Settled);
                    perform(&mut store, &mut app, actor, commands);
                    break true;
                }
                if watch.look(&mut store, &mut app, actor) {
                    break true;
                }
            };
            if changed {
                continue;
            }
            // Take every event already waiting before drawing again, so held keys never lag.
            let mut first = true;
            while first || event::poll(Duration::ZERO)? {
                first = false;
                let event = event::read()?;
                if let Event::Resize(width, height) = event {
                    screen::resized(&mut terminal, width, height)?;
                }
                let action = to_action(&app, event);
                app.now = Utc::now();
                if let Some(action) = action {
                    let commands = app.update(action);
                    // Before a write, what other programs committed is on screen first; the
                    // write itself still states the version it was shown.
                    if commands.iter().any(Command::is_write) {
                        let _ = watch.look(&mut store, &mut app, actor);
                    }
                    // A long command (an import) shows its status line before it starts.
                    let importing = commands.iter().any(|c| {
                        matches!(
                            c,
                            Command::Import(_) | Command::Bulk { .. } | Command::UndoBulk { .. }
                        )
                    });
                    if importing {
                        terminal.draw(|f| ui::render(&app, f))?;
                        // The scoring thread lets go of the file meanwhile, so that a large
                        // import may write it the fast way (see `store::import_journal`).
                        rescorer = None;
                    }
                    perform_drawing(&mut store, &mut app, actor, commands, &mut |app| {
                        let _ = terminal.draw(|f| ui::render(app, f));
                        stop_asked()
                    });
                    if rescorer.is_none() {
                        rescorer = Some(scoring(&app));
                    }
                }
                if app.quit {
                    break;
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

/// Whether Esc (or Ctrl-C) was pressed while a long action ran; other keys pressed meanwhile
/// are let go, as they were meant for a screen that is about to change.
fn stop_asked() -> bool {
    let mut stop = false;
    while let Ok(true) = event::poll(Duration::ZERO) {
        if let Ok(Event::Key(key)) = event::read()
            && key.kind == KeyEventKind::Press
        {
            stop |= key.code == KeyCode::Esc
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
        }
    }
    stop
}

/// How often an idle workstation looks for other programs' changes.
const LOOK_EVERY: Duration = Duration::from_millis(750);

/// Notices commits by other programs (SQLite's `data_version`) and reads the screen again.
/// The workstation's own scoring thread commits too, on its own connection: a commit that
/// leaves the history and the imports as they were is only scores, and is let be.
struct Watch {
    seen: Option<i64>,
    mark: Option<(i64, i64)>,
    last: std::time::Instant,
}

impl Watch {
    fn new(store: &Store) -> Self {
        Self {
            seen: store.data_version().ok(),
            mark: store.change_mark().ok(),
            last: std::time::Instant::now(),
        }
    }

    /// How long until the next look.
    fn wait(&self) -> Duration {
        LOOK_EVERY.saturating_sub(self.last.elapsed())
    }

    /// Reads the screen again if another program changed the database; says whether it did.
    fn look(&mut self, store: &mut Store, app: &mut App, actor: &str) -> bool {
        self.last = std::time::Instant::now();
        let now = store.data_version().ok();
        if now == self.seen {
            return false;
        }
        self.seen = now;
        let mark = store.change_mark().ok();
        if mark == self.mark {
            return false;
        }
        self.mark = mark;
        app.now = Utc::now();
        let commands = app.update(Action::Refresh);
        perform(store, app, actor, commands);
        true
    }
}

/// How long the workstation may spend scoring stale leads before its first page: on a small
/// database that is all of them; on a large one whose pages are not in memory yet, a few
/// hundred.
const START_RESCORE: Duration = Duration::from_millis(60);

fn context(app: &App, actor: &str) -> Ctx {
    Ctx {
        actor: actor.to_string(),
        now: app.now,
        rules: app.rules.clone(),
        undoes: None,
    }
}

/// Turns a terminal event into an action. A popup gets every key first, except Ctrl-C.
#[must_use]
pub fn to_action(app: &App, ev: Event) -> Option<Action> {
    match ev {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                return Some(Action::Quit);
            }
            if !app.popups.is_empty() {
                return Some(Action::Input(key));
            }
            let scope = if app.focus == Focus::Detail {
                Scope::Detail
            } else {
                Scope::Queue
            };
            keymap::action_for(scope, key)
        }
        Event::Resize(width, height) => Some(Action::Resize { width, height }),
        _ => None,
    }
}

/// Runs commands, feeding each result back to the app, until none are left.
///
/// Writes asked for together (accepting both suggestions) were all stamped with the version
/// the screen showed: once the first is written, the next expects the version it left.
pub fn perform(store: &mut Store, app: &mut App, actor: &str, commands: Vec<Command>) {
    perform_drawing(store, app, actor, commands, &mut |_| false);
}

/// `perform`, drawing the screen (`draw`) while a long bulk action runs; `draw` says whether
/// the person asked it to stop.
pub fn perform_drawing(
    store: &mut Store,
    app: &mut App,
    actor: &str,
    commands: Vec<Command>,
    draw: bulk_run::Draw,
) {
    let mut queue: VecDeque<Command> = commands.into();
    let mut moved: Vec<(String, i64, i64)> = Vec::new();
    while let Some(mut command) = queue.pop_front() {
        if let Some((id, Some(v))) = command.expectation()
            && let Some((_, _, now)) = moved.iter().find(|(i, from, _)| i == id && from == v)
        {
            *v = *now;
        }
        let expected = command
            .expectation()
            .and_then(|(id, v)| Some((id.to_string(), (*v)?)));
        let outcome = if bulk_run::is_bulk(&command) {
            bulk_run::run(store, app, actor, &command, draw)
        } else {
            execute(store, app, actor, command)
        };
        if let (Some((id, from)), Some(now)) = (expected, written_version(&outcome)) {
            moved.push((id, from, now));
        }
        queue.extend(app.update(Action::Done(outcome)));
    }
}

/// The version a successful write left its lead at.
fn written_version(outcome: &Outcome) -> Option<i64> {
    match outcome {
        Outcome::Decided { lead, .. }
        | Outcome::FieldSet { lead, .. }
        | Outcome::FlagResolved { lead, .. }
        | Outcome::Wrote { lead, .. } => Some(lead.version),
        _ => None,
    }
}

/// The context of a write that takes back the entry `undoes` names (empty: unknown).
fn undoing(mut ctx: Ctx, undoes: Option<&String>) -> Ctx {
    ctx.undoes = undoes.filter(|e| !e.is_empty()).cloned();
    ctx
}

/// The newest history entry of a lead: the one a write just made.
fn newest_event(store: &Store, id: &str) -> Option<String> {
    store
        .recent_events(id, 1)
        .ok()
        .and_then(|e| e.into_iter().next())
        .map(|e| e.id)
}

/// Runs one command against the store. Errors become an outcome the UI shows.
fn execute(store: &mut Store, app: &App, actor: &str, command: Command) -> Outcome {
    // Only a write needs the context (it holds a copy of the rules): reads go without.
    let ctx = || context(app, actor);
    let result: Result<Outcome, StoreError> = (|| match &command {
        Command::LoadPage {
            from,
            dir,
            placement,
        } => {
            let rows = store.page(&app.list(), from.as_ref(), *dir, PAGE)?;
            Ok(Outcome::Page {
                rows,
                asked: PAGE,
                placement: placement.clone(),
            })
        }
        // The lead and all that is shown beside it, as of one moment.
        Command::LoadDetail(id) => store.at_once(|store| {
            Ok(Outcome::Detail {
                lead: Box::new(store.lead(id)?),
                events: store.recent_events(id, TIMELINE)?,
                short_id: store.short_id(id),
                sent: store.sent_to(id)?,
                touches: store.touches(id)?,
            })
        }),
        Command::LoadCounts => Ok(Outcome::Counts(store.queue_counts()?)),
        Command::LoadReport { source, owner } => {
            let period = crate::report::Period {
                source: source.clone(),
                owner: owner.clone(),
                ..crate::report::Period::default()
            };
            let report = crate::report::build(store, &period, &app.rules, app.now, false)?;
            Ok(Outcome::Report(Box::new(report)))
        }
        Command::Decide {
            id,
            decision,
            note,
            expect,
            undoes,
        } => {
            let expect = *expect;
            let before = store.lead(id)?;
            let ctx = undoing(ctx(), undoes.as_ref());
            let expect = expect.map(Expect::Version);
            match store.decide_expecting(id, decision, note.as_deref(), expect.as_ref(), &ctx) {
                Ok(plan) => Ok(Outcome::Decided {
                    lead: Box::new(store.lead(id)?),
                    decision: decision.clone(),
                    plan,
                    before: Box::new(before),
                    event: newest_event(store, id),
                    undoing: undoes.is_some(),
                }),
                Err(StoreError::Refused(refusal)) => Ok(Outcome::Refused {
                    id: id.clone(),
                    refusal,
                    decision: decision.clone(),
                    note: note.clone(),
                }),
                Err(StoreError::Changed(changed)) => Ok(Outcome::Changed {
                    changed,
                    retry: Box::new(command.clone()),
                }),
                Err(e) => Err(e),
            }
        }
        Command::SetField {
            id,
            edit,
            expect,
            undoes,
        } => {
            let expect = *expect;
            let before = Box::new(store.lead(id)?);
            let ctx = undoing(ctx(), undoes.as_ref());
            let expect = expect.map(Expect::Version);
            match store.set_field_expecting(id, edit, expect.as_ref(), &ctx) {
                Ok(change) => Ok(Outcome::FieldSet {
                    lead: Box::new(store.lead(id)?),
                    change,
                    before,
                    event: newest_event(store, id),
                    undoing: undoes.is_some(),
                }),
                Err(StoreError::Changed(changed)) => Ok(Outcome::Changed {
                    changed,
                    retry: Box::new(command.clone()),
                }),
                Err(e) => Err(e),
            }
        }
        Command::Import(path) => {
            let options = crate::import::ImportOptions::default();
            // Errors of the file itself are shown as they are, with the file's name.
            match crate::import::import_file(store, path, &options, &ctx(), false) {
                Ok(summary) => Ok(Outcome::Imported(Box::new(summary))),
                Err(e) => Ok(Outcome::Failed(e.about_database(store.path()).to_string())),
            }
        }
        Command::ResolveFlag {
            id,
            flag,
            note,
            consent_on,
            expect,
        } => {
            let (flag, expect) = (*flag, *expect);
            let expect = expect.map(Expect::Version);
            match store.resolve_flag_expecting(id, flag, note, *consent_on, expect.as_ref(), &ctx())
            {
                Ok(()) => Ok(Outcome::FlagResolved {
                    lead: Box::new(store.lead(id)?),
                    flag,
                }),
                Err(StoreError::Changed(changed)) => Ok(Outcome::Changed {
                    changed,
                    retry: Box::new(command.clone()),
                }),
                Err(e) => Err(e),
            }
        }
        Command::Write { id, write, expect } => {
            let ctx = ctx();
            let expect = expect.map(Expect::Version);
            let expect = expect.as_ref();
            let done = match write {
                Write::Handoff { step, note } => store
                    .handoff(id, step, note.as_deref(), expect, &ctx)
                    .map(|_| ()),
                Write::Touch { kind, note } => {
                    store.log_touch(id, *kind, ctx.now.date_naive(), note, expect, &ctx)
                }
                Write::AddStakeholder(person) => {
                    store.add_stakeholder(id, person.clone(), expect, &ctx)
                }
                Write::RemoveStakeholder(n) => {
                    store.remove_stakeholder(id, *n, expect, &ctx).map(|_| ())
                }
            };
            match done {
                Ok(()) => Ok(Outcome::Wrote {
                    lead: Box::new(store.lead(id)?),
                    write: write.clone(),
                }),
                Err(StoreError::Changed(changed)) => Ok(Outcome::Changed {
                    changed,
                    retry: Box::new(command.clone()),
                }),
                Err(e) => Err(e),
            }
        }
        Command::Locate(id) => {
            let lead = store.lead(id)?;
            if !app.belongs(&lead) {
                return Ok(Outcome::Located(None));
            }
            let key = store.page_key(id)?;
            let rows = store.page(&app.list(), Some(&key), Direction::From, PAGE)?;
            Ok(Outcome::Located(Some(rows)))
        }
        Command::UndoImport { batch, file } => {
            let report = store.undo_import(batch, &ctx())?;
            Ok(Outcome::ImportUndone(report, file.clone()))
        }
        Command::AddLead(contact) => match store.add_unless_known((**contact).clone(), &ctx()) {
            Ok(crate::store::Added::New(lead)) => Ok(Outcome::Added {
                short_id: store.short_id(&lead.id),
                lead,
            }),
            Ok(crate::store::Added::Known(id)) => Ok(Outcome::NotAdded {
                message: format!(
                    "That email is {}'s already ({}): not added",
                    crate::safe_text::one_line(&store.lead(&id)?.contact.name),
                    store.short_id(&id)
                ),
                email: true,
            }),
            // What the store refuses of the form's text (a malformed email) is said in it.
            Err(StoreError::Edit(e)) => Ok(Outcome::NotAdded {
                message: e.to_string(),
                email: false,
            }),
            Err(e) => Err(e),
        },
        Command::LoadHistory(id) => Ok(Outcome::History {
            lead_id: id.clone(),
            events: store.history(id)?,
        }),
        Command::CountList { list, cap } => Ok(Outcome::ListCount {
            list: list.clone(),
            count: store.count_of(list, cap.map(|c| c + 1))?,
            cap: *cap,
        }),
        // `perform` runs these through `bulk_run`, which draws the count meanwhile.
        Command::Bulk { .. } | Command::UndoBulk { .. } => Ok(Outcome::Failed(
            "a bulk action runs through perform".to_string(),
        )),
        Command::CompletePath(typed) => Ok(Outcome::PathEntries {
            entries: paths::entries(typed),
            typed: typed.clone(),
        }),
        Command::LoadValues(column) => Ok(Outcome::Values(*column, values_of(store, *column)?)),
        Command::LoadOwners => Ok(Outcome::Owners(values_of(
            store,
            crate::store::FilterColumn::Owner,
        )?)),
    })();
    result.unwrap_or_else(|e| {
        let e = e.about_file(store.path());
        let retried = matches!(
            e,
            StoreError::Full(_) | StoreError::DiskIo { .. } | StoreError::Busy(_)
        ) && matches!(command, Command::SetField { .. } | Command::Decide { .. });
        if retried {
            Outcome::NotWritten {
                message: e.to_string(),
                retry: Box::new(command),
            }
        } else {
            Outcome::Failed(e.to_string())
        }
    })
}

/// The first values of a column, in order, for a picker: no more than a list can show.
fn values_of(store: &Store, column: crate::store::FilterColumn) -> Result<Vec<String>, StoreError> {
    let mut values = Vec::new();
    let mut after: Option<String> = None;
    while values.len() < 50 {
        match store.next_value(column, after.as_deref())? {
            Some(v) => {
                after = Some(v.clone());
                values.push(v);
            }
            None => break,
        }
    }
    Ok(values)
}
