//! Builds a large database of invented leads for the performance benchmarks.
//!
//! `cargo bench --bench generate -- [--leads N] [--db PATH]` (defaults: 1,000,000 leads in
//! `benches/data/leads-1m.db`). An existing file is kept, so the benchmark can rerun quickly.
//! Every lead goes through the store's own operations: evidence is set field by field and
//! stages change only through the gate, as in real use.

use chrono::{Duration, TimeZone, Utc};
use leadgate::domain::field::{Field, parse_edit};
use leadgate::domain::{Contact, Decision, ReasonCode};
use leadgate::store::{Ctx, Store};
use std::path::PathBuf;
use std::time::Instant;

const FIRST: &[&str] = &[
    "Maren", "Tomasz", "Priya", "Diego", "Chloé", "Kwame", "Ingrid", "Hiroshi", "Amina", "Lars",
    "Noor", "Pavel", "Yetunde", "Camille", "Jing", "Esteban", "Folake", "Magnus", "Layla",
    "Ricardo", "Zeynep", "Aditya", "Sofia", "Oskar", "Mei", "Tariq", "Elena", "Bruno", "Hana",
    "Samuel",
];
const LAST: &[&str] = &[
    "Okafor",
    "Wielgosz",
    "Raman",
    "Alvarado",
    "Marchand",
    "Boateng",
    "Solberg",
    "Tanabe",
    "Tesfaye",
    "Berg",
    "Mansour",
    "Horvat",
    "Eze",
    "Lefevre",
    "Huang",
    "Guerrero",
    "Mensah",
    "Lindqvist",
    "Hamdan",
    "Navarro",
    "Sadeghi",
    "Iyer",
    "Costa",
    "Nowak",
    "Chen",
    "Aziz",
    "Petrova",
    "Silva",
    "Kato",
    "Adeyemi",
];
const COMPANY_A: &[&str] = &[
    "Harbor", "Kestrel", "Tide", "Iron", "Nord", "Bright", "Cedar", "Copper", "Granite", "Lumen",
];
const COMPANY_B: &[&str] = &[
    "light", "bark", "water", "path", "field", "stone", "line", "gate", "ridge", "wave",
];
const COMPANY_C: &[&str] = &[
    "Logistics",
    "Freight",
    "Health",
    "Foods",
    "Services",
    "Analytics",
    "Couriers",
    "Supply",
];
const TITLES: &[&str] = &[
    "Head of Operations",
    "VP Operations",
    "Dispatch Manager",
    "Founder",
    "CTO",
    "Fleet Manager",
    "Analyst",
    "Marketing Coordinator",
    "Logistics Coordinator",
    "Operations Director",
    "Procurement Manager",
    "Intern",
];
const SOURCES: &[&str] = &[
    "Website form",
    "Webinar",
    "Purchased list",
    "LinkedIn",
    "Referral",
    "Event booth",
    "Content download",
    "Cold outbound",
];
const OWNERS: &[&str] = &["dana", "sam", "rui", "ines", "tom"];

