-- The full-text tables index each row's outlet too, so that a search within an outlet is one full-text
-- query: FTS5 walks the doclists of the words and of the outlet's token together and reads only the
-- matches from that outlet (before, it read every match of a common word and looked up each one's
-- document, or read all the outlet's rowids first). The token is 'o' and the hex digits of the
-- outlet_key's UTF-8 bytes (`reportedly.corpus.backend.outlet_token`): one word for FTS5's tokenizer,
-- whatever punctuation or spaces the outlet's name has, and one per outlet. The tables read their rows
-- from a view of the content table that adds the token in the last column, `outlet` (a statement's
-- from its document's head, `documents_head`), so every write and rebuild indexes the same token; a
-- search never lets the user's words match it (`Dialect.text_match`) and bm25 gives the column weight
-- 0. Rebuilt here from the stored rows.

DROP TABLE IF EXISTS documents_fts;
DROP TABLE IF EXISTS attributions_fts;
DROP VIEW IF EXISTS documents_fts_content;
DROP VIEW IF EXISTS attributions_fts_content;
CREATE VIEW documents_fts_content AS
    SELECT d.rowid AS rowid, d.title AS title, d.content AS content,
           'o' || lower(hex(d.outlet_key)) AS outlet
    FROM documents d;
CREATE VIEW attributions_fts_content AS
    SELECT a.rowid AS rowid, a.doc_rowid AS doc_rowid, a.content_text AS content_text, a.source_text AS source_text,
           'o' || lower(hex(d.outlet_key)) AS outlet
    FROM attributions a JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid;
CREATE VIRTUAL TABLE documents_fts USING fts5 (
    title, content, outlet, content='documents_fts_content', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content_text, source_text, outlet, content='attributions_fts_content', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
