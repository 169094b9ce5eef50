-- The statements' full-text table indexes each statement's speaker too, so that a search for words
-- within a speaker's statements is one full-text query, as a search within an outlet is since 0009:
-- FTS5 walks the doclists of the words and of the speaker's token together and reads only that
-- speaker's matches (before, it counted every match of the words and built a table of all the
-- speaker's rowids: a cost that grows with the corpus). The token is 's' and the hex digits of the
-- speaker id's UTF-8 bytes (`reportedly.corpus.backend.speaker_token`), empty for a statement with no
-- speaker; it is the view's last column, `speaker`, after the outlet's token, and bm25 gives it weight 0.
-- A speaker id changes when names are linked across the corpus, so a trigger re-indexes a statement
-- whose speaker_id changes (the old tokens taken out with FTS5's 'delete', the row indexed again from
-- the view). A bulk update of speakers (`refresh_speakers`, `load`) drops the trigger, then makes it
-- again and rebuilds the table in one pass (`Dialect.speakers_relinked`). Rebuilt here from the stored rows.

DROP TRIGGER IF EXISTS attributions_fts_speaker;
DROP TABLE IF EXISTS attributions_fts;
DROP VIEW IF EXISTS attributions_fts_content;
CREATE VIEW attributions_fts_content AS
    SELECT a.rowid AS rowid, a.doc_rowid AS doc_rowid, a.content_text AS content_text, a.source_text AS source_text,
           'o' || lower(hex(d.outlet_key)) AS outlet,
           CASE WHEN a.speaker_id IS NULL THEN '' ELSE 's' || lower(hex(a.speaker_id)) END AS speaker
    FROM attributions a JOIN documents d INDEXED BY documents_head ON d.rowid = a.doc_rowid;
CREATE VIRTUAL TABLE attributions_fts USING fts5 (
    content_text, source_text, outlet, speaker, content='attributions_fts_content', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
CREATE TRIGGER attributions_fts_speaker AFTER UPDATE OF speaker_id ON attributions
WHEN old.speaker_id IS NOT new.speaker_id
BEGIN
    INSERT INTO attributions_fts (attributions_fts, rowid, content_text, source_text, outlet, speaker)
        SELECT 'delete', old.rowid, old.content_text, old.source_text, v.outlet,
               CASE WHEN old.speaker_id IS NULL THEN '' ELSE 's' || lower(hex(old.speaker_id)) END
        FROM attributions_fts_content v WHERE v.rowid = old.rowid;
    INSERT INTO attributions_fts (rowid, content_text, source_text, outlet, speaker)
        SELECT v.rowid, v.content_text, v.source_text, v.outlet, v.speaker
        FROM attributions_fts_content v WHERE v.rowid = new.rowid;
END;
