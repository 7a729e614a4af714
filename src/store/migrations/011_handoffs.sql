-- Migration 11: the second gate's evidence as data, and the handoff to an account executive.
-- A pain point gets its business consequence; stakeholders become a list (JSON: name, role,
-- engagement, authority), and the free text written before is kept as a note the gate does
-- not count; a next step gets its day; the timeline, budget path and deal size get columns.
-- The handoff's state, people and last reason live on the lead, each step an event; a
-- `stalled` mark, kept by the store's writes like `unsupported`, feeds the Stalled queue.

ALTER TABLE leads RENAME COLUMN stakeholders TO stakeholders_note;
ALTER TABLE leads ADD COLUMN pain_consequence TEXT;
ALTER TABLE leads ADD COLUMN stakeholders TEXT NOT NULL DEFAULT '[]';
ALTER TABLE leads ADD COLUMN next_step_on TEXT;
ALTER TABLE leads ADD COLUMN timeline TEXT;
ALTER TABLE leads ADD COLUMN budget_path TEXT;
ALTER TABLE leads ADD COLUMN deal_size TEXT;
ALTER TABLE leads ADD COLUMN handoff TEXT
    CHECK (handoff IN ('sent', 'accepted', 'rejected', 'disputed'));
ALTER TABLE leads ADD COLUMN handoff_to TEXT;
ALTER TABLE leads ADD COLUMN handoff_from TEXT;
ALTER TABLE leads ADD COLUMN handoff_at TEXT;
ALTER TABLE leads ADD COLUMN handoff_reason TEXT;
ALTER TABLE leads ADD COLUMN handoff_note TEXT;
ALTER TABLE leads ADD COLUMN stalled INTEGER NOT NULL DEFAULT 0 CHECK (stalled IN (0, 1));

CREATE INDEX leads_stalled ON leads (state, stage, waiting, priority DESC, id)
    WHERE stalled = 1;
CREATE INDEX leads_by_handoff ON leads (handoff, state, stage, waiting, priority DESC, id)
    WHERE handoff IS NOT NULL;
