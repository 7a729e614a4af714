//! How to reach a lead, out of the cells that hold it: lists unwrapped, addresses out of their
//! display names, work addresses and numbers before personal ones.

use super::{FREE_MAIL_HINT, Incoming, Kind, PLACEHOLDERS, Value, collapse, is_space};
use crate::domain::field::is_plausible_email;

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
pub(super) fn emails(values: &[Value<'_>], incoming: &mut Incoming) -> Option<String> {
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
pub(super) fn phones(values: &[Value<'_>], incoming: &mut Incoming) {
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
