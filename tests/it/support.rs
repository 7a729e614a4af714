//! Helpers for driving the real binary on a temporary database.

use assert_cmd::Command;
use chrono::{Duration, Local, NaiveDate};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temporary database folder that lives as long as the test.
pub struct Db {
    _dir: TempDir,
    pub path: PathBuf,
}

impl Db {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("leads.db");
        Self { _dir: dir, path }
    }

    /// The binary, pointed at this database, acting as "tester".
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("leadgate").expect("binary built");
        // A developer's own rules file must not change what the tests see.
        let config_home = self.path.parent().expect("dir").join("config-home");
        c.env_remove("LEADGATE_DB")
            .env_remove("LEADGATE_CONFIG")
            .env("XDG_CONFIG_HOME", config_home)
            .env("LEADGATE_ACTOR", "tester")
            .arg("--db")
            .arg(&self.path);
        c
    }

    /// Creates the empty database, as the first write would (reading commands never do).
    pub fn create(&self) {
        leadgate::store::Store::open(&self.path).expect("creates the database");
    }

    /// Runs `args`, expects success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Adds a lead, returns its full id.
    pub fn add(&self, name: &str, email: &str) -> String {
        self.ok(&["add", "--name", name, "--email", email])
            .trim()
            .to_string()
    }

    /// Puts a prospect's deal evidence on the record from the command line: a call, the pain
    /// point with its consequence, an engaged stakeholder with authority confirmed, a next
    /// step a week ahead, a timeline, and a handoff to "morgan" that they accept.
    pub fn fill_deal(&self, id: &str) {
        let ahead = (Local::now().date_naive() + Duration::days(7)).to_string();
        self.ok(&["log", id, "--kind", "call", "--note", "Discovery call"]);
        self.ok(&[
            "set",
            id,
            "pain_point",
            "Routing by hand",
            "--consequence",
            "Overtime up 25%",
        ]);
        self.ok(&[
            "stakeholder",
            "add",
            id,
            "--name",
            "Dana Reyes",
            "--role",
            "CFO",
            "--engagement",
            "engaged",
            "--authority",
            "confirmed",
        ]);
        self.ok(&["set", id, "next_step", "Pilot scoping call", "--on", &ahead]);
        self.ok(&["set", id, "timeline", "Decision this quarter"]);
        self.ok(&["handoff", "send", id, "--to", "morgan"]);
        self.ok(&["--as", "morgan", "handoff", "accept", id]);
    }

    /// Fills in the four prospect-gate items, the reason now observed `days_ago`.
    pub fn fill_evidence(&self, id: &str, days_ago: i64) {
        self.ok(&[
            "set",
            id,
            "icp_fit",
            "fit",
            "--note",
            "Logistics, 120 staff, EU",
        ]);
        self.ok(&[
            "set",
            id,
            "role_relevance",
            "relevant",
            "--note",
            "Head of Ops owns routing",
        ]);
        self.ok(&[
            "set",
            id,
            "intent_source",
            "demo_request",
            "--note",
            "Booked a demo",
        ]);
        let on = days_ago_date(days_ago).to_string();
        self.ok(&[
            "set",
            id,
            "reason_now",
            "Second warehouse opens in Q1",
            "--on",
            &on,
        ]);
    }

    pub fn conn(&self) -> Connection {
        Connection::open(&self.path).expect("open db")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect("count")
    }

    /// The one text value `sql` returns.
    pub fn text(&self, sql: &str) -> String {
        self.conn().query_row(sql, [], |r| r.get(0)).expect("text")
    }

    /// Every row of every table, to check that a refused command wrote nothing.
    pub fn dump(&self) -> String {
        let conn = self.conn();
        let mut out = String::new();
        for table in ["leads", "events"] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
                .expect("select");
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            r.get::<_, rusqlite::types::Value>(i)
                                .map(|v| format!("{v:?}"))
                        })
                        .collect::<Result<Vec<_>, _>>()
                })
                .expect("rows");
            for row in rows {
                out.push_str(&row.expect("row").join("|"));
                out.push('\n');
            }
        }
        out
    }
}

pub fn days_ago_date(days: i64) -> NaiveDate {
    // The binary dates "today" in UTC; near midnight local and UTC dates can differ by one, so
    // tests keep a margin of a day from every boundary they check.
    Local::now().date_naive() - Duration::days(days)
}

/// Checks that a lead's JSON score is the sum of its terms.
#[allow(dead_code)]
pub fn assert_terms_sum(score: &serde_json::Value) {
    let sum: f64 = score["terms"]
        .as_array()
        .expect("terms")
        .iter()
        .map(|t| t["points"].as_f64().expect("points"))
        .sum();
    assert!((sum - score["total"].as_f64().expect("total")).abs() < 1e-9);
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[allow(dead_code)]
pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// Puts a prospect's deal evidence on the record through the store, as people would: a call,
/// the pain point and its consequence, an engaged stakeholder with authority confirmed, a
/// next step a week after `ctx.now`, a timeline, and a handoff to "morgan" that they accept.
/// The prospect can then be promoted to opportunity.
pub fn make_deal(store: &mut leadgate::store::Store, id: &str, ctx: &leadgate::store::Ctx) {
    use leadgate::domain::deal::{Authority, Engagement, Stakeholder};
    use leadgate::domain::field::{Field, parse_edit};
    use leadgate::domain::handoff::Step;
    use leadgate::domain::touch::TouchKind;
    let today = ctx.now.date_naive();
    store
        .log_touch(id, TouchKind::Call, today, "Discovery call", None, ctx)
        .expect("touch");
    let mut set = |field, value: &str, note: Option<&str>, on| {
        let edit = parse_edit(field, value, note, on, today).expect("edit");
        store.set_field(id, &edit, ctx).expect("set");
    };
    set(
        Field::PainPoint,
        "Routes planned by hand",
        Some("Overtime up 25%"),
        None,
    );
    set(
        Field::NextStep,
        "Pilot scoping call",
        None,
        Some(today + Duration::days(7)),
    );
    set(Field::Timeline, "Decision this quarter", None, None);
    let person = Stakeholder {
        name: "Dana Reyes".into(),
        role: "CFO".into(),
        engagement: Engagement::Engaged,
        authority: Authority::Confirmed,
    };
    store
        .add_stakeholder(id, person, None, ctx)
        .expect("stakeholder");
    let send = Step::Send {
        to: "morgan".into(),
    };
    store
        .handoff(id, &send, None, None, ctx)
        .expect("handoff sent");
    let mut ae = ctx.clone();
    ae.actor = "morgan".into();
    store
        .handoff(id, &Step::Accept, None, None, &ae)
        .expect("handoff accepted");
}
