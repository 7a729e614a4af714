-- Migration 8: a label never outlives its evidence. A prospect or opportunity whose evidence
-- no longer supports its stage is marked (and listed in the Unsupported queue); every lead
-- counts its writes, so a write from a stale screen is refused instead of overwriting.
-- Prospects and opportunities are marked to be scored at once ('' sorts before every time):
-- the store works out their support with the rules in force.

ALTER TABLE leads ADD COLUMN unsupported INTEGER NOT NULL DEFAULT 0 CHECK (unsupported IN (0, 1));
ALTER TABLE leads ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE INDEX leads_unsupported ON leads (state, stage, waiting, priority DESC, id)
    WHERE unsupported = 1;

UPDATE leads SET priority_until = ''
WHERE stage IN ('prospect', 'opportunity') AND state != 'removed';
