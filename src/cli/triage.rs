//! `leadgate triage --suggest`: sort a list into likely fit, likely not, and unknown.

use serde::Serialize;
use std::io::Write;

use super::commands::CliError;
use crate::domain::IcpFit;
use crate::store::{Ctx, Store};

#[derive(Debug, Default, Serialize)]
struct Counts {
    likely_fit: u64,
    likely_not: u64,
    unknown: u64,
    /// Fits a person has already verified (no suggestion is made for them).
    verified: u64,
}

pub fn run(
    store: &mut Store,
    suggest: bool,
    json: bool,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if !suggest {
        return Err(CliError::Usage(
            "triage only suggests: run it as `leadgate triage --suggest`".into(),
        ));
    }
    let mut counts = Counts::default();
    store.store_suggestions(&ctx.rules, |fit, verified| match (fit, verified) {
        (_, true) => counts.verified += 1,
        (Some(IcpFit::Fit), false) => counts.likely_fit += 1,
        (Some(IcpFit::NotFit), false) => counts.likely_not += 1,
        _ => counts.unknown += 1,
    })?;
    if json {
        crate::safe_json::to_writer_pretty(&mut *out, &counts)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "active leads: {} likely fit, {} likely not, {} unknown, {} already verified\n\
             (suggestions only: list them with leadgate list --suggested fit; accept one with leadgate accept ID)",
            counts.likely_fit, counts.likely_not, counts.unknown, counts.verified
        )?;
    }
    Ok(())
}
