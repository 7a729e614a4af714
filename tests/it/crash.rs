//! Killed mid-work (SIGKILL, at points spread over the work's own length, repeated): an
//! import, a workstation deciding, a backup, an upgrade. After each, `db check` passes,
//! nothing reported done is missing, and doing the work again makes no duplicates.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::pty::Pty;
use crate::support::Db;

/// Kill points: a small fixed-seed generator, so a failure names a point that can be rerun.
struct Points(u64);

impl Points {
    /// A point in `[lo, hi)` of `span`, as a fraction picked at random.
    fn within(&mut self, span: Duration, lo: f64, hi: f64) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        span.mul_f64(lo + (hi - lo) * unit)
    }
}

fn bin() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("leadgate")
}

fn leadgate(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.env_remove("LEADGATE_DB")
        .env_remove("LEADGATE_CONFIG")
        .env("XDG_CONFIG_HOME", db.with_file_name("config-home"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// Runs to the end; how long it took, and stdout.
fn timed(db: &Path, args: &[&str]) -> (Duration, String) {
    let start = Instant::now();
    let out = leadgate(db, args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        start.elapsed(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Kills `child` after `after` (SIGKILL); whether it had already finished, and its stdout.
fn kill_after(mut child: Child, after: Duration) -> (bool, String) {
    std::thread::sleep(after);
    let finished = child.try_wait().expect("wait").is_some();
    if !finished {
        child.kill().expect("kill");
    }
    let out = child.wait_with_output().expect("reaped");
    (finished, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `db check` passes on `db` (a file that never got its schema holds nothing to check).
fn assert_sound(db: &Path, when: &str) {
    let holds_leads = rusqlite::Connection::open(db)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .is_ok_and(|n| n > 0);
    if !holds_leads {
        return;
    }
    let out = leadgate(db, &["db", "check"]).output().expect("runs");
    assert!(
        out.status.success(),
        "db check after {when}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row(sql, [], |r| r.get(0))
        .expect("count")
}

/// A file of `rows` people, each with a long note: long enough that even 8,000 rows are a
/// large import (the path that sets indexes aside and switches the journal).
fn big_csv(dir: &Path, rows: usize) -> String {
    use std::io::Write;
    let path = dir.join("big.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let note = "Met at the expo; asked about route planning for their fleet. ".repeat(11);
    writeln!(out, "Email,First Name,Last Name,Company,Notes").expect("write");
    for i in 0..rows {
        writeln!(
            out,
            "p{i}@co{}.example,Person{i},Last{i},Company {},{note}",
            i % 300,
            i % 300
        )
        .expect("write");
    }
    out.flush().expect("flush");
    path.to_str().expect("path").to_string()
}

/// Rows of the killed import: `LEADGATE_CRASH_ROWS` (say 1000000, with a release build:
/// `cargo test --release --test it crash::a_killed_import`), else 8,000.
fn crash_rows() -> i64 {
    std::env::var("LEADGATE_CRASH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8_000)
}

#[test]
fn a_killed_import_leaves_a_sound_database_and_a_rerun_makes_no_duplicates() {
    let rows = crash_rows();
    let dir = tempfile::tempdir().expect("dir");
    let file = big_csv(dir.path(), usize::try_from(rows).expect("rows"));
    let (took, said) = timed(&dir.path().join("measure.db"), &["import", "--json", &file]);
    assert!(said.contains(&format!("\"created\": {rows}")), "{said}");
    // An import guesses a file's rows at 250 bytes each and takes the large path past 20,000.
    let size = std::fs::metadata(&file).expect("size").len();
    assert!(size > 20_000 * 250, "{size} bytes: not a large import");
    let mut points = Points(14);
    let mut killed = 0;
    for round in 0..4 {
        let db = dir.path().join(format!("round{round}.db"));
        // Some leads already there, so the import merges into a database with history.
        leadgate(
            &db,
            &["add", "--name", "Known", "--email", "p7@co7.example"],
        )
        .output()
        .expect("add");
        let at = points.within(took, 0.05, 0.95);
        let child = leadgate(&db, &["import", &file]).spawn().expect("spawn");
        let (finished, said) = kill_after(child, at);
        killed += usize::from(!finished);
        let when = format!("an import killed at {at:?} of {took:?}");
        assert_sound(&db, &when);
        let leads = count(&db, "SELECT count(*) FROM leads");
        if finished || said.contains("rows read") {
            assert_eq!(leads, rows, "a reported import is all there ({when})");
        } else {
            assert!(
                leads == 1 || leads == rows,
                "{leads} leads: half an import ({when})"
            );
        }
        timed(&db, &["import", &file]);
        assert_eq!(count(&db, "SELECT count(*) FROM leads"), rows, "{when}");
        assert_eq!(
            count(&db, "SELECT count(DISTINCT email_key) FROM leads"),
            rows,
            "{when}"
        );
        assert_sound(&db, &format!("the rerun after {when}"));
    }
    assert!(
        killed >= 3,
        "only {killed} of 4 imports were killed before they finished"
    );
}

#[test]
fn a_killed_backup_leaves_the_database_sound_and_no_partial_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("leads.db");
    let file = big_csv(dir.path(), 6_000);
    timed(&db, &["import", &file]);
    let to = dir.path().join("copy.db");
    let to_arg = to.to_str().expect("path").to_string();
    let (took, _) = timed(&db, &["db", "backup", &to_arg]);
    std::fs::remove_file(&to).expect("remove");
    let mut points = Points(7);
    let mut killed = 0;
    for round in 0..4 {
        let at = points.within(took, 0.0, 1.0);
        let child = leadgate(&db, &["db", "backup", &to_arg])
            .spawn()
            .expect("spawn");
        let (finished, said) = kill_after(child, at);
        killed += usize::from(!finished);
        let when = format!("a backup killed at {at:?} of {took:?} (round {round})");
        assert_sound(&db, &when);
        // The copy is put in place only once whole and checked: it is there and sound, or
        // not there at all.
        if to.exists() {
            assert_sound(&to, &when);
            assert_eq!(count(&to, "SELECT count(*) FROM leads"), 6_000, "{when}");
            std::fs::remove_file(&to).expect("remove");
        } else {
            assert!(
                !said.contains("backed up"),
                "reported done but missing ({when})"
            );
        }
    }
    assert!(
        killed >= 3,
        "only {killed} of 4 backups were killed before they finished"
    );
}

/// A database as leadgate's first version left it, holding `n` leads with their history.
fn first_version_database(path: &Path, n: usize) {
    let conn = rusqlite::Connection::open(path).expect("create");
    conn.execute_batch(leadgate::store::MIGRATIONS[0])
        .expect("migration 1");
    conn.execute_batch(&format!(
        "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < {n}) \
         INSERT INTO leads (id, name, email, company, created_at, updated_at) \
         SELECT printf('%032x', n), 'Person ' || n, 'p' || n || '@old.example', \
                'Company ' || (n % 97), '2025-01-01T00:00:00.000000Z', \
                '2025-01-01T00:00:00.000000Z' FROM i; \
         INSERT INTO events (id, lead_id, at, actor, kind) \
         SELECT printf('e%031x', rowid), id, created_at, 'old', 'created' FROM leads; \
         PRAGMA user_version = 1; PRAGMA application_id = {};",
        0x4C47_4154
    ))
    .expect("old leads");
}

#[test]
fn a_killed_upgrade_finishes_on_the_next_open_with_everything_kept() {
    const LEADS: usize = 6_000;
    let dir = tempfile::tempdir().expect("dir");
    let measure = dir.path().join("measure.db");
    first_version_database(&measure, LEADS);
    let (took, _) = timed(&measure, &["list", "--limit", "1"]);
    let mut points = Points(3);
    let mut killed = 0;
    for round in 0..4 {
        let db = dir.path().join(format!("round{round}.db"));
        first_version_database(&db, LEADS);
        // Within the first 80 % of the measured time: a round can run quicker than the one
        // measured, and a kill after the end tests nothing.
        let at = points.within(took, 0.0, 0.8);
        let child = leadgate(&db, &["list", "--limit", "1"])
            .spawn()
            .expect("spawn");
        killed += usize::from(!kill_after(child, at).0);
        let when = format!("an upgrade killed at {at:?} of {took:?}");
        // Opening it again finishes the upgrade.
        timed(&db, &["list", "--limit", "1"]);
        assert_sound(&db, &when);
        assert_eq!(
            count(&db, "SELECT count(*) FROM leads"),
            i64::try_from(LEADS).expect("small"),
            "{when}"
        );
        assert_eq!(
            count(&db, "SELECT count(*) FROM events WHERE kind = 'created'"),
            i64::try_from(LEADS).expect("small"),
            "{when}"
        );
    }
    assert!(
        killed >= 3,
        "only {killed} of 4 upgrades were killed before they finished"
    );
}

/// The pid of the process `script` runs (its child, found through /proc).
fn child_of(parent: u32) -> Option<u32> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …: the command name may hold spaces, so read after ')'.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(parent) {
            return Some(pid);
        }
    }
    None
}

#[test]
fn a_workstation_killed_while_deciding_loses_nothing_it_said_was_done() {
    let home = Db::new();
    let data = home.path.parent().expect("dir").join("data");
    // The demo database, made once, then copied for each round.
    let made = Command::new(bin())
        .args(["--demo", "db", "check"])
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CONFIG_HOME", &data)
        .output()
        .expect("demo");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let demo = data.join("leadgate").join("demo.db");
    let mut points = Points(11);
    for round in 0..3 {
        let db = home.path.with_file_name(format!("round{round}.db"));
        std::fs::copy(&demo, &db).expect("copy");
        let before = count(&db, "SELECT count(*) FROM events WHERE kind = 'state'");
        let inner = format!(
            "stty rows 30 cols 120; exec '{}' --db '{}' --as crash",
            bin().display(),
            db.display()
        );
        let mut script = Pty::spawn(&inner, |cmd| {
            cmd.env("XDG_CONFIG_HOME", &data).stderr(Stdio::null());
        });
        let start = Instant::now();
        while !script.text().contains("Today") {
            assert!(start.elapsed() < Duration::from_secs(30), "never opened");
            std::thread::sleep(Duration::from_millis(20));
        }
        let pid = child_of(script.child.id()).expect("the workstation's pid");
        let mut keys = script.keys();
        let kill_at = points.within(Duration::from_millis(1500), 0.1, 1.0);
        let start = Instant::now();
        // Nurture the top of Today, again and again, until the kill.
        while start.elapsed() < kill_at {
            keys.write_all(b"n\r").expect("keys");
            keys.flush().expect("flush");
            std::thread::sleep(Duration::from_millis(40));
        }
        Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("kill");
        drop(keys);
        let _ = script.child.kill();
        let _ = script.child.wait();
        script.join();
        let when = format!("a workstation killed at {kill_at:?} (round {round})");
        assert_sound(&db, &when);
        let said = script.text().matches("Nurtured: ").count();
        let written = count(&db, "SELECT count(*) FROM events WHERE kind = 'state'") - before;
        assert!(said > 0, "it decided nothing before the kill ({when})");
        assert!(
            written >= i64::try_from(said).expect("small"),
            "the screen said {said} nurtured, the history holds {written} ({when})"
        );
    }
}
