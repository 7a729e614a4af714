-- leadgate: the current database schema.
--
-- A fresh database runs this file and records its version in PRAGMA user_version. An older
-- database is upgraded by the migrations in src/store/migrations/, which must produce exactly
-- this schema (a test compares the two).
--
-- Conventions: random text ids (never rowids) so copies can be merged; times are RFC 3339 UTC
-- text with microseconds, computed by the program; STRICT tables; the event log is append-only.

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

-- One import of one file. A batch is written in the same transaction as its leads, so an
-- interrupted import leaves nothing behind.
CREATE TABLE import_batches (
    id          TEXT PRIMARY KEY NOT NULL,
    file_name   TEXT NOT NULL,
    source      TEXT,
    actor       TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL CHECK (status IN ('done', 'undone')),
    rows_read   INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL DEFAULT 0,
    merged      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    summary     TEXT NOT NULL DEFAULT '{}' -- JSON: encoding, delimiter, mapping, flag counts
) STRICT;

-- Rows an import could not take, with the line a person sees in an editor.
CREATE TABLE import_problems (
    batch_id TEXT NOT NULL REFERENCES import_batches (id),
    line     INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    PRIMARY KEY (batch_id, line)
) STRICT;

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
                       CHECK (state IN ('active', 'nurture', 'disqualified', 'removed')),
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
    -- stakeholders written as free text before they were a list: shown, never counted
    stakeholders_note  TEXT,
    next_step          TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    last_review_at     TEXT,
    -- when the lead is next due in the Today queue
    review_due_at      TEXT NOT NULL DEFAULT '',
    -- exclusion flags, open or resolved: JSON [{flag, reason, resolved?}]
    flags              TEXT NOT NULL DEFAULT '[]',
    -- columns of an imported file that map to no field: JSON {header: value}
    attributes         TEXT NOT NULL DEFAULT '{}',
    -- the source tool's record id, prefixed with the tool ("hubspot:31845700000")
    record_id          TEXT,
    -- the import that created the lead, and the line it came from
    batch_id           TEXT REFERENCES import_batches (id),
    batch_line         INTEGER,
    -- what the rules suggested at the last triage: JSON {icp_fit, role_relevance}; never evidence
    suggestion         TEXT,
    -- where the lead stands in its queue (domain::standing), kept by the store's writes:
    -- the priority score in hundredths, highest first;
    priority           INTEGER NOT NULL DEFAULT 0,
    -- 1 for a nurtured lead whose review is not due yet (it stays out of Today);
    waiting            INTEGER NOT NULL DEFAULT 0 CHECK (waiting IN (0, 1)),
    -- and when either may change with the clock: NULL never, '' at once
    priority_until     TEXT DEFAULT '',
    -- the day of the contact's latest activity (YYYY-MM-DD): engagement
    last_activity      TEXT,
    -- 1 for a prospect or opportunity whose evidence no longer supports its stage
    -- (domain::support): the Unsupported queue
    unsupported        INTEGER NOT NULL DEFAULT 0 CHECK (unsupported IN (0, 1)),
    -- counts every write of the lead's facts, stage or state, so that a write made from a
    -- stale screen can say what it expected and be refused instead of overwriting
    version            INTEGER NOT NULL DEFAULT 0,
    -- the given and family names of the source file, when it had them apart; a name edited
    -- by hand clears them (an export then splits the full name by its documented rule)
    given_name         TEXT,
    family_name        TEXT,
    -- the opportunity gate's evidence: a pain point's business consequence, the stakeholders
    -- (JSON [{name, role, engagement, authority}]), the next step's day (YYYY-MM-DD), the
    -- timeline or buying process, the budget path and the deal size
    pain_consequence   TEXT,
    stakeholders       TEXT NOT NULL DEFAULT '[]',
    next_step_on       TEXT,
    timeline           TEXT,
    budget_path        TEXT,
    deal_size          TEXT,
    -- the handoff to an account executive: where it stands, to and from whom, when it last
    -- changed, the AE's reject code and the last step's note (each step is also an event)
    handoff            TEXT CHECK (handoff IN ('sent', 'accepted', 'rejected', 'disputed')),
    handoff_to         TEXT,
    handoff_from       TEXT,
    handoff_at         TEXT,
    handoff_reason     TEXT,
    handoff_note       TEXT,
    -- 1 for an active prospect or opportunity with no change for the rules' stalled_days:
    -- the Stalled queue
    stalled            INTEGER NOT NULL DEFAULT 0 CHECK (stalled IN (0, 1)),
    -- the email as two rows are matched on: lowercased in every script (domain::field::email_key)
    email_key          TEXT
) STRICT;

