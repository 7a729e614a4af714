//! The ideal customer profile and role patterns, and the suggestions they make.
//!
//! A suggestion is never evidence: it says which rule matched, and a person accepts it (which
//! records them as having verified it, with the rule as the stated why) or overrides it.

use regex::Regex;
use serde::Serialize;

use super::lead::Contact;
use super::qualification::{IcpFit, RoleRelevance};

/// Who the team sells to. Matching ignores letter case; an empty list matches anything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Icp {
    pub industries: Vec<String>,
    pub employee_bands: Vec<String>,
    pub countries: Vec<String>,
    pub exclude_industries: Vec<String>,
    pub competitor_domains: Vec<String>,
}

/// A title pattern, kept with the text it was written as.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    regex: Regex,
}

impl Pattern {
    /// Compiles a pattern, ignoring letter case.
    ///
    /// # Errors
    /// The regular expression's own message when it does not compile.
    pub fn new(source: &str) -> Result<Self, String> {
        let regex = regex::RegexBuilder::new(source)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .map_err(|e| {
                // The last line of regex's message says what is wrong ("error: unclosed group").
                let text = e.to_string();
                let last = text.lines().last().unwrap_or("not a valid pattern").trim();
                last.trim_start_matches("error:").trim().to_string()
            })?;
        Ok(Self {
            source: source.to_string(),
            regex,
        })
    }

    #[must_use]
    pub fn matches(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

/// Title patterns of people who own the problem, and of people who do not decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub relevant: Vec<Pattern>,
    pub not_relevant: Vec<Pattern>,
}

/// What the rules suggest for a qualification field, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion<T> {
    pub value: T,
    /// The rules that matched, in words ("Industry = Logistics is in ICP industries").
    pub because: Vec<String>,
}

impl<T> Suggestion<T> {
    /// The reasons as one sentence, to record as the stated why when accepted.
    #[must_use]
    pub fn why(&self) -> String {
        format!("suggested by the rules: {}", self.because.join("; "))
    }
}

fn listed<'a>(list: &'a [String], value: Option<&str>) -> Option<&'a String> {
    let value = value?.trim();
    list.iter().find(|item| item.eq_ignore_ascii_case(value))
}

/// The suggested ICP fit of a record, from its firmographics. `None` when the rules have
/// nothing to say (no facts to compare, or no ICP written down).
#[must_use]
pub fn suggest_fit(c: &Contact, icp: &Icp) -> Option<Suggestion<IcpFit>> {
    let domain = c.domain.as_deref().or_else(|| {
        c.email
            .as_deref()
            .and_then(|e| e.rsplit_once('@').map(|p| p.1))
    });
    if let Some(d) = listed(&icp.competitor_domains, domain) {
        return Some(Suggestion {
            value: IcpFit::NotFit,
            because: vec![format!("{d} is a competitor's domain")],
        });
    }
    if let Some(i) = listed(&icp.exclude_industries, c.industry.as_deref()) {
        return Some(Suggestion {
            value: IcpFit::NotFit,
            because: vec![format!("Industry = {i} is excluded")],
        });
    }
    let mut because = Vec::new();
    let mut misses = Vec::new();
    let checks = [
        (
            "Industry",
            "ICP industries",
            &icp.industries,
            c.industry.as_deref(),
        ),
        (
            "Employees",
            "employee bands",
            &icp.employee_bands,
            c.employees.as_deref(),
        ),
        (
            "Country",
            "ICP countries",
            &icp.countries,
            c.country.as_deref(),
        ),
    ];
    for (label, list_name, list, value) in checks {
        let (Some(value), false) = (
            value.map(str::trim).filter(|v| !v.is_empty()),
            list.is_empty(),
        ) else {
            continue;
        };
        if listed(list, Some(value)).is_some() {
            because.push(format!("{label} = {value} is in {list_name}"));
        } else {
            misses.push(format!("{label} = {value} is not in {list_name}"));
        }
    }
    match (because.is_empty(), misses.is_empty()) {
        (_, false) => Some(Suggestion {
            value: IcpFit::NotFit,
            because: misses,
        }),
        (false, true) => Some(Suggestion {
            value: IcpFit::Fit,
            because,
        }),
        (true, true) => None,
    }
}

/// The suggested role relevance of a record, from its title.
#[must_use]
pub fn suggest_role(c: &Contact, roles: &Roles) -> Option<Suggestion<RoleRelevance>> {
    let title = c
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())?;
    if let Some(p) = roles.not_relevant.iter().find(|p| p.matches(title)) {
        let because = vec![format!(
            "title '{title}' matches the not-relevant pattern {}",
            p.source
        )];
        return Some(Suggestion {
            value: RoleRelevance::NotRelevant,
            because,
        });
    }
    roles
        .relevant
        .iter()
        .find(|p| p.matches(title))
        .map(|p| Suggestion {
            value: RoleRelevance::Relevant,
            because: vec![format!(
                "title '{title}' matches the role pattern {}",
                p.source
            )],
        })
}

#[cfg(test)]
#[path = "icp_tests.rs"]
mod tests;
