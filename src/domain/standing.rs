//! Where a record stands in its queue: its score as a sortable whole number, whether it is
//! waiting out a nurture period, and until when both stay true.
//!
//! A score has terms that depend on the clock (a reason now goes stale, a record ages week by
//! week), so a stored score is only good until the next such moment. The store keeps that
//! moment beside the score and scores again only the records whose moment has come, which
//! lets a queue page in score order straight from an index.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use super::lead::Lead;
use super::qualification::stated;
use super::score::{ScoreWeights, last_activity, total};
use super::stage::{Stage, State};

/// A record's place in the queues at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The score in hundredths: queues sort on it, highest first.
    pub priority: i64,
    /// A nurtured record whose review is not due yet: it stays out of Today.
    pub waiting: bool,
    /// When the score or the waiting may change; `None` when nothing the clock does will.
    pub until: Option<DateTime<Utc>>,
    /// A prospect or opportunity whose evidence no longer supports its stage (see
    /// `domain::support`): it is listed in the Unsupported queue. Set by `Rules::standing`,
    /// which knows the gates.
    pub unsupported: bool,
    /// An active prospect or opportunity with no change for the rules' `stalled_days`: it is
    /// listed in the Stalled queue. Set by `Rules::standing`.
    pub stalled: bool,
}

/// The standing of `lead` at `now`; `window_days` is the gate's reason-now window.
#[must_use]
pub fn standing(lead: &Lead, now: DateTime<Utc>, w: &ScoreWeights, window_days: i64) -> Standing {
    if lead.state == State::Removed {
        return Standing {
            priority: 0,
            waiting: false,
            until: None,
            unsupported: false,
            stalled: false,
        };
    }
    let total = total(lead, now, w, window_days);
    #[allow(clippy::cast_possible_truncation)] // scores are small sums of small weights
    let priority = (total * 100.0).round() as i64;
    // An opted-out record waits for good: its review date does not bring it back.
    let waiting = lead.state == State::Nurture && (lead.opted_out() || lead.review_due_at > now);
    let wake = (waiting && !lead.opted_out()).then_some(lead.review_due_at);
    let until = [wake, score_changes_at(lead, now, w, window_days)]
        .into_iter()
        .flatten()
        .min();
    Standing {
        priority,
        waiting,
        until,
        unsupported: false,
        stalled: false,
    }
}

/// The first moment after `now` at which `score` may give a different total.
#[must_use]
pub fn score_changes_at(
    lead: &Lead,
    now: DateTime<Utc>,
    w: &ScoreWeights,
    window_days: i64,
) -> Option<DateTime<Utc>> {
    let ev = &lead.evidence;
    let mut moments: Vec<DateTime<Utc>> = Vec::new();
    if let (Some(_), Some(on)) = (stated(ev.reason_now.as_deref()), ev.reason_now_on) {
        // The term is counted by whole days of age: it changes when the day it was observed
        // starts, when it stops being fresh, and when it leaves the window.
        for days in [0, w.fresh_days + 1, window_days + 1] {
            moments.extend(midnight(on + Duration::days(days)));
        }
    }
    if let Some(on) = last_activity(lead) {
        for days in [0, w.engaged_days + 1] {
            moments.extend(midnight(on + Duration::days(days)));
        }
    }
    if let Some(at) = next_age_change(lead.created_at, now, w) {
        moments.push(at);
    }
    moments.into_iter().filter(|&m| m > now).min()
}

/// The age term counts whole weeks up to its cap: the next week boundary, if it changes it.
fn next_age_change(
    created: DateTime<Utc>,
    now: DateTime<Utc>,
    w: &ScoreWeights,
) -> Option<DateTime<Utc>> {
    let points = |weeks: i64| {
        #[allow(clippy::cast_precision_loss)] // weeks are small
        let p = (weeks as f64 * w.age_per_week).max(w.age_cap);
        if weeks > 0 { p } else { 0.0 }
    };
    let weeks = (now - created).num_weeks().max(0);
    let next = weeks + 1;
    if points(next) != points(weeks) {
        return Some(created + Duration::weeks(next));
    }
    // A rising age term held at its floor (the cap) moves once the weeks pass it; a falling
    // one that reached its cap never moves again.
    if w.age_per_week > 0.0 {
        #[allow(clippy::cast_possible_truncation)] // weeks are small
        let past_floor = (w.age_cap / w.age_per_week).floor() as i64 + 1;
        if past_floor > weeks && points(past_floor) != points(weeks) {
            return Some(created + Duration::weeks(past_floor));
        }
    }
    None
}

fn midnight(day: NaiveDate) -> Option<DateTime<Utc>> {
    day.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

/// How many days an active prospect or opportunity has gone without a change, once that is
/// at least `stalled_days`: momentum has stalled and someone should act or pass it back.
#[must_use]
pub fn stalled_for(lead: &Lead, now: DateTime<Utc>, stalled_days: i64) -> Option<i64> {
    let open_deal = matches!(lead.stage, Stage::Prospect | Stage::Opportunity);
    if !open_deal || lead.state != State::Active {
        return None;
    }
    let days = (now - lead.updated_at).num_days();
    (days >= stalled_days).then_some(days)
}

/// When an active prospect or opportunity stalls if nothing changes on it before then.
#[must_use]
pub fn stalls_at(lead: &Lead, stalled_days: i64) -> Option<DateTime<Utc>> {
    let open_deal = matches!(lead.stage, Stage::Prospect | Stage::Opportunity);
    (open_deal && lead.state == State::Active)
        .then(|| lead.updated_at + Duration::days(stalled_days))
}

#[cfg(test)]
#[path = "standing_tests.rs"]
mod tests;
