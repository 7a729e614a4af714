//! The priority score: a transparent weighted sum, every term visible, in the spirit of
//! taskwarrior's urgency. It orders work; it never opens a gate.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::lead::Lead;
use super::qualification::{IcpFit, IntentSource, RoleRelevance, stated};

/// What each signal is worth.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreWeights {
    pub fit: f64,
    pub not_fit: f64,
    pub relevant: f64,
    pub not_relevant: f64,
    /// By intent source, in `IntentSource::ALL` order.
    pub intent: Vec<(IntentSource, f64)>,
    /// A reason now observed within `fresh_days`.
    pub reason_now_fresh: f64,
    pub fresh_days: i64,
    /// A reason now older than that but still inside the gate's window.
    pub reason_now_recent: f64,
    /// The contact was active (replied, visited, met) within `engaged_days`.
    pub engaged: f64,
    pub engaged_days: i64,
    /// Each open exclusion flag.
    pub open_flag: f64,
    /// Each week since the record arrived, up to `age_cap`.
    pub age_per_week: f64,
    pub age_cap: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        use IntentSource as I;
        Self {
            fit: 5.0,
            not_fit: -5.0,
            relevant: 3.0,
            not_relevant: -3.0,
            intent: vec![
                (I::DemoRequest, 6.0),
                (I::PricingPage, 4.0),
                (I::Webinar, 2.0),
                (I::ContentDownload, 1.0),
                (I::Reply, 5.0),
                (I::Referral, 4.0),
                (I::Event, 2.0),
                (I::ResearchSignal, 2.0),
                (I::Other, 1.0),
            ],
            reason_now_fresh: 4.0,
            fresh_days: 7,
            reason_now_recent: 2.0,
            engaged: 3.0,
            engaged_days: 14,
            open_flag: -5.0,
            age_per_week: -0.2,
            age_cap: -3.0,
        }
    }
}

/// One term of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub label: String,
    pub points: f64,
}

/// A score and the terms it is the sum of.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub total: f64,
    pub terms: Vec<Term>,
}

impl Score {
    /// "intent: demo request +6.0, reason now 3 days old +4.0, free-mail −5.0".
    #[must_use]
    pub fn breakdown(&self) -> String {
        if self.terms.is_empty() {
            return "no signals yet".to_string();
        }
        self.terms
            .iter()
            .map(|t| {
                format!(
                    "{} {}{:.1}",
                    t.label,
                    if t.points < 0.0 { "−" } else { "+" },
                    t.points.abs()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Scores a record at `now`; `window_days` is the gate's reason-now window.
#[must_use]
pub fn score(lead: &Lead, now: DateTime<Utc>, w: &ScoreWeights, window_days: i64) -> Score {
    let mut terms = Vec::new();
    each_term(lead, now, w, window_days, |label, points| {
        terms.push(Term {
            label: label.to_string(),
            points,
        });
    });
    // Adding 0.0 turns the empty sum's −0.0 into 0.0, which prints without a sign.
    let total = terms.iter().map(|t| t.points).sum::<f64>() + 0.0;
    Score { total, terms }
}

/// The total of `score`, without writing out a label for each term: what a stored priority
/// needs, for every lead an import writes or a pass scores again. Adds the same terms in the
/// same order, so it is exactly `score(..).total`.
#[must_use]
pub fn total(lead: &Lead, now: DateTime<Utc>, w: &ScoreWeights, window_days: i64) -> f64 {
    let mut total = 0.0;
    each_term(lead, now, w, window_days, |_, points| total += points);
    total + 0.0
}

/// What a term is for; written out only when a score is shown.
enum Label {
    Text(&'static str),
    Intent(IntentSource),
    ReasonNow(i64),
    Engaged(i64),
    Flag(super::flags::Flag),
    Waiting(i64),
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Label::Text(text) => f.write_str(text),
            Label::Intent(source) => write!(f, "intent: {}", source.label().to_lowercase()),
            Label::ReasonNow(age) => write!(f, "reason now {} old", days(*age)),
            Label::Engaged(age) => write!(f, "engaged {} ago", days(*age)),
            Label::Flag(flag) => f.write_str(&flag.label().to_lowercase()),
            Label::Waiting(1) => f.write_str("waiting 1 week"),
            Label::Waiting(weeks) => write!(f, "waiting {weeks} weeks"),
        }
    }
}

/// Calls `add` with each term of the score that counts (a non-zero one), in order.
fn each_term(
    lead: &Lead,
    now: DateTime<Utc>,
    w: &ScoreWeights,
    window_days: i64,
    mut add: impl FnMut(Label, f64),
) {
    let ev = &lead.evidence;
    let mut add = |label: Label, points: f64| {
        if points != 0.0 {
            add(label, points);
        }
    };
    match ev.icp_fit {
        IcpFit::Fit => add(Label::Text("ICP fit"), w.fit),
        IcpFit::NotFit => add(Label::Text("not ICP fit"), w.not_fit),
        IcpFit::Unknown => {}
    }
    match ev.role_relevance {
        RoleRelevance::Relevant => add(Label::Text("relevant role"), w.relevant),
        RoleRelevance::NotRelevant => add(Label::Text("role not relevant"), w.not_relevant),
        RoleRelevance::Unknown => {}
    }
    if let Some(source) = ev.intent_source {
        let points = w
            .intent
            .iter()
            .find(|(s, _)| *s == source)
            .map_or(0.0, |(_, p)| *p);
        add(Label::Intent(source), points);
    }
    if let (Some(_), Some(on)) = (stated(ev.reason_now.as_deref()), ev.reason_now_on) {
        let age = (now.date_naive() - on).num_days();
        if (0..=w.fresh_days).contains(&age) {
            add(Label::ReasonNow(age), w.reason_now_fresh);
        } else if (0..=window_days).contains(&age) {
            add(Label::ReasonNow(age), w.reason_now_recent);
        }
    }
    if let Some(on) = last_activity(lead) {
        let age = (now.date_naive() - on).num_days();
        if (0..=w.engaged_days).contains(&age) {
            add(Label::Engaged(age), w.engaged);
        }
    }
    for flag in ev.flags.iter().filter(|f| f.is_open()) {
        add(Label::Flag(flag.flag), w.open_flag);
    }
    let weeks = (now - lead.created_at).num_weeks();
    #[allow(clippy::cast_precision_loss)] // weeks are small
    let age = (weeks as f64 * w.age_per_week).max(w.age_cap);
    if weeks > 0 {
        add(Label::Waiting(weeks), age);
    }
}

/// "1 day", "3 days".
fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The day of the contact's latest activity, when the record holds a valid one.
#[must_use]
pub fn last_activity(lead: &Lead) -> Option<chrono::NaiveDate> {
    super::field::parse_day(lead.contact.last_activity.as_deref()?)
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
