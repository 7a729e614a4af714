-- Migration 5: what the rules suggest for a lead, stored by `leadgate triage --suggest` to sort
-- a list. A suggestion is never evidence.

ALTER TABLE leads ADD COLUMN suggestion TEXT;
