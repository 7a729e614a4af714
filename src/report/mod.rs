//! What a founder, a manager or an agency reads: the funnel, conversion by source, owner and
//! import, time in stage, why leads were parked, readiness, data quality and activity.
//! Figures come from the store's walks and aggregates; this module never writes.
//!
//! - `figures`: the [`Report`] and its stable JSON shape;
//! - `tables`: every table as header and rows, for each format to lay out;
//! - `text`: plain text and Markdown;
//! - `html`: one self-contained page with inline SVG charts;
//! - `package`: the handoff package an AE reads.

pub mod audit;
pub mod figures;
pub mod html;
pub mod package;
pub mod tables;
pub mod text;

pub use figures::{Period, REPORT_VERSION, Report, build};
