//! Flags raised by what a column of the source file says: an opt-out or unsubscribe
//! (`do_not_contact`), or a record that is already a customer or has an open deal
//! (`existing_account`).
//!
//! A rule names a column and the values that raise the flag, one a line in
//! `assets/flags/do_not_contact.txt` and `existing_account.txt`, or in the rules file:
//!
//! ```text
//! HasOptedOutOfEmail = true          a yes value: true, yes, y, 1, x, checked
//! Marketing status = unsubscribed | no consent
//! UNSUB_TIME = *                     any value at all
//! Open deals > 0                     a number above 0
//! ```
//!
//! Columns match whatever their case, spacing and punctuation, and also after a vendor's
//! entity prefix ("Person - Marketing status"); values match whatever their case.

use std::collections::BTreeMap;
use std::fmt;

/// What a column's value must be to raise the flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueTest {
    /// Any non-empty value.
    Any,
    /// A yes: true, yes, y, 1, x, checked.
    Yes,
    /// One of these, compared lower-case.
    OneOf(Vec<String>),
    /// A number above this.
    Above(i64),
}

/// A column and the values of it that raise a flag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRule {
    /// The column as the rule spells it.
    pub column: String,
    /// `column` normalized: lower-case letters and digits.
    key: String,
    pub test: ValueTest,
}

/// A rule line that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError(pub String);

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a column rule: write \"Column = value | value\", \"Column = true\", \"Column = *\" or \"Column > 0\"",
            self.0
        )
    }
}

impl std::error::Error for RuleError {}

const YES: &[&str] = &[
    "true", "yes", "y", "1", "x", "checked", "on", "ja", "oui", "sí", "si", "sim",
];

/// Lower-case letters and digits of a header ("Person - Open deals" → "personopendeals"),
/// written into `out` so a row's many headers reuse one buffer.
fn normalize_into(header: &str, out: &mut String) {
    out.clear();
    out.extend(
        header
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
}

impl ColumnRule {
    /// Reads one rule line.
    ///
    /// # Errors
    /// `RuleError` when the line has no column, no `=` or `>`, or a `>` without a number.
    pub fn parse(line: &str) -> Result<Self, RuleError> {
        let bad = || RuleError(line.trim().to_string());
        let (column, test) = if let Some((column, n)) = line.split_once('>') {
            let n: i64 = n.trim().parse().map_err(|_| bad())?;
            (column, ValueTest::Above(n))
        } else if let Some((column, values)) = line.split_once('=') {
            let values = values.trim();
            let test = match values.to_lowercase().as_str() {
                "*" => ValueTest::Any,
                "true" | "yes" => ValueTest::Yes,
                _ => {
                    let list: Vec<String> = values
                        .split('|')
                        .map(|v| v.trim().to_lowercase())
                        .filter(|v| !v.is_empty())
                        .collect();
                    if list.is_empty() {
                        return Err(bad());
                    }
                    ValueTest::OneOf(list)
                }
            };
            (column, test)
        } else {
            return Err(bad());
        };
        let column = column.trim().to_string();
        let mut key = String::new();
        normalize_into(&column, &mut key);
        if key.is_empty() {
            return Err(bad());
        }
        Ok(Self { column, key, test })
    }

    fn matches_value(&self, value: &str) -> bool {
        let v = value.trim();
        match &self.test {
            ValueTest::Any => !v.is_empty(),
            ValueTest::Yes => YES.iter().any(|y| y.eq_ignore_ascii_case(v)),
            // A cell that is a list (Google's "* myContacts ::: Customers", tags "a, b")
            // matches when one of its items does.
            ValueTest::OneOf(list) => {
                let is = |item: &str| list.iter().any(|x| x.eq_ignore_ascii_case(item));
                is(v)
                    || v.split([',', ';'])
                        .flat_map(|part| part.split(" ::: "))
                        .map(|item| item.trim().trim_start_matches('*').trim())
                        .any(is)
            }
            #[allow(clippy::cast_precision_loss)] // thresholds are small counts
            ValueTest::Above(n) => v.parse::<f64>().is_ok_and(|x| x > *n as f64),
        }
    }
}

/// The rules of a list file: one a line, `#` comments and blank lines skipped.
///
/// # Errors
/// The first line that is not a rule.
pub fn parse_list(text: &str) -> Result<Vec<ColumnRule>, RuleError> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(ColumnRule::parse)
        .collect()
}

