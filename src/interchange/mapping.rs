//! Header names to lead fields: automatic aliases, then `--map "Header=field"` overrides.
//!
//! Matching ignores case, spaces and punctuation ("Person - Email - Work", "# Employees",
//! "Country/Region"), so the alias table holds lower-case letters and digits only.

use std::fmt;

use super::Target;

/// One column of a file: where it is, what it is called, and the field it fills (None: it is
/// kept as an attribute only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub target: Option<Target>,
}

/// Every column of a file with its target, and the tool whose record ids the file carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mapping {
    pub columns: Vec<Column>,
    /// "hubspot", "salesforce", "apollo", "pipedrive", "linkedin", or None (a generic id).
    pub record_tool: Option<&'static str>,
    /// `attribute_keys`, worked out once: every row of a file asks for them.
    keys: std::sync::OnceLock<Vec<String>>,
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

/// Header aliases, as `key` spells them (lower-case letters and digits only).
const ALIASES: &[(&str, Target)] = &[
    ("name", Target::Name),
    ("fullname", Target::Name),
    ("contactname", Target::Name),
    ("leadname", Target::Name),
    ("personname", Target::Name),
    ("firstname", Target::FirstName),
    ("first", Target::FirstName),
    ("givenname", Target::FirstName),
    ("forename", Target::FirstName),
    ("lastname", Target::LastName),
    ("last", Target::LastName),
    ("surname", Target::LastName),
    ("familyname", Target::LastName),
    ("email", Target::Email),
    ("emails", Target::Email),
    ("emailaddress", Target::Email),
    ("workemail", Target::Email),
    ("businessemail", Target::Email),
    ("personalemail", Target::Email),
    ("primaryemail", Target::Email),
    ("emailwork", Target::Email),
    ("emailhome", Target::Email),
    ("emailother", Target::Email),
    ("phone", Target::Phone),
    ("phones", Target::Phone),
    ("phonenumber", Target::Phone),
    ("telephone", Target::Phone),
    ("tel", Target::Phone),
    ("mobile", Target::Phone),
    ("mobilephone", Target::Phone),
    ("mobilephonenumber", Target::Phone),
    ("mobilenumber", Target::Phone),
    ("cellphone", Target::Phone),
    ("cell", Target::Phone),
    ("workphone", Target::Phone),
    ("businessphone", Target::Phone),
    ("directphone", Target::Phone),
    ("workdirectphone", Target::Phone),
    ("firstphone", Target::Phone),
    ("homephone", Target::Phone),
    ("otherphone", Target::Phone),
    ("corporatephone", Target::Phone),
    ("phonework", Target::Phone),
    ("phonemobile", Target::Phone),
    ("phonehome", Target::Phone),
    ("phoneother", Target::Phone),
    ("title", Target::Title),
    ("jobtitle", Target::Title),
    ("position", Target::Title),
    ("jobrole", Target::Title),
    ("designation", Target::Title),
    ("company", Target::Company),
    ("companyname", Target::Company),
    ("companyaccount", Target::Company),
    ("associatedcompany", Target::Company),
    ("organization", Target::Company),
    ("organisation", Target::Company),
    ("organizationname", Target::Company),
    ("accountname", Target::Company),
    ("account", Target::Company),
    ("employer", Target::Company),
    ("website", Target::Website),
    ("websiteurl", Target::Website),
    ("web", Target::Website),
    ("companywebsite", Target::Website),
    ("homepage", Target::Website),
    ("domain", Target::Website),
    ("companydomain", Target::Website),
    ("industry", Target::Industry),
    ("employees", Target::Employees),
    ("numberofemployees", Target::Employees),
    ("noofemployees", Target::Employees),
    ("employeecount", Target::Employees),
    ("companysize", Target::Employees),
    ("headcount", Target::Employees),
    ("country", Target::Country),
    ("countryregion", Target::Country),
    ("city", Target::City),
    ("town", Target::City),
    ("linkedin", Target::LinkedinUrl),
    ("linkedinurl", Target::LinkedinUrl),
    ("linkedinprofile", Target::LinkedinUrl),
    ("linkedinprofileurl", Target::LinkedinUrl),
    ("personlinkedinurl", Target::LinkedinUrl),
    ("defaultprofileurl", Target::LinkedinUrl),
    ("url", Target::LinkedinUrl),
    ("source", Target::Source),
    ("leadsource", Target::Source),
    ("contactsource", Target::Source),
    ("originaltrafficsource", Target::Source),
    ("owner", Target::Owner),
    ("ownername", Target::Owner),
    ("ownerid", Target::Owner),
    ("contactowner", Target::Owner),
    ("leadowner", Target::Owner),
    ("created", Target::Created),
    ("createdat", Target::Created),
    ("createdate", Target::Created),
    ("createddate", Target::Created),
    ("datecreated", Target::Created),
    ("creationdate", Target::Created),
    ("personcreated", Target::Created),
    ("connectedon", Target::Created),
    ("lastactivity", Target::LastActivity),
    ("lastactivitydate", Target::LastActivity),
    ("personlastactivitydate", Target::LastActivity),
    ("lastengagementdate", Target::LastActivity),
    ("notes", Target::Notes),
    ("note", Target::Notes),
    ("description", Target::Notes),
    ("comments", Target::Notes),
    ("comment", Target::Notes),
];

