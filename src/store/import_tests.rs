use super::*;
use crate::domain::Contact;
use crate::store::leads::get;

use crate::store::test_ctx::ctx;

fn row(line: u64, email: Option<&str>, record: Option<&str>, linkedin: Option<&str>) -> Incoming {
    Incoming {
        line,
        contact: Contact {
            name: format!("Row {line}"),
            email: email.map(str::to_string),
            linkedin_url: linkedin.map(str::to_string),
            ..Contact::default()
        },
        record_id: record.map(str::to_string),
        ..Incoming::default()
    }
}

/// A bad stage, written straight to the table, as a bug would.
fn bad_write(store: &Store) -> rusqlite::Result<usize> {
    store.conn.execute("UPDATE leads SET stage = 'bogus'", [])
}

/// A database holding one lead, Ana (ana@known.example); and her id.
fn with_ana() -> (Store, String) {
    let mut store = Store::open_in_memory().expect("open");
    let known = Contact {
        name: "Ana Known".into(),
        email: Some("ana@known.example".into()),
        ..Contact::default()
    };
    let ana = store.add_lead(known, &ctx()).expect("add").id;
    (store, ana)
}

#[test]
fn a_large_import_finds_every_identity_in_the_file_and_the_database() {
    let c = ctx();
    let (mut store, ana) = with_ana();
    // A file announced as large takes the fingerprint path.
    let mut import = store
        .begin_import("big.csv", None, 1_000_000, &c)
        .expect("begin");
    assert!(import.known.is_some());
    let rows = [
        row(2, Some("ANA@known.example"), None, None),
        row(3, Some("bo@new.example"), Some("hubspot:1"), None),
        row(
            4,
            None,
            Some("hubspot:1"),
            Some("https://linkedin.com/in/bo"),
        ),
        row(5, None, None, Some("https://linkedin.com/in/bo")),
        row(6, Some("cy@new.example"), None, None),
    ];
    let outcomes: Vec<RowOutcome> = rows.iter().map(|r| import.add(r).expect("add")).collect();
    assert_eq!(
        outcomes[0],
        RowOutcome::Merged(ana),
        "email, any case, in the database"
    );
    let RowOutcome::Created(bo) = &outcomes[1] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(
        outcomes[2],
        RowOutcome::Merged(bo.clone()),
        "record id, in the file"
    );
    assert_eq!(
        outcomes[3],
        RowOutcome::Merged(bo.clone()),
        "LinkedIn, learnt by a merge (its other name is kept as a differing value)"
    );
    assert!(matches!(outcomes[4], RowOutcome::Created(_)));
    import.finish(&Value::Null).expect("finish");
    assert_eq!(store.lead_count().expect("count"), 3);
    assert!(
        bad_write(&store).is_err(),
        "CHECK lists are back after the import"
    );
    let found = |q: &str| -> i64 {
        store
            .conn
            .query_row(
                "SELECT count(*) FROM leads_fts WHERE leads_fts MATCH ?1",
                [q],
                |r| r.get(0),
            )
            .expect("search")
    };
    assert_eq!(found("\"new\""), 2, "created leads are searchable");
    assert_eq!(found("\"known\""), 1, "a merged lead is indexed once");
}

#[test]
fn an_import_dropped_before_it_finishes_writes_nothing_and_puts_checks_back() {
    let mut store = Store::open_in_memory().expect("open");
    let c = ctx();
    let mut import = store
        .begin_import("big.csv", None, 1_000_000, &c)
        .expect("begin");
    import
        .add(&row(2, Some("ana@x.example"), None, None))
        .expect("add");
    drop(import);
    assert_eq!(store.lead_count().expect("count"), 0);
    store
        .add_lead(
            Contact {
                name: "Bo".into(),
                ..Contact::default()
            },
            &c,
        )
        .expect("add");
    assert!(
        bad_write(&store).is_err(),
        "CHECK lists are back after an abandoned import"
    );
}

#[test]
fn a_row_prepared_on_another_thread_is_stored_as_the_row_itself_would_be() {
    let mut store = Store::open_in_memory().expect("open");
    let mut import = store
        .begin_import("f.csv", None, 10, &ctx())
        .expect("begin");
    let preparer = import.preparer();
    let mut flagged = row(2, None, Some("hubspot:7"), None);
    flagged.contact.title = Some("Student".into());
    flagged.invalid_email = Some("not an address".into());
    flagged.attributes.insert("Segment".into(), "B".into());
    let mut plain = flagged.clone();
    plain.line = 3;
    plain.record_id = Some("hubspot:8".into());
    let prepared = std::thread::scope(|s| {
        s.spawn(|| preparer.prepare(flagged.clone()))
            .join()
            .expect("prepared")
    });
    let RowOutcome::Created(a) = import.add_prepared(prepared).expect("add") else {
        panic!("created")
    };
    let RowOutcome::Created(b) = import.add(&plain).expect("add") else {
        panic!("created")
    };
    // A prepared row whose identity is known by now is merged; its own lead is never written.
    let again = preparer.prepare(flagged);
    assert_eq!(
        import.add_prepared(again).expect("add"),
        RowOutcome::Unchanged(a.clone())
    );
    let (a, b) = (
        get(import.tx().expect("tx"), &a).expect("a"),
        get(import.tx().expect("tx"), &b).expect("b"),
    );
    assert_eq!(a.evidence.flags, b.evidence.flags);
    assert_eq!(a.evidence.flags.len(), 2, "{:?}", a.evidence.flags);
    assert_eq!(a.attributes, b.attributes);
    assert_eq!(a.contact, b.contact);
    assert_eq!(a.origin.as_ref().map(|o| o.line), Some(2));
    assert_eq!(import.created, 2);
    assert_eq!(import.flagged.values().sum::<u64>(), 4);
}

