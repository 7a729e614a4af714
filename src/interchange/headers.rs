//! What a column's header says it holds: its words, normalized (case, spaces, punctuation,
//! numbering, vendor prefixes), looked up in a table of synonyms.
//!
//! "E-mail 1 - Value", "Person - Email - Work", "email_from", "EMAILADDRESS" and "Work Email"
//! are all an email column; "E-mail 1 - Label" is the column that says whether the address
//! beside it is a work or a home one.

use super::Target;

/// Whether a header (or a label cell) says a value is a work or a personal one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Kind {
    Work,
    #[default]
    Unsaid,
    Personal,
}

/// What a header says about its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderSays {
    /// It fills this field; `synonym` is the normalized spelling that matched.
    Field {
        target: Target,
        synonym: String,
        kind: Kind,
    },
    /// It labels the value column whose pair key is this ("E-mail 1 - Label").
    Label(String),
    /// It names a deal or an opportunity, never a person.
    Deal,
    /// Nothing the synonyms know.
    Nothing,
}

/// Header synonyms, as a header's words joined spell them (lower-case letters and digits).
pub(super) const ALIASES: &[(&str, Target)] = &[
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
    // Google Contacts, Outlook, Odoo, Zoho CRM, Mailchimp and Clay spellings.
    ("organizationtitle", Target::Title),
    ("organisationtitle", Target::Title),
    ("jobposition", Target::Title),
    ("function", Target::Title),
    ("webpage", Target::Website),
    ("personalwebpage", Target::Website),
    ("emailfrom", Target::Email),
    ("partnername", Target::Company),
    ("countryid", Target::Country),
    ("userid", Target::Owner),
    ("salesperson", Target::Owner),
    ("sourceid", Target::Source),
    ("createdtime", Target::Created),
    ("currentcompany", Target::Company),
    ("currentcompanyname", Target::Company),
    ("currentemployer", Target::Company),
    ("currenttitle", Target::Title),
    ("currentjobtitle", Target::Title),
    ("currentposition", Target::Title),
    // The commonest German, French, Spanish, Portuguese and Dutch headers.
    ("vorname", Target::FirstName),
    ("vollständigername", Target::Name),
    ("mobil", Target::Phone),
    ("handy", Target::Phone),
    ("nomcomplet", Target::Name),
    ("nombrecompleto", Target::Name),
    ("volledigenaam", Target::Name),
    ("nachname", Target::LastName),
    ("kontakt", Target::Name),
    ("ansprechpartner", Target::Name),
    ("firma", Target::Company),
    ("unternehmen", Target::Company),
    ("telefon", Target::Phone),
    ("telefonnummer", Target::Phone),
    ("mobiltelefon", Target::Phone),
    ("webseite", Target::Website),
    ("stadt", Target::City),
    ("ort", Target::City),
    ("land", Target::Country),
    ("branche", Target::Industry),
    ("prénom", Target::FirstName),
    ("prenom", Target::FirstName),
    ("nomdefamille", Target::LastName),
    ("société", Target::Company),
    ("societe", Target::Company),
    ("entreprise", Target::Company),
    ("téléphone", Target::Phone),
    ("fonction", Target::Title),
    ("poste", Target::Title),
    ("ville", Target::City),
    ("pays", Target::Country),
    ("nombre", Target::FirstName),
    ("apellido", Target::LastName),
    ("apellidos", Target::LastName),
    ("empresa", Target::Company),
    ("correo", Target::Email),
    ("correoelectrónico", Target::Email),
    ("correoelectronico", Target::Email),
    ("teléfono", Target::Phone),
    ("telefono", Target::Phone),
    ("cargo", Target::Title),
    ("ciudad", Target::City),
    ("país", Target::Country),
    ("pais", Target::Country),
    ("voornaam", Target::FirstName),
    ("achternaam", Target::LastName),
    ("bedrijf", Target::Company),
    ("telefoonnummer", Target::Phone),
    ("functie", Target::Title),
];

/// Record-id headers and the tool whose ids they hold ("record": the tool is judged by the
/// ids themselves).
const RECORD_IDS: &[(&str, &str)] = &[
    ("recordid", "hubspot"),
    ("id", "record"),
    ("apollocontactid", "apollo"),
    ("personid", "pipedrive"),
    ("vmid", "linkedin"),
    ("leadid", "record"),
    ("contactid", "record"),
];

/// Headers that name a deal or an opportunity: a column a person's name never comes from.
const DEALS: &[&str] = &[
    "dealname",
    "dealtitle",
    "deal",
    "opportunity",
    "opportunityname",
    "opportunitytitle",
    "leadtitle",
];

/// Entity prefixes vendors put before a field ("Person - Email", "Contact Email").
const PREFIXES: &[&str] = &[
    "person", "contact", "lead", "member", "customer", "prospect",
];

/// Words that say an email or a phone is a work one, or a personal one.
const WORK_WORDS: &[&str] = &["work", "business", "office", "professional", "corporate"];
const PERSONAL_WORDS: &[&str] = &["home", "personal", "private"];
/// Words that qualify an email or phone without changing what it is.
const QUALIFIERS: &[&str] = &[
    "work",
    "business",
    "office",
    "professional",
    "home",
    "personal",
    "private",
    "other",
    "primary",
    "main",
    "direct",
    "secondary",
];