CREATE INDEX leads_by_email ON leads (email_key) WHERE email_key IS NOT NULL;
-- Queue paging: equality on the slice, then keyset order on (priority DESC, id).
CREATE INDEX leads_by_queue ON leads (state, stage, waiting, priority DESC, id);
CREATE INDEX leads_by_source ON leads (source, state, stage, waiting, priority DESC, id);
CREATE INDEX leads_by_owner ON leads (owner, state, stage, waiting, priority DESC, id);
-- The Unsupported queue: few rows, so a partial index of the queue's own order.
CREATE INDEX leads_unsupported ON leads (state, stage, waiting, priority DESC, id)
    WHERE unsupported = 1;
-- The Stalled queue, and the handoff queues (Handoffs, Review, and rejections in Today).
CREATE INDEX leads_stalled ON leads (state, stage, waiting, priority DESC, id)
    WHERE stalled = 1;
CREATE INDEX leads_by_handoff ON leads (handoff, state, stage, waiting, priority DESC, id)
    WHERE handoff IS NOT NULL;
-- The leads whose standing the clock has run out, to score again.
CREATE INDEX leads_by_rescore ON leads (priority_until) WHERE priority_until IS NOT NULL;
-- Identities an import matches on when a row has no email.
CREATE INDEX leads_by_record_id ON leads (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX leads_by_linkedin ON leads (linkedin_url) WHERE linkedin_url IS NOT NULL;
CREATE INDEX leads_by_batch ON leads (batch_id, batch_line) WHERE batch_id IS NOT NULL;

-- The rows imports stored, by a hash of their header-and-value pairs (not of their mapping), so
-- importing the same rows again with a corrected mapping merges into the leads they created.
CREATE TABLE row_prints (
    print   TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id)
) WITHOUT ROWID;

-- Every change to a lead, oldest first by (at, id). Never updated, never deleted.
CREATE TABLE events (
    id          TEXT PRIMARY KEY NOT NULL,
    lead_id     TEXT NOT NULL REFERENCES leads (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL, -- created | field | stage | state | flag | touch | handoff | ...
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    reason_code TEXT REFERENCES reason_codes (code),
    note        TEXT,
    data        TEXT, -- JSON: the evidence snapshot of a stage change; the date of a reason now
    batch_id    TEXT REFERENCES import_batches (id) -- the import that wrote the event, if one did
) STRICT;

CREATE INDEX events_by_lead ON events (lead_id, at, id);
CREATE INDEX events_by_batch ON events (batch_id) WHERE batch_id IS NOT NULL;
-- "Not sent to this tool before": a lead's exported events, by tool (the profile).
CREATE INDEX events_exported ON events (lead_id, field) WHERE kind = 'exported';
-- The report: stage changes by stage reached, and the work done in a period (every event but
-- the bulk of an import's `created` ones).
CREATE INDEX events_stage ON events (new_value, lead_id) WHERE kind = 'stage';
CREATE INDEX events_worked ON events (at, kind, actor) WHERE kind <> 'created';

CREATE TRIGGER events_are_not_updated BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER events_are_not_deleted BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- Every export: the profile it was written for, the file, who and when, how many leads, how
-- many full names it split into given and family names, and the selection (JSON).
CREATE TABLE exports (
    id       TEXT PRIMARY KEY NOT NULL,
    profile  TEXT NOT NULL,
    file     TEXT,
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL,
    count    INTEGER NOT NULL,
    split    INTEGER NOT NULL DEFAULT 0,
    filter   TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE INDEX exports_by_at ON exports (at, id);

-- How many leads sit at each (stage, state), kept by the store's writes so that queue counts
-- never cost a scan.
CREATE TABLE lead_counts (
    stage TEXT NOT NULL,
    state TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (stage, state)
) STRICT;

-- Full-text search over who a lead is and what was written about them, kept by the store's
-- writes (an import indexes its rows in one pass at the end). Derived data: it can be rebuilt
-- from leads at any time. It refers to leads by rowid, so leads must never be VACUUMed without
-- rebuilding it.
CREATE VIRTUAL TABLE leads_fts USING fts5 (
    name, email, company, title, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2',
    -- Prefixes of one to three letters kept as terms: search as you type asks for them.
    prefix = '1 2 3'
);

-- What the store needs to remember about itself: the version of the score rules the stored
-- priorities follow ("score_version") and, while a pass over every lead to score them again
-- under new rules is under way, the last rowid it reached ("rescore_from").
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
