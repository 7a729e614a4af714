//! Running a parsed command against the store.

use chrono::Utc;
use serde::Serialize;
use std::io::Write;

use super::args::{Cli, Command, ParkArgs, RulesAction, SetArgs};
use super::render;
use crate::config::{self, load_rules};
use crate::domain::field::{Field, parse_edit};
use crate::domain::gate::checklist;
use crate::domain::{CheckItem, Contact, Decision, Lead, ReasonCode};
use crate::store::{Added, Ctx, Store, StoreError};

pub use super::error::CliError;

/// A lead as JSON: the record, its short id, and (for `show`) its checklist.
#[derive(Serialize)]
pub(super) struct LeadJson<'a> {
    pub short_id: String,
    #[serde(flatten)]
    pub lead: &'a Lead,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checklist: Option<Vec<CheckItem>>,
    /// The priority score with its terms (`show`, `queue`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<crate::domain::score::Score>,
}

/// A JSON list written an item at a time, so a long list never sits in memory.
pub(super) struct JsonList {
    empty: bool,
}

impl JsonList {
    pub(super) fn start(out: &mut dyn Write) -> std::io::Result<Self> {
        write!(out, "[")?;
        Ok(Self { empty: true })
    }

    pub(super) fn item(
        &mut self,
        out: &mut dyn Write,
        item: &impl Serialize,
    ) -> Result<(), CliError> {
        write!(out, "{}\n  ", if self.empty { "" } else { "," })?;
        self.empty = false;
        crate::safe_json::to_writer(&mut *out, item)?;
        Ok(())
    }

    pub(super) fn end(self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}]", if self.empty { "" } else { "\n" })
    }
}

