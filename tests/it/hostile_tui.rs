//! The hostile lead of `hostile_text` in the workstation: every screen and panel that shows
//! it, checked cell by cell and in the bytes a terminal would receive; and a 1 MiB value drawn
//! in time that does not grow with it.

use crate::hostile_text::{
    COMPANY, ESCAPES, Hostile, IMPORTED_NAME, NAME, assert_hostile, assert_safe, hostile,
    is_hostile,
};
use crate::tui_support::{Desk, desk_on_file, now};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::store::{Ctx, Store};
use leadgate::tui::popup::Popup;
use leadgate::tui::ui;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// The screen as its cells hold it, one row a line.
fn cells(d: &Desk, width: u16, height: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    t.draw(|f| ui::render(&d.app, f)).expect("draw");
    let buf = t.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buf[(x, y)].symbol()).collect();
            row + "\n"
        })
        .collect()
}

/// What a terminal backend writes, kept to be read after the frame.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes the terminal backend writes for one frame.
fn terminal_bytes(d: &Desk, width: u16, height: u16) -> Vec<u8> {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let sink = Sink::default();
    let mut t =
        Terminal::with_options(CrosstermBackend::new(sink.clone()), options).expect("terminal");
    t.draw(|f| ui::render(&d.app, f)).expect("draw");
    drop(t);
    sink.0.take()
}

/// The screen holds no hostile character and shows each of `visible`; the bytes sent to the
/// terminal carry none of the lead's sequences (the backend's own moves and colours aside).
fn assert_screen_safe(d: &Desk, surface: &str, visible: &[&str]) {
    for (width, height) in [(140, 30), (80, 24)] {
        let surface = format!("{surface} at {width}×{height}");
        let text = cells(d, width, height);
        assert_safe(
            &surface,
            text.as_bytes(),
            if width == 140 { visible } else { &[] },
        );
        let bytes = terminal_bytes(d, width, height);
        let shown = String::from_utf8_lossy(&bytes);
        for seq in [
            "\u{1b}]",
            "\u{1b}\\",
            "\u{1b}[6n",
            "\u{1b}[2J",
            "\u{1b}[H",
            "\u{1b}[31m",
        ] {
            assert!(!shown.contains(seq), "{surface}: the terminal got {seq:?}");
        }
        // The backend's own escape sequences start with ESC; nothing else hostile may.
        if let Some(c) = shown.chars().find(|&c| is_hostile(c) && c != '\u{1b}') {
            panic!("{surface}: the terminal got U+{:04X}", u32::from(c));
        }
    }
}

/// The hostile database, a 1 MiB hostile pain point added on the big lead, and the
/// workstation open on it.
fn desk() -> (Hostile, Desk) {
    let h = Hostile::build();
    h.hand_off_and_dispute();
    let mut store = Store::open(&h.db.path).expect("open");
    let pain = format!("{} {}", hostile("Bigpain"), "dolor ".repeat(180_000));
    let edit = parse_edit(Field::PainPoint, &pain, None, None, now().date_naive()).expect("edit");
    store
        .set_field(&h.big, &edit, &Ctx::new("tester", now()))
        .expect("set");
    drop(store);
    let d = desk_on_file(&h.db.path);
    (h, d)
}

