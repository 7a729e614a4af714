//! `--source` and `--owner` as a person types them: any letter case, and a value no lead has
//! is an error that lists the ones that exist (a typo must not read as an empty queue).

use chrono::NaiveDate;

use super::args::Selection;
use super::commands::CliError;
use crate::domain::gate::checklist;
use crate::domain::{Flag, IcpFit, Lead, Stage, State};
use crate::store::{Ctx, FilterColumn, ListFilter, Store};

/// The stored spelling of `given` in `column`: the exact one if a lead has it, else the one
/// that matches without regard to letter case.
///
/// # Errors
/// `CliError::NoMatch`, listing the values that exist.
pub fn stored_value(store: &Store, column: FilterColumn, given: &str) -> Result<String, CliError> {
    let values = store.values(column)?;
    let given = given.trim();
    if let Some(v) = values.iter().find(|v| v.as_str() == given) {
        return Ok(v.clone());
    }
    let folded = given.to_lowercase();
    if let Some(v) = values.iter().find(|v| v.to_lowercase() == folded) {
        return Ok(v.clone());
    }
    let what = match column {
        FilterColumn::Source => "source",
        FilterColumn::Owner => "owner",
    };
    let known = if values.is_empty() {
        "no lead has one yet".to_string()
    } else {
        format!(
            "the {what}s on record are: {}",
            values
                .iter()
                .map(|v| crate::safe_text::one_line(v))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    Err(CliError::NoMatch(format!(
        "no lead has the {what} '{}'; {known}",
        crate::safe_text::one_line(given)
    )))
}

/// `--source`, `--owner` and `--batch` as stored: each spelled as a lead has it, the batch as
/// its full id.
pub struct Scope {
    pub source: Option<String>,
    pub owner: Option<String>,
    pub batch: Option<String>,
}

/// Resolves the three filters a person typed.
///
/// # Errors
/// `NoMatch` for a source or owner no lead has; a batch that is not found.
pub fn scope(
    store: &Store,
    source: Option<&str>,
    owner: Option<&str>,
    batch: Option<&str>,
) -> Result<Scope, CliError> {
    Ok(Scope {
        source: source
            .map(|s| stored_value(store, FilterColumn::Source, s))
            .transpose()?,
        owner: owner
            .map(|s| stored_value(store, FilterColumn::Owner, s))
            .transpose()?,
        batch: batch.map(|b| store.resolve_batch(b)).transpose()?,
    })
}

/// The store's filter for what a person selected, each value checked as typed.
///
/// # Errors
/// A stage, state, fit or flag that is not one; as `scope`.
pub fn list_filter(
    store: &Store,
    select: &Selection,
    limit: Option<u64>,
) -> Result<ListFilter, CliError> {
    let scope = scope(
        store,
        select.source.as_deref(),
        select.owner.as_deref(),
        select.batch.as_deref(),
    )?;
    Ok(ListFilter {
        stage: select.stage.as_deref().map(Stage::parse).transpose()?,
        state: select.state.as_deref().map(State::parse).transpose()?,
        suggested: select.suggested.as_deref().map(IcpFit::parse).transpose()?,
        source: scope.source,
        owner: scope.owner,
        flag: select.flag.as_deref().map(Flag::parse).transpose()?,
        batch: scope.batch,
        stages: Vec::new(),
        created_from: None,
        created_before: None,
        limit,
    })
}

/// Whether `lead`'s next gate passes on `today` (`--passes`).
#[must_use]
pub fn passes(lead: &Lead, today: NaiveDate, ctx: &Ctx) -> bool {
    checklist(lead.stage, &lead.evidence, today, &ctx.rules.gates).is_some_and(|l| l.passed())
}