/// A small deterministic generator (xorshift64*), so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[usize::try_from(self.next() % items.len() as u64).expect("index")]
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let n: u64 = value("--leads").map_or(1_000_000, |v| v.parse().expect("--leads takes a number"));
    let path = value("--db").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/data/leads-1m.db"),
        PathBuf::from,
    );
    if path.exists() {
        println!("{} exists; keeping it", path.display());
        return;
    }
    let started = Instant::now();
    // Built beside its final place and moved there once complete: a failed run leaves nothing
    // that a later run would keep.
    let partial = path.with_extension("partial");
    for stale in ["partial", "partial-wal", "partial-shm"] {
        let _ = std::fs::remove_file(path.with_extension(stale));
    }
    let mut store = Store::open(&partial).expect("open database");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("time");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut worked = Vec::new();
    let chunk = 100_000;
    let mut done = 0;
    while done < n {
        let size = chunk.min(n - done);
        let batch: Vec<(Contact, Ctx)> = (done..done + size)
            .map(|i| {
                let first = rng.pick(FIRST);
                let last = rng.pick(LAST);
                let company = format!(
                    "{}{} {}",
                    rng.pick(COMPANY_A),
                    rng.pick(COMPANY_B),
                    rng.pick(COMPANY_C)
                );
                let domain = format!(
                    "{}{}.example",
                    company.split(' ').next().unwrap_or("co").to_lowercase(),
                    i % 997
                );
                let contact = Contact {
                    name: format!("{first} {last}"),
                    email: Some(format!(
                        "{}.{}{i}@{domain}",
                        first.to_lowercase(),
                        last.to_lowercase()
                    )),
                    title: Some(rng.pick(TITLES).to_string()),
                    company: Some(company),
                    domain: Some(domain),
                    source: Some(rng.pick(SOURCES).to_string()),
                    owner: Some(rng.pick(OWNERS).to_string()),
                    ..Contact::default()
                };
                let age = Duration::seconds(i64::try_from(rng.below(365 * 86_400)).expect("age"));
                (contact, Ctx::new("generator", now - age))
            })
            .collect();
        store
            .add_leads(batch, |lead| {
                if worked.len() < 60_000 && lead.id.ends_with('0') {
                    worked.push(lead.id.clone());
                }
            })
            .expect("insert");
        done += size;
        println!("{done} leads ({:.1}s)", started.elapsed().as_secs_f64());
    }
    // Work a sample through the real operations: evidence, promotions, nurture, disqualify.
    let today = now.date_naive();
    for (k, id) in worked.iter().enumerate() {
        let ctx = Ctx::new("generator", now - Duration::hours(1));
        let edit = |field, value: &str, note: &str| {
            parse_edit(field, value, Some(note), None, today).expect("edit")
        };
        match k % 4 {
            0 => {
                // A generated title can raise a flag ("intern"); a person checked it.
                for flag in store.lead(id).expect("lead").evidence.flags {
                    if flag.is_open() {
                        store
                            .resolve_flag(id, flag.flag, "Checked by hand: a real buyer", &ctx)
                            .expect("resolve");
                    }
                }
                for e in [
                    edit(Field::IcpFit, "fit", "Logistics, 120 staff"),
                    edit(Field::RoleRelevance, "relevant", "Owns dispatch"),
                    edit(Field::IntentSource, "demo_request", "Asked for a demo"),
                    edit(Field::ReasonNow, "New depot opening", ""),
                ] {
                    store.set_field(id, &e, &ctx).expect("set");
                }
                store
                    .decide(id, &Decision::Promote, None, &ctx)
                    .expect("promote");
            }
            1 => {
                store
                    .decide(id, &Decision::Nurture(ReasonCode::NoIntent), None, &ctx)
                    .expect("nurture");
            }
            2 => {
                store
                    .decide(id, &Decision::Disqualify(ReasonCode::NotIcp), None, &ctx)
                    .expect("disqualify");
            }
            _ => {
                store
                    .set_field(id, &edit(Field::IcpFit, "fit", "Regional 3PL"), &ctx)
                    .expect("set");
            }
        }
    }
    // Leads were scored as of their own arrival; bring every score to today, as the
    // workstation would in the background, so the benchmark measures paging alone.
    let today = Ctx::new("generator", Utc::now());
    store
        .rescore_all(&today, 10_000, |_| true)
        .expect("rescore");
    drop(store);
    std::fs::rename(&partial, &path).expect("move the finished database into place");
    for side in ["partial-wal", "partial-shm"] {
        let _ = std::fs::remove_file(path.with_extension(side));
    }
    println!(
        "{} leads, {} worked, in {}: {:.1}s",
        n,
        worked.len(),
        path.display(),
        started.elapsed().as_secs_f64()
    );
}
