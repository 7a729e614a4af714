use super::*;

fn problems(text: &str) -> Vec<String> {
    parse_rules(text)
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_shipped_default_is_valid_and_says_what_the_built_in_rules_say_about_gates() {
    let rules = parse_rules(DEFAULT_RULES_FILE).expect("the default file is valid");
    assert_eq!(rules.gates, GateRules::default());
    // The same score too, so a database scored without a rules file stays in order with it.
    assert_eq!(rules.score, crate::domain::score::ScoreWeights::default());
    assert_eq!(rules.score_version(), Rules::default().score_version());
    assert!(rules.icp.industries.contains(&"logistics".to_string()));
    assert!(!rules.roles.relevant.is_empty());
}

#[test]
fn an_empty_file_means_the_defaults() {
    assert_eq!(parse_rules("").expect("valid"), Rules::default());
}

#[test]
fn an_unknown_key_is_named_with_its_line() {
    let text = "[gates]\nreason_now_window_days = 30\nreason_now_windw = 7\n";
    let p = problems(text);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("line 3: "), "{p:?}");
    assert!(
        p[0].contains("`reason_now_windw` is not a key of [gates]"),
        "{p:?}"
    );
}

#[test]
fn an_unknown_table_is_named_with_its_line() {
    let p = problems("# rules\n\n[gate]\nto_prospect = []\n");
    assert!(
        p[0].starts_with("line 3: ")
            && p[0].contains("`gate` is not a key of the file's top level"),
        "{p:?}"
    );
}

#[test]
fn a_wrong_type_is_named_with_its_line() {
    let p = problems("[gates]\nstalled_days = \"two weeks\"\n");
    assert!(p[0].starts_with("line 2: "), "{p:?}");
    assert!(
        p[0].contains("expected a whole number of days, found text"),
        "{p:?}"
    );
}

#[test]
fn every_type_error_is_reported_not_only_the_first() {
    let text = "[gates]\nstalled_days = \"two weeks\"\nto_prospect = \"icp_fit\"\n\
                [score]\nfit = \"high\"\nengaged_days = 1.5\n[icp]\nindustries = [\"SaaS\", 3]\n";
    let p = problems(text);
    assert_eq!(p.len(), 5, "{p:?}");
    for (n, line) in [2, 3, 5, 6, 8].iter().zip(&p) {
        assert!(line.starts_with(&format!("line {n}: ")), "{p:?}");
    }
}

#[test]
fn a_key_appended_after_the_last_header_says_which_table_it_landed_in() {
    let text = format!("{DEFAULT_RULES_FILE}\nstalled_days = 20\n");
    let last = text.lines().count();
    let p = problems(&text);
    assert_eq!(
        p,
        vec![format!(
            "line {last}: `stalled_days` is not a key of [team]; it landed in \
             [team] because it follows that header — move it under [gates]"
        )]
    );
}

