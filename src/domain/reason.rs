//! Reason codes: every nurture or disqualification says why, in words a report can count.

use super::vocabulary::vocabulary;

vocabulary! {
    /// Why a record left the active queue.
    pub enum ReasonCode ("reason code") {
        NotIcp => "not_icp", "Account is outside the ICP";
        NoRoleRelevance => "no_role_relevance", "Contact has no role in the decision";
        NoIntent => "no_intent", "No sign of interest";
        NoReasonNow => "no_reason_now", "No reason to reach out now";
        Stalled => "stalled", "Momentum stalled";
        Competitor => "competitor", "Works for a competitor";
        Student => "student", "Student";
        Consultant => "consultant", "Consultant or freelancer";
        GenericInbox => "generic_inbox", "Generic or role inbox";
        Duplicate => "duplicate", "Duplicate of another record";
        BadData => "bad_data", "Bad or unusable data";
        OptedOut => "opted_out", "Asked not to be contacted";
        Other => "other", "Other (see note)";
    }
}

impl ReasonCode {
    /// `other` says nothing by itself, so it needs a note.
    #[must_use]
    pub fn needs_note(self) -> bool {
        self == ReasonCode::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_other_needs_a_note() {
        let needing: Vec<_> = ReasonCode::ALL.iter().filter(|c| c.needs_note()).collect();
        assert_eq!(needing, vec![&ReasonCode::Other]);
    }

    #[test]
    fn kebab_case_is_accepted() {
        assert_eq!(
            ReasonCode::parse("generic-inbox"),
            Ok(ReasonCode::GenericInbox)
        );
    }
}
