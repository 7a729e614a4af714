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
use crate::domain::field::is_plausible_email;

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

    incoming.contact.name = person_name(
        values(Target::Name),
        values(Target::FirstName),
        values(Target::LastName),
    );
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

/// The Name column's first non-empty value, else "first last"; cleaned of decorations.
fn person_name(full: &[Value<'_>], first: &[Value<'_>], last: &[Value<'_>]) -> String {
    let pick = |vals: &[Value<'_>]| {
        vals.iter()
            .map(|v| clean_name_part(&v.text))
            .find(|v| !v.is_empty())
            .unwrap_or_default()
    };
    let mut name = pick(full);
    if name.is_empty() {
        name = [pick(first), pick(last)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    let name = clean_name_part(&name);
    let upper = name.chars().filter(|c| c.is_uppercase()).count();
    if upper > 3 && !name.chars().any(char::is_lowercase) {
        title_case(&name)
    } else {
        name
    }
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

/// The parts of a cell holding a list: split at Google's ` ::: `, and at `;` and `,` outside
/// quotes and angle brackets (`"Lovelace, Ada" <ada@x.example>, b@y.example`).
#[must_use]
pub fn split_list(cell: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for chunk in cell.split(":::") {
        let mut part = String::new();
        let (mut quoted, mut angled) = (false, false);
        for c in chunk.chars() {
            match c {
                '"' => quoted = !quoted,
                '<' if !quoted => angled = true,
                '>' if !quoted => angled = false,
                ',' | ';' if !quoted && !angled => {
                    parts.push(std::mem::take(&mut part));
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
        parts.push(part);
    }
    parts
        .into_iter()
        .map(|p| p.trim_matches(is_space).to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// An address out of its wrapping: `"Ada Lovelace" <ada@x.example>`, `Ada <ada@x.example>`
/// and `mailto:ada@x.example` give the address, and the display name when there is one.
#[must_use]
pub fn unwrap_address(part: &str) -> (String, Option<String>) {
    let mut address = part.trim_matches(is_space);
    let mut display = None;
    if let Some((before, inner)) = address.rsplit_once('<')
        && let Some((inner, _)) = inner.split_once('>')
    {
        let name = before
            .trim_matches(is_space)
            .trim_matches('"')
            .trim_matches(is_space);
        if !name.is_empty() && !name.contains('@') {
            display = Some(collapse(name));
        }
        address = inner.trim_matches(is_space);
    }
    if address.len() > 7
        && address
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
    {
        address = address.get(7..).unwrap_or_default().trim_matches(is_space);
    }
    (address.to_string(), display)
}

/// Addresses in email cells, work ones first (by the column's label or header, else a
/// free-mail address counts as personal), then in file order: the first valid one is the
/// email, the other valid ones are other emails; text that is no valid address is kept as
/// `invalid_email`. Returns the display name the chosen address was written with, if any.
fn emails(values: &[Value<'_>], incoming: &mut Incoming) -> Option<String> {
    let mut valid: Vec<(Kind, String, Option<String>)> = Vec::new();
    let mut invalid: Vec<String> = Vec::new();
    for value in values {
        for part in split_list(&value.text) {
            let (address, display) = unwrap_address(&part);
            if address.is_empty() {
                continue;
            }
            if !is_plausible_email(&address) {
                if !invalid.iter().any(|a| a.eq_ignore_ascii_case(&address)) {
                    invalid.push(address);
                }
                continue;
            }
            if valid
                .iter()
                .any(|(_, a, _)| a.eq_ignore_ascii_case(&address))
            {
                continue;
            }
            let free = address
                .rsplit_once('@')
                .is_some_and(|(_, d)| FREE_MAIL_HINT.contains(&d.to_lowercase().as_str()));
            let kind = match value.kind {
                Kind::Unsaid if free => Kind::Personal,
                kind => kind,
            };
            valid.push((kind, address, display));
        }
    }
    // Stable: equal kinds keep the file's order.
    valid.sort_by_key(|(kind, _, _)| *kind);
    let mut valid = valid.into_iter();
    let first = valid.next();
    incoming.other_emails = valid.map(|(_, a, _)| a).collect();
    if !invalid.is_empty() {
        incoming.invalid_email = Some(invalid.join(", "));
    }
    let (_, address, display) = first?;
    incoming.contact.email = Some(address);
    display
}

/// Phone cells (a cell may hold several numbers separated by ` ::: `, `,` or `;`): the first
/// number (work numbers first) is the phone, the others (not repeating a number already seen, by digits) other phones.
fn phones(values: &[Value<'_>], incoming: &mut Incoming) {
    let mut numbers: Vec<(Kind, String)> = Vec::new();
    for value in values {
        let mut parts: Vec<String> = Vec::new();
        for part in value
            .text
            .split(":::")
            .flat_map(|chunk| chunk.split([',', ';']))
        {
            let digits = part.chars().filter(char::is_ascii_digit).count();
            match parts.last_mut() {
                // ", ext. 12" belongs to the number before it.
                Some(previous) if digits < 5 => {
                    previous.push(',');
                    previous.push_str(part);
                }
                _ => parts.push(part.to_string()),
            }
        }
        for part in parts {
            let number = part
                .trim_matches(is_space)
                .trim_start_matches('\'')
                .trim_matches(is_space);
            let number = match number.get(..4) {
                Some(p) if p.eq_ignore_ascii_case("tel:") => {
                    number.get(4..).unwrap_or_default().trim_matches(is_space)
                }
                _ => number,
            };
            if number.is_empty() || PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(number)) {
                continue;
            }
            let key = phone_key(number);
            if !numbers.iter().any(|(_, n)| phone_key(n) == key) {
                numbers.push((value.kind, number.to_string()));
            }
        }
    }
    // Stable: work numbers first, equal kinds in the file's order.
    numbers.sort_by_key(|(kind, _)| *kind);
    let mut numbers = numbers.into_iter().map(|(_, n)| n);
    incoming.contact.phone = numbers.next();
    incoming.other_phones = numbers.collect();
}

/// A number's digits, for spotting the same number written twice; text without digits as is.
fn phone_key(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        number.to_lowercase()
    } else {
        digits
    }
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
