//! The rules file (TOML): parsed, checked, and turned into the domain's `Rules`.
//!
//! Every problem names the line and key it is on, so `leadgate rules check` reads like a
//! compiler: unknown keys, wrong types, empty required lists, patterns that do not compile,
//! gate items that do not exist.

use serde::Deserialize;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

use crate::domain::flag_columns::ColumnRule;
use crate::domain::gate::GateItem;
use crate::domain::icp::{Icp, Pattern, Roles};
use crate::domain::{FlagLists, GateRules, Rules};

/// The commented default that `leadgate config init` writes.
pub const DEFAULT_RULES_FILE: &str = include_str!("../../assets/leadgate.toml");

/// One thing wrong with a rules file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub key: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "line {}: {}: {}", self.line, self.key, self.message)
        }
    }
}

type Strings = Option<Spanned<Vec<Spanned<String>>>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    gates: Option<Gates>,
    icp: Option<IcpTable>,
    roles: Option<RolesTable>,
    flags: Option<FlagsTable>,
    score: Option<ScoreTable>,
    team: Option<TeamTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TeamTable {
    managers: Strings,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreTable {
    fit: Option<f64>,
    not_fit: Option<f64>,
    relevant: Option<f64>,
    not_relevant: Option<f64>,
    reason_now_fresh: Option<f64>,
    fresh_days: Option<Spanned<i64>>,
    reason_now_recent: Option<f64>,
    engaged: Option<f64>,
    engaged_days: Option<Spanned<i64>>,
    open_flag: Option<f64>,
    age_per_week: Option<f64>,
    age_cap: Option<f64>,
    intent: Option<std::collections::BTreeMap<Spanned<String>, f64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gates {
    to_prospect: Strings,
    to_opportunity: Strings,
    opportunity_allow_without: Strings,
    reason_now_window_days: Option<Spanned<i64>>,
    stalled_days: Option<Spanned<i64>>,
    review_cadence_days: Option<Spanned<i64>>,
    stakeholders_min_engaged: Option<Spanned<i64>>,
    stakeholders_authority_or_second: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IcpTable {
    industries: Strings,
    employee_bands: Strings,
    countries: Strings,
    exclude_industries: Strings,
    competitor_domains: Strings,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RolesTable {
    relevant: Strings,
    not_relevant: Strings,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagsTable {
    free_mail_domains: Strings,
    role_inboxes: Strings,
    do_not_contact: Strings,
    existing_account: Strings,
}

/// The 1-based line of byte `at` in `text`.
pub(super) fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

struct Checker<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, span: Range<usize>, key: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            line: line_of(self.text, span.start),
            key: key.to_string(),
            message: message.into(),
        });
    }

    /// A list of strings, trimmed; blank entries are problems.
    fn strings(&mut self, value: Strings, key: &str) -> Option<Vec<String>> {
        let list = value?;
        let mut out = Vec::new();
        for item in list.into_inner() {
            let span = item.span();
            let text = item.into_inner();
            if text.trim().is_empty() {
                self.problem(span, key, "an entry is empty");
            } else {
                out.push(text.trim().to_string());
            }
        }
        Some(out)
    }

    fn gate_items(&mut self, value: Strings, key: &str) -> Option<Vec<GateItem>> {
        let list = value?;
        let span = list.span();
        let mut items = Vec::new();
        for item in list.into_inner() {
            match GateItem::parse(item.get_ref()) {
                Ok(gate_item) if items.contains(&gate_item) => {
                    self.problem(
                        item.span(),
                        key,
                        format!("'{}' is listed twice", gate_item.as_str()),
                    );
                }
                Ok(gate_item) => items.push(gate_item),
                Err(e) => self.problem(item.span(), key, e.to_string()),
            }
        }
        if items.is_empty() {
            self.problem(
                span,
                key,
                "the list is empty: a gate must require at least one item",
            );
        }
        Some(items)
    }

    /// Carried items the opportunity gate may do without: only those, each said once.
    fn allowed_without(&mut self, value: Strings, key: &str) -> Option<Vec<GateItem>> {
        use crate::domain::gate::CARRIED;
        let list = value?;
        let mut items = Vec::new();
        for item in list.into_inner() {
            match GateItem::parse(item.get_ref()) {
                Ok(i) if !CARRIED.contains(&i) => self.problem(
                    item.span(),
                    key,
                    format!(
                        "'{}' is not carried from the prospect gate; only {} can be allowed \
                         without (list the opportunity gate's own items in to_opportunity)",
                        i.as_str(),
                        CARRIED.map(GateItem::as_str).join(", ")
                    ),
                ),
                Ok(i) if items.contains(&i) => {
                    self.problem(
                        item.span(),
                        key,
                        format!("'{}' is listed twice", i.as_str()),
                    );
                }
                Ok(i) => items.push(i),
                Err(e) => self.problem(item.span(), key, e.to_string()),
            }
        }
        Some(items)
    }

    fn days(&mut self, value: Option<Spanned<i64>>, key: &str) -> Option<i64> {
        let v = value?;
        let span = v.span();
        let days = v.into_inner();
        if !(1..=3650).contains(&days) {
            self.problem(
                span,
                key,
                format!("{days} is not a number of days from 1 to 3650"),
            );
            return None;
        }
        Some(days)
    }

    fn count(&mut self, value: Option<Spanned<i64>>, key: &str) -> Option<usize> {
        let v = value?;
        let span = v.span();
        let n = v.into_inner();
        match usize::try_from(n) {
            Ok(n @ 1..=20) => Some(n),
            _ => {
                self.problem(span, key, format!("{n} is not a whole number from 1 to 20"));
                None
            }
        }
    }

    fn column_rules(&mut self, value: Strings, key: &str) -> Vec<ColumnRule> {
        let Some(list) = value else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in list.into_inner() {
            match ColumnRule::parse(item.get_ref()) {
                Ok(rule) => out.push(rule),
                Err(e) => self.problem(item.span(), key, e.to_string()),
            }
        }
        out
    }

    fn patterns(&mut self, value: Strings, key: &str) -> Option<Vec<Pattern>> {
        let list = value?;
        let mut out = Vec::new();
        for item in list.into_inner() {
            match Pattern::new(item.get_ref()) {
                Ok(p) if !item.get_ref().trim().is_empty() => out.push(p),
                Ok(_) => self.problem(item.span(), key, "an entry is empty"),
                Err(e) => self.problem(
                    item.span(),
                    key,
                    format!("'{}' is not a valid pattern: {e}", item.get_ref()),
                ),
            }
        }
        Some(out)
    }
}

/// Parses and checks a rules file's text. Keys the file leaves out keep their defaults.
///
/// # Errors
/// Every problem found, each with its line and key.
pub fn parse_rules(text: &str) -> Result<Rules, Vec<Problem>> {
    // Every syntax and shape problem at once; the typed reading below stops at the first.
    let shape = super::rules_shape::problems(text);
    if !shape.is_empty() {
        return Err(shape);
    }
    let file: File = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| line_of(text, s.start));
        let message = e.message().trim().replace('`', "'");
        vec![Problem {
            line,
            key: String::new(),
            message,
        }]
    })?;
    let mut c = Checker {
        text,
        problems: Vec::new(),
    };
    let mut rules = Rules::default();
    let gates = file.gates.unwrap_or_default();
    let defaults = GateRules::default();
    rules.gates = GateRules {
        to_prospect: c
            .gate_items(gates.to_prospect, "gates.to_prospect")
            .unwrap_or(defaults.to_prospect),
        to_opportunity: c
            .gate_items(gates.to_opportunity, "gates.to_opportunity")
            .unwrap_or(defaults.to_opportunity),
        opportunity_allow_without: c
            .allowed_without(
                gates.opportunity_allow_without,
                "gates.opportunity_allow_without",
            )
            .unwrap_or_default(),
        reason_now_window_days: c
            .days(gates.reason_now_window_days, "gates.reason_now_window_days")
            .unwrap_or(defaults.reason_now_window_days),
        stalled_days: c
            .days(gates.stalled_days, "gates.stalled_days")
            .unwrap_or(defaults.stalled_days),
        review_cadence_days: c
            .days(gates.review_cadence_days, "gates.review_cadence_days")
            .unwrap_or(defaults.review_cadence_days),
        stakeholders: crate::domain::deal::StakeholderRule {
            min_engaged: c
                .count(
                    gates.stakeholders_min_engaged,
                    "gates.stakeholders_min_engaged",
                )
                .unwrap_or(defaults.stakeholders.min_engaged),
            authority_or_second: gates
                .stakeholders_authority_or_second
                .unwrap_or(defaults.stakeholders.authority_or_second),
        },
    };
    rules.team.managers = c
        .strings(file.team.unwrap_or_default().managers, "team.managers")
        .unwrap_or_default();
    let icp = file.icp.unwrap_or_default();
    rules.icp = Icp {
        industries: c
            .strings(icp.industries, "icp.industries")
            .unwrap_or_default(),
        employee_bands: c
            .strings(icp.employee_bands, "icp.employee_bands")
            .unwrap_or_default(),
        countries: c
            .strings(icp.countries, "icp.countries")
            .unwrap_or_default(),
        exclude_industries: c
            .strings(icp.exclude_industries, "icp.exclude_industries")
            .unwrap_or_default(),
        competitor_domains: c
            .strings(icp.competitor_domains, "icp.competitor_domains")
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.to_lowercase())
            .collect(),
    };
    let roles = file.roles.unwrap_or_default();
    rules.roles = Roles {
        relevant: c
            .patterns(roles.relevant, "roles.relevant")
            .unwrap_or_default(),
        not_relevant: c
            .patterns(roles.not_relevant, "roles.not_relevant")
            .unwrap_or_default(),
    };
    let flags = file.flags.unwrap_or_default();
    let mut lists = FlagLists::default();
    let lower = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<Vec<_>>();
    lists.free_mail_domains.extend(lower(
        c.strings(flags.free_mail_domains, "flags.free_mail_domains")
            .unwrap_or_default(),
    ));
    lists.role_inboxes.extend(lower(
        c.strings(flags.role_inboxes, "flags.role_inboxes")
            .unwrap_or_default(),
    ));
    lists
        .do_not_contact
        .extend(c.column_rules(flags.do_not_contact, "flags.do_not_contact"));
    lists
        .existing_account
        .extend(c.column_rules(flags.existing_account, "flags.existing_account"));
    rules.flags = lists;
    let score = file.score.unwrap_or_default();
    let w = &mut rules.score;
    for (slot, value) in [
        (&mut w.fit, score.fit),
        (&mut w.not_fit, score.not_fit),
        (&mut w.relevant, score.relevant),
        (&mut w.not_relevant, score.not_relevant),
        (&mut w.reason_now_fresh, score.reason_now_fresh),
        (&mut w.reason_now_recent, score.reason_now_recent),
        (&mut w.engaged, score.engaged),
        (&mut w.open_flag, score.open_flag),
        (&mut w.age_per_week, score.age_per_week),
        (&mut w.age_cap, score.age_cap),
    ] {
        if let Some(v) = value {
            *slot = v;
        }
    }
    if let Some(days) = c.days(score.fresh_days, "score.fresh_days") {
        w.fresh_days = days;
    }
    if let Some(days) = c.days(score.engaged_days, "score.engaged_days") {
        w.engaged_days = days;
    }
    for (source, weight) in score.intent.unwrap_or_default() {
        match crate::domain::IntentSource::parse(source.get_ref()) {
            Ok(s) => {
                if let Some(entry) = w.intent.iter_mut().find(|(i, _)| *i == s) {
                    entry.1 = weight;
                }
            }
            Err(e) => c.problem(source.span(), "score.intent", e.to_string()),
        }
    }
    if c.problems.is_empty() {
        Ok(rules)
    } else {
        c.problems.sort_by_key(|p| p.line);
        Err(c.problems)
    }
}

/// The rules in `path`, or the defaults when `path` is the default location and no file is
/// there. An explicitly named file must exist.
///
/// # Errors
/// A message naming the file, and every problem in it.
pub fn load_rules(path: &Path, explicit: bool) -> Result<Rules, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_rules(&text).map_err(|problems| {
            let lines: Vec<String> = problems
                .iter()
                .map(|p| format!("{}:{p}", path.display()))
                .collect();
            format!(
                "the rules file has {} problem(s):\n{}",
                problems.len(),
                lines.join("\n")
            )
        }),
        // No file in the default place: the shipped default rules apply.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            parse_rules(DEFAULT_RULES_FILE)
                .map_err(|p| format!("the built-in rules are invalid: {p:?}"))
        }
        Err(e) => Err(format!(
            "cannot read the rules file {}: {e}",
            path.display()
        )),
    }
}

#[cfg(test)]
#[path = "rules_file_tests.rs"]
mod tests;
