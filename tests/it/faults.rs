//! A full disk (a capped file, as a quota would) and a read-only file, met by an import and
//! by an edit in the workstation: a clear error naming the file, nothing half-written, and
//! the workstation still running.

use leadgate::import::{ImportOptions, import_file};
use leadgate::store::{Ctx, Store};
use leadgate::tui::popup::Popup;
use std::path::Path;

use crate::support::Db;
use crate::tui_support::{desk_on_file, now};

fn csv(dir: &Path, rows: usize) -> std::path::PathBuf {
    let mut text = String::from("Email,Name,Company,Notes\n");
    for i in 0..rows {
        text.push_str(&format!(
            "p{i}@co{i}.example,Person {i},Company {i},Met at the expo and asked for pricing\n"
        ));
    }
    let path = dir.join("list.csv");
    std::fs::write(&path, text).expect("write");
    path
}

fn sound(path: &Path) {
    let checked = Store::open(path)
        .expect("open")
        .check(&leadgate::domain::Rules::default(), &mut |_| {})
        .expect("check");
    assert!(checked.sound(), "{:?}", checked.problems);
}

#[test]
fn an_import_on_a_full_disk_names_the_database_and_writes_nothing() {
    let db = Db::new();
    db.add("Known Lead", "known@x.example");
    let file = csv(db.path.parent().expect("dir"), 3_000);
    let mut store = Store::open(&db.path).expect("open");
    store.cap_pages(1).expect("cap");
    let err = import_file(
        &mut store,
        &file,
        &ImportOptions::default(),
        &Ctx::new("tester", now()),
        false,
    )
    .expect_err("no room for the import");
    let said = err.about_database(&db.path).to_string();
    assert!(said.contains("list.csv"), "{said}");
    assert!(
        said.contains(&format!(
            "{} cannot grow: the disk is full",
            db.path.display()
        )),
        "{said}"
    );
    assert!(said.contains("nothing was imported"), "{said}");
    drop(store);
    assert_eq!(db.count("SELECT count(*) FROM leads"), 1);
    assert_eq!(db.count("SELECT count(*) FROM import_batches"), 0);
    sound(&db.path);
}

#[test]
fn an_import_into_a_read_only_file_names_it_and_writes_nothing() {
    let db = Db::new();
    db.add("Known Lead", "known@x.example");
    let file = csv(db.path.parent().expect("dir"), 50);
    let before = std::fs::read(&db.path).expect("read");
    let mut perms = std::fs::metadata(&db.path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db.path, perms).expect("chmod");
    let out = db
        .cmd()
        .args(["import", file.to_str().expect("path")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{} is read-only", db.path.display())),
        "{err}"
    );
    assert_eq!(std::fs::read(&db.path).expect("read"), before);
}

/// Opens the first missing item's editor on the selected lead and types `text`.
fn edit_missing_item(d: &mut crate::tui_support::Desk, text: &str) {
    d.press(&["p"]);
    d.press(&["Enter"]);
    assert!(
        matches!(d.app.popups.last(), Some(Popup::Editor(_))),
        "an editor opens"
    );
    d.type_text(text);
}

#[test]
fn an_edit_in_the_workstation_on_a_full_disk_says_so_and_keeps_what_was_typed() {
    let db = Db::new();
    let mut d = desk_on_file(&db.path);
    d.resize(80, 24);
    d.select("Tomasz Wielgosz");
    let name = d.selected_name();
    let events = db.count("SELECT count(*) FROM events");
    // A long why: it needs pages the capped file cannot add.
    let why = "Runs routing for the region; signs off on tooling. ".repeat(160);
    edit_missing_item(&mut d, &why);
    d.store.cap_pages(1).expect("cap");
    d.press(&["Enter"]);
    let screen = d.screen(80, 24);
    assert!(screen.contains("the disk is full"), "{screen}");
    assert!(screen.contains("Not written"), "{screen}");
    assert!(screen.contains("Enter tries it again"), "{screen}");
    assert_eq!(
        db.count("SELECT count(*) FROM events"),
        events,
        "nothing written"
    );
    // What was typed is kept, to write once there is room again.
    assert!(
        matches!(d.app.popups.last(), Some(Popup::NotWritten { .. })),
        "the change is kept"
    );
    d.store.cap_pages(1 << 30).expect("room again");
    d.press(&["Enter"]);
    assert!(
        d.app
            .popups
            .iter()
            .all(|p| !matches!(p, Popup::NotWritten { .. }))
    );
    assert_eq!(db.count("SELECT count(*) FROM events"), events + 1);
    assert_eq!(
        db.text("SELECT role_relevance_why FROM leads WHERE name = 'Tomasz Wielgosz'"),
        why.trim()
    );
    // And the workstation goes on working.
    d.press(&["Esc", "Esc", "j", "k"]);
    assert_eq!(d.selected_name(), name);
    drop(d);
    sound(&db.path);
}

#[test]
fn an_edit_in_the_workstation_on_a_read_only_file_says_so() {
    let db = Db::new();
    // The desk's leads, written once, then the file made read-only.
    drop(desk_on_file(&db.path));
    let mut perms = std::fs::metadata(&db.path).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db.path, perms).expect("chmod");
    let before = db.count("SELECT count(*) FROM events");
    let store = Store::open(&db.path).expect("opens to read");
    assert!(store.read_only());
    drop(store);
    let mut d = crate::tui_support::desk_read_only(&db.path);
    d.resize(80, 24);
    d.press(&["n", "Enter", "Enter"]); // a reason, no note
    let screen = d.screen(80, 24);
    assert!(screen.contains("read-only"), "{screen}");
    d.press(&["j", "k"]);
    assert_eq!(db.count("SELECT count(*) FROM events"), before);
}
