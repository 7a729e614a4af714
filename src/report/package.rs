//! The handoff package as an AE reads it: who, why this account and person, the problem,
//! the signal, the conversations, the stakeholders and what happens next, in one screen.

use serde::Serialize;
use std::fmt::Write;

use crate::domain::handoff::{Handoff, PackageCheck};
use crate::domain::qualification::stated;
use crate::domain::touch::Touch;
use crate::domain::{Evidence, Lead};
use crate::safe_text::one_line;

/// Everything the package view shows.
#[derive(Debug, Clone, Serialize)]
pub struct Package<'a> {
    pub short_id: String,
    pub name: &'a str,
    pub title: Option<&'a str>,
    pub company: Option<&'a str>,
    pub email: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub stage: &'static str,
    pub checks: Vec<PackageCheck>,
    pub touches: &'a [Touch],
    pub handoff: Option<&'a Handoff>,
    pub reason_now: Option<String>,
    pub next_step: Option<String>,
    pub timeline: Option<&'a str>,
    pub budget_path: Option<&'a str>,
    pub deal_size: Option<&'a str>,
}

impl<'a> Package<'a> {
    #[must_use]
    pub fn new(
        lead: &'a Lead,
        short_id: String,
        checks: Vec<PackageCheck>,
        touches: &'a [Touch],
    ) -> Self {
        let e: &Evidence = &lead.evidence;
        let c = &lead.contact;
        Self {
            short_id,
            name: &c.name,
            title: c.title.as_deref(),
            company: c.company.as_deref(),
            email: c.email.as_deref(),
            owner: c.owner.as_deref(),
            stage: lead.stage.as_str(),
            checks,
            touches,
            handoff: e.handoff.as_ref(),
            reason_now: stated(e.reason_now.as_deref()).map(|r| match e.reason_now_on {
                Some(on) => format!("{r} (observed {on})"),
                None => r.to_string(),
            }),
            next_step: stated(e.next_step.as_deref()).map(|n| match e.next_step_on {
                Some(on) => format!("{n} (on {on})"),
                None => n.to_string(),
            }),
            timeline: stated(e.timeline.as_deref()),
            budget_path: stated(e.budget_path.as_deref()),
            deal_size: stated(e.deal_size.as_deref()),
        }
    }

    /// The package as plain lines, for a terminal or the workstation (`markdown`: as
    /// Markdown). Every value is one line with control characters removed.
    #[must_use]
    pub fn lines(&self, markdown: bool) -> Vec<String> {
        let mut out = Vec::new();
        let head = |t: &str| {
            if markdown {
                format!("## {t}")
            } else {
                t.to_uppercase()
            }
        };
        let bullet = if markdown { "- " } else { "" };
        let who = [self.title, self.company]
            .into_iter()
            .flatten()
            .map(one_line)
            .collect::<Vec<_>>()
            .join(", ");
        out.push(if markdown {
            format!("# Handoff: {} ({})", one_line(self.name), self.short_id)
        } else {
            format!("Handoff: {} ({})", one_line(self.name), self.short_id)
        });
        out.push(format!(
            "{who}{} · {} · owner {}",
            self.email
                .map_or(String::new(), |e| format!(" · {}", one_line(e))),
            self.stage,
            self.owner.map_or("-".to_string(), one_line)
        ));
        if let Some(h) = self.handoff {
            out.push(format!(
                "Status: {} ({})",
                one_line(&h.describe()),
                h.at.date_naive()
            ));
        }
        let missing = self.checks.iter().filter(|c| !c.passed).count();
        out.push(if missing == 0 {
            "Package complete: every item is on the record.".to_string()
        } else {
            format!(
                "Package incomplete: {missing} item{} missing.",
                if missing == 1 { "" } else { "s" }
            )
        });
        out.push(String::new());
        out.push(head("Evidence"));
        for c in &self.checks {
            let mark = if c.passed { "✓" } else { "✗" };
            out.push(format!(
                "{bullet}{mark} {}: {}",
                c.item.label(),
                one_line(&c.detail)
            ));
        }
        if let Some(r) = &self.reason_now {
            out.push(format!("{bullet}Reason now: {}", one_line(r)));
        }
        out.push(String::new());
        out.push(head("Conversations"));
        if self.touches.is_empty() {
            out.push("None logged.".to_string());
        }
        for t in self.touches {
            out.push(format!(
                "{bullet}{} {} by {}: {}",
                t.on,
                t.kind.label(),
                one_line(&t.actor),
                one_line(&t.note)
            ));
        }
        out.push(String::new());
        out.push(head("What happens next"));
        for (label, v) in [
            ("Next step", self.next_step.as_deref()),
            ("Timeline", self.timeline),
            ("Budget path", self.budget_path),
            ("Deal size", self.deal_size),
        ] {
            out.push(format!(
                "{bullet}{label}: {}",
                v.map_or("-".to_string(), one_line)
            ));
        }
        out
    }

    /// The lines joined, each ending in a newline.
    #[must_use]
    pub fn text(&self, markdown: bool) -> String {
        let mut s = String::new();
        for line in self.lines(markdown) {
            let _ = writeln!(s, "{line}");
        }
        s
    }
}
