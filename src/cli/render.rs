//! Text output. Everything that came from a lead's data goes through `safe_text`.

use std::fmt::Write;

use crate::domain::field::Change;
use crate::domain::{Checklist, Lead, Plan};
use crate::safe_text::one_line;
use crate::store::Event;

fn or_dash(v: Option<&str>) -> String {
    v.map_or_else(|| "-".to_string(), one_line)
}

/// One line of `list`.
#[must_use]
pub fn list_line(short: &str, l: &Lead) -> String {
    format!(
        "{short:<8} {:<11} {:<12} {:<28} {:<24} {}",
        l.stage.as_str(),
        l.state.as_str(),
        truncate(&one_line(&l.contact.name), 28),
        truncate(&or_dash(l.contact.company.as_deref()), 24),
        or_dash(l.contact.email.as_deref()),
    )
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

/// A checklist, one line an item.
#[must_use]
pub fn checklist(list: &Checklist) -> String {
    let mut s = String::new();
    for i in &list.items {
        let mark = if i.passed { '✓' } else { '✗' };
        let _ = writeln!(s, "  {mark} {:<16} {}", i.item.label(), one_line(&i.detail));
    }
    s
}

/// The whole record for `show`.
#[must_use]
pub fn lead(short: &str, l: &Lead, list: Option<&Checklist>) -> String {
    let c = &l.contact;
    let e = &l.evidence;
    let mut s = String::new();
    // What is unknown is left out, rather than shown as "<->" or "- at -".
    let email = c
        .email
        .as_deref()
        .map_or(String::new(), |e| format!("  <{}>", one_line(e)));
    let _ = writeln!(s, "{}{email}  id {short}", one_line(&c.name));
    let role = match (c.title.as_deref(), c.company.as_deref()) {
        (Some(t), Some(co)) => Some(format!("{} at {}", one_line(t), one_line(co))),
        (Some(t), None) => Some(one_line(t)),
        (None, Some(co)) => Some(one_line(co)),
        (None, None) => None,
    };
    if let Some(role) = role {
        let _ = writeln!(s, "{role}");
    }
    // How to reach them and where they are: only what is known, on one line.
    let place = [c.city.as_deref(), c.country.as_deref()]
        .into_iter()
        .flatten()
        .map(one_line)
        .collect::<Vec<_>>()
        .join(", ");
    let reach: Vec<String> = [
        c.phone.as_deref().map(|p| format!("phone {}", one_line(p))),
        c.domain.as_deref().map(one_line),
        c.linkedin_url.as_deref().map(one_line),
        (!place.is_empty()).then_some(place),
        c.industry.as_deref().map(one_line),
        c.employees
            .as_deref()
            .map(|n| format!("{} employees", one_line(n))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !reach.is_empty() {
        let _ = writeln!(s, "{}", reach.join(" · "));
    }
    let _ = write!(s, "stage {} · state {}", l.stage, l.state);
    if let Some(code) = l.state_reason {
        let _ = write!(s, " ({code}");
        if let Some(note) = &l.state_note {
            let _ = write!(s, ": {}", one_line(note));
        }
        s.push(')');
    }
    let _ = writeln!(
        s,
        " · source {} · owner {}",
        or_dash(c.source.as_deref()),
        or_dash(c.owner.as_deref())
    );
    let review = l
        .last_review_at
        .map_or_else(|| "never".to_string(), |t| t.date_naive().to_string());
    let back = recheck(l).map_or(String::new(), |day| format!(" · back in Today on {day}"));
    let _ = writeln!(
        s,
        "created {} · last review {review}{back}",
        l.created_at.date_naive()
    );
    for flag in &e.flags {
        match &flag.resolved {
            None => {
                let _ = writeln!(s, "⚑ {}: {}", flag.flag.label(), one_line(&flag.reason));
            }
            Some(r) => {
                let consent = r
                    .consent_on
                    .map_or(String::new(), |d| format!(", consented again on {d}"));
                let _ = writeln!(
                    s,
                    "✓ {}: {} (resolved by {}{consent}: {})",
                    flag.flag.label(),
                    one_line(&flag.reason),
                    one_line(&r.by),
                    one_line(&r.note)
                );
            }
        }
    }
    let _ = writeln!(s, "\nQualification");
    let why = |v: Option<&String>| v.map_or(String::new(), |w| format!(" — {}", one_line(w)));
    let _ = writeln!(
        s,
        "  {:<15} {}{}",
        "ICP fit",
        e.icp_fit,
        why(e.icp_fit_why.as_ref())
    );
    let _ = writeln!(
        s,
        "  {:<15} {}{}",
        "Role relevance",
        e.role_relevance,
        why(e.role_relevance_why.as_ref())
    );
    let intent = e.intent_source.map_or("-", |i| i.as_str());
    let _ = writeln!(
        s,
        "  {:<15} {intent}{}",
        "Intent source",
        why(e.intent_detail.as_ref())
    );
    let observed = e
        .reason_now_on
        .map_or(String::new(), |d| format!(" (observed {d})"));
    let _ = writeln!(
        s,
        "  {:<15} {}{observed}",
        "Reason now",
        or_dash(e.reason_now.as_deref())
    );
    s.push_str(&deal_lines(e));
    if let Some(o) = &l.origin {
        let _ = writeln!(
            s,
            "\nImported by batch {} from line {}",
            crate::domain::id::prefix(&o.batch_id, 8),
            o.line
        );
    }
    if !l.attributes.is_empty() {
        let _ = writeln!(s, "\nOther columns");
        // A notes column is read here, whole: its lines kept, each under the first.
        for (k, v) in &l.attributes {
            let value = crate::safe_text::multi_line(v).replace('\n', &format!("\n{:27}", ""));
            let _ = writeln!(s, "  {:<24} {value}", truncate(&one_line(k), 24));
        }
    }
    if let Some(list) = list {
        let passed = list.items.iter().filter(|i| i.passed).count();
        let _ = writeln!(
            s,
            "\nGate to {}: {passed} of {} passed",
            list.to,
            list.items.len()
        );
        s.push_str(&checklist(list));
    }
    s
}

/// The opportunity evidence and the handoff, each only when the record has it.
fn deal_lines(e: &crate::domain::Evidence) -> String {
    let mut s = String::new();
    if let Some(p) = &e.pain_point {
        let consequence = e.pain_consequence.as_deref().map_or(String::new(), |c| {
            format!(" — consequence: {}", one_line(c))
        });
        let _ = writeln!(s, "  {:<15} {}{consequence}", "Pain point", one_line(p));
    }
    for (i, person) in e.stakeholders.iter().enumerate() {
        let label = if i == 0 { "Stakeholders" } else { "" };
        let _ = writeln!(
            s,
            "  {label:<15} {}. {}",
            i + 1,
            one_line(&person.describe())
        );
    }
    if let Some(n) = &e.stakeholders_note {
        let _ = writeln!(
            s,
            "  {:<15} written before they were a list, not counted: {}",
            if e.stakeholders.is_empty() {
                "Stakeholders"
            } else {
                ""
            },
            one_line(n)
        );
    }
    if let Some(n) = &e.next_step {
        let on = e
            .next_step_on
            .map_or(String::new(), |d| format!(" (on {d})"));
        let _ = writeln!(s, "  {:<15} {}{on}", "Next step", one_line(n));
    }
    for (label, v) in [
        ("Timeline", &e.timeline),
        ("Budget path", &e.budget_path),
        ("Deal size", &e.deal_size),
    ] {
        if let Some(v) = v {
            let _ = writeln!(s, "  {label:<15} {}", one_line(v));
        }
    }
    if let Some(h) = &e.handoff {
        let _ = writeln!(
            s,
            "  {:<15} {} ({})",
            "Handoff",
            one_line(&h.describe()),
            h.at.date_naive()
        );
    }
    s
}

/// What a `set` changed.
#[must_use]
pub fn change(c: &Change) -> String {
    let mut s = format!(
        "{} {} → {}",
        c.field,
        or_dash(c.old.as_deref()),
        or_dash(c.new.as_deref())
    );
    if let Some(d) = c.day {
        if c.field == crate::domain::Field::NextStep {
            let _ = write!(s, " (on {d})");
        } else {
            let _ = write!(s, " (observed {d})");
        }
    }
    if let Some(n) = &c.note {
        let _ = write!(s, " — {}", one_line(n));
    }
    s
}

/// What a decision did.
#[must_use]
pub fn decided(short: &str, l: &Lead, plan: &Plan) -> String {
    let mut parts = Vec::new();
    if let Some((from, to)) = plan.stage {
        parts.push(format!("stage {from} → {to}"));
    }
    if let Some((from, to)) = plan.state {
        parts.push(format!("state {from} → {to}"));
    }
    format!(
        "{short} {}: {}{}",
        one_line(&l.contact.name),
        parts.join(", "),
        recheck(l).map_or(String::new(), |day| format!("; back in Today on {day}"))
    )
}

/// The day a nurtured lead is back in Today, unless the person opted out (then never by
/// itself).
fn recheck(l: &Lead) -> Option<chrono::NaiveDate> {
    (l.state == crate::domain::State::Nurture && !l.opted_out())
        .then(|| l.review_due_at.date_naive())
}

/// Whether a prospect's or opportunity's evidence still supports its stage, and a stale
/// reason now: said first, since the rest of the record reads differently when it fails.
#[must_use]
pub fn standing(short: &str, s: &crate::domain::Support, window_days: i64) -> String {
    let mut out = String::new();
    if !s.supported() {
        let _ = writeln!(out, "Evidence no longer supports {}:", s.stage);
        for item in &s.failing {
            let _ = writeln!(
                out,
                "  ✗ {:<16} {}",
                item.item.label(),
                one_line(&item.detail)
            );
        }
        let _ = writeln!(
            out,
            "  Fix the evidence, or pass it back: leadgate demote|nurture|disqualify {short} \
             --reason CODE"
        );
    }
    if let Some(stale) = &s.reason_now_stale {
        let _ = writeln!(
            out,
            "{}; it keeps the record out of ready lists",
            one_line(&stale.describe(window_days))
        );
    }
    out
}

/// The `standing` member of `show --json`: `null` for a record that holds no earned stage
/// (a lead, a customer).
#[must_use]
pub fn standing_json(s: Option<&crate::domain::Support>) -> serde_json::Value {
    s.map_or(serde_json::Value::Null, |s| {
        serde_json::json!({
            "stage": s.stage,
            "supported": s.supported(),
            "failing": s.failing,
            "reason_now_stale": s.reason_now_stale,
        })
    })
}

/// The history, oldest first.
#[must_use]
pub fn history(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        let _ = write!(
            s,
            "{}  {:<12} {}",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            truncate(&one_line(&e.actor), 12),
            e.describe()
        );
        s.push('\n');
        let items = e
            .data
            .as_ref()
            .filter(|_| e.kind == "stage")
            .and_then(|d| d.get("checklist"))
            .and_then(|c| c.get("items"))
            .and_then(|i| i.as_array());
        for item in items.into_iter().flatten() {
            let detail = item
                .get("detail")
                .and_then(|d| d.as_str())
                .unwrap_or_default();
            let _ = writeln!(s, "      evidence: {}", one_line(detail));
        }
    }
    s
}

/// The priority score with its terms, and what the rules suggest.
#[must_use]
pub fn score_and_suggestions(
    score: &crate::domain::score::Score,
    s: &crate::domain::icp::Suggestions,
) -> String {
    let mut out = format!("\nPriority {:.1}: {}\n", score.total, score.breakdown());
    if let Some(fit) = &s.icp_fit {
        let _ = writeln!(
            out,
            "Suggested ICP fit: {} ({})",
            fit.value,
            one_line(&fit.because.join("; "))
        );
    }
    if let Some(role) = &s.role_relevance {
        let _ = writeln!(
            out,
            "Suggested role relevance: {} ({})",
            role.value,
            one_line(&role.because.join("; "))
        );
    }
    if !s.is_empty() {
        out.push_str("A suggestion is not evidence until accepted: leadgate accept ID\n");
    }
    out
}
