//! Columns to lead fields, and why: header synonyms first (`headers`), then a column's values
//! when its header matches none (`content`), then `--map "Header=field"` overrides.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use super::Target;
use super::content::{Guess, guess};
use super::headers::{
    HeaderSays, header_says, is_bare_name, names_the_contact_of_a_deal, pair_key,
};
pub use super::headers::{Kind, auto_target, record_tool_of};

/// One column of a file: where it is, what it is called, the field it fills (None: it is
/// kept as an attribute only) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub target: Option<Target>,
    pub why: Why,
    /// Whether the header says its values are work or personal ones.
    pub kind: Kind,
    /// The column whose cells say, row by row, whether this one's value is a work or a
    /// personal one ("E-mail 1 - Label" for "E-mail 1 - Value").
    pub label: Option<usize>,
}

/// Why a column fills the field it fills, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Its header is this synonym, normalized.
    Synonym(String),
    /// Its header matched nothing; its values did.
    Content(Guess),
    /// `--map` said so.
    Override,
    /// It says which kind of value the column with this header holds.
    Label(String),
    /// Its header names a deal or an opportunity.
    Deal,
    /// A bare "name" beside this column, which names the person: the name is a deal's title.
    DealBeside(String),
    /// Another column is the full name.
    NameIn(String),
    /// A title column holding this percent of salutations (Mr., Ms.), not job titles.
    Salutations(u8),
    /// Its values look like this field's, but this column fills it by its header.
    Taken(Guess, String),
    /// Neither its header nor its values say.
    Unknown,
}

impl Why {
    /// In words, as `--dry-run` and the import summary show it.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Why::Synonym(key) => format!("header: '{key}'"),
            Why::Content(g) => format!("content: {}", g.describe()),
            Why::Override => "--map".to_string(),
            Why::Label(of) => format!("says whether '{of}' is a work or a personal one"),
            Why::Deal => "names a deal or an opportunity, not a person".to_string(),
            Why::DealBeside(person) => {
                format!("beside '{person}', it names the deal or the account, not the person")
            }
            Why::NameIn(other) => format!("'{other}' is the name"),
            Why::Salutations(percent) => {
                format!("content: {percent}% salutations (Mr., Ms.), not job titles")
            }
            Why::Taken(g, by) => format!("content: {}, but '{by}' fills that field", g.describe()),
            Why::Unknown => "no synonym, and its values are of no one kind".to_string(),
        }
    }
}

/// A column as `--dry-run` and the import summary record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappedColumn {
    pub header: String,
    /// The field it fills, or "attribute".
    pub field: String,
    pub why: String,
}

/// Every column of a file with its target, and the tool whose record ids the file carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    pub columns: Vec<Column>,
    /// "hubspot", "salesforce", "apollo", "pipedrive", "linkedin", or None (a generic id).
    pub record_tool: Option<&'static str>,
    /// `attribute_keys`, worked out once: every row of a file asks for them.
    keys: std::sync::OnceLock<Vec<String>>,
    /// `print_order`, worked out once.
    print_order: std::sync::OnceLock<Vec<(String, usize)>>,
}

/// A `--map` argument that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapError {
    /// The field after `=` is not one leadgate knows.
    UnknownField(String),
    /// The header before `=` is not in the file: (that header, the file's headers).
    NoSuchHeader(String, Vec<String>),
    /// Not of the form `Header=field`.
    Malformed(String),
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownField(field) => write!(
                f,
                "unknown field '{field}' in --map: use one of {}, or '-' (or 'ignore') to keep the column as an attribute only",
                FIELD_NAMES.join(", ")
            ),
            Self::NoSuchHeader(header, headers) => {
                let quoted: Vec<String> = headers.iter().map(|h| format!("'{h}'")).collect();
                write!(
                    f,
                    "--map names the column '{header}', which is not in the file; its columns are: {}",
                    quoted.join(", ")
                )
            }
            Self::Malformed(arg) => write!(
                f,
                "--map '{arg}' is not of the form \"Header=field\" (for example --map \"E-Mail Adresse=email\")"
            ),
        }
    }
}

impl std::error::Error for MapError {}

/// The field names `--map` accepts (besides `-`/`ignore`), as `describe` prints them.
pub const FIELD_NAMES: &[&str] = &[
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "title",
    "company",
    "website",
    "domain",
    "industry",
    "employees",
    "country",
    "city",
    "linkedin_url",
    "source",
    "owner",
    "created",
    "notes",
    "record_id",
];

