//! The rules file and the suggestions it makes, from the command line.

mod rules_file {
    use crate::support::{Db, stderr_of};
    use serde_json::Value;

    fn rules_file(db: &Db, text: &str) -> String {
        let path = db.path.parent().expect("dir").join("rules.toml");
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    }

    #[test]
    fn config_init_writes_a_valid_commented_default_that_check_accepts() {
        let db = Db::new();
        let path = db
            .path
            .parent()
            .expect("dir")
            .join("conf")
            .join("leadgate.toml");
        let p = path.display().to_string();
        assert_eq!(db.ok(&["--config", &p, "config", "path"]).trim(), p);
        db.ok(&["--config", &p, "config", "init"]);
        assert!(
            std::fs::read_to_string(&path)
                .expect("written")
                .contains("[gates]")
        );
        let out = db
            .cmd()
            .args(["--config", &p, "config", "init"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "no overwrite without --force");
        assert!(
            db.ok(&["--config", &p, "rules", "check"])
                .contains("the rules are valid")
        );
        let shown = db.ok(&["--config", &p, "rules", "show"]);
        assert!(
            shown.contains(
                "gates.to_prospect = icp_fit, role_relevance, intent_source, reason_now, exclusions"
            ),
            "{shown}"
        );
    }

    #[test]
    fn an_invalid_rules_file_is_reported_by_line_and_key_and_stops_every_command() {
        let db = Db::new();
        let path = rules_file(
            &db,
            "[gates]\nto_prospect = [\"icp_fit\", \"budget\"]\nreason_now_window_days = -3\n",
        );
        for args in [
            vec!["rules", "check"],
            vec!["list"],
            vec!["add", "--name", "X"],
        ] {
            let mut full = vec!["--config", path.as_str()];
            full.extend(args.iter().copied());
            let out = db.cmd().args(&full).output().expect("runs");
            assert_eq!(out.status.code(), Some(1), "{args:?}");
            let err = stderr_of(&out);
            assert!(
                err.contains("rules.toml:line 2: gates.to_prospect: unknown gate item 'budget'"),
                "{err}"
            );
            assert!(
                err.contains(
                    "rules.toml:line 3: gates.reason_now_window_days: -3 is not a number of days"
                ),
                "{err}"
            );
        }
        assert!(
            !db.path.exists(),
            "nothing ran: not even the database was created"
        );
    }

    #[test]
    fn a_gate_loosened_in_the_rules_changes_what_promotes_and_the_version_is_recorded() {
        let db = Db::new();
        let id = db.add("Maren Okafor", "maren@brightkiln.example");
        db.ok(&["set", &id, "icp_fit", "fit", "--note", "B2B SaaS, 40 staff"]);
        db.ok(&[
            "set",
            &id,
            "role_relevance",
            "relevant",
            "--note",
            "Founder",
        ]);
        db.ok(&[
            "set",
            &id,
            "intent_source",
            "reply",
            "--note",
            "Replied to the first email",
        ]);
        let refused = db.cmd().args(["promote", &id]).output().expect("runs");
        assert_eq!(
            refused.status.code(),
            Some(3),
            "the default gate wants a reason now"
        );
        let loose = rules_file(
            &db,
            "[gates]\nto_prospect = [\"icp_fit\", \"role_relevance\", \"intent_source\"]\n",
        );
        let strict_version = db
            .ok(&["rules", "show"])
            .lines()
            .next()
            .expect("header")
            .to_string();
        db.ok(&["--config", &loose, "promote", &id]);
        let history: Value =
            serde_json::from_str(&db.ok(&["history", &id, "--json"])).expect("json");
        let promotion = history
            .as_array()
            .expect("list")
            .last()
            .expect("event")
            .clone();
        let version = promotion["data"]["rules_version"]
            .as_str()
            .expect("version recorded")
            .to_string();
        let loose_show = db.ok(&["--config", &loose, "rules", "show"]);
        assert!(
            loose_show
                .lines()
                .next()
                .expect("header")
                .ends_with(&version),
            "{loose_show}"
        );
        assert!(
            !strict_version.ends_with(&version),
            "the looser rules have another version"
        );
        assert_eq!(
            promotion["data"]["checklist"]["items"]
                .as_array()
                .expect("items")
                .len(),
            3
        );
    }
}

mod suggestions {
    use crate::support::{Db, assert_terms_sum, stderr_of};
    use serde_json::Value;

