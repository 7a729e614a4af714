//! The report as plain text for a terminal, or as Markdown for a document: the same
//! sections in the same order, tables either aligned or in Markdown's pipes.

use std::fmt::Write;

use super::figures::{Rates, Report};
use super::tables::{self, Table};
use crate::domain::vocabulary::counted;
use crate::safe_text::one_line;

/// A fraction as a percentage, "–" when there was nothing to convert.
#[must_use]
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_string(), |r| format!("{:.1}%", r * 100.0))
}

/// Days with one decimal.
#[must_use]
pub fn days(d: f64) -> String {
    format!("{d:.1} d")
}

struct Out {
    md: bool,
    s: String,
}

impl Out {
    fn heading(&mut self, title: &str) {
        if self.md {
            let _ = write!(self.s, "\n## {title}\n\n");
        } else {
            let _ = write!(self.s, "\n{title}\n{}\n", "-".repeat(title.chars().count()));
        }
    }

    fn line(&mut self, text: &str) {
        let _ = writeln!(self.s, "{text}");
    }

    fn put(&mut self, t: &Table) {
        self.table(t.head, &t.rows);
    }

    fn table(&mut self, head: &[&str], rows: &[Vec<String>]) {
        if rows.is_empty() {
            self.line(if self.md { "_none_" } else { "  (none)" });
            return;
        }
        // Markdown cells must not break the table.
        let md = self.md;
        let esc = |c: &str| {
            if md {
                c.replace('|', "\\|")
            } else {
                c.to_string()
            }
        };
        if self.md {
            self.line(&format!("| {} |", head.join(" | ")));
            let rule: Vec<String> = head
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { "---".into() } else { "---:".into() })
                .collect();
            self.line(&format!("| {} |", rule.join(" | ")));
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
                self.line(&format!("| {} |", cells.join(" | ")));
            }
            return;
        }
        let width = |i: usize| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([head[i].chars().count()])
                .max()
                .unwrap_or(0)
        };
        let widths: Vec<usize> = (0..head.len()).map(width).collect();
        let fmt = |cells: Vec<String>| {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        format!("{c:<w$}", w = widths[i])
                    } else {
                        format!("{c:>w$}", w = widths[i])
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        self.line(&format!(
            "  {}",
            fmt(head.iter().map(|h| (*h).to_string()).collect())
        ));
        for r in rows {
            self.line(&format!("  {}", fmt(r.clone())));
        }
    }
}

fn rates_line(r: &Rates) -> String {
    format!(
        "lead → prospect {} · prospect → opportunity {}",
        percent(r.lead_to_prospect),
        percent(r.prospect_to_opportunity)
    )
}

/// The report as text (`md` false) or Markdown (`md` true).
#[must_use]
pub fn render(r: &Report, md: bool) -> String {
    let mut o = Out {
        md,
        s: String::new(),
    };
    let title = "leadgate report";
    if md {
        o.line(&format!("# {title}"));
    } else {
        o.line(title);
    }
    o.line("");
    o.line(&format!(
        "Generated {} · {}",
        r.generated_at.format("%Y-%m-%d %H:%M UTC"),
        scope_line(r)
    ));

    o.heading("Funnel");
    let f = &r.funnel;
    o.line(&format!(
        "{} created in the period; {} reached prospect, {} reached opportunity.",
        counted(f.leads, "lead", "leads"),
        f.reached_prospect,
        f.reached_opportunity
    ));
    o.line(&format!("Conversion: {}.", rates_line(&f.conversion)));
    o.line("");
    o.put(&tables::stages(r));
    o.line("");
    o.put(&tables::states(r));

    o.heading("Conversion by source");
    o.put(&tables::conversion(&r.by_source, "(no source)", false));
    o.heading("Conversion by owner");
    o.put(&tables::conversion(&r.by_owner, "(no owner)", false));
    o.heading("Conversion by import");
    o.put(&tables::conversion(&r.by_batch, "(added by hand)", true));

    o.heading("Time in stage");
    o.put(&tables::time_in_stage(r));
    o.line("");
    o.line(&format!(
        "Stalled (a prospect or opportunity unchanged for {} days or more): {}",
        r.stalled_days,
        r.stalled.len()
    ));
    if !r.stalled.is_empty() {
        o.put(&tables::stalled(r, 20));
        if r.stalled.len() > 20 {
            o.line(&format!(
                "… and {} more (leadgate queue stalled)",
                r.stalled.len() - 20
            ));
        }
    }

    o.heading("Why leads were parked");
    o.put(&tables::reasons(r));

    o.heading("Readiness of the active list");
    let rd = &r.readiness;
    o.line(&format!(
        "{} of {} active leads pass the prospect gate today. For the rest, what is missing:",
        rd.pass, rd.active_leads
    ));
    o.line("");
    o.put(&tables::failing(r));

    o.heading("Data quality");
    let q = &r.quality;
    o.line(&format!(
        "{}: {} without an email, {} without a title, {} without a company; {} rows merged into existing leads.",
        counted(q.leads, "lead", "leads"),
        q.missing_email, q.missing_title, q.missing_company, q.merges
    ));
    o.line("");
    o.put(&tables::flags(r));

    o.heading("Activity in the period");
    o.put(&tables::activity(r));
    o.s
}

/// "all time · source Webinar" and the like.
#[must_use]
pub fn scope_line(r: &Report) -> String {
    let p = &r.period;
    let mut parts = vec![match (p.since, p.until) {
        (None, None) => "all time".to_string(),
        (Some(s), None) => format!("since {}", s.date_naive()),
        (None, Some(u)) => format!("before {}", u.date_naive()),
        (Some(s), Some(u)) => format!(
            "{} to {}",
            s.date_naive(),
            (u - chrono::Duration::days(1)).date_naive()
        ),
    }];
    for (what, v) in [
        ("source", &p.source),
        ("owner", &p.owner),
        ("import", &p.batch),
    ] {
        if let Some(v) = v {
            parts.push(format!("{what} {}", one_line(v)));
        }
    }
    parts.join(" · ")
}