/// Runs `cli`'s command, writing its output to `out`.
///
/// # Errors
/// `CliError`; see [`CliError::exit_code`].
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<(), CliError> {
    let Some(command) = cli.command else {
        return Ok(());
    };
    let (rules_path, explicit) = rules_path(cli.config.as_deref())?;
    match &command {
        Command::Config(action) => return super::rules::config(action, &rules_path, out),
        Command::Rules(RulesAction::Check) => {
            return super::rules::check(&rules_path, explicit, out);
        }
        _ => {}
    }
    // Every other command works under the rules; invalid rules stop it before anything runs.
    let rules = load_rules(&rules_path, explicit).map_err(CliError::Rules)?;
    if let Command::Rules(RulesAction::Show) = &command {
        return super::rules::show(&rules, &rules_path, out);
    }
    if let Command::Reasons = &command {
        for code in ReasonCode::ALL {
            writeln!(out, "{:<18} {}", code.as_str(), code.label())?;
        }
        return Ok(());
    }
    // A dry run reads files only: it must not even create the database.
    if let Command::Import(args) = &command
        && args.dry_run
    {
        return super::import::dry_runs(args, out);
    }
    // An audit works in a database of its own, in the folder it writes: never the user's.
    if let Command::Audit {
        files,
        output,
        force,
    } = &command
    {
        let mut ctx = Ctx::new(
            cli.actor.clone().unwrap_or_else(config::default_actor),
            cli.now.unwrap_or_else(Utc::now),
        );
        ctx.rules = rules;
        return super::audit::run(files, output, *force, &ctx, out);
    }
    let path = if cli.demo {
        super::demo_db::demo_database(cli.reset)?
    } else {
        match cli.db {
            Some(p) => p,
            None => config::default_db_path().ok_or(CliError::NoDataDir)?,
        }
    };
    if let Command::Db(action) = command {
        let now = cli.now.unwrap_or_else(Utc::now);
        return super::db::run(action, &path, &rules, now, out);
    }
    // Reading must never leave an empty database (and its folders) behind a typo.
    if command.only_reads() && std::fs::metadata(&path).map_or(true, |m| m.len() == 0) {
        return Err(CliError::NoDatabase(path));
    }
    let mut store = open_store(&path)?;
    let mut ctx = Ctx::new(
        cli.actor.unwrap_or_else(config::default_actor),
        cli.now.unwrap_or_else(Utc::now),
    );
    ctx.rules = rules;
    // A full disk or a file that cannot be written is said of the database file.
    let result = (|| -> Result<(), CliError> {
        match command {
            Command::Add(a) => {
                let contact = Contact {
                    name: a.name,
                    email: a.email,
                    company: a.company,
                    title: a.title,
                    source: a.source,
                    owner: a.owner,
                    industry: a.industry,
                    employees: a.employees,
                    country: a.country,
                    city: a.city,
                    phone: a.phone,
                    linkedin_url: a.linkedin,
                    ..Contact::default()
                };
                let contact = trimmed(contact);
                let email = contact.email.clone().unwrap_or_default();
                let lead = if a.allow_duplicate {
                    store.add_lead(contact, &ctx)?
                } else {
                    match store.add_unless_known(contact, &ctx)? {
                        Added::New(lead) => *lead,
                        Added::Known(id) => {
                            return Err(CliError::Duplicate {
                                email: crate::safe_text::one_line(&email),
                                id: store.short_id(&id),
                            });
                        }
                    }
                };
                writeln!(out, "{}", lead.id)?;
            }
            Command::List(args) => super::list::list(&store, &args, &ctx, out)?,
            Command::Search { text, limit, json } => {
                super::list::search(&store, &text, limit, json, out)?;
            }
            Command::Show { id, json } => show(&store, &id, json, &ctx, out)?,
            Command::Set(args) => set(&mut store, args, &ctx, out)?,
            Command::Bulk(args) => super::bulk::bulk(&mut store, &args, &ctx, out)?,
            Command::Promote { id, note } => {
                decide(
                    &mut store,
                    &id,
                    &Decision::Promote,
                    note.as_deref(),
                    &ctx,
                    out,
                )?;
            }
            Command::Demote(args) => park(&mut store, args, Decision::Demote, &ctx, out)?,
            Command::Nurture(args) => park(&mut store, args, Decision::Nurture, &ctx, out)?,
            Command::Disqualify(args) => park(&mut store, args, Decision::Disqualify, &ctx, out)?,
            Command::Reopen { id, note, yes } => {
                confirm_reopen(&store, &id, yes, note.as_deref())?;
                decide(
                    &mut store,
                    &id,
                    &Decision::Reopen,
                    note.as_deref(),
                    &ctx,
                    out,
                )?;
            }
            Command::History { id, json } => {
                let id = store.resolve(&id)?;
                let events = store.history(&id)?;
                if json {
                    crate::safe_json::to_writer_pretty(&mut *out, &events)?;
                    writeln!(out)?;
                } else {
                    write!(out, "{}", render::history(&events))?;
                }
            }
            Command::Resolve {
                id,
                flag,
                note,
                consent_on,
            } => {
                let id = store.resolve(&id)?;
                let flag = crate::domain::Flag::parse(&flag)?;
                let consent_on = consent_on
                    .map(|day| {
                        crate::domain::field::parse_day(day.trim()).ok_or_else(|| {
                            CliError::Usage(format!(
                                "--consent-on '{day}' is not a day: write it as YYYY-MM-DD"
                            ))
                        })
                    })
                    .transpose()?;
                store.resolve_flag_expecting(&id, flag, &note, consent_on, None, &ctx)?;
                writeln!(
                    out,
                    "{}: {} flag resolved",
                    store.short_id(&id),
                    flag.label()
                )?;
            }
            Command::Import(args) => super::import::run(&mut store, &args, &ctx, out)?,
            Command::Imports { json } => super::import::list(&store, json, out)?,
            Command::Export(args) => super::export::run(&mut store, &args, &ctx, out)?,
            Command::Exports { json } => super::export::list(&store, json, out)?,
            Command::Report(args) => super::report::run(&store, &args, &ctx, out)?,
            Command::Config(_) | Command::Rules(_) | Command::Audit { .. } | Command::Db(_) => {}
            Command::Accept { id } => {
                let id = store.resolve(&id)?;
                let lead = store.lead(&id)?;
                let edits = crate::domain::icp::accepting_edits(&crate::domain::icp::suggestions(
                    &lead, &ctx.rules,
                ));
                if edits.is_empty() {
                    writeln!(
                        out,
                        "{}: the rules suggest nothing for this lead",
                        store.short_id(&id)
                    )?;
                }
                for e in edits {
                    if let Some(change) = store.set_field(&id, &e, &ctx)? {
                        writeln!(out, "{}: {}", store.short_id(&id), render::change(&change))?;
                    }
                }
            }
            Command::Queue(args) => super::queue::run(&mut store, &args, &ctx, out)?,
            Command::Next(args) => super::queue::next(&mut store, &args, &ctx, out)?,
            Command::Triage { suggest, json } => {
                super::triage::run(&mut store, suggest, json, &ctx, out)?
            }
            Command::Stakeholder(action) => {
                super::deal::stakeholder(&mut store, action, &ctx, out)?
            }
            Command::Log(args) => super::deal::log(&mut store, args, &ctx, out)?,
            Command::Handoff(action) => super::deal::handoff(&mut store, action, &ctx, out)?,
            Command::Review(action) => super::deal::review(&mut store, action, &ctx, out)?,
            Command::Reasons => {}
        }
        Ok(())
    })();
    result.map_err(|e| match e {
        CliError::Store(s) => CliError::Store(s.about_file(&path)),
        other => other,
    })
}

