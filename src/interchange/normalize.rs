//! One row to a normalized lead ([`Incoming`]), or the reason it is not a lead.
//!
//! Values are trimmed (spaces, tabs, non-breaking spaces) and placeholders (`-None-`,
//! `[not provided]`, `n/a`, ...) count as empty. Nothing is dropped silently: a value that fills
//! no field, or a second different value for a one-value field, is kept as an attribute under
//! its header.

use std::collections::BTreeMap;

use super::headers::{Kind, kind_of, words};
use super::mapping::Mapping;
use super::{Incoming, RawRow, RowProblem, Target};

/// Free-mail domains, which say nothing about a lead's company. A built-in hint until the
/// configured list replaces it.
pub const FREE_MAIL_HINT: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "icloud.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.de",
    "gmx.net",
    "mail.com",
    "yandex.ru",
];

/// Values that mean "nothing here" (compared case-insensitively, after trimming).
const PLACEHOLDERS: &[&str] = &[
    "-none-",
    "[not provided]",
    "-",
    "--",
    "n/a",
    "#n/a",
    "null",
    "none",
    "(none)",
    "not provided",
];

/// Credentials dropped after a comma at the end of a name ("Benali, MBA"), as letters and
/// digits only. Generational suffixes (Jr., III) are part of the name and are kept.
const CREDENTIALS: &[&str] = &[
    "mba", "phd", "cpa", "pmp", "cfa", "md", "esq", "msc", "bsc", "cissp", "cfp", "dds", "jd",
    "llm", "rn", "pe", "acca", "fca", "cipd", "shrmcp", "sphr", "csm", "mbbs",
];

/// Hosts that are never a lead's company website.
const SOCIAL_HOSTS: &[&str] = &[
    "linkedin.com",
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
];

#[path = "normalize_reach.rs"]
mod reach;
use reach::{emails, phones};
pub use reach::{split_list, unwrap_address};

/// One non-empty cell of a mapped column: its attribute key, its text, and whether it is a
/// work or a personal value.
struct Value<'a> {
    key: &'a str,
    text: String,
    kind: Kind,
}

/// One row to a normalized lead, or the reason it is not a lead.
///
/// # Errors
/// A `RowProblem` on the row's line when it has neither a valid email nor a person's name.
pub fn to_incoming(
    row: &RawRow,
    mapping: &Mapping,
    source: Option<&str>,
) -> Result<Incoming, RowProblem> {
    let keys = mapping.attribute_keys();
    let mut by_target: BTreeMap<Target, Vec<Value<'_>>> = BTreeMap::new();
    let mut unmapped: Vec<(&str, String)> = Vec::new();
    for (column, key) in mapping.columns.iter().zip(keys) {
        let Some(raw) = row.fields.get(column.index) else {
            continue;
        };
        let text = clean(raw);
        if text.is_empty() {
            continue;
        }
        // A label cell beside the value ("* Work", "Home") says more than the header.
        let kind = column
            .label
            .and_then(|l| row.fields.get(l))
            .map(|cell| kind_of(&words(cell)))
            .filter(|k| *k != Kind::Unsaid)
            .unwrap_or(column.kind);
        match column.target {
            Some(target) => by_target
                .entry(target)
                .or_default()
                .push(Value { key, text, kind }),
            None => unmapped.push((key, text)),
        }
    }
    let values = |t: Target| by_target.get(&t).map_or(&[][..], Vec::as_slice);
    let mut attributes = BTreeMap::new();
    let mut incoming = Incoming {
        line: row.line,
        ..Incoming::default()
    };

    for (target, name) in [(Target::Created, "created"), (Target::Notes, "notes")] {
        let mut vals = values(target).iter();
        if let Some(v) = vals.next() {
            insert_unique(&mut attributes, name, v.text.clone());
        }
        for v in vals {
            insert_unique(&mut attributes, v.key, v.text.clone());
        }
    }

    let (name, given, family) = person_name(
        values(Target::Name),
        values(Target::FirstName),
        values(Target::LastName),
    );
    incoming.contact.name = name;
    incoming.contact.given_name = given;
    incoming.contact.family_name = family;
    let display = emails(values(Target::Email), &mut incoming);
    if incoming.contact.name.is_empty()
        && let Some(display) = display
    {
        incoming.contact.name = clean_name_part(&display);
    }
    phones(values(Target::Phone), &mut incoming);

    let c = &mut incoming.contact;
    c.title = one_value(values(Target::Title), &mut attributes);
    c.company = one_value(values(Target::Company), &mut attributes);
    c.industry = one_value(values(Target::Industry), &mut attributes);
    c.employees = one_value(values(Target::Employees), &mut attributes);
    c.country = one_value(values(Target::Country), &mut attributes);
    c.city = one_value(values(Target::City), &mut attributes);
    c.owner = one_value(values(Target::Owner), &mut attributes);
    c.source = one_value(values(Target::Source), &mut attributes).or_else(|| {
        source
            .map(|s| collapse(&clean(s)))
            .filter(|s| !s.is_empty())
    });

    for Value { key, text: v, .. } in values(Target::Website) {
        match domain_of(v) {
            Some(d) if c.domain.is_none() => c.domain = Some(d),
            Some(d) if c.domain.as_ref() == Some(&d) => {}
            _ => insert_unique(&mut attributes, key, v.clone()),
        }
    }
    if c.domain.is_none()
        && let Some(email) = &c.email
        && let Some((_, domain)) = email.rsplit_once('@')
    {
        let domain = domain.trim().trim_end_matches('.').to_lowercase();
        if !FREE_MAIL_HINT.contains(&domain.as_str()) {
            c.domain = Some(domain);
        }
    }

    // A day the tool wrote in a form it could mean only one way; anything else is kept as
    // it was, under its header.
    for Value { key, text: v, .. } in values(Target::LastActivity) {
        match activity_day(v) {
            Some(day) if c.last_activity.is_none() => c.last_activity = Some(day.to_string()),
            _ => insert_unique(&mut attributes, key, v.clone()),
        }
    }

    for Value { key, text: v, .. } in values(Target::LinkedinUrl) {
        let url = normalize_linkedin(v);
        match &c.linkedin_url {
            None => c.linkedin_url = Some(url),
            Some(first) if *first == url => {}
            Some(_) => insert_unique(&mut attributes, key, v.clone()),
        }
    }

    let mut ids = values(Target::RecordId).iter();
    if let Some(Value { text: id, .. }) = ids.next() {
        let tool = mapping.record_tool.unwrap_or("record");
        incoming.record_id = Some(format!("{tool}:{id}"));
    }
    for Value { key, text: v, .. } in ids {
        insert_unique(&mut attributes, key, v.clone());
    }

    for (key, v) in unmapped {
        insert_unique(&mut attributes, key, v);
    }
    incoming.attributes = attributes;
    incoming.row_print = Some(row_print(row, mapping));

    if incoming.contact.name.is_empty() && incoming.contact.email.is_none() {
        let reason = match &incoming.contact.company {
            Some(company) => {
                format!("a company ('{company}') with no person and no email: not a lead")
            }
            None => "no name and no email: not a lead".to_string(),
        };
        return Err(RowProblem {
            line: row.line,
            reason,
        });
    }
    Ok(incoming)
}