#[test]
fn emails_that_differ_only_in_the_case_of_letters_beyond_a_to_z_are_one_person() {
    for expected_rows in [10, 1_000_000] {
        let mut store = Store::open_in_memory().expect("open");
        let c = ctx();
        let known = Contact {
            name: "Émile Known".into(),
            email: Some("émile.östlund@known.example".into()),
            ..Contact::default()
        };
        let emile = store.add_lead(known, &c).expect("add").id;
        let mut import = store
            .begin_import("accents.csv", None, expected_rows, &c)
            .expect("begin");
        let rows = [
            row(2, Some("ÉMILE.ÖSTLUND@KNOWN.EXAMPLE"), None, None),
            row(3, Some("chloé.ßeta@new.example"), None, None),
            row(4, Some("CHLOÉ.ßETA@new.example"), None, None),
            row(5, Some("ǅenan@new.example"), None, None),
            row(6, Some("ǆenan@new.example"), None, None),
        ];
        let outcomes: Vec<RowOutcome> = rows.iter().map(|r| import.add(r).expect("add")).collect();
        assert_eq!(
            outcomes[0],
            RowOutcome::Merged(emile),
            "{expected_rows} rows"
        );
        let RowOutcome::Created(chloe) = &outcomes[1] else {
            panic!("{outcomes:?}")
        };
        assert_eq!(outcomes[2], RowOutcome::Merged(chloe.clone()));
        let RowOutcome::Created(denan) = &outcomes[3] else {
            panic!("{outcomes:?}")
        };
        assert_eq!(outcomes[4], RowOutcome::Merged(denan.clone()));
        import.finish(&Value::Null).expect("finish");
        assert_eq!(store.lead_count().expect("count"), 3);
        assert_eq!(
            store
                .lead_with_email("Chloé.SSeta@new.example")
                .expect("look up"),
            None,
            "case folds, spelling does not: ß and ss stay apart"
        );
        assert_eq!(
            store
                .lead_with_email("CHLOÉ.ßETA@NEW.EXAMPLE")
                .expect("look up")
                .as_deref(),
            Some(chloe.as_str())
        );
    }
}

#[test]
fn a_fingerprint_another_key_shares_still_finds_the_right_lead() {
    let c = ctx();
    let (mut store, ana) = with_ana();
    let mut import = store
        .begin_import("big.csv", None, 1_000_000, &c)
        .expect("begin");
    let printed = |line, print: &str| Incoming {
        row_print: Some(print.to_string()),
        ..row(line, None, None, None)
    };
    let bo = import
        .add(&row(2, Some("bo@new.example"), None, None))
        .expect("bo");
    let first = import.add(&printed(3, "print-a")).expect("a");
    let second = import.add(&printed(4, "print-b")).expect("b");
    let (RowOutcome::Created(_), RowOutcome::Created(_), RowOutcome::Created(b)) =
        (&bo, &first, &second)
    else {
        panic!("{bo:?} {first:?} {second:?}")
    };
    // Ana's email now points at Bo's row (rowid 2), and print-b at print-a's kept row (1).
    let known = import.known.as_mut().expect("large");
    known.point(
        Identity::Email,
        fingerprint(Identity::Email, "ana@known.example"),
        2,
    );
    known.point(Identity::Row, fingerprint(Identity::Row, "print-b"), 1);
    assert_eq!(
        import
            .add(&row(5, Some("ANA@known.example"), None, None))
            .expect("ana"),
        RowOutcome::Merged(ana)
    );
    let again = import.add(&printed(6, "print-b")).expect("b again");
    assert!(
        matches!(&again, RowOutcome::Merged(id) | RowOutcome::Unchanged(id) if id == b),
        "{again:?}"
    );
    assert_eq!(import.matched_by(), Some("the same row, imported before"));
    import.finish(&Value::Null).expect("finish");
    assert_eq!(store.lead_count().expect("count"), 4);
    let prints: i64 = store
        .conn
        .query_row("SELECT count(*) FROM row_prints", [], |r| r.get(0))
        .expect("prints");
    assert_eq!(
        prints, 2,
        "every print is in row_prints once the import ends"
    );
}
