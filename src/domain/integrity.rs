//! What a stage change's record must show: the checks `leadgate db check` makes of the
//! evidence snapshot a promotion stored, in plain Rust (the store reads the events).

use chrono::NaiveDate;
use serde_json::Value;

use super::gate::{Checklist, checklist};
use super::qualification::Evidence;
use super::rules::Rules;
use super::stage::Stage;

/// What a stage change records of the evidence it relied on: the decision, the rules version
/// (`Rules::version`), the evidence as it stood and the gate's checklist.
#[must_use]
pub fn stage_snapshot(
    decision: &str,
    rules: &Rules,
    evidence: &Evidence,
    checklist: Option<&Checklist>,
) -> Value {
    serde_json::json!({
        "decision": decision,
        "rules_version": rules.version(),
        "evidence": evidence,
        "checklist": checklist,
    })
}

/// Why a promotion's record does not show that its gate passed; empty when it does.
///
/// `data` is the event's stored snapshot, `day` the day it was written. A change that is not a
/// promotion (a stage moved down, or values that are not stages) needs no snapshot. When the
/// snapshot names the rules in force now, its evidence is judged again under them, so a
/// snapshot edited to say "passed" is still caught.
#[must_use]
pub fn promotion_problems(
    from: &str,
    to: &str,
    data: Option<&str>,
    day: NaiveDate,
    rules: &Rules,
) -> Vec<String> {
    let (Ok(from), Ok(to)) = (Stage::parse(from), Stage::parse(to)) else {
        return vec![format!("moves between unknown stages '{from}' and '{to}'")];
    };
    if to <= from {
        return Vec::new();
    }
    let Some(snapshot) = data.and_then(|d| serde_json::from_str::<Value>(d).ok()) else {
        return vec![format!(
            "promotion to {} carries no readable evidence snapshot",
            to.as_str()
        )];
    };
    let mut problems = Vec::new();
    let version = snapshot.get("rules_version").and_then(Value::as_str);
    if !version.is_some_and(is_rules_version) {
        problems.push(format!(
            "promotion to {} does not name the rules version it passed under",
            to.as_str()
        ));
    }
    let list = snapshot.get("checklist");
    let step_from = list
        .and_then(|l| l.get("from"))
        .and_then(Value::as_str)
        .and_then(|s| Stage::parse(s).ok());
    let step_to = list
        .and_then(|l| l.get("to"))
        .and_then(Value::as_str)
        .and_then(|s| Stage::parse(s).ok());
    let items = list
        .and_then(|l| l.get("items"))
        .and_then(Value::as_array)
        .filter(|items| !items.is_empty());
    // An undo may move up more than one stage: its snapshot is the last gate it passed.
    let (Some(step_from), Some(items)) = (step_from, items) else {
        problems.push(format!(
            "promotion to {} carries no checklist of its gate",
            to.as_str()
        ));
        return problems;
    };
    if step_to != Some(to) || step_from < from {
        problems.push(format!(
            "promotion {} → {} carries the checklist of another gate",
            from.as_str(),
            to.as_str()
        ));
    }
    for item in items {
        if item.get("passed").and_then(Value::as_bool) != Some(true) {
            let name = item.get("item").and_then(Value::as_str).unwrap_or("?");
            problems.push(format!(
                "promotion to {} records gate item {name} as not passed",
                to.as_str()
            ));
        }
    }
    if version == Some(rules.version().as_str()) {
        let evidence = snapshot
            .get("evidence")
            .cloned()
            .and_then(|e| serde_json::from_value::<Evidence>(e).ok());
        match evidence {
            None => problems.push(format!(
                "promotion to {} carries an evidence snapshot that does not read back",
                to.as_str()
            )),
            Some(ev) => {
                let again = checklist(step_from, &ev, day, &rules.gates);
                for item in again.iter().flat_map(|l| l.missing()) {
                    problems.push(format!(
                        "promotion to {}: its evidence does not pass {} under the rules it \
                         names ({})",
                        to.as_str(),
                        item.item.as_str(),
                        item.detail
                    ));
                }
            }
        }
    }
    problems
}

/// A rules version as `Rules::version` writes it: 16 hex digits.
fn is_rules_version(v: &str) -> bool {
    v.len() == 16 && v.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
#[path = "integrity_tests.rs"]
mod tests;
