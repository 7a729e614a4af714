//! A small macro for the fixed vocabularies of the domain (stages, reason codes, ...).
//!
//! Each vocabulary has one canonical snake_case spelling, used in the database, the CLI and
//! JSON, and a human label for screens. Parsing accepts kebab-case and any letter case too.

use std::fmt;

/// A value that is not part of a vocabulary, with the spellings that are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    pub what: &'static str,
    pub given: String,
    pub expected: Vec<&'static str>,
}

impl UnknownValue {
    /// The accepted spelling closest to what was typed, when one is close enough to be what
    /// was meant: a letter or two off ("studnet"), or the start of it ("free" for free_mail).
    #[must_use]
    pub fn closest(&self) -> Option<&'static str> {
        let given = normalize_spelling(&self.given);
        if given.is_empty() {
            return None;
        }
        let starting: Vec<_> = self
            .expected
            .iter()
            .filter(|e| e.starts_with(&given))
            .collect();
        if let [only] = starting.as_slice() {
            return Some(only);
        }
        let allowed = (given.chars().count() / 3).clamp(1, 3);
        self.expected
            .iter()
            .map(|e| (strsim::damerau_levenshtein(&given, e), *e))
            .filter(|(d, _)| *d <= allowed)
            .min_by_key(|(d, _)| *d)
            .map(|(_, e)| e)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}': ", self.what, self.given)?;
        if let Some(meant) = self.closest() {
            write!(f, "did you mean '{meant}'? ")?;
        }
        write!(f, "expected one of {}", self.expected.join(", "))
    }
}

impl std::error::Error for UnknownValue {}

/// Normalizes a user's spelling: trimmed, lower case, kebab-case folded to snake_case.
pub(crate) fn normalize_spelling(raw: &str) -> String {
    raw.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical snake_case spelling.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// A label for people.
            #[must_use]
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses snake_case or kebab-case, in any letter case.
            ///
            /// # Errors
            /// `UnknownValue` listing the accepted spellings.
            pub fn parse(raw: &str) -> Result<Self, $crate::domain::vocabulary::UnknownValue> {
                // The canonical spelling, as stored, needs no folding (a million rows read
                // for a report parse several each).
                if let Some(v) = Self::ALL.iter().copied().find(|v| v.as_str() == raw) {
                    return Ok(v);
                }
                let wanted = $crate::domain::vocabulary::normalize_spelling(raw);
                Self::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    $crate::domain::vocabulary::UnknownValue {
                        what: $what,
                        given: raw.to_string(),
                        expected: Self::ALL.iter().map(|v| v.as_str()).collect(),
                    }
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::vocabulary::UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> { Self::parse(s) }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub(crate) use vocabulary;

/// `word` with its first letter in capitals: "promoted" → "Promoted", for the start of a
/// sentence.
#[must_use]
pub fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `n` and the noun, singular for one: "1 lead", "2 leads", "0 leads".
#[must_use]
pub fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1u64, "lead", "leads"), "1 lead");
        assert_eq!(counted(0u64, "lead", "leads"), "0 leads");
        assert_eq!(counted(2u64, "event", "events"), "2 events");
    }

    fn unknown(given: &str) -> UnknownValue {
        UnknownValue {
            what: "reason code",
            given: given.to_string(),
            expected: vec![
                "student",
                "stalled",
                "free_mail",
                "not_icp",
                "no_intent",
                "other",
            ],
        }
    }

    #[test]
    fn a_near_miss_gets_the_spelling_meant_and_a_far_one_none() {
        assert_eq!(unknown("studnet").closest(), Some("student"));
        assert_eq!(unknown("Free-Mial").closest(), Some("free_mail"));
        assert_eq!(unknown("free").closest(), Some("free_mail"));
        assert_eq!(unknown("notcip").closest(), Some("not_icp"));
        assert_eq!(unknown("no").closest(), None, "two values start with it");
        assert_eq!(unknown("banana").closest(), None);
        assert_eq!(unknown("").closest(), None);
        assert_eq!(
            unknown("studnet").to_string(),
            "unknown reason code 'studnet': did you mean 'student'? expected one of student, \
             stalled, free_mail, not_icp, no_intent, other"
        );
    }
}
