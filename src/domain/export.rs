//! What may leave leadgate, and in what shape: the sales-ready rule, the hard rule that an
//! opted-out person is never written to any file, and how a full name becomes a given and a
//! family name for tools that want them apart.

use chrono::NaiveDate;
use serde::Serialize;

use super::flags::Flag;
use super::gate::{GateItem, GateRules, check};
use super::lead::{Contact, Lead};
use super::qualification::{Evidence, stated};
use super::stage::{Stage, State};

/// One reason a lead is not sales-ready today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "item")]
pub enum Hold {
    /// Still a lead (or a customer): only prospects and opportunities are sent.
    NotProspect,
    /// In nurture or disqualified.
    NotActive,
    /// A gate item other than the reason now and the exclusions fails.
    Gate(GateItem),
    /// No reason now on record, or it has no day.
    ReasonNowMissing,
    /// The reason now is older than the rules' window (or dated in the future).
    ReasonNowStale,
    /// An open exclusion flag of this kind.
    Flag(Flag),
    /// No email address to send to.
    NoEmail,
}

impl Hold {
    /// A stable key for scripts: `not_prospect`, `icp_fit`, `reason_now_stale`, `flag:student`.
    #[must_use]
    pub fn key(self) -> String {
        match self {
            Hold::NotProspect => "not_prospect".into(),
            Hold::NotActive => "not_active".into(),
            Hold::Gate(item) => item.as_str().into(),
            Hold::ReasonNowMissing => "reason_now_missing".into(),
            Hold::ReasonNowStale => "reason_now_stale".into(),
            Hold::Flag(flag) => format!("flag:{flag}"),
            Hold::NoEmail => "no_email".into(),
        }
    }

    /// A short phrase for counts ("38 missing reason now").
    #[must_use]
    pub fn describe(self) -> String {
        match self {
            Hold::NotProspect => "not a prospect or opportunity".into(),
            Hold::NotActive => "in nurture or disqualified".into(),
            Hold::Gate(GateItem::IcpFit) => "ICP fit not verified".into(),
            Hold::Gate(GateItem::RoleRelevance) => "role not verified".into(),
            Hold::Gate(GateItem::IntentSource) => "no intent source".into(),
            Hold::Gate(item) => format!("{} missing", item.label().to_lowercase()),
            Hold::ReasonNowMissing => "no reason now".into(),
            Hold::ReasonNowStale => "reason now stale".into(),
            Hold::Flag(flag) => format!("flagged {flag}"),
            Hold::NoEmail => "no email".into(),
        }
    }
}

/// Why `lead` is not sales-ready on `today`; empty when it is. Sales-ready: a prospect or an
/// opportunity, active, whose prospect checklist passes today (so its reason now is fresh),
/// that an opportunity still holds its own gate's evidence, with an email and no open flag.
#[must_use]
pub fn holds(lead: &Lead, today: NaiveDate, rules: &GateRules) -> Vec<Hold> {
    let mut held = Vec::new();
    if !matches!(lead.stage, Stage::Prospect | Stage::Opportunity) {
        held.push(Hold::NotProspect);
    }
    if lead.state != State::Active {
        held.push(Hold::NotActive);
    }
    held.extend(gate_holds(&lead.evidence, lead.stage, today, rules));
    if stated(lead.contact.email.as_deref()).is_none() {
        held.push(Hold::NoEmail);
    }
    held
}

/// What the evidence lacks for the prospect gate today (and, at `Stage::Opportunity`, for
/// what that stage must still hold): each failing item, with the reason now told apart as
/// missing or stale and each open flag on its own. Empty when the evidence is complete.
#[must_use]
pub fn gate_holds(ev: &Evidence, stage: Stage, today: NaiveDate, rules: &GateRules) -> Vec<Hold> {
    let mut held = Vec::new();
    let mut items = rules.items_from(Stage::Lead).unwrap_or_default();
    if stage == Stage::Opportunity {
        items.extend(rules.held_at(Stage::Opportunity));
    }
    items.dedup();
    for item in items {
        if check(item, ev, today, rules).passed {
            continue;
        }
        held.push(match item {
            GateItem::ReasonNow if stated(ev.reason_now.as_deref()).is_none() => {
                Hold::ReasonNowMissing
            }
            GateItem::ReasonNow if ev.reason_now_on.is_none() => Hold::ReasonNowMissing,
            GateItem::ReasonNow => Hold::ReasonNowStale,
            // Each open flag is its own reason, below.
            GateItem::Exclusions => continue,
            other => Hold::Gate(other),
        });
    }
    for f in ev.flags.iter().filter(|f| f.is_open()) {
        let hold = Hold::Flag(f.flag);
        if !held.contains(&hold) {
            held.push(hold);
        }
    }
    held
}

