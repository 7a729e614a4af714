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

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} '{}': expected one of {}",
            self.what,
            self.given,
            self.expected.join(", ")
        )
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
