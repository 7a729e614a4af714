//! A rules file's text through `leadgate rules check` / `rules show`: parsing and checking it,
//! and, when it is valid, its version, its text and what its patterns and lists say about a
//! record.

#![no_main]

use std::collections::BTreeMap;

use leadgate::config::parse_rules;
use leadgate::domain::Contact;
use leadgate::domain::flags::{column_flags, detect};
use leadgate::domain::icp::{suggest_fit, suggest_role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_rules(text) {
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a problem named");
            let lines = text.lines().count().max(1);
            for p in &problems {
                let _ = p.to_string();
                assert!(
                    p.line >= 1 && p.line <= lines + 1,
                    "problem on line {} of a {lines}-line file: {p}",
                    p.line
                );
            }
        }
        Ok(rules) => {
            let version = rules.version();
            assert_eq!(version.len(), 16);
            let _ = rules.describe();
            let _ = rules.score_version();
            // The same text is the same rules, with the same version.
            let again = parse_rules(text).expect("parsed once, parses again");
            assert_eq!(again.version(), version);
            let contact = Contact {
                name: "Maren Okafor".into(),
                email: Some("maren@gmail.com".into()),
                title: Some("Head of Operations".into()),
                company: Some("Northwind Freight".into()),
                domain: Some("northwind.example".into()),
                industry: Some("Logistics".into()),
                employees: Some("51-200".into()),
                country: Some("DE".into()),
                ..Contact::default()
            };
            let _ = suggest_fit(&contact, &rules.icp);
            let _ = suggest_role(&contact, &rules.roles);
            let attributes: BTreeMap<String, String> = [
                ("HasOptedOutOfEmail", "true"),
                ("Person - Marketing status", "unsubscribed"),
                ("Open deals", "2"),
                ("Lifecycle Stage", "customer"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
            let _ = column_flags(&attributes, &rules.flags);
            let _ = detect(&contact, &attributes, None, &rules.flags);
        }
    }
});
