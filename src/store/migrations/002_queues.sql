-- Migration 2: work queues (review due dates, indexed paging, live counts) and search.

ALTER TABLE leads ADD COLUMN review_due_at TEXT NOT NULL DEFAULT '';
UPDATE leads SET review_due_at = created_at;

DROP INDEX leads_by_stage;
CREATE INDEX leads_by_queue ON leads (state, stage, review_due_at, id);
CREATE INDEX leads_by_due ON leads (review_due_at, id);
CREATE INDEX leads_by_source ON leads (source, state, stage, review_due_at, id);
CREATE INDEX leads_by_owner ON leads (owner, state, stage, review_due_at, id);

-- How many leads sit at each (stage, state), kept by triggers so that queue counts never
-- cost a scan.
CREATE TABLE lead_counts (
    stage TEXT NOT NULL,
    state TEXT NOT NULL,
    n     INTEGER NOT NULL,
    PRIMARY KEY (stage, state)
) STRICT;

INSERT INTO lead_counts (stage, state, n) SELECT stage, state, count(*) FROM leads GROUP BY stage, state;

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

-- Full-text search over who a lead is and what was written about them. Derived data: it can
-- be rebuilt from leads at any time.
CREATE VIRTUAL TABLE leads_fts USING fts5 (
    name, email, company, title, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO leads_fts (rowid, name, email, company, title, notes)
    SELECT rowid, name, email, company, title,
           concat_ws(' ', icp_fit_why, role_relevance_why, intent_detail, reason_now,
                     pain_point, stakeholders, next_step, state_note)
    FROM leads;

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
