//! What one press of `j` costs the workstation itself, without a terminal in between: the
//! key's action, the reads it runs and the drawing of the whole screen, escape codes included
//! (written to memory). `benches/tui.sh` measures the same walk as a user's terminal sees
//! it; this one says where, inside the process, that time goes.
//!
//! `cargo bench --bench frame -- DB [KEYS]`: opens DB, draws the first screen at 140 × 40,
//! then presses `j` KEYS times (1,000) from the top, timing each press's update (action and
//! reads) and its drawing apart. Prints the median, the 99th percentile and the mean of each.

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
    let keys: usize = args.get(1).map_or(Ok(1000), |k| k.parse())?;
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
    let (mut updates, mut draws) = (Vec::new(), Vec::new());
    written.set(0);
    let j = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    for _ in 0..keys {
        let began = Instant::now();
        app.now = Utc::now();
        if let Some(action) = to_action(&app, j.clone()) {
            let commands = app.update(action);
            perform(store, &mut app, "bench", commands);
        }
        let updated = Instant::now();
        terminal.draw(|f| ui::render(&app, f))?;
        draws.push(updated.elapsed());
        updates.push(updated - began);
    }
    let total: Vec<Duration> = updates.iter().zip(&draws).map(|(u, d)| *u + *d).collect();
    println!(
        "{db}: {keys} presses of j at {width} x {height}, {} bytes a frame",
        written.get() / keys.max(1)
    );
    for (name, times) in [("update", updates), ("draw", draws), ("both", total)] {
        println!("{name:>7}: {}", summary(times));
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
