//! The rules a team works under, in one value passed to every operation: its gates, its ICP
//! and role patterns, and its exclusion lists. Their version (a hash of what they say) is
//! recorded with every promotion, so an audit can find what was promoted under older rules.

use std::fmt::Write;

use super::flags::FlagLists;
use super::gate::GateRules;
use super::icp::{Icp, Roles};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rules {
    pub gates: GateRules,
    pub flags: FlagLists,
    pub icp: Icp,
    pub roles: Roles,
    pub score: super::score::ScoreWeights,
    /// Who settles disputes.
    pub team: super::handoff::Team,
}

fn list<T: AsRef<str>>(items: &[T], empty: &str) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    if items.is_empty() {
        empty.to_string()
    } else {
        items.join(", ")
    }
}

/// How `describe` writes an empty list: an ICP filter with no entries accepts any value,
/// any other empty list holds nothing.
struct Empty {
    filter: &'static str,
    list: &'static str,
}

/// What `rules show` prints.
const SHOWN: Empty = Empty {
    filter: "none (any value is accepted)",
    list: "none",
};
/// What the version was always computed from: kept, so the same rules keep their version.
const FINGERPRINTED: Empty = Empty {
    filter: "(any)",
    list: "(any)",
};

impl Rules {
    /// The rules in effect, as text: what `leadgate rules show` prints and what the version
    /// is computed from.
    #[must_use]
    pub fn describe(&self) -> String {
        self.text(&SHOWN)
    }

    fn text(&self, empty: &Empty) -> String {
        let list_of = |v: &[String]| list(v, empty.list);
        let filter = |v: &[String]| list(v, empty.filter);
        let g = &self.gates;
        let items = |v: &[super::gate::GateItem]| {
            list(
                &v.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
                empty.list,
            )
        };
        let mut s = String::new();
        let _ = writeln!(s, "gates.to_prospect = {}", items(&g.to_prospect));
        let _ = writeln!(s, "gates.to_opportunity = {}", items(&g.to_opportunity));
        let _ = writeln!(
            s,
            "gates.opportunity_allow_without = {}",
            items(&g.opportunity_allow_without)
        );
        let _ = writeln!(
            s,
            "gates.reason_now_window_days = {}",
            g.reason_now_window_days
        );
        let _ = writeln!(
            s,
            "gates.stakeholders_min_engaged = {}",
            g.stakeholders.min_engaged
        );
        let _ = writeln!(
            s,
            "gates.stakeholders_authority_or_second = {}",
            g.stakeholders.authority_or_second
        );
        let _ = writeln!(s, "gates.stalled_days = {}", g.stalled_days);
        let _ = writeln!(s, "gates.review_cadence_days = {}", g.review_cadence_days);
        let _ = writeln!(s, "icp.industries = {}", filter(&self.icp.industries));
        let _ = writeln!(
            s,
            "icp.employee_bands = {}",
            filter(&self.icp.employee_bands)
        );
        let _ = writeln!(s, "icp.countries = {}", filter(&self.icp.countries));
        let _ = writeln!(
            s,
            "icp.exclude_industries = {}",
            list_of(&self.icp.exclude_industries)
        );
        let _ = writeln!(
            s,
            "icp.competitor_domains = {}",
            list_of(&self.icp.competitor_domains)
        );
        let sources = |p: &[super::icp::Pattern]| {
            list(
                &p.iter().map(|p| p.source.as_str()).collect::<Vec<_>>(),
                empty.list,
            )
        };
        let _ = writeln!(s, "roles.relevant = {}", sources(&self.roles.relevant));
        let _ = writeln!(
            s,
            "roles.not_relevant = {}",
            sources(&self.roles.not_relevant)
        );
        let _ = writeln!(
            s,
            "flags.free_mail_domains = {} entries",
            self.flags.free_mail_domains.len()
        );
        let _ = writeln!(
            s,
            "flags.role_inboxes = {} entries",
            self.flags.role_inboxes.len()
        );
        let _ = writeln!(
            s,
            "flags.student_domains = {}",
            list_of(&self.flags.student_domains)
        );
        let _ = writeln!(
            s,
            "flags.student_titles = {}",
            list_of(&self.flags.student_titles)
        );
        let _ = writeln!(
            s,
            "flags.consultant_titles = {}",
            list_of(&self.flags.consultant_titles)
        );
        let columns = |rules: &[super::flag_columns::ColumnRule]| {
            let names: Vec<String> = rules.iter().map(|r| r.column.clone()).collect();
            list_of(&names)
        };
        let _ = writeln!(
            s,
            "flags.do_not_contact columns = {}",
            columns(&self.flags.do_not_contact)
        );
        let _ = writeln!(
            s,
            "flags.existing_account columns = {}",
            columns(&self.flags.existing_account)
        );
        let w = &self.score;
        let _ = writeln!(
            s,
            "score = fit {}, not_fit {}, relevant {}, not_relevant {}, reason_now_fresh {} \
             (fresh_days {}), reason_now_recent {}, engaged {} (engaged_days {}), open_flag {}, \
             age_per_week {} (age_cap {})",
            w.fit,
            w.not_fit,
            w.relevant,
            w.not_relevant,
            w.reason_now_fresh,
            w.fresh_days,
            w.reason_now_recent,
            w.engaged,
            w.engaged_days,
            w.open_flag,
            w.age_per_week,
            w.age_cap
        );
        let intent: Vec<String> = w
            .intent
            .iter()
            .map(|(source, points)| format!("{} {points}", source.as_str()))
            .collect();
        let _ = writeln!(s, "score.intent = {}", intent.join(", "));
        let _ = writeln!(s, "team.managers = {}", list_of(&self.team.managers));
        s
    }

