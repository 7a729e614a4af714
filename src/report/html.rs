//! The report as one self-contained HTML file: inline CSS and inline SVG bar charts, no
//! script and no reference to anything outside the file, readable on a phone and printable.

use std::fmt::Write;

use super::figures::Report;
use super::tables::{self, Table};
use super::text::{percent, scope_line};
use crate::domain::vocabulary::counted;
use crate::safe_text::one_line;

/// Text safe inside HTML elements and attributes.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = "body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:0 auto;\
max-width:60rem;padding:1rem;color:#1b1f24;background:#fff}h1{font-size:1.5rem;margin:.2rem 0}\
h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}\
p.meta{color:#57606a;margin:.2rem 0 1rem}table{border-collapse:collapse;width:100%;margin:.4rem 0}\
th,td{padding:.25rem .5rem;border-bottom:1px solid #eaeef2;text-align:right}\
th:first-child,td:first-child{text-align:left}th{font-weight:600;color:#57606a}\
.scroll{overflow-x:auto}svg{max-width:100%;height:auto}svg text{font-size:12px;fill:#1b1f24}\
.big{font-size:1.3rem;font-weight:600}.none{color:#57606a;font-style:italic}\
@media print{body{max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}";

/// Horizontal bars, one per (label, value), scaled to the largest value.
pub(crate) fn bars(rows: &[(String, f64, String)], colour: &str) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let max = rows
        .iter()
        .map(|r| r.1)
        .fold(0.0_f64, f64::max)
        .max(f64::EPSILON);
    let (label_w, bar_w, row_h) = (290.0, 260.0, 22.0);
    #[allow(clippy::cast_precision_loss)]
    let height = row_h * rows.len() as f64 + 4.0;
    let mut s = format!(
        "<svg viewBox=\"0 0 {} {height}\" role=\"img\" width=\"{}\" height=\"{height}\">",
        label_w + bar_w + 90.0,
        label_w + bar_w + 90.0
    );
    for (i, (label, value, shown)) in rows.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = row_h * i as f64 + 2.0;
        let w = (value / max * bar_w).max(if *value > 0.0 { 1.0 } else { 0.0 });
        let label: String = label.chars().take(44).collect();
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"{colour}\"></rect>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 14.0,
            escape(&label),
            label_w,
            row_h - 6.0,
            label_w + w + 6.0,
            y + 14.0,
            escape(shown)
        );
    }
    s.push_str("</svg>");
    s
}

pub(crate) fn table(head: &[&str], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        return "<p class=\"none\">none</p>".into();
    }
    let mut s = String::from("<div class=\"scroll\"><table><thead><tr>");
    for h in head {
        let _ = write!(s, "<th>{}</th>", escape(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            let _ = write!(s, "<td>{}</td>", escape(c));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table></div>");
    s
}

fn put(t: &Table) -> String {
    table(t.head, &t.rows)
}

/// The whole page.
#[must_use]
pub fn render(r: &Report) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>leadgate report</title><style>{STYLE}</style></head><body>\
         <h1>leadgate report</h1><p class=\"meta\">Generated {} · {}</p>",
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        escape(&scope_line(r))
    );
    let f = &r.funnel;
    let _ = write!(
        s,
        "<h2>Funnel</h2><p><span class=\"big\">{}</span> leads created in the period; \
         <b>{}</b> reached prospect ({}), <b>{}</b> reached opportunity ({} of prospects).</p>",
        f.leads,
        f.reached_prospect,
        percent(f.conversion.lead_to_prospect),
        f.reached_opportunity,
        percent(f.conversion.prospect_to_opportunity)
    );
    #[allow(clippy::cast_precision_loss)]
    let stage_bars: Vec<(String, f64, String)> = f
        .stages()
        .into_iter()
        .map(|(k, n)| (k.to_string(), n as f64, n.to_string()))
        .collect();
    s.push_str(&bars(&stage_bars, "#0969da"));
    #[allow(clippy::cast_precision_loss)]
    let state_bars: Vec<(String, f64, String)> = f
        .states()
        .into_iter()
        .map(|(k, n)| (k.to_string(), n as f64, n.to_string()))
        .collect();
    s.push_str(&bars(&state_bars, "#8250df"));

    s.push_str("<h2>Conversion by source</h2>");
    let source_bars: Vec<(String, f64, String)> = r
        .by_source
        .iter()
        .take(12)
        .map(|c| {
            let rate = c.conversion.lead_to_prospect.unwrap_or(0.0);
            (
                c.key.clone().unwrap_or_else(|| "(no source)".into()),
                rate,
                percent(c.conversion.lead_to_prospect),
            )
        })
        .collect();
    s.push_str(&bars(&source_bars, "#1a7f37"));
    s.push_str(&put(&tables::conversion(
        &r.by_source,
        "(no source)",
        false,
    )));
    s.push_str("<h2>Conversion by owner</h2>");
    s.push_str(&put(&tables::conversion(&r.by_owner, "(no owner)", false)));
    s.push_str("<h2>Conversion by import</h2>");
    s.push_str(&put(&tables::conversion(
        &r.by_batch,
        "(added by hand)",
        true,
    )));

    s.push_str("<h2>Time in stage</h2>");
    s.push_str(&put(&tables::time_in_stage(r)));
    let _ = write!(
        s,
        "<p>Stalled (unchanged for {} days or more): <b>{}</b></p>",
        r.stalled_days,
        r.stalled.len()
    );
    if !r.stalled.is_empty() {
        s.push_str(&put(&tables::stalled(r, 50)));
    }

    s.push_str("<h2>Why leads were parked</h2>");
    s.push_str(&put(&tables::reasons(r)));

    let rd = &r.readiness;
    let _ = write!(
        s,
        "<h2>Readiness of the active list</h2><p><b>{}</b> of {} active leads pass the \
         prospect gate today. For the rest, what is missing:</p>",
        rd.pass, rd.active_leads
    );
    #[allow(clippy::cast_precision_loss)]
    let failing: Vec<(String, f64, String)> = rd
        .failing
        .iter()
        .map(|x| (x.label.clone(), x.n as f64, x.n.to_string()))
        .collect();
    s.push_str(&bars(&failing, "#bc4c00"));

    let q = &r.quality;
    let _ = write!(
        s,
        "<h2>Data quality</h2><p>{}: {} without an email, {} without a title, {} \
         without a company; {} rows merged into existing leads.</p>",
        counted(q.leads, "lead", "leads"),
        q.missing_email,
        q.missing_title,
        q.missing_company,
        q.merges
    );
    s.push_str(&put(&tables::flags(r)));

    s.push_str("<h2>Activity in the period</h2>");
    s.push_str(&put(&tables::activity(r)));
    s.push_str("</body></html>\n");
    s
}
