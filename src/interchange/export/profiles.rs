//! One table: for each tool a lead can be sent to, the columns its CSV importer recognises
//! without a mapping step, and which lead value fills each. The README cites each tool's
//! documentation for these headers.

use crate::domain::vocabulary::vocabulary;

vocabulary! {
    /// Where an export is going.
    pub enum Profile ("export profile") {
        Instantly => "instantly", "Instantly";
        Smartlead => "smartlead", "Smartlead";
        Lemlist => "lemlist", "lemlist";
        Apollo => "apollo", "Apollo";
        Hubspot => "hubspot", "HubSpot";
        Salesforce => "salesforce", "Salesforce";
        Csv => "csv", "CSV (every field, leadgate's names)";
        Json => "json", "JSON (every field)";
    }
}

impl Profile {
    /// A sequencer starts outreach: it only ever gets sales-ready leads (the gate exists so
    /// that only then is anyone pushed into a cadence).
    #[must_use]
    pub fn is_sequencer(self) -> bool {
        matches!(
            self,
            Profile::Instantly | Profile::Smartlead | Profile::Lemlist | Profile::Apollo
        )
    }

    /// Whether each lead written gets an `exported` event: every tool that will contact or
    /// own the person does; leadgate's own CSV and JSON are data files, recorded as a batch.
    #[must_use]
    pub fn records_each_lead(self) -> bool {
        !matches!(self, Profile::Csv | Profile::Json)
    }

    /// Salesforce refuses a lead without a last name: a one-word name goes there.
    #[must_use]
    pub fn requires_family_name(self) -> bool {
        self == Profile::Salesforce
    }

    /// The columns the tool refuses a lead without, by header.
    #[must_use]
    pub fn required(self) -> &'static [Col] {
        match self {
            Profile::Salesforce => &[Col::Company, Col::FamilyName],
            _ => &[],
        }
    }

    /// The most rows the tool's importer takes in one file, where it documents one.
    #[must_use]
    pub fn max_rows(self) -> Option<u64> {
        match self {
            Profile::Apollo => Some(10_000),
            Profile::Salesforce => Some(50_000),
            Profile::Hubspot => Some(1_048_576),
            _ => None,
        }
    }

    /// The header row and what fills each column (`Json` has none: it writes whole leads).
    #[must_use]
    pub fn columns(self) -> &'static [(&'static str, Col)] {
        match self {
            Profile::Instantly => INSTANTLY,
            Profile::Smartlead => SMARTLEAD,
            Profile::Lemlist => LEMLIST,
            Profile::Apollo => APOLLO,
            Profile::Hubspot => HUBSPOT,
            Profile::Salesforce => SALESFORCE,
            Profile::Csv => CSV,
            Profile::Json => &[],
        }
    }
}

/// A value of a lead an export column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Id,
    FullName,
    GivenName,
    FamilyName,
    Email,
    Title,
    Company,
    /// The bare domain ("brightkiln.example").
    Domain,
    /// The domain as a URL ("https://brightkiln.example").
    Website,
    Industry,
    Employees,
    /// The employees as a whole number, empty for a range ("51-200"): for a number field.
    EmployeeCount,
    Country,
    City,
    /// "City, Country".
    Location,
    Phone,
    Linkedin,
    Source,
    Owner,
    /// The owner only when it is an email address (HubSpot matches owners by email).
    OwnerEmail,
    LastActivity,
    Stage,
    /// The stage in HubSpot's lifecycle stages: Lead, Sales Qualified Lead, Opportunity,
    /// Customer.
    HubspotLifecycle,
    State,
    StateReason,
    IcpFit,
    IcpFitWhy,
    RoleRelevance,
    RoleRelevanceWhy,
    IntentSource,
    IntentDetail,
    /// The intent source and its detail ("Demo request: booked from the pricing page").
    Intent,
    ReasonNow,
    ReasonNowOn,
    PainPoint,
    PainConsequence,
    Stakeholders,
    NextStep,
    NextStepOn,
    Timeline,
    BudgetPath,
    DealSize,
    /// Where the handoff to an AE stands, and with whom.
    Handoff,
    /// Every flag, open or resolved ("free_mail (resolved); role_inbox").
    Flags,
    RecordId,
    CreatedAt,
    /// One sentence for the first touch: who they are and why now.
    Opener,
}

const INSTANTLY: &[(&str, Col)] = &[
    ("email", Col::Email),
    ("first_name", Col::GivenName),
    ("last_name", Col::FamilyName),
    ("company_name", Col::Company),
    ("website", Col::Website),
    ("job_title", Col::Title),
    ("phone", Col::Phone),
    ("linkedin_url", Col::Linkedin),
    ("location", Col::Location),
    ("personalization", Col::Opener),
    ("reason_now", Col::ReasonNow),
    ("reason_now_on", Col::ReasonNowOn),
    ("intent", Col::Intent),
    ("fit_why", Col::IcpFitWhy),
    ("role_why", Col::RoleRelevanceWhy),
    ("leadgate_id", Col::Id),
];