/// The name of a target as `--map` and `--dry-run` spell it.
pub fn field_name(target: Target) -> &'static str {
    match target {
        Target::Name => "name",
        Target::FirstName => "first_name",
        Target::LastName => "last_name",
        Target::Email => "email",
        Target::Phone => "phone",
        Target::Title => "title",
        Target::Company => "company",
        Target::Website => "website",
        Target::Industry => "industry",
        Target::Employees => "employees",
        Target::Country => "country",
        Target::City => "city",
        Target::LinkedinUrl => "linkedin_url",
        Target::Source => "source",
        Target::Owner => "owner",
        Target::Created => "created",
        Target::LastActivity => "last_activity",
        Target::Notes => "notes",
        Target::RecordId => "record_id",
    }
}

fn target_of_field(name: &str) -> Option<Target> {
    Some(match name {
        "name" | "full_name" => Target::Name,
        "first_name" => Target::FirstName,
        "last_name" => Target::LastName,
        "email" => Target::Email,
        "phone" => Target::Phone,
        "title" => Target::Title,
        "company" => Target::Company,
        "website" | "domain" => Target::Website,
        "industry" => Target::Industry,
        "employees" => Target::Employees,
        "country" => Target::Country,
        "city" => Target::City,
        "linkedin_url" | "linkedin" => Target::LinkedinUrl,
        "source" => Target::Source,
        "owner" => Target::Owner,
        "created" => Target::Created,
        "last_activity" => Target::LastActivity,
        "notes" => Target::Notes,
        "record_id" => Target::RecordId,
        _ => return None,
    })
}

/// Parses a `--map "Header=field"` argument; `-` or `ignore` keeps the column as an attribute
/// only (returned as `None`).
///
/// # Errors
/// `Malformed` without `=` or with an empty header; `UnknownField` for a field not in
/// [`FIELD_NAMES`].
pub fn parse_override(arg: &str) -> Result<(String, Option<Target>), MapError> {
    let Some((header, field)) = arg.rsplit_once('=') else {
        return Err(MapError::Malformed(arg.to_string()));
    };
    let header = header.trim().trim_start_matches('\u{feff}').trim();
    let field = field.trim();
    if header.is_empty() || field.is_empty() {
        return Err(MapError::Malformed(arg.to_string()));
    }
    if field == "-" || field.eq_ignore_ascii_case("ignore") {
        return Ok((header.to_string(), None));
    }
    let normalized = field.to_lowercase().replace(['-', ' '], "_");
    match target_of_field(&normalized) {
        Some(t) => Ok((header.to_string(), Some(t))),
        None => Err(MapError::UnknownField(field.to_string())),
    }
}

/// Maps headers by their synonyms alone, then applies overrides: [`map_file`] without rows.
///
/// # Errors
/// As [`map_file`].
pub fn map_headers(
    headers: &[String],
    overrides: &[(String, Option<Target>)],
) -> Result<Mapping, MapError> {
    map_file(headers, &[], overrides)
}