#[test]
fn semantic_problems_name_line_and_key_and_all_are_reported() {
    let text = "\
[gates]
to_prospect = []
to_opportunity = [\"pain_point\", \"budget\"]
reason_now_window_days = 0

[roles]
relevant = [\"(head of\", \"\\\\bcoo\\\\b\"]

[icp]
industries = [\"logistics\", \" \"]
";
    let p = problems(text);
    assert_eq!(
        p,
        [
            "line 2: gates.to_prospect: the list is empty: a gate must require at least one item",
            "line 3: gates.to_opportunity: unknown gate item 'budget': did you mean 'budget_path'? expected one of icp_fit, role_relevance, intent_source, reason_now, pain_point, stakeholders, next_step, timeline, budget_path, deal_size, handoff_accepted, exclusions",
            "line 4: gates.reason_now_window_days: 0 is not a number of days from 1 to 3650",
            "line 7: roles.relevant: '(head of' is not a valid pattern: unclosed group",
            "line 10: icp.industries: an entry is empty",
        ]
    );
}

#[test]
fn a_gate_can_be_loosened_and_the_version_says_so() {
    let strict = parse_rules("").expect("valid");
    let loose = parse_rules(
        "[gates]\nto_prospect = [\"icp_fit\", \"role_relevance\", \"intent_source\"]\n",
    )
    .expect("valid");
    assert!(!loose.gates.to_prospect.contains(&GateItem::ReasonNow));
    assert_ne!(strict.version(), loose.version());
}

#[test]
fn extra_flag_entries_add_to_the_shipped_lists() {
    let rules = parse_rules("[flags]\nfree_mail_domains = [\"Mailbox.example\"]\n").expect("valid");
    assert!(
        rules
            .flags
            .free_mail_domains
            .contains(&"mailbox.example".to_string())
    );
    assert!(
        rules
            .flags
            .free_mail_domains
            .contains(&"gmail.com".to_string())
    );
}

#[test]
fn rules_show_says_none_for_an_empty_list_and_the_versions_stay_as_they_were() {
    // A version names what the rules mean, not how `rules show` words them. The opportunity
    // gate carrying fit, role and exclusions made the same file stricter rules, so the
    // versions moved on from ddf30741c545e47d and ec75904fc0c4fbf6 then; opt-out and
    // customer columns raising flags moved them on again from 3f159deb06ba07af and
    // 37e9754093094024; won and open deals in sheets and Odoo, and customer labels and tags,
    // from da9e60e153b7ac42 and 9b5a55ed31e5412d; the opportunity gate reading typed deal
    // evidence and an accepted handoff, and the team's managers, from ca8c062c80b42cad and
    // b65672730f76cddc. They stay now.
    let defaults = parse_rules(DEFAULT_RULES_FILE).expect("valid");
    assert_eq!(defaults.version(), "6cda5a9a9313ab5e");
    let open = parse_rules("[icp]\nindustries = []\n[roles]\nrelevant = []\n").expect("valid");
    assert_eq!(open.version(), "20b2b5831b089ebf");
    let shown = open.describe();
    assert!(!shown.contains("(any)"), "{shown}");
    assert!(
        shown.contains("icp.industries = none (any value is accepted)"),
        "{shown}"
    );
    assert!(shown.contains("roles.relevant = none\n"), "{shown}");
}

#[test]
fn the_opportunity_gate_drops_a_carried_item_only_when_the_file_says_so() {
    use crate::domain::Stage;
    let old_style = parse_rules(
        "[gates]\nto_opportunity = [\"pain_point\", \"stakeholders\", \"next_step\"]\n",
    )
    .expect("an older file keeps working");
    let items = old_style.gates.items_from(Stage::Prospect).expect("gate");
    assert!(items.contains(&GateItem::IcpFit) && items.contains(&GateItem::Exclusions));
    let said = parse_rules("[gates]\nopportunity_allow_without = [\"icp_fit\"]\n").expect("valid");
    let items = said.gates.items_from(Stage::Prospect).expect("gate");
    assert!(!items.contains(&GateItem::IcpFit));
    assert_ne!(said.version(), old_style.version());
    let problems = parse_rules("[gates]\n\nopportunity_allow_without = [\"pain_point\"]\n")
        .expect_err("pain point is the opportunity gate's own");
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 3);
    assert!(
        problems[0]
            .message
            .contains("only icp_fit, role_relevance, exclusions"),
        "{}",
        problems[0]
    );
}

#[test]
fn the_stakeholder_rule_and_the_managers_are_read_and_checked() {
    let rules = parse_rules(
        "[gates]\nstakeholders_min_engaged = 2\nstakeholders_authority_or_second = false\n\
         [team]\nmanagers = [\"Dana\", \"Lee\"]\n",
    )
    .expect("valid");
    assert_eq!(rules.gates.stakeholders.min_engaged, 2);
    assert!(!rules.gates.stakeholders.authority_or_second);
    assert!(rules.team.is_manager("dana"));
    assert!(!rules.team.is_manager("sam"));
    let p = problems(
        "[gates]\nstakeholders_min_engaged = 0\nstakeholders_authority_or_second = \"yes\"\n",
    );
    assert_eq!(
        p,
        vec![
            "line 3: gates.stakeholders_authority_or_second: expected true or false, found text"
                .to_string()
        ]
    );
    let p = problems("[gates]\nstakeholders_min_engaged = 0\n[team]\nmanagers = [\" \"]\n");
    assert_eq!(
        p,
        vec![
            "line 2: gates.stakeholders_min_engaged: 0 is not a whole number from 1 to 20",
            "line 4: team.managers: an entry is empty",
        ]
    );
}