/// Record-id headers and the tool whose ids they hold.
const RECORD_IDS: &[(&str, &str)] = &[
    ("recordid", "hubspot"),
    ("id", "salesforce"),
    ("apollocontactid", "apollo"),
    ("personid", "pipedrive"),
    ("vmid", "linkedin"),
];

/// Lower-case letters and digits of a header, nothing else ("Person - Email - Work" →
/// "personemailwork"; a BOM, spaces and punctuation vanish).
fn key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn lookup(key: &str) -> Option<Target> {
    if RECORD_IDS.iter().any(|(k, _)| *k == key) {
        return Some(Target::RecordId);
    }
    ALIASES.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The target a header maps to by default, if any (case-insensitive, trims spaces, ignores
/// punctuation differences like "Person - Email - Work").
pub fn auto_target(header: &str) -> Option<Target> {
    let k = key(header);
    if k.is_empty() {
        return None;
    }
    if let Some(t) = lookup(&k) {
        return Some(t);
    }
    // Pipedrive: "Person - Job title" is "Job title" of the person entity.
    if let Some(rest) = k.strip_prefix("person")
        && header.contains('-')
        && let Some(t) = lookup(rest)
    {
        return Some(t);
    }
    // Numbered copies: "Email 1", "Phone 2".
    let unnumbered = k.trim_end_matches(|c: char| c.is_ascii_digit());
    if unnumbered.len() < k.len() && !unnumbered.is_empty() {
        return match lookup(unnumbered) {
            Some(t @ (Target::Email | Target::Phone | Target::Website)) => Some(t),
            _ => None,
        };
    }
    None
}

/// The tool whose record ids a header holds ("Record ID" → hubspot), if it is a known one.
pub fn record_tool_of(header: &str) -> Option<&'static str> {
    let k = key(header);
    RECORD_IDS
        .iter()
        .find(|(h, _)| *h == k)
        .map(|(_, tool)| *tool)
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

/// Maps headers automatically, then applies overrides (matched to headers case-insensitively;
/// an override naming a header that is not in the file is an error).
///
/// Automatically, only the first full-name column is the name: a later one (PhantomBuster's
/// `name` after `fullName`) is kept as an attribute.
///
/// # Errors
/// `NoSuchHeader` when an override names a header the file does not have.
pub fn map_headers(
    headers: &[String],
    overrides: &[(String, Option<Target>)],
) -> Result<Mapping, MapError> {
    let mut have_name = false;
    let mut columns: Vec<Column> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let mut target = auto_target(header);
            if target == Some(Target::Name) {
                if have_name {
                    target = None;
                }
                have_name = true;
            }
            Column {
                index,
                header: header.clone(),
                target,
            }
        })
        .collect();
    for (wanted, target) in overrides {
        let wanted = wanted.trim();
        let mut found = false;
        for column in &mut columns {
            if column.header.trim().to_lowercase() == wanted.to_lowercase() {
                column.target = *target;
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
        .and_then(|c| record_tool_of(&c.header));
    Ok(Mapping {
        columns,
        record_tool,
        keys: std::sync::OnceLock::new(),
    })
}

impl Mapping {
    /// (header, field name or "attribute") per column, in file order, for `--dry-run`.
    pub fn describe(&self) -> Vec<(String, String)> {
        self.columns
            .iter()
            .map(|c| {
                let what = c.target.map_or("attribute", field_name);
                (c.header.clone(), what.to_string())
            })
            .collect()
    }

    /// The attribute key of each column, in column order: its header, with " (2)", " (3)"
    /// after repeated headers and "column N" for an empty one, so no value is lost.
    pub fn attribute_keys(&self) -> &[String] {
        self.keys.get_or_init(|| self.unique_keys())
    }

    fn unique_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::with_capacity(self.columns.len());
        for column in &self.columns {
            let base = if column.header.trim().is_empty() {
                format!("column {}", column.index + 1)
            } else {
                column.header.trim().to_string()
            };
            let mut candidate = base.clone();
            let mut n = 1;
            while keys.contains(&candidate) {
                n += 1;
                candidate = format!("{base} ({n})");
            }
            keys.push(candidate);
        }
        keys
    }
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;
