//! Lifecycle stage and working state: two separate axes of a lead.

use super::vocabulary::vocabulary;

vocabulary! {
    /// Where a record stands in the lifecycle. Only evidence moves it forward.
    pub enum Stage ("stage") {
        /// Still being evaluated.
        Lead => "lead", "Lead";
        /// Verified fit, a relevant contact and a reason to reach out now.
        Prospect => "prospect", "Prospect";
        /// A prospect with a confirmed pain, engaged stakeholders and a concrete next step.
        Opportunity => "opportunity", "Opportunity";
        /// A closed deal (recorded elsewhere and imported; leadgate never promotes to it).
        Customer => "customer", "Customer";
    }
}

vocabulary! {
    /// Whether a record is being worked, parked for later, or out.
    pub enum State ("state") {
        Active => "active", "Active";
        Nurture => "nurture", "Nurture";
        Disqualified => "disqualified", "Disqualified";
        /// Taken out by undoing the import that created it; kept for the record.
        Removed => "removed", "Removed";
    }
}

impl Stage {
    /// The stage a promotion leads to, if leadgate promotes from here.
    #[must_use]
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Lead => Some(Stage::Prospect),
            Stage::Prospect => Some(Stage::Opportunity),
            Stage::Opportunity | Stage::Customer => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_any_case_and_kebab() {
        assert_eq!(Stage::parse("Prospect"), Ok(Stage::Prospect));
        assert_eq!(State::parse(" DISQUALIFIED "), Ok(State::Disqualified));
        let err = Stage::parse("mql").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown stage 'mql': expected one of lead, prospect, opportunity, customer"
        );
    }

    #[test]
    fn promotion_path_stops_at_opportunity() {
        assert_eq!(Stage::Lead.next(), Some(Stage::Prospect));
        assert_eq!(Stage::Prospect.next(), Some(Stage::Opportunity));
        assert_eq!(Stage::Opportunity.next(), None);
        assert_eq!(Stage::Customer.next(), None);
    }
}
