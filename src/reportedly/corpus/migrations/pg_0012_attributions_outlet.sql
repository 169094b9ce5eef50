-- PostgreSQL's migration 0012: the same column and index as SQLite's 0012, filled with a join.

ALTER TABLE attributions ADD COLUMN outlet_key TEXT;
UPDATE attributions a SET outlet_key = d.outlet_key FROM documents d WHERE d.rowid = a.doc_rowid;
CREATE INDEX attributions_outlet ON attributions (outlet_key, day);