/// The first rule an attribute raises, as "HASOPTEDOUTOFEMAIL is 'true'".
///
/// An attribute key is the file's header, maybe with " (2)" after a repeated one; it matches
/// a rule's column whole, or its part after the last " - " ("Person - Marketing status").
#[must_use]
pub fn raised_by(rules: &[ColumnRule], attributes: &BTreeMap<String, String>) -> Option<String> {
    if rules.is_empty() {
        return None;
    }
    let (mut whole, mut tail) = (String::new(), String::new());
    for (header, value) in attributes {
        let header = header
            .rsplit_once(" (")
            .filter(|(_, n)| n.trim_end_matches(')').chars().all(|c| c.is_ascii_digit()))
            .map_or(header.as_str(), |(h, _)| h);
        normalize_into(header, &mut whole);
        normalize_into(header.rsplit(" - ").next().unwrap_or(header), &mut tail);
        if rules
            .iter()
            .any(|r| (r.key == whole || r.key == tail) && r.matches_value(value))
        {
            return Some(format!("{header} is '{}'", value.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn rules_read_their_four_forms() {
        let rules = parse_list(
            "# opt-outs\nHasOptedOutOfEmail = true\nMarketing status = Unsubscribed | no consent\n\nUNSUB_TIME = *\nOpen deals > 0 # pipedrive\n",
        )
        .expect("rules");
        let tests: Vec<&ValueTest> = rules.iter().map(|r| &r.test).collect();
        assert_eq!(
            tests,
            [
                &ValueTest::Yes,
                &ValueTest::OneOf(vec!["unsubscribed".into(), "no consent".into()]),
                &ValueTest::Any,
                &ValueTest::Above(0),
            ]
        );
        for bad in ["no rule here", "= true", "Open deals > many", "Status ="] {
            assert!(ColumnRule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_list_cell_matches_when_one_item_does() {
        let rules = parse_list("Labels = customers\nTags = customer").expect("rules");
        let raised = |pairs: &[(&str, &str)]| raised_by(&rules, &attrs(pairs));
        assert!(raised(&[("Labels", "* myContacts ::: Customers")]).is_some());
        assert!(raised(&[("Tags", "newsletter, Customer")]).is_some());
        assert!(raised(&[("Labels", "* myContacts ::: Suppliers")]).is_none());
        assert!(
            raised(&[("Tags", "customer-success")]).is_none(),
            "whole items only"
        );
    }

    #[test]
    fn a_matching_column_and_value_raise_and_name_both() {
        let rules = parse_list("HasOptedOutOfEmail = true\nMarketing status = unsubscribed | no consent\nOpen deals > 0\nUNSUB_TIME = *").expect("rules");
        let raised = |pairs: &[(&str, &str)]| raised_by(&rules, &attrs(pairs));
        assert_eq!(
            raised(&[("HASOPTEDOUTOFEMAIL", "true")]).as_deref(),
            Some("HASOPTEDOUTOFEMAIL is 'true'")
        );
        assert_eq!(raised(&[("HASOPTEDOUTOFEMAIL", "false")]), None);
        assert_eq!(
            raised(&[("Person - Marketing status", "No consent")]).as_deref(),
            Some("Person - Marketing status is 'No consent'")
        );
        assert_eq!(raised(&[("Person - Marketing status", "Subscribed")]), None);
        assert_eq!(
            raised(&[("Person - Open deals", "2")]).as_deref(),
            Some("Person - Open deals is '2'")
        );
        assert_eq!(raised(&[("Person - Open deals", "0")]), None);
        assert_eq!(
            raised(&[("UNSUB_TIME (2)", "2025-03-01 10:00:00")]).as_deref(),
            Some("UNSUB_TIME is '2025-03-01 10:00:00'")
        );
        assert_eq!(raised(&[("Status", "true")]), None, "another column");
    }
}
