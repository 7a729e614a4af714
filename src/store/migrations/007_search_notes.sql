-- The search index reads the note-like columns an import kept as attributes (Notes,
-- Description, Comments): index every lead again, as upkeep.rs's SEARCH_ROWS does.
INSERT INTO leads_fts (leads_fts) VALUES ('delete-all');
INSERT INTO leads_fts (rowid, name, email, company, title, notes)
SELECT rowid, name, email, company, title,
    concat_ws(' ', icp_fit_why, role_relevance_why, intent_detail, reason_now, pain_point,
    stakeholders, next_step, state_note,
    (SELECT group_concat(a.value, ' ') FROM json_each(leads.attributes) AS a
     WHERE lower(a.key) IN ('notes', 'note', 'description', 'comments', 'comment')))
FROM leads WHERE state != 'removed';