    fn fixture(name: &str) -> String {
        format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn a_suggestion_is_not_evidence_until_a_person_accepts_it() {
        let db = Db::new();
        let id = db.add("Tomasz Wielgosz", "tomasz@harborlight.example");
        db.ok(&["set", &id, "industry", "Logistics"]);
        db.ok(&["set", &id, "employees", "48"]);
        db.ok(&["set", &id, "title", "Head of Operations"]);
        let shown = db.ok(&["show", &id]);
        assert!(shown.contains("Suggested ICP fit: fit (Industry = Logistics is in ICP industries; Employees = 48 is in employee bands)"), "{shown}");
        assert!(
            shown.contains("Suggested role relevance: relevant"),
            "{shown}"
        );
        let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
        assert_eq!(
            v["evidence"]["icp_fit"], "unknown",
            "a suggestion changes nothing on the record"
        );
        assert_eq!(
            v["checklist"][0]["passed"], false,
            "and does not pass the gate"
        );
        let out = db.cmd().args(["promote", &id]).output().expect("runs");
        assert!(stderr_of(&out).contains("✗ ICP fit"));

        db.ok(&["--as", "dana", "accept", &id]);
        let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
        assert_eq!(v["evidence"]["icp_fit"], "fit");
        assert!(
            v["evidence"]["icp_fit_why"]
                .as_str()
                .expect("why")
                .starts_with("suggested by the rules: Industry = Logistics")
        );
        assert_eq!(v["checklist"][0]["passed"], true);
        let history: Value =
            serde_json::from_str(&db.ok(&["history", &id, "--json"])).expect("json");
        let accepted = history
            .as_array()
            .expect("list")
            .iter()
            .find(|e| e["field"] == "icp_fit")
            .expect("event");
        assert_eq!(
            accepted["actor"], "dana",
            "the person who accepted verified it"
        );
    }

    #[test]
    fn triage_sorts_an_imported_list_by_suggestion_without_touching_evidence() {
        let db = Db::new();
        db.ok(&["import", &fixture("salesforce_leads_dataloader.csv")]);
        let counts: Value =
            serde_json::from_str(&db.ok(&["triage", "--suggest", "--json"])).expect("json");
        let (fit, not, unknown) = (
            counts["likely_fit"].as_u64().expect("n"),
            counts["likely_not"].as_u64().expect("n"),
            counts["unknown"].as_u64().expect("n"),
        );
        assert_eq!(fit + not + unknown, 30);
        assert!(fit > 0 && not > 0, "{counts}");
        let likely: Value =
            serde_json::from_str(&db.ok(&["list", "--suggested", "fit", "--json"])).expect("json");
        assert_eq!(likely.as_array().expect("list").len() as u64, fit);
        assert!(
            likely
                .as_array()
                .expect("list")
                .iter()
                .all(|l| l["evidence"]["icp_fit"] == "unknown")
        );
        assert_eq!(
            db.count("SELECT count(*) FROM events WHERE kind = 'field'"),
            0,
            "suggesting writes no evidence"
        );
        let out = db.cmd().args(["triage"]).output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
    }

    #[test]
    fn show_lists_every_term_of_the_priority_score() {
        let db = Db::new();
        let id = db.add("Maren Okafor", "maren@gmail.com");
        db.ok(&[
            "set",
            &id,
            "intent_source",
            "demo_request",
            "--note",
            "Asked for a demo",
        ]);
        let shown = db.ok(&["show", &id]);
        assert!(
            shown.contains("Priority 1.0: intent: demo request +6.0, free-mail address −5.0"),
            "{shown}"
        );
        let v: Value = serde_json::from_str(&db.ok(&["show", &id, "--json"])).expect("json");
        assert_terms_sum(&v["score"]);
    }
}

mod rules_check {
    use crate::support::{Db, stderr_of};

    #[test]
    fn rules_check_prints_every_problem_on_its_own_line() {
        let db = Db::new();
        let path = db.path.parent().expect("dir").join("rules.toml");
        let text = leadgate::config::DEFAULT_RULES_FILE.replace("fit = 5.0", "fit = \"high\"")
            + "\nstalled_days = 20\n";
        std::fs::write(&path, &text).expect("write");
        let out = db
            .cmd()
            .arg("--config")
            .arg(&path)
            .args(["rules", "check"])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1));
        let err = stderr_of(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines[0].contains("2 problem(s)"), "{err}");
        assert!(lines[1].contains(": score.fit: expected a number"), "{err}");
        assert!(
            lines[2].contains(&format!(
                "line {}: `stalled_days` is not a key of [team]",
                text.lines().count()
            )) && lines[2].contains("move it under [gates]"),
            "{err}"
        );
    }

    #[test]
    fn rules_show_prints_an_empty_list_as_none() {
        let db = Db::new();
        let path = db.path.parent().expect("dir").join("rules.toml");
        std::fs::write(&path, "[icp]\ncountries = []\n").expect("write");
        let shown = db.ok(&["--config", path.to_str().expect("utf-8"), "rules", "show"]);
        assert!(!shown.contains("(any)"), "{shown}");
        assert!(
            shown.contains("icp.countries = none (any value is accepted)"),
            "{shown}"
        );
    }
}
