-- Migration 1: the first schema (leads, qualification evidence, reason codes, events).
CREATE TABLE reason_codes (
    code  TEXT PRIMARY KEY NOT NULL,
    label TEXT NOT NULL
) STRICT;

INSERT INTO reason_codes (code, label) VALUES
    ('not_icp', 'Account is outside the ICP'),
    ('no_role_relevance', 'Contact has no role in the decision'),
    ('no_intent', 'No sign of interest'),
    ('no_reason_now', 'No reason to reach out now'),
    ('stalled', 'Momentum stalled'),
    ('competitor', 'Works for a competitor'),
    ('student', 'Student'),
    ('consultant', 'Consultant or freelancer'),
    ('generic_inbox', 'Generic or role inbox'),
    ('duplicate', 'Duplicate of another record'),
    ('bad_data', 'Bad or unusable data'),
    ('opted_out', 'Asked not to be contacted'),
    ('other', 'Other (see note)');

CREATE TABLE leads (
    id                 TEXT PRIMARY KEY NOT NULL,
    -- contact and company facts
    name               TEXT NOT NULL,
    email              TEXT,
    title              TEXT,
    company            TEXT,
    domain             TEXT,
    industry           TEXT,
    employees          TEXT,
    country            TEXT,
    city               TEXT,
    phone              TEXT,
    linkedin_url       TEXT,
    source             TEXT,
    owner              TEXT,
    -- lifecycle: moved only by the store's decide(), with an event
    stage              TEXT NOT NULL DEFAULT 'lead'
                       CHECK (stage IN ('lead', 'prospect', 'opportunity', 'customer')),
    state              TEXT NOT NULL DEFAULT 'active'
                       CHECK (state IN ('active', 'nurture', 'disqualified')),
    state_reason       TEXT REFERENCES reason_codes (code),
    state_note         TEXT,
    -- qualification fields, each with its evidence
    icp_fit            TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (icp_fit IN ('fit', 'not_fit', 'unknown')),
    icp_fit_why        TEXT,
    role_relevance     TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (role_relevance IN ('relevant', 'not_relevant', 'unknown')),
    role_relevance_why TEXT,
    intent_source      TEXT CHECK (intent_source IN ('demo_request', 'pricing_page', 'webinar',
                       'content_download', 'reply', 'referral', 'event', 'research_signal', 'other')),
    intent_detail      TEXT,
    reason_now         TEXT,
    reason_now_on      TEXT, -- YYYY-MM-DD, the day the reason was observed
    pain_point         TEXT,
    stakeholders       TEXT,
    next_step          TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    last_review_at     TEXT
) STRICT;

CREATE INDEX leads_by_created ON leads (created_at, id);
CREATE INDEX leads_by_stage ON leads (stage, state, created_at, id);
CREATE INDEX leads_by_email ON leads (lower(email)) WHERE email IS NOT NULL;

-- Every change to a lead, oldest first by (at, id). Never updated, never deleted.
CREATE TABLE events (
    id          TEXT PRIMARY KEY NOT NULL,
    lead_id     TEXT NOT NULL REFERENCES leads (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL, -- created | field | stage | state
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    reason_code TEXT REFERENCES reason_codes (code),
    note        TEXT,
    data        TEXT -- JSON: the evidence snapshot of a stage change; the date of a reason now
) STRICT;

CREATE INDEX events_by_lead ON events (lead_id, at, id);

CREATE TRIGGER events_are_not_updated BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER events_are_not_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