const SMARTLEAD: &[(&str, Col)] = &[
    ("email", Col::Email),
    ("first_name", Col::GivenName),
    ("last_name", Col::FamilyName),
    ("company_name", Col::Company),
    ("website", Col::Domain),
    ("company_url", Col::Website),
    // Not a standard Smartlead field: it arrives as a custom field, as Smartlead's own
    // examples carry it.
    ("job_title", Col::Title),
    ("phone_number", Col::Phone),
    ("location", Col::Location),
    ("linkedin_profile", Col::Linkedin),
    ("personalization", Col::Opener),
    ("reason_now", Col::ReasonNow),
    ("reason_now_on", Col::ReasonNowOn),
    ("intent", Col::Intent),
    ("fit_why", Col::IcpFitWhy),
    ("role_why", Col::RoleRelevanceWhy),
    ("leadgate_id", Col::Id),
];

const LEMLIST: &[(&str, Col)] = &[
    ("email", Col::Email),
    ("firstName", Col::GivenName),
    ("lastName", Col::FamilyName),
    ("companyName", Col::Company),
    ("companyDomain", Col::Domain),
    ("jobTitle", Col::Title),
    ("phone", Col::Phone),
    ("linkedinUrl", Col::Linkedin),
    ("icebreaker", Col::Opener),
    ("reasonNow", Col::ReasonNow),
    ("reasonNowOn", Col::ReasonNowOn),
    ("intent", Col::Intent),
    ("fitWhy", Col::IcpFitWhy),
    ("roleWhy", Col::RoleRelevanceWhy),
    ("leadgateId", Col::Id),
];

const APOLLO: &[(&str, Col)] = &[
    ("First Name", Col::GivenName),
    ("Last Name", Col::FamilyName),
    ("Title", Col::Title),
    ("Company Name", Col::Company),
    ("Website", Col::Domain),
    ("Email", Col::Email),
    ("Person Linkedin Url", Col::Linkedin),
    ("Phone", Col::Phone),
    ("City", Col::City),
    ("Country", Col::Country),
    ("Industry", Col::Industry),
    ("Opener", Col::Opener),
    ("Reason Now", Col::ReasonNow),
    ("Reason Now On", Col::ReasonNowOn),
    ("Intent", Col::Intent),
    ("Fit Why", Col::IcpFitWhy),
    ("Role Why", Col::RoleRelevanceWhy),
    ("Leadgate Id", Col::Id),
];

const HUBSPOT: &[(&str, Col)] = &[
    ("First Name", Col::GivenName),
    ("Last Name", Col::FamilyName),
    ("Email", Col::Email),
    ("Company Name", Col::Company),
    ("Job Title", Col::Title),
    ("Phone Number", Col::Phone),
    ("Website URL", Col::Website),
    ("City", Col::City),
    ("Country/Region", Col::Country),
    ("Industry", Col::Industry),
    ("LinkedIn URL", Col::Linkedin),
    ("Contact owner", Col::OwnerEmail),
    ("Lifecycle Stage", Col::HubspotLifecycle),
    ("Reason Now", Col::ReasonNow),
    ("Reason Now On", Col::ReasonNowOn),
    ("Intent", Col::Intent),
    ("Fit Why", Col::IcpFitWhy),
    ("Role Why", Col::RoleRelevanceWhy),
    ("Leadgate Id", Col::Id),
];

const SALESFORCE: &[(&str, Col)] = &[
    ("First Name", Col::GivenName),
    ("Last Name", Col::FamilyName),
    ("Company", Col::Company),
    ("Email", Col::Email),
    ("Title", Col::Title),
    ("Phone", Col::Phone),
    ("Website", Col::Website),
    ("Lead Source", Col::Source),
    ("City", Col::City),
    ("Country", Col::Country),
    ("Industry", Col::Industry),
    ("No. of Employees", Col::EmployeeCount),
    ("Description", Col::Opener),
    ("Leadgate Id", Col::Id),
];

/// Every field under leadgate's own names: what `import` reads back (the evidence columns
/// are kept as attributes there, since a file never vouches for evidence).
const CSV: &[(&str, Col)] = &[
    ("leadgate_id", Col::Id),
    ("name", Col::FullName),
    ("first_name", Col::GivenName),
    ("last_name", Col::FamilyName),
    ("email", Col::Email),
    ("title", Col::Title),
    ("company", Col::Company),
    ("domain", Col::Domain),
    ("industry", Col::Industry),
    ("employees", Col::Employees),
    ("country", Col::Country),
    ("city", Col::City),
    ("phone", Col::Phone),
    ("linkedin_url", Col::Linkedin),
    ("source", Col::Source),
    ("owner", Col::Owner),
    ("last_activity", Col::LastActivity),
    ("stage", Col::Stage),
    ("state", Col::State),
    ("state_reason", Col::StateReason),
    ("icp_fit", Col::IcpFit),
    ("icp_fit_why", Col::IcpFitWhy),
    ("role_relevance", Col::RoleRelevance),
    ("role_relevance_why", Col::RoleRelevanceWhy),
    ("intent_source", Col::IntentSource),
    ("intent_detail", Col::IntentDetail),
    ("reason_now", Col::ReasonNow),
    ("reason_now_on", Col::ReasonNowOn),
    ("pain_point", Col::PainPoint),
    ("pain_consequence", Col::PainConsequence),
    ("stakeholders", Col::Stakeholders),
    ("next_step", Col::NextStep),
    ("next_step_on", Col::NextStepOn),
    ("timeline", Col::Timeline),
    ("budget_path", Col::BudgetPath),
    ("deal_size", Col::DealSize),
    ("handoff", Col::Handoff),
    ("flags", Col::Flags),
    ("record_id", Col::RecordId),
    ("created_at", Col::CreatedAt),
];
