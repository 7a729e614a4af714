//! `leadgate list` and `leadgate search`: leads as text, CSV, TSV or JSON, streamed a lead at
//! a time.

use std::io::Write;
use std::ops::ControlFlow;

use super::args::{ListArgs, ListFormat};
use super::commands::{CliError, JsonList, LeadJson};
use super::filters::{list_filter, passes};
use super::render;
use crate::domain::Lead;
use crate::interchange::csv_safe::cell;
use crate::store::{Ctx, Direction, ListSource, PageKey, Store};

/// The columns of a CSV or TSV list, in order.
const COLUMNS: &[&str] = &[
    "id",
    "name",
    "email",
    "title",
    "company",
    "domain",
    "industry",
    "employees",
    "country",
    "city",
    "phone",
    "linkedin_url",
    "source",
    "owner",
    "stage",
    "state",
    "icp_fit",
    "role_relevance",
    "intent_source",
    "reason_now",
    "reason_now_on",
    "open_flags",
    "created_at",
];

/// One output format, started: a header for CSV and TSV, `[` for JSON.
enum Writer {
    Text,
    /// CSV or TSV with this delimiter.
    Delimited(u8),
    Json(JsonList),
}

impl Writer {
    fn start(format: ListFormat, out: &mut dyn Write) -> Result<Self, CliError> {
        Ok(match format {
            ListFormat::Text => Writer::Text,
            ListFormat::Json => Writer::Json(JsonList::start(out)?),
            ListFormat::Csv | ListFormat::Tsv => {
                let delimiter = if format == ListFormat::Tsv {
                    b'\t'
                } else {
                    b','
                };
                write_row(delimiter, COLUMNS.iter().copied(), out)?;
                Writer::Delimited(delimiter)
            }
        })
    }

    fn lead(&mut self, store: &Store, lead: &Lead, out: &mut dyn Write) -> Result<(), CliError> {
        let short_id = store.short_id(&lead.id);
        match self {
            Writer::Text => writeln!(out, "{}", render::list_line(&short_id, lead))?,
            Writer::Json(list) => list.item(
                out,
                &LeadJson {
                    short_id,
                    lead,
                    checklist: None,
                    score: None,
                },
            )?,
            Writer::Delimited(delimiter) => {
                let cells = record(lead);
                write_row(*delimiter, cells.iter().map(|v| cell(v).into_owned()), out)?;
            }
        }
        Ok(())
    }

    fn end(self, out: &mut dyn Write) -> Result<(), CliError> {
        if let Writer::Json(list) = self {
            list.end(out)?;
        }
        Ok(())
    }
}

/// One row, quoted as CSV needs, written straight to `out` so a long list streams.
fn write_row<T: AsRef<[u8]>>(
    delimiter: u8,
    cells: impl IntoIterator<Item = T>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .buffer_capacity(1024)
        .from_writer(out);
    w.write_record(cells).map_err(csv_error)?;
    w.flush()?;
    Ok(())
}

fn csv_error(e: csv::Error) -> CliError {
    CliError::Io(std::io::Error::other(e))
}

/// A lead's cells, in `COLUMNS` order.
fn record(l: &Lead) -> Vec<String> {
    let c = &l.contact;
    let e = &l.evidence;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let open_flags: Vec<&str> = e
        .flags
        .iter()
        .filter(|f| f.resolved.is_none())
        .map(|f| f.flag.as_str())
        .collect();
    vec![
        l.id.clone(),
        c.name.clone(),
        text(&c.email),
        text(&c.title),
        text(&c.company),
        text(&c.domain),
        text(&c.industry),
        text(&c.employees),
        text(&c.country),
        text(&c.city),
        text(&c.phone),
        text(&c.linkedin_url),
        text(&c.source),
        text(&c.owner),
        l.stage.as_str().to_string(),
        l.state.as_str().to_string(),
        e.icp_fit.as_str().to_string(),
        e.role_relevance.as_str().to_string(),
        e.intent_source
            .map(|i| i.as_str().to_string())
            .unwrap_or_default(),
        text(&e.reason_now),
        e.reason_now_on.map(|d| d.to_string()).unwrap_or_default(),
        open_flags.join(" "),
        l.created_at.to_rfc3339(),
    ]
}

/// `leadgate list`.
pub fn list(
    store: &Store,
    args: &ListArgs,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // Whether a gate passes is the domain's to say: with --passes the limit is counted here,
    // after the check.
    let limit = args.limit.filter(|&n| n > 0 && !args.select.passes);
    let filter = list_filter(store, &args.select, limit)?;
    let format = if args.json {
        ListFormat::Json
    } else {
        args.format
    };
    let limit = args.limit.filter(|&n| n > 0).unwrap_or(u64::MAX);
    let today = ctx.now.date_naive();
    let mut writer = Writer::start(format, out)?;
    let mut printed: u64 = 0;
    store.walk_leads(&filter, |lead| -> Result<ControlFlow<()>, CliError> {
        if args.select.passes && !passes(&lead, today, ctx) {
            return Ok(ControlFlow::Continue(()));
        }
        writer.lead(store, &lead, out)?;
        printed += 1;
        Ok(if printed >= limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        })
    })?;
    writer.end(out)?;
    if printed == 0 {
        eprintln!("leadgate: no lead matches");
    }
    Ok(())
}

/// How many rows one search page reads.
const PAGE: usize = 200;

/// `leadgate search`: the workstation's search, in the order leads were added.
pub fn search(
    store: &Store,
    text: &str,
    limit: u64,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if crate::store::fts_query(text).is_none() {
        return Err(CliError::NoMatch(
            "nothing to search for: give at least one word".to_string(),
        ));
    }
    let limit = if limit == 0 { u64::MAX } else { limit };
    let list = ListSource::Search(text.to_string());
    let mut writer = Writer::start(
        if json {
            ListFormat::Json
        } else {
            ListFormat::Text
        },
        out,
    )?;
    let mut key: Option<PageKey> = None;
    let mut printed: u64 = 0;
    while printed < limit {
        let want = usize::try_from(limit - printed).map_or(PAGE, |n| n.min(PAGE));
        let rows = store.page(&list, key.as_ref(), Direction::Forward, want)?;
        let Some(last) = rows.last() else { break };
        key = Some(last.key.clone());
        for row in &rows {
            writer.lead(store, &row.lead, out)?;
            printed += 1;
        }
    }
    writer.end(out)?;
    if printed == 0 {
        eprintln!(
            "leadgate: no lead matches '{}'",
            crate::safe_text::one_line(text)
        );
    }
    Ok(())
}
