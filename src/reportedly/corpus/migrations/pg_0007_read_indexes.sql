-- PostgreSQL's migration 0007: the indexes of SQLite's 0007 that help here. A row's long text is
-- stored out of line (TOAST), so reading a document's outlet never reads its text, and no
-- `documents_head` is needed (the `INDEXED BY` that names it is left out of every query).

CREATE INDEX IF NOT EXISTS documents_outlet_month ON documents (outlet_key, month);
CREATE INDEX IF NOT EXISTS speakers_name ON speakers (lower(name));
CREATE INDEX IF NOT EXISTS entities_doc_seq ON entities (doc_rowid, entity_id, seq);
DROP INDEX IF EXISTS entities_doc;
CREATE INDEX IF NOT EXISTS attributions_day ON attributions (day);
DROP INDEX IF EXISTS attributions_entity;
CREATE INDEX attributions_entity ON attributions (doc_rowid, entity_id, anonymous, hedged, speaker_id, via_outlet);
