//! The report's tables as header and rows of text, once, for every format to lay out.

use super::figures::{Conversion, Report};
use super::text::{days, percent};
use crate::safe_text::one_line;

/// A table: its header, and its rows of cells.
pub struct Table {
    pub head: &'static [&'static str],
    pub rows: Vec<Vec<String>>,
}

/// The first characters of an id, as `leadgate` shows one.
fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// Conversion by source, owner or import (`ids`: the key is an import's id, shown short).
#[must_use]
pub fn conversion(rows: &[Conversion], none: &str, ids: bool) -> Table {
    Table {
        head: &[
            "",
            "leads",
            "prospects",
            "→ prospect",
            "opportunities",
            "→ opportunity",
        ],
        rows: rows
            .iter()
            .map(|c| {
                let key = match c.key.as_deref() {
                    Some(k) if ids => short(k),
                    Some(k) => one_line(k),
                    None => none.to_string(),
                };
                vec![
                    key,
                    c.leads.to_string(),
                    c.prospects.to_string(),
                    percent(c.conversion.lead_to_prospect),
                    c.opportunities.to_string(),
                    percent(c.conversion.prospect_to_opportunity),
                ]
            })
            .collect(),
    }
}

#[must_use]
pub fn stages(r: &Report) -> Table {
    Table {
        head: &["stage", "leads"],
        rows: r
            .funnel
            .stages()
            .into_iter()
            .map(|(k, n)| vec![k.to_string(), n.to_string()])
            .collect(),
    }
}

#[must_use]
pub fn states(r: &Report) -> Table {
    Table {
        head: &["state", "leads"],
        rows: r
            .funnel
            .states()
            .into_iter()
            .map(|(k, n)| vec![k.to_string(), n.to_string()])
            .collect(),
    }
}

#[must_use]
pub fn time_in_stage(r: &Report) -> Table {
    Table {
        head: &["stage left", "stays", "median", "90th percentile"],
        rows: r
            .time_in_stage
            .iter()
            .map(|t| {
                vec![
                    t.stage.as_str().to_string(),
                    t.stays.to_string(),
                    days(t.median_days),
                    days(t.p90_days),
                ]
            })
            .collect(),
    }
}

/// The first `limit` stalled records.
#[must_use]
pub fn stalled(r: &Report, limit: usize) -> Table {
    Table {
        head: &["lead", "stage", "unchanged", "id"],
        rows: r
            .stalled
            .iter()
            .take(limit)
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.stage.as_str().into(),
                    format!("{} d", s.days),
                    short(&s.id),
                ]
            })
            .collect(),
    }
}

#[must_use]
pub fn reasons(r: &Report) -> Table {
    Table {
        head: &["reason", "decision", "leads"],
        rows: r
            .reasons
            .iter()
            .map(|c| vec![c.label.clone(), c.state.clone(), c.n.to_string()])
            .collect(),
    }
}

#[must_use]
pub fn failing(r: &Report) -> Table {
    Table {
        head: &["missing", "leads"],
        rows: r
            .readiness
            .failing
            .iter()
            .map(|f| vec![f.label.clone(), f.n.to_string()])
            .collect(),
    }
}

#[must_use]
pub fn flags(r: &Report) -> Table {
    Table {
        head: &["flag", "open", "resolved"],
        rows: r
            .quality
            .flags
            .iter()
            .map(|f| {
                vec![
                    f.flag.label().to_string(),
                    f.open.to_string(),
                    f.resolved.to_string(),
                ]
            })
            .collect(),
    }
}

#[must_use]
pub fn activity(r: &Report) -> Table {
    Table {
        head: &["who", "decisions", "edits", "merges", "exported"],
        rows: r
            .activity
            .iter()
            .map(|a| {
                vec![
                    a.actor.clone(),
                    a.decisions.to_string(),
                    a.edits.to_string(),
                    a.merges.to_string(),
                    a.exports.to_string(),
                ]
            })
            .collect(),
    }
}