fn trimmed(mut c: Contact) -> Contact {
    let tidy = |v: &mut Option<String>| {
        *v = v
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
    };
    c.name = c.name.trim().to_string();
    for slot in [
        &mut c.email,
        &mut c.company,
        &mut c.title,
        &mut c.source,
        &mut c.owner,
        &mut c.industry,
        &mut c.employees,
        &mut c.country,
        &mut c.city,
        &mut c.phone,
        &mut c.linkedin_url,
    ] {
        tidy(slot);
    }
    c
}

fn show(
    store: &Store,
    id: &str,
    json: bool,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = store.resolve(id)?;
    let lead = store.lead(&id)?;
    let list = checklist(
        lead.stage,
        &lead.evidence,
        ctx.now.date_naive(),
        &ctx.rules.gates,
    );
    let short = store.short_id(&id);
    let score = crate::domain::score::score(
        &lead,
        ctx.now,
        &ctx.rules.score,
        ctx.rules.gates.reason_now_window_days,
    );
    let suggestions = crate::domain::icp::suggestions(&lead, &ctx.rules);
    let stalled =
        crate::domain::standing::stalled_for(&lead, ctx.now, ctx.rules.gates.stalled_days);
    let support = crate::domain::support::support(&lead, ctx.now.date_naive(), &ctx.rules.gates);
    let sent = store.sent_to(&id)?;
    if json {
        let items = list.map(|l| l.items).unwrap_or_default();
        let mut value = serde_json::to_value(LeadJson {
            short_id: short,
            lead: &lead,
            checklist: Some(items),
            score: Some(score),
        })?;
        if let Some(map) = value.as_object_mut() {
            map.insert("suggestions".into(), serde_json::to_value(&suggestions)?);
            map.insert("stalled_days".into(), serde_json::to_value(stalled)?);
            map.insert("standing".into(), render::standing_json(support.as_ref()));
            let sent: Vec<serde_json::Value> = sent
                .iter()
                .map(|(tool, at)| serde_json::json!({"profile": tool, "at": at}))
                .collect();
            map.insert("sent_to".into(), serde_json::Value::from(sent));
        }
        crate::safe_json::to_writer_pretty(&mut *out, &value)?;
        writeln!(out)?;
    } else {
        if let Some(support) = &support {
            write!(
                out,
                "{}",
                render::standing(&short, support, ctx.rules.gates.reason_now_window_days)
            )?;
        }
        write!(out, "{}", render::lead(&short, &lead, list.as_ref()))?;
        write!(
            out,
            "{}",
            render::score_and_suggestions(&score, &suggestions)
        )?;
        if let Some(days) = stalled {
            writeln!(
                out,
                "Stalled: no change for {days} days (the rules allow {}); act, or pass it back \
                 with leadgate nurture",
                ctx.rules.gates.stalled_days
            )?;
        }
        if !sent.is_empty() {
            let sent: Vec<String> = sent
                .iter()
                .map(|(tool, at)| {
                    format!(
                        "{} on {}",
                        crate::safe_text::one_line(tool),
                        at.date_naive()
                    )
                })
                .collect();
            writeln!(out, "Sent to: {}", sent.join(", "))?;
        }
    }
    Ok(())
}

