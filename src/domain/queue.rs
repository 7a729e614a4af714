//! Work queues: which records a person sees, and when a record is due for review.

use chrono::{DateTime, Duration, Utc};

use super::handoff::HandoffState;
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
        /// Prospects handed off to an AE: waiting for their decision, or accepted and not yet
        /// an opportunity.
        Handoffs => "handoffs", "Handoffs";
        /// Prospects and opportunities with no touch or change for the rules' stalled days.
        Stalled => "stalled", "Stalled";
        /// Rejected handoffs the SDR disputes: for a manager to settle.
        Review => "review", "Review";
    }
}

/// What else, besides stage and state, puts a record in a queue's slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Its evidence no longer supports its stage.
    Unsupported,
    /// No touch or change for the rules' stalled days.
    Stalled,
    /// Its handoff stands so.
    Handoff(HandoffState),
}

/// A record's marks, to test membership (`Queue::contains`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    pub unsupported: bool,
    pub stalled: bool,
    pub handoff: Option<HandoffState>,
}

impl Marks {
    /// The marks of `lead`, standing as `standing` says.
    #[must_use]
    pub fn of(lead: &super::Lead, standing: &super::Standing) -> Self {
        Self {
            unsupported: standing.unsupported,
            stalled: standing.stalled,
            handoff: lead.evidence.handoff.as_ref().map(|h| h.state),
        }
    }

    fn has(&self, mark: Mark) -> bool {
        match mark {
            Mark::Unsupported => self.unsupported,
            Mark::Stalled => self.stalled,
            Mark::Handoff(h) => self.handoff == Some(h),
        }
    }
}

/// One (state, stage) slice of a queue. `due_only` keeps records whose review is due;
/// `mark`, those that carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub state: State,
    pub stage: Stage,
    pub due_only: bool,
    pub mark: Option<Mark>,
}

const fn slice(state: State, stage: Stage, due_only: bool) -> Slice {
    Slice {
        state,
        stage,
        due_only,
        mark: None,
    }
}

const fn marked(stage: Stage, mark: Mark) -> Slice {
    Slice {
        state: State::Active,
        stage,
        due_only: false,
        mark: Some(mark),
    }
}

const UNSUPPORTED: &[Slice] = &[
    marked(Stage::Prospect, Mark::Unsupported),
    marked(Stage::Opportunity, Mark::Unsupported),
];
const STALLED: &[Slice] = &[
    marked(Stage::Prospect, Mark::Stalled),
    marked(Stage::Opportunity, Mark::Stalled),
];
const HANDOFFS: &[Slice] = &[
    marked(Stage::Prospect, Mark::Handoff(HandoffState::Sent)),
    marked(Stage::Prospect, Mark::Handoff(HandoffState::Accepted)),
];
const REVIEW: &[Slice] = &[marked(
    Stage::Prospect,
    Mark::Handoff(HandoffState::Disputed),
)];

/// Today also brings back a rejected handoff to the SDR it went back to, with its reason,
/// until they act on it.
const TODAY: &[Slice] = &[
    slice(State::Active, Stage::Lead, false),
    slice(State::Nurture, Stage::Lead, true),
    marked(Stage::Prospect, Mark::Handoff(HandoffState::Rejected)),
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
            Queue::Handoffs => HANDOFFS,
            Queue::Stalled => STALLED,
            Queue::Review => REVIEW,
        }
    }

    /// Whether a record at `stage`/`state`, due at `due`, carrying `marks`, is in the queue
    /// at `now`.
    #[must_use]
    pub fn contains(
        self,
        stage: Stage,
        state: State,
        due: DateTime<Utc>,
        now: DateTime<Utc>,
        marks: Marks,
    ) -> bool {
        self.slices().iter().any(|s| {
            s.stage == stage
                && s.state == state
                && (!s.due_only || due <= now)
                && s.mark.is_none_or(|m| marks.has(m))
        })
    }
}

/// When a record is next due for review after `decision` at `now`.
///
/// Records that still need a decision are due at once; decided ones come back after the
/// review cadence, or at the start of the re-check day a person named.
#[must_use]
pub fn next_review(decision: &Decision, now: DateTime<Utc>, cadence_days: i64) -> DateTime<Utc> {
    match decision {
        Decision::Reopen | Decision::Remove | Decision::Demote(_) => now,
        Decision::NurtureUntil(_, day) => day
            .and_hms_opt(0, 0, 0)
            .map_or(now + Duration::days(cadence_days), |t| t.and_utc()),
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
        let none = Marks::default();
        assert!(Queue::Today.contains(Stage::Lead, State::Active, later, now(), none));
        assert!(Queue::Today.contains(Stage::Lead, State::Nurture, past, now(), none));
        assert!(!Queue::Today.contains(Stage::Lead, State::Nurture, later, now(), none));
        assert!(!Queue::Today.contains(Stage::Prospect, State::Active, past, now(), none));
        assert!(!Queue::Today.contains(Stage::Lead, State::Disqualified, past, now(), none));
        let rejected = Marks {
            handoff: Some(HandoffState::Rejected),
            ..none
        };
        assert!(Queue::Today.contains(Stage::Prospect, State::Active, past, now(), rejected));
    }

    #[test]
    fn every_record_is_in_all_and_in_exactly_one_state_queue() {
        // Removed records (an undone import) are in no queue at all.
        for q in Queue::ALL {
            let all = Marks {
                unsupported: true,
                stalled: true,
                handoff: Some(HandoffState::Sent),
            };
            assert!(!q.contains(Stage::Lead, State::Removed, now(), now(), all));
        }
        for &stage in &[Stage::Lead, Stage::Prospect, Stage::Opportunity] {
            for &state in State::ALL.iter().filter(|s| **s != State::Removed) {
                let none = Marks::default();
                assert!(Queue::All.contains(stage, state, now(), now(), none));
                let homes = [Queue::Prospects, Queue::Nurture, Queue::Disqualified]
                    .iter()
                    .filter(|q| q.contains(stage, state, now(), now(), none))
                    .count()
                    + usize::from(
                        Queue::Today.contains(stage, state, now(), now(), none)
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
        let day = now().date_naive() + Duration::days(10);
        assert_eq!(
            next_review(&Decision::NurtureUntil(ReasonCode::Stalled, day), now(), 30),
            day.and_hms_opt(0, 0, 0).expect("midnight").and_utc()
        );
    }
}
