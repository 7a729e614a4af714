//! The shape of a rules file, checked before it is read into types: every unknown key and
//! every value of the wrong type, each on its own line, where the typed reading would stop at
//! the first. A key that belongs to another table says which table it landed in: TOML puts a
//! key under the last header above it, so a key appended at the end of the file lands in
//! whatever table the file ends with.

use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::rules_file::{Problem, line_of};

/// What a key holds.
#[derive(Clone, Copy)]
enum Kind {
    Strings,
    Days,
    Number,
    /// true or false.
    Bool,
    /// A whole number, from 1.
    Count,
    Table(&'static [(&'static str, Kind)]),
    /// Intent sources to weights: any key, number values (names are checked later).
    Weights,
}

const GATES: &[(&str, Kind)] = &[
    ("to_prospect", Kind::Strings),
    ("to_opportunity", Kind::Strings),
    ("opportunity_allow_without", Kind::Strings),
    ("reason_now_window_days", Kind::Days),
    ("stalled_days", Kind::Days),
    ("review_cadence_days", Kind::Days),
    ("stakeholders_min_engaged", Kind::Count),
    ("stakeholders_authority_or_second", Kind::Bool),
];
const TEAM: &[(&str, Kind)] = &[("managers", Kind::Strings)];
const ICP: &[(&str, Kind)] = &[
    ("industries", Kind::Strings),
    ("employee_bands", Kind::Strings),
    ("countries", Kind::Strings),
    ("exclude_industries", Kind::Strings),
    ("competitor_domains", Kind::Strings),
];
const ROLES: &[(&str, Kind)] = &[("relevant", Kind::Strings), ("not_relevant", Kind::Strings)];
const FLAGS: &[(&str, Kind)] = &[
    ("free_mail_domains", Kind::Strings),
    ("role_inboxes", Kind::Strings),
    ("do_not_contact", Kind::Strings),
    ("existing_account", Kind::Strings),
];
const SCORE: &[(&str, Kind)] = &[
    ("fit", Kind::Number),
    ("not_fit", Kind::Number),
    ("relevant", Kind::Number),
    ("not_relevant", Kind::Number),
    ("reason_now_fresh", Kind::Number),
    ("fresh_days", Kind::Days),
    ("reason_now_recent", Kind::Number),
    ("engaged", Kind::Number),
    ("engaged_days", Kind::Days),
    ("open_flag", Kind::Number),
    ("age_per_week", Kind::Number),
    ("age_cap", Kind::Number),
    ("intent", Kind::Weights),
];
const FILE: &[(&str, Kind)] = &[
    ("gates", Kind::Table(GATES)),
    ("icp", Kind::Table(ICP)),
    ("roles", Kind::Table(ROLES)),
    ("flags", Kind::Table(FLAGS)),
    ("score", Kind::Table(SCORE)),
    ("team", Kind::Table(TEAM)),
];

/// Every problem with the file's syntax and shape; empty when the typed reading can go on.
pub(super) fn problems(text: &str) -> Vec<Problem> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut out: Vec<Problem> = errors
        .iter()
        .map(|e| Problem {
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            key: String::new(),
            message: e.message().trim().replace('`', "'"),
        })
        .collect();
    if out.is_empty() {
        let mut walk = Walk {
            text,
            problems: &mut out,
        };
        walk.table(doc.get_ref(), FILE, "");
    }
    out.sort_by_key(|p| p.line);
    out
}

struct Walk<'a> {
    text: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl Walk<'_> {
    fn problem(&mut self, span: Range<usize>, key: &str, message: String) {
        self.problems.push(Problem {
            line: line_of(self.text, span.start),
            key: key.to_string(),
            message,
        });
    }

    fn table(&mut self, table: &DeTable<'_>, shape: &[(&str, Kind)], path: &str) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let full = if path.is_empty() {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
            match shape.iter().find(|(k, _)| *k == name) {
                Some((_, kind)) => self.value(value, *kind, &full),
                None => {
                    let message = unknown_key(name, path);
                    self.problem(key.span(), "", message);
                }
            }
        }
    }

    fn value(&mut self, value: &Spanned<DeValue<'_>>, kind: Kind, key: &str) {
        let span = value.span();
        match (kind, value.get_ref()) {
            (Kind::Table(shape), DeValue::Table(t)) => self.table(t, shape, key),
            (Kind::Weights, DeValue::Table(t)) => {
                for (source, weight) in t.iter() {
                    let name = source.get_ref().as_ref();
                    let parsed = crate::domain::IntentSource::parse(name);
                    let full = format!("{key}.{name}");
                    match (parsed, weight.get_ref()) {
                        (Err(_), _) if home_of(name).is_some() => {
                            let message = unknown_key(name, key);
                            self.problem(source.span(), "", message);
                        }
                        // An unknown source name is reported by the typed reading.
                        (_, DeValue::Integer(_) | DeValue::Float(_)) => {}
                        (_, other) => {
                            let message = format!("expected a number, found {}", type_of(other));
                            self.problem(weight.span(), &full, message);
                        }
                    }
                }
            }
            (Kind::Strings, DeValue::Array(items)) => {
                for item in items.iter() {
                    if !matches!(item.get_ref(), DeValue::String(_)) {
                        let message =
                            format!("expected a list of text, found {}", type_of(item.get_ref()));
                        self.problem(item.span(), key, message);
                    }
                }
            }
            (Kind::Days | Kind::Count, DeValue::Integer(_))
            | (Kind::Bool, DeValue::Boolean(_))
            | (Kind::Number, DeValue::Integer(_) | DeValue::Float(_)) => {}
            (kind, other) => {
                let wanted = match kind {
                    Kind::Strings => "a list of text in brackets",
                    Kind::Days => "a whole number of days",
                    Kind::Number => "a number",
                    Kind::Bool => "true or false",
                    Kind::Count => "a whole number",
                    Kind::Table(_) | Kind::Weights => "a table",
                };
                self.problem(
                    span,
                    key,
                    format!("expected {wanted}, found {}", type_of(other)),
                );
            }
        }
    }
}

/// The table a key of the rules file belongs in, when it is a key of exactly one table.
fn home_of(name: &str) -> Option<String> {
    let mut homes = FILE.iter().filter_map(|(table, kind)| match kind {
        Kind::Table(keys) => keys.iter().any(|(k, _)| *k == name).then_some(*table),
        _ => None,
    });
    let first = homes.next()?;
    homes.next().is_none().then(|| first.to_string())
}

fn unknown_key(name: &str, table: &str) -> String {
    let known_here = |t: &str| {
        if t.is_empty() {
            "the file's top level".to_string()
        } else {
            format!("[{t}]")
        }
    };
    match home_of(name).filter(|home| home != table) {
        Some(home) if !table.is_empty() => format!(
            "`{name}` is not a key of [{table}]; it landed in [{table}] because it follows \
             that header — move it under [{home}]"
        ),
        Some(home) => format!("`{name}` belongs under [{home}]; move it there"),
        None => format!("`{name}` is not a key of {}", known_here(table)),
    }
}

fn type_of(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}