fn set(store: &mut Store, a: SetArgs, ctx: &Ctx, out: &mut dyn Write) -> Result<(), CliError> {
    let id = store.resolve(&a.id)?;
    if crate::domain::vocabulary::normalize_spelling(&a.field) == "stakeholders" {
        return Err(CliError::Usage(
            "stakeholders are a list: leadgate stakeholder add ID --name NAME --role ROLE \
             --engagement engaged|aware|not_yet --authority confirmed|mapping"
                .into(),
        ));
    }
    let field = Field::parse(&a.field)?;
    if a.consequence.is_some() && field != Field::PainPoint {
        return Err(CliError::Usage(format!(
            "--consequence is the business consequence of a pain_point; it does not apply to \
             {field}"
        )));
    }
    let edit = parse_edit(
        field,
        &a.value,
        a.consequence.as_deref().or(a.note.as_deref()),
        a.on,
        ctx.now.date_naive(),
    )
    .map_err(StoreError::from)?;
    let short = store.short_id(&id);
    let expect = a.expect.map(|v| crate::store::Expect::Value(field, v));
    match store.set_field_expecting(&id, &edit, expect.as_ref(), ctx)? {
        Some(change) => writeln!(out, "{short}: {}", render::change(&change))?,
        None => writeln!(out, "{short}: {} unchanged", field.as_str())?,
    }
    Ok(())
}

fn park(
    store: &mut Store,
    a: ParkArgs,
    decision: fn(ReasonCode) -> Decision,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let code = ReasonCode::parse(&a.reason)?;
    let decision = match (decision(code), a.until) {
        (d, None) => d,
        (Decision::Nurture(code), Some(until)) => Decision::NurtureUntil(code, until),
        (_, Some(_)) => {
            return Err(CliError::Usage(
                "--until is the re-check day of a nurture; it does not apply here".into(),
            ));
        }
    };
    decide(store, &a.id, &decision, a.note.as_deref(), ctx, out)
}

/// Carries out a decision on the lead `prefix` names and says what changed.
/// Asks before reopening a lead parked because the person opted out: on a terminal, a y/N
/// question; otherwise `--yes` must say so.
fn confirm_reopen(
    store: &Store,
    prefix: &str,
    yes: bool,
    note: Option<&str>,
) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let id = store.resolve(prefix)?;
    let lead = store.lead(&id)?;
    if !lead.opted_out() {
        return Ok(());
    }
    if note.is_none_or(|n| n.trim().is_empty()) {
        return Err(CliError::NotConfirmed(format!(
            "{} asked not to be contacted: reopening needs a --note saying how you know they want to hear from you (and --yes)",
            crate::safe_text::one_line(&lead.contact.name)
        )));
    }
    if yes {
        return Ok(());
    }
    let warning = format!(
        "{} ({}) was parked because the person asked not to be contacted (opted_out{}). Reopening puts them back in the queue; do it only if they consented again",
        crate::safe_text::one_line(&lead.contact.name),
        store.short_id(&id),
        lead.state_note
            .as_deref()
            .map(|n| format!(": {}", crate::safe_text::one_line(n)))
            .unwrap_or_default()
    );
    if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
        eprint!("{warning}.\nReopen anyway? [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes") {
            return Ok(());
        }
        return Err(CliError::NotConfirmed("not reopened".into()));
    }
    Err(CliError::NotConfirmed(format!(
        "{warning}: pass --yes (and a --note saying how you know) to reopen"
    )))
}

fn decide(
    store: &mut Store,
    prefix: &str,
    decision: &Decision,
    note: Option<&str>,
    ctx: &Ctx,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let id = store.resolve(prefix)?;
    let plan = store.decide(&id, decision, note, ctx)?;
    let lead = store.lead(&id)?;
    writeln!(
        out,
        "{}",
        render::decided(&store.short_id(&id), &lead, &plan)
    )?;
    Ok(())
}

/// The rules file to use, and whether the user named it (then it must exist).
///
/// # Errors
/// `NoDataDir` when no config folder can be found and none was named.
pub fn rules_path(named: Option<&std::path::Path>) -> Result<(std::path::PathBuf, bool), CliError> {
    match named {
        Some(p) => Ok((p.to_path_buf(), true)),
        None => config::default_config_path()
            .map(|p| (p, false))
            .ok_or(CliError::NoDataDir),
    }
}

/// Opens the database; an upgrade (which copies the database aside first, and can take a
/// minute on a large one) shows its progress on stderr.
///
/// # Errors
/// As `Store::open`.
pub fn open_store(path: &std::path::Path) -> Result<Store, CliError> {
    super::db::open_showing_upgrade(path)
}