    /// A short, stable fingerprint of the rules: 64-bit FNV-1a of everything they say,
    /// including the full flag lists, as 16 hex digits.
    #[must_use]
    pub fn version(&self) -> String {
        let mut text = self.text(&FINGERPRINTED);
        for entry in self
            .flags
            .free_mail_domains
            .iter()
            .chain(&self.flags.role_inboxes)
        {
            text.push_str(entry);
            text.push('\n');
        }
        fingerprint(&text)
    }

    /// Where `lead` stands in the queues at `now` under these rules.
    #[must_use]
    pub fn standing(
        &self,
        lead: &super::Lead,
        now: chrono::DateTime<chrono::Utc>,
    ) -> super::Standing {
        let mut st =
            super::standing::standing(lead, now, &self.score, self.gates.reason_now_window_days);
        let g = &self.gates;
        st.unsupported = super::support::unsupported(lead, now.date_naive(), g);
        st.stalled = super::standing::stalled_for(lead, now, g.stalled_days).is_some();
        // Both turn with the clock: a record stalls a set time after its last change, and an
        // opportunity's next step goes stale the day after it was due.
        let stalls = super::standing::stalls_at(lead, g.stalled_days).filter(|t| *t > now);
        let next_step_lapses = lead
            .evidence
            .next_step_on
            .filter(|_| lead.stage == super::Stage::Opportunity)
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
            .filter(|t| *t > now);
        st.until = [st.until, stalls, next_step_lapses]
            .into_iter()
            .flatten()
            .min();
        st
    }

    /// A fingerprint of what a stored standing depends on (the weights, the reason-now window
    /// and what each gate holds a record to): when it changes, every stored standing is out
    /// of date.
    #[must_use]
    pub fn score_version(&self) -> String {
        let g = &self.gates;
        fingerprint(&format!(
            "{:?} {} {:?} {:?} {:?} {:?} {}",
            self.score,
            g.reason_now_window_days,
            g.to_prospect,
            g.to_opportunity,
            g.opportunity_allow_without,
            g.stakeholders,
            g.stalled_days
        ))
    }
}

/// 64-bit FNV-1a as 16 hex digits: stable across builds and platforms.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_changes_with_what_the_rules_say_and_only_then() {
        let a = Rules::default();
        let b = Rules::default();
        assert_eq!(a.version(), b.version());
        assert_eq!(a.version().len(), 16);
        let mut looser = Rules::default();
        looser
            .gates
            .to_prospect
            .retain(|i| *i != super::super::gate::GateItem::ReasonNow);
        assert_ne!(a.version(), looser.version());
        let mut more_mail = Rules::default();
        more_mail
            .flags
            .free_mail_domains
            .push("mail.example".into());
        assert_ne!(a.version(), more_mail.version());
    }
}
