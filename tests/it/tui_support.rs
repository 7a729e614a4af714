//! Driving the workstation's state without a terminal, and drawing it on a test backend.

use chrono::{DateTime, Duration, TimeZone, Utc};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::domain::{Contact, Decision, Rules};
use leadgate::store::{Ctx, ListRow, Store};
use leadgate::tui::action::Action;
use leadgate::tui::app::App;
use leadgate::tui::{perform, to_action, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time")
}

pub struct Desk {
    pub store: Store,
    pub app: App,
}

fn contact(name: &str, email: &str, company: &str, title: &str, source: &str) -> Contact {
    Contact {
        name: name.into(),
        email: Some(email.into()),
        company: Some(company.into()),
        title: Some(title.into()),
        source: Some(source.into()),
        owner: Some("dana".into()),
        ..Contact::default()
    }
}

fn set(
    store: &mut Store,
    id: &str,
    field: Field,
    value: &str,
    note: Option<&str>,
    days_ago: Option<i64>,
) {
    let on = days_ago.map(|d| now().date_naive() - Duration::days(d));
    let edit = parse_edit(field, value, note, on, now().date_naive()).expect("valid edit");
    store
        .set_field(id, &edit, &Ctx::new("dana", now() - Duration::days(1)))
        .expect("set");
}

/// Fills in all four prospect-gate items.
fn complete(store: &mut Store, id: &str) {
    set(
        store,
        id,
        Field::IcpFit,
        "fit",
        Some("Regional 3PL, 140 staff"),
        None,
    );
    set(
        store,
        id,
        Field::RoleRelevance,
        "relevant",
        Some("Head of Ops owns dispatch"),
        None,
    );
    set(
        store,
        id,
        Field::IntentSource,
        "demo_request",
        Some("Asked for a demo"),
        None,
    );
    set(
        store,
        id,
        Field::ReasonNow,
        "Second depot opens in January",
        None,
        Some(3),
    );
}

/// A desk with a small, fixed set of leads, `extra` more raw ones, the app started.
pub fn desk_with(extra: usize, height: u16) -> Desk {
    desk_over(Store::open_in_memory().expect("open"), extra, height)
}

/// The desk on a database file, which a second store (another program) can open too.
pub fn desk_on_file(path: &std::path::Path) -> Desk {
    desk_over(Store::open(path).expect("open"), 0, 30)
}

fn desk_over(mut store: Store, extra: usize, height: u16) -> Desk {
    let at = |days: i64| Ctx::new("import", now() - Duration::days(days));
    let maren = store
        .add_lead(
            contact(
                "Maren Okafor",
                "maren@brightkiln.example",
                "Brightkiln Analytics",
                "Founder & CEO",
                "Webinar",
            ),
            &at(30),
        )
        .expect("add")
        .id;
    complete(&mut store, &maren);
    let tomasz = store
        .add_lead(
            contact(
                "Tomasz Wielgosz",
                "tomasz@harborlight.example",
                "Harborlight Logistics",
                "Head of Operations",
                "LinkedIn",
            ),
            &at(29),
        )
        .expect("add")
        .id;
    set(
        &mut store,
        &tomasz,
        Field::IcpFit,
        "fit",
        Some("Logistics, 48 staff"),
        None,
    );
    set(
        &mut store,
        &tomasz,
        Field::RoleRelevance,
        "relevant",
        None,
        None,
    );
    store
        .add_lead(
            contact(
                "Info Desk",
                "info@kestrelpay.example",
                "Kestrel Payments",
                "",
                "Purchased list",
            ),
            &at(28),
        )
        .expect("add");
    let priya = store
        .add_lead(
            contact(
                "Priya Raman",
                "priya@tidewater.example",
                "Tidewater Health",
                "VP of Sales",
                "Referral",
            ),
            &at(27),
        )
        .expect("add")
        .id;
    complete(&mut store, &priya);
    store
        .decide(
            &priya,
            &Decision::Promote,
            None,
            &Ctx::new("dana", now() - Duration::hours(5)),
        )
        .expect("promote");
    for i in 0..extra {
        let c = contact(
            &format!("Lead {i:04}"),
            &format!("lead{i}@co{i}.example"),
            &format!("Company {i}"),
            "Analyst",
            "Purchased list",
        );
        store
            .add_lead(
                c,
                &Ctx::new(
                    "import",
                    now() - Duration::days(20)
                        + Duration::minutes(i64::try_from(i).expect("small")),
                ),
            )
            .expect("add");
    }
    // As the workstation does when it starts: scores changed by the clock are brought up to
    // date before the first page.
    store
        .rescore_all(&Ctx::new("tester", now()), 500, |_| true)
        .expect("rescore");
    let mut app = App::new(now(), Rules::default());
    let _ = app.update(Action::Resize { width: 140, height });
    let start = app.start();
    perform(&mut store, &mut app, "tester", start);
    Desk { store, app }
}

