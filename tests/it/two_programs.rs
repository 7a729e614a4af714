//! Two programs on one database never overwrite each other: a write that says what it expects
//! is refused, naming who changed what, when the record changed since it was read.

use chrono::{TimeZone, Utc};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::domain::{Contact, Decision, ReasonCode, RoleRelevance};
use leadgate::store::{Ctx, Expect, Store, StoreError};

fn ctx(actor: &str) -> Ctx {
    Ctx::new(
        actor,
        Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0)
            .single()
            .unwrap(),
    )
}

#[test]
fn the_second_program_s_stale_write_is_refused_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    let mut desk = Store::open(&path).unwrap();
    let mut script = Store::open(&path).unwrap();
    let contact = Contact {
        name: "Tomasz Wielgosz".into(),
        ..Contact::default()
    };
    let id = desk.add_lead(contact, &ctx("desk")).unwrap().id;
    let shown = desk.lead(&id).unwrap();
    let seen_before = desk.data_version().unwrap();
    let today = ctx("cli").now.date_naive();
    let edit = parse_edit(
        Field::RoleRelevance,
        "relevant",
        Some("Head of Ops"),
        None,
        today,
    )
    .unwrap();
    script.set_field(&id, &edit, &ctx("cli")).unwrap();
    assert_ne!(
        desk.data_version().unwrap(),
        seen_before,
        "the desk notices"
    );
    // The desk writes from what it showed: role unknown, no why.
    let stale = parse_edit(Field::RoleRelevance, "relevant", None, None, today).unwrap();
    let err = desk
        .set_field_expecting(
            &id,
            &stale,
            Some(&Expect::Version(shown.version)),
            &ctx("desk"),
        )
        .unwrap_err();
    let StoreError::Changed(changed) = &err else {
        panic!("{err}")
    };
    let text = err.to_string();
    assert!(
        text.contains("Tomasz Wielgosz changed since you saw it"),
        "{text}"
    );
    assert!(text.contains("by cli"), "{text}");
    let now = desk.lead(&id).unwrap();
    assert_eq!(now.evidence.role_relevance, RoleRelevance::Relevant);
    assert_eq!(
        now.evidence.role_relevance_why.as_deref(),
        Some("Head of Ops")
    );
    // Reapplying knowingly, over the version the refusal named, is allowed.
    desk.decide_expecting(
        &id,
        &Decision::Nurture(ReasonCode::Stalled),
        None,
        Some(&Expect::Version(changed.version)),
        &ctx("desk"),
    )
    .unwrap();
}

#[test]
fn set_expect_refuses_when_the_field_changed() {
    let db = crate::support::Db::new();
    let id = db.add("Priya Raman", "priya@tidewater.example");
    db.ok(&[
        "set", &id, "icp_fit", "fit", "--note", "3PL", "--expect", "unknown",
    ]);
    let out = db
        .cmd()
        .args(["set", &id, "icp_fit", "not_fit", "--expect", "unknown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = crate::support::stderr_of(&out);
    assert!(
        err.contains("Priya Raman changed since you saw it"),
        "{err}"
    );
    assert!(err.contains("icp_fit unknown → fit"), "{err}");
    assert!(db.ok(&["show", &id]).contains("fit — 3PL"));
}
