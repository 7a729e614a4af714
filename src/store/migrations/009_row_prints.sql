-- Migration 9: a re-import finds the leads an earlier import of the same rows created, however
-- the columns were mapped then. Each row's print is a hash of its header-and-value pairs; it
-- points at the lead the row was stored in.

CREATE TABLE row_prints (
    print   TEXT PRIMARY KEY,
    lead_id TEXT NOT NULL REFERENCES leads(id)
) WITHOUT ROWID;
