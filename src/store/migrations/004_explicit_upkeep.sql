-- Migration 4: the queue counts and the search index are kept by the store's own writes
-- instead of triggers. Triggers made every insert open a statement journal, and with the
-- search index in the transaction every journal flushed it: a bulk import paid that per row.
-- Two indexes no query uses any more are dropped.

DROP TRIGGER lead_counts_on_insert;
DROP TRIGGER lead_counts_on_update;
DROP TRIGGER lead_counts_on_delete;
DROP TRIGGER leads_fts_on_insert;
DROP TRIGGER leads_fts_on_update;
DROP TRIGGER leads_fts_on_delete;
DROP INDEX leads_by_due;
DROP INDEX leads_by_created;
