//! The report's figures, built from one walk over the leads in scope and a few aggregates of
//! the event log. Plain values with a stable JSON shape (`REPORT_VERSION`); no formatting.

use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::ControlFlow;

use crate::domain::export::{Hold, gate_holds};
use crate::domain::standing::stalled_for;
use crate::domain::{Flag, Rules, Stage, State};
use crate::store::{ListFilter, ReportScope, Store, StoreError};

/// Bumped only when a key is removed or changes meaning; new keys may be added.
pub const REPORT_VERSION: u32 = 1;

/// What a report covers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Period {
    /// Leads created at or after this time (and events at or after it).
    pub since: Option<DateTime<Utc>>,
    /// ... and before this one.
    pub until: Option<DateTime<Utc>>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub batch: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub report_version: u32,
    pub generated_at: DateTime<Utc>,
    pub period: Period,
    pub funnel: Funnel,
    pub by_source: Vec<Conversion>,
    pub by_owner: Vec<Conversion>,
    pub by_batch: Vec<Conversion>,
    pub time_in_stage: Vec<StageTime>,
    pub stalled_days: i64,
    pub stalled: Vec<Stalled>,
    pub reasons: Vec<ReasonCount>,
    pub readiness: Readiness,
    pub quality: Quality,
    pub activity: Vec<Activity>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Funnel {
    /// Leads created in the period.
    pub leads: u64,
    pub by_stage: BTreeMap<String, u64>,
    pub by_state: BTreeMap<String, u64>,
    /// Leads that ever reached prospect (a promotion not undone), or opportunity.
    pub reached_prospect: u64,
    pub reached_opportunity: u64,
    pub conversion: Rates,
}

