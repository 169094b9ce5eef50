-- Indexes for reading a large store. In SQLite a document's row holds its whole text before its
-- outlet and dates, so reading `outlet` of a row reads the pages of its text too: the pages that list
-- many statements (a speaker's, a statement's occurrences) read a document's head from
-- `documents_head` instead (`INDEXED BY`), and an outlet's documents by month come from
-- `documents_outlet_month` alone. `speakers_name` finds a speaker by name (any case) without reading
-- every speaker; `entities_doc_seq` (in place of `entities_doc`) finds the first entity of an id in a
-- document without reading the document's other entities; `attributions_day` lists the newest
-- statements (a search with no words and no filter) without sorting them all; `attributions_entity`
-- also holds what an outlet's page counts of its documents' statements (flags, speaker, relaying
-- outlet), so the page reads an index, not every statement's row.

CREATE INDEX IF NOT EXISTS documents_head ON documents (rowid, id, title, date, day, outlet, outlet_key);
CREATE INDEX IF NOT EXISTS documents_outlet_month ON documents (outlet_key, month);
CREATE INDEX IF NOT EXISTS speakers_name ON speakers (lower(name));
CREATE INDEX IF NOT EXISTS entities_doc_seq ON entities (doc_rowid, entity_id, seq);
DROP INDEX IF EXISTS entities_doc;
CREATE INDEX IF NOT EXISTS attributions_day ON attributions (day);
DROP INDEX IF EXISTS attributions_entity;
CREATE INDEX attributions_entity ON attributions (doc_rowid, entity_id, anonymous, hedged, speaker_id, via_outlet);
