//! Scoring leads again in the background (see `Store::rescore`): a thread with its own
//! connection, so the workstation never waits for it. WAL lets the screen keep reading while
//! it writes, and the checkpoints its commits trigger happen on its thread, not the screen's.

use chrono::Utc;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::domain::Rules;
use crate::store::{Ctx, Patience, Store};

/// Leads per transaction: big enough to keep up, small enough to stop promptly on quit.
const CHUNK: usize = 100;
/// How often to look again once everything is up to date (the clock moves scores too).
const REST: Duration = Duration::from_secs(30);
/// How often a resting thread checks whether it should stop.
const TICK: Duration = Duration::from_millis(100);

/// The running thread; stopping it waits for at most one chunk.
pub struct Rescorer {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Rescorer {
    /// Starts scoring the database at `path` under `rules`. A database it cannot open or
    /// write only means the queues keep the order last stored.
    #[must_use]
    pub fn start(path: PathBuf, rules: Rules) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = std::thread::Builder::new()
            .name("rescore".into())
            .spawn(move || work(&path, &rules, &flag))
            .ok();
        Self { stop, handle }
    }
}

impl Drop for Rescorer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

/// Sleeps for `time`, waking every tick to see whether to stop.
fn rest(time: Duration, stop: &AtomicBool) {
    let mut rested = Duration::ZERO;
    while rested < time && !stop.load(Ordering::Relaxed) {
        let nap = TICK.min(time - rested);
        std::thread::sleep(nap);
        rested += nap;
    }
}

fn work(path: &std::path::Path, rules: &Rules, stop: &AtomicBool) {
    // The file may be busy for a while (a large import holds it): try again later.
    let mut store = loop {
        // Never waiting for an import: the workstation waits for this thread when it quits.
        match Store::open_patient(path, Patience::BusyTimeout) {
            Ok(store) => break store,
            Err(_) => rest(REST, stop),
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
    };
    while !stop.load(Ordering::Relaxed) {
        let ctx = Ctx {
            actor: "leadgate".into(),
            now: Utc::now(),
            rules: rules.clone(),
            undoes: None,
        };
        let began = Instant::now();
        match store.rescore(&ctx, CHUNK) {
            // More to do: leave three times as long to the screen, which shares the machine
            // (and, on a large database, the disk).
            Ok(n) if n == CHUNK => rest(began.elapsed() * 3, stop),
            // Up to date (or the database is busy): look again later.
            _ => rest(REST, stop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Contact;
    use chrono::Duration as Days;

    #[test]
    fn the_thread_brings_stale_scores_up_to_date_and_stops_when_dropped() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("leads.db");
        let mut store = Store::open(&path).expect("open");
        // Leads that arrived three weeks ago, scored as of then: their age has moved since.
        let then = Ctx::new("t", Utc::now() - Days::weeks(3));
        for i in 0..30 {
            let contact = Contact {
                name: format!("L{i}"),
                ..Contact::default()
            };
            store.add_lead(contact, &then).expect("add");
        }
        let now = Ctx::new("t", Utc::now());
        assert_eq!(store.rescore_pending(&now).expect("pending"), 30);
        let rescorer = Rescorer::start(path, Rules::default());
        let deadline = Instant::now() + Duration::from_secs(20);
        while store.rescore_pending(&now).expect("pending") > 0 {
            assert!(Instant::now() < deadline, "the thread never caught up");
            std::thread::sleep(Duration::from_millis(20));
        }
        let began = Instant::now();
        drop(rescorer);
        assert!(began.elapsed() < Duration::from_secs(2), "stops promptly");
    }
}