/// The words of a header, lower-case: split at anything that is not a letter or a digit,
/// where a lower-case letter meets an upper-case one ("linkedInProfileUrl") and where letters
/// meet digits ("Email1"). A BOM and zero-width spaces vanish.
#[must_use]
pub fn words(header: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    for c in header.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            previous = None;
            continue;
        }
        let boundary = previous.is_some_and(|p| {
            (p.is_lowercase() && c.is_uppercase()) || (p.is_ascii_digit() != c.is_ascii_digit())
        });
        if boundary && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
        previous = Some(c);
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

fn lookup(key: &str) -> Option<Target> {
    if RECORD_IDS.iter().any(|(k, _)| *k == key) {
        return Some(Target::RecordId);
    }
    ALIASES.iter().find(|(k, _)| *k == key).map(|(_, t)| *t)
}

/// The key that pairs a value column with its label column: its words without a trailing
/// "value", "label" or "type", numbering kept ("E-mail 1 - Value" and "E-mail 1 - Label" →
/// "email1").
#[must_use]
pub fn pair_key(header: &str) -> String {
    let mut w = words(header);
    if w.len() > 1
        && w.last()
            .is_some_and(|l| matches!(l.as_str(), "value" | "label" | "type"))
    {
        w.pop();
    }
    w.concat()
}

/// Whether a label cell (or header words) say work or personal.
#[must_use]
pub fn kind_of<S: AsRef<str>>(words: &[S]) -> Kind {
    if words.iter().any(|w| WORK_WORDS.contains(&w.as_ref())) {
        Kind::Work
    } else if words.iter().any(|w| PERSONAL_WORDS.contains(&w.as_ref())) {
        Kind::Personal
    } else {
        Kind::Unsaid
    }
}

/// What a header says its column holds.
#[must_use]
pub fn header_says(header: &str) -> HeaderSays {
    let all = words(header);
    if all.is_empty() {
        return HeaderSays::Nothing;
    }
    let kind = kind_of(&all);
    let found = |key: String| -> Option<HeaderSays> {
        if DEALS.contains(&key.as_str()) {
            return Some(HeaderSays::Deal);
        }
        lookup(&key).map(|target| HeaderSays::Field {
            target,
            synonym: key,
            kind,
        })
    };
    if let Some(says) = found(all.concat()) {
        return says;
    }
    // Google's "E-mail 1 - Label" beside "E-mail 1 - Value".
    if all.len() > 1 && matches!(all.last().map(String::as_str), Some("label" | "type")) {
        return HeaderSays::Label(pair_key(header));
    }
    // Numbering and a trailing "value": "E-mail 1 - Value", "Organization 1 - Title".
    let mut plain: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|w| !is_number(w))
        .collect();
    if plain.len() > 1 && plain.last() == Some(&"value") {
        plain.pop();
    }
    let numbered = plain.len() < all.len();
    if numbered && let Some(says) = found(plain.concat()) {
        return says;
    }
    // A vendor's entity prefix: "Person - Job title".
    if plain.len() > 1
        && PREFIXES.contains(&plain[0])
        && let Some(says) = found(plain[1..].concat())
    {
        return says;
    }
    // A work or home qualifier around an email or a phone: "Email (Work)", "Private Phone".
    let bare: Vec<&str> = plain
        .iter()
        .copied()
        .filter(|w| !QUALIFIERS.contains(w) && !PREFIXES.contains(w))
        .collect();
    if !bare.is_empty()
        && bare.len() < plain.len()
        && let Some(HeaderSays::Field {
            target,
            synonym,
            kind,
        }) = found(bare.concat())
        && matches!(target, Target::Email | Target::Phone)
    {
        return HeaderSays::Field {
            target,
            synonym,
            kind,
        };
    }
    HeaderSays::Nothing
}

/// The field a header fills by its synonyms alone, if any.
#[must_use]
pub fn auto_target(header: &str) -> Option<Target> {
    match header_says(header) {
        HeaderSays::Field { target, .. } => Some(target),
        _ => None,
    }
}

/// The tool whose record ids a header holds ("Record ID" → hubspot): None when the header is
/// no record id, "record" when the ids themselves must say.
#[must_use]
pub fn record_tool_of(header: &str) -> Option<&'static str> {
    let k = words(header).concat();
    RECORD_IDS
        .iter()
        .find(|(h, _)| *h == k)
        .map(|(_, tool)| *tool)
}

/// Whether a synonym is a bare "name", which loses to a more specific name column.
#[must_use]
pub fn is_bare_name(synonym: &str) -> bool {
    synonym == "name"
}

/// Whether a header names the person's contact beside a deal ("contact_name",
/// "partner_name"): then a bare "name" column is the deal's title.
#[must_use]
pub fn names_the_contact_of_a_deal(header: &str) -> bool {
    matches!(
        words(header).concat().as_str(),
        "contactname" | "partnername" | "personname"
    )
}

#[cfg(test)]
#[path = "headers_tests.rs"]
mod tests;