/// A person who asked not to be contacted, and has not consented again: never written to
/// any export, whatever was selected.
#[must_use]
pub fn never_exported(lead: &Lead) -> bool {
    lead.opted_out()
        || lead
            .evidence
            .flags
            .iter()
            .any(|f| f.flag == Flag::DoNotContact && f.is_open())
}

/// Words that end a company's name without naming it ("Inc.", "GmbH"): "Quillfeather Legal,
/// Inc." is the company "Quillfeather Legal".
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "llc",
    "ltd",
    "limited",
    "plc",
    "corp",
    "corporation",
    "co",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "bv",
    "nv",
    "kk",
    "pty",
    "srl",
    "spa",
    "ab",
    "as",
    "oy",
];

/// Keys under which two records are probably the same person though no address tied them
/// together: the same name at the same company (letter case, spacing, punctuation and a
/// legal form aside), or the same LinkedIn profile. Used to keep a person out of a list handed
/// back when another record of them is excluded, and to list each person once; never to
/// merge records. (A phone is no key: colleagues share a switchboard.)
#[must_use]
pub fn probable_person(c: &Contact) -> Vec<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let mut keys = Vec::new();
    let name = words(&c.name);
    let mut company = c.company.as_deref().map(words).unwrap_or_default();
    while company.len() > 1
        && company
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
    {
        company.pop();
    }
    if !name.is_empty() && !company.is_empty() {
        keys.push(format!("name:{}@{}", name.join(" "), company.join(" ")));
    }
    if let Some(url) = c
        .linkedin_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        keys.push(format!("linkedin:{}", url.to_lowercase()));
    }
    keys
}

/// A given and a family name, and whether they were split from the full name here rather
/// than kept from the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameParts {
    pub given: String,
    pub family: String,
    pub split: bool,
}

/// The source's parts when it had them; else the full name split by [`split_name`].
#[must_use]
pub fn name_parts(c: &Contact) -> NameParts {
    if c.given_name.is_some() || c.family_name.is_some() {
        return NameParts {
            given: c.given_name.clone().unwrap_or_default(),
            family: c.family_name.clone().unwrap_or_default(),
            split: false,
        };
    }
    let (given, family) = split_name(&c.name);
    NameParts {
        given,
        family,
        split: true,
    }
}

/// Words that begin a family name when they follow the given name ("Ludwig van Beethoven",
/// "María de la Cruz").
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "ten", "ter", "bin", "binti", "al", "el", "st.", "mac",
];

/// Words that end a name and belong with the family name ("King Jr.").
const SUFFIXES: &[&str] = &["jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd"];

/// The rule for a full name alone: "Family, Given" is read as written; otherwise the first
/// word is the given name and the rest the family name, where the family name starts at the
/// last word, or earlier at a particle (van, de, al, …), and keeps a suffix (Jr., III). One
/// word is a given name with no family name.
#[must_use]
pub fn split_name(full: &str) -> (String, String) {
    let full = full.trim();
    if let Some((family, given)) = full.split_once(',') {
        let (family, given) = (family.trim(), given.trim());
        let suffix = SUFFIXES.contains(&given.to_lowercase().as_str());
        if !family.is_empty() && !given.is_empty() && !suffix {
            return (given.to_string(), family.to_string());
        }
    }
    let words: Vec<&str> = full.split_whitespace().collect();
    let mut end = words.len();
    while end > 1 && SUFFIXES.contains(&words[end - 1].to_lowercase().as_str()) {
        end -= 1;
    }
    if end <= 1 {
        return (words.join(" "), String::new());
    }
    let mut start = end - 1;
    while start > 1 && PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    (words[..start].join(" "), words[start..].join(" "))
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
