-- Every link of an advisory (OSV `references`: ADVISORY, FIX, REPORT, WEB …) so an audit finding can
-- point at the fix as well as at the advisory page; `advisory.link` keeps the primary one. A new column
-- rather than an edit of 0001, which databases already ran.
ALTER TABLE advisory ADD COLUMN reference_links jsonb NOT NULL DEFAULT '[]'::jsonb;
