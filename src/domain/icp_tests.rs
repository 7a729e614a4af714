use super::*;

fn icp() -> Icp {
    Icp {
        industries: vec!["Logistics".into(), "Wholesale".into()],
        employee_bands: vec!["51-200".into()],
        countries: vec![],
        exclude_industries: vec!["Gaming".into()],
        competitor_domains: vec!["rivalroutes.example".into()],
    }
}

fn contact(industry: &str, employees: &str, domain: &str, title: &str) -> Contact {
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Contact {
        name: "P".into(),
        industry: some(industry),
        employees: some(employees),
        domain: some(domain),
        title: some(title),
        ..Contact::default()
    }
}

#[test]
fn a_matching_record_is_suggested_as_a_fit_with_every_rule_that_matched() {
    let s =
        suggest_fit(&contact("logistics", "51-200", "x.example", ""), &icp()).expect("suggestion");
    assert_eq!(s.value, IcpFit::Fit);
    assert_eq!(
        s.because,
        [
            "Industry = logistics is in ICP industries",
            "Employees = 51-200 is in employee bands"
        ]
    );
    assert_eq!(
        s.why(),
        "suggested by the rules: Industry = logistics is in ICP industries; Employees = 51-200 is in employee bands"
    );
}

#[test]
fn one_miss_makes_it_likely_not_a_fit_and_exclusions_win() {
    let s = suggest_fit(&contact("Logistics", "1-10", "", ""), &icp()).expect("suggestion");
    assert_eq!(
        (s.value, s.because.as_slice()),
        (
            IcpFit::NotFit,
            &["Employees = 1-10 is not in employee bands".to_string()][..]
        )
    );
    let s = suggest_fit(&contact("Gaming", "51-200", "", ""), &icp()).expect("suggestion");
    assert_eq!(s.because, ["Industry = Gaming is excluded"]);
    let s = suggest_fit(
        &contact("Logistics", "51-200", "RivalRoutes.example", ""),
        &icp(),
    )
    .expect("suggestion");
    assert_eq!(s.value, IcpFit::NotFit);
}

#[test]
fn no_facts_no_suggestion() {
    assert_eq!(suggest_fit(&contact("", "", "", ""), &icp()), None);
    assert_eq!(
        suggest_fit(&contact("Logistics", "", "", ""), &Icp::default()),
        None
    );
}

#[test]
fn titles_are_matched_against_role_patterns_case_blind() {
    let roles = Roles {
        relevant: vec![Pattern::new(r"\bhead of operations\b").expect("pattern")],
        not_relevant: vec![Pattern::new(r"\bintern\b").expect("pattern")],
    };
    let s = suggest_role(&contact("", "", "", "HEAD OF OPERATIONS"), &roles).expect("suggestion");
    assert_eq!(s.value, RoleRelevance::Relevant);
    assert_eq!(
        s.because,
        [
            "title 'HEAD OF OPERATIONS' names a relevant role: 'HEAD OF OPERATIONS' (pattern \\bhead of operations\\b)"
        ],
        "the words found come first, the pattern after"
    );
    let s = suggest_role(&contact("", "", "", "Operations Intern"), &roles).expect("suggestion");
    assert_eq!(s.value, RoleRelevance::NotRelevant);
    assert!(
        s.because[0].contains(": 'Intern' (pattern"),
        "{:?}",
        s.because
    );
    assert_eq!(suggest_role(&contact("", "", "", "Designer"), &roles), None);
    assert!(Pattern::new("(unclosed").is_err());
}

#[test]
fn counts_fall_in_bands_and_industries_match_by_words() {
    let s = suggest_fit(
        &contact("Logistics & Supply Chain", "48", "", ""),
        &Icp {
            industries: vec!["logistics".into()],
            employee_bands: vec!["11-50".into(), "1001+".into()],
            ..Icp::default()
        },
    )
    .expect("suggestion");
    assert_eq!(s.value, IcpFit::Fit, "{:?}", s.because);
    let big = suggest_fit(
        &contact("", "2,500", "", ""),
        &Icp {
            employee_bands: vec!["1001+".into()],
            ..Icp::default()
        },
    )
    .expect("suggestion");
    assert_eq!(big.value, IcpFit::Fit);
    let none = suggest_fit(
        &contact("Biologistics", "", "", ""),
        &Icp {
            industries: vec!["logistics".into()],
            ..Icp::default()
        },
    )
    .expect("suggestion");
    assert_eq!(none.value, IcpFit::NotFit, "a word, not a substring of one");
}
