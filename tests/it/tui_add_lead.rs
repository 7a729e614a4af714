//! Adding a lead from the workstation: `A` opens a form, Enter adds, and an email already
//! known (in any letter case) is refused with everything typed kept.

use crate::tui_support::desk;
use leadgate::tui::popup::Popup;

fn leads_named(d: &crate::tui_support::Desk, name: &str) -> Vec<leadgate::domain::Lead> {
    let mut found = Vec::new();
    d.store
        .for_each_lead(&leadgate::store::ListFilter::default(), |l| {
            if l.contact.name == name {
                found.push(l);
            }
            Ok::<(), leadgate::store::StoreError>(())
        })
        .expect("leads");
    found
}

#[test]
fn the_add_form_adds_a_lead_and_refuses_an_email_already_known() {
    let mut d = desk();
    d.press(&["A"]);
    // Enter on a blank form asks for a name and adds nothing.
    d.press(&["Enter"]);
    let Some(Popup::AddLead(form)) = d.app.popups.last() else {
        panic!("the form: {:?}", d.app.popups.last());
    };
    assert_eq!(form.error.as_deref(), Some("A lead needs a name"));

    d.type_text("Maren Twin");
    d.press(&["Tab"]);
    d.type_text("MAREN@Brightkiln.example");
    d.press(&["Tab"]);
    d.type_text("Brightkiln");
    d.press(&["Tab", "Tab"]);
    d.type_text("Webinar");
    insta::assert_snapshot!("add_lead_80", d.screen(80, 24));
    insta::assert_snapshot!("add_lead_140", d.screen(140, 42));
    d.press(&["Enter"]);
    let Some(Popup::AddLead(form)) = d.app.popups.last() else {
        panic!("the form stays open: {:?}", d.app.popups.last());
    };
    let said = form.error.clone().unwrap_or_default();
    assert!(said.contains("Maren Okafor"), "{said}");
    assert_eq!(
        form.lines[0].lines().join(""),
        "Maren Twin",
        "kept as typed"
    );
    assert!(leads_named(&d, "Maren Twin").is_empty(), "not added");
    insta::assert_snapshot!("add_lead_known_80", d.screen(80, 24));

    // The form is back on the email: another one is added, with its company and source,
    // and the form closes.
    for _ in 0.."MAREN@Brightkiln.example".len() {
        d.press(&["Backspace"]);
    }
    d.type_text("twin@brightkiln.example");
    d.press(&["Enter"]);
    assert!(d.app.popups.is_empty(), "the form closes");
    let [added] = leads_named(&d, "Maren Twin").try_into().expect("one added");
    assert_eq!(
        added.contact.email.as_deref(),
        Some("twin@brightkiln.example")
    );
    assert_eq!(added.contact.company.as_deref(), Some("Brightkiln"));
    assert_eq!(added.contact.source.as_deref(), Some("Webinar"));
    assert_eq!(added.contact.title, None);
    let history = d.store.history(&added.id).expect("history");
    assert_eq!(history.len(), 1, "its created entry");

    // A malformed email is said in the form, which stays open as typed.
    d.press(&["A"]);
    d.type_text("Bad Email");
    d.press(&["Tab"]);
    d.type_text("not-an-email");
    d.press(&["Enter"]);
    let Some(Popup::AddLead(form)) = d.app.popups.last() else {
        panic!("the form stays open after a malformed email");
    };
    let said = form.error.clone().unwrap_or_default();
    assert!(said.contains("not-an-email"), "{said}");
    assert!(leads_named(&d, "Bad Email").is_empty());
    d.press(&["Esc"]);

    // Esc leaves a form with nothing added.
    d.press(&["A"]);
    d.type_text("Nobody");
    d.press(&["Esc"]);
    assert!(d.app.popups.is_empty());
    assert!(leads_named(&d, "Nobody").is_empty());
}