/// A hash of a row's non-empty cells with their normalized headers, in header order: the
/// same row gives the same print whatever its columns were mapped to. xxh3 is specified, so
/// prints stay the same across builds.
fn row_print(row: &RawRow, mapping: &Mapping) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for (key, index) in mapping.print_order() {
        let Some(cell) = row.fields.get(*index) else {
            continue;
        };
        let value = cleaned(cell);
        if value.is_empty() {
            continue;
        }
        // Separators no header key or cleaned value holds on their own.
        hasher.update(key.as_bytes());
        hasher.update(b"\x1f");
        hasher.update(value.as_bytes());
        hasher.update(b"\x1e");
    }
    format!("{:032x}", hasher.digest128())
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')
}

/// Trimmed; empty when it is a placeholder.
pub fn clean(raw: &str) -> String {
    cleaned(raw).to_string()
}

/// `clean` without a copy.
fn cleaned(raw: &str) -> &str {
    let t = raw.trim_matches(is_space);
    if PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(t)) {
        ""
    } else {
        t
    }
}

/// Runs of whitespace (tabs, line breaks, non-breaking spaces) to one space.
fn collapse(s: &str) -> String {
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stores `value` under `key`, or under "key (2)", "key (3)", ... when `key` is taken.
fn insert_unique(attributes: &mut BTreeMap<String, String>, key: &str, value: String) {
    let mut candidate = key.to_string();
    let mut n = 1;
    while attributes.contains_key(&candidate) {
        n += 1;
        candidate = format!("{key} ({n})");
    }
    attributes.insert(candidate, value);
}

/// The first value of a one-value field; later different values become attributes.
fn one_value(values: &[Value<'_>], attributes: &mut BTreeMap<String, String>) -> Option<String> {
    let mut first: Option<String> = None;
    for Value { key, text: v, .. } in values {
        let v = collapse(v);
        match &first {
            None => first = Some(v),
            Some(f) if f.to_lowercase() == v.to_lowercase() => {}
            Some(_) => insert_unique(attributes, key, v),
        }
    }
    first
}

/// The Name column's first non-empty value, else "first last"; cleaned of decorations. With
/// it, the given and family names when the file has them apart (an export writes those as
/// they were instead of splitting the full name).
fn person_name(
    full: &[Value<'_>],
    first: &[Value<'_>],
    last: &[Value<'_>],
) -> (String, Option<String>, Option<String>) {
    let pick = |vals: &[Value<'_>]| {
        vals.iter()
            .map(|v| clean_name_part(&v.text))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    };
    let (given, family) = (pick(first), pick(last));
    let mut name = pick(full);
    if name.is_empty() {
        name = [given.as_str(), family.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let name = clean_name_part(&name);
    let shouted = |n: &str| {
        n.chars().filter(|c| c.is_uppercase()).count() > 3 && !n.chars().any(char::is_lowercase)
    };
    let cased = |n: String| if shouted(&name) { title_case(&n) } else { n };
    let part = |p: String| (!p.is_empty()).then(|| cased(p));
    let (given, family) = (part(given), part(family));
    (cased(name.clone()), given, family)
}

/// Emoji and pictographic symbols that decorate names ("Raman 🔸").
fn is_pictographic(c: char) -> bool {
    matches!(u32::from(c),
        0x1F000..=0x1FAFF
        | 0x2190..=0x21FF
        | 0x2300..=0x23FF
        | 0x25A0..=0x25FF
        | 0x2600..=0x27BF
        | 0x2B00..=0x2BFF
        | 0xFE00..=0xFE0F
        | 0x200D
        | 0x20E3
        | 0x2122
        | 0x2139
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299
        | 0xE0000..=0xE007F
    )
}

/// Without emoji, controls, repeated spaces and trailing credentials ("Benali, MBA").
fn clean_name_part(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .filter(|&c| !is_pictographic(c) && (!c.is_control() || c.is_whitespace()))
        .collect();
    let mut name = collapse(&kept);
    while let Some((head, tail)) = name.rsplit_once(',') {
        let words: Vec<String> = tail
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            })
            .collect();
        let credential =
            !words.is_empty() && words.iter().all(|w| CREDENTIALS.contains(&w.as_str()));
        if !credential {
            break;
        }
        name = head.trim_matches(is_space).to_string();
    }
    name.trim_end_matches([',', ' ']).to_string()
}

/// "PRIYA RAMAN" → "Priya Raman", "O'CONNELL" → "O'Connell".
fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word_start = true;
    for c in s.chars() {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphabetic();
    }
    out
}

/// The host of a website value, lower-case, without `www.`: "https://www.x.example/" →
/// "x.example". None when it is not a host name, or a social network's.
pub fn domain_of(website: &str) -> Option<String> {
    let s = website.trim_matches(is_space).to_lowercase();
    let rest = s.split_once("://").map_or(s.as_str(), |(_, r)| r);
    let rest = rest.trim_start_matches('/');
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    let ok = host.contains('.')
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    let social = SOCIAL_HOSTS
        .iter()
        .any(|s| host == *s || host.ends_with(&format!(".{s}")));
    (ok && !social).then(|| host.to_string())
}

/// A LinkedIn URL without query, fragment or trailing slash, lower-case, in the
/// `https://www.linkedin.com/...` form. Paths holding LinkedIn's encoded member ids
/// (`/in/ACwAAA...`) keep their case: those ids are case-sensitive.
pub fn normalize_linkedin(url: &str) -> String {
    let t = url.trim_matches(is_space);
    let t = t
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .trim_end_matches('/');
    let (scheme, rest) = match t.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, t),
    };
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let bare = host.rsplit_once('@').map_or(host.as_str(), |(_, h)| h);
    let bare = bare.split(':').next().unwrap_or_default();
    let keep_case = path.split('/').any(|segment| segment.starts_with("ACw"));
    let path = if keep_case {
        path.to_string()
    } else {
        path.to_lowercase()
    };
    if bare == "linkedin.com" || bare.ends_with(".linkedin.com") {
        if path.is_empty() {
            "https://www.linkedin.com".to_string()
        } else {
            format!("https://www.linkedin.com/{path}")
        }
    } else {
        let mut out = scheme
            .map(|s| format!("{}://", s.to_lowercase()))
            .unwrap_or_default();
        out.push_str(&host);
        if !path.is_empty() {
            out.push('/');
            out.push_str(&path);
        }
        out
    }
}

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "normalize_fixture_tests.rs"]
mod fixture_tests;

/// A date as exports write it: ISO (`2025-09-28`, with a time or not) or the US form tools
/// such as Salesforce reports use (`9/28/2025`, with a time or not).
fn activity_day(v: &str) -> Option<chrono::NaiveDate> {
    let day = v.split([' ', 'T']).next().unwrap_or("");
    crate::domain::field::parse_day(day)
        .or_else(|| chrono::NaiveDate::parse_from_str(day, "%m/%d/%Y").ok())
}
