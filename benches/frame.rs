//! What one press of `j` costs the workstation itself, without a terminal in between: the
//! key's action, the reads it runs and the drawing of the whole screen, escape codes included
//! (written to memory). `benches/tui.sh` measures the same walk as a user's terminal sees
//! it; this one says where, inside the process, that time goes.
//!
//! `cargo bench --bench frame -- DB [KEYS]`: opens DB, draws the first screen at 140 × 40,
//! then presses `j` KEYS times (1,000) from the top, timing each press's update (action and
//! reads) and its drawing apart. Prints the median, the 99th percentile and the mean of each.
//!
//! `cargo bench --bench frame -- DB --search WORD...`: the same for search as you type: for
//! each word, `/`, then the word a letter at a time (each letter timed: the list filtered, the
//! first lead read, the screen drawn), then Esc. The reference is one frame of a 60 Hz
//! screen, 16.7 ms. The count of the matches waits for a pause in the typing (30 ms without a
//! key); it is timed apart, after each letter, as the pause that follows it would run it.

use chrono::Utc;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use std::time::{Duration, Instant};

use leadgate::domain::Rules;
use leadgate::store::Store;
use leadgate::tui::action::Action;
use leadgate::tui::app::App;
use leadgate::tui::{perform, to_action, ui};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(db) = args.first() else {
        return Err("usage: frame DB [KEYS]".into());
    };
    let searching = args.get(1).is_some_and(|a| a == "--search");
    let keys: usize = match args.get(1) {
        Some(k) if !searching => k.parse()?,
        _ => 1000,
    };
    let store = &mut Store::open(std::path::Path::new(db))?;
    let (width, height) = (140, 40);
    let mut app = App::new(Utc::now(), Rules::default());
    let _ = app.update(Action::Resize { width, height });
    let start = app.start();
    perform(store, &mut app, "bench", start);
    let written = Rc::new(Cell::new(0));
    let backend = CrosstermBackend::new(Counted(Rc::clone(&written)));
    let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
    let mut terminal = Terminal::with_options(backend, TerminalOptions { viewport })?;
    terminal.draw(|f| ui::render(&app, f))?;
    let (mut updates, mut draws, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    written.set(0);
    let press = |c: KeyCode| Event::Key(KeyEvent::new(c, KeyModifiers::NONE));
    // The keys to time, and the keys between them (untimed: opening and leaving a search).
    let mut walk: Vec<(Event, bool)> = Vec::new();
    if searching {
        for word in &args[2..] {
            walk.push((press(KeyCode::Char('/')), false));
            walk.extend(word.chars().map(|c| (press(KeyCode::Char(c)), true)));
            walk.push((press(KeyCode::Esc), false));
        }
    } else {
        walk.extend((0..keys).map(|_| (press(KeyCode::Char('j')), true)));
    }
    for (event, timed) in walk {
        let began = Instant::now();
        app.now = Utc::now();
        if let Some(action) = to_action(&app, event) {
            let commands = app.update(action);
            perform(store, &mut app, "bench", commands);
        }
        let updated = Instant::now();
        terminal.draw(|f| ui::render(&app, f))?;
        if timed {
            draws.push(updated.elapsed());
            updates.push(updated - began);
        }
        // The pause after the letter: the count, and the screen drawn with it.
        if app.settle_wait().is_some() {
            let paused = Instant::now();
            let commands = app.update(Action::Settled);
            perform(store, &mut app, "bench", commands);
            terminal.draw(|f| ui::render(&app, f))?;
            counts.push(paused.elapsed());
        }
    }
    let total: Vec<Duration> = updates.iter().zip(&draws).map(|(u, d)| *u + *d).collect();
    let what = if searching {
        format!("{} letters typed into a search", total.len())
    } else {
        format!("{keys} presses of j")
    };
    println!(
        "{db}: {what} at {width} x {height}, {} bytes a frame",
        written.get() / total.len().max(1)
    );
    if searching {
        let frame = Duration::from_micros(16_667);
        let late = total.iter().filter(|t| **t > frame).count();
        println!("  reference: one 60 Hz frame, 16.7 ms; {late} letters took longer");
    }
    for (name, times) in [("update", updates), ("draw", draws), ("both", total)] {
        println!("{name:>7}: {}", summary(times));
    }
    if !counts.is_empty() {
        println!("  after a pause of 30 ms, the count of the matches, drawn:");
        println!("{:>7}: {}", "count", summary(counts));
    }
    Ok(())
}

fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |p: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let i = ((times.len() - 1) as f64 * p).round() as usize;
        times[i].as_secs_f64() * 1000.0
    };
    #[allow(clippy::cast_precision_loss)]
    let mean = times.iter().sum::<Duration>().as_secs_f64() * 1000.0 / times.len() as f64;
    format!(
        "p50 {:.3} ms, p99 {:.3} ms, mean {:.3} ms",
        at(0.5),
        at(0.99),
        mean
    )
}

/// A terminal that only counts what it is sent.
struct Counted(Rc<Cell<usize>>);

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