#[test]
fn every_screen_shows_the_hostile_lead_safely() {
    let (h, mut d) = desk();
    let name = hostile(NAME);
    assert_hostile(&name);
    // Every queue, as a tab and as a list.
    for (key, visible) in [
        ("1", &[][..]),
        ("2", &[][..]),
        ("3", &[][..]),
        ("4", &[][..]),
        ("5", &[NAME, COMPANY, IMPORTED_NAME][..]),
        ("6", &[][..]),
        ("8", &[][..]),
        ("9", &[][..]),
        ("0", &[NAME][..]),
    ] {
        d.press(&[key]);
        assert_screen_safe(&d, &format!("queue {key}"), visible);
    }
    d.press(&["5"]);
    d.select(&name);
    assert_screen_safe(
        &d,
        "the lead pane",
        &[NAME, COMPANY, "Chief", "Prospect · Active"],
    );
    // The lead pane, field by field, and the history.
    d.press(&["Tab"]);
    for i in 0..d.app.detail_items() {
        assert_screen_safe(&d, &format!("lead pane, item {i}"), &[]);
        d.press(&["j"]);
    }
    d.press(&["Tab"]);
    assert_screen_safe(&d, "history", &["rejection disputed", "handoff sent"]);
    d.press(&["Tab"]);
    // The imported lead: its columns that map to no field, a hostile header among them.
    let imported = d.store.lead(&h.imported).expect("lead").contact.name;
    d.press(&["g"]);
    d.select(&imported);
    d.press(&["Tab", "G"]);
    assert_screen_safe(
        &d,
        "the imported lead's columns",
        &[IMPORTED_NAME, "Segment", "Segval"],
    );
    d.press(&["Tab", "Tab", "g"]);
    d.select(&name);
    // The editor, on each text field.
    d.press(&["Tab"]);
    let mut hostile_editors = 0;
    for field in 0..d.app.detail_items() {
        d.press(&["Enter"]);
        if let Some(Popup::Editor(e)) = d.app.popups.last() {
            // The editor holds the text as stored (saving it unchanged keeps it intact); only
            // what it draws is filtered.
            if e.text.lines().concat().contains('\u{1b}') {
                hostile_editors += 1;
            }
            assert_screen_safe(&d, &format!("editor on item {field}"), &[]);
        }
        d.press(&["Esc", "j"]);
    }
    assert!(
        hostile_editors >= 15,
        "{hostile_editors} editors held hostile text"
    );
    d.press(&["Tab", "Tab"]);
    // Search, and the source and owner filters, which list every value stored.
    d.press(&["/"]);
    d.type_text("Mallory");
    assert_screen_safe(&d, "search", &[NAME]);
    d.press(&["Enter"]);
    assert_screen_safe(&d, "search results", &[NAME]);
    d.press(&["Esc"]);
    for key in ["s", "o"] {
        d.press(&[key]);
        let visible: &[&str] = if key == "s" { &["Webinar"] } else { &["sam"] };
        assert_screen_safe(&d, &format!("filter {key}"), visible);
        d.press(&["Esc"]);
    }
    // The handoff package, a touch, a reason picker.
    d.press(&["5", "g"]);
    d.select(&name);
    d.press(&["P"]);
    assert_screen_safe(&d, "handoff package", &[NAME, "Pain"]);
    d.press(&["Esc", "L"]);
    assert_screen_safe(&d, "log a touch", &[]);
    d.press(&["Esc", "n"]);
    assert_screen_safe(&d, "nurture reasons", &[]);
    d.press(&["Esc"]);
    // The Reports screen.
    d.press(&["7"]);
    assert_screen_safe(&d, "reports", &["Webinar"]);
    d.press(&["Esc", "5"]);
    // An import from the workstation: the path prompt completes a hostile file name, and the
    // summary names the file and what was repaired.
    d.press(&["I"]);
    d.type_text(&format!("{}/list", h.dir.display()));
    d.press(&["Tab"]);
    assert_screen_safe(&d, "import path", &["list"]);
    d.press(&["Enter"]);
    assert_screen_safe(&d, "import summary", &["list [31m"]);
    d.press(&["Esc"]);
    // Another program changes the record the screen shows: the panel says what changed.
    d.press(&["g"]);
    d.select(&name);
    let mut other = Store::open(&h.db.path).expect("open");
    let edit = parse_edit(
        Field::Company,
        &hostile("Newco"),
        None,
        None,
        now().date_naive(),
    )
    .expect("edit");
    other
        .set_field(&h.added, &edit, &Ctx::new(hostile("cli"), now()))
        .expect("set");
    d.press(&["i"]);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Changed { .. })),
        "the write is refused with a panel"
    );
    assert_screen_safe(&d, "a change by another program", &["Newco", "cli"]);
    assert!(ESCAPES.contains('\u{1b}'));
}

/// The slowest of a few frames drawn at 140×30 with the lead pane focused on item `item`.
fn frame_time(d: &mut Desk, item: usize) -> Duration {
    d.press(&["Tab", "g"]);
    for _ in 0..item {
        d.press(&["j"]);
    }
    let mut t = Terminal::new(TestBackend::new(140, 30)).expect("terminal");
    (0..3)
        .map(|_| {
            let start = Instant::now();
            t.draw(|f| ui::render(&d.app, f)).expect("draw");
            start.elapsed()
        })
        .max()
        .unwrap_or_default()
}

#[test]
fn a_1_mib_value_is_drawn_in_time_that_does_not_grow_with_it() {
    let (h, mut d) = desk();
    d.press(&["5", "g"]);
    d.select(&hostile(NAME));
    let normal = frame_time(&mut d, 0);
    d.press(&["Tab", "Tab", "g"]);
    d.select("Bigly Note");
    let lead = d.store.lead(&h.big).expect("lead");
    assert!(
        lead.evidence
            .pain_point
            .as_ref()
            .is_some_and(|p| p.len() > 1_000_000)
    );
    // The first item, the pain point and the company (1 MiB of one line each), the imported
    // notes (1 MiB of lines).
    let items = d.app.detail_items();
    for item in [0, 4, 13, items - 1] {
        let big = frame_time(&mut d, item);
        if item == 4 {
            // What is left out is said, with where to read it all.
            let screen = cells(&d, 140, 30);
            assert!(
                screen.contains("Pain point      [1.0 MiB: leadgate show prints it all]"),
                "{screen}"
            );
        }
        d.press(&["Tab", "Tab"]);
        assert!(
            big < normal * 5 + Duration::from_millis(20),
            "item {item}: a frame with 1 MiB values took {big:?}, a normal one {normal:?}"
        );
    }
    // The panels that show the values: the editor on the pain point, the handoff package.
    for (what, keys) in [("editor", &["Enter"][..]), ("package", &["Esc", "P"][..])] {
        frame_time(&mut d, 4);
        d.press(keys);
        let mut t = Terminal::new(TestBackend::new(140, 30)).expect("terminal");
        let start = Instant::now();
        t.draw(|f| ui::render(&d.app, f)).expect("draw");
        let big = start.elapsed();
        if what == "editor" {
            let screen = cells(&d, 140, 30);
            assert!(screen.contains("first 32 KiB of 1.0 MiB"), "{screen}");
        }
        assert!(
            big < normal * 5 + Duration::from_millis(20),
            "the {what} over 1 MiB values took {big:?} a frame, a normal one {normal:?}"
        );
        d.press(&["Esc", "Tab", "Tab"]);
    }
}
