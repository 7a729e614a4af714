//! What a column holds, judged by its values when its header matches no synonym: mostly
//! email addresses, LinkedIn profiles, websites or phone numbers.
//!
//! Limits: only those four are guessed (names, companies and titles look alike as text), and
//! only from the first rows of a file ([`super::read::CsvFile::sample`]); a column needs at
//! least [`MIN_VALUES`] values, [`SHARE`] percent of them of one kind.

use super::Target;
use super::normalize::{clean, domain_of, split_list, unwrap_address};
use crate::domain::field::is_plausible_email;

/// The fewest values a column needs before its content is judged.
pub const MIN_VALUES: usize = 2;
/// The share of values, in percent, that must be of one kind.
pub const SHARE: usize = 80;

/// What a column's values are, when most are of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub target: Target,
    /// Percent of its non-empty sampled values that are of that kind.
    pub percent: u8,
}

impl Guess {
    /// "97% emails", as `--dry-run` explains a mapping.
    #[must_use]
    pub fn describe(&self) -> String {
        let what = match self.target {
            Target::Email => "emails",
            Target::LinkedinUrl => "LinkedIn profiles",
            Target::Website => "websites or domains",
            Target::Phone => "phone numbers",
            _ => "values of that field",
        };
        format!("{}% {what}", self.percent)
    }
}

/// Whether one value is of a kind.
type Check = fn(&str) -> bool;

/// Judges a column by its sampled values.
#[must_use]
pub fn guess<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<Guess> {
    let values: Vec<String> = values
        .into_iter()
        .map(clean)
        .filter(|v| !v.is_empty())
        .collect();
    if values.len() < MIN_VALUES {
        return None;
    }
    let checks: [(Target, Check); 4] = [
        (Target::Email, holds_an_email),
        (Target::LinkedinUrl, is_linkedin_profile),
        (Target::Website, is_website),
        (Target::Phone, is_phone),
    ];
    checks.into_iter().find_map(|(target, check)| {
        let n = values.iter().filter(|v| check(v)).count();
        let percent = n * 100 / values.len();
        (percent >= SHARE).then(|| Guess {
            target,
            percent: u8::try_from(percent).unwrap_or(100),
        })
    })
}

fn holds_an_email(v: &str) -> bool {
    split_list(v)
        .iter()
        .any(|part| is_plausible_email(&unwrap_address(part).0))
}

fn is_linkedin_profile(v: &str) -> bool {
    let v = v.to_lowercase();
    v.contains("linkedin.com/in/") || v.contains("linkedin.com/pub/")
}

/// A URL or a bare domain of a site that is not a social network's: a host whose last label
/// is letters, and at most a short path (a picture's or a document's address is no website).
fn is_website(v: &str) -> bool {
    if v.contains('@') || v.contains(char::is_whitespace) || v.contains('?') {
        return false;
    }
    let Some(host) = domain_of(v) else {
        return false;
    };
    let tld_ok = host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic));
    let rest = v.split_once("://").map_or(v, |(_, r)| r);
    let path: Vec<&str> = rest.split('/').skip(1).filter(|s| !s.is_empty()).collect();
    let a_file = path.last().is_some_and(|last| last.contains('.'));
    tld_ok && path.len() <= 2 && !a_file
}

/// Digits with the separators phone numbers are written with: 9 to 15 digits (7 after a `+`),
/// written as a number is (a `+`, a bracket, a space or a dash), so that ids, amounts, dates
/// and year ranges are not.
fn is_phone(v: &str) -> bool {
    let v = v.trim_start_matches('\'');
    let v = v.strip_prefix("tel:").unwrap_or(v);
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'));
    let written_as_a_number = v.starts_with('+') || v.contains(['(', ' ', '-']);
    let a_date = crate::domain::field::parse_day(v).is_some();
    let fewest = if v.starts_with('+') { 7 } else { 9 };
    (fewest..=15).contains(&digits) && allowed && written_as_a_number && !a_date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mostly_emails_is_an_email_column_and_says_how_many() {
        let g = guess([
            "a@x.example",
            "b@y.example",
            "junk",
            "c@z.example",
            "d@w.example",
        ]);
        assert_eq!(
            g,
            Some(Guess {
                target: Target::Email,
                percent: 80
            })
        );
        assert_eq!(g.map(|g| g.describe()).as_deref(), Some("80% emails"));
        assert_eq!(guess(["a@x.example", "junk", "more junk"]), None);
    }

    #[test]
    fn profiles_websites_and_phones_are_told_apart() {
        let target = |vals: &[&str]| guess(vals.iter().copied()).map(|g| g.target);
        assert_eq!(
            target(&["https://www.linkedin.com/in/ana", "linkedin.com/in/bo/"]),
            Some(Target::LinkedinUrl)
        );
        assert_eq!(
            target(&["brightkiln.example", "https://www.harbor.example/about"]),
            Some(Target::Website)
        );
        assert_eq!(
            target(&[
                "https://www.linkedin.com/company/1",
                "https://facebook.com/x"
            ]),
            None,
            "a social network's pages are no company's website"
        );
        assert_eq!(
            target(&["+1 512 555 0147", "(512) 555-0199", "020 7946 0123"]),
            Some(Target::Phone)
        );
        assert_eq!(
            target(&["31845700000", "2025-01-01", "1200000", "2016 - 2019"]),
            None,
            "ids, days, amounts and year ranges are not phones"
        );
        assert_eq!(
            target(&[
                "https://media.licdn.example/dms/image/a/photo.jpg",
                "0.95",
                "97.5"
            ]),
            None,
            "a picture's address and a number are no website"
        );
        assert_eq!(target(&["a@x.example"]), None, "one value is too few");
    }
}