/// Maps a file's columns: by header synonyms; a column whose header matches none by its
/// values in `samples` (the first rows); then `overrides`, matched to headers
/// case-insensitively.
///
/// A header match beats a content guess, and of several content guesses for one field the
/// first wins. Only one column is the full name: a specific one ("Full Name", "contact_name")
/// beats a bare "name", and a bare "name" beside a contact's name column is a deal's title.
///
/// # Errors
/// `NoSuchHeader` when an override names a header the file does not have.
pub fn map_file(
    headers: &[String],
    samples: &[Vec<String>],
    overrides: &[(String, Option<Target>)],
) -> Result<Mapping, MapError> {
    let values = |index: usize| {
        samples
            .iter()
            .filter_map(move |row| row.get(index).map(String::as_str))
    };
    let said: Vec<HeaderSays> = headers.iter().map(|h| header_says(h)).collect();
    let mut columns: Vec<Column> = headers
        .iter()
        .zip(&said)
        .enumerate()
        .map(|(index, (header, says))| {
            let (target, why, kind) = match says {
                HeaderSays::Field {
                    target,
                    synonym,
                    kind,
                } => (Some(*target), Why::Synonym(synonym.clone()), *kind),
                HeaderSays::Deal => (None, Why::Deal, Kind::Unsaid),
                HeaderSays::Label(_) | HeaderSays::Nothing => (None, Why::Unknown, Kind::Unsaid),
            };
            Column {
                index,
                header: header.clone(),
                target,
                why,
                kind,
                label: None,
            }
        })
        .collect();
    choose_the_name(&mut columns, &said);
    for column in &mut columns {
        if column.target == Some(Target::Title)
            && let Some(percent) = salutations(values(column.index))
        {
            column.target = None;
            column.why = Why::Salutations(percent);
        }
    }
    pair_labels(&mut columns, &said);
    for index in 0..columns.len() {
        if columns[index].why != Why::Unknown || matches!(said[index], HeaderSays::Label(_)) {
            continue;
        }
        let Some(g) = guess(values(index)) else {
            continue;
        };
        let taken = columns
            .iter()
            .find(|c| c.target == Some(g.target))
            .map(|c| c.header.clone());
        let column = &mut columns[index];
        match taken {
            Some(by) => column.why = Why::Taken(g, by),
            None => {
                column.target = Some(g.target);
                column.why = Why::Content(g);
            }
        }
    }
    let lower: Vec<String> = columns
        .iter()
        .map(|c| c.header.trim().to_lowercase())
        .collect();
    for (wanted, target) in overrides {
        let wanted = wanted.trim();
        let wanted_lower = wanted.to_lowercase();
        let mut found = false;
        for (column, header) in columns.iter_mut().zip(&lower) {
            if *header == wanted_lower {
                column.target = *target;
                column.why = Why::Override;
                found = true;
            }
        }
        if !found {
            return Err(MapError::NoSuchHeader(wanted.to_string(), headers.to_vec()));
        }
    }
    let record_tool = columns
        .iter()
        .find(|c| c.target == Some(Target::RecordId))
        .and_then(|c| {
            record_tool_of(&c.header).map(|tool| match (tool, tool_of_ids(values(c.index))) {
                ("record", by_ids) => by_ids,
                // Zoho's "Record Id" is spelled as HubSpot's; its ids say which.
                (_, "zoho") => "zoho",
                (known, _) => known,
            })
        });
    Ok(Mapping {
        columns,
        record_tool,
        keys: std::sync::OnceLock::new(),
        print_order: std::sync::OnceLock::new(),
    })
}

/// Keeps one full-name column: the first specific one, else the first bare "name"; a bare
/// "name" beside a contact's name column ("contact_name", "partner_name") names a deal.
fn choose_the_name(columns: &mut [Column], said: &[HeaderSays]) {
    let contact = columns
        .iter()
        .find(|c| names_the_contact_of_a_deal(&c.header))
        .map(|c| c.header.clone());
    let bare = |s: &HeaderSays| matches!(s, HeaderSays::Field { target: Target::Name, synonym, .. } if is_bare_name(synonym));
    // Close's lead_name and Odoo's name are the account or the deal when a contact's name
    // column is beside them.
    let account = |s: &HeaderSays| matches!(s, HeaderSays::Field { target: Target::Name, synonym, .. } if is_bare_name(synonym) || synonym == "leadname");
    if let Some(person) = &contact {
        for (column, says) in columns.iter_mut().zip(said) {
            if account(says) && !names_the_contact_of_a_deal(&column.header) {
                column.target = None;
                column.why = Why::DealBeside(person.clone());
            }
        }
        // Close's lead is the account: its name is the company when nothing else says one.
        let has_company = columns.iter().any(|c| c.target == Some(Target::Company));
        let lead_name = said.iter().position(|s| {
            matches!(s, HeaderSays::Field { target: Target::Name, synonym, .. } if synonym == "leadname")
        });
        if let Some(i) = lead_name.filter(|_| !has_company) {
            columns[i].target = Some(Target::Company);
        }
    }
    let names: Vec<usize> = columns
        .iter()
        .filter(|c| c.target == Some(Target::Name))
        .map(|c| c.index)
        .collect();
    let Some(&chosen) = names
        .iter()
        .find(|&&i| !bare(&said[i]))
        .or_else(|| names.first())
    else {
        return;
    };
    let header = columns[chosen].header.clone();
    for &i in names.iter().filter(|&&i| i != chosen) {
        columns[i].target = None;
        columns[i].why = Why::NameIn(header.clone());
    }
}

