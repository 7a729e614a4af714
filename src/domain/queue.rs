//! Work queues: which records a person sees, and when a record is due for review.

use chrono::{DateTime, Duration, Utc};

use super::stage::{Stage, State};
use super::transition::Decision;
use super::vocabulary::vocabulary;

/// Days after a decision before a record comes back for review, unless the rules say otherwise.
pub const REVIEW_CADENCE_DAYS: i64 = 30;

vocabulary! {
    /// The queues of the workstation, in tab order.
    pub enum Queue ("queue") {
        /// Leads to work now: every active lead, and nurtured leads due for review.
        Today => "today", "Today";
        /// Active prospects and opportunities.
        Prospects => "prospects", "Prospects";
        Nurture => "nurture", "Nurture";
        Disqualified => "disqualified", "Disqualified";
        All => "all", "All";
        /// Prospects and opportunities whose evidence no longer supports their stage.
        Unsupported => "unsupported", "Unsupported";
    }
}

/// One (state, stage) slice of a queue. `due_only` keeps records whose review is due;
/// `unsupported_only` those whose evidence no longer supports their stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub state: State,
    pub stage: Stage,
    pub due_only: bool,
    pub unsupported_only: bool,
}

const fn slice(state: State, stage: Stage, due_only: bool) -> Slice {
    Slice {
        state,
        stage,
        due_only,
        unsupported_only: false,
    }
}

const fn unsupported(stage: Stage) -> Slice {
    Slice {
        state: State::Active,
        stage,
        due_only: false,
        unsupported_only: true,
    }
}

const UNSUPPORTED: &[Slice] = &[
    unsupported(Stage::Prospect),
    unsupported(Stage::Opportunity),
];

const TODAY: &[Slice] = &[
    slice(State::Active, Stage::Lead, false),
    slice(State::Nurture, Stage::Lead, true),
];
const PROSPECTS: &[Slice] = &[
    slice(State::Active, Stage::Prospect, false),
    slice(State::Active, Stage::Opportunity, false),
];
const NURTURE: &[Slice] = &[
    slice(State::Nurture, Stage::Lead, false),
    slice(State::Nurture, Stage::Prospect, false),
    slice(State::Nurture, Stage::Opportunity, false),
];
const DISQUALIFIED: &[Slice] = &[
    slice(State::Disqualified, Stage::Lead, false),
    slice(State::Disqualified, Stage::Prospect, false),
    slice(State::Disqualified, Stage::Opportunity, false),
];

const ALL: &[Slice] = &[
    slice(State::Active, Stage::Lead, false),
    slice(State::Active, Stage::Prospect, false),
    slice(State::Active, Stage::Opportunity, false),
    slice(State::Active, Stage::Customer, false),
    slice(State::Nurture, Stage::Lead, false),
    slice(State::Nurture, Stage::Prospect, false),
    slice(State::Nurture, Stage::Opportunity, false),
    slice(State::Nurture, Stage::Customer, false),
    slice(State::Disqualified, Stage::Lead, false),
    slice(State::Disqualified, Stage::Prospect, false),
    slice(State::Disqualified, Stage::Opportunity, false),
    slice(State::Disqualified, Stage::Customer, false),
];

impl Queue {
    /// The slices that make up the queue. Each is one range of an index, so a queue pages by
    /// merging ranges instead of scanning rows.
    #[must_use]
    pub fn slices(self) -> &'static [Slice] {
        match self {
            Queue::Today => TODAY,
            Queue::Prospects => PROSPECTS,
            Queue::Nurture => NURTURE,
            Queue::Disqualified => DISQUALIFIED,
            Queue::All => ALL,
            Queue::Unsupported => UNSUPPORTED,
        }
    }

    /// Whether a record at `stage`/`state`, due at `due`, is in the queue at `now`;
    /// `unsupported` says whether its evidence no longer supports its stage.
    #[must_use]
    pub fn contains(
        self,
        stage: Stage,
        state: State,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
        unsupported: bool,
    ) -> bool {
        self.slices().iter().any(|s| {
            s.stage == stage
                && s.state == state
                && (!s.due_only || due <= now)
                && (!s.unsupported_only || unsupported)
        })
    }
}

/// When a record is next due for review after `decision` at `now`.
///
/// Records that still need a decision are due at once; decided ones come back after the
/// review cadence.
#[must_use]
pub fn next_review(decision: &Decision, now: DateTime<Utc>, cadence_days: i64) -> DateTime<Utc> {
    match decision {
        Decision::Reopen | Decision::Remove | Decision::Demote(_) => now,
        Decision::Promote
        | Decision::Nurture(_)
        | Decision::Disqualify(_)
        | Decision::Undo { .. } => now + Duration::days(cadence_days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ReasonCode;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("time")
    }

    #[test]
    fn today_holds_active_leads_and_due_nurtures() {
        let past = now() - Duration::days(1);
        let later = now() + Duration::days(1);
        assert!(Queue::Today.contains(Stage::Lead, State::Active, later, now(), false));
        assert!(Queue::Today.contains(Stage::Lead, State::Nurture, past, now(), false));
        assert!(!Queue::Today.contains(Stage::Lead, State::Nurture, later, now(), false));
        assert!(!Queue::Today.contains(Stage::Prospect, State::Active, past, now(), false));
        assert!(!Queue::Today.contains(Stage::Lead, State::Disqualified, past, now(), false));
    }

    #[test]
    fn every_record_is_in_all_and_in_exactly_one_state_queue() {
        // Removed records (an undone import) are in no queue at all.
        for q in Queue::ALL {
            assert!(!q.contains(Stage::Lead, State::Removed, now(), now(), true));
        }
        for &stage in &[Stage::Lead, Stage::Prospect, Stage::Opportunity] {
            for &state in State::ALL.iter().filter(|s| **s != State::Removed) {
                assert!(Queue::All.contains(stage, state, now(), now(), false));
                let homes = [Queue::Prospects, Queue::Nurture, Queue::Disqualified]
                    .iter()
                    .filter(|q| q.contains(stage, state, now(), now(), false))
                    .count()
                    + usize::from(
                        Queue::Today.contains(stage, state, now(), now(), false)
                            && state == State::Active,
                    );
                assert_eq!(homes, 1, "{stage} {state}");
            }
        }
    }

    #[test]
    fn decisions_schedule_the_next_review() {
        assert_eq!(next_review(&Decision::Reopen, now(), 30), now());
        assert_eq!(
            next_review(&Decision::Nurture(ReasonCode::Stalled), now(), 30),
            now() + Duration::days(30)
        );
    }
}
