-- Migration 3: imports (batches, provenance, unmapped columns kept as attributes), exclusion
-- flags, and the 'removed' state for leads taken out by undoing an import. SQLite cannot change
-- a CHECK constraint in place, so the leads table is rebuilt, keeping rowids (the search index
-- refers to them); the runner turns foreign keys off around it and checks them before commit.

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

CREATE TABLE leads_rebuilt (
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
    stakeholders       TEXT,
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
    batch_line         INTEGER
) STRICT;

INSERT INTO leads_rebuilt (rowid, id, name, email, title, company, domain, industry, employees, country, city, phone,
    linkedin_url, source, owner, stage, state, state_reason, state_note, icp_fit, icp_fit_why,
    role_relevance, role_relevance_why, intent_source, intent_detail, reason_now, reason_now_on,
    pain_point, stakeholders, next_step, created_at, updated_at, last_review_at, review_due_at)
SELECT rowid, id, name, email, title, company, domain, industry, employees, country, city, phone,
    linkedin_url, source, owner, stage, state, state_reason, state_note, icp_fit, icp_fit_why,
    role_relevance, role_relevance_why, intent_source, intent_detail, reason_now, reason_now_on,
    pain_point, stakeholders, next_step, created_at, updated_at, last_review_at, review_due_at FROM leads;

DROP TABLE leads;
ALTER TABLE leads_rebuilt RENAME TO leads;

CREATE INDEX leads_by_created ON leads (created_at, id);
CREATE INDEX leads_by_email ON leads (lower(email)) WHERE email IS NOT NULL;
-- Queue paging: equality on the slice, then keyset order on (review_due_at, id).
CREATE INDEX leads_by_queue ON leads (state, stage, review_due_at, id);
CREATE INDEX leads_by_due ON leads (review_due_at, id);
CREATE INDEX leads_by_source ON leads (source, state, stage, review_due_at, id);
CREATE INDEX leads_by_owner ON leads (owner, state, stage, review_due_at, id);
-- Identities an import matches on when a row has no email.
CREATE INDEX leads_by_record_id ON leads (record_id) WHERE record_id IS NOT NULL;
CREATE INDEX leads_by_linkedin ON leads (linkedin_url) WHERE linkedin_url IS NOT NULL;
CREATE INDEX leads_by_batch ON leads (batch_id, batch_line) WHERE batch_id IS NOT NULL;

CREATE TRIGGER lead_counts_on_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO lead_counts (stage, state, n) VALUES (new.stage, new.state, 1)
        ON CONFLICT (stage, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER lead_counts_on_update AFTER UPDATE OF stage, state ON leads
WHEN old.stage IS NOT new.stage OR old.state IS NOT new.state
BEGIN
    UPDATE lead_counts SET n = n - 1 WHERE stage = old.stage AND state = old.state;
    INSERT INTO lead_counts (stage, state, n) VALUES (new.stage, new.state, 1)
        ON CONFLICT (stage, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER lead_counts_on_delete AFTER DELETE ON leads
BEGIN
    UPDATE lead_counts SET n = n - 1 WHERE stage = old.stage AND state = old.state;
END;

CREATE TRIGGER leads_fts_on_insert AFTER INSERT ON leads
BEGIN
    INSERT INTO leads_fts (rowid, name, email, company, title, notes)
    VALUES (new.rowid, new.name, new.email, new.company, new.title,
            concat_ws(' ', new.icp_fit_why, new.role_relevance_why, new.intent_detail,
                      new.reason_now, new.pain_point, new.stakeholders, new.next_step,
                      new.state_note));
END;

CREATE TRIGGER leads_fts_on_update AFTER UPDATE OF name, email, company, title, icp_fit_why,
    role_relevance_why, intent_detail, reason_now, pain_point, stakeholders, next_step,
    state_note ON leads
BEGIN
    DELETE FROM leads_fts WHERE rowid = old.rowid;
    INSERT INTO leads_fts (rowid, name, email, company, title, notes)
    VALUES (new.rowid, new.name, new.email, new.company, new.title,
            concat_ws(' ', new.icp_fit_why, new.role_relevance_why, new.intent_detail,
                      new.reason_now, new.pain_point, new.stakeholders, new.next_step,
                      new.state_note));
END;

CREATE TRIGGER leads_fts_on_delete AFTER DELETE ON leads
BEGIN
    DELETE FROM leads_fts WHERE rowid = old.rowid;
END;

ALTER TABLE events ADD COLUMN batch_id TEXT REFERENCES import_batches (id);
CREATE INDEX events_by_batch ON events (batch_id) WHERE batch_id IS NOT NULL;
