//! The database file: schema, migrations, refusal of files it does not understand.

use crate::support::{Db, stderr_of};
use leadgate::store::{LATEST_VERSION, MIGRATIONS, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// The schema as SQLite understands it, to compare two databases: each table's columns (an
/// `ALTER TABLE` rewrites a table's text, so text alone would not compare), and the text of
/// every index, trigger and view.
fn schema_of(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY type, name",
        )
        .expect("prepare");
    let items: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    items
        .into_iter()
        .map(|(kind, name, sql)| {
            if kind == "table" && !sql.contains("VIRTUAL") {
                let mut cols = conn
                    .prepare(
                        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)",
                    )
                    .expect("prepare");
                let cols: Vec<String> = cols
                    .query_map([&name], |r| {
                        Ok(format!(
                            "{} {} {} {:?} {}",
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, i64>(2)?,
                            r.get::<_, Option<String>>(3)?,
                            r.get::<_, i64>(4)?
                        ))
                    })
                    .expect("columns")
                    .map(Result::unwrap)
                    .collect();
                let strict = sql.trim_end().ends_with("STRICT");
                format!("table {name} strict={strict}: {}", cols.join(", "))
            } else {
                let text: String = sql
                    .lines()
                    .map(|l| l.split("--").next().unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(" ");
                format!(
                    "{kind} {name}: {}",
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            }
        })
        .collect()
}

fn version(path: &Path) -> i64 {
    Connection::open(path)
        .expect("open")
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version")
}

/// Builds a database as leadgate `version` left it, with one lead written at version 1.
fn database_at_version(path: &Path, version: usize) {
    let conn = Connection::open(path).expect("create");
    conn.execute_batch(MIGRATIONS[0]).expect("migration 1");
    conn.execute(
        "INSERT INTO leads (id, name, created_at, updated_at) VALUES (?1, 'Old Lead', ?2, ?2)",
        [
            "0123456789abcdef0123456789abcdef",
            "2025-01-01T00:00:00.000000Z",
        ],
    )
    .expect("old lead");
    for sql in &MIGRATIONS[1..version] {
        conn.execute_batch(sql).expect("migration");
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = {version}; PRAGMA application_id = {};",
        0x4C47_4154
    ))
    .expect("stamp");
}

#[test]
fn every_older_version_upgrades_to_the_current_schema_keeping_its_data() {
    let fresh = Db::new();
    fresh.create();
    let expected = schema_of(&fresh.conn());
    assert_eq!(version(&fresh.path), LATEST_VERSION);

    for v in 1..=MIGRATIONS.len() {
        let db = Db::new();
        database_at_version(&db.path, v);
        let run = db
            .cmd()
            .args(["show", "0123456789"])
            .output()
            .expect("runs");
        assert!(run.status.success());
        let said = String::from_utf8_lossy(&run.stderr);
        let upgrading = usize::try_from(LATEST_VERSION).expect("small") > v;
        assert_eq!(
            said.contains("upgrading"),
            upgrading,
            "says so when it upgrades from {v}: {said}"
        );
        let out = String::from_utf8_lossy(&run.stdout).into_owned();
        assert!(
            out.contains("Old Lead"),
            "data survives the upgrade from {v}"
        );
        assert_eq!(version(&db.path), LATEST_VERSION, "upgraded from {v}");
        // The database as it was is kept aside, owner-only, and the message says where.
        let copies: Vec<_> = std::fs::read_dir(db.path.parent().expect("dir"))
            .expect("list")
            .filter_map(|e| {
                let name = e.expect("entry").file_name().to_string_lossy().into_owned();
                name.starts_with(&format!("leads.db.before-upgrade-{v}-"))
                    .then_some(name)
            })
            .collect();
        assert_eq!(
            copies.len(),
            usize::from(upgrading),
            "copy from {v}: {copies:?}"
        );
        if let [copy] = copies.as_slice() {
            let copy = db.path.with_file_name(copy);
            assert_eq!(version(&copy), i64::try_from(v).expect("small"));
            assert!(said.contains(copy.to_str().expect("path")), "{said}");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(&copy).expect("meta").permissions().mode();
                assert_eq!(mode & 0o777, 0o600);
            }
        }
        assert_eq!(
            schema_of(&db.conn()),
            expected,
            "upgrade from {v} equals schema.sql"
        );
    }
}