/// The desk on a database file as it is (nothing added), as the workstation opens one.
pub fn desk_read_only(path: &std::path::Path) -> Desk {
    let mut store = Store::open(path).expect("open");
    let mut app = App::new(now(), Rules::default());
    let _ = app.update(Action::Resize {
        width: 140,
        height: 30,
    });
    let start = app.start();
    perform(&mut store, &mut app, "tester", start);
    Desk { store, app }
}

pub fn desk() -> Desk {
    desk_with(0, 30)
}

/// A key as written in tests: "j", "Enter", "Esc", "Tab", "C-c", "Down", "PageDown".
pub fn key(name: &str) -> KeyEvent {
    let (code, mods) = match name {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Up" => (KeyCode::Up, KeyModifiers::NONE),
        "Right" => (KeyCode::Right, KeyModifiers::NONE),
        "Left" => (KeyCode::Left, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
        "PageUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
        "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
        s if s.chars().count() == 1 => {
            let c = s.chars().next().expect("char");
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (KeyCode::Char(c), mods)
        }
        other => panic!("unknown key {other}"),
    };
    KeyEvent::new(code, mods)
}

impl Desk {
    /// Presses keys, as the event loop would.
    pub fn press(&mut self, keys: &[&str]) {
        for k in keys {
            if let Some(action) = to_action(&self.app, Event::Key(key(k))) {
                let commands = self.app.update(action);
                perform(&mut self.store, &mut self.app, "tester", commands);
            }
        }
    }

    /// The terminal takes a new size, as the event loop reports it.
    pub fn resize(&mut self, width: u16, height: u16) {
        if let Some(action) = to_action(&self.app, Event::Resize(width, height)) {
            let commands = self.app.update(action);
            perform(&mut self.store, &mut self.app, "tester", commands);
        }
    }

    /// Types text into whatever has the keyboard.
    /// A pause in the typing, as the event loop notices it: what waited for one runs.
    pub fn settle(&mut self) {
        let commands = self.app.update(Action::Settled);
        perform(&mut self.store, &mut self.app, "tester", commands);
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let commands = self.app.update(Action::Input(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            perform(&mut self.store, &mut self.app, "tester", commands);
        }
    }

    pub fn selected_name(&self) -> String {
        self.app
            .selected_row()
            .map(|r| r.lead.contact.name.clone())
            .unwrap_or_default()
    }

    /// Moves the selection to the lead named `name`.
    pub fn select(&mut self, name: &str) {
        for _ in 0..self.app.rows.len() {
            if self.selected_name() == name {
                return;
            }
            self.press(&["j"]);
        }
        panic!("{name} is not in the list");
    }

    /// The screen as text, with random ids replaced by stable names.
    pub fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal.draw(|f| ui::render(&self.app, f)).expect("draw");
        let mut text = terminal.backend().to_string();
        if let Some(d) = &self.app.detail {
            let width = d.short_id.len();
            text = text.replace(&d.short_id, &format!("{:<width$}", "<id>"));
        }
        text
    }
}

/// The names of active leads in the order Today should list them, worked out from the
/// domain's score rather than the store's index: highest priority first, ties by id.
pub fn today_order(store: &Store) -> Vec<String> {
    let filter = leadgate::store::ListFilter {
        stage: Some(leadgate::domain::Stage::Lead),
        state: Some(leadgate::domain::State::Active),
        ..Default::default()
    };
    let mut leads = Vec::new();
    store
        .for_each_lead(&filter, |lead| {
            let priority = Rules::default().standing(&lead, now()).priority;
            leads.push((-priority, lead.id, lead.contact.name));
            Ok::<(), leadgate::store::StoreError>(())
        })
        .expect("leads");
    leads.sort();
    leads.into_iter().map(|(_, _, name)| name).collect()
}

/// The first `n` rows of a queue, as the store pages them.
pub fn queue_rows(store: &Store, queue: leadgate::domain::Queue, n: usize) -> Vec<ListRow> {
    let list = leadgate::store::ListSource::Queue {
        queue,
        source: None,
        owner: None,
    };
    store
        .page(&list, None, leadgate::store::Direction::Forward, n)
        .expect("page")
}

/// The id of the lead of this name in the rows on screen.
pub fn id_on_screen(d: &Desk, name: &str) -> String {
    d.app
        .rows
        .iter()
        .find(|r| r.lead.contact.name == name)
        .map(|r| r.lead.id.clone())
        .expect("on screen")
}
