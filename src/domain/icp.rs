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

    /// The part of `text` the pattern found ("Founder" in "Founder & CEO").
    #[must_use]
    pub fn found<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.regex.find(text).map(|m| m.as_str())
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

/// An industry matches an ICP entry it contains as words: "Logistics & Supply Chain" is in
/// "logistics".
fn industry_in<'a>(list: &'a [String], value: &str) -> Option<&'a String> {
    let words = |t: &str| {
        let joined = t
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        format!(" {joined} ")
    };
    let value = words(value);
    list.iter().find(|item| value.contains(&words(item)))
}

/// An employee count or band matches a band: "48" is in "11-50", "51-200" is in "51-200",
/// "1000+" is in "1001-5000" only by its lower bound.
fn band_of<'a>(bands: &'a [String], value: &str) -> Option<&'a String> {
    let range = |text: &str| -> Option<(u64, u64)> {
        let t = text.trim().replace([',', ' '], "");
        if let Some(lo) = t.strip_suffix('+') {
            return lo.parse().ok().map(|lo| (lo, u64::MAX));
        }
        match t.split_once('-') {
            Some((lo, hi)) => Some((lo.parse().ok()?, hi.parse().ok()?)),
            None => t.parse().ok().map(|n| (n, n)),
        }
    };
    let (lo, _) = range(value)?;
    bands
        .iter()
        .find(|band| range(band).is_some_and(|(blo, bhi)| (blo..=bhi).contains(&lo)))
}

/// One firmographic check: label, list name, the list, the record's value, how to match.
type Check<'a> = (
    &'a str,
    &'a str,
    &'a Vec<String>,
    Option<&'a str>,
    fn(&[String], &str) -> bool,
);

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
    let checks: [Check<'_>; 3] = [
        (
            "Industry",
            "ICP industries",
            &icp.industries,
            c.industry.as_deref(),
            |l, v| industry_in(l, v).is_some(),
        ),
        (
            "Employees",
            "employee bands",
            &icp.employee_bands,
            c.employees.as_deref(),
            |l, v| band_of(l, v).is_some(),
        ),
        (
            "Country",
            "ICP countries",
            &icp.countries,
            c.country.as_deref(),
            |l, v| listed(l, Some(v)).is_some(),
        ),
    ];
    for (label, list_name, list, value, matches) in checks {
        let (Some(value), false) = (
            value.map(str::trim).filter(|v| !v.is_empty()),
            list.is_empty(),
        ) else {
            continue;
        };
        if matches(list, value) {
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
            "title '{title}' names a role the rules count as not relevant: '{}' (pattern {})",
            p.found(title).unwrap_or(title),
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
                "title '{title}' names a relevant role: '{}' (pattern {})",
                p.found(title).unwrap_or(title),
                p.source
            )],
        })
}

#[cfg(test)]
#[path = "icp_tests.rs"]
mod tests;

/// The suggestions the rules make for a record, for the fields nobody has verified yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Suggestions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icp_fit: Option<Suggestion<IcpFit>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_relevance: Option<Suggestion<RoleRelevance>>,
}

impl Suggestions {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.icp_fit.is_none() && self.role_relevance.is_none()
    }
}

/// What the rules suggest for `lead`'s unknown fit and role relevance.
#[must_use]
pub fn suggestions(lead: &super::lead::Lead, rules: &super::rules::Rules) -> Suggestions {
    let ev = &lead.evidence;
    Suggestions {
        icp_fit: (ev.icp_fit == IcpFit::Unknown)
            .then(|| suggest_fit(&lead.contact, &rules.icp))
            .flatten(),
        role_relevance: (ev.role_relevance == RoleRelevance::Unknown)
            .then(|| suggest_role(&lead.contact, &rules.roles))
            .flatten(),
    }
}

/// The edits that accept the suggestions: the person accepting becomes the one who verified
/// them, and the matching rules become the stated why.
#[must_use]
pub fn accepting_edits(s: &Suggestions) -> Vec<super::field::Edit> {
    use super::field::{Edit, Field};
    let mut edits = Vec::new();
    if let Some(fit) = &s.icp_fit {
        edits.push(Edit {
            field: Field::IcpFit,
            value: Some(fit.value.to_string()),
            note: Some(fit.why()),
            day: None,
        });
    }
    if let Some(role) = &s.role_relevance {
        edits.push(Edit {
            field: Field::RoleRelevance,
            value: Some(role.value.to_string()),
            note: Some(role.why()),
            day: None,
        });
    }
    edits
}