#[test]
fn an_upgrade_keys_every_email_so_letters_beyond_a_to_z_match_in_any_case() {
    let db = Db::new();
    database_at_version(&db.path, 11);
    let conn = Connection::open(&db.path).expect("open");
    conn.execute_batch(
        "INSERT INTO leads (id, name, email, created_at, updated_at) VALUES \
         ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Émile', 'Émile.Östlund@Known.Example', \
          '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z'), \
         ('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'Bo', 'Bo@Known.Example', \
          '2025-01-01T00:00:00.000000Z', '2025-01-01T00:00:00.000000Z');",
    )
    .expect("leads");
    drop(conn);
    let run = db
        .cmd()
        .args(["show", "0123456789"])
        .output()
        .expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let keys: Vec<Option<String>> = db
        .conn()
        .prepare("SELECT email_key FROM leads ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("keys");
    assert_eq!(
        keys,
        [
            None,
            Some("émile.östlund@known.example".to_string()),
            Some("bo@known.example".to_string())
        ]
    );
    let store = Store::open(&db.path).expect("open");
    assert_eq!(
        store
            .lead_with_email("ÉMILE.ÖSTLUND@KNOWN.EXAMPLE")
            .expect("look up")
            .as_deref(),
        Some("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    );
    // The leads were written raw, without their history; only the keys are judged here.
    let checked = store
        .check(&leadgate::domain::Rules::default(), &mut |_| {})
        .expect("check");
    let stale: Vec<_> = checked
        .problems
        .iter()
        .filter(|p| p.check == "email_keys")
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
}

#[test]
fn an_upgrade_indexes_every_kept_lead_again_so_short_prefixes_find_them() {
    let db = Db::new();
    db.create();
    db.add("Marenka Okafor", "mo@known.example");
    let gone = db.add("Marek Gone", "mg@known.example");
    // Version 12 as it was: a removed lead, and a search index without prefixes that has
    // lost its entries, so that only the upgrade can put the leads back in.
    db.conn()
        .execute_batch(&format!(
            "UPDATE leads SET state = 'removed' WHERE id = '{gone}'; \
             DROP TABLE leads_fts; \
             CREATE VIRTUAL TABLE leads_fts USING fts5 (name, email, company, title, notes, \
             content = '', contentless_delete = 1, \
             tokenize = 'unicode61 remove_diacritics 2'); \
             PRAGMA user_version = 12;"
        ))
        .expect("as at version 12");
    let run = db.cmd().args(["search", "ma"]).output().expect("runs");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("Marenka Okafor"), "{out}");
    assert!(
        !out.contains("Marek Gone"),
        "a removed lead stays out: {out}"
    );
    let index: String = db
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'leads_fts'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert!(index.contains("prefix = '1 2 3'"), "{index}");
}

#[test]
fn a_newer_database_is_refused_and_left_untouched() {
    let db = Db::new();
    db.create();
    let conn = db.conn();
    conn.execute_batch(&format!("PRAGMA user_version = {}", LATEST_VERSION + 1))
        .expect("bump");
    drop(conn);
    let before = std::fs::read(&db.path).expect("read");
    let out = db.cmd().args(["list"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("newer than this leadgate understands"),
        "{err}"
    );
    assert!(
        err.contains(&db.path.display().to_string()),
        "names the file: {err}"
    );
    assert_eq!(
        std::fs::read(&db.path).expect("read"),
        before,
        "file unchanged"
    );
    assert!(matches!(
        Store::open(&db.path),
        Err(StoreError::TooNew { .. })
    ));
}

#[test]
fn a_foreign_sqlite_file_or_a_non_database_is_refused() {
    let db = Db::new();
    Connection::open(&db.path)
        .expect("create")
        .execute_batch("CREATE TABLE notes (x TEXT)")
        .expect("table");
    let out = db.cmd().args(["list"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a leadgate database"));

    let junk = Db::new();
    std::fs::write(
        &junk.path,
        b"this is not sqlite at all, just some words in a file....",
    )
    .expect("write");
    let out = junk.cmd().args(["list"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot open") || err.contains("not a database"),
        "{err}"
    );
}

#[test]
fn reason_codes_in_the_database_match_the_domain() {
    let db = Db::new();
    db.create();
    let conn = db.conn();
    let mut stmt = conn
        .prepare("SELECT code FROM reason_codes ORDER BY code")
        .expect("prepare");
    let mut stored: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    let mut domain: Vec<String> = leadgate::domain::ReasonCode::ALL
        .iter()
        .map(|c| c.as_str().to_string())
        .collect();
    stored.sort();
    domain.sort();
    assert_eq!(stored, domain);
}

#[test]
fn the_event_log_refuses_updates_and_deletes() {
    let db = Db::new();
    db.add("Hiroshi Tanabe", "htanabe@kaizenfleet.example");
    let conn = db.conn();
    let upd = conn.execute("UPDATE events SET actor = 'someone else'", []);
    assert!(upd.unwrap_err().to_string().contains("append-only"));
    let del = conn.execute("DELETE FROM events", []);
    assert!(del.unwrap_err().to_string().contains("append-only"));
}

/// Queue counts and the search index are kept by the store's writes; after every kind of write
/// they must agree with a recount from the leads table.
#[test]
fn counts_and_search_stay_in_step_with_the_leads() {
    let db = Db::new();
    let a = db.add("Maren Okafor", "maren@brightkiln.example");
    let b = db.add("Tomasz Wielgosz", "tomasz@harborlight.example");
    db.fill_evidence(&a, 1);
    db.ok(&["promote", &a]);
    db.ok(&[
        "nurture",
        &b,
        "--reason",
        "no_intent",
        "--note",
        "Quiet since the webinar",
    ]);
    db.ok(&["set", &b, "company", "Harborlight Freight"]);
    let fixture = format!(
        "{}/tests/fixtures/hubspot_contacts_export.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = db.ok(&["import", &fixture, "--json"]);
    let batch = serde_json::from_str::<serde_json::Value>(&out).expect("json")["batch"]
        .as_str()
        .expect("id")
        .to_string();
    db.ok(&["import", &fixture]);
    db.ok(&["import", "--undo", &batch]);

    let conn = db.conn();
    let recount: Vec<(String, String, i64)> = conn
        .prepare("SELECT stage, state, count(*) FROM leads GROUP BY stage, state ORDER BY 1, 2")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    let kept: Vec<(String, String, i64)> = conn
        .prepare("SELECT stage, state, n FROM lead_counts WHERE n != 0 ORDER BY 1, 2")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    assert_eq!(kept, recount);

    // Every lead is found by a word of its name, and by the words of its company and notes.
    let leads: Vec<(i64, String)> = conn
        .prepare("SELECT rowid, name FROM leads")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect();
    for (rowid, name) in leads.into_iter().filter(|(rowid, _)| {
        let state: String = conn
            .query_row("SELECT state FROM leads WHERE rowid = ?1", [rowid], |r| {
                r.get(0)
            })
            .expect("state");
        state != "removed"
    }) {
        let word = name.split_whitespace().last().expect("a word").to_string();
        let hits: Vec<i64> = conn
            .prepare("SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?1")
            .expect("prepare")
            .query_map([format!("\"{word}\"")], |r| r.get(0))
            .expect("query")
            .map(Result::unwrap)
            .collect();
        assert!(hits.contains(&rowid), "{name} is found by '{word}'");
    }
    let find = |q: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM leads_fts WHERE leads_fts MATCH ?1",
            [q],
            |r| r.get(0),
        )
        .expect("match")
    };
    assert_eq!(find("\"freight\""), 1, "an edited company is searchable");
    assert_eq!(find("\"webinar\""), 1, "a nurture note is searchable");
    assert_eq!(
        find("\"brightkiln\""),
        1,
        "the import's Maren was removed with its batch"
    );
}

/// A large import drops the queue indexes and builds them again when it finishes: the schema
/// afterwards is exactly the fresh one, and queues page through the new rows.
#[test]
fn a_large_import_rebuilds_its_deferred_indexes_as_schema_sql_declares_them() {
    use leadgate::domain::{Contact, Incoming, Queue};
    use leadgate::store::{Ctx, Direction, ListSource};
    let fresh = Db::new();
    fresh.create();
    let expected = schema_of(&fresh.conn());

    let db = Db::new();
    let mut store = Store::open(&db.path).expect("open");
    let ctx = Ctx::new("tester", chrono::Utc::now());
    let mut importer = store
        .begin_import("big.csv", None, 50_000, &ctx)
        .expect("begin");
    for i in 0..30 {
        let contact = Contact {
            name: format!("Row {i}"),
            email: Some(format!("r{i}@x.example")),
            ..Contact::default()
        };
        importer
            .add(&Incoming {
                line: i + 2,
                contact,
                ..Incoming::default()
            })
            .expect("add");
    }
    importer.finish(&serde_json::json!({})).expect("finish");
    let today = ListSource::Queue {
        queue: Queue::Today,
        source: None,
        owner: None,
    };
    let page = store
        .page(&today, None, Direction::Forward, 100)
        .expect("page");
    assert_eq!(page.len(), 30);
    drop(store);
    assert_eq!(schema_of(&db.conn()), expected);
    let first = page
        .iter()
        .find(|r| r.lead.contact.name == "Row 0")
        .expect("row 0");
    let history = Store::open(&db.path)
        .expect("open")
        .history(&first.lead.id)
        .expect("history");
    assert_eq!(
        history[0].note.as_deref(),
        Some("imported from big.csv line 2"),
        "the batch is the first entry"
    );
}

/// A database held by a writer in rollback-journal mode, as a large import holds it: `begin`
/// is `IMMEDIATE` for an import that has not yet written into the file (others may still
/// read), `EXCLUSIVE` for one that has.
fn held_by_a_large_import(db: &Db, begin: &str) -> Connection {
    db.add("Ana Before", "ana@before.example");
    let holder = db.conn();
    let mode: String = holder
        .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "delete");
    holder
        .execute_batch(&format!("BEGIN {begin}"))
        .expect("lock");
    holder
}

#[test]
fn a_command_waits_for_a_large_import_then_the_file_is_back_in_wal() {
    let db = Db::new();
    // Reading is allowed, but the switch back to the log is not until the import ends, and
    // SQLite refuses it at once rather than waiting: the store waits.
    let holder = held_by_a_large_import(&db, "IMMEDIATE");
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        holder.execute_batch("COMMIT").expect("commit");
    });
    let listed = db.ok(&["list"]);
    assert!(listed.contains("Ana Before"), "{listed}");
    release.join().expect("released");
    assert_eq!(db.text("PRAGMA journal_mode"), "wal");
}

/// Runs `list` on a database held the whole time; expects it to give up with the busy message
/// within about the busy timeout (5 s), however many steps of opening waited.
fn gives_up_busy(begin: &str) {
    let db = Db::new();
    let _holder = held_by_a_large_import(&db, begin);
    let started = std::time::Instant::now();
    let out = db.cmd().arg("list").output().expect("runs");
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("in use by another program"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
}

#[test]
fn a_command_that_waits_too_long_says_the_database_is_in_use() {
    // Held before anything is written: reading works, the switch back to the log does not.
    gives_up_busy("IMMEDIATE");
}

#[test]
fn a_command_kept_from_reading_says_the_database_is_in_use() {
    gives_up_busy("EXCLUSIVE");
}
