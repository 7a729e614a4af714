//! The terminal the workstation draws on.
//!
//! What `ratatui::init` sets up (raw mode, the alternate screen, a panic hook that puts the
//! terminal back), with two differences that matter on every key press:
//! - a frame goes out in one write, not one per kilobyte of standard output's buffer (each
//!   write wakes the terminal to read a piece of the frame);
//! - the size is the one the terminal last reported in a resize event, instead of being asked
//!   for on every frame (crossterm opens `/dev/tty` to ask).

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{self, Clear, ClearType, EnterAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::{self, BufWriter, Stdout};

/// Room for a whole frame of a large terminal, escape codes included.
const FRAME_BYTES: usize = 256 * 1024;

pub type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Takes over the terminal. [`ratatui::restore`] gives it back, as the panic hook does.
///
/// # Errors
/// The terminal's own.
pub fn open() -> io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    let (width, height) = terminal::size()?;
    terminal::enable_raw_mode()?;
    let opened = (|| {
        // Cleared by hand: `Terminal::clear` would ask the terminal where its cursor is.
        execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
        let backend = CrosstermBackend::new(BufWriter::with_capacity(FRAME_BYTES, io::stdout()));
        let viewport = Viewport::Fixed(Rect::new(0, 0, width, height));
        Terminal::with_options(backend, TerminalOptions { viewport })
    })();
    if opened.is_err() {
        ratatui::restore();
    }
    opened
}

/// Follows a resize the terminal reported: the next frame is drawn whole at the new size.
///
/// # Errors
/// The terminal's own.
pub fn resized(screen: &mut Screen, width: u16, height: u16) -> io::Result<()> {
    screen.resize(Rect::new(0, 0, width, height))
}
