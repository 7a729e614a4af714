-- Migration 12: emails match in any letter case, not only A–Z. SQLite's lower() folds ASCII
-- letters only, so `chloé@x.fr` and `CHLOÉ@X.FR` were two people. The match key is written
-- by leadgate beside the email as it was typed. Here every key is set as lower() gives it;
-- the upgrade then rewrites the keys of emails with other letters (schema::after_migration).
ALTER TABLE leads ADD COLUMN email_key TEXT;
UPDATE leads SET email_key = lower(trim(email)) WHERE email IS NOT NULL;
DROP INDEX leads_by_email;
CREATE INDEX leads_by_email ON leads (email_key) WHERE email_key IS NOT NULL;
