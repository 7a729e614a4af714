-- Migration 6: queues in priority order, and engagement. Each lead keeps its score (in hundredths), whether it
-- is waiting out a nurture period, and until when both hold; the queue indexes sort on them.
-- Existing leads are marked to be scored at once ('' sorts before every time); the store does
-- that with the rules in force, and again whenever the score's rules change.

ALTER TABLE leads ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting IN (0, 1));
ALTER TABLE leads ADD COLUMN priority_until TEXT DEFAULT '';
-- The day of the contact's latest activity: the engagement term of the score.
ALTER TABLE leads ADD COLUMN last_activity TEXT;

UPDATE leads SET waiting = 1
WHERE state = 'nurture' AND review_due_at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
UPDATE leads SET priority_until = NULL WHERE state = 'removed';

DROP INDEX leads_by_queue;
DROP INDEX leads_by_source;
DROP INDEX leads_by_owner;
CREATE INDEX leads_by_queue ON leads (state, stage, waiting, priority DESC, id);
CREATE INDEX leads_by_source ON leads (source, state, stage, waiting, priority DESC, id);
CREATE INDEX leads_by_owner ON leads (owner, state, stage, waiting, priority DESC, id);
CREATE INDEX leads_by_rescore ON leads (priority_until) WHERE priority_until IS NOT NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
