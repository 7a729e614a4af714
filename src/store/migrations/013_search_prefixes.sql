-- Migration 13: search as you type asks for every word as a prefix, and a prefix of one to
-- three letters ("m", "ma", "mar") matched thousands of terms whose lists SQLite merged on
-- each keystroke (over 100 ms on a million leads). The index now also keeps those prefixes
-- as terms of their own. The leads are indexed again after this (schema::after_migration).
DROP TABLE leads_fts;
CREATE VIRTUAL TABLE leads_fts USING fts5 (
    name, email, company, title, notes,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
