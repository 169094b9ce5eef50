-- Indexes for reading a large store. In SQLite a document's row holds its whole text before its
-- outlet and dates, so reading `outlet` of a row reads the pages of its text too: the pages that list
-- many statements (a speaker's, a statement's occurrences) read a document's head from
-- `documents_head` instead (`INDEXED BY`), and an outlet's documents by month come from
-- `documents_outlet_month` alone. `speakers_name` finds a speaker by name (any case) without reading
-- every speaker.

CREATE INDEX IF NOT EXISTS documents_head ON documents (rowid, id, title, date, day, outlet, outlet_key);
CREATE INDEX IF NOT EXISTS documents_outlet_month ON documents (outlet_key, month);
CREATE INDEX IF NOT EXISTS speakers_name ON speakers (lower(name));