/// Pairs each label column ("E-mail 1 - Label") with the email, phone or website column
/// beside it ("E-mail 1 - Value").
fn pair_labels(columns: &mut [Column], said: &[HeaderSays]) {
    // The value columns by their pair key, each key's in file order: worked out once, since a
    // file can have thousands of label columns.
    let mut values: HashMap<String, Vec<usize>> = HashMap::new();
    for (at, c) in columns.iter().enumerate() {
        if matches!(
            c.target,
            Some(Target::Email | Target::Phone | Target::Website)
        ) {
            values.entry(pair_key(&c.header)).or_default().push(at);
        }
    }
    for (label, says) in said.iter().enumerate() {
        let HeaderSays::Label(key) = says else {
            continue;
        };
        let value = values
            .get(key)
            .and_then(|at| at.iter().copied().find(|&v| columns[v].index != label));
        if let Some(value) = value {
            columns[value].label = Some(label);
            columns[label].why = Why::Label(columns[value].header.clone());
        }
    }
}

/// Salutations a title column of an address book holds instead of job titles.
const SALUTATIONS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle",
    "m", "sr", "sra", "srta", "rev",
];

/// The percent of a column's values that are salutations, when that is most of them.
fn salutations<'a>(values: impl Iterator<Item = &'a str>) -> Option<u8> {
    let words: Vec<String> = values
        .map(|v| v.trim().trim_end_matches('.').to_lowercase())
        .filter(|v| !v.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let n = words
        .iter()
        .filter(|w| SALUTATIONS.contains(&w.as_str()))
        .count();
    let percent = n * 100 / words.len();
    (percent >= super::content::SHARE).then(|| u8::try_from(percent).unwrap_or(100))
}

/// Whose ids a generic id column holds, judged by the ids: Salesforce's are 15 or 18 letters
/// and digits, Odoo's external ids have a module and a dot ("__export__.crm_lead_12_a1b2").
fn tool_of_ids<'a>(values: impl Iterator<Item = &'a str>) -> &'static str {
    let ids: Vec<&str> = values.map(str::trim).filter(|v| !v.is_empty()).collect();
    let all = |f: fn(&str) -> bool| !ids.is_empty() && ids.iter().all(|v| f(v));
    if all(|v| {
        matches!(v.len(), 15 | 18)
            && v.chars().all(|c| c.is_ascii_alphanumeric())
            && v.chars().any(|c| c.is_ascii_digit())
    }) {
        "salesforce"
    } else if all(|v| v.contains('.') && !v.contains(' ') && !v.contains('@')) {
        "odoo"
    } else if all(|v| v.starts_with("zcrm_")) {
        "zoho"
    } else {
        "record"
    }
}

impl Mapping {
    /// Each column with the field it fills ("attribute" when none) and why, in file order.
    #[must_use]
    pub fn describe(&self) -> Vec<MappedColumn> {
        self.columns
            .iter()
            .map(|c| MappedColumn {
                header: c.header.clone(),
                field: c.target.map_or("attribute", field_name).to_string(),
                why: c.why.describe(),
            })
            .collect()
    }

    /// Each column's header, normalized, with its index, in the order a row's print reads
    /// them: by header, so the print depends neither on the mapping nor on column order.
    pub fn print_order(&self) -> &[(String, usize)] {
        self.print_order.get_or_init(|| {
            let mut order: Vec<(String, usize)> = self
                .columns
                .iter()
                .map(|c| (super::headers::words(&c.header).concat(), c.index))
                .collect();
            order.sort();
            order
        })
    }

    /// The attribute key of each column, in column order: its header, with " (2)", " (3)"
    /// after repeated headers and "column N" for an empty one, so no value is lost.
    pub fn attribute_keys(&self) -> &[String] {
        self.keys.get_or_init(|| self.unique_keys())
    }

    fn unique_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::with_capacity(self.columns.len());
        let mut taken: HashSet<String> = HashSet::with_capacity(self.columns.len());
        // The last number given to each repeated header: a number below it was taken then,
        // and keys are only ever added, so the search goes on from there.
        let mut numbered: HashMap<String, usize> = HashMap::new();
        for column in &self.columns {
            let base = if column.header.trim().is_empty() {
                format!("column {}", column.index + 1)
            } else {
                column.header.trim().to_string()
            };
            let mut candidate = base.clone();
            if taken.contains(&candidate) {
                let n = numbered.entry(base.clone()).or_insert(1);
                loop {
                    *n += 1;
                    candidate = format!("{base} ({n})");
                    if !taken.contains(&candidate) {
                        break;
                    }
                }
            }
            taken.insert(candidate.clone());
            keys.push(candidate);
        }
        keys
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