/// Conversion rates, as fractions; `None` when nothing was there to convert.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Rates {
    pub lead_to_prospect: Option<f64>,
    pub prospect_to_opportunity: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Conversion {
    /// The source, owner or import; `None` for leads without one.
    pub key: Option<String>,
    pub leads: u64,
    pub prospects: u64,
    pub opportunities: u64,
    pub conversion: Rates,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageTime {
    pub stage: Stage,
    /// How many stays at the stage ended (by a promotion, a pass-back or a demotion).
    pub stays: u64,
    pub median_days: f64,
    pub p90_days: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Stalled {
    pub id: String,
    pub name: String,
    pub stage: Stage,
    pub days: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReasonCount {
    pub state: String,
    pub reason: String,
    pub label: String,
    pub n: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Readiness {
    /// Active leads at stage lead: the ones a promotion could move today.
    pub active_leads: u64,
    /// How many of them pass the prospect gate today.
    pub pass: u64,
    pub pass_ids: Option<Vec<String>>,
    /// For the rest, how many fail each item, most first.
    pub failing: Vec<Failing>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failing {
    pub item: String,
    pub label: String,
    pub n: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Quality {
    pub leads: u64,
    /// Rows merged into an existing lead in the period.
    pub merges: u64,
    /// Flags by kind: how many are open and how many resolved.
    pub flags: Vec<FlagCount>,
    pub missing_email: u64,
    pub missing_title: u64,
    pub missing_company: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagCount {
    pub flag: Flag,
    pub open: u64,
    pub resolved: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    pub actor: String,
    /// Stage and state changes.
    pub decisions: u64,
    /// Field edits and flag resolutions.
    pub edits: u64,
    pub merges: u64,
    pub exports: u64,
}

/// Counts for one group of a conversion table.
#[derive(Default)]
struct Tally {
    leads: u64,
    prospects: u64,
    opportunities: u64,
}

impl Funnel {
    /// Counts by stage in funnel order (lead first), every stage listed.
    #[must_use]
    pub fn stages(&self) -> Vec<(&'static str, u64)> {
        Stage::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str(),
                    self.by_stage.get(s.as_str()).copied().unwrap_or(0),
                )
            })
            .collect()
    }

    /// Counts by state (active, nurture, disqualified), every state listed.
    #[must_use]
    pub fn states(&self) -> Vec<(&'static str, u64)> {
        State::ALL
            .iter()
            .filter(|s| **s != State::Removed)
            .map(|s| {
                (
                    s.as_str(),
                    self.by_state.get(s.as_str()).copied().unwrap_or(0),
                )
            })
            .collect()
    }
}

impl Tally {
    fn add(&mut self, reached: Option<Stage>) {
        self.leads += 1;
        if reached.is_some_and(|s| s >= Stage::Prospect) {
            self.prospects += 1;
        }
        if reached.is_some_and(|s| s >= Stage::Opportunity) {
            self.opportunities += 1;
        }
    }

    fn rates(&self) -> Rates {
        let ratio = |a: u64, b: u64| {
            #[allow(clippy::cast_precision_loss)] // counts far below 2^52
            (b > 0).then(|| a as f64 / b as f64)
        };
        Rates {
            lead_to_prospect: ratio(self.prospects, self.leads),
            prospect_to_opportunity: ratio(self.opportunities, self.prospects),
        }
    }
}

/// Tallies by a text key (a source, an owner, an import), and for leads without one: a key
/// is allocated only the first time it is seen.
#[derive(Default)]
struct Groups {
    keyed: HashMap<String, Tally>,
    none: Tally,
}

impl Groups {
    fn add(&mut self, key: Option<&String>, got: Option<Stage>) {
        match key {
            None => self.none.add(got),
            Some(k) => match self.keyed.get_mut(k.as_str()) {
                Some(t) => t.add(got),
                None => {
                    let mut t = Tally::default();
                    t.add(got);
                    self.keyed.insert(k.clone(), t);
                }
            },
        }
    }
}

fn table(groups: Groups) -> Vec<Conversion> {
    let none = (groups.none.leads > 0).then_some((None, groups.none));
    let mut rows: Vec<Conversion> = groups
        .keyed
        .into_iter()
        .map(|(k, t)| (Some(k), t))
        .chain(none)
        .map(|(key, t)| Conversion {
            key,
            leads: t.leads,
            prospects: t.prospects,
            opportunities: t.opportunities,
            conversion: t.rates(),
        })
        .collect();
    rows.sort_by(|a, b| b.leads.cmp(&a.leads).then_with(|| a.key.cmp(&b.key)));
    rows
}

/// The value at fraction `q` of sorted `values` (nearest rank).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Builds the report for `period` at `now`, under `rules`. With `ids`, the lead ids behind
/// the readiness counts are included.
///
/// # Errors
/// A database error.
pub fn build(
    store: &Store,
    period: &Period,
    rules: &Rules,
    now: DateTime<Utc>,
    ids: bool,
) -> Result<Report, StoreError> {
    let scope = ReportScope {
        source: period.source.clone(),
        owner: period.owner.clone(),
        batch: period.batch.clone(),
    };
    let reached = store.stages_reached()?;
    let filter = ListFilter {
        source: period.source.clone(),
        owner: period.owner.clone(),
        batch: period.batch.clone(),
        created_from: period.since,
        created_before: period.until,
        ..ListFilter::default()
    };
    let today = now.date_naive();
    // Every stage and state is a key, zero or not: a script reads them without guessing.
    let mut funnel = Funnel {
        by_stage: Stage::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), 0))
            .collect(),
        // A removed lead (its import taken back) is no lead: the walk leaves it out.
        by_state: State::ALL
            .iter()
            .filter(|s| **s != State::Removed)
            .map(|s| (s.as_str().to_string(), 0))
            .collect(),
        ..Funnel::default()
    };
    let mut overall = Tally::default();
    let (mut by_source, mut by_owner, mut by_batch) =
        (Groups::default(), Groups::default(), Groups::default());
    let mut readiness = Readiness {
        pass_ids: ids.then(Vec::new),
        ..Readiness::default()
    };
    let mut failing: BTreeMap<Hold, (u64, Vec<String>)> = BTreeMap::new();
    let mut quality = Quality::default();
    let mut flags: BTreeMap<Flag, (u64, u64)> = BTreeMap::new();
    let mut stalled = Vec::new();
    let stalled_days = rules.gates.stalled_days;
    store.walk_for_report(&filter, |lead| -> Result<ControlFlow<()>, StoreError> {
        let got = reached.get(&lead.id).copied().or(match lead.stage {
            Stage::Lead => None,
            s => Some(s),
        });
        funnel.leads += 1;
        // Every stage and state is already a key.
        if let Some(n) = funnel.by_stage.get_mut(lead.stage.as_str()) {
            *n += 1;
        }
        if let Some(n) = funnel.by_state.get_mut(lead.state.as_str()) {
            *n += 1;
        }
        overall.add(got);
        by_source.add(lead.contact.source.as_ref(), got);
        by_owner.add(lead.contact.owner.as_ref(), got);
        by_batch.add(lead.origin.as_ref().map(|o| &o.batch_id), got);
        if lead.stage == Stage::Lead && lead.state == State::Active {
            readiness.active_leads += 1;
            let held = gate_holds(&lead.evidence, Stage::Lead, today, &rules.gates);
            if held.is_empty() {
                readiness.pass += 1;
                if let Some(v) = readiness.pass_ids.as_mut() {
                    v.push(lead.id.clone());
                }
            }
            for h in held {
                let e = failing.entry(h).or_default();
                e.0 += 1;
                if ids {
                    e.1.push(lead.id.clone());
                }
            }
        }
        if let Some(days) = stalled_for(&lead, now, stalled_days) {
            stalled.push(Stalled {
                id: lead.id.clone(),
                name: crate::safe_text::one_line(&lead.contact.name),
                stage: lead.stage,
                days,
            });
        }
        quality.leads += 1;
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        quality.missing_email += u64::from(blank(&lead.contact.email));
        quality.missing_title += u64::from(blank(&lead.contact.title));
        quality.missing_company += u64::from(blank(&lead.contact.company));
        for f in &lead.evidence.flags {
            let e = flags.entry(f.flag).or_default();
            if f.is_open() {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    funnel.reached_prospect = overall.prospects;
    funnel.reached_opportunity = overall.opportunities;
    funnel.conversion = overall.rates();
    stalled.sort_by(|a, b| b.days.cmp(&a.days).then_with(|| a.id.cmp(&b.id)));
    let mut failing: Vec<Failing> = failing
        .into_iter()
        .map(|(h, (n, list))| Failing {
            item: h.key(),
            label: h.describe(),
            n,
            ids: ids.then_some(list),
        })
        .collect();
    failing.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.item.cmp(&b.item)));
    readiness.failing = failing;
    quality.flags = flags
        .into_iter()
        .map(|(flag, (open, resolved))| FlagCount {
            flag,
            open,
            resolved,
        })
        .collect();

    // Time in stage, from every stage change of the leads in scope that ended in the period.
    let mut stays: BTreeMap<Stage, Vec<f64>> = BTreeMap::new();
    store.stage_stays(&scope, |s| {
        let in_period =
            period.since.is_none_or(|t| s.at >= t) && period.until.is_none_or(|t| s.at < t);
        if in_period {
            #[allow(clippy::cast_precision_loss)]
            let days = (s.at - s.since).num_seconds() as f64 / 86_400.0;
            stays.entry(s.from).or_default().push(days.max(0.0));
        }
    })?;
    let time_in_stage = stays
        .into_iter()
        .map(|(stage, mut d)| {
            d.sort_by(f64::total_cmp);
            StageTime {
                stage,
                stays: d.len() as u64,
                median_days: quantile(&d, 0.5),
                p90_days: quantile(&d, 0.9),
            }
        })
        .collect();

    let reasons = store
        .decision_reasons(&scope, period.since, period.until)?
        .into_iter()
        .map(|(state, code, n)| ReasonCount {
            state,
            reason: code.as_str().into(),
            label: code.label().into(),
            n,
        })
        .collect();

    let mut activity: BTreeMap<String, Activity> = BTreeMap::new();
    for w in store.work_by_actor(&scope, period.since, period.until)? {
        let a = activity.entry(w.actor.clone()).or_insert_with(|| Activity {
            actor: crate::safe_text::one_line(&w.actor),
            ..Activity::default()
        });
        match w.kind.as_str() {
            "stage" | "state" => a.decisions += w.n,
            "merge" => {
                a.merges += w.n;
                quality.merges += w.n;
            }
            "exported" => a.exports += w.n,
            _ => a.edits += w.n,
        }
    }
    Ok(Report {
        report_version: REPORT_VERSION,
        generated_at: now,
        period: period.clone(),
        funnel,
        by_source: table(by_source),
        by_owner: table(by_owner),
        by_batch: table(by_batch),
        time_in_stage,
        stalled_days,
        stalled,
        reasons,
        readiness,
        quality,
        activity: activity.into_values().collect(),
    })
}
