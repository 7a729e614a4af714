-- Migration 10: what leaves leadgate. The given and family names a source file had, kept so an
-- export writes them as the source did instead of guessing; and each export, with an
-- `exported` event on every lead sent to a sequencer or CRM; and what the report reads.

ALTER TABLE leads ADD COLUMN given_name TEXT;
ALTER TABLE leads ADD COLUMN family_name TEXT;

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
-- "Not sent to this tool before": a lead's exported events, by tool.
CREATE INDEX events_exported ON events (lead_id, field) WHERE kind = 'exported';
-- The report: stage changes by stage reached, and the work done in a period (every event but
-- the bulk of an import's `created` ones).
CREATE INDEX events_stage ON events (new_value, lead_id) WHERE kind = 'stage';
CREATE INDEX events_worked ON events (at, kind, actor) WHERE kind <> 'created';
