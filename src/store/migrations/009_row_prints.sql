-- Migration 9: a re-import finds the leads an earlier import of the same rows created, however
-- the columns were mapped then. Each row's print is a hash of its header-and-value pairs; it
-- points at the lead the row was stored in.

CREATE TABLE row_prints (
    print   TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id)
) WITHOUT ROWID;

-- A lead nurtured because the person opted out no longer comes back to Today on its review
-- date: it is scored again at once ('' sorts before every time), and waits for good.
UPDATE leads SET priority_until = ''
WHERE state = 'nurture' AND state_reason = 'opted_out';
